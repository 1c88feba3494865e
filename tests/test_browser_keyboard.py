"""Real Chromium, keyboard only (issue 23): on every lesson's moving figure, Tab from the top of the
page reaches Play (a button named "Play"), Space plays, the arrow keys, Home and End move the
iteration, the figure's text alternative names the iteration on screen, and none of it sends a
message to the server. One server and one browser for the module (conftest's session fixtures)."""

from __future__ import annotations

import pytest

from tests.conftest import count_sent_frames, screenshot, scrub_player, wait_for_app

pytestmark = pytest.mark.browser

PAGES = {
    "intuition": "intuition?iters=8&predict=false",
    "learning_rate": "learning_rate?iters=60&predict=false",
    "local_minimum": "local_minimum?iters=20&surface_iters=100&predict=false",
    "regression": "regression?iters=300&predict=false",
}
MAX_TABS = 150

FOCUSED = "() => { const e = document.activeElement; return e ? [e.tagName, e.getAttribute('aria-label') || e.textContent.trim()] : null; }"
# The frame on screen: the Plotly player's step and its label (the iteration it shows).
SHOWN = "() => { const s = document.querySelector('.js-plotly-plot')._fullLayout.sliders[0]; return [s.active, s.steps.length, s.steps[s.active].label]; }"
# The figure's text alternative: its role, its label, and the text of what describes it.
DESCRIBED = """() => { const f = document.querySelector('[role="figure"]');
  return [f.getAttribute('aria-label'), f.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' ')]; }"""


def tab_to_play(page) -> int:
    """Tab from the page's top until the focus is on a button named Play; the presses it took."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == ["BUTTON", "Play"]:
            return presses
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached Play; the focus ended on {page.evaluate(FOCUSED)}")


def shown_is(page, frame: int) -> None:
    page.wait_for_function(f"() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active === {frame}", timeout=10_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_keyboard_drives_the_player(page, app_url: str, name: str) -> None:
    sent = count_sent_frames(page)
    page.goto(f"{app_url}/{PAGES[name]}", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    page.wait_for_function("() => document.querySelector('[role=\"figure\"][aria-describedby]') !== null", timeout=30_000)
    before = sent[0]

    tab_to_play(page)
    assert page.evaluate(SHOWN)[0] == 0
    label, described = page.evaluate(DESCRIBED)
    assert label and "Iteration 0 of" in described, described

    page.keyboard.press("Space")  # plays
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active >= 2", timeout=30_000)
    assert page.evaluate(FOCUSED) in (["BUTTON", "Pause"], ["BUTTON", "Play"])  # Play while it plays is Pause (Play again once it has ended)
    if page.evaluate(FOCUSED)[1] == "Pause":
        page.keyboard.press("Space")  # pauses
    page.wait_for_function("() => document.activeElement.getAttribute('aria-label') === 'Play'", timeout=10_000)
    paused = page.evaluate(SHOWN)[0]
    page.wait_for_timeout(400)
    assert page.evaluate(SHOWN)[0] == paused, "Space did not pause the player"

    page.keyboard.press("Home")
    shown_is(page, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    shown_is(page, 2)
    page.keyboard.press("ArrowLeft")
    shown_is(page, 1)
    _, count, iteration = page.evaluate(SHOWN)
    _, described = page.evaluate(DESCRIBED)
    assert f"Iteration {iteration} of" in described, (iteration, described)
    assert page.evaluate("() => document.querySelector('.gdp-range').getAttribute('aria-valuetext')").startswith(f"iteration {iteration} of")

    page.keyboard.press("End")
    shown_is(page, count - 1)
    _, _, iteration = page.evaluate(SHOWN)
    assert f"Iteration {iteration} of" in page.evaluate(DESCRIBED)[1]
    page.keyboard.press("Tab")  # on to the iteration slider: arrows move it too
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Iteration"
    page.keyboard.press("ArrowLeft")
    shown_is(page, count - 2)
    active, moved = scrub_player(page, 0.5, sent)  # a mouse on Plotly's own slider: the words follow it too
    assert moved == 0 and 0 < active < count - 2
    iteration = page.evaluate(SHOWN)[2]
    assert f"Iteration {iteration} of" in page.evaluate(DESCRIBED)[1]
    screenshot(page, f"keyboard-{name}")
    assert sent[0] == before, "the keyboard player sent a message to the server (a rerun)"
    assert page.locator("[data-testid='stException']").count() == 0


def test_before_a_prediction_the_figure_says_the_start_only_then_the_player_comes(page, app_url: str) -> None:
    """Predict-then-see: before the answer, no player to reach and a description of the start
    alone; once committed, the player and the run's end and verdict in the description."""
    page.goto(f"{app_url}/intuition?ask=intuition.first_step", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_function("() => document.querySelector('[role=\"figure\"][aria-describedby]') !== null", timeout=60_000)
    _, described = page.evaluate(DESCRIBED)
    assert "Where it goes is shown once you answer the question." in described and "Verdict" not in described
    assert not page.locator(".gdp-bar").is_visible()
    page.get_by_role("textbox", name="Your answer (w)").fill("5.5")
    page.get_by_role("button", name="Commit").click()
    wait_for_app(page, 90_000)
    page.locator(".gdp-bar").wait_for(state="visible", timeout=60_000)
    page.wait_for_function("() => document.getElementById('gdp-intuition_player-summary').textContent.includes('Verdict: converged')", timeout=30_000)
    assert page.get_by_role("button", name="Play", exact=True).count() == 1
