"""Page 4's moving figure: one Plotly figure whose panels share one player.

Panels: the data with the gradient-descent line at the shown iteration; the cost per iteration
with a marker there; J(w, b) from above (click to start there) with the path and the point; the
same J(w, b) as a surface to turn, the path on it, the least-squares point marked. With feature
scaling a last panel shows the scaled map. Frames hold only the moving traces: each run's line
(the first one also carries the written-out line) and one trace of markers per panel. Every frame
re-reads every trace of the figure, so still lines (least squares, the cost curves, contours,
paths on the map) are layout shapes, and the least-squares diamond shares its trace with the
moving points.

Before a prediction is committed (``hidden``) the figure is drawn from the fits cut to their
start (gd_core.reveal.start_only), with no player and no least-squares answer (its line, its
diamonds, J*): the data, the line descent starts from and its cost. After it, a ``Ghost``
draws the prediction beside the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from gd_core.fit import Fit
from gd_core.linreg import cost_grid
from gd_core.sums import Stats
from ui.charts.regression_parts import contour_window, frame_indices, sample_rows
from ui.charts.player import ReadyFigure, add_player, at, click_grid, cost_map, frame, path_shape, surface_trace, timeline, under_plot
from ui.charts.log_ticks import plotly_log_axis
from ui.charts.figure_dict import figure, grid, merge
from ui.words.shown import shown_plotly

RUN_COLORS = ["#dc2626", "#f59e0b"]
EXACT_COLOR = "#0f172a"
DATA_COLOR = "#2563eb"
STAR = {"symbol": "diamond", "size": 13, "color": "#facc15", "line": {"color": EXACT_COLOR, "width": 1.5}}
# 1x: a frame at every screen refresh (60 Hz) when the browser keeps up. Plotly's player steps only
# on requestAnimationFrame: a frame time just over one refresh (25 ms) waits for the second one,
# which caps it at 30 frames a second, fewer with every 3-D redraw. On that clock no speed is
# faster than 1x, so the menu offers the slower ones.
FRAME_MS = 12
SPEEDS = (0.25, 0.5, 1.0)
CLICK_NAME = "start here"
AXIS_LIMIT = 40  # characters of a column name in an axis title or hover
HINT = '<br><span style="font-size:11px">'  # a panel title's second line, smaller
GHOST_COLOR = "#ea580c"
CORNERS = {  # where a ghost's words sit in its panel: (x, y, xanchor, yanchor) in the panel's domain
    "top left": (0.02, 0.97, "left", "top"), "top right": (0.98, 0.97, "right", "top"),
    "bottom left": (0.02, 0.03, "left", "bottom"), "bottom right": (0.98, 0.03, "right", "bottom"),
}
PANEL_AXES = {"data": ("x", "y"), "cost": ("x2", "y2"), "map": ("x3", "y3")}


class Ghost(NamedTuple):
    """A committed prediction drawn beside the result: ``text`` in a ``corner`` of ``panel``
    ("data", "cost" or "map"); with ``line_w``, a dashed line of that slope through the data's
    means on the data panel (the best line with that w); with ``band``, w* − band and w* + band
    marked on the map."""

    panel: str
    text: str
    line_w: float | None = None
    band: float | None = None
    corner: str = "top left"


def _ghost(ghost: Ghost, stats: Stats, x_range: tuple[float, float], shapes: list[dict], notes: list[dict]) -> None:
    xaxis, yaxis = PANEL_AXES[ghost.panel]
    dashed = {"color": GHOST_COLOR, "dash": "dash", "width": 2.5}
    if ghost.line_w is not None:
        lo, hi = x_range
        x_bar, y_bar = float(stats.x_bar[0]), float(stats.y_bar)
        shapes.append({"type": "line", "x0": lo, "y0": y_bar + ghost.line_w * (lo - x_bar), "x1": hi, "y1": y_bar + ghost.line_w * (hi - x_bar),
                       "xref": "x", "yref": "y", "line": dashed, "layer": "above"})
    if ghost.band is not None:
        for w in (float(stats.w_star[0]) - ghost.band, float(stats.w_star[0]) + ghost.band):
            shapes.append({"type": "line", "x0": w, "x1": w, "y0": 0, "y1": 1, "xref": "x3", "yref": "y3 domain", "line": dashed, "layer": "above"})
    x, y, xanchor, yanchor = CORNERS[ghost.corner]
    notes.append({"x": x, "y": y, "xref": f"{xaxis} domain", "yref": f"{yaxis} domain", "text": ghost.text, "showarrow": False,
                  "xanchor": xanchor, "yanchor": yanchor, "font": {"size": 13, "color": GHOST_COLOR}, "bgcolor": "rgba(255,255,255,0.85)",
                  "bordercolor": GHOST_COLOR, "borderwidth": 1.5, "borderpad": 3})


def _finite(values: np.ndarray, limit: float = 1e12) -> np.ndarray:
    """A diverging run's numbers, clipped so JSON and the axes stay sane (the page says it diverged)."""
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=limit, posinf=limit, neginf=-limit), -limit, limit)


