"""A flat figure drawn with plotly.js's basic bundle: a lesson's first figure paints sooner (issue 26).

st.plotly_chart loads Streamlit's Plotly chunk, the whole of plotly.js (4.7 MB of script: 3-D,
maps, finance, ...), before it draws anything; on a phone most of a lesson's first paint went to
reading that script. A figure whose traces are all ones the basic bundle draws (``ReadyFigure.flat``)
is drawn instead by this custom component (st.components.v2, in the page's own document) with
``static/plotly-basic.min.js``: plotly.js's own partial bundle of the same version (1.2 MB),
served from the app's static folder (``server.enableStaticServing``) and kept by the browser.
Layout, shapes, images, annotations, frames, the player's slider and buttons are in every bundle.
A figure with any other trace (the 3-D surface) goes to st.plotly_chart as before.

st.plotly_chart gives a figure Streamlit's theme in the browser (fonts, grey text, grid colours,
margins), made from the app's theme. ``TEMPLATE`` (figure_2d_template.json) is that template
as Streamlit made it for this app's theme (.streamlit/config.toml), its layout and the scatter
trace's part; figure_2d_template.json is what Streamlit 1.67 makes, read from a page in Chromium,
and tests/test_browser_figure_2d.py checks it against what st.plotly_chart makes today.

Bench: ``bench/bench_first_paint.py`` (before and after in one run).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import plotly.io as pio
import streamlit as st

from ui.charts.player import ReadyFigure

# Where the app's static folder serves the bundle, relative to the page (app/static/<file>).
BUNDLE = "app/static/plotly-basic.min.js"

TEMPLATE = Path(__file__).with_name("figure_2d_template.json").read_text(encoding="utf-8").strip()

_figure = st.components.v2.component(
    "gd_figure_2d", js=Path(__file__).with_name("figure_2d.js").read_text(encoding="utf-8"),
    css=".gd-figure-2d { width: 100%; }", isolate_styles=False,
)


def figure_2d(figure: ReadyFigure, key: str, on_click: Callable[[], None] | None = None) -> None:
    """Draw ``figure`` under ``key`` (the key the keyboard player names): with the basic bundle
    when it is flat, else with st.plotly_chart. ``on_click``: called before the rerun a click on a
    point asks for (ui.app.clicks.clicked_points reads the point, from either)."""
    if not figure.flat:
        clicks = {} if on_click is None else {"on_select": on_click, "selection_mode": "points"}
        st.plotly_chart(figure, width="stretch", key=key, **clicks)
        return
    text = pio.to_json(figure.spec, validate=False)  # the figure's text, made once (ui.charts.figure_dict.FigureDict)
    head = json.dumps({"src": BUNDLE, "clicks": on_click is not None})[:-1] + f', "template": {TEMPLATE}'
    clicks = {} if on_click is None else {"on_click_change": on_click}
    _figure(key=key, data=f'{head}, "figure": {text}}}'.encode(), height="content", **clicks)
