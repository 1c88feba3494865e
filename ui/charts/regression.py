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
diamonds, J*) and no map (its lowest point is the answer): the data, the line descent starts
from and its cost. After it, a ``Ghost`` (ui.charts.regression_ghost) draws the prediction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gd_core.fit import Fit
from gd_core.sums import Stats
from ui.charts.regression_parts import frame_indices, sample_rows
from ui.charts.cost_map import path_shape
from ui.charts.regression_ghost import Ghost, draw_ghost
from ui.charts.regression_maps import Path, finite, landscape_panels, scaled_panel
from ui.charts.player import ReadyFigure, Traces, add_player, at, timeline, under_plot
from ui.charts.log_ticks import plotly_log_axis
from ui.charts.figure_dict import figure, grid, merge
from ui.words.shown import shown_plotly
from ui.charts.style import DATA_COLOR, EXACT_COLOR, FIT_DASHES, FIT_SYMBOLS, INK, RUN_COLORS, WHITE

# 1x: a frame at every screen refresh (60 Hz) when the browser keeps up. Plotly's player steps only
# on requestAnimationFrame: a frame time just over one refresh (25 ms) waits for the second one,
# which caps it at 30 frames a second, fewer with every 3-D redraw. On that clock no speed is
# faster than 1x, so the menu offers the slower ones.
FRAME_MS = 12
# At most this many iterations get a frame, denser at the start: the course lab's 10,000 play in
# 154 frames (240 gave 180: 26 frames of some 540 bytes each, frame, slider step and its row of
# numbers for a screen reader, over the 150 kB of a predict=false link; issue 26).
FRAME_LIMIT = 200
SPEEDS = (0.25, 0.5, 1.0)
AXIS_LIMIT = 40  # characters of a column name in an axis title or hover
HINT = '<br><span style="font-size:11px">'  # a panel title's second line, smaller


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
    *, narrow: bool = False, met_at: int | None = None, hide_lstsq: bool = False, compact: bool = False, hidden: bool = False, ghost: Ghost | None = None,
    three_d: bool = True, clicks: bool = True,
) -> ReadyFigure:
    """The linked panels for one feature; ``fits[0]`` is the run the page reports. ``narrow`` (a
    phone): the panels one under another, each the screen's width, in the same order. ``met_at``:
    the iteration where the reported run met the stop rule, marked on the cost panel (the run
    may go on to its limit after it). ``x_title`` and ``y_title`` are column names: shown as
    their characters (ui.words.shown). ``compact`` (projector mode): the panels in one row, a
    short figure. ``hide_lstsq`` (a challenge hides the answer): no least-squares line, cost
    floor or diamond. ``hidden``: before a prediction (pass the fits cut to their start): no
    player, no least-squares answer, no maps. ``ghost``: the committed prediction. ``three_d``:
    the surface to turn (without it its cell says how to draw it, and no frame redraws). ``clicks``:
    a click on the map starts a run there (the lesson page; the class view's figure takes none, so offers none)."""
    x_title, y_title = shown_plotly(x_title, AXIS_LIMIT), shown_plotly(y_title, AXIS_LIMIT)
    main = fits[0][1]
    scaled = main.scaled
    star = (float(stats.w_star[0]), float(stats.b_star))
    paths = [(label, finite(f.path.w_history[:, 0]), finite(f.path.b_history), finite(f.result.cost_history)) for label, f in fits]
    three_d = three_d and not hidden
    layout = _layout(scaled, narrow, compact, hidden, three_d, clicks)
    traces = Traces(lean=True)
    _data_panel(traces, layout, x, y, paths, star, x_title, y_title, hide_lstsq or hidden)
    _cost_panel(traces, layout, paths, stats.cost_star, met_at, hide_lstsq or hidden)
    images = [] if hidden else landscape_panels(traces, layout, paths, stats, star, x_title, hide_lstsq, three_d, clicks)
    if scaled and not hidden:
        images.append(scaled_panel(traces, layout, fits, hide_lstsq))
    if ghost is not None:
        layout["annotations"] = [*layout["annotations"], draw_ghost(ghost, stats, tuple(layout["xaxis"]["range"]), traces.shapes)]
    iterations = timeline(max(p[3].size for p in paths) - 1, FRAME_LIMIT)
    frames = traces.frames(iterations)
    merge(layout, {
        "images": images, "shapes": traces.shapes, "height": (2 if hidden else (5 if scaled else 4) - (not three_d)) * 420 if narrow else 470 if compact else (560 if hidden else 1450 if scaled else 1000),
        "margin": {"l": 80, "r": 20, "t": 85 if narrow else 60, "b": 130}, "hovermode": "closest",  # a phone: the tool bar above the first title
        "clickmode": "event+select" if clicks else "none", "showlegend": False, "dragmode": "pan", "uirevision": "keep",
    })
    if hidden:  # nothing moves before the prediction: no frames, no player, no room kept for one
        layout["margin"]["b"] = 70
        return ReadyFigure(figure(traces.data, layout))
    y = -under_plot(layout, 58.0 if compact or not three_d else 40.5) if narrow or compact else (-0.035 if scaled else -0.05)  # the buttons ~40 px under the plot (one row: under its x titles)
    return add_player(figure(traces.data, layout), frames, iterations, frame_ms, redraw_every=redraw_every if three_d else 0, start=0, y=y, speeds=SPEEDS)


