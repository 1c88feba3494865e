"""The class's spread: how many said each answer, round by round, as a bar chart (no names).

``spread_chart`` draws one group of bars per answer (an option, or a range of numbers), one bar
per round side by side, each labelled with its count; after the run, the right answer's label
is marked with a tick. The type is large: the chart is read off a projector at the back of a hall.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd

from ui.charts.style import BLUE, INK, SLATE_LIGHT
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal_color, say_marks

ROUND_COLORS = [SLATE_LIGHT, BLUE]  # round 1 fades beside round 2
WRAP = 14  # characters on one line of an answer's label
RIGHT = "✓ "  # before a right answer's label, once the run is shown


def _lines(label: str) -> str:
    """The label broken into lines of about ``WRAP`` characters, joined by '|' (the axis splits them)."""
    return "|".join(textwrap.wrap(label.replace("|", "/"), WRAP)) or " "


def spread_chart(rounds: Sequence[tuple[str, Sequence[tuple[str, int]]]], right: Sequence[str] = (), *, height: int = 320, font: int = 18) -> Spec:
    """``rounds``: (name, [(answer label, count), ...]) per round, every round with the same
    answers in the same order; ``right``: the labels of the right answers (marked once the run
    is shown)."""
    labels = [_lines((RIGHT if label in right else "") + label) for label, _ in rounds[0][1]] if rounds else []
    rows = [
        {"answer": (RIGHT if label in right else "") + label, "lines": _lines((RIGHT if label in right else "") + label), "round": name, "count": int(count)}
        for name, bars in rounds for label, count in bars
    ]
    names = [name for name, _ in rounds]
    frame = pd.DataFrame(rows, columns=["answer", "lines", "round", "count"])
    # Each label on a few short lines, so three or four answers fit side by side on a phone too.
    axis = {"labelAngle": 0, "labelLimit": 400, "labelFontSize": font, "title": None, "labelExpr": "split(datum.label, '|')",
            "labelOverlap": False}  # never drop an answer's label (Vega-Lite hides labels it thinks collide)
    x = field("lines", "nominal", None, sort=labels, axis=axis)
    offset = field("round", "nominal", None, sort=names)
    y = field("count", "quantitative", "students", axis={"tickMinStep": 1, "labelFontSize": font - 4, "titleFontSize": font - 4})
    color = nominal_color("round", names, ROUND_COLORS[-len(names):] if names else ROUND_COLORS, legend=len(names) > 1)
    if len(names) > 1:
        color["legend"] = {"orient": "top", "labelFontSize": font - 2, "title": None}
        # Each round by its place in a group too, not by its colour alone: "Round 1: left bar".
        say_marks(color, {name: place for name, place in zip(names, ("left bar", "right bar"))})
    bars = layer_of("spread", {"type": "bar", "cornerRadiusEnd": 3}, {"x": x, "xOffset": offset, "y": y, "color": color})
    counts = layer_of(
        "spread", {"type": "text", "dy": -10, "fontSize": font, "fontWeight": "bold", "color": INK},
        {"x": x, "xOffset": offset, "y": y, "text": field("count", "quantitative")},
    )
    return chart([bars, counts], {"spread": frame}, height=height)
