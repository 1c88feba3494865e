"""Page 3's moving figure: several starts rolling into different valleys, one player for all.

Panels: the curve coloured by the minimum each start reaches (click a dot to start there) with
every start's point; the step size per iteration with a marker each; the two-parameter
landscape from above (click to drop a start) and as a surface to turn, its starts' points on
both. The frame timeline counts iterations for every run at once; a run shorter than the
timeline stays at its last point.

Before a prediction (``hidden``): the runs and paths cut to their start, no player, plain dots,
one colour for every start. After it, a ``Ghost`` (ui.charts.minima_ghost) draws the prediction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.descent import Basins, DescentRun
from gd_core.surface import SurfacePaths
from gd_core.wording import number, plural
from ui.charts.cost_curve import cost_domain
from ui.charts.cost_map import click_grid, cost_map, path_shape
from ui.charts.minima_surface import surface_panel
from ui.charts.player import ReadyFigure, Traces, add_player, at, timeline, under_plot
from ui.charts.figure_dict import figure, merge
from ui.charts.minima_ghost import Ghost, prediction_notes
from ui.charts.minima_layout import panels as _layout
from ui.charts.momentum import with_race
from ui.charts.style import (
    AWAY_COLOR, BASIN_COLORS, BASIN_SYMBOLS as SYMBOLS, DIVERGED_COLOR, DIVERGED_SYMBOL, INK, LIGHT_COLORS, PATH_COLORS, PLAIN_DOT, START_COLOR,
    UNSETTLED_COLOR, UNSETTLED_SYMBOL, WHITE,
)

BASIN_GROUP = "pick a start w0"  # the legendgroup a click on the curve selects
LANDSCAPE_GROUP = "drop a start"  # the legendgroup a click on the landscape selects
# At most this many iterations get a frame, denser at the start (ui.charts.player.timeline): the
# defaults' 150 landscape iterations play in 78 frames, every iteration up to 33 among them (the
# curve's 30); 151 frames were 108 of the 217 kB a predict=false link sent (issue 26).
FRAME_LIMIT = 150
CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # top left: every start on J(w)
STEP_PANEL = {"xaxis": "x2", "yaxis": "y2"}  # top right: the step sizes
MAP_PANEL = {"xaxis": "x3", "yaxis": "y3"}  # bottom left: J(w, b) from above; bottom right is the scene


def run_end(final_w: float, minima: Sequence[float], tol: float = 1e-3) -> int:
    """The index of the minimum a run ended at, -1 for none: within ``tol`` of it, relative to
    the minima's scale (gd_core.descent.basins_from's rule, so a run and its start's dot agree)."""
    if not minima or not np.isfinite(final_w):
        return -1
    gaps = np.abs(np.asarray(minima, dtype=float) - final_w)
    k = int(np.argmin(gaps))
    return k if gaps[k] <= tol * max(1.0, float(np.max(np.abs(minima)))) else -1


def end_style(end: int) -> tuple[str, str]:
    """(colour, marker symbol) for a run that ended at minimum ``end`` (-1: none)."""
    if end < 0:
        return UNSETTLED_COLOR, UNSETTLED_SYMBOL
    return BASIN_COLORS[end % len(BASIN_COLORS)], SYMBOLS[end % len(SYMBOLS)]


def end_words(run: DescentRun, minima: Sequence[float]) -> str:
    """'ends at w = 5', or 'not settled after 30 iterations'."""
    end = run_end(float(run.w[-1]), minima)
    return f"ends at w = {number(minima[end], 3)}" if end >= 0 else f"not settled after {plural(run.iterations, 'iteration')}"


def stopped_text(i: int, curve_last: int, landscape_last: int) -> str:
    """Over the curve, once its runs have ended and the landscape's go on ("" is a space: see ui.charts.intuition)."""
    if i <= curve_last:
        return " "
    return f"The runs on J(w) stopped at iteration {curve_last:,};<br>the paths on H(w, b) go on to {landscape_last:,}."


