"""Chart builders for the 1-D lesson pages: pure functions from runs to Vega-Lite specs.

Each run is sent to the browser once; a Vega-Lite parameter bound to a slider under the chart
picks the iteration to show, so scrubbing back and forth needs no server rerun.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import DescentRun
from ui.text import fmt, update_text
from ui.vl import Spec, chart, field, layer_of, nominal_color, slider_param, value

ITERATION_PARAM = "iteration"
POINT_COLOR = "#dc2626"
PATH_COLOR = "#f59e0b"
CURVE_COLOR = "#2563eb"
TANGENT_COLOR = "#16a34a"
PALETTE = ["#64748b", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2"]


def view_domain(w_min: float, w_max: float, ws: np.ndarray, grow: float = 0.6) -> tuple[float, float]:
    """The w axis: the curve's range, widened to show the path but at most by ``grow`` of it."""
    span = w_max - w_min
    lo = max(min(w_min, float(np.min(ws))), w_min - grow * span)
    hi = min(max(w_max, float(np.max(ws))), w_max + grow * span)
    return lo, hi


def curve_frame(cost, lo: float, hi: float, n: int = 400) -> pd.DataFrame:
    w = np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        j = np.asarray(cost(w), dtype=float)
    keep = np.isfinite(j)
    return pd.DataFrame({"w": w[keep], "J": j[keep]})


def cost_domain(curve_df: pd.DataFrame) -> tuple[float, float]:
    lo, hi = float(curve_df["J"].min()), float(curve_df["J"].max())
    pad = 0.08 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def path_frame(run: DescentRun, span: float) -> pd.DataFrame:
    """One row per shown state i: the point, its tangent segment, rise/run and the step arrow."""
    k = run.w.size
    w, j, s = run.w, run.cost, run.slope
    w_next = np.append(w[1:], w[-1] - run.alpha * s[-1])
    half = 0.12 * span
    run_len = 0.08 * span
    return pd.DataFrame(
        {
            "i": np.arange(k),
            "w": w,
            "J": j,
            "slope": s,
            "w_next": w_next,
            "step": w_next - w,
            "t_w0": w - half,
            "t_J0": j - s * half,
            "t_w1": w + half,
            "t_J1": j + s * half,
            "r_w": w + run_len,
            "r_J": j + s * run_len,
            "rise_label": [f"rise = {fmt(v * run_len)}" for v in s],
            "run_label": [f"run = {fmt(run_len)}" for _ in s],
            "arrow": np.where(w_next >= w, "triangle-right", "triangle-left"),
            "update": [update_text(run, i) for i in range(k)],
        }
    )


def _axes(lo: float, hi: float, y_domain: tuple[float, float], x_title: str = "w (parameter)") -> Spec:
    return {
        "x": field("w", title=x_title, scale={"domain": [lo, hi], "nice": False}),
        "y": field("J", title="J(w) (cost)", scale={"domain": list(y_domain), "nice": False}),
    }


def intuition_chart(
    curve_cost,
    w_range: tuple[float, float],
    run: DescentRun,
    start_iteration: int,
    height: int = 420,
) -> Spec:
    """The curve, the point at the chosen iteration, its tangent, rise/run and the step arrow."""
    lo, hi = view_domain(*w_range, run.w)
    curve_df = curve_frame(curve_cost, lo, hi)
    y_domain = cost_domain(curve_df)
    df = path_frame(run, hi - lo)
    param = slider_param(ITERATION_PARAM, int(df["i"].max()), start_iteration)
    now = [{"filter": f"datum.i == {ITERATION_PARAM}"}]
    dashed = {"type": "rule", "color": TANGENT_COLOR, "strokeDash": [2, 2], "clip": True}
    layers = [
        layer_of("curve", {"type": "line", "color": CURVE_COLOR, "strokeWidth": 2.5, "clip": True}, _axes(lo, hi, y_domain)),
        layer_of(
            "path",
            {"type": "line", "color": PATH_COLOR, "strokeDash": [4, 3], "clip": True, "point": {"color": PATH_COLOR, "size": 30}},
            {"x": field("w"), "y": field("J"), "order": field("i")},
            [{"filter": f"datum.i <= {ITERATION_PARAM}"}],
        ),
        layer_of(
            "path",
            {"type": "rule", "color": TANGENT_COLOR, "strokeWidth": 2, "clip": True},
            {"x": field("t_w0"), "y": field("t_J0"), "x2": field("t_w1"), "y2": field("t_J1")},
            now,
        ),
        layer_of("path", dashed, {"x": field("w"), "x2": field("r_w"), "y": field("J")}, now),
        layer_of("path", dashed, {"x": field("r_w"), "y": field("J"), "y2": field("r_J")}, now),
        layer_of(
            "path",
            {"type": "text", "align": "left", "dx": 6, "color": TANGENT_COLOR, "fontSize": 12},
            {"x": field("r_w"), "y": field("r_J"), "text": field("rise_label", "nominal")},
            now,
        ),
        layer_of(
            "path",
            {"type": "text", "align": "center", "dy": 14, "color": TANGENT_COLOR, "fontSize": 12},
            {"x": field("w"), "y": field("J"), "text": field("run_label", "nominal")},
            now,
        ),
        layer_of(
            "path",
            {"type": "rule", "color": POINT_COLOR, "strokeWidth": 3, "clip": True},
            {"x": field("w"), "x2": field("w_next"), "y": field("J")},
            now,
        ),
        layer_of(
            "path",
            {"type": "point", "filled": True, "size": 140, "color": POINT_COLOR, "opacity": 1, "clip": True},
            {"x": field("w_next"), "y": field("J"), "shape": field("arrow", "nominal", scale=None)},
            now,
        ),
        layer_of(
            "path",
            {"type": "circle", "size": 180, "color": POINT_COLOR, "opacity": 1, "clip": True},
            {
                "x": field("w"),
                "y": field("J"),
                "tooltip": [
                    field("i", title="iteration"),
                    field("w", format=".4f"),
                    field("J", title="J(w)", format=".4f"),
                    field("slope", title="dJ/dw", format=".4f"),
                ],
            },
            now,
        ),
        layer_of(
            "path",
            {"type": "text", "align": "left", "baseline": "top", "fontSize": 15, "fontWeight": "bold", "color": "#0f172a"},
            {"x": value(8), "y": value(8), "text": field("update", "nominal")},
            now,
        ),
    ]
    return chart(layers, {"curve": curve_df, "path": df}, height=height, params=[param])


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
        layer_of("curve", {"type": "line", "color": "#94a3b8", "strokeWidth": 2, "clip": True}, _axes(lo, hi, y_domain)),
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
        datasets["wall"] = pd.DataFrame({"alpha": [alpha_max], "label": [f"2 / J''(w*) = {fmt(alpha_max)}"]})
        layers.append(layer_of("wall", {"type": "rule", "color": "#dc2626", "strokeDash": [6, 4], "strokeWidth": 2}, {"x": field("alpha")}))
        layers.append(
            layer_of(
                "wall",
                {"type": "text", "align": "right", "dx": -6, "dy": -6, "color": "#dc2626", "fontWeight": "bold"},
                {"x": field("alpha"), "y": value(12), "text": field("label", "nominal")},
            )
        )
    return chart(layers, datasets, height=300)


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
    axes = _axes(lo, hi, y_domain, "start w₀ (click the curve to start there)")
    layers = [
        layer_of(
            "starts",
            {"type": "circle", "size": 36, "opacity": 0.9},
            {**axes, "color": color, "tooltip": [field("w", title="start w₀", format=".3f"), field("ends in", "nominal")]},
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
