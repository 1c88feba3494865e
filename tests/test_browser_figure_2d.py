"""Real Chromium: the lessons draw their first figure with plotly.js's basic bundle
(ui.views.figure_2d), never loading st.plotly_chart's full bundle, in Streamlit's theme as
st.plotly_chart draws it; a click on a flat figure reaches the page as st.plotly_chart's did."""

from __future__ import annotations

import json

import pytest

from ui.views.figure_2d import TEMPLATE

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

SCRIPTS = "() => performance.getEntriesByType('resource').map(r => r.name.split('?')[0].split('/').pop())"
# The figure's look as Plotly resolved it: what the theme sets.
LOOK = """() => { const f = document.querySelector('.js-plotly-plot')._fullLayout;
  const axis = a => [a.gridcolor, a.zerolinecolor, a.tickfont.color, a.tickfont.family, a.title.font.color, a.automargin];
  return [f.font.family, f.font.color, f.paper_bgcolor, f.plot_bgcolor, f.hoverlabel.bgcolor, f.colorway, axis(f.xaxis), axis(f.yaxis)]; }"""


# Each lesson's first figure, and the key it is drawn under (page 6 draws it once the question is answered).
FIRST = {
    "intuition": "intuition_player",
    "learning_rate": "learning_rate_player",
    "local_minimum": "minima_click",
    "regression": "regression_click",
    "batches?predict=false": "batches_player",
}


@pytest.mark.parametrize("path", list(FIRST))
def test_a_flat_figure_loads_the_basic_bundle_only(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    scripts = page.evaluate(SCRIPTS)
    assert "plotly-basic.min.js" in scripts
    assert not any(name.startswith("PlotlyChart") for name in scripts), scripts  # Streamlit's chunk: the whole of plotly.js
    assert page.locator(f".st-key-{FIRST[path]} .js-plotly-plot").count() == 1  # under the key the keyboard player names
    if "predict=false" in path:
        return  # a playing figure's slider, under the plot, still widens the bottom margin: drawn twice
    # Drawn once: its margins hold its axes' labels, so plotly.js's automargin did not widen them
    # and draw the whole figure again (ui.charts.figure_dict.MARGIN_AT_LEAST).
    size, margin = page.evaluate("() => { const f = document.querySelector('.js-plotly-plot')._fullLayout; return [f._size, f.margin]; }")
    assert (size["l"], size["b"]) == (margin["l"], margin["b"]), (size, margin)


def test_the_template_is_the_theme_st_plotly_chart_gives(page, app_url: str) -> None:
    """Page 3's figure with its 3-D surface is drawn by st.plotly_chart: Streamlit's theme, made in
    the browser from the app's theme, is the template figure_2d sends (else update
    figure_2d_template.json from it)."""
    page.goto(f"{app_url}/local_minimum?surface3d=true", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert any(name.startswith("PlotlyChart") for name in page.evaluate(SCRIPTS))
    themed = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.template")
    ours = json.loads(TEMPLATE)
    assert themed["layout"] == ours["layout"]
    assert {kind: themed["data"][kind] for kind in ours["data"]} == ours["data"]
    st_look = page.evaluate(LOOK)
    page.goto(f"{app_url}/intuition", timeout=90_000)
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.evaluate(LOOK) == st_look
