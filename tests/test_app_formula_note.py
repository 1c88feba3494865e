"""A typed formula that cannot be read is said where the student looks (the main area, beside the
chart), the chart is named as the last good curve, and the Link to this view holds that curve."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import link_texts, read_back
from tests.test_app_lessons import open_page

BAD = "(w-3)^2 + 1"


def link(at: AppTest) -> dict[str, list[str]]:
    (code,) = [c for c in link_texts(at.sidebar) if "?" in c or c.startswith("http") or "(open the app" in c][-1:]
    return parse_qs(urlsplit(code).query)


def main_errors(at: AppTest) -> list[str]:
    return [read_back(e.value) for e in at.main.error]


@pytest.mark.parametrize("page", ["intuition", "learning_rate", "local_minimum"])
def test_a_rejected_formula_is_said_in_the_main_area_and_the_link_keeps_the_drawn_one(page: str) -> None:
    at = open_page(page, curve="Your own formula")
    at.text_input(key="expr").set_value("(w - 1)**2").run()
    assert not at.main.error
    at.text_input(key="expr").set_value(BAD).run()
    assert not at.exception
    assert any("That formula cannot be read" in e for e in main_errors(at)), main_errors(at)
    captions = " ".join(read_back(c.value) for c in at.main.caption)
    assert "The chart below still shows the last formula that worked, J(w) = (w - 1)**2" in captions
    assert any(BAD in c.value for c in at.main.code)  # the typed text, with a caret under the problem
    assert at.text_input(key="expr").value == BAD  # the student's typing is kept
    at.text_input(key="expr").set_value("(w - 2)**2").run()  # fixed: the note goes
    assert not at.main.error


def test_the_link_holds_the_formula_that_is_drawn() -> None:
    at = open_page("intuition", curve="Your own formula")
    at.text_input(key="expr").set_value("(w - 1)**2").run()
    at.text_input(key="expr").set_value(BAD).run()
    assert link(at).get("expr") == ["(w - 1)**2"]


@pytest.mark.parametrize(("typed", "meant"), [(BAD, "(w-3)**2 + 1"), ("e^w", "exp(w)"), ("(w-3)² + 1", "(w-3)**2 + 1")])
def test_the_likely_formula_is_offered_and_one_click_draws_it(typed: str, meant: str) -> None:
    at = open_page("intuition", curve="Your own formula")
    at.text_input(key="expr").set_value(typed).run()
    (use,) = [b for b in at.main.button if b.key == "_use_suggested_formula"]
    assert read_back(use.label) == f"Use J(w) = {meant}"
    use.click().run()
    assert not at.exception and not any("That formula cannot be read" in e for e in main_errors(at))
    assert at.text_input(key="expr").value == meant
