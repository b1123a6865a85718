"""Build the offline, installable web app: `python -m tools.build_web [--out dist]`.

The result is a folder of static files that any web server can host. Python
runs in the browser (Pyodide), the data stays in the browser (IndexedDB), and
after the first visit the app works with no network at all.

Steps: copy the stock Flet web client from the installed flet_web package and
drop what this app never loads (the skwasm/wimp renderers, debug symbols,
Pyodide's command-line files, unused font families); patch index.html for
Pyodide with local CanvasKit; point the Rive loader at a local stand-in;
replace Flutter's service-worker kill switch with our own worker
(tools/web_template/sw.js) whose cache name is a hash of the files; lay
assets/ (manifest, icons) over the result as the server mode does;
compile Python to bytecode (tools/web_pyc.py); write the app's archive and
the dependencies' archive (tools/web_vendor.py); put the server's security
policy into <meta> tags (app/server/policy.py); add gzip copies and the worker's
file list with content hashes (tools/web_sw.py). Same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import flet_web
from flet.controls.types import RouteUrlStrategy, WebRenderer

from app.server import client, policy
from tools import web_notify, web_prewarm, web_pyc, web_vendor
from tools.web_sw import Site, files, gzip_copies, matches, replace_once, write_service_worker

__all__ = ["Site", "build", "build_site", "main", "write_service_worker"]  # the tests use these
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "web_template"
DEFAULT_OUT = ROOT / "dist"
APP_SOURCES = ("main.py", "app", "content")
TITLE = "Lip Twitch Check"
DESCRIPTION = (
    "Learn why lips twitch, take a careful self-check, and keep your results "
    "private on this device. Works offline."
)
THEME_COLOR = "#00796B"
APP_ARCHIVE = "app.bundle"
LOADING_ICON = "icons/loading-animation.png"
DEPS_ARCHIVE = "deps.bundle"  # unpacked before APP_ARCHIVE (tools/web_prewarm.py)
# Never requested by this app with the CanvasKit renderer and an empty requirements.txt.
DROP = (
    "canvaskit/skwasm*",
    "canvaskit/wimp*",
    "canvaskit/experimental_webparagraph/*",
    "*.symbols",
    "main.dart.wasm",
    "main.dart.mjs",
    "flutter.js",
    "flutter.js.map",
    "flutter_service_worker.js",
    "version.json",
    "pyodide/python",
    "pyodide/python.*",
    "pyodide/python_cli_entry.mjs",
    "pyodide/*.d.ts",
    "pyodide/package.json",
    "pyodide/pyodide.js",
    "pyodide/*.whl",
    "assets/packages/*",
)
KEEP_FONTS = ("MaterialIcons",)  # Roboto is added by flet_web.patch_font_manifest_json
def copy_client(out: Path) -> None:
    web = Path(flet_web.get_package_web_dir())
    if out.exists():
        shutil.rmtree(out)
    for rel in files(web):
        if not matches(rel, DROP):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(web / rel, out / rel)


def patch_index(
    out: Path, base_href: str, title: str, description: str, wait_for_home: bool = False
) -> None:
    index = out / "index.html"
    package = Path(flet_web.get_package_web_dir()) / "pyodide/package.json"
    version = json.loads(package.read_text())
    flet_web.patch_index_html(
        str(index),
        base_href=base_href,
        app_name=title,
        app_description=description,
        pyodide=True,
        pyodide_script_path="main.py",
        pyodide_version=version["version"],
        app_package_url=APP_ARCHIVE,
        web_renderer=WebRenderer.CANVAS_KIT,
        route_url_strategy=RouteUrlStrategy.HASH,
        no_cdn=True,
    )
    html = index.read_text(encoding="utf-8")
    # The worker import()s this URL: a bare "pyodide/..." is not a valid module specifier.
    html = replace_once(
        html,
        'flet.pyodideUrl="pyodide/pyodide.mjs";',
        'flet.pyodideUrl="./pyodide/pyodide.mjs";',
        "index.html",
    )
    style = (TEMPLATE / "pwa.css").read_text(encoding="utf-8")
    # The viewport tag sizes the start-up note for phones until Flutter sets its own.
    html = replace_once(
        html,
        "</head>",
        f'  <meta name="theme-color" content="{THEME_COLOR}">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <style>\n{style}  </style>\n</head>",
        "index.html",
    )
    html = replace_once(
        html,
        f'<img src="{LOADING_ICON}" alt="" />',
        f'<img src="{LOADING_ICON}" alt="" />\n    <p id="lipcheck-status"></p>',
        "index.html",
    )
    script = (TEMPLATE / "pwa.js").read_text(encoding="utf-8")
    script = replace_once(script, "__WAIT_FOR_HOME__", json.dumps(wait_for_home), "pwa.js")
    html = replace_once(
        html,
        '<script src="flutter_bootstrap.js" async></script>',
        f"<script>\n{script}</script>",
        "index.html",
    )
    index.write_text(html, encoding="utf-8")


def patch_rive(out: Path) -> None:
    """The client's Rive loader points at a local stand-in, not a CDN (app/server/client.py)."""
    path = out / "main.dart.js"
    path.write_bytes(client.patch_bytes(path.read_bytes(), "main.dart.js"))
    for rel, body in client.stand_in_files().items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(body)


