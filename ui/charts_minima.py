"""Chart builders for the local-minimum page: step sizes per iteration, and basins of attraction."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import Basins, DescentRun
from gd_core.wording import number
from ui.charts_1d import PALETTE, POINT_COLOR, axes, cost_domain
from ui.vl import Spec, chart, field, layer_of, nominal_color, value


def steps_chart(runs: Sequence[tuple[str, DescentRun]], height: int = 280) -> Spec:
    """|step| per iteration for a few starts: steps shrink near a minimum with a fixed alpha."""
    labels = [label for label, _ in runs]
    df = pd.concat(
        [
            pd.DataFrame({"start": label, "iteration": np.arange(1, run.step.size + 1), "size": np.abs(run.step)})
            for label, run in runs
        ],
        ignore_index=True,
    )
    layer = layer_of(
        "steps",
        {"type": "line", "point": True, "strokeWidth": 2},
        {
            "x": field("iteration", title="iteration"),
            "y": field("size", title="|step| = α·|dJ/dw|  (w units)"),
            "color": nominal_color("start", labels, PALETTE[1:], "start"),
            "tooltip": [field("start", "nominal"), field("iteration"), field("size", title="|step|", format=".4g")],
        },
    )
    return chart([layer], {"steps": df}, height=height)


def basin_chart(
    curve_cost,
    w_range: tuple[float, float],
    basins: Basins,
    selected_w0: float,
    height: int = 380,
) -> Spec:
    """The curve coloured by where descent from each start w0 goes; a click (selection "pick") picks a start.

    A start is labelled by the minimum it reached, the minimum it is still slowly heading for,
    "runs away" only when its run diverged, and "stops at no minimum" otherwise.
    """
    lo, hi = w_range
    starts, minima = basins.starts, basins.minima
    with np.errstate(all="ignore"):
        j = np.asarray(curve_cost(np.asarray(starts)), dtype=float)
    reached = [f"minimum at w = {number(m, 3)}" for m in minima]
    heading = [f"on its way to w = {number(m, 3)}" for m in minima]
    away, nowhere = "runs away (diverges)", "stops at no minimum"
    labels = [
        reached[k] if k >= 0 else heading[h] if h >= 0 else away if d else nowhere
        for k, h, d in zip(basins.minimum_index, basins.heading_to, basins.diverged)
    ]
    df = pd.DataFrame({"w": starts, "J": j, "ends in": labels})
    df = df[np.isfinite(df["J"])]
    y_domain = cost_domain(df)
    strong = ["#2563eb", "#16a34a", "#7c3aed", "#0891b2", "#db2777"][: len(minima)]
    light = ["#93c5fd", "#86efac", "#c4b5fd", "#67e8f9", "#f9a8d4"][: len(minima)]
    shown = [name for name in [*reached, *heading, away, nowhere] if name in set(labels)]
    palette = dict(zip([*reached, *heading, away, nowhere], [*strong, *light, "#dc2626", "#94a3b8"]))
    color = nominal_color("ends in", shown, [palette[name] for name in shown], "descent from here")
    minima_arr = np.asarray(minima, dtype=float)
    datasets = {
        "starts": df,
        "minima": pd.DataFrame({"w": minima_arr, "J": np.asarray(curve_cost(minima_arr), dtype=float) if minima_arr.size else []}),
        "chosen": pd.DataFrame({"w": [selected_w0]}),
    }
    start_axes = axes(lo, hi, y_domain, "start w₀ (click the curve to start there)")
    layers = [
        layer_of(
            "starts",
            {"type": "circle", "size": 36, "opacity": 0.9},
            {**start_axes, "color": color, "tooltip": [field("w", title="start w₀", format=".3f"), field("ends in", "nominal")]},
            params=[{"name": "pick", "select": {"type": "point", "fields": ["w"], "on": "click", "nearest": True}}],
        ),
        layer_of("starts", {"type": "tick", "thickness": 3, "size": 16}, {"x": field("w"), "y": value(height - 12), "color": color}),
        layer_of(
            "minima",
            {"type": "point", "shape": "diamond", "size": 160, "filled": True, "color": "#0f172a"},
            {"x": field("w"), "y": field("J")},
        ),
        layer_of("chosen", {"type": "rule", "color": POINT_COLOR, "strokeDash": [5, 3]}, {"x": field("w")}),
    ]
    return chart(layers, datasets, height=height)
