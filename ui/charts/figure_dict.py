"""Plotly figures written as plain dicts, finished as plotly's graph objects would finish them.

Graph objects check every property as it is set and copy the whole figure on ``to_dict``: that
was most of the 10 to 50 ms a new view spent on its figure. The builders write the dict instead,
in plotly's own spelling (an axis title is ``{"text": ...}``, a trace on a subplot names its axes,
``"xaxis": "x2"``), and this module does what graph objects did besides checking:

- ``grid``: the layout make_subplots gives a grid of panels (axis domains and anchors, a scene's
  domain, the panel titles as annotations), made by make_subplots once per grid and copied;
- ``merge``: an update of nested properties, as ``update`` of a graph object merges them;
- ``figure``: numpy arrays as base64 typed arrays (plotly's ``convert_to_base64``, as
  ``Figure.to_dict`` calls it), and margins that hold the axes' labels;
- ``FigureDict``: a finished figure's dict that keeps its JSON text once made, and ``flat``:
  whether plotly.js's basic bundle draws it (ui.views.figure_2d, which gives it Streamlit's theme);
  a figure that is not flat gets the template a new figure gets (``pio.templates.default``:
  "plotly", or "streamlit" once Streamlit has set it).

tests/test_plotly_figures.py passes every figure through ``go.Figure``, which rejects a property
plotly does not know; bench/bench_figures.py checks each against the graph-objects builders.
"""

from __future__ import annotations

import copy
import functools
import json as _json
import threading
from collections.abc import Callable

import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64
from plotly.subplots import make_subplots


def merge(target: dict, update: dict) -> dict:
    """``target`` with ``update`` written into it: a dict into a dict key by key, all else replaced."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def grid(**options) -> dict:
    """The layout ``make_subplots(**options)`` makes, a new copy each call (made once per set of
    options). Lists are given as tuples; ``specs`` as each cell's subplot type ("xy", "scene",
    or None for a cell another spans; ("xy", 2) spans two columns)."""
    return copy.deepcopy(_grid(**options))


@functools.lru_cache(maxsize=16)
def _grid(**options) -> dict:
    if options.get("specs"):
        # A cell is its kind ("xy", "scene"), None under a cell that spans it, or (kind, columns) for one that spans columns.
        options["specs"] = [[None if not kind else {"type": kind} if isinstance(kind, str) else {"type": kind[0], "colspan": kind[1]} for kind in row]
                            for row in options["specs"]]
    if options.get("column_widths"):
        options["column_widths"] = list(options["column_widths"])
    layout = make_subplots(**options).to_dict()["layout"]
    layout.pop("template", None)  # the figure gets the template that is the default when it is built
    return layout


# The room, in px, the axes' tick labels and titles take on the left and at the bottom of a panel,
# as Streamlit's theme draws them (automargin on, a title 20 px off its tick labels; measured in
# Chromium: 70-78 px and 66-67 px on the lessons' first figures). Given less, plotly.js draws the
# whole figure, finds its margins too small, and draws it all again with larger ones: a third of
# a lesson's first draw (issue 26). The builders give at least this; automargin still widens a
# margin whose labels need more.
MARGIN_AT_LEAST = {"l": 80, "b": 70}


def figure(data: list[dict], layout: dict) -> dict:
    """The figure's dict as ``go.Figure(data, layout).to_dict()`` makes it: numpy arrays as typed
    arrays (``FigureDict`` adds the default template, to a figure that is not flat). A figure with
    2-D axes gets at least ``MARGIN_AT_LEAST`` on each side its margin names (a side it leaves out
    keeps plotly's default, 80 px)."""
    margin = layout.get("margin")
    if margin and "xaxis" in layout:
        layout["margin"] = {**margin, **{side: max(margin[side], px) for side, px in MARGIN_AT_LEAST.items() if side in margin}}
    spec = {"data": data, "layout": layout}
    convert_to_base64(spec)
    return spec


# The trace types plotly.js's basic bundle draws (the README of its package, plotly.js-basic-dist-min).
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})


def flat(spec: dict) -> bool:
    """Whether every trace of the figure, and of each of its frames, is of a type in ``BASIC_TRACES``
    (a trace without a type is a scatter)."""
    traces = list(spec.get("data") or ())
    traces += [trace for frame in spec.get("frames") or () for trace in frame.get("data") or ()]
    return all(trace.get("type", "scatter") in BASIC_TRACES for trace in traces)


class FigureDict(dict):
    """A finished figure's dict that keeps its JSON text once made (see ``json``).

    st.plotly_chart turns a figure into its dict, then the dict into JSON text on every
    rerun: for a 260 kB figure, 1.3 ms, most of it plotly making the text safe to put in a
    web page (five replaces over the whole text). A cached figure never changes, so its text
    is made once; ui.patches.streamlit_fixes makes plotly.io.to_json use it.

    Once the text is made the dict lets go of the figure and keeps only its layout's width and
    height (what st.plotly_chart reads besides the text): its Python lists and dicts held 4 to 7
    times the text's bytes (page 3: 1.8 MB for a 370 kB text), and a figure cache keeps up to 64
    (issue 26: the server's memory after a class). ``figure()`` reads the figure back from the text.
    """

    _text: str | None = None
    _making = threading.Lock()  # one text made at a time: two sessions may send one figure at once

    def __init__(self, spec: dict) -> None:
        super().__init__(spec)
        self.flat = flat(spec)  # read before the dict lets go of its traces
        # The template a new figure gets (pio.templates.default: "streamlit" once Streamlit has set
        # it, a placeholder st.plotly_chart fills in with the app's theme), as go.Figure gives it. Not
        # to a flat figure: ui.views.figure_2d draws it with Streamlit's theme as its template, and
        # the placeholder (3.6 kB, 1.4 ms to make) would travel with it unused.
        layout = {k: v for k, v in (self.get("layout") or {}).items() if not (self.flat and k == "template")}
        template = {} if self.flat or "template" in layout else go.Figure().layout.template.to_plotly_json()
        if template:
            layout["template"] = template
        self["layout"] = layout

    def json(self, make: Callable[[], str]) -> str:
        """The figure's JSON text: ``make()`` the first time, the same text after."""
        if self._text is None:
            with FigureDict._making:
                if self._text is None:
                    text = make()
                    size = {k: v for k, v in self.get("layout", {}).items() if k in ("width", "height")}
                    self.clear()
                    self["layout"] = size
                    self._text = text
        return self._text

    def figure(self) -> dict:
        """The whole figure as a plain dict (read back from the text once it is made)."""
        return dict(self) if self._text is None else _json.loads(self._text)
