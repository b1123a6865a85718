"""What the app says about its offline copy, and its words with the page, outside
the browser (the browser side is tests/e2e/test_pwa_install.py)."""

from __future__ import annotations

from app import web
from app.ui.pages.settings import offline_text
from tests.unit.aio import run_async


def test_only_a_complete_copy_is_called_ready() -> None:
    assert offline_text(True).startswith("Ready to work offline")
    assert offline_text(False).startswith("Not ready to work offline yet")
    assert "Stay online" in offline_text(False)
    assert "needs the network" in offline_text(None)
    assert "Ready" not in offline_text(False) and "Ready" not in offline_text(None)


def test_outside_the_browser_there_is_no_offline_copy_to_report() -> None:
    assert run_async(web.offline_ready()) is None


def test_marks_and_signals_do_nothing_outside_the_browser() -> None:
    web.mark("python-ready")  # no `js` module here: must neither fail nor print
    web.signal("home")
