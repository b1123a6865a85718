"""Start Python while Flutter loads, instead of after.

The stock client creates its Python worker only once Flutter has loaded and
connects; the worker then spends about a second loading the Pyodide runtime.
Those two waits do not depend on each other, so the page now starts the worker
(and the runtime load) as soon as it starts Flutter, and the connection reuses
that worker. Measured with bench/web.py. Each patch must match exactly once, so
a changed flet-web fails the build loudly instead of shipping a half-patched client.

The worker also reports how far the start has got: `fletMark(name)` posts
{mark, t} (t in ms since the epoch) on the BroadcastChannel "flet-start", which
the page shows as its loading line and bench/web.py reads as the breakdown; and a
string "flet-signal:<name>" posted to the page (in order with the UI's messages)
reaches `globalThis.fletSignal(name)` instead of the stock error handling.
Extra archives (the dependencies, which rarely change) are unpacked before the
app's own, so an update of the app's code downloads only the small archive.
The archives are "bundles" that the worker writes straight into Pyodide's file
system (measured: Python's gzip + tarfile took seconds for the app's ~200 files),
and their download starts with the runtime's, not after it.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE_OLD = """    app.worker = new Worker(
        (flet.entrypointBaseUrl.endsWith("/") ?
            flet.entrypointBaseUrl.slice(0, -1) : flet.entrypointBaseUrl) + "/python-worker.js",
        { type: "module" });
"""
PAGE_NEW = """    // Reuse the worker fletPrewarm() started (tools/web_prewarm.py), if any.
    app.worker = globalThis.fletWarmWorker || fletNewWorker();
    globalThis.fletWarmWorker = null;
