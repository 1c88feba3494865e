"""Plotly figures written as plain dicts, finished as plotly's graph objects would finish them.

Graph objects check every property as it is set and copy the whole figure on ``to_dict``: that
was most of the 10 to 50 ms a new view spent on its figure. The builders write the dict instead,
in plotly's own spelling (an axis title is ``{"text": ...}``, a trace on a subplot names its axes,
``"xaxis": "x2"``), and this module does what graph objects did besides checking:

- ``grid``: the layout make_subplots gives a grid of panels (axis domains and anchors, a scene's
  domain, the panel titles as annotations), made by make_subplots once per grid and copied;
- ``merge``: an update of nested properties, as ``update`` of a graph object merges them;
- ``figure``: numpy arrays as base64 typed arrays (plotly's ``convert_to_base64``, as
  ``Figure.to_dict`` calls it) and the template a new figure gets (``pio.templates.default``:
  "plotly", or "streamlit" once Streamlit has set it).

tests/test_plotly_figures.py passes every figure through ``go.Figure``, which rejects a property
plotly does not know; bench/bench_figures.py checks each against the graph-objects builders.
"""

from __future__ import annotations

import copy
import functools

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


def figure(data: list[dict], layout: dict) -> dict:
    """The figure's dict as ``go.Figure(data, layout).to_dict()`` makes it: numpy arrays as typed
    arrays, the default template in the layout."""
    spec = {"data": data, "layout": layout}
    convert_to_base64(spec)
    template = go.Figure().layout.template.to_plotly_json()
    if template:
        layout["template"] = template
    return spec