def _with_start(y_lo: float, y_hi: float, start: list[float], reach: float = 2.0) -> tuple[float, float]:
    """The data panel's y span widened to the ends of the line descent starts from, those that lie
    within ``reach`` spans of it: on the course's data the line starts at y = 0, under the points,
    and is then seen from iteration 0 rising to them. A start far off is left out of view (its w
    and b are written on the panel), so the points do not shrink to a sliver."""
    span = y_hi - y_lo or 1.0
    near = [v for v in start if y_lo - reach * span <= v <= y_hi + reach * span]
    return min([y_lo, *near]), max([y_hi, *near])


def regression_figure(
    x: np.ndarray, y: np.ndarray, stats: Stats, fits: Sequence[tuple[str, Fit]], x_title: str, y_title: str, frame_ms: float = FRAME_MS, redraw_every: int = 16,
    *, narrow: bool = False, met_at: int | None = None, hidden: bool = False, ghost: Ghost | None = None,
) -> ReadyFigure:
    """The linked panels for one feature; ``fits[0]`` is the run the page reports. ``narrow`` (a
    phone): the panels one under another, each the screen's width, in the same order. ``met_at``:
    the iteration where the reported run met the stop rule, marked on the cost panel (the run
    may go on to its limit after it). ``x_title`` and ``y_title`` are column names: shown as
    their characters (ui.words.shown). ``hidden``: before a prediction (pass the fits cut to
    their start): no player, no least-squares answer. ``ghost``: the committed prediction."""
    x_title, y_title = shown_plotly(x_title, AXIS_LIMIT), shown_plotly(y_title, AXIS_LIMIT)
    main = fits[0][1]
    scaled = main.scaled
    w_star, b_star = float(stats.w_star[0]), float(stats.b_star)
    paths = [(label, _finite(f.path.w_history[:, 0]), _finite(f.path.b_history), _finite(f.result.cost_history)) for label, f in fits]
    panels = 2 if hidden else 5 if scaled else 4
    if hidden:  # before a prediction: the data and the cost only (the maps' lowest point is the answer)
        rows, cols, specs, spacing = (2, 1, (("xy",), ("xy",)), 0.18) if narrow else (1, 2, (("xy", "xy"),), 0.1)
    elif narrow:  # one column: the same panels, so the same axis names (x, x2, x3, scene, x4)
        rows, cols, specs, spacing = panels, 1, (("xy",), ("xy",), ("xy",), ("scene",)) + ((("xy",),) if scaled else ()), 0.08
    else:
        rows, cols, spacing = 3 if scaled else 2, 2, 0.12 if scaled else 0.14
        specs = (("xy", "xy"), ("xy", "scene")) + ((("xy", None),) if scaled else ())
    # Short titles, the hint under each: two panels side by side stay readable on a phone.
    titles = (f"The data, the line{HINT}at the shown iteration</span>", f"Cost per iteration{HINT}log scale</span>",
              f"J(w, b) from above{HINT}click to start there</span>", f"J(w, b) in 3-D{HINT}drag to turn it</span>")
    layout = grid(
        rows=rows, cols=cols, specs=specs, horizontal_spacing=0.09, vertical_spacing=spacing,
        subplot_titles=titles[:panels] + ((f"Scaled x{HINT}round contours, a straight path</span>",) if scaled and not hidden else ()),
    )
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    data: list[dict] = []
    shapes: list[dict] = []
    moving: list[int] = []
    frames_data: list[Callable[[int], dict]] = []

    def mover(trace: dict, per_frame) -> None:
        moving.append(len(data))
        data.append(merge(trace, per_frame(0)))
        frames_data.append(lambda i, kind=trace["type"]: {"type": kind, **per_frame(i)})

    # --- the data and the line --------------------------------------------------------------
    rows_shown = sample_rows(x.size)
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.04 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    data.append({
        "type": "scatter", "x": x[rows_shown], "y": y[rows_shown], "mode": "markers", "name": "data", "marker": {"color": DATA_COLOR, "size": 5 if x.size > 2000 else 9, "opacity": 0.6},
        "xaxis": "x", "yaxis": "y", "hovertemplate": f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
    })
    ends = [] if hidden else [w_star * lo + b_star, w_star * hi + b_star]
    if not hidden:  # the least-squares line is the answer to where descent goes
        shapes.append({"type": "line", "x0": lo, "y0": ends[0], "x1": hi, "y1": ends[1], "xref": "x", "yref": "y", "line": {"color": EXACT_COLOR, "dash": "dash", "width": 2}, "layer": "between"})
    y_lo, y_hi = min([float(np.min(y)), *ends]), max([float(np.max(y)), *ends])
    y_lo, y_hi = _with_start(y_lo, y_hi, [float(paths[0][1][0]) * end + float(paths[0][2][0]) for end in (lo, hi)])
    y_pad = 0.12 * (y_hi - y_lo or 1.0)
    label_x, label_y = lo + 0.02 * (hi - lo), y_hi + 0.9 * y_pad
    for n, (label, w_h, b_h, _) in enumerate(paths):
        if n == 0:  # the first run's line carries the written-out line, after a gap: one trace fewer to move
            line = lambda i, w_h=w_h, b_h=b_h: {  # noqa: E731
                "x": [lo, hi, None, label_x], "y": [at(w_h, i) * lo + at(b_h, i), at(w_h, i) * hi + at(b_h, i), None, label_y],
                "text": ["", "", "", f"iteration {i}<br>w = {at(w_h, i):.4g}, b = {at(b_h, i):.4g}"],
            }
            extra = {"mode": "lines+text", "textposition": "middle right", "textfont": {"color": RUN_COLORS[0], "size": 12}}
        else:
            line = lambda i, w_h=w_h, b_h=b_h: {"x": [lo, hi], "y": [at(w_h, i) * lo + at(b_h, i), at(w_h, i) * hi + at(b_h, i)]}  # noqa: E731
            extra = {"mode": "lines"}
        mover({"type": "scatter", **extra, "name": f"{label} update", "line": {"color": RUN_COLORS[n], "width": 3}, "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"}, line)
    merge(layout, {"xaxis": {"title": {"text": x_title}, "range": [lo, hi]}, "yaxis": {"title": {"text": y_title}, "range": [y_lo - y_pad, y_hi + 1.6 * y_pad]}})

    # --- cost per iteration -----------------------------------------------------------------
    for n, (label, _, _, cost) in enumerate(paths):
        idx = frame_indices(cost.size - 1, 2_000)
        shapes.append(path_shape(idx, np.maximum(cost[idx], 1e-300), "x2", "y2", {"color": RUN_COLORS[n], "width": 2}))
    if stats.cost_star > 0 and not hidden:  # lowest J (least squares)
        shapes.append({
            "type": "line", "x0": 0, "x1": max(p[3].size for p in paths) - 1, "y0": stats.cost_star, "y1": stats.cost_star, "xref": "x2", "yref": "y2",
            "line": {"color": EXACT_COLOR, "dash": "dash", "width": 2}, "layer": "between",
        })
    if met_at is not None:
        shapes.append({
            "type": "line", "x0": met_at, "x1": met_at, "y0": 0, "y1": 0.93, "xref": "x2", "yref": "y2 domain",
            "line": {"color": EXACT_COLOR, "dash": "dot", "width": 1.5}, "layer": "above",
        })
        layout.setdefault("annotations", []).append({
            "x": met_at, "y": 1, "xref": "x2", "yref": "y2 domain", "text": f"stop rule met: iteration {met_at:,}",
            "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 11, "color": EXACT_COLOR},
        })
    costs = [p[3] for p in paths]
    mover(
        {
            "type": "scatter", "mode": "markers", "marker": {"color": RUN_COLORS[: len(paths)], "size": 11, "line": {"color": "white", "width": 1.5}}, "showlegend": False, "xaxis": "x2", "yaxis": "y2",
            "hovertemplate": [f"{p[0]}<br>iteration %{{x}}: J = %{{y:.4g}}<extra></extra>" for p in paths],
        },
        lambda i: {"x": [min(i, c.size - 1) for c in costs], "y": [max(at(c, i), 1e-300) for c in costs]},
    )
    drawn = np.concatenate([np.maximum(c, 1e-300) for c in costs] + [[stats.cost_star] if stats.cost_star > 0 and not hidden else []])
    merge(layout, {"xaxis2": {"title": {"text": "iteration"}}, "yaxis2": {"title": {"text": "J(w, b)"}, **plotly_log_axis(drawn)}})

    # --- J(w, b) from above, and as a surface (before a prediction: not yet, its lowest point is the answer)
    images = [] if hidden else _maps(data, shapes, layout, mover, stats, main, fits, paths, x_title)

    notes: list[dict] = []
    if ghost is not None:
        _ghost(ghost, stats, (lo, hi), shapes, notes)
    layout["annotations"] = [*layout["annotations"], *notes]
    iterations = timeline(max(p[3].size for p in paths) - 1, 240)
    frames = [frame(k, [make(i) for make in frames_data], moving) for k, i in enumerate(iterations)]
    merge(layout, {
        "images": images, "shapes": shapes, "height": panels * 420 if narrow else (560 if hidden else 1450 if scaled else 1000),
        "margin": {"l": 60, "r": 20, "t": 85 if narrow else 60, "b": 130}, "hovermode": "closest",  # a phone: the tool bar above the first title
        "clickmode": "event+select", "showlegend": False, "dragmode": "pan", "uirevision": "keep",
    })
    if hidden:  # nothing moves before the prediction: no frames, no player, no room kept for one
        layout["margin"]["b"] = 50
        return ReadyFigure(figure(data, layout))
    y = -under_plot(layout, 40.5) if narrow else (-0.035 if scaled else -0.05)  # the buttons ~40 px under the plot
    return add_player(figure(data, layout), frames, iterations, frame_ms, redraw_every=redraw_every, start=0, y=y, speeds=SPEEDS)


