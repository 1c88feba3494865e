"""Page 1's moving figure: a pure function from a run to a Plotly figure.

The point on J(w), its tangent with rise and run, the step arrow and the update written out
with its numbers, one frame per iteration.
"""

from __future__ import annotations

import numpy as np

from gd_core.descent import DescentRun
from ui.charts.cost_curve import cost_domain, curve_frame, line_trace, view_domain
from ui.charts.player import ReadyFigure, add_player, at, frame, timeline
from ui.charts.figure_dict import figure, grid, merge
from ui.charts.tangent_labels import place_triangle
from ui.words.text import direction_text, fmt, iteration_heading, update_text
from ui.charts.style import CURVE_COLOR, INK, PATH_COLOR, POINT_COLOR, TANGENT_COLOR, WHITE


def intuition_figure(curve_cost, w_range: tuple[float, float], run: DescentRun, frame_ms: float = 500, height: int = 610) -> ReadyFigure:
    """Page 1: one frame per iteration 0..k (a short run); the text in the corner is the update
    from the shown w, with its numbers (ui.words.text.update_text)."""
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

    traces = _moving_traces()
    data = [line_trace(CURVE_COLOR, {"width": 2.5}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy())]
    data += [merge(trace, first) for trace, first in zip(traces, state(0))]
    moving = list(range(1, len(data)))
    steps = np.arange(w.size)
    frames = [frame(i, [{"type": "scatter", **d} for d in state(int(i))], moving) for i in steps]
    layout = {
        "height": height, "margin": margin, "hovermode": "closest", "legend": {"x": 1, "xanchor": "right", "y": 1},
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
    }
    return add_player(figure(data, layout), frames, steps, frame_ms, y=-0.16)


def _moving_traces() -> list[dict]:
    """What moves on page 1, in the order ``intuition_figure``'s frames give their values."""
    return [
        {"type": "scatter", "mode": "lines+markers", "line": {"color": PATH_COLOR, "dash": "dot"}, "marker": {"size": 6, "color": PATH_COLOR}, "hoverinfo": "skip", "name": "path so far"},
        line_trace(TANGENT_COLOR, {"width": 2}, name="tangent"),
        line_trace(TANGENT_COLOR, {"dash": "dash", "width": 1.5}, name="run and rise"),
        {"type": "scatter", "mode": "text", "textfont": {"color": TANGENT_COLOR, "size": 13}, "hoverinfo": "skip", "showlegend": False},
        line_trace(POINT_COLOR, {"width": 3}, name="step"),
        {"type": "scatter", "mode": "markers", "hoverinfo": "skip", "showlegend": False},
        {
            "type": "scatter", "mode": "markers", "marker": {"size": 15, "color": POINT_COLOR, "line": {"color": WHITE, "width": 2}}, "name": "w", "showlegend": False,
            "hovertemplate": "iteration %{customdata[0]}<br>w = %{x:.4f}<br>J(w) = %{y:.4f}<br>dJ/dw = %{customdata[1]:.4f}<extra></extra>",
        },
        # The update, written out, sits above the plot (drawn from the plot's top edge upwards), so
        # it never covers the curve, whatever its shape.
        {"type": "scatter", "mode": "text", "textposition": "top right", "textfont": {"size": 15, "color": INK}, "hoverinfo": "skip", "showlegend": False, "cliponaxis": False},
    ]
