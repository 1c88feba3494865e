"""Page 4's moving figure: one Plotly figure whose panels share one player.

Panels: the data with the gradient-descent line at the shown iteration; the cost per iteration
with a marker there; J(w, b) from above (click to start there) with the path and the point; the
same J(w, b) as a surface to turn, the path on it, the least-squares point marked. With feature
scaling a last panel shows the scaled map. Frames hold only the moving traces: the line, its
label and one marker per panel and run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from gd_core.fit import Fit
from gd_core.linreg import cost_grid
from gd_core.sums import Stats
from ui.charts_regression import contour_window, frame_indices, sample_rows
from ui.plotly_anim import ReadyFigure, add_player, at, click_grid, cost_map, frame, surface_trace, timeline

RUN_COLORS = ["#dc2626", "#f59e0b"]
EXACT_COLOR = "#0f172a"
DATA_COLOR = "#2563eb"
STAR = {"symbol": "diamond", "size": 13, "color": "#facc15", "line": {"color": EXACT_COLOR, "width": 1.5}}
FRAME_MS = 25  # 1x: 40 frames a second, a 240-frame run in 6 s
CLICK_NAME = "start here"


def _finite(values: np.ndarray, limit: float = 1e12) -> np.ndarray:
    """A diverging run's numbers, clipped so JSON and the axes stay sane (the page says it diverged)."""
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=limit, posinf=limit, neginf=-limit), -limit, limit)