def _maps(data: list[dict], shapes: list[dict], layout: dict, mover, stats: Stats, main: Fit, fits, paths, x_title: str) -> list[dict]:
    """J(w, b) from above and as a surface, each run's path and point and the least-squares
    diamond on both (and the scaled map when scaled): traces, shapes and axes added, the
    pictures under the maps returned."""
    w_star, b_star = float(stats.w_star[0]), float(stats.b_star)
    scaled = main.scaled
    ws = [p[1] for p in paths]
    bs = [p[2] for p in paths]
    gw, gb = contour_window(ws, bs, w_star, b_star)
    images = [_cost_map(data, shapes, mover, gw, gb, cost_grid(stats, gw, gb), paths, (w_star, b_star), "x3", "y3")]
    merge(layout, {"xaxis3": {"title": {"text": f"w (per unit of {x_title})"}, "range": [gw[0], gw[-1]]}, "yaxis3": {"title": {"text": "b (intercept)"}, "range": [gb[0], gb[-1]]}})
    sw, sb = contour_window(ws, bs, w_star, b_star, n=60)
    sz = cost_grid(stats, sw, sb)
    data.append(surface_trace(sw, sb, sz, "scene"))
    for n, (label, w_h, b_h, cost) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        data.append({"type": "scatter3d", "x": w_h[keep], "y": b_h[keep], "z": cost[keep], "mode": "lines", "line": {"color": RUN_COLORS[n], "width": 5}, "name": f"path, {label}", "showlegend": False, "scene": "scene"})
    # The least-squares diamond and every run's point share one trace (each trace costs every frame).
    mover(
        {
            "type": "scatter3d", "mode": "markers", "name": "least squares (w*, b*)", "showlegend": False, "scene": "scene", "hoverinfo": "skip",
            "marker": {"symbol": ["diamond"] + ["circle"] * len(paths), "color": [STAR["color"], *RUN_COLORS[: len(paths)]], "size": [7] + [6] * len(paths), "line": {"color": [EXACT_COLOR] + ["white"] * len(paths), "width": 1}},
        },
        lambda i: {"x": [w_star] + [at(p[1], i) for p in paths], "y": [b_star] + [at(p[2], i) for p in paths], "z": [stats.cost_star] + [at(p[3], i) for p in paths]},
    )
    z_top = float(np.nanmax(sz))
    merge(layout["scene"], {
        "xaxis": {"title": {"text": "w"}, "range": [sw[0], sw[-1]]}, "yaxis": {"title": {"text": "b"}, "range": [sb[0], sb[-1]]},
        "zaxis": {"title": {"text": "J"}, "range": [0, z_top], "exponentformat": "none", "separatethousands": True},  # 100,000, not "100k", on a cost "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}}, "aspectmode": "cube",
    })
    if scaled:
        s_stats = main.run_stats
        s_star = (float(s_stats.w_star[0]), float(s_stats.b_star))
        s_paths = [(label, _finite(f.result.w_history[:, 0]), _finite(f.result.b_history), _finite(f.result.cost_history)) for label, f in fits]
        s_w, s_b = contour_window([main.result.w_history[:, 0]], [main.result.b_history], *s_star, square=True)
        images.append(_cost_map(data, shapes, mover, s_w, s_b, cost_grid(s_stats, s_w, s_b), s_paths, s_star, "x4", "y4", clickable=False))
        merge(layout, {
            "xaxis4": {"title": {"text": "w' (per standard deviation of x)"}, "range": [s_w[0], s_w[-1]]},
            "yaxis4": {"title": {"text": "b'"}, "range": [s_b[0], s_b[-1]], "scaleanchor": "x4", "scaleratio": 1},
        })
    return images


