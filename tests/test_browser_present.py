"""Real Chromium, projector mode at 1366 x 768: Play and the iteration slider inside the first
screen on pages 1-4, no sidebar, and the keyboard drives the player in the browser (Space plays
and pauses, the arrows step) without a message to the server; typing in a box stays typing."""

from __future__ import annotations

import pytest

from tests.conftest import count_sent_frames, screenshot, wait_for_app

pytestmark = pytest.mark.browser

ACTIVE = "() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active"
PLAY_BOTTOM = """() => [...document.querySelectorAll('.js-plotly-plot .updatemenu-button')]
  .find(b => b.textContent.includes('Play')).getBoundingClientRect().bottom"""
SLIDER_BOTTOM = "() => document.querySelector('.js-plotly-plot .slider-rail-rect').getBoundingClientRect().bottom"


@pytest.fixture()
def projector(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    yield page
    context.close()


def open_present(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("path", ["intuition", "learning_rate", "local_minimum", "regression"])
def test_the_player_is_inside_the_first_screen(projector, app_url: str, path: str) -> None:
    open_present(projector, app_url, f"{path}?present=true&predict=false")
    assert projector.evaluate("() => window.scrollY + document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
    assert projector.evaluate(PLAY_BOTTOM) <= 768
    assert projector.evaluate(SLIDER_BOTTOM) <= 768
    assert not projector.locator("[data-testid='stSidebar']").is_visible()  # hidden by our CSS
    assert projector.locator("[data-testid='stMain'] [data-testid='stNumberInput'], [data-testid='stMain'] [data-testid='stSlider']").count() >= 2
    assert projector.locator("[data-testid='stException']").count() == 0


def test_space_plays_and_pauses_and_the_arrows_step_in_the_browser(projector, app_url: str) -> None:
    sent = count_sent_frames(projector)
    open_present(projector, app_url, "intuition?present=true&iters=30&predict=false")
    before = sent[0]
    assert projector.evaluate(ACTIVE) == 0
    projector.keyboard.press("ArrowRight")
    projector.wait_for_function(f"{ACTIVE} === 1", timeout=5_000)
    projector.keyboard.press("ArrowRight")
    projector.keyboard.press("ArrowLeft")
    projector.wait_for_timeout(300)
    assert projector.evaluate(ACTIVE) == 1
    projector.keyboard.press("Space")  # plays: the slider moves on by itself
    projector.wait_for_function(f"{ACTIVE} >= 4", timeout=10_000)
    projector.keyboard.press("Space")  # pauses
    paused = projector.evaluate(ACTIVE)
    projector.wait_for_timeout(1_000)
    assert projector.evaluate(ACTIVE) == paused
    assert sent[0] == before, "the keyboard's player sent a message to the server"
    screenshot(projector, "present-intuition-keys")
    # A space typed in a box is a space, not Play.
    projector.locator("[data-testid='stMain'] [data-testid='stNumberInput'] input").first.click()
    projector.keyboard.press("Space")
    projector.wait_for_timeout(1_000)
    assert projector.evaluate(ACTIVE) == paused
