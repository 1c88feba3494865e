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
ACROSS = 6  # more answers than this: bars across, one row per answer (page 5's thirty lines of code)


def _lines(label: str) -> str:
    """The label broken into lines of about ``WRAP`` characters, joined by '|' (the axis splits them)."""
    return "|".join(textwrap.wrap(label.replace("|", "/"), WRAP)) or " "


def spread_chart(rounds: Sequence[tuple[str, Sequence[tuple[str, int]]]], right: Sequence[str] = (), *, height: int = 320, font: int = 18,
                 across: bool | None = None) -> Spec:
    """``rounds``: (name, [(answer label, count), ...]) per round, every round with the same
    answers in the same order; ``right``: the labels of the right answers (marked once the run
    is shown); ``across``: bars across, one row per answer (None: when there are more than ACROSS)."""
    labels = [_lines((RIGHT if label in right else "") + label) for label, _ in rounds[0][1]] if rounds else []
    rows = [
        {"answer": (RIGHT if label in right else "") + label, "lines": _lines((RIGHT if label in right else "") + label), "round": name, "count": int(count)}
        for name, bars in rounds for label, count in bars
    ]
    names = [name for name, _ in rounds]
    frame = pd.DataFrame(rows, columns=["answer", "lines", "round", "count"])
    top = max([int(count) for _, bars in rounds for _, count in bars] + [1])  # an empty round: an axis of 0 to 1, not 0 to 0
    across = len(labels) > ACROSS if across is None else across  # many answers (page 5's lines of code): one row each, their labels on one line
    answer_axis = {"labelAngle": 0, "labelLimit": 160 if across else 400, "labelFontSize": font - 2 if across else font, "title": None,
                   "labelOverlap": False}  # never drop an answer's label (Vega-Lite hides labels it thinks collide)
    if not across:  # each label on a few short lines, so three or four answers fit side by side on a phone too
        answer_axis["labelExpr"] = "split(datum.label, '|')"
    answer = field("answer" if across else "lines", "nominal", None, sort=[r["answer"] for r in rows[: len(labels)]] if across else labels, axis=answer_axis)
    offset = field("round", "nominal", None, sort=names)
    count = field("count", "quantitative", "students", scale={"domain": [0, top], "nice": True},
                  axis={"tickMinStep": 1, "format": "d", "labelFontSize": font - 4, "titleFontSize": font - 4})
    color = nominal_color("round", names, ROUND_COLORS[-len(names):] if names else ROUND_COLORS, legend=len(names) > 1)
    if len(names) > 1:
        color["legend"] = {"orient": "top", "labelFontSize": font - 2, "title": None}
        # Each round by its place in a group too, not by its colour alone: "Round 1: left bar".
        say_marks(color, {name: place for name, place in zip(names, ("upper bar", "lower bar") if across else ("left bar", "right bar"))})
    if across:
        place = {"y": answer, "yOffset": offset, "x": count, "color": color}
        label = {"type": "text", "dx": 6, "align": "left", "fontSize": font - 4, "fontWeight": "bold", "color": INK}
        height = max(height, (len(labels) * len(names) * 14) + 60)
    else:
        place = {"x": answer, "xOffset": offset, "y": count, "color": color}
        label = {"type": "text", "dy": -10, "fontSize": font, "fontWeight": "bold", "color": INK}
    bars = layer_of("spread", {"type": "bar", "cornerRadiusEnd": 3}, place)
    counts = layer_of("spread", label, {**{k: v for k, v in place.items() if k != "color"}, "text": field("count", "quantitative")})
    return chart([bars, counts], {"spread": frame}, height=height)
