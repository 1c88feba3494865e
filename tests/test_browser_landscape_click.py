"""Real Chromium, page 3's landscape: its click grid (900 invisible nodes) is clickable and
hoverable without drawing a node of it (``marker.maxdisplayed``: issue 26, the grid was most of
the figure's drawing time), and a click on a node drops a start there."""

from __future__ import annotations

import pytest

from ui.charts.local_minimum import LANDSCAPE_GROUP
from ui.controls.landscape import DEFAULT_STARTS, parse_starts

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

# Page coordinates and (w, b) of node k of the landscape's click grid, and how many marker
# nodes its trace put in the page.
GRID = """([group, k]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const index = gd._fullData.findIndex(t => t.legendgroup === group && t.mode === 'markers' && t.xaxis === 'x3');
  const t = gd._fullData[index], xa = gd._fullLayout.xaxis3, ya = gd._fullLayout.yaxis3;
  const drawn = [...gd.querySelectorAll('.scatterlayer .trace')].find(g => g.__data__ && g.__data__[0].trace.index === index);
  return {n: t.x.length, drawn: drawn ? drawn.querySelectorAll('path.point').length : -1,
          xy: [xa._offset + xa.d2p(t.x[k]), ya._offset + ya.d2p(t.y[k])], wb: [t.x[k], t.y[k]]};
}"""


def test_the_landscape_grid_draws_no_node_yet_hovers_and_clicks(page, app_url: str) -> None:
    page.goto(f"{app_url}/local_minimum?predict=false")
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    k = 20 * 30 + 20  # row 20, column 20 of the 30 x 30 grid: w > 0, b > 0
    grid = page.evaluate(GRID, [LANDSCAPE_GROUP, k])
    assert grid["n"] == 30 * 30
    assert 0 <= grid["drawn"] <= 1, f"the click grid drew {grid['drawn']} of its nodes"
    plot = page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    page.evaluate("""(y) => { const box = document.querySelector('.js-plotly-plot').getBoundingClientRect();
      document.querySelector('[data-testid=stMain]').scrollBy(0, box.top + y - 400); }""", grid["xy"][1])
    page.wait_for_timeout(300)
    box = plot.bounding_box()
    x, y = box["x"] + grid["xy"][0], box["y"] + grid["xy"][1]
    page.mouse.move(x - 4, y - 4)
    page.mouse.move(x, y)
    w, b = grid["wb"]
    hover = page.locator(".hoverlayer text")
    hover.first.wait_for(timeout=10_000)
    said = page.evaluate("() => [...document.querySelectorAll('.hoverlayer text')].map(t => t.textContent).join(' ')")
    assert f"w = {w:.4g}" in said and f"b = {b:.4g}" in said and "click: start here" in said, said
    page.mouse.click(x, y)
    # the new start is the sixth path (five by default), rounded to 2 decimals as add_start keeps it
    new_path = f"path 6 (w, b) = ({round(w, 2):.3f}, {round(b, 2):.3f})".replace("-", "−")
    page.get_by_text(new_path, exact=False).first.wait_for(timeout=30_000)
    # the starts are in the URL: a link opens this very landscape
    assert parse_starts(starts_in(page.url)) == (*DEFAULT_STARTS, (round(w, 2), round(b, 2)))
    page.get_by_role("button", name="Random starts").click()
    page.wait_for_function("(before) => location.href !== before", arg=page.url, timeout=30_000)
    wait_for_app(page, 90_000)
    drawn = parse_starts(starts_in(page.url))
    assert len(drawn) == len(DEFAULT_STARTS) and drawn != DEFAULT_STARTS
    page.get_by_text(f"path 1 (w, b) = ({drawn[0][0]:.3f}, {drawn[0][1]:.3f})".replace("-", "−"), exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Reset", exact=True).click()
    page.wait_for_function("() => !new URL(location.href).searchParams.has('starts')", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def starts_in(url: str) -> str:
    from urllib.parse import parse_qs, urlparse

    return parse_qs(urlparse(url).query)["starts"][0]
