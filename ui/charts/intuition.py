"""Page 1's moving figure: a pure function from a run to a Plotly figure.

The point on J(w), its tangent with rise and run, the step arrow and the update written out
with its numbers, one frame per iteration. Before the student has predicted (``hidden``), only
the start: made from the run's first row alone, so no later w is anywhere in the figure.
"""

from __future__ import annotations

import numpy as np

from gd_core.descent import DescentRun
from ui.charts.cost_curve import Ghost, cost_domain, curve_frame, line_trace, view_domain
from ui.charts.player import ReadyFigure, add_player, frame
from ui.charts.figure_dict import figure, merge
from ui.charts.tangent_labels import place_triangle
from ui.words.text import direction_text, fmt, iteration_heading, update_text
from ui.charts.style import CURVE_COLOR, GHOST_COLOR, INK, INVISIBLE, PATH_COLOR, POINT_COLOR, TANGENT_COLOR, TANGENT_TEXT_COLOR, WHITE


def intuition_figure(
    curve_cost, w_range: tuple[float, float], run: DescentRun, frame_ms: float = 500, height: int = 610,
    *, hidden: bool = False, ghost: Ghost | None = None, in_class: bool = False,
) -> ReadyFigure:
    """Page 1: one frame per iteration 0..k (a short run); the text in the corner is the update
    from the shown w, with its numbers (ui.words.text.update_text).

    ``hidden``: the start only, for a student who has not predicted yet: the curve, w0 with its
    tangent, run and rise, J and dJ/dw there; no step, no next w, no later frame, no player (only
    row 0 of the run is read). ``ghost``: the committed prediction, drawn beside the run.
    ``in_class``: the class view's student, whose answer does not play the run (the teacher's screen does)."""
    if hidden:
        return _start_only(curve_cost, w_range, run, height, in_class)
    lo, hi = view_domain(*w_range, run.w if ghost is None or ghost.w is None else np.append(run.w, ghost.w))
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    span = hi - lo
    half, run_len = 0.12 * span, 0.08 * span
    w, j, s = run.w, run.cost, run.slope
    margin = {"l": 80, "r": 20, "t": 130, "b": 150}
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
    if ghost is not None:
        data += ghost_traces(curve_cost, ghost, float(w[0]), float(j[0]), (lo, hi, y_lo, y_hi))  # still: not in any frame
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
        {"type": "scatter", "mode": "text", "textfont": {"color": TANGENT_TEXT_COLOR, "size": 13}, "hoverinfo": "skip", "showlegend": False},
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


def _start_only(curve_cost, w_range: tuple[float, float], run: DescentRun, height: int, in_class: bool = False) -> ReadyFigure:
    """The start, to predict from: the curve, w0, its tangent with run and rise, J and dJ/dw there."""
    w0, j0, s0 = float(run.w[0]), float(run.cost[0]), float(run.slope[0])
    lo, hi = view_domain(*w_range, np.array([w0]))
    curve = curve_frame(curve_cost, lo, hi)
    y_lo, y_hi = cost_domain(curve)
    span = hi - lo
    half, run_len = 0.12 * span, 0.08 * span
    margin = {"l": 80, "r": 20, "t": 130, "b": 70}
    labels = (f"run = {fmt(run_len)}", f"rise = {fmt(s0 * run_len)}")
    t = np.linspace(-half, half, 25)
    lines = np.vstack([curve[["w", "J"]].to_numpy()[::3], np.column_stack([w0 + t, j0 + s0 * t])])
    tri = place_triangle(w0, j0, s0, 0.0, run_len, (lo, hi, y_lo, y_hi), height - margin["t"] - margin["b"], lines, labels)
    then = "The run plays on the teacher's screen<br>once the class has answered." if in_class else "Predict first: answer the question,<br>then the run plays."
    text = (f"<b>The start: w₀ = {fmt(w0)}</b><br>{then}"
            f"<br>J(w) = {fmt(j0)},  dJ/dw = {fmt(s0)}")
    data = [
        line_trace(CURVE_COLOR, {"width": 2.5}, name="J(w)", x=curve["w"].to_numpy(), y=curve["J"].to_numpy()),
        line_trace(TANGENT_COLOR, {"width": 2}, name="tangent", x=[w0 - half, w0 + half], y=[j0 - s0 * half, j0 + s0 * half]),
        line_trace(TANGENT_COLOR, {"dash": "dash", "width": 1.5}, name="run and rise", x=list(tri.x), y=list(tri.y)),
        {"type": "scatter", "mode": "text", "x": list(tri.label_x), "y": list(tri.label_y), "text": list(labels), "textposition": list(tri.positions),
         "textfont": {"color": TANGENT_TEXT_COLOR, "size": 13}, "hoverinfo": "skip", "showlegend": False},
        {"type": "scatter", "mode": "markers", "x": [w0], "y": [j0], "customdata": [[0, s0]], "name": "w", "showlegend": False,
         "marker": {"size": 15, "color": POINT_COLOR, "line": {"color": WHITE, "width": 2}},
         "hovertemplate": "start<br>w = %{x:.4f}<br>J(w) = %{y:.4f}<br>dJ/dw = %{customdata[1]:.4f}<extra></extra>"},
        {"type": "scatter", "mode": "text", "x": [lo + 0.01 * span], "y": [y_hi], "text": [text], "textposition": "top right",
         "textfont": {"size": 15, "color": INK}, "hoverinfo": "skip", "showlegend": False, "cliponaxis": False},
    ]
    layout = {
        "height": height - 90, "margin": margin, "hovermode": "closest", "legend": {"x": 1, "xanchor": "right", "y": 1},
        "xaxis": {"title": {"text": "w (parameter)"}, "range": [lo, hi]}, "yaxis": {"title": {"text": "J(w) (cost)"}, "range": [y_lo, y_hi]},
    }
    return ReadyFigure(figure(data, layout))


