"""ui.views.figure_2d: which figures the basic bundle draws, and that the bundle is the plotly.js
the figures are written for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly

from ui.charts.figure_dict import MARGIN_AT_LEAST, figure, flat
from ui.charts.player import ReadyFigure
from ui.views.figure_2d import BUNDLE, TEMPLATE

from tests.conftest import ROOT

VERSION = re.compile(r"plotly\.js(?: \(basic - minified\))? v(\d+\.\d+\.\d+)")


def version(path: Path) -> str:
    match = VERSION.search(path.read_text(encoding="utf-8")[:300])
    assert match, path
    return match.group(1)


def test_the_bundle_is_the_plotly_js_the_python_package_writes_for() -> None:
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    basic = ROOT / "static" / Path(BUNDLE).name
    assert BUNDLE == "app/static/plotly-basic.min.js"
    assert version(basic) == version(full)  # upgrade plotly: fetch plotly.js-basic-dist-min of the same version
    assert (ROOT / "static" / "plotly-basic.LICENSE").read_text().startswith("MIT License")


def test_flat_figures_are_those_of_scatter_bar_and_pie_traces() -> None:
    assert flat({"data": [{"x": [1]}, {"type": "bar"}, {"type": "scatter"}]})  # no type: a scatter
    assert not flat({"data": [{"type": "scatter"}, {"type": "surface"}]})
    assert not flat({"data": [{"type": "scatter"}], "frames": [{"data": [{"type": "scatter3d"}]}]})
    assert flat({"data": [], "frames": [{"data": [{"x": [1]}]}]})
    assert ReadyFigure({"data": [{"type": "scatter"}], "layout": {}}).flat
    assert not ReadyFigure({"data": [{"type": "heatmap"}], "layout": {}}).flat


def test_the_template_is_a_layout_and_the_scatter_part() -> None:
    template = json.loads(TEMPLATE)
    assert set(template) == {"data", "layout"} and set(template["data"]) <= {"scatter", "bar", "pie"}
    assert template["layout"]["font"]["family"].startswith('"Source Sans"')


def test_a_flat_figure_goes_without_the_template_st_plotly_chart_fills_in() -> None:
    """figure_2d gives a flat figure Streamlit's theme itself; a 3-D one keeps the placeholder
    template st.plotly_chart fills in with the theme."""
    layout = {"template": {"layout": {"font": {"color": "#000001"}}}, "height": 300}
    assert ReadyFigure({"data": [{"type": "scatter"}], "layout": dict(layout)}).spec["layout"] == {"height": 300}
    assert ReadyFigure({"data": [{"type": "surface"}], "layout": dict(layout)}).spec["layout"] == layout


def test_a_figure_has_the_margin_its_axes_labels_take() -> None:
    """A side the layout gives below MARGIN_AT_LEAST is raised to it (else plotly.js draws the
    figure twice), a larger one is kept, a side left out keeps plotly's default, and the
    caller's dict is not changed; a figure without 2-D axes keeps its margin."""
    given = {"l": 40, "r": 20, "b": 130}
    spec = figure([], {"xaxis": {}, "margin": given})
    assert spec["layout"]["margin"] == {"l": MARGIN_AT_LEAST["l"], "r": 20, "b": 130}
    assert given == {"l": 40, "r": 20, "b": 130}
    assert figure([], {"xaxis": {}, "margin": {"t": 10}})["layout"]["margin"] == {"t": 10}
    assert figure([], {"scene": {}, "margin": {"l": 0, "b": 0}})["layout"]["margin"] == {"l": 0, "b": 0}
