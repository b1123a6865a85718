"""Settings "Where your data lives": a folder on a computer, the browser's IndexedDB in
the offline build (never Pyodide's in-memory path), and a warning when saving failed."""

from __future__ import annotations

from pathlib import Path

from app.ui.pages.settings import data_location
from app.web import DATA_DIR, BrowserStorage, open_browser_storage
from tests.unit.test_web_storage import FlakySync, run


def test_on_a_computer_it_names_the_data_folder(tmp_path: Path) -> None:
    assert data_location(tmp_path, in_browser=False) == (str(tmp_path), None)


def test_in_the_browser_it_names_indexeddb_not_the_pyodide_path() -> None:
    async def scenario() -> BrowserStorage:
        sync = FlakySync([])
        sync.gate.set()
        storage = BrowserStorage(sync)
        storage.schedule()
        await storage.flush()
        return storage

    place, problem = data_location(Path(str(DATA_DIR)), True, run(scenario()))
    assert "this browser's storage on this device (IndexedDB)" in place
    assert str(DATA_DIR) not in place and problem is None


def test_a_failed_save_to_the_browser_is_shown_until_a_later_save_works() -> None:
    async def scenario() -> tuple[str | None, str | None]:
        sync = FlakySync([True, True])
        sync.gate.set()
        storage = BrowserStorage(sync, retry_delays=(0.0,))
        storage.schedule()
        await storage.flush()
        failing = data_location(Path(str(DATA_DIR)), True, storage)[1]
        storage.schedule()  # the next commit, and now IndexedDB takes it
        await storage.flush()
        return failing, data_location(Path(str(DATA_DIR)), True, storage)[1]

    failing, after = run(scenario())
    assert failing == (
        "This browser did not let the app save its data: quota exceeded. "
        "Recent changes are lost when this page closes. Export a backup."
    )
    assert after is None


def test_without_indexeddb_it_says_the_data_is_only_in_memory() -> None:
    def unavailable() -> object:
        raise RuntimeError("IndexedDB is disabled in this private window.")

    storage = run(open_browser_storage(unavailable))  # type: ignore[arg-type]
    place, problem = data_location(Path(str(DATA_DIR)), True, storage)
    assert "only in this page's memory" in place
    assert problem is not None
    assert problem.startswith(
        "This browser did not let the app save its data: "
        "IndexedDB is disabled in this private window."
    )
    assert problem.endswith("Export a backup.")
