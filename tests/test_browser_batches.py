"""Real Chromium, lesson 6: the page loads; a click on the map of J(w, b) starts the three runs
there (the link follows); Play then runs them in the browser (no message to the server) to the
last frame, every moving trace showing that frame. One page, one server, one browser."""

from __future__ import annotations

import pytest

from tests.conftest import count_sent_frames, screenshot, wait_for_app
from tests.test_browser_play import LINKED, PLAYER, press

pytestmark = pytest.mark.browser

# Page coordinates and (w, b) of node 150 of the map's click grid (the trace named "start here", on axes x2/y2).
GRID_POINT = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd._fullData.find(t => t.name === 'start here');
  const k = 150, xa = gd._fullLayout.xaxis2, ya = gd._fullLayout.yaxis2, box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.d2p(t.x[k]), box.top + ya._offset + ya.d2p(t.y[k]), t.x[k], t.y[k]];
}"""


def test_a_click_on_the_map_starts_the_runs_and_play_runs_in_the_browser(page, app_url: str) -> None:
    sent = count_sent_frames(page)
    page.goto(f"{app_url}/batches?epochs=3&predict=false", timeout=90_000)  # the runs at once (its questions: test_app_batches)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot image').length") == 1  # the map's picture is drawn
    x, y, w, b = page.evaluate(GRID_POINT)
    page.mouse.click(x, y)
    page.wait_for_function("() => new URL(location.href).searchParams.has('w0')", timeout=30_000)
    w0, b0 = page.evaluate("() => { const q = new URL(location.href).searchParams; return [parseFloat(q.get('w0')), parseFloat(q.get('b0'))]; }")
    assert w0 == pytest.approx(w, rel=1e-3) and b0 == pytest.approx(b, rel=1e-3)
    # the new runs start there: the map's moving points (batch's first) sit at the clicked (w, b)
    page.wait_for_function(f"""() => {{ const gd = document.querySelector('.js-plotly-plot');
      const t = gd.data.find(t => t.name === "each run's (w, b)"); return t && Math.abs(t.x[0] - {w0}) < 1e-9 && Math.abs(t.y[0] - {b0}) < 1e-9; }}""", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    active, count, label = page.evaluate(PLAYER)
    assert active == 0 and count >= 2 and label == "0 examples used, epoch 0"
    before = sent[0]
    press(page, "Play")
    page.wait_for_function(f"() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active === {count - 1}", timeout=60_000)
    _, _, label = page.evaluate(PLAYER)
    assert label.endswith("epoch 3"), label
    assert page.evaluate(LINKED), "a panel shows another moment"
    assert sent[0] == before, "playing sent a message to the server"
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "batches-played")