def add_policy(out: Path) -> None:
    """The server's CSP (less what only a header can say) and referrer policy as <meta>
    tags, first in <head>, with the final inline scripts allowed by hash."""
    index = out / "index.html"
    html = index.read_text(encoding="utf-8")
    csp = policy.content_security_policy(policy.script_hashes(html), meta=True)
    tags = (
        f'\n  <meta http-equiv="Content-Security-Policy" content="{csp}">'
        '\n  <meta name="referrer" content="no-referrer">'
    )
    html = replace_once(html, "<head>", "<head>" + tags, "index.html")
    index.write_text(html, encoding="utf-8")


def patch_bootstrap(out: Path) -> None:
    """Stop Flutter's loader from registering its kill-switch worker over ours, and
    hand its first frame to the page (pwa.js), which keeps the loading screen up
    until the app's first screen has painted, not just Flutter's empty frame."""
    path = out / "flutter_bootstrap.js"
    text, count = re.subn(r"\n\s*serviceWorkerSettings:\s*\{[^{}]*\},", "", path.read_text())
    if count != 1:
        raise SystemExit("flutter_bootstrap.js: no serviceWorkerSettings; has flet-web changed?")
    text = replace_once(
        text,
        "document.getElementById('loading')?.remove();",
        "if (window.lipcheckFirstFrame) window.lipcheckFirstFrame();\n"
        "    else document.getElementById('loading')?.remove();",
        "flutter_bootstrap.js",
    )
    path.write_text(text)


def patch_fonts(out: Path) -> None:
    """Flutter downloads every font in FontManifest.json at start; keep the ones used."""
    path = out / "assets/FontManifest.json"
    fonts = [f for f in json.loads(path.read_text()) if f["family"] in KEEP_FONTS]
    path.write_text(json.dumps(fonts, indent=2))
    flet_web.patch_font_manifest_json(str(path))


def overlay(out: Path, assets: Path) -> None:
    """assets/ overrides the client's files (manifest, icons), as in server mode; the
    loading icon is inlined so the first frame already shows it, not just the status."""
    for rel in files(assets):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(assets / rel, out / rel)
    icon = "data:image/png;base64," + base64.b64encode((out / LOADING_ICON).read_bytes()).decode()
    html = (out / "index.html").read_text(encoding="utf-8")
    html = replace_once(html, f'src="{LOADING_ICON}"', f'src="{icon}"', "index.html")
    (out / "index.html").write_text(html, encoding="utf-8")


