"""Page 3's moving figure: several starts rolling into different valleys, one player for all.

Panels: the curve coloured by the minimum each start reaches (click a dot to start there) with
every start's point; the step size per iteration with a marker each; the two-parameter
landscape from above (click to drop a start) and as a surface to turn, its starts' points on
both. The frame timeline counts iterations for every run at once; a run shorter than the
timeline stays at its last point.

Before a prediction is committed (``hidden``) the figure is drawn from the runs and paths cut to
their start (gd_core.reveal.start_only) with no player: the dots are plain starts, not coloured
by where they end, the step panel is empty, every start has one colour. After it, a ``Ghost``
draws the prediction beside the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from gd_core.descent import Basins, DescentRun
from gd_core.surface import SurfacePaths
from gd_core.wording import number, plural
from ui.charts.cost_curve import cost_domain
from ui.charts.contours import PATH_COLORS
from ui.charts.player import ReadyFigure, add_player, at, click_grid, cost_map, frame, path_shape, surface_trace, timeline, under_plot
from ui.charts.figure_dict import figure, grid, merge

BASIN_COLORS = ["#2563eb", "#16a34a", "#7c3aed", "#0891b2", "#db2777"]
LIGHT_COLORS = ["#93c5fd", "#86efac", "#c4b5fd", "#67e8f9", "#f9a8d4"]
AWAY_COLOR = "#94a3b8"
DIVERGED_COLOR = "#dc2626"
UNSETTLED_COLOR = "#475569"  # a start's run that ends at no minimum
# The second cue beside colour: one marker shape per minimum reached, an x for none.
SYMBOLS = ["circle", "square", "triangle-up", "pentagon", "star"]
UNSETTLED_SYMBOL = "x"
BASIN_GROUP = "pick a start w0"  # the legendgroup a click on the curve selects
LANDSCAPE_GROUP = "drop a start"  # the legendgroup a click on the landscape selects
HINT = '<br><span style="font-size:11px">'  # a panel title's second line, smaller
CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # top left: every start on J(w)
STEP_PANEL = {"xaxis": "x2", "yaxis": "y2"}  # top right: the step sizes
MAP_PANEL = {"xaxis": "x3", "yaxis": "y3"}  # bottom left: J(w, b) from above; bottom right is the scene
PANELS = {"curve": CURVE_PANEL, "steps": STEP_PANEL, "map": MAP_PANEL}
START_COLOR = "#334155"  # before a prediction: every start one colour (a colour would say where it ends)
PLAIN_DOT = "#94a3b8"
GHOST_COLOR = "#ea580c"
CORNERS = {  # where a ghost's words sit in its panel: (x, y, xanchor, yanchor) in the panel's domain
    "top left": (0.02, 0.97, "left", "top"), "top right": (0.98, 0.97, "right", "top"),
    "bottom left": (0.02, 0.03, "left", "bottom"), "bottom right": (0.98, 0.03, "right", "bottom"),
}


class Ghost(NamedTuple):
    """A committed prediction drawn beside the result: a ring at (x, y) on ``panel`` ("curve",
    "steps" or "map") with ``text`` over it, or (x None) ``text`` alone in the panel's ``corner``."""

    panel: str
    x: float | None
    y: float | None
    text: str
    corner: str = "top right"