def _cost_map(data: list[dict], shapes: list[dict], mover, gw, gb, z, paths, star, xaxis: str, yaxis: str, clickable: bool = True) -> dict:
    """J(w, b) from above with each run's path, the least-squares diamond and the moving point:
    the traces and shapes added to ``data`` and ``shapes``, the picture under the axes returned."""
    image, lines = cost_map(gw, gb, z, xaxis, yaxis)
    shapes.append(lines)
    for n, (label, w_h, b_h, _) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        shapes.append(path_shape(w_h[keep], b_h[keep], xaxis, yaxis, {"color": RUN_COLORS[n], "width": 2.5}))
    if clickable:
        data.append(click_grid(gw[::2], gb[::2], z[::2, ::2], xaxis, yaxis, CLICK_NAME))
    # The least-squares diamond first, then every run's point over it: one trace, moved by every frame.
    k = len(paths)
    mover(
        {
            "type": "scatter", "mode": "markers", "name": "least squares (w*, b*)", "showlegend": False, "xaxis": xaxis, "yaxis": yaxis,
            "marker": {"symbol": ["diamond"] + ["circle"] * k, "size": [STAR["size"] + 3] + [10] * k, "color": [STAR["color"], *RUN_COLORS[:k]], "line": {"color": [EXACT_COLOR] + ["white"] * k, "width": [1.5] + [2] * k}},
            "hovertemplate": ["least squares<br>w* = %{x:.6g}<br>b* = %{y:.6g}<extra></extra>"] + [f"{p[0]}<br>w = %{{x:.4g}}<br>b = %{{y:.4g}}<extra></extra>" for p in paths],
        },
        lambda i: {"x": [star[0]] + [at(p[1], i) for p in paths], "y": [star[1]] + [at(p[2], i) for p in paths]},
    )
    return image