def add_bytecode(out: Path, app: web_vendor.AppFiles) -> None:
    """Compile the standard library and the app archive's modules (see web_pyc)."""
    stdlib_path = out / "pyodide/python_stdlib.zip"
    stdlib = stdlib_path.read_bytes()
    parts: dict[str, Mapping[str, bytes]] = {
        "stdlib": web_pyc.stdlib_sources(stdlib),
        "loose": app.loose,
        "binary": app.binary,
        "zipped": app.zipped,
    }
    sources = {
        f"{part}/{name}": data
        for part, files in parts.items()
        for name, data in files.items()
        if name.endswith(".py")
    }
    result = web_pyc.compile_all(out / "pyodide", sources)
    if result is None:
        return
    tag, compiled = result
    split: dict[str, dict[str, bytes]] = {part: {} for part in parts}
    for key, pyc in compiled.items():
        part, name = key.split("/", 1)
        split[part][name] = pyc
    stdlib_path.write_bytes(web_pyc.compiled_stdlib(stdlib, split["stdlib"]))
    web_pyc.add_pycache(app.loose, split["loose"], tag)
    web_pyc.add_pycache(app.binary, split["binary"], tag)
    web_pyc.add_beside(app.zipped, split["zipped"])


def build_site(
    out: Path,
    app: web_vendor.AppFiles,
    *,
    title: str = TITLE,
    description: str = DESCRIPTION,
    assets: Path | None = ROOT / "assets",
    base_href: str = "/",
    warm: tuple[str, ...] = ("flet",),
    wait_for_home: bool = False,
) -> Site:
    """Any Flet app as an offline static site; `app` is what its archives hold,
    `warm` the modules imported while Flutter loads (tools/web_prewarm.py), and
    `wait_for_home` whether the app says when its first screen is up (app/web.py),
    so the loading screen waits for that instead of Flutter's first frame."""
    copy_client(out)
    patch_index(out, base_href, title, description, wait_for_home)
    patch_bootstrap(out)
    patch_rive(out)
    web_prewarm.patch(out, warm, (DEPS_ARCHIVE,))
    web_notify.patch(out)
    patch_fonts(out)
    if assets is not None:
        overlay(out, assets)
    add_policy(out)
    app = web_vendor.AppFiles(dict(app.loose), dict(app.zipped), dict(app.binary))
    add_bytecode(out, app)
    (out / APP_ARCHIVE).write_bytes(web_vendor.pack(app))
    (out / DEPS_ARCHIVE).write_bytes(web_vendor.pack_deps(app))
    site = write_service_worker(out, gzip_copies(out))
    web_notify.hook_worker(out)
    return site


def build(
    out: Path = DEFAULT_OUT, base_href: str = "/", sources: Mapping[str, bytes] | None = None
) -> Site:
    """This app: its sources (as in the work tree unless given) and every runtime
    dependency vendored for Pyodide."""
    if sources is None:
        sources = web_vendor.source_files(ROOT, APP_SOURCES)
    wheels = web_vendor.fetch_wheels(web_vendor.APP_DEPS)
    return build_site(
        out,
        web_vendor.app_files(sources, wheels),
        base_href=base_href,
        warm=("flet", "app.ui.frame.pyodide_boot"),
        wait_for_home=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_web",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default dist/)")
    parser.add_argument("--base-href", default="/",
                        help="URL path the site is served under, e.g. /lipcheck/ (default /)")
    args = parser.parse_args(argv)
    site = build(args.out.resolve(), args.base_href)
    total = sum((site.out / rel).stat().st_size for rel in files(site.out))
    print(
        f"built {site.out} version {site.version}: {total / 1e6:.1f} MB on disk, "
        f"offline copy downloads {site.precache_bytes / 1e6:.1f} MB ({len(site.precache)} files)"
    )
    print(f"serve it with any static web server, e.g. python -m http.server -d {site.out} 8000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