def ghost_traces(curve_cost, ghost: Ghost, w0: float, j0: float, box: tuple[float, float, float, float]) -> list[dict]:
    """The prediction in grey, hollow or dashed, its words written beside it: a dashed line at a
    predicted w, with a ring where it meets the curve (held at the plot's edge, as a triangle
    pointing the way, when outside); a hollow arrow beside the start for a predicted direction
    (a ring round it for "stays"); else its words alone, in the legend."""
    lo, hi, y_lo, y_hi = box
    name = {"name": "your prediction", "legendgroup": "ghost", "hoverinfo": "skip", "showlegend": False}
    hollow = {"color": INVISIBLE, "line": {"color": GHOST_COLOR, "width": 2}}
    words = {"text": [ghost.text], "textfont": {"color": GHOST_COLOR, "size": 13}, "cliponaxis": False}
    if ghost.w is not None:
        x = min(max(ghost.w, lo), hi)
        # The words go towards the middle, at 3/5 of the height: clear of the legend at the top
        # and of a valley's floor.
        inward = "middle left" if x > (lo + hi) / 2 else "middle right"
        traces = [
            line_trace(GHOST_COLOR, {"dash": "dash", "width": 2}, x=[x, x], y=[y_lo, y_hi], **name),
            {"type": "scatter", "mode": "text", "x": [x], "y": [y_lo + 0.6 * (y_hi - y_lo)], "textposition": inward, **words, **name},
        ]
        with np.errstate(all="ignore"):
            jp = float(np.asarray(curve_cost(np.array([ghost.w])), dtype=float)[0])
        if x != ghost.w:
            traces.append({"type": "scatter", "mode": "markers", "x": [x], "y": [y_lo + 0.5 * (y_hi - y_lo)], **name,
                           "marker": {"symbol": "triangle-right" if x == hi else "triangle-left", "size": 14, **hollow}})
        elif np.isfinite(jp) and y_lo <= jp <= y_hi:
            traces.append({"type": "scatter", "mode": "markers", "x": [x], "y": [jp], **name, "marker": {"size": 15, **hollow}})
        return traces
    if ghost.direction is not None:
        gap = 0.06 * (hi - lo)
        symbol = {-1: "triangle-left", 1: "triangle-right"}.get(ghost.direction, "circle")
        size = 26 if ghost.direction == 0 else 16
        return [{"type": "scatter", "mode": "markers+text", "x": [w0 + gap * ghost.direction], "y": [j0], "textposition": "bottom center",
                 **words, **name, "marker": {"symbol": symbol, "size": size, **hollow}}]
    return [{"type": "scatter", "mode": "markers", "x": [None], "y": [None], **dict(name, name=ghost.text, showlegend=True), "marker": {"size": 12, **hollow}}]