def _layout(scaled: bool, narrow: bool, compact: bool = False, hidden: bool = False, three_d: bool = True, clicks: bool = True) -> dict:
    """The panels' grid and titles: two columns, one on a phone, or one row in projector mode
    (the same axis names: x, x2, x3, scene, x4); before a prediction the data and the cost only.
    Without ``three_d`` no scene: its cell's title says how to draw it (a phone: no row for it)."""
    panels = 2 if hidden else 5 if scaled else 4
    if hidden:
        rows, cols, specs, spacing = (2, 1, (("xy",), ("xy",)), 0.18) if narrow else (1, 2, (("xy", "xy"),), 0.1)
    elif narrow:
        scene = (("scene",),) if three_d else ()
        rows, cols, specs, spacing = (5 if scaled else 4) - (not three_d), 1, (("xy",), ("xy",), ("xy",), *scene) + ((("xy",),) if scaled else ()), 0.08 if three_d else 0.11  # the same px between panels
    elif compact:
        rows, cols, specs, spacing = 1, 5 if scaled else 4, (("xy", "xy", "xy", "scene") + (("xy",) if scaled else ()),), 0.0
    else:
        rows, cols, spacing = 3 if scaled else 2, 2, 0.12 if scaled else 0.14
        specs = (("xy", "xy"), ("xy", "scene")) + ((("xy", None),) if scaled else ())
    # Short titles, the hint under each: two panels side by side stay readable on a phone.
    titles = (f"The data, the line{HINT}at the shown iteration</span>", f"Cost per iteration{HINT}log scale</span>",
              f"J(w, b) from above{HINT}{'click to start there' if clicks else 'the path'}</span>", f"J(w, b) in 3-D{HINT}drag to turn it</span>")
    if not three_d:  # a phone: no row for it; else the cell's title says how to draw it
        how = "switch on “Turn the surface in 3-D” to draw it" if clicks else "turn it on page 4, Fit a line"
        titles = titles[:3] if narrow else (*titles[:3], f"J(w, b) in 3-D{HINT}{how}</span>")
    layout = grid(
        rows=rows, cols=cols, specs=specs, horizontal_spacing=0.05 if compact else 0.09, vertical_spacing=spacing,
        subplot_titles=titles[:panels] + ((f"Scaled x{HINT}round contours, a straight path</span>",) if scaled and not hidden else ()),
    )
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    if not three_d:
        layout.pop("scene", None)  # no WebGL scene at all
    return layout


