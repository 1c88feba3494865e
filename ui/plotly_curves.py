"""Moving figures for the cost-curve pages 1 and 2: pure functions from runs to Plotly figures.

Page 1: the point on J(w), its tangent with rise and run, the step arrow and the update written
out with its numbers, one frame per iteration. Page 2: every alpha's point on the curve beside
a marker on each cost history, one figure so both panels share the player.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from gd_core.descent import DescentRun
from ui.charts_1d import CURVE_COLOR, PALETTE, PATH_COLOR, POINT_COLOR, TANGENT_COLOR, cost_domain, curve_frame, view_domain
from ui.charts_compare import gap_to_minimum
from ui.log_ticks import plotly_log_axis
from ui.plotly_anim import ReadyFigure, add_player, at, frame, timeline
from ui.plotly_dict import figure, grid, merge
from ui.tangent_labels import place_triangle
from ui.text import direction_text, fmt, iteration_heading, update_text

INK = "#0f172a"
CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # page 2's panels: the curve, left
COST_PANEL = {"xaxis": "x2", "yaxis": "y2"}  # the cost histories, right


def _line(color: str, line: dict | None = None, **extra) -> dict:
    return {"type": "scatter", "mode": "lines", "line": {"color": color, **(line or {})}, "showlegend": False, "hoverinfo": "skip", **extra}


def intuition_figure(curve_cost, w_range: tuple[float, float], run: DescentRun, frame_ms: float = 500, height: int = 610) -> ReadyFigure:
    """Page 1: one frame per iteration 0..k (a short run); the text in the corner is the update
    from the shown w, with its numbers (ui.text.update_text)."""
    lo, hi = view_domain(*w_range, run.w)
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    span = hi - lo
    half, run_len = 0.12 * span, 0.08 * span
    w, j, s = run.w, run.cost, run.slope
    margin = {"l": 60, "r": 20, "t": 130, "b": 150}
    curve_xy = curve[["w", "J"]].to_numpy()[::3]  # enough to tell whether a label covers the curve

    def state(i: int) -> list[dict]:
        wi, ji, si = float(w[i]), float(j[i]), float(s[i])
        taken = i < run.iterations  # the last row is where the run stopped: no update was taken from it
        w_next = run.next_w(i) if taken else wi
        labels = (f"run = {fmt(run_len)}", f"rise = {fmt(si * run_len)}")
        t = np.linspace(-half, half, 25)
        lines = np.vstack([curve_xy, np.column_stack([wi + t, ji + si * t]), np.column_stack([np.linspace(wi, w_next, 10), np.full(10, ji)])])
        tri = place_triangle(wi, ji, si, w_next - wi, run_len, (lo, hi, y_lo, y_hi), height - margin["t"] - margin["b"], lines, labels)
        if taken:
            sentence = direction_text(si, run.alpha).replace(": ", ":<br>", 1)  # two short lines fit beside the curve
            text = f"{iteration_heading(i, run.iterations)}<br><b>{update_text(run, i)}</b><br>{sentence}"
        else:
            text = f"<b>{iteration_heading(i, run.iterations)}</b><br>The run stopped here:<br>no update is taken from this w."
        text += f"<br>J(w) = {fmt(ji)},  dJ/dw = {fmt(si)}"
        return [
            {"x": w[: i + 1], "y": j[: i + 1]},  # the path so far
            {"x": [wi - half, wi + half], "y": [ji - si * half, ji + si * half]},  # tangent
            {"x": list(tri.x), "y": list(tri.y)},  # the legs: run and rise
            {"x": list(tri.label_x), "y": list(tri.label_y), "text": list(labels), "textposition": list(tri.positions)},
            {"x": [wi, w_next], "y": [ji, ji]},  # the step
            {"x": [w_next], "y": [ji], "marker": {"symbol": "triangle-right" if w_next >= wi else "triangle-left", "size": 14, "color": POINT_COLOR}},
            {"x": [wi], "y": [ji], "customdata": [[i, si]]},
            {"x": [lo + 0.01 * span], "y": [y_hi], "text": [text]},  # above the plot, in the top margin
        ]

    traces = [
        {"type": "scatter", "mode": "lines+markers", "line": {"color": PATH_COLOR, "dash": "dot"}, "marker": {"size": 6, "color": PATH_COLOR}, "hoverinfo": "skip", "name": "path so far"},
        _line(TANGENT_COLOR, {"width": 2}, name="tangent"),
        _line(TANGENT_COLOR, {"dash": "dash", "width": 1.5}, name="run and rise"),
        {"type": "scatter", "mode": "text", "textfont": {"color": TANGENT_COLOR, "size": 13}, "hoverinfo": "skip", "showlegend": False},
        _line(POINT_COLOR, {"width": 3}, name="step"),
        {"type": "scatter", "mode": "markers", "hoverinfo": "skip", "showlegend": False},
        {
            "type": "scatter", "mode": "markers", "marker": {"size": 15, "color": POINT_COLOR, "line": {"color": "white", "width": 2}}, "name": "w", "showlegend": False,
            "hovertemplate": "iteration %{customdata[0]}<br>w = %{x:.4f}<br>J(w) = %{y:.4f}<br>dJ/dw = %{customdata[1]:.4f}<extra></extra>",
        },
        # The update, written out, sits above the plot (drawn from the plot's top edge upwards), so
        # it never covers the curve, whatever its shape.
        {"type": "scatter", "mode": "text", "textposition": "top right", "textfont": {"size": 15, "color": INK}, "hoverinfo": "skip", "showlegend": False, "cliponaxis": False},
    ]
    data = [_line(CURVE_COLOR, {"width": 2.5}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy())]
    data += [merge(trace, first) for trace, first in zip(traces, state(0))]
    moving = list(range(1, len(data)))
    steps = np.arange(w.size)
    frames = [frame(i, [{"type": "scatter", **d} for d in state(int(i))], moving) for i in steps]
    layout = {
        "height": height, "margin": margin, "hovermode": "closest", "legend": {"x": 1, "xanchor": "right", "y": 1},
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
    }
    return add_player(figure(data, layout), frames, steps, frame_ms, y=-0.16)


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
    data = [_line("#94a3b8", {"width": 2}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy(), **CURVE_PANEL)]
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
            "type": "scatter", "mode": "markers+text", "marker": {"size": 14, "color": color, "line": {"color": "white", "width": 1.5}},
            "textfont": {"color": color, "size": 12}, "cliponaxis": False, "legendgroup": label, "showlegend": False,
            "hovertemplate": f"{label}<br>w = %{{customdata[0]:.4g}}<br>J = %{{customdata[1]:.4g}}<extra></extra>", **CURVE_PANEL,
        }, _on_panel(float(run.w[0]), float(run.cost[0]), box)))
        moving.append(len(data))
        data.append({"type": "scatter", "x": [0], "y": [gap[0]], "mode": "markers", "marker": {"size": 11, "color": color, "line": {"color": "white", "width": 1.5}}, "legendgroup": label, "showlegend": False, "hoverinfo": "skip", **COST_PANEL})
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
