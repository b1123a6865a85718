"""What the terminal shows at start: the address (with the key in LAN mode), a QR
code of it, and the warning that anyone on the network can reach the app."""

from __future__ import annotations

import io
import ipaddress
import socket
from collections.abc import Iterable

from app.config import AppConfig
from app.server.access import LOOPBACK_NAMES, TOKEN_PARAM

WARNING = """\
WARNING: LAN mode. The app listens on {host}, so every device that can reach this
computer on that network can reach it too, and it holds your health data (check
results, diary, habits). Only people with the key in the link below can open it.
Use this only on a network you trust (your home Wi-Fi, not a cafe or office), and
stop the server (Ctrl+C) when you are done. Keep the link and its QR code private."""


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, asked of the kernel (Linux ioctl
    SIOCGIFADDR): no packet and no DNS query leaves the machine."""
    import fcntl
    import struct

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(sock.fileno(), 0x8915, request)  # SIOCGIFADDR
            except OSError:
                continue  # no IPv4 address on this interface
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def _resolver_addresses(family: int) -> list[str]:
    """Elsewhere: the machine's own name as the local resolver knows it."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def lan_addresses(host: str) -> list[str]:
    """The addresses a phone can use: the --host itself, or for 0.0.0.0 / :: the
    machine's own non-loopback addresses."""
    if host not in ("0.0.0.0", "::", ""):
        return [host]
    try:
        candidates = _interface_addresses()
    except (ImportError, OSError, AttributeError):
        family = socket.AF_INET6 if host == "::" else socket.AF_INET
        candidates = _resolver_addresses(family)
    found: list[str] = []
    for address in candidates:
        if not ipaddress.ip_address(address).is_loopback and address not in found:
            found.append(address)
    return found


def link(config: AppConfig, host: str) -> str:
    query = f"?{TOKEN_PARAM}={config.token}" if config.token else ""
    return f"http://{_url_host(host)}:{config.port}/{query}"


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with text characters (segno, imported only here)."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def banner(config: AppConfig, addresses: Iterable[str] | None = None) -> str:
    """Everything printed at start."""
    if not config.lan:
        line = f"Lip Twitch Check: open {link(config, '127.0.0.1')} in your browser"
        return line if not config.token else line + "\n(keep this link private: it holds the key)"
    hosts = list(addresses if addresses is not None else lan_addresses(config.host))
    lines = [WARNING.format(host=config.host), ""]
    if not hosts:
        lines.append(
            f"Open http://<this computer's address>:{config.port}/?{TOKEN_PARAM}="
            f"{config.token} on your phone (find the address with `ip addr`)."
        )
    for host in hosts:
        lines.append(f"On your phone: open {link(config, host)}")
    if config.host in ("0.0.0.0", "::") or config.host in LOOPBACK_NAMES:
        lines.append(f"On this computer: open {link(config, '127.0.0.1')}")
    if hosts:
        qr = qr_text(link(config, hosts[0]))
        lines += ["", "Or scan this QR code with the phone's camera:", qr]
    return "\n".join(lines)