def _data_panel(
    traces: Traces, layout: dict, x: np.ndarray, y: np.ndarray, paths: list[Path], star: tuple[float, float], x_title: str, y_title: str, hide_lstsq: bool = False,
) -> None:
    """The data, the exact line (dashed, unless hidden) and each run's line at the shown iteration, the first one written out."""
    w_star, b_star = star
    rows_shown = sample_rows(x.size)
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.04 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    traces.data.append({
        "type": "scatter", "x": x[rows_shown], "y": y[rows_shown], "mode": "markers", "name": "data", "marker": {"color": DATA_COLOR, "size": 5 if x.size > 2000 else 9, "opacity": 0.6},
        "xaxis": "x", "yaxis": "y", "hovertemplate": f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
    })
    ends = [] if hide_lstsq else [w_star * lo + b_star, w_star * hi + b_star]
    if not hide_lstsq:
        traces.shapes.append({"type": "line", "x0": lo, "y0": ends[0], "x1": hi, "y1": ends[1], "xref": "x", "yref": "y", "line": {"color": EXACT_COLOR, "dash": "dash", "width": 2}, "layer": "between"})
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
            extra = {"mode": "lines+text", "textposition": "middle right", "textfont": {"color": INK, "size": 12}}
        else:
            line = lambda i, w_h=w_h, b_h=b_h: {"x": [lo, hi], "y": [at(w_h, i) * lo + at(b_h, i), at(w_h, i) * hi + at(b_h, i)]}  # noqa: E731
            extra = {"mode": "lines"}
        traces.mover({"type": "scatter", **extra, "name": f"{label} update", "line": {"color": RUN_COLORS[n], "width": 3, "dash": FIT_DASHES[n]}, "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"}, line)
    merge(layout, {"xaxis": {"title": {"text": x_title}, "range": [lo, hi]}, "yaxis": {"title": {"text": y_title}, "range": [y_lo - y_pad, y_hi + 1.6 * y_pad]}})


def _cost_panel(traces: Traces, layout: dict, paths: list[Path], cost_star: float, met_at: int | None, hide_lstsq: bool = False) -> None:
    """Each run's cost per iteration (log scale) with its marker, the least-squares floor, where the stop rule was met."""
    for n, (label, _, _, cost) in enumerate(paths):
        idx = frame_indices(cost.size - 1, 1_000)  # the panel is under 700 px wide: more points than pixels draw nothing more
        traces.shapes.append(path_shape(idx, np.maximum(cost[idx], 1e-300), "x2", "y2", {"color": RUN_COLORS[n], "width": 2, "dash": FIT_DASHES[n]}))
    floor = cost_star > 0 and not hide_lstsq  # lowest J (least squares)
    if floor:
        traces.shapes.append({
            "type": "line", "x0": 0, "x1": max(p[3].size for p in paths) - 1, "y0": cost_star, "y1": cost_star, "xref": "x2", "yref": "y2",
            "line": {"color": EXACT_COLOR, "dash": "dash", "width": 2}, "layer": "between",
        })
    if met_at is not None:
        traces.shapes.append({
            "type": "line", "x0": met_at, "x1": met_at, "y0": 0, "y1": 0.93, "xref": "x2", "yref": "y2 domain",
            "line": {"color": EXACT_COLOR, "dash": "dot", "width": 1.5}, "layer": "above",
        })
        layout.setdefault("annotations", []).append({
            "x": met_at, "y": 1, "xref": "x2", "yref": "y2 domain", "text": f"stop rule met: iteration {met_at:,}",
            "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 11, "color": EXACT_COLOR},
        })
    costs = [p[3] for p in paths]
    traces.mover(
        {
            "type": "scatter", "mode": "markers", "marker": {"color": RUN_COLORS[: len(paths)], "symbol": FIT_SYMBOLS[: len(paths)], "size": 11, "line": {"color": WHITE, "width": 1.5}}, "showlegend": False, "xaxis": "x2", "yaxis": "y2",
            "hovertemplate": [f"{p[0]}<br>iteration %{{x}}: J = %{{y:.4g}}<extra></extra>" for p in paths],
        },
        lambda i: {"x": [min(i, c.size - 1) for c in costs], "y": [max(at(c, i), 1e-300) for c in costs]},
    )
    drawn = np.concatenate([np.maximum(c, 1e-300) for c in costs] + [[cost_star] if floor else []])
    merge(layout, {"xaxis2": {"title": {"text": "iteration"}}, "yaxis2": {"title": {"text": "J(w, b)"}, **plotly_log_axis(drawn)}})
