"""Chart builders for the local-minimum page: step sizes per iteration, and basins of attraction."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import DescentRun
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
    starts: np.ndarray,
    minimum_index: np.ndarray,
    minima: Sequence[float],
    selected_w0: float,
    height: int = 380,
) -> Spec:
    """The curve coloured by which minimum each start w0 ends in; a click (selection "pick") picks a start."""
    lo, hi = w_range
    with np.errstate(all="ignore"):
        j = np.asarray(curve_cost(np.asarray(starts)), dtype=float)
    names = [f"minimum at w = {m:.3g}" for m in minima]
    away = "no minimum (runs away)"
    df = pd.DataFrame({"w": starts, "J": j, "ends in": [names[k] if k >= 0 else away for k in minimum_index]})
    df = df[np.isfinite(df["J"])]
    y_domain = cost_domain(df)
    palette = ["#2563eb", "#16a34a", "#7c3aed", "#0891b2", "#db2777"][: len(names)] + ["#94a3b8"]
    color = nominal_color("ends in", [*names, away], palette, "descent from here ends at")
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
