"""Chart builders for the learning-rate page (page 2): its moving figure, and the alpha sweep.

The moving figure: every alpha's point on the curve beside a marker on each cost history, one
figure so both panels share the player. The sweep is Vega-Lite: it shows no iteration.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import DescentRun
from ui.charts.cost_curve import cost_domain, curve_frame, line_trace, view_domain
from ui.charts.figure_dict import figure, grid, merge
from ui.charts.log_ticks import plotly_log_axis, vega_log_scale
from ui.charts.player import ReadyFigure, add_player, at, frame, timeline
from ui.words.text import fmt, limit_text
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal_color, value
from ui.charts.style import FAINT_CURVE_COLOR, OUTCOME_COLORS, PALETTE, WALL_COLOR, WHITE

CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # the moving figure's panels: the curve, left
COST_PANEL = {"xaxis": "x2", "yaxis": "y2"}  # the cost histories, right


def gap_to_minimum(cost: np.ndarray, j_min: float) -> np.ndarray:
    """J(w) − J(w*), floored at 1e-16 so a log scale can draw it."""
    return np.maximum(np.asarray(cost, dtype=float) - j_min, 1e-16)


def sweep_chart(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int) -> Spec:
    """Iterations to converge against alpha, the divergence wall marked at 2 / J''(w*)."""
    outcome = np.where(diverged, "diverged", np.where(iterations >= num_iters, "did not converge", "converged"))
    # A diverged run never converges: draw it at the cap, above the wall.
    df = pd.DataFrame({"alpha": alphas, "iterations": np.where(diverged, num_iters, np.minimum(iterations, num_iters)), "outcome": outcome})
    outcomes = ["converged", "did not converge", "diverged"]
    scale, axis = vega_log_scale(np.append(alphas, alpha_max))
    layers = [
        layer_of(
            "sweep",
            {"type": "circle", "size": 45},
            {
                "x": field("alpha", title="learning rate α (log scale)", scale=scale, axis=axis),
                "y": field("iterations", title=f"iterations to converge (cap {num_iters})"),
                "color": nominal_color("outcome", outcomes, OUTCOME_COLORS, "outcome"),
                "tooltip": [field("alpha", format=".4g"), field("iterations"), field("outcome", "nominal")],
            },
        )
    ]
    datasets = {"sweep": df}
    if np.isfinite(alpha_max):
        datasets["wall"] = pd.DataFrame({"alpha": [alpha_max], "label": [f"2 / J''(w*) = {limit_text(alpha_max)}"]})
        layers.append(layer_of("wall", {"type": "rule", "color": WALL_COLOR, "strokeDash": [6, 4], "strokeWidth": 2}, {"x": field("alpha")}))
        layers.append(
            layer_of(
                "wall",
                {"type": "text", "align": "right", "dx": -6, "dy": -6, "color": WALL_COLOR, "fontWeight": "bold"},
                {"x": field("alpha"), "y": value(12), "text": field("label", "nominal")},
            )
        )
    return chart(layers, datasets, height=300)


def _on_panel(w: float, j: float, box: tuple[float, float, float, float]) -> dict:
    """A point for a panel with fixed axes: where it is when inside; else held at the edge it left
    by, as a triangle pointing the way it went, with its w written beside it (a diverging run
    stays in sight). The true (w, J) ride along for the hover."""
    lo, hi, y_lo, y_hi = box
    w_ok, j_ok = math.isfinite(w), math.isfinite(j)
    x = min(max(w, lo), hi) if w_ok else (lo + hi) / 2
    y = min(max(j, y_lo), y_hi) if j_ok else y_hi
    if w_ok and j_ok and (x, y) == (w, j):
        # A space, not "": Plotly drops the text element of an empty label, and a frame never brings it back.
        return {"x": [w], "y": [j], "marker": {"symbol": "circle"}, "text": [" "], "customdata": [[w, j]]}
    if not j_ok or j > y_hi:
        symbol, where = "triangle-up", "bottom center"
    elif j < y_lo:
        symbol, where = "triangle-down", "top center"
    elif w < lo:
        symbol, where = "triangle-left", "middle right"
    else:
        symbol, where = "triangle-right", "middle left"
    if w_ok and x == lo and symbol in ("triangle-up", "triangle-down"):
        where = where.replace("center", "right")  # in a corner, the label goes inwards
    elif w_ok and x == hi and symbol in ("triangle-up", "triangle-down"):
        where = where.replace("center", "left")
    return {"x": [x], "y": [y], "marker": {"symbol": symbol}, "text": [f"w = {fmt(w)}"], "textposition": where, "customdata": [[w, j]]}


def compare_figure(curve_cost, w_range: tuple[float, float], runs: Sequence[tuple[str, DescentRun]], j_min: float, frame_ms: float = 120, height: int = 490) -> ReadyFigure:
    """Page 2: every alpha's point on the curve (left) and on its cost history (right), moved
    together by one player; a run that stopped early stays where it stopped."""
    all_w = np.concatenate([run.w for _, run in runs])
    lo, hi = view_domain(*w_range, all_w)
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    layout = grid(
        rows=1, cols=2, horizontal_spacing=0.1,
        subplot_titles=("Paths on the curve", 'Cost per iteration<br><span style="font-size:11px">J(w) − J(w*), log scale</span>'),
    )
    data = [line_trace(FAINT_CURVE_COLOR, {"width": 2}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy(), **CURVE_PANEL)]
    colors = PALETTE[: len(runs)] if len(runs) <= len(PALETTE) else PALETTE * (len(runs) // len(PALETTE) + 1)
    gaps = [gap_to_minimum(run.cost, j_min) for _, run in runs]
    for (label, run), color, gap in zip(runs, colors, gaps):
        inside = np.clip(run.w, lo - (hi - lo), hi + (hi - lo))
        data.append({"type": "scatter", "x": inside, "y": run.cost, "mode": "lines+markers", "line": {"color": color, "width": 1}, "marker": {"size": 4}, "opacity": 0.35, "legendgroup": label, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL})
        data.append({"type": "scatter", "x": np.arange(gap.size), "y": gap, "mode": "lines", "line": {"color": color, "width": 2}, "name": label, "legendgroup": label, **COST_PANEL})
    box = (lo, hi, y_lo, y_hi)
    moving = []
    for (label, run), color, gap in zip(runs, colors, gaps):
        moving.append(len(data))
        data.append(merge({
            "type": "scatter", "mode": "markers+text", "marker": {"size": 14, "color": color, "line": {"color": WHITE, "width": 1.5}},
            "textfont": {"color": color, "size": 12}, "cliponaxis": False, "legendgroup": label, "showlegend": False,
            "hovertemplate": f"{label}<br>w = %{{customdata[0]:.4g}}<br>J = %{{customdata[1]:.4g}}<extra></extra>", **CURVE_PANEL,
        }, _on_panel(float(run.w[0]), float(run.cost[0]), box)))
        moving.append(len(data))
        data.append({"type": "scatter", "x": [0], "y": [gap[0]], "mode": "markers", "marker": {"size": 11, "color": color, "line": {"color": WHITE, "width": 1.5}}, "legendgroup": label, "showlegend": False, "hoverinfo": "skip", **COST_PANEL})
    iterations = timeline(max(run.w.size for _, run in runs) - 1)
    frames = []
    for k, i in enumerate(iterations):
        points = []
        for (_, run), gap in zip(runs, gaps):
            points.append({"type": "scatter", **_on_panel(float(at(run.w, i)), float(at(run.cost, i)), box)})
            points.append({"type": "scatter", "x": [min(int(i), gap.size - 1)], "y": [at(gap, i)]})
        frames.append(frame(k, points, moving))
    # The legend at the top of the figure, under the tool bar, above the panel titles: on a phone it
    # wraps to a second row, which the top margin holds.
    legend = {"orientation": "h", "yref": "container", "y": 1 - 32 / height, "yanchor": "top", "x": 0.0, "traceorder": "normal"}
    merge(layout, {
        "height": height, "margin": {"l": 60, "r": 20, "t": 120, "b": 150}, "hovermode": "closest", "legend": legend,
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
        "xaxis2": {"title": {"text": "iteration"}},
        "yaxis2": plotly_log_axis(np.concatenate(gaps)),  # named in the panel's title: on a phone an axis title here covers the curve
    })
    return add_player(figure(data, layout), frames, iterations, frame_ms, y=-0.2)
