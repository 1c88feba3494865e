"""Real Chromium, issue 22 on pages 3 and 4: the page opens with its question and the starts only
(no player), a student picks an answer and commits, and the run plays with the grade above it.
On a phone the question is on the first screen."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app
from tests.test_browser_phone import HEIGHT, PHONE_UA, WIDTH

pytestmark = pytest.mark.browser

# Each page's default view and an answer to its first question (right or not, the run plays after it).
ANSWERS = {"local_minimum": "the minimum at w = 5", "regression": "No"}
PLAYER = ".js-plotly-plot .updatemenu-button"
BOX = ".st-key-predict_box"


def commit(page, answer: str) -> None:
    box = page.locator(BOX)
    box.get_by_text(answer, exact=True).click()
    wait_for_app(page)
    box.get_by_role("button", name="Commit", exact=True).click()
    page.wait_for_selector(PLAYER, timeout=60_000)
    wait_for_app(page)


@pytest.mark.parametrize("key", list(ANSWERS))
def test_commit_then_the_run_plays(page, app_url: str, key: str) -> None:
    page.goto(f"{app_url}/{key}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator(BOX).is_visible()
    assert page.locator(PLAYER).count() == 0, "the player is on the page before an answer"
    assert page.get_by_text("Stop rule").count() == 0
    commit(page, ANSWERS[key])
    graded = page.locator(f"{BOX} [data-testid='stAlertContentSuccess'], {BOX} [data-testid='stAlertContentWarning']").first
    assert graded.inner_text().split("\n")[-1].startswith(("Right", "Not quite"))  # (after the icon's name)
    assert page.get_by_text("Stop rule").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(PLAYER, has_text="Play").count() == 1


@pytest.mark.parametrize("key", list(ANSWERS))
def test_on_a_phone_the_question_is_on_the_first_screen(browser, app_url: str, key: str) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, device_scale_factor=2, user_agent=PHONE_UA)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{key}")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        top = page.evaluate(f"() => document.querySelector('{BOX}').getBoundingClientRect().top")
        assert 0 <= top < HEIGHT - 200, top  # its title, the question picker and the start of the prompt
        assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
        commit(page, ANSWERS[key])
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()
