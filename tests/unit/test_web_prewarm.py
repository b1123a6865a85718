"""The client patch that starts Python while Flutter loads (tools/web_prewarm.py).

It runs on the real flet-web client files; the browser side is covered by
tests/e2e/test_pwa.py, which checks the archive was unpacked before connecting.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import flet_web
import pytest

from tools import web_prewarm

CLIENT = Path(flet_web.get_package_web_dir())


def stock_copy(tmp_path: Path) -> Path:
    for name in ("python.js", "python-worker.js"):
        shutil.copyfile(CLIENT / name, tmp_path / name)
    return tmp_path


def test_the_page_starts_one_worker_early_and_the_connection_reuses_it(tmp_path: Path) -> None:
    out = stock_copy(tmp_path)
    web_prewarm.patch(out, ("flet", "app.ui.frame.pyodide_boot"))
    page = (out / "python.js").read_text()
    assert "globalThis.fletPrewarm = function" in page
    assert "app.worker = globalThis.fletWarmWorker || fletNewWorker();" in page
    assert page.count("new Worker(") == 1  # one place makes workers
    worker = (out / "python-worker.js").read_text()
    assert "self.pyodide = await self.loadRuntime();" in worker
    assert worker.count("await import(self.pyodideUrl)") == 1  # the runtime loads once
    assert "import flet\n" in worker and "import app.ui.frame.pyodide_boot\n" in worker
    assert 'getattr(flet_js, "archive_ready", 0)' in worker


def test_a_changed_client_fails_the_build_loudly(tmp_path: Path) -> None:
    out = stock_copy(tmp_path)
    web_prewarm.patch(out)
    with pytest.raises(SystemExit, match="has flet-web changed"):
        web_prewarm.patch(out)  # the stock text is gone: nothing may be half-patched


def test_a_worker_that_does_not_match_leaves_both_files_stock(tmp_path: Path) -> None:
    out = stock_copy(tmp_path)
    worker = out / "python-worker.js"
    worker.write_text(worker.read_text().replace("// run only once", "// changed upstream"))
    page_before, worker_before = (out / "python.js").read_text(), worker.read_text()
    with pytest.raises(SystemExit, match="python-worker.js"):
        web_prewarm.patch(out)
    assert (out / "python.js").read_text() == page_before
    assert worker.read_text() == worker_before


def test_a_failed_early_load_is_tried_again_at_connect(tmp_path: Path) -> None:
    web_prewarm.patch(stock_copy(tmp_path))
    worker = (tmp_path / "python-worker.js").read_text()
    assert "self.runtime = null;  // a failed early load is tried again at connect" in worker
    prewarm = worker[worker.index("event.data.prewarm") :]
    assert prewarm.index("self.loadRuntime()") < prewarm.index("return;")


def test_only_module_names_are_imported_early(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not a module name"):
        web_prewarm.patch(stock_copy(tmp_path), ("flet; import os",))