def minima_figure(
    curve_cost,
    w_range: tuple[float, float],
    runs: Sequence[tuple[str, DescentRun]],
    basins: Basins,
    landscape: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: SurfacePaths,
    frame_ms: float = 60,
    redraw_every: int = 6,
    *,
    narrow: bool = False,
    hide_minima: bool = False,
    compact: bool = False,
    hidden: bool = False,
    ghost: Ghost | None = None,
    race: tuple[SurfacePaths, tuple[str, str]] | None = None,
    three_d: bool = True,
    clicks: bool = True,
) -> ReadyFigure:
    """``runs[0]`` is the page's own start; ``landscape`` is (w, b, J) on a grid (~60 x 60).
    ``narrow`` (a phone): the four panels one under another, each the screen's width.
    ``compact`` (projector mode): the four panels in one row, a short figure.
    ``hide_minima`` (a challenge hides them): no diamonds on the minima, and the legend names
    each valley by its number, not by its minimum's w. ``hidden``: before a prediction (pass the
    runs and paths cut to their start): no player, no colour that says where a start ends.
    ``ghost``: the committed prediction, drawn over the result. ``race``: (paths, names) of plain descent and momentum from one start.
    ``three_d``: the 3-D panel (ui.charts.minima_surface); without it its cell says how to draw it, and no frame redraws.
    ``clicks``: whether a click starts a run there (the lesson page); the class view's figure takes
    no click, so its titles and hovers do not offer one (and its 3-D cell points to page 3).

    A start on the curve is coloured and shaped by the minimum it reached, lighter and open for the
    one it is still heading for, a vermillion cross if its run diverged, a grey x if it stops at none.
    """
    lo, hi = w_range
    layout, traces = _layout(narrow, compact, three_d, clicks), Traces(lean=True)
    styles, (y_lo, y_hi) = _curve_panel(traces, curve_cost, basins, runs, hide_minima, hidden, clicks)
    _landscape(traces, layout, landscape, paths, clicks)
    balls = with_race(traces, paths, race, three_d)
    _movers(traces, runs, styles, balls, (lo + hi) / 2, y_hi, hidden)
    if three_d:
        surface_panel(traces, layout, landscape, paths, balls)
    # The minima last, as open diamonds bigger than a point: drawn over everything, a point that
    # rests on a minimum shows through its diamond.
    minima_arr = np.asarray(basins.minima, dtype=float)
    if minima_arr.size and not hide_minima:
        traces.data.append({
            "type": "scatter", "x": minima_arr, "y": np.asarray(curve_cost(minima_arr), dtype=float), "mode": "markers", "name": "minima",
            "marker": {"symbol": "diamond-open", "size": 22, "color": INK, "line": {"width": 3}}, "hoverinfo": "skip", **CURVE_PANEL,
        })
    prediction_notes(layout, traces.data, hidden, ghost)
    iterations = timeline(max(max(run.w.size for _, run in runs), paths.w.shape[0]) - 1, FRAME_LIMIT)
    frames = traces.frames(iterations)
    gw, gb, _ = landscape
    _finish_layout(layout, traces, narrow, compact, (lo, hi, y_lo, y_hi), (gw[0], gw[-1], gb[0], gb[-1]))
    if not clicks:
        layout["clickmode"] = "none"
    if hidden:  # nothing moves before the prediction: no frames, no player, no room kept for one
        layout["margin"]["b"], layout["height"] = 70, layout["height"] - 80
        return ReadyFigure(figure(traces.data, layout))
    return add_player(figure(traces.data, layout), frames, iterations, frame_ms, redraw_every=redraw_every if three_d else 0, y=-under_plot(layout, 60 if compact or (narrow and not three_d) else 41.75))  # ~42 px under the plot (under the x titles when the last panel has one)


