"""The lessons table is the one place a lesson is named, and every page follows the protocol."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from ui.app.lessons import BY_KEY, HOME, LESSONS

CODE = [p for p in ROOT.glob("**/*.py") if "tests" not in p.parts and ".git" not in p.parts]


@pytest.mark.parametrize("lesson", [HOME, *LESSONS], ids=lambda lesson: lesson.key)
def test_each_title_is_written_once_in_the_code(lesson) -> None:
    for text in (lesson.title, lesson.heading):
        places = [str(p.relative_to(ROOT)) for p in CODE if text in p.read_text(encoding="utf-8")]
        assert places == ["ui/app/lessons.py"], f"{text!r} is written in {places}"


@pytest.mark.parametrize("lesson", [HOME, *LESSONS], ids=lambda lesson: lesson.key)
def test_every_page_opens_itself_and_nothing_else_runs_the_protocol(lesson) -> None:
    source = (ROOT / lesson.file).read_text(encoding="utf-8")
    assert re.findall(r"open_lesson\(\"(\w+)\"\)", source) == [lesson.key]
    for call in ("share_link(", "st.stop(", "restore_view(", "require_navigation("):
        assert call not in source, f"{lesson.file} calls {call} itself; ui.app.page owns it"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_every_lesson_ends_in_its_live_part(lesson) -> None:
    """A control's change reruns only the page's live part (ui.app.page.live_part): each lesson hands
    its controls and what they change to it, once, as the page's last statement."""
    source = (ROOT / lesson.file).read_text(encoding="utf-8")
    calls = re.findall(r"^live_part\((\w+)\)$", source, flags=re.MULTILINE)
    assert len(calls) == 1 and source.rstrip().endswith(f"live_part({calls[0]})"), f"{lesson.file} does not end in live_part(...)"


def test_page_files_and_table_agree() -> None:
    on_disk = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == set(BY_KEY)
    assert len({lesson.title for lesson in LESSONS}) == len(LESSONS)


def test_every_url_parameter_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"`/{lesson.key}`" in readme
        for name in lesson.params:
            assert f"`{name}`" in readme, f"README does not list the URL parameter {name!r} of {lesson.key}"


def test_pages_hold_no_formula_modules() -> None:
    """Pages import the mathematics from gd_core; none defines a function of numbers itself."""
    for path in (ROOT / "pages").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "np.linspace" not in source and "np.geomspace" not in source and "np.diff" not in source, path.name
