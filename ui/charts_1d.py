"""Chart builders for the 1-D lesson pages: pure functions from runs to Vega-Lite specs.

Each run is sent to the browser once; a Vega-Lite parameter bound to a slider under the chart
picks the iteration to show, so scrubbing back and forth needs no server rerun.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from gd_core.descent import DescentRun
from ui.text import fmt, update_text
from ui.vl import Spec, chart, field, layer_of, slider_param, value

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


def axes(lo: float, hi: float, y_domain: tuple[float, float], x_title: str = "w (parameter)") -> Spec:
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
        layer_of("curve", {"type": "line", "color": CURVE_COLOR, "strokeWidth": 2.5, "clip": True}, axes(lo, hi, y_domain)),
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


def iterations_table(run: DescentRun) -> pd.DataFrame:
    """One row per update taken: w before, J, dJ/dw, the step −α·dJ/dw, w after."""
    return pd.DataFrame(
        {
            "iteration": np.arange(1, run.iterations + 1),
            "w before": run.w[:-1],
            "J(w)": run.cost[:-1],
            "dJ/dw": run.slope[:-1],
            "step −α·dJ/dw": run.step,
            "w after": run.w[1:],
        }
    )