def _curve_panel(
    traces: Traces, curve_cost, basins: Basins, runs: Sequence[tuple[str, DescentRun]], hide_minima: bool = False, hidden: bool = False,
    clicks: bool = True,
) -> tuple[list[tuple[str, str]], tuple[float, float]]:
    """The curve's starts coloured by basin (click one to start there), every run's path and its
    step sizes; returns each run's (colour, symbol) and the curve panel's cost range. With
    ``hide_minima`` a valley is named by its number, not by its minimum's w."""
    basin_starts, minima = basins.starts, basins.minima
    with np.errstate(all="ignore"):
        j = np.asarray(curve_cost(np.asarray(basin_starts)), dtype=float)
    ok = np.isfinite(j)
    where = [f"valley {k + 1}" if hide_minima else f"w = {number(m, 3)}" for k, m in enumerate(minima)]
    groups = [(f"ends {'in' if hide_minima else 'at'} {where[k]}", basins.minimum_index == k, *end_style(k)) for k in range(len(minima))]
    groups += [
        (f"on its way to {where[k]}", (basins.minimum_index < 0) & (basins.heading_to == k), LIGHT_COLORS[k % len(LIGHT_COLORS)], end_style(k)[1] + "-open")
        for k, m in enumerate(minima)
    ]
    settled = (basins.minimum_index >= 0) | (basins.heading_to >= 0)
    groups += [("runs away (diverges)", ~settled & basins.diverged, DIVERGED_COLOR, DIVERGED_SYMBOL), ("stops at no minimum", ~settled & ~basins.diverged, AWAY_COLOR, UNSETTLED_SYMBOL)]
    if hidden:  # where each start ends is the answer: plain dots until the prediction is in
        groups = [("a start w₀", np.ones(basin_starts.shape, dtype=bool), PLAIN_DOT, "circle")]
    for name, members, color, symbol in groups:
        pick = ok & members
        if pick.any():
            traces.data.append({
                "type": "scatter", "x": basin_starts[pick], "y": j[pick], "mode": "markers", "name": name, "legendgroup": BASIN_GROUP,
                "marker": {"size": 7, "color": color, "symbol": symbol},
                "selected": {"marker": {"size": 7}}, "unselected": {"marker": {"opacity": 1}},
                "hovertemplate": "start w₀ = %{x:.3f}<br>" + name + ("<extra>click: start here</extra>" if clicks else "<extra></extra>"), **CURVE_PANEL,
            })
    # Every start's run in the colour and shape of the minimum it ends at: the same colour as its dot.
    styles = [(START_COLOR, "circle") if hidden else end_style(run_end(float(run.w[-1]), minima)) for _, run in runs]
    for (label, run), (color, symbol) in zip([] if hidden else runs, styles):
        traces.data.append({"type": "scatter", "x": run.w, "y": run.cost, "mode": "lines", "line": {"color": color, "width": 1.5, "dash": "dot"}, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL})
        steps = np.abs(run.step) if run.step.size else np.zeros(1)
        traces.data.append({
            "type": "scatter", "x": np.arange(1, steps.size + 1), "y": steps, "mode": "lines+markers", "line": {"color": color, "width": 2},
            "marker": {"symbol": symbol, "size": 7, "color": color, "maxdisplayed": 12}, "name": label if hide_minima else f"{label}: {end_words(run, minima)}", "legendgroup": label, **STEP_PANEL,
        })
    return styles, cost_domain(pd.DataFrame({"w": basin_starts[ok], "J": j[ok]}))


def _landscape(traces: Traces, layout: dict, landscape: tuple[np.ndarray, np.ndarray, np.ndarray], paths: SurfacePaths, clicks: bool = True) -> None:
    """H(w, b) from above (click to drop a start, when ``clicks``), with every start's path."""
    gw, gb, gz = landscape
    image, lines = cost_map(gw, gb, gz, "x3", "y3")
    layout["images"] = [image]
    traces.shapes.append(lines)
    # The landscape is another function than the curve: H, not J, in its hover too.
    if clicks:
        traces.data.append({**click_grid(gw[::2], gb[::2], gz[::2, ::2], "x3", "y3", LANDSCAPE_GROUP), "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>H = %{customdata:.4g}<extra>click: start here</extra>"})
    for k in range(paths.w.shape[1]):
        color = PATH_COLORS[k % len(PATH_COLORS)]
        traces.shapes.append(path_shape(paths.w[:, k], paths.b[:, k], "x3", "y3", {"color": color, "width": 2.5}))