def ghost_traces(ghost: Ghost) -> tuple[list[dict], list[dict]]:
    """(traces, annotations) that draw ``ghost`` (its text is ours: an option's label, never typed)."""
    axes = PANELS[ghost.panel]
    label = {"text": ghost.text, "font": {"size": 13, "color": GHOST_COLOR}, "bgcolor": "rgba(255,255,255,0.9)", "bordercolor": GHOST_COLOR, "borderwidth": 1.5, "borderpad": 3}
    if ghost.x is None or ghost.y is None:
        x, y, xanchor, yanchor = CORNERS[ghost.corner]
        note = {"x": x, "y": y, "xref": f"{axes['xaxis']} domain", "yref": f"{axes['yaxis']} domain", "showarrow": False, "xanchor": xanchor, "yanchor": yanchor, **label}
        return [], [note]
    ring = {"type": "scatter", "x": [ghost.x], "y": [ghost.y], "mode": "markers", "text": [ghost.text],
            "marker": {"symbol": "circle-open", "size": 30, "color": GHOST_COLOR, "line": {"width": 3}},
            "name": "your prediction", "showlegend": False, "hoverinfo": "text", **axes}
    # The words in a box above the ring, with an arrow to it: readable over dots and paths.
    note = {"x": ghost.x, "y": ghost.y, "xref": axes["xaxis"], "yref": axes["yaxis"], "showarrow": True, "arrowcolor": GHOST_COLOR, "arrowwidth": 2,
            "ax": 0, "ay": -48, "standoff": 16, **label}
    return [ring], [note]


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
    hidden: bool = False,
    ghost: Ghost | None = None,
) -> ReadyFigure:
    """``runs[0]`` is the page's own start; ``landscape`` is (w, b, J) on a grid (~60 x 60).
    ``narrow`` (a phone): the four panels one under another, each the screen's width.
    ``hidden``: before a prediction (pass the runs and paths cut to their start): no player, no
    colour that says where a start ends. ``ghost``: the committed prediction, drawn over the result.

    A start on the curve is coloured by the minimum it reached, in a lighter shade by the one it
    is still slowly heading for, red only when its run diverged, grey when it stops at none.
    """
    basin_starts, minima = basins.starts, basins.minima
    lo, hi = w_range
    one_column = {"rows": 4, "cols": 1, "specs": (("xy",), ("xy",), ("xy",), ("scene",)), "vertical_spacing": 0.075}
    two_by_two = {"rows": 2, "cols": 2, "specs": (("xy", "xy"), ("xy", "scene")), "horizontal_spacing": 0.09, "vertical_spacing": 0.13, "column_widths": (0.55, 0.45)}
    height = 1700 if narrow else 1100
    layout = grid(
        **(one_column if narrow else two_by_two),
        # Short titles, the hint under each: two panels side by side stay readable on a phone.
        subplot_titles=(
            f"Every start on J(w){HINT}click a dot to start there</span>",
            f"Step sizes |α·dJ/dw|{HINT}per iteration</span>",
            f"H(w, b) from above{HINT}another hill: click to drop a start</span>",
            f"H(w, b) in 3-D{HINT}drag to turn it</span>",
        ),
    )
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    data: list[dict] = []
    # --- the curve coloured by basin, the minima, every start's path --------------------------
    with np.errstate(all="ignore"):
        j = np.asarray(curve_cost(np.asarray(basin_starts)), dtype=float)
    ok = np.isfinite(j)
    groups = [(f"ends at w = {number(m, 3)}", basins.minimum_index == k, *end_style(k)) for k, m in enumerate(minima)]
    groups += [
        (f"on its way to w = {number(m, 3)}", (basins.minimum_index < 0) & (basins.heading_to == k), LIGHT_COLORS[k % len(LIGHT_COLORS)], end_style(k)[1] + "-open")
        for k, m in enumerate(minima)
    ]
    settled = (basins.minimum_index >= 0) | (basins.heading_to >= 0)
    groups += [("runs away (diverges)", ~settled & basins.diverged, DIVERGED_COLOR, "x"), ("stops at no minimum", ~settled & ~basins.diverged, AWAY_COLOR, "x")]
    if hidden:  # where each start ends is the answer: plain dots until the prediction is in
        groups = [("a start w₀", np.ones(basin_starts.shape, dtype=bool), PLAIN_DOT, "circle")]
    for name, members, color, symbol in groups:
        pick = ok & members
        if pick.any():
            data.append({
                "type": "scatter", "x": basin_starts[pick], "y": j[pick], "mode": "markers", "name": name, "legendgroup": BASIN_GROUP,
                "marker": {"size": 7, "color": color, "symbol": symbol},
                "selected": {"marker": {"size": 7}}, "unselected": {"marker": {"opacity": 1}},
                "hovertemplate": "start w₀ = %{x:.3f}<br>" + name + "<extra>click: start here</extra>", **CURVE_PANEL,
            })
    # Every start's run in the colour and shape of the minimum it ends at: the same colour as its dot.
    styles = [(START_COLOR, "circle") if hidden else end_style(run_end(float(run.w[-1]), minima)) for _, run in runs]
    for (label, run), (color, symbol) in zip([] if hidden else runs, styles):
        data.append({"type": "scatter", "x": run.w, "y": run.cost, "mode": "lines", "line": {"color": color, "width": 1.5, "dash": "dot"}, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL})
        steps = np.abs(run.step) if run.step.size else np.zeros(1)
        data.append({
            "type": "scatter", "x": np.arange(1, steps.size + 1), "y": steps, "mode": "lines+markers", "line": {"color": color, "width": 2},
            "marker": {"symbol": symbol, "size": 7, "color": color, "maxdisplayed": 12}, "name": f"{label}: {end_words(run, minima)}", "legendgroup": label, **STEP_PANEL,
        })
    y_lo, y_hi = cost_domain(pd.DataFrame({"w": basin_starts[ok], "J": j[ok]}))
    # --- the landscape from above and as a surface ------------------------------------------
    gw, gb, gz = landscape
    image, lines = cost_map(gw, gb, gz, "x3", "y3")
    layout["images"] = [image]
    shapes = [lines]
    # The landscape is another function than the curve: H, not J, in its hover too.
    data.append({**click_grid(gw[::2], gb[::2], gz[::2, ::2], "x3", "y3", LANDSCAPE_GROUP), "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>H = %{customdata:.4g}<extra>click: start here</extra>"})
    data.append({**surface_trace(gw, gb, gz, "scene"), "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>H = %{z:.4g}<extra></extra>"})
    n_starts = paths.w.shape[1]
    for k in range(n_starts):
        color = PATH_COLORS[k % len(PATH_COLORS)]
        shapes.append(path_shape(paths.w[:, k], paths.b[:, k], "x3", "y3", {"color": color, "width": 2.5}))
        data.append({"type": "scatter3d", "x": paths.w[:, k], "y": paths.b[:, k], "z": paths.cost[:, k], "mode": "lines", "line": {"color": color, "width": 5}, "showlegend": False, "hoverinfo": "skip", "scene": "scene"})
    # --- what moves --------------------------------------------------------------------------
    movers: list[tuple[int, object]] = []

    def mover(trace: dict, make) -> None:
        movers.append((len(data), lambda i, kind=trace["type"]: {"type": kind, **make(i)}))
        data.append(merge(trace, make(0)))

    # One trace per panel holds every start's point: a frame carries 4 small traces, not 16.
    ring = {"size": [16] + [13] * (len(runs) - 1), "color": [c for c, _ in styles], "symbol": [m for _, m in styles], "line": {"color": "white", "width": 2}}
    step_sizes = [np.abs(run.step) if run.step.size else np.zeros(1) for _, run in runs]
    mover({"type": "scatter", "mode": "markers", "marker": ring, "showlegend": False, "hovertemplate": "w = %{x:.4f}<extra></extra>", **CURVE_PANEL},
          lambda i: {"x": [at(r.w, i) for _, r in runs], "y": [at(r.cost, i) for _, r in runs]})
    if not hidden:  # a run cut to its start has taken no step: nothing to mark
        mover({"type": "scatter", "mode": "markers", "marker": {**ring, "size": 11}, "showlegend": False, "hoverinfo": "skip", **STEP_PANEL},
              lambda i: {"x": [min(max(int(i), 1), s.size) for s in step_sizes], "y": [at(s, max(int(i) - 1, 0)) for s in step_sizes]})
    # Past the last iteration of the runs on J(w) (the landscape may run longer), the curve panel says so.
    curve_last = max(run.w.size for _, run in runs) - 1
    if not hidden:
        mover({"type": "scatter", "mode": "text", "textposition": "bottom center", "textfont": {"size": 12, "color": "#0f172a"}, "showlegend": False, "hoverinfo": "skip", **CURVE_PANEL},
              lambda i: {"x": [(lo + hi) / 2], "y": [y_hi], "text": [stopped_text(int(i), curve_last, paths.w.shape[0] - 1)]})
    ball = {"size": 12, "color": [PATH_COLORS[k % len(PATH_COLORS)] for k in range(n_starts)], "line": {"color": "white", "width": 2}}
    mover({"type": "scatter", "mode": "markers", "marker": ball, "showlegend": False, "hoverinfo": "skip", **MAP_PANEL},
          lambda i: {"x": at(paths.w, i).tolist(), "y": at(paths.b, i).tolist()})
    mover({"type": "scatter3d", "mode": "markers", "marker": {**ball, "size": 6}, "showlegend": False, "hoverinfo": "skip", "scene": "scene"},
          lambda i: {"x": at(paths.w, i).tolist(), "y": at(paths.b, i).tolist(), "z": at(paths.cost, i).tolist()})
    # The minima last, as open diamonds bigger than a point: drawn over everything, a point that
    # rests on a minimum shows through its diamond.
    minima_arr = np.asarray(minima, dtype=float)
    if minima_arr.size:
        data.append({
            "type": "scatter", "x": minima_arr, "y": np.asarray(curve_cost(minima_arr), dtype=float), "mode": "markers", "name": "minima",
            "marker": {"symbol": "diamond-open", "size": 22, "color": "#0f172a", "line": {"width": 3}}, "hoverinfo": "skip", **CURVE_PANEL,
        })
    notes: list[dict] = []
    if hidden:  # the step panel has no trace to give it axes: the words go at its place on the paper
        (x0, x1), (y0, y1) = layout["xaxis2"]["domain"], layout["yaxis2"]["domain"]
        notes.append({"x": (x0 + x1) / 2, "y": (y0 + y1) / 2, "xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 13, "color": "#475569"},
                      "text": "The step sizes appear<br>once you commit your answer."})
    if ghost is not None:
        traces, ghost_notes = ghost_traces(ghost)
        data.extend(traces)
        notes.extend(ghost_notes)
    layout["annotations"] = [*layout["annotations"], *notes]
    last = max(max(run.w.size for _, run in runs), paths.w.shape[0]) - 1
    iterations = timeline(last)
    frames = [frame(f, [make(i) for _, make in movers], [t for t, _ in movers]) for f, i in enumerate(iterations)]
    # On a phone the legend's long entries ("w₀ = 0.060: ends at w = 1") take a row each: the top margin holds them all.
    entries = sum(1 for t in data if t.get("name") and t.get("showlegend", True))
    top = max(135, 64 + 22 * entries) if narrow else 135
    height += top - 135  # the panels keep their heights
    merge(layout, {
        "shapes": shapes, "height": height, "margin": {"l": 60, "r": 20, "t": top, "b": 130}, "hovermode": "closest", "clickmode": "event+select", "dragmode": "pan",
        # The legend at the top of the figure, above the two-line panel titles, one flowing row of
        # entries (not one block per legend group), under the tool bar: on a phone it wraps to three rows,
        # which the top margin holds.
        "legend": {"orientation": "h", "yref": "container", "y": 1 - 32 / height, "yanchor": "top", "x": 0.0, "traceorder": "normal", "font": {"size": 12}}, "uirevision": "keep",
        "xaxis": {"title": {"text": "w (start w₀ for the dots)"}, "range": [lo, hi]},
        "yaxis": {"title": {"text": "J(w)"}, "range": [y_lo, y_hi]},
        "xaxis2": {"title": {"text": "iteration"}},
        "yaxis2": {"title": {"text": ""}},  # the panel's title names it; on a phone an axis title here covers the curve
        "xaxis3": {"title": {"text": "w"}, "range": [gw[0], gw[-1]]},
        "yaxis3": {"title": {"text": "b"}, "range": [gb[0], gb[-1]], "scaleanchor": "x3", "scaleratio": 1},
        "scene": {
            "xaxis": {"title": {"text": "w"}}, "yaxis": {"title": {"text": "b"}}, "zaxis": {"title": {"text": "H"}},
            "camera": {"eye": {"x": 1.4, "y": -1.4, "z": 1.1}}, "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.6},
        },
    })
    if hidden:  # nothing moves before the prediction: no frames, no player, no room kept for one
        layout["margin"]["b"], layout["height"] = 50, layout["height"] - 80
        return ReadyFigure(figure(data, layout))
    return add_player(figure(data, layout), frames, iterations, frame_ms, redraw_every=redraw_every, y=-under_plot(layout, 41.75))  # ~42 px under the plot
