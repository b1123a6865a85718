"""The offline build's service worker: its file list, versions and gzip copies.

Every precached file is listed with a hash of its content. The worker's cache
is named after a hash of all of them (the build's version), and a new version's
worker copies each file whose hash it already holds from the old cache instead
of downloading it again (tools/web_template/sw.js): an update downloads only
the files that changed. Big files get a gzip copy beside them, which the worker
fetches and unpacks with the browser's own DecompressionStream.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "web_template"
# Not needed to run (Flutter fetches NOTICES only for a licence page; icon.png is the
# source of the native apps' icons; the install dialog fetches screenshots/ itself, while
# online); the .gz copies are fetched in place of their files.
NOT_PRECACHED = ("sw.js", "assets/NOTICES", "icon.png", "screenshots/*")
GZIP_MIN_BYTES = 32_000
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".png": "image/png",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".woff2": "font/woff2",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}


@dataclass(frozen=True)
class Site:
    """A built site: where, its version (the worker's cache name), what it precaches."""

    out: Path
    version: str
    precache: tuple[tuple[str, int], ...]  # (path, bytes the worker downloads)
    hashes: tuple[tuple[str, str], ...] = ()  # (path, content hash) of every precached file

    @property
    def precache_bytes(self) -> int:
        return sum(size for _, size in self.precache)


def files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def matches(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns)


def replace_once(text: str, old: str, new: str, where: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"{where}: expected one {old!r}; has flet-web changed?")
    return text.replace(old, new)


def gzip_copies(out: Path) -> set[str]:
    zipped = set()
    for rel in files(out):
        data = (out / rel).read_bytes()
        if len(data) < GZIP_MIN_BYTES or matches(rel, NOT_PRECACHED):
            continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < 0.8 * len(data):
            (out / f"{rel}.gz").write_bytes(packed)
            zipped.add(rel)
    return zipped


def _variant(rel: str) -> str:
    if rel.startswith("canvaskit/chromium/"):
        return "chromium"
    return "full" if rel.startswith("canvaskit/") else ""


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def write_service_worker(out: Path, zipped: set[str]) -> Site:
    """sw.js with the file list (each with its content hash and the bytes sent for
    it) and a version that is a hash of every other file."""
    digest = hashlib.sha256()
    for rel in files(out):
        if rel != "sw.js":
            digest.update(rel.encode() + b"\0" + hashlib.sha256((out / rel).read_bytes()).digest())
    version = digest.hexdigest()[:16]
    entries, sizes, hashes = [], [], []
    copies = {f"{rel}.gz" for rel in zipped}
    for rel in files(out):
        if matches(rel, NOT_PRECACHED) or rel in copies:
            continue
        kind = TYPES.get(Path(rel).suffix, "application/octet-stream")
        sent = (out / (f"{rel}.gz" if rel in zipped else rel)).stat().st_size
        digest_rel = content_hash(out / rel)
        entries.append([rel, kind, int(rel in zipped), _variant(rel), digest_rel, sent])
        if _variant(rel) in ("", "chromium"):
            sizes.append((rel, sent))
            hashes.append((rel, digest_rel))
    text = (TEMPLATE / "sw.js").read_text(encoding="utf-8")
    text = replace_once(text, "'__VERSION__'", json.dumps(version), "sw.js")
    text = replace_once(text, "__FILES__", json.dumps(entries, indent=0), "sw.js")
    (out / "sw.js").write_text(text, encoding="utf-8")
    return Site(out=out, version=version, precache=tuple(sizes), hashes=tuple(hashes))
