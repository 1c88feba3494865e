"""Real Chromium: every lesson's Play runs in the browser (no message to the server), reaches the
last iteration, Pause holds it, and every linked panel shows the same iteration."""

from __future__ import annotations

import json

import pytest

from tests.conftest import count_sent_frames, screenshot, wait_for_app

pytestmark = pytest.mark.browser

# Each page opened with a run that plays for a few seconds: long enough to pause midway, short enough to finish.
PAGES = {
    "intuition": "intuition?iters=8&predict=false",  # the run at once (predict first would show the start only)
    "learning_rate": "learning_rate?iters=60&predict=false",
    "local_minimum": "local_minimum?iters=20&surface_iters=100&predict=false",
    "regression": "regression?iters=300&predict=false&surface3d=true",  # with the 3-D view (its points move on full redraws); page 3 without
}

PLAYER = "() => { const s = document.querySelector('.js-plotly-plot')._fullLayout.sliders[0]; return [s.active, s.steps.length, s.steps[s.active].label]; }"
# Every trace the shown frame moves holds that frame's numbers: the linked panels agree.
LINKED = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const active = gd._fullLayout.sliders[0].active;
  const frame = gd._transitionData._frames[active];
  return frame.traces.every((t, k) => ['x', 'y', 'z'].every(a => frame.data[k][a] === undefined
    || JSON.stringify(Array.from(gd.data[t][a])) === JSON.stringify(Array.from(frame.data[k][a]))));
}"""


def open_player(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()


def press(page, label: str) -> None:
    page.locator(".js-plotly-plot .updatemenu-button", has_text=label).first.click()


@pytest.mark.parametrize("name", list(PAGES))
def test_play_runs_in_the_browser_to_the_last_iteration(page, app_url: str, name: str) -> None:
    sent = count_sent_frames(page)
    open_player(page, app_url, PAGES[name])
    active, count, _ = page.evaluate(PLAYER)
    assert active == 0 and count >= 2
    before = sent[0]
    press(page, "Play")
    page.wait_for_function(f"() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active >= {max(1, count // 3)}", timeout=30_000)
    press(page, "Pause")
    paused = page.evaluate(PLAYER)[0]
    page.wait_for_timeout(1_000)
    assert page.evaluate(PLAYER)[0] == paused, "Pause did not stop the player"
    assert 0 < paused < count - 1
    assert page.evaluate(LINKED), "a linked panel shows another iteration"
    screenshot(page, f"play-{name}-mid")
    press(page, "Play")  # continues from the paused frame
    page.wait_for_function(f"() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active === {count - 1}", timeout=60_000)
    active, _, label = page.evaluate(PLAYER)
    frames = json.loads(page.evaluate("() => JSON.stringify(document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].steps.map(s => s.label))"))
    assert label == frames[-1] and int(label) == max(int(f) for f in frames), "the player did not end at the last iteration"
    assert page.evaluate(LINKED), "a linked panel shows another iteration"
    shown = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent).filter(t => t.startsWith('iteration '))")
    assert f"iteration {label}" in shown, shown
    assert sent[0] == before, "playing sent a message to the server (a rerun)"
    assert page.locator("[data-testid='stException']").count() == 0
