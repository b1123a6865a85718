"""Settings: theme memory, export, import of a bad file, and erase-all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.browser import Server, open_app, wait_text
from tests.e2e.pixels import mean_brightness


def open_settings(page: Page) -> None:
    page.get_by_label("Settings").click()
    wait_text(page, "Where your data lives")


def settled_shot(page: Page, path: Path) -> None:
    """Two identical frames in a row: a loaded machine can show the text before the
    first frame is painted (an all-white canvas), which says nothing about the theme."""
    last = b""
    for _ in range(30):
        page.wait_for_timeout(500)
        frame = page.screenshot()
        if frame == last and len(set(frame[-2000:])) > 1:
            break
        last = frame
    path.write_bytes(last)


def test_theme_choice_survives_a_restart(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/")
    open_settings(page)
    page.get_by_role("button", name="Dark").click()
    settled_shot(page, tmp_path / "dark.png")
    assert mean_brightness(tmp_path / "dark.png") < 80
    server.restart()
    open_app(page, server.url + "/")
    wait_text(page, "Is your lip twitching?")
    settled_shot(page, tmp_path / "after.png")
    assert mean_brightness(tmp_path / "after.png") < 80


def test_shows_where_the_data_lives(server: Server, make_page: Callable[..., Page]) -> None:
    page = make_page(server.url + "/settings")
    text = wait_text(page, "Where your data lives")
    assert str(server.data_dir) in text


def test_export_downloads_a_backup(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/settings")
    wait_text(page, "Back up and restore")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export backup (JSON)").click()
    target = tmp_path / "backup.json"
    info.value.save_as(target)
    assert info.value.suggested_filename.endswith(".json")
    backup = json.loads(target.read_text())
    assert isinstance(backup, dict) and backup


def settled_files(page: Page, folder: Path) -> list[str]:
    """The folder's files once no write is under way (no temp file, same list twice)."""
    last: list[str] = []
    for _ in range(40):
        now = sorted(p.name for p in folder.rglob("*") if p.is_file())
        if now == last and not any(name.endswith(".tmp") for name in now):
            return now
        last = now
        page.wait_for_timeout(250)
    raise AssertionError(f"writes never settled in {folder}: {last}")


def test_importing_a_broken_file_shows_the_error_and_changes_nothing(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/settings")
    wait_text(page, "Back up and restore")
    page.get_by_role("button", name="Dark").click()
    before = settled_files(page, server.data_dir)  # the theme's own write has landed
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "lip-twitch-check", "version": 99, "results": [}')
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import a backup").click()
    chooser.value.set_files(str(broken))
    # The file is checked before anything is asked: a bad one gets a message, no question.
    text = wait_text(page, "broken.json cannot be imported")
    assert "Nothing was changed" in text
    assert "Replace all your data?" not in text
    assert page.get_by_role("button", name="Replace my data").count() == 0
    assert settled_files(page, server.data_dir) == before
    page.reload()
    open_app(page, page.url)
    wait_text(page, "Where your data lives")
    assert page.get_by_role("button", name="Dark").get_attribute("aria-checked") in ("true", None)


def test_a_good_backup_is_checked_then_the_question_says_what_it_holds(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/settings")
    wait_text(page, "Back up and restore")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export backup (JSON)").click()
    backup = tmp_path / "mine.json"
    info.value.save_as(backup)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import a backup").click()
    chooser.value.set_files(str(backup))
    text = wait_text(page, "Replace all your data?")
    assert "mine.json was checked and can be imported. It holds 0 check results" in text
    page.get_by_role("button", name="Replace my data").click()
    wait_text(page, "Imported")


def test_erase_all_asks_first(server: Server, make_page: Callable[..., Page]) -> None:
    page = make_page(server.url + "/settings")
    wait_text(page, "Erase everything")
    page.get_by_role("button", name="Dark").click()
    page.get_by_role("button", name="Erase all data").click()
    wait_text(page, "It cannot be undone")
    page.get_by_role("button", name="Cancel").click()
    page.wait_for_timeout(300)
    settings = json.dumps([p.read_text() for p in server.data_dir.rglob("*.json")])
    assert "dark" in settings
    page.get_by_role("button", name="Erase all data").click()
    wait_text(page, "It cannot be undone")
    page.get_by_role("button", name="Erase everything").click()
    wait_text(page, "All data on this device was erased.")
    settings = json.dumps([p.read_text() for p in server.data_dir.rglob("*.json")])
    assert "dark" not in settings


def test_a_damaged_file_is_set_aside_and_the_user_is_told(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    data = tmp_path / "damaged"
    first = make_server(data_dir=data)
    first.stop()
    settings_file = data / "settings.json"
    settings_file.write_text('{"app": {"1": {"theme": "da')  # truncated mid-write
    server = make_server(data_dir=data)
    page = make_page(server.url + "/")
    wait_text(page, "Some saved data was damaged and has been repaired.")
    page.get_by_role("button", name="Details").click()
    text = wait_text(page, "Some saved data needed repair")
    kept = [p for p in data.iterdir() if p.name.startswith("settings.json.") and p.is_file()]
    assert kept, "the damaged file must be kept, not deleted"
    assert kept[0].read_text() == '{"app": {"1": {"theme": "da'
    assert kept[0].name in text
