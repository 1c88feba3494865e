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
from ui.charts.player import under_plot, ReadyFigure, add_player, at, frame, timeline
from ui.words.text import fmt, limit_text
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal, nominal_color, value
from ui.charts.style import (
    FAINT_CURVE_COLOR, GHOST_COLOR, INK, OUTCOME_COLORS, OUTCOME_SHAPES, PALETTE, RUN_DASHES, RUN_SYMBOLS, WALL_COLOR, WALL_TEXT_COLOR, WHITE,
)

CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # the moving figure's panels: the curve, left
COST_PANEL = {"xaxis": "x2", "yaxis": "y2"}  # the cost histories, right


def run_styles(n: int) -> list[tuple[str, str, str]]:
    """(colour, marker symbol, dash) for each of ``n`` alphas: colour is never the only cue."""
    return [(PALETTE[k % len(PALETTE)], RUN_SYMBOLS[k % len(RUN_SYMBOLS)], RUN_DASHES[k % len(RUN_DASHES)]) for k in range(n)]


def gap_to_minimum(cost: np.ndarray, j_min: float) -> np.ndarray:
    """J(w) − J(w*), floored at 1e-16 so a log scale can draw it."""
    return np.maximum(np.asarray(cost, dtype=float) - j_min, 1e-16)


