"""The web server around the Flet app: who may talk to it, and what every response says.

Flet's own ASGI app accepts any Origin and Host and sends wildcard CORS; the layer
here (app/server/guard.py) sits in front of it and refuses anything that is not the
app's own page, asks LAN visitors for the secret, adds the security headers and
serves the few client files that must not come from a CDN. Nothing here imports
flet; app/server/serve.py wires the layer around the app app/ui/frame/web_client.py builds.
"""
