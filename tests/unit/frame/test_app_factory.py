"""The app refuses to start on broken content and says why; a good config builds."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import ROOT, AppConfig
from app.services import Clock, build_services
from app.ui.frame.app import create_app


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_good_content_builds_services(tmp_path: Path) -> None:
    services = build_services(AppConfig(data_dir=tmp_path / "data"))
    assert [s.id for s in services.sections][0] == "what-is-it"
    assert services.store.data_dir == (tmp_path / "data").absolute()
    assert services.quiz.questions


def test_broken_section_refuses_to_start_and_names_file_and_field(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    page = content / "03-other-causes.md"
    page.write_text(page.read_text().replace("summary:", "sumary:"))
    _main, problem = create_app(AppConfig(content_dir=content, data_dir=tmp_path / "d"))
    assert problem is not None
    assert "03-other-causes.md" in problem and "summary" in problem


def test_quiz_link_to_missing_section_refuses_to_start(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    quiz = content / "quiz.toml"
    quiz.write_text(
        quiz.read_text().replace(
            'tip_section = "ways-to-alleviate"', 'tip_section = "no-such-section"', 1
        )
    )
    _main, problem = create_app(AppConfig(content_dir=content, data_dir=tmp_path / "d"))
    assert problem is not None
    assert "quiz.toml" in problem and "no-such-section" in problem


def test_pinned_clock_starts_where_told_and_runs_on() -> None:
    start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    clock = Clock(start)
    first = clock.now()
    assert start <= first < start + timedelta(seconds=5)
    assert clock.now() >= first
    assert Clock().now().tzinfo is not None


def test_quiz_whose_embedded_case_fails_refuses_to_start(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    quiz = content / "quiz.toml"
    text = quiz.read_text()
    start = text.index('id = "sudden_weakness_later"')
    edited = text[:start] + text[start:].replace('tier = "emergency"', 'tier = "self_care"', 1)
    quiz.write_text(edited)
    _main, problem = create_app(AppConfig(content_dir=content, data_dir=tmp_path / "d"))
    assert problem is not None
    assert "quiz.toml" in problem and "sudden_weakness_later" in problem