"""
PAGE_SIGNAL_OLD = """    app.worker.onmessage = (event) => {
        if (typeof event.data === "string") {
"""
PAGE_SIGNAL_NEW = """    app.worker.onmessage = (event) => {
        if (typeof event.data === "string" && event.data.startsWith("flet-signal:")) {
            if (globalThis.fletSignal) globalThis.fletSignal(event.data.slice(12));
            return;
        }
        if (typeof event.data === "string" && event.data != "initialized" &&
            globalThis.fletSignal) {
            globalThis.fletSignal("error");  // Python failed to start: show Flutter's error
        }
        if (typeof event.data === "string") {
"""
PAGE_ADD = """
// Added by tools/web_prewarm.py: the page calls fletPrewarm() when it starts
// Flutter, so the Python runtime loads while Flutter does.
function fletNewWorker() {
    return new Worker(
        (flet.entrypointBaseUrl.endsWith("/") ?
            flet.entrypointBaseUrl.slice(0, -1) : flet.entrypointBaseUrl) + "/python-worker.js",
        { type: "module" });
}
globalThis.fletPrewarm = function () {
    if (globalThis.fletWarmWorker || Object.keys(_apps).length) return;
    const worker = fletNewWorker();
    worker.postMessage({
        prewarm: true,
        pyodideUrl: flet.pyodideUrl || "pyodide/pyodide.mjs",
        appPackageUrl: flet.appPackageUrl,
    });
    globalThis.fletWarmWorker = worker;
};
"""

WORKER_LOAD_OLD = """        const pyodideModule = await import(self.pyodideUrl);
        const loadPyodide = pyodideModule.loadPyodide || self.loadPyodide;
        self.pyodide = await loadPyodide({
            stdout: (text) => self.sendPythonOutput(text, false),
            stderr: (text) => self.sendPythonOutput(text, true),
        });
"""
WORKER_LOAD_NEW = """        self.pyodide = await self.loadRuntime();
        if (!self.prewarmArchiveUrl) self.prewarmArchiveUrl = self.archiveUrl(self.appPackageUrl);
        flet_js.archive_ready = await self.fetchArchive();
        if (!flet_js.archive_ready) {  // one more try (an early fetch can fail on its own)
            self.archive = null;
            flet_js.archive_ready = await self.fetchArchive();
        }
"""
WORKER_ADD = """
// Added by tools/web_prewarm.py: start-up marks for the page (its loading line)
// and for bench/web.py, on a channel of their own.
self.startChannel = typeof BroadcastChannel === "function" ?
    new BroadcastChannel("flet-start") : null;
self.fletMark = function (name) {
    const t = performance.timeOrigin + performance.now();
    if (self.startChannel) self.startChannel.postMessage({ mark: String(name), t: t });
};
// The archives to unpack before the app's own (dependencies), made by the build.
self.extraArchives = __EXTRA_ARCHIVES__;
self.archiveUrl = function (url) {
    return /\\.bundle$/.test(url || "") ? url : null;
};
// A bundle (tools/web_vendor.py bundle): a 4-byte little-endian header length,
// a JSON header [[path, size], ...], then the files' bytes one after another.
// Writing them straight into Pyodide's file system skips Python's gzip and
// tarfile (the service worker has already unpacked the transfer's gzip).
self.unpackBundle = function (FS, bytes) {
    const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
    const index = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
    const root = FS.cwd();
    let at = 4 + size;
    for (const [name, length] of index) {
        if (!name || name.startsWith("/") || name.split("/").includes("..")) {
            throw new Error(`bundle: bad name ${name}`);
        }
        const path = root + "/" + name;
        FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
        FS.writeFile(path, bytes.subarray(at, at + length));
        at += length;
    }
    if (at !== bytes.length) throw new Error("bundle: wrong length");
};
self.fetchBundle = async function (url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
};
// The runtime is loaded once, either early (a "prewarm" message from the page)
// or when the app connects, whichever is first.
self.loadRuntime = function () {
    if (!self.runtime) {
        self.runtime = (async () => {
            self.fletMark("runtime-start");
            const pyodideModule = await import(self.pyodideUrl);
            const loadPyodide = pyodideModule.loadPyodide || self.loadPyodide;
            const runtime = await loadPyodide({
                stdout: (text) => self.sendPythonOutput(text, false),
                stderr: (text) => self.sendPythonOutput(text, true),
            });
            self.fletMark("runtime-ready");
            return runtime;
        })().catch((error) => {
            self.runtime = null;  // a failed early load is tried again at connect
            throw error;
        });
    }
    return self.runtime;
};
// The app archive, unpacked and flet imported, also ahead of the connection.
// Resolves to false when that did not work: the stock code then downloads it.
self.fetchArchive = function () {
    if (!self.archive) {
        self.archive = (async () => {
            if (!self.prewarmArchiveUrl) return false;
            try {
                const urls = [...self.extraArchives, self.prewarmArchiveUrl];
                const bodies = Promise.all(urls.map(self.fetchBundle));
                const pyodide = await self.loadRuntime();
                self.fletMark("archive-start");
                for (const body of await bodies) self.unpackBundle(pyodide.FS, body);
                await pyodide.runPythonAsync(`
                import js, os, sys
                if os.path.exists("__pypackages__"):
                    sys.path.insert(0, "__pypackages__")
                js.fletMark("archive-unpacked")
                __WARM_IMPORTS__
                js.fletMark("imports-done")
                `);
                return true;
            } catch (error) {
                console.log("Prewarm: the app archive loads at connect instead:", error);
                return false;
            }
        })();
    }
    return self.archive;
};
"""
WORKER_SKIP_OLD = """        if "script" not in py_args:
"""
WORKER_SKIP_NEW = """        if "script" not in py_args and getattr(flet_js, "archive_ready", 0):
            print("App archive already unpacked")
        elif "script" not in py_args:
"""
WORKER_MSG_OLD = """self.onmessage = async (event) => {
    // run only once
"""
WORKER_MSG_NEW = r"""self.onmessage = async (event) => {
    if (!self.initialized && event.data && event.data.prewarm) {
        self.pyodideUrl = event.data.pyodideUrl;
        // Only a .bundle is unpacked early (the format this build writes).
        self.prewarmArchiveUrl = self.archiveUrl(event.data.appPackageUrl);
        // Failures here are retried, or reported, when the app connects.
        self.loadRuntime().catch(() => {});
        self.fetchArchive().catch(() => {});
        return;
    }
    // run only once
"""


def _once(text: str, old: str, new: str, where: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"{where}: expected one {old[:60]!r}...; has flet-web changed?")
    return text.replace(old, new)


def patch(
    out: Path, imports: tuple[str, ...] = ("flet",), extra_archives: tuple[str, ...] = ()
) -> None:
    """Patch python.js and python-worker.js in a built site; `imports` are modules
    imported early, so they must have no side effects (flet, an app's own modules);
    `extra_archives` (.bundle, relative URLs) are unpacked before the app's archive."""
    for name in imports:
        if not name.replace(".", "").replace("_", "").isalnum():
            raise SystemExit(f"not a module name: {name!r}")
    for url in extra_archives:
        if not url.endswith(".bundle") or not url.replace("/", "").replace("-", "").replace(
            "_", ""
        ).replace(".", "").isalnum():
            raise SystemExit(f"not an archive name: {url!r}")
    warm = "\n                ".join(f"import {name}" for name in imports)
    page, worker = out / "python.js", out / "python-worker.js"
    # Both texts are made before either is written: never a patched page with a
    # stock worker (the stock worker would take the prewarm message as its start).
    new_page = _once(page.read_text(encoding="utf-8"), PAGE_OLD, PAGE_NEW, "python.js")
    new_page = _once(new_page, PAGE_SIGNAL_OLD, PAGE_SIGNAL_NEW, "python.js")
    text = worker.read_text(encoding="utf-8")
    text = _once(text, WORKER_LOAD_OLD, WORKER_LOAD_NEW, "python-worker.js")
    text = _once(text, WORKER_MSG_OLD, WORKER_MSG_NEW, "python-worker.js")
    text = _once(text, WORKER_SKIP_OLD, WORKER_SKIP_NEW, "python-worker.js")
    page.write_text(new_page + PAGE_ADD, encoding="utf-8")
    add = WORKER_ADD.replace("__WARM_IMPORTS__", warm)
    add = add.replace("__EXTRA_ARCHIVES__", json.dumps(list(extra_archives)))
    worker.write_text(text + add, encoding="utf-8")