def regression_figure(
    x: np.ndarray, y: np.ndarray, stats: Stats, fits: Sequence[tuple[str, Fit]], x_title: str, y_title: str, frame_ms: float = FRAME_MS, redraw_every: int = 12
) -> ReadyFigure:
    """The linked panels for one feature; ``fits[0]`` is the run the page reports."""
    main = fits[0][1]
    scaled = main.scaled
    w_star, b_star = float(stats.w_star[0]), float(stats.b_star)
    paths = [(label, _finite(f.path.w_history[:, 0]), _finite(f.path.b_history), _finite(f.result.cost_history)) for label, f in fits]
    rows = 3 if scaled else 2
    specs = [[{"type": "xy"}, {"type": "xy"}], [{"type": "xy"}, {"type": "scene"}]] + ([[{"type": "xy"}, None]] if scaled else [])
    titles = ["The data and the line", "Cost per iteration", "J(w, b) from above: click to start there", "J(w, b) as a surface: drag to turn it"]
    fig = make_subplots(
        rows=rows, cols=2, specs=specs, horizontal_spacing=0.09, vertical_spacing=0.12 if scaled else 0.14,
        subplot_titles=titles + (["Scaled x: round contours, a straight path"] if scaled else []),
    )
    moving: list[int] = []
    frames_data: list[list[go.BaseTraceType]] = []

    def static(trace: go.BaseTraceType) -> None:
        fig.add_trace(trace)

    def mover(trace: go.BaseTraceType, per_frame) -> None:
        moving.append(len(fig.data))
        fig.add_trace(trace)
        frames_data.append(lambda i, kind=trace.type: {"type": kind, **per_frame(i)})

    # --- the data and the line --------------------------------------------------------------
    rows_shown = sample_rows(x.size)
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.04 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    static(go.Scatter(x=x[rows_shown], y=y[rows_shown], mode="markers", name="data", marker={"color": DATA_COLOR, "size": 5 if x.size > 2000 else 9, "opacity": 0.6}, xaxis="x", yaxis="y", hovertemplate=f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<extra></extra>"))
    static(go.Scatter(x=[lo, hi], y=[w_star * lo + b_star, w_star * hi + b_star], mode="lines", name="least squares", line={"color": EXACT_COLOR, "dash": "dash", "width": 2}, xaxis="x", yaxis="y"))
    ends = [w_star * lo + b_star, w_star * hi + b_star]
    y_lo, y_hi = min(float(np.min(y)), *ends), max(float(np.max(y)), *ends)
    y_pad = 0.12 * (y_hi - y_lo or 1.0)
    for n, (label, w_h, b_h, _) in enumerate(paths):
        line = lambda i, w_h=w_h, b_h=b_h: {"x": [lo, hi], "y": [at(w_h, i) * lo + at(b_h, i), at(w_h, i) * hi + at(b_h, i)]}  # noqa: E731
        mover(go.Scatter(**line(0), mode="lines", name=f"{label} update", line={"color": RUN_COLORS[n], "width": 3}, xaxis="x", yaxis="y"), line)
    w_h, b_h = paths[0][1], paths[0][2]
    label_xy = {"x": [lo + 0.02 * (hi - lo)], "y": [y_hi + 0.9 * y_pad]}
    mover(
        go.Scatter(**label_xy, text=[""], mode="text", textposition="middle right", textfont={"color": RUN_COLORS[0], "size": 13}, showlegend=False, hoverinfo="skip", xaxis="x", yaxis="y"),
        lambda i: {**label_xy, "text": [f"iteration {i}: f(x) = {at(w_h, i):.4g}·x + {at(b_h, i):.4g}"]},
    )
    fig.update_xaxes(title_text=x_title, range=[lo, hi], row=1, col=1)
    fig.update_yaxes(title_text=y_title, range=[y_lo - y_pad, y_hi + 1.6 * y_pad], row=1, col=1)

    # --- cost per iteration -----------------------------------------------------------------
    for n, (label, _, _, cost) in enumerate(paths):
        idx = frame_indices(cost.size - 1, 2_000)
        static(go.Scatter(x=idx, y=np.maximum(cost[idx], 1e-300), mode="lines", name=f"J, {label}", line={"color": RUN_COLORS[n], "width": 2}, showlegend=False, xaxis="x2", yaxis="y2"))
    if stats.cost_star > 0:
        static(go.Scatter(x=[0, max(p[3].size for p in paths) - 1], y=[stats.cost_star] * 2, mode="lines", name="lowest J (least squares)", line={"color": EXACT_COLOR, "dash": "dash"}, xaxis="x2", yaxis="y2"))
    for n, (label, _, _, cost) in enumerate(paths):
        point = lambda i, cost=cost: {"x": [min(i, cost.size - 1)], "y": [max(at(cost, i), 1e-300)]}  # noqa: E731
        mover(go.Scatter(**point(0), mode="markers", marker={"color": RUN_COLORS[n], "size": 11, "line": {"color": "white", "width": 1.5}}, showlegend=False, xaxis="x2", yaxis="y2"), point)
    fig.update_xaxes(title_text="iteration", row=1, col=2)
    fig.update_yaxes(title_text="J(w, b)  (log scale)", type="log", row=1, col=2)

    # --- J(w, b) from above, and as a surface -----------------------------------------------
    ws = [p[1] for p in paths]
    bs = [p[2] for p in paths]
    gw, gb = contour_window(ws, bs, w_star, b_star)
    _cost_map(fig, static, mover, gw, gb, cost_grid(stats, gw, gb), paths, (w_star, b_star), "x3", "y3")
    fig.update_xaxes(title_text=f"w (per unit of {x_title})", range=[gw[0], gw[-1]], row=2, col=1)
    fig.update_yaxes(title_text="b (intercept)", range=[gb[0], gb[-1]], row=2, col=1)
    sw, sb = contour_window(ws, bs, w_star, b_star, n=60)
    sz = cost_grid(stats, sw, sb)
    static(surface_trace(sw, sb, sz, "scene"))
    for n, (label, w_h, b_h, cost) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        static(go.Scatter3d(x=w_h[keep], y=b_h[keep], z=cost[keep], mode="lines", line={"color": RUN_COLORS[n], "width": 5}, name=f"path, {label}", showlegend=False, scene="scene"))
    static(go.Scatter3d(x=[w_star], y=[b_star], z=[stats.cost_star], mode="markers", marker={**STAR, "size": 6}, name="least squares (w*, b*)", showlegend=False, scene="scene"))
    for n, (label, w_h, b_h, cost) in enumerate(paths):
        ball = lambda i, w_h=w_h, b_h=b_h, cost=cost: {"x": [at(w_h, i)], "y": [at(b_h, i)], "z": [at(cost, i)]}  # noqa: E731
        mover(go.Scatter3d(**ball(0), mode="markers", marker={"color": RUN_COLORS[n], "size": 6, "line": {"color": "white", "width": 1}}, showlegend=False, scene="scene"), ball)
    z_top = float(np.nanmax(sz))
    fig.update_scenes(
        xaxis={"title": "w", "range": [sw[0], sw[-1]]}, yaxis={"title": "b", "range": [sb[0], sb[-1]]},
        zaxis={"title": "J", "range": [0, z_top]}, camera={"eye": {"x": 1.5, "y": -1.5, "z": 1.0}}, aspectmode="cube",
    )
    if scaled:
        s_stats = main.run_stats
        s_star = (float(s_stats.w_star[0]), float(s_stats.b_star))
        s_paths = [(label, _finite(f.result.w_history[:, 0]), _finite(f.result.b_history), _finite(f.result.cost_history)) for label, f in fits]
        s_w, s_b = contour_window([main.result.w_history[:, 0]], [main.result.b_history], *s_star, square=True)
        _cost_map(fig, static, mover, s_w, s_b, cost_grid(s_stats, s_w, s_b), s_paths, s_star, "x4", "y4", clickable=False)
        fig.update_xaxes(title_text="w' (per standard deviation of x)", range=[s_w[0], s_w[-1]], row=3, col=1)
        fig.update_yaxes(title_text="b'", range=[s_b[0], s_b[-1]], scaleanchor="x4", scaleratio=1, row=3, col=1)

    iterations = timeline(max(p[3].size for p in paths) - 1, 240)
    frames = [frame(k, [make(i) for make in frames_data], moving) for k, i in enumerate(iterations)]
    fig.update_layout(
        height=1450 if scaled else 1000, margin={"l": 60, "r": 20, "t": 40, "b": 130}, hovermode="closest", clickmode="event+select",
        showlegend=False, dragmode="pan", uirevision="keep",
    )
    return add_player(fig, frames, iterations, frame_ms, redraw_every=redraw_every, start=0, y=-0.05 if not scaled else -0.035)


def _cost_map(fig, static, mover, gw, gb, z, paths, star, xaxis: str, yaxis: str, clickable: bool = True) -> None:
    """J(w, b) from above with each run's path, the least-squares diamond and the moving point."""
    image, lines = cost_map(gw, gb, z, xaxis, yaxis)
    fig.add_layout_image(image)
    static(lines)
    if clickable:
        static(click_grid(gw[::2], gb[::2], z[::2, ::2], xaxis, yaxis, CLICK_NAME))
    for n, (label, w_h, b_h, _) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        static(go.Scatter(x=w_h[keep], y=b_h[keep], mode="lines", line={"color": RUN_COLORS[n], "width": 2.5}, showlegend=False, hoverinfo="skip", xaxis=xaxis, yaxis=yaxis))
    static(go.Scatter(x=[star[0]], y=[star[1]], mode="markers", marker=STAR, name="least squares (w*, b*)", showlegend=xaxis == "x3", xaxis=xaxis, yaxis=yaxis, hovertemplate="least squares<br>w* = %{x:.6g}<br>b* = %{y:.6g}<extra></extra>"))
    for n, (label, w_h, b_h, _) in enumerate(paths):
        point = lambda i, w_h=w_h, b_h=b_h: {"x": [at(w_h, i)], "y": [at(b_h, i)]}  # noqa: E731
        mover(go.Scatter(**point(0), mode="markers", marker={"color": RUN_COLORS[n], "size": 12, "line": {"color": "white", "width": 2}}, showlegend=False, hoverinfo="skip", xaxis=xaxis, yaxis=yaxis), point)