def _movers(
    traces: Traces, runs: Sequence[tuple[str, DescentRun]], styles: list[tuple[str, str]], balls: tuple[SurfacePaths, dict], note_x: float, note_y: float, hidden: bool = False,
) -> None:
    """What moves: one trace per panel holds every start's point (a frame carries 4 small traces,
    not 16), the curve panel's note once its runs have stopped (at ``note_x``, ``note_y``), the landscape's balls (``balls``: paths, markers)."""
    (paths, ball_marker), ring = balls,  {"size": [16] + [13] * (len(runs) - 1), "color": [c for c, _ in styles], "symbol": [m for _, m in styles], "line": {"color": WHITE, "width": 2}}
    step_sizes = [np.abs(run.step) if run.step.size else np.zeros(1) for _, run in runs]
    traces.mover({"type": "scatter", "mode": "markers", "marker": ring, "showlegend": False, "hovertemplate": "w = %{x:.4f}<extra></extra>", **CURVE_PANEL},
                 lambda i: {"x": [at(r.w, i) for _, r in runs], "y": [at(r.cost, i) for _, r in runs]})
    if not hidden:  # a run cut to its start has taken no step, and has not stopped: nothing to mark or say
        traces.mover({"type": "scatter", "mode": "markers", "marker": {**ring, "size": 11}, "showlegend": False, "hoverinfo": "skip", **STEP_PANEL},
                     lambda i: {"x": [min(max(int(i), 1), s.size) for s in step_sizes], "y": [at(s, max(int(i) - 1, 0)) for s in step_sizes]})
        # Past the last iteration of the runs on J(w) (the landscape may run longer), the curve panel says so.
        curve_last = max(run.w.size for _, run in runs) - 1
        traces.mover({"type": "scatter", "mode": "text", "textposition": "bottom center", "textfont": {"size": 12, "color": INK}, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL},
                     lambda i: {"x": [note_x], "y": [note_y], "text": [stopped_text(int(i), curve_last, paths.w.shape[0] - 1)]})
    ball = {"size": 12, "line": {"color": WHITE, "width": 2}, **ball_marker}
    traces.mover({"type": "scatter", "mode": "markers", "marker": ball, "showlegend": False, "hoverinfo": "skip", **MAP_PANEL},
                 lambda i: {"x": at(paths.w, i).tolist(), "y": at(paths.b, i).tolist()})


def _finish_layout(layout: dict, traces: Traces, narrow: bool, compact: bool, curve_box: tuple[float, float, float, float], map_box: tuple[float, float, float, float]) -> None:
    """Size, margins, legend and axes; ``curve_box`` is (lo, hi, y_lo, y_hi) of the curve panel, ``map_box`` the map's (w, w, b, b) ends."""
    lo, hi, y_lo, y_hi = curve_box
    w_first, w_last, b_first, b_last = map_box
    height = (1700 if "scene" in layout else 1300) if narrow else 550 if compact else 1100
    # On a phone the legend's long entries ("w₀ = 0.060: ends at w = 1") take a row each: the top margin holds them all.
    entries = sum(1 for t in traces.data if t.get("name") and t.get("showlegend", True))
    top = max(135, 64 + 22 * entries) if narrow else 120 if compact else 135
    height += top - (120 if compact else 135)  # the panels keep their heights
    merge(layout, {
        "shapes": traces.shapes, "height": height, "margin": {"l": 80, "r": 20, "t": top, "b": 130}, "hovermode": "closest", "clickmode": "event+select", "dragmode": "pan",
        # The legend at the top of the figure, above the two-line panel titles, one flowing row of
        # entries (not one block per legend group), under the tool bar: on a phone it wraps to three rows,
        # which the top margin holds.
        "legend": {"orientation": "h", "yref": "container", "y": 1 - 32 / height, "yanchor": "top", "x": 0.0, "traceorder": "normal", "font": {"size": 12}}, "uirevision": "keep",
        "xaxis": {"title": {"text": "w (start w₀ for the dots)"}, "range": [lo, hi]},
        "yaxis": {"title": {"text": "J(w)"}, "range": [y_lo, y_hi]},
        "xaxis2": {"title": {"text": "iteration"}},
        "yaxis2": {"title": {"text": ""}},  # the panel's title names it; on a phone an axis title here covers the curve
        "xaxis3": {"title": {"text": "w"}, "range": [w_first, w_last]},
        "yaxis3": {"title": {"text": "b"}, "range": [b_first, b_last], "scaleanchor": "x3", "scaleratio": 1},
    })