def sweep_chart(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int, *, guess: float | None = None) -> Spec:
    """Iterations to converge against alpha, the divergence wall marked at 2 / J''(w*); a
    predicted largest alpha (``guess``), when given, as a grey dashed line beside it."""
    outcome = np.where(diverged, "diverged", np.where(iterations >= num_iters, "did not converge", "converged"))
    # A diverged run never converges: draw it at the cap, above the wall.
    df = pd.DataFrame({"alpha": alphas, "iterations": np.where(diverged, num_iters, np.minimum(iterations, num_iters)), "outcome": outcome})
    outcomes = ["converged", "did not converge", "diverged"]
    scale, axis = vega_log_scale(np.append(alphas, alpha_max if guess is None or guess <= 0 else [alpha_max, guess]))
    layers = [
        layer_of(
            "sweep",
            {"type": "point", "filled": True, "size": 45},
            {
                "x": field("alpha", title="learning rate α (log scale)", scale=scale, axis=axis),
                "y": field("iterations", title=f"iterations to converge (cap {num_iters})"),
                "color": nominal_color("outcome", outcomes, OUTCOME_COLORS, "outcome"),
                "shape": nominal("outcome", outcomes, OUTCOME_SHAPES, "outcome"),  # the same field: one legend
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
                {"type": "text", "align": "right", "dx": -6, "dy": -6, "color": WALL_TEXT_COLOR, "fontWeight": "bold"},
                {"x": field("alpha"), "y": value(12), "text": field("label", "nominal")},
            )
        )
    if guess is not None and guess > 0:
        datasets["guess"] = pd.DataFrame({"alpha": [guess], "label": [f"your prediction: α = {fmt(guess)}"]})
        layers.append(layer_of("guess", {"type": "rule", "color": GHOST_COLOR, "strokeDash": [2, 3], "strokeWidth": 2}, {"x": field("alpha")}))
        layers.append(layer_of(
            "guess", {"type": "text", "align": "left", "dx": 6, "dy": -6, "color": GHOST_COLOR, "fontWeight": "bold"},
            {"x": field("alpha"), "y": value(36), "text": field("label", "nominal")},
        ))
    return chart(layers, datasets, height=300)


def starts_figure(curve_cost, w_range: tuple[float, float], runs: Sequence[tuple[str, DescentRun]], height: int, in_class: bool = False) -> ReadyFigure:
    """Page 2 before a prediction: the curve, the start and each alpha's name; no path, no cost
    history, no player (only row 0 of each run is read, so no later w is in the figure)."""
    w0, j0 = float(runs[0][1].w[0]), float(runs[0][1].cost[0])
    lo, hi = view_domain(*w_range, np.array([w0]))
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    data = [line_trace(FAINT_CURVE_COLOR, {"width": 2}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy())]
    for k, ((label, _), (color, symbol, _)) in enumerate(zip(runs, run_styles(len(runs)))):
        # Every alpha starts at the same point: marks of growing size keep each colour and shape in sight.
        data.append({"type": "scatter", "mode": "markers", "x": [w0], "y": [j0], "name": label, "hovertemplate": f"{label}<br>start w = %{{x:.4g}}<extra></extra>",
                     "marker": {"size": 12 + 7 * (len(runs) - 1 - k), "color": color, "symbol": symbol, "line": {"color": WHITE, "width": 1.5}}})
    then = "The runs play on the teacher's screen once the class has answered." if in_class else "Predict first: answer the question, then the runs play."
    text = f"<b>Every α starts at w₀ = {fmt(w0)}</b><br>{then}"
    data.append({"type": "scatter", "mode": "text", "x": [lo], "y": [y_hi], "text": [text], "textposition": "top right", "textfont": {"size": 14, "color": INK},
                 "hoverinfo": "skip", "showlegend": False, "cliponaxis": False})
    legend = {"orientation": "h", "yref": "container", "y": 1 - 8 / height, "yanchor": "top", "x": 0.0, "traceorder": "normal"}
    layout = {
        "height": height - 90, "margin": {"l": 80, "r": 20, "t": 110, "b": 70}, "hovermode": "closest", "legend": legend,
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
    }
    return ReadyFigure(figure(data, layout))


def _on_panel(w: float, j: float, box: tuple[float, float, float, float], symbol: str = "circle", label: str = "") -> dict:
    """A point for a panel with fixed axes: where it is when inside, as its run's ``symbol``; else
    held at the edge it left by, as a triangle pointing the way it went, with its w and its run's
    ``label`` written beside it (a diverging run stays in sight, named in words). The true (w, J)
    ride along for the hover."""
    lo, hi, y_lo, y_hi = box
    w_ok, j_ok = math.isfinite(w), math.isfinite(j)
    x = min(max(w, lo), hi) if w_ok else (lo + hi) / 2
    y = min(max(j, y_lo), y_hi) if j_ok else y_hi
    if w_ok and j_ok and (x, y) == (w, j):
        # A space, not "": Plotly drops the text element of an empty label, and a frame never brings it back.
        return {"x": [w], "y": [j], "marker": {"symbol": symbol}, "text": [" "], "customdata": [[w, j]]}
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
    return {"x": [x], "y": [y], "marker": {"symbol": symbol}, "text": [f"w = {fmt(w)}" + (f" ({label})" if label else "")], "textposition": where, "customdata": [[w, j]]}


def compare_figure(
    curve_cost, w_range: tuple[float, float], runs: Sequence[tuple[str, DescentRun]], j_min: float, frame_ms: float = 120, height: int = 490,
    compact: bool = False, *, hidden: bool = False, in_class: bool = False,
) -> ReadyFigure:
    """Page 2: every alpha's point on the curve (left) and on its cost history (right), moved
    together by one player; a run that stopped early stays where it stopped. ``compact``
    (projector mode): smaller margins, the player close under the plot. ``hidden``: the start
    only, before a prediction (``starts_figure``; ``in_class``: the class view's student, whose answer does not play the runs)."""
    if hidden:
        return starts_figure(curve_cost, w_range, runs, height, in_class)
    all_w = np.concatenate([run.w for _, run in runs])
    lo, hi = view_domain(*w_range, all_w)
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    layout = grid(
        rows=1, cols=2, horizontal_spacing=0.1,
        subplot_titles=("Paths on the curve", 'Cost per iteration<br><span style="font-size:11px">J(w) − J(w*), log scale</span>'),
    )
    data = [line_trace(FAINT_CURVE_COLOR, {"width": 2}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy(), **CURVE_PANEL)]
    styles = run_styles(len(runs))  # colour, marker and dash: a run is told apart without its colour
    gaps = [gap_to_minimum(run.cost, j_min) for _, run in runs]
    for (label, run), (color, symbol, dash), gap in zip(runs, styles, gaps):
        inside = np.clip(run.w, lo - (hi - lo), hi + (hi - lo))
        data.append({"type": "scatter", "x": inside, "y": run.cost, "mode": "lines+markers", "line": {"color": color, "width": 1, "dash": dash}, "marker": {"size": 4, "symbol": symbol}, "opacity": 0.35, "legendgroup": label, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL})
        # A few of the run's markers on its line: the legend shows its marker and its dash too.
        data.append({"type": "scatter", "x": np.arange(gap.size), "y": gap, "mode": "lines+markers", "line": {"color": color, "width": 2, "dash": dash},
                     "marker": {"symbol": symbol, "size": 8, "color": color, "maxdisplayed": 8}, "name": label, "legendgroup": label, **COST_PANEL})
    box = (lo, hi, y_lo, y_hi)
    moving = []
    for (label, run), (color, symbol, _), gap in zip(runs, styles, gaps):
        moving.append(len(data))
        data.append(merge({
            "type": "scatter", "mode": "markers+text", "marker": {"size": 14, "color": color, "line": {"color": WHITE, "width": 1.5}},
            "textfont": {"color": INK, "size": 12}, "cliponaxis": False, "legendgroup": label, "showlegend": False,
            "hovertemplate": f"{label}<br>w = %{{customdata[0]:.4g}}<br>J = %{{customdata[1]:.4g}}<extra></extra>", **CURVE_PANEL,
        }, _on_panel(float(run.w[0]), float(run.cost[0]), box, symbol, label)))
        moving.append(len(data))
        data.append({"type": "scatter", "x": [0], "y": [gap[0]], "mode": "markers", "marker": {"size": 11, "color": color, "symbol": symbol, "line": {"color": WHITE, "width": 1.5}}, "legendgroup": label, "showlegend": False, "hoverinfo": "skip", **COST_PANEL})
    iterations = timeline(max(run.w.size for _, run in runs) - 1)
    frames = []
    for k, i in enumerate(iterations):
        points = []
        for (label, run), (_, symbol, _), gap in zip(runs, styles, gaps):
            points.append({"type": "scatter", **_on_panel(float(at(run.w, i)), float(at(run.cost, i)), box, symbol, label)})
            points.append({"type": "scatter", "x": [min(int(i), gap.size - 1)], "y": [at(gap, i)]})
        frames.append(frame(k, points, moving))
    # The legend at the top of the figure, under the tool bar, above the panel titles: on a phone it
    # wraps to a second row, which the top margin holds.
    legend = {"orientation": "h", "yref": "container", "y": 1 - 32 / height, "yanchor": "top", "x": 0.0, "traceorder": "normal"}
    merge(layout, {
        "height": height, "margin": {"l": 80, "r": 20, "t": 95, "b": 120} if compact else {"l": 80, "r": 20, "t": 120, "b": 150}, "hovermode": "closest", "legend": legend,
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
        "xaxis2": {"title": {"text": "iteration"}},
        "yaxis2": plotly_log_axis(np.concatenate(gaps)),  # named in the panel's title: on a phone an axis title here covers the curve
    })
    return add_player(figure(data, layout), frames, iterations, frame_ms, y=-under_plot(layout, 44.0) if compact else -0.2)
