"""The class's spread: how many said each answer, round by round, as a bar chart (no names).

``spread_chart`` draws one group of bars per answer (an option, or a range of numbers), one bar
per round side by side, each labelled with its count; after the run, the right answer's label
is marked with a tick. The type is large: the chart is read off a projector at the back of a hall.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ui.charts.style import BLUE, INK, SLATE_LIGHT
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal_color

ROUND_COLORS = [SLATE_LIGHT, BLUE]  # round 1 fades beside round 2
RIGHT = "✓ "  # before a right answer's label, once the run is shown


def spread_chart(rounds: Sequence[tuple[str, Sequence[tuple[str, int]]]], right: Sequence[str] = (), *, height: int = 320, font: int = 18) -> Spec:
    """``rounds``: (name, [(answer label, count), ...]) per round, every round with the same
    answers in the same order; ``right``: the labels of the right answers (marked once the run
    is shown)."""
    labels = [(RIGHT if label in right else "") + label for label, _ in rounds[0][1]] if rounds else []
    rows = [
        {"answer": (RIGHT if label in right else "") + label, "round": name, "count": int(count)}
        for name, bars in rounds for label, count in bars
    ]
    names = [name for name, _ in rounds]
    frame = pd.DataFrame(rows, columns=["answer", "round", "count"])
    x = field("answer", "nominal", None, sort=labels, axis={"labelAngle": 0, "labelLimit": 260, "labelFontSize": font, "title": None})
    offset = field("round", "nominal", None, sort=names)
    y = field("count", "quantitative", "students", axis={"tickMinStep": 1, "labelFontSize": font - 4, "titleFontSize": font - 4})
    color = nominal_color("round", names, ROUND_COLORS[-len(names):] if names else ROUND_COLORS, legend=len(names) > 1)
    if len(names) > 1:
        color["legend"] = {"orient": "top", "labelFontSize": font - 2, "title": None}
    bars = layer_of("spread", {"type": "bar", "cornerRadiusEnd": 3}, {"x": x, "xOffset": offset, "y": y, "color": color})
    counts = layer_of(
        "spread", {"type": "text", "dy": -10, "fontSize": font, "fontWeight": "bold", "color": INK},
        {"x": x, "xOffset": offset, "y": y, "text": field("count", "quantitative")},
    )
    return chart([bars, counts], {"spread": frame}, height=height)
