"""Chart builders for the learning-rate page: several runs on one curve, their costs, a sweep."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import DescentRun
from ui.charts_1d import ITERATION_PARAM, PALETTE, axes, cost_domain, curve_frame, view_domain
from ui.text import limit_text
from ui.vl import Spec, chart, field, layer_of, nominal_color, slider_param, value


def gap_to_minimum(cost: np.ndarray, j_min: float) -> np.ndarray:
    """J(w) − J(w*), floored at 1e-16 so a log scale can draw it."""
    return np.maximum(np.asarray(cost, dtype=float) - j_min, 1e-16)


def compare_paths_chart(
    curve_cost,
    w_range: tuple[float, float],
    runs: Sequence[tuple[str, DescentRun]],
    height: int = 380,
) -> Spec:
    """Several alphas' paths on the same curve, scrubbed together by one iteration slider."""
    all_w = np.concatenate([run.w for _, run in runs])
    lo, hi = view_domain(*w_range, all_w)
    curve_df = curve_frame(curve_cost, lo, hi)
    y_domain = cost_domain(curve_df)
    df = pd.concat(
        [pd.DataFrame({"run": label, "i": np.arange(run.w.size), "w": run.w, "J": run.cost}) for label, run in runs],
        ignore_index=True,
    )
    max_i = int(df["i"].max())
    labels = [label for label, _ in runs]
    color = nominal_color("run", labels, PALETTE, "learning rate")
    layers = [
        layer_of("curve", {"type": "line", "color": "#94a3b8", "strokeWidth": 2, "clip": True}, axes(lo, hi, y_domain)),
        layer_of(
            "paths",
            {"type": "line", "point": True, "strokeWidth": 1.5, "opacity": 0.8, "clip": True},
            {"x": field("w"), "y": field("J"), "color": color, "order": field("i"), "detail": field("run", "nominal")},
            [{"filter": f"datum.i <= {ITERATION_PARAM}"}],
        ),
        layer_of(
            "paths",
            {"type": "circle", "size": 150, "opacity": 1, "clip": True},
            {
                "x": field("w"),
                "y": field("J"),
                "color": color,
                "tooltip": [field("run", "nominal"), field("i"), field("w", format=".4f"), field("J", format=".4f")],
            },
            [{"filter": f"datum.i == {ITERATION_PARAM}"}],
        ),
    ]
    return chart(layers, {"curve": curve_df, "paths": df}, height=height, params=[slider_param(ITERATION_PARAM, max_i, min(max_i, 30))])


def cost_history_chart(runs: Sequence[tuple[str, DescentRun]], j_min: float, height: int = 300) -> Spec:
    """Cost per iteration on a log scale: J(w) − J(w*) so that every value is positive."""
    labels = [label for label, _ in runs]
    df = pd.concat(
        [
            pd.DataFrame({"run": label, "iteration": np.arange(run.cost.size), "gap": gap_to_minimum(run.cost, j_min)})
            for label, run in runs
        ],
        ignore_index=True,
    )
    layer = layer_of(
        "costs",
        {"type": "line", "strokeWidth": 2},
        {
            "x": field("iteration", title="iteration"),
            "y": field("gap", title="J(w) − J(w*)  (log scale)", scale={"type": "log"}),
            "color": nominal_color("run", labels, PALETTE, "learning rate"),
            "tooltip": [field("run", "nominal"), field("iteration"), field("gap", title="J − J*", format=".3e")],
        },
    )
    return chart([layer], {"costs": df}, height=height)


def sweep_chart(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int) -> Spec:
    """Iterations to converge against alpha, the divergence wall marked at 2 / J''(w*)."""
    outcome = np.where(diverged, "diverged", np.where(iterations >= num_iters, "did not converge", "converged"))
    # A diverged run never converges: draw it at the cap, above the wall.
    df = pd.DataFrame({"alpha": alphas, "iterations": np.where(diverged, num_iters, np.minimum(iterations, num_iters)), "outcome": outcome})
    outcomes = ["converged", "did not converge", "diverged"]
    layers = [
        layer_of(
            "sweep",
            {"type": "circle", "size": 45},
            {
                "x": field("alpha", title="learning rate α", scale={"type": "log"}),
                "y": field("iterations", title=f"iterations to converge (cap {num_iters})"),
                "color": nominal_color("outcome", outcomes, ["#16a34a", "#f59e0b", "#dc2626"], "outcome"),
                "tooltip": [field("alpha", format=".4g"), field("iterations"), field("outcome", "nominal")],
            },
        )
    ]
    datasets = {"sweep": df}
    if np.isfinite(alpha_max):
        datasets["wall"] = pd.DataFrame({"alpha": [alpha_max], "label": [f"2 / J''(w*) = {limit_text(alpha_max)}"]})
        layers.append(layer_of("wall", {"type": "rule", "color": "#dc2626", "strokeDash": [6, 4], "strokeWidth": 2}, {"x": field("alpha")}))
        layers.append(
            layer_of(
                "wall",
                {"type": "text", "align": "right", "dx": -6, "dy": -6, "color": "#dc2626", "fontWeight": "bold"},
                {"x": field("alpha"), "y": value(12), "text": field("label", "nominal")},
            )
        )
    return chart(layers, datasets, height=300)
