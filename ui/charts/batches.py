"""The batch-size lesson's moving figure: batch, mini-batch and stochastic descent in one player.

Panels: J(w, b) from above with the three paths and their points; the data with each run's
line; the full-data cost per update (both axes log); the cost per epoch (J after each pass over
the data). The player's clock is the number of examples the runs have used: at each frame every
run has seen the same data (batch has made one update per epoch, stochastic m), so the panels
compare them for the same work. Still lines (contours, paths, cost curves) are layout shapes;
the frames move one marker trace per panel and each run's line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gd_core.minibatch import MiniBatchRun
from gd_core.sums import Stats, cost_grid
from ui.charts.cost_map import click_grid, cost_map, path_shape
from ui.charts.figure_dict import figure, grid, merge
from ui.charts.log_ticks import plotly_log_axis
from ui.charts.player import ReadyFigure, Traces, add_player, under_plot
from ui.charts.regression_maps import STAR, finite
from ui.charts.regression_parts import contour_window, sample_rows
from ui.charts.style import BATCH_COLORS, BATCH_DASHES, BATCH_SYMBOLS, DATA_COLOR, EXACT_COLOR, WHITE
from ui.words.shown import shown_plotly

FRAMES = 120  # the player's frames: each carries every run's point and line (issue 26: a link's first load)
CLICK_NAME = "start here"  # the map's invisible grid: a click there starts all three runs at that (w, b)
PATH_POINTS = 3000  # a path drawn on the map keeps at most this many of its points, evenly spaced
FRAME_MS = 60
AXIS_LIMIT = 40
HINT = '<br><span style="font-size:11px">'


def clock(runs: Sequence[MiniBatchRun], limit: int = FRAMES) -> np.ndarray:
    """The examples used at each frame: every update of the run with the most updates when few,
    else ``limit`` evenly spaced counts, the start and the end always in."""
    seen = max((r.seen for r in runs), key=lambda s: s.size)
    if seen.size <= limit:
        return np.asarray(seen)
    return np.unique(np.round(np.linspace(0, int(seen[-1]), limit)).astype(np.int64))


def at_seen(run: MiniBatchRun, examples: np.ndarray) -> np.ndarray:
    """The update each run had made once ``examples`` examples were used (its last, past its end)."""
    return np.searchsorted(run.seen, examples, side="right") - 1


def _evenly(size: int, limit: int = PATH_POINTS) -> np.ndarray:
    return np.arange(size) if size <= limit else np.unique(np.round(np.linspace(0, size - 1, limit)).astype(int))


def batches_figure(
    x: np.ndarray, y: np.ndarray, stats: Stats, runs: Sequence[tuple[str, MiniBatchRun]], x_title: str, y_title: str, *, narrow: bool = False,
    clicks: bool = True,
) -> ReadyFigure:
    """The linked panels; ``runs`` are (label, run) in the order batch, mini-batch, stochastic;
    ``x``, ``y`` the rows drawn (a sample of them on big data), in the units the runs ran in.
    ``clicks``: a click on the map starts the runs there (the lesson page; not the class view's)."""
    x_title, y_title = shown_plotly(x_title, AXIS_LIMIT), shown_plotly(y_title, AXIS_LIMIT)
    layout = grid(
        rows=4 if narrow else 2, cols=1 if narrow else 2, specs=(("xy",),) * 4 if narrow else (("xy", "xy"), ("xy", "xy")),
        horizontal_spacing=0.09, vertical_spacing=0.1 if narrow else 0.16,
        subplot_titles=(f"The data and each run's line{HINT}at the shown moment</span>", f"J(w, b) from above{HINT}{'the paths; click to start there' if clicks else 'the paths'}</span>",
                        f"Cost per update{HINT}full-data J after each update</span>", f"Cost per epoch{HINT}J after each pass over the data</span>"),
    )
    traces = Traces(lean=True)
    examples = clock([r for _, r in runs])
    index = [at_seen(r, examples) for _, r in runs]
    where = {int(e): k for k, e in enumerate(examples)}
    image = _map(traces, layout, stats, runs, index, where, x_title, clicks)
    _data(traces, layout, x, y, runs, index, where, x_title, y_title)
    _per_update(traces, layout, stats, runs, index, where)
    _per_epoch(traces, layout, stats, runs, index, where)
    m = runs[0][1].m
    merge(layout, {
        "images": [image], "shapes": traces.shapes, "height": 4 * 400 if narrow else 960, "showlegend": False, "clickmode": "event+select" if clicks else "none", "margin": {"l": 80, "r": 20, "t": 90, "b": 130},
        "hovermode": "closest", "dragmode": "pan", "uirevision": "keep",
    })
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    frames = traces.frames(examples)
    labels = [f"{int(e):,} examples used, epoch {e / m:.3g}" for e in examples]
    y_player = -under_plot(layout, 62.0) if narrow else -0.05  # a phone: clear of the last panel's x title
    return add_player(figure(traces.data, layout), frames, examples, FRAME_MS, y=y_player, labels=labels, prefix="")


def _map(traces: Traces, layout: dict, stats: Stats, runs, index, where, x_title: str, clicks: bool = True) -> dict:
    star = (float(stats.w_star[0]), float(stats.b_star))
    gw, gb = contour_window([finite(r.w_history[:, 0]) for _, r in runs], [finite(r.b_history) for _, r in runs], *star)
    z = cost_grid(stats, gw, gb)
    image, lines = cost_map(gw, gb, z, "x2", "y2")
    traces.shapes.append(lines)
    if clicks:
        traces.data.append(click_grid(gw[::2], gb[::2], z[::2, ::2], "x2", "y2", CLICK_NAME))
    for n in reversed(range(len(runs))):  # stochastic, the busiest, first and faint: batch and mini-batch stay visible over it
        run = runs[n][1]
        keep = _evenly(run.b_history.size)
        shape = path_shape(finite(run.w_history[keep, 0]), finite(run.b_history[keep]), "x2", "y2", {"color": BATCH_COLORS[n], "width": 1.0 if n == 2 else 3.0, "dash": BATCH_DASHES[n]})
        traces.shapes.append({**shape, "opacity": 0.5} if n == 2 else shape)
    k = len(runs)
    traces.data.append({  # still: not in the frames
        "type": "scatter", "mode": "markers", "name": "least squares (w*, b*)", "showlegend": False, "xaxis": "x2", "yaxis": "y2", "x": [star[0]], "y": [star[1]],
        "marker": {"symbol": "diamond", "size": STAR["size"] + 3, "color": STAR["color"], "line": {"color": EXACT_COLOR, "width": 1.5}},
        "hovertemplate": "least squares<br>w* = %{x:.6g}<br>b* = %{y:.6g}<extra></extra>",
    })
    ws, bs = [finite(r.w_history[:, 0]) for _, r in runs], [finite(r.b_history) for _, r in runs]  # clipped once, read by every frame
    traces.mover(
        {
            "type": "scatter", "mode": "markers", "name": "each run's (w, b)", "showlegend": False, "xaxis": "x2", "yaxis": "y2",
            "marker": {"symbol": list(BATCH_SYMBOLS[:k]), "size": 11, "color": list(BATCH_COLORS[:k]), "line": {"color": WHITE, "width": 2}},
            "hovertemplate": [f"{label}<br>w = %{{x:.4g}}<br>b = %{{y:.4g}}<extra></extra>" for label, _ in runs],
        },
        lambda e: {
            "x": [float(w_h[i[where[int(e)]]]) for w_h, i in zip(ws, index)],
            "y": [float(b_h[i[where[int(e)]]]) for b_h, i in zip(bs, index)],
        },
    )
    merge(layout, {"xaxis2": {"title": {"text": f"w (per unit of {x_title})"}, "range": [gw[0], gw[-1]]}, "yaxis2": {"title": {"text": "b (intercept)"}, "range": [gb[0], gb[-1]]}})
    return image


def _data(traces: Traces, layout: dict, x, y, runs, index, where, x_title: str, y_title: str) -> None:
    rows = sample_rows(x.size)
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.04 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    traces.data.append({
        "type": "scatter", "x": x[rows], "y": y[rows], "mode": "markers", "name": "data", "showlegend": False, "xaxis": "x", "yaxis": "y",
        "marker": {"color": DATA_COLOR, "size": 5 if x.size > 2000 else 8, "opacity": 0.5}, "hovertemplate": f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
    })
    for n, ((label, run), i) in enumerate(zip(runs, index)):
        w_h, b_h = finite(run.w_history[:, 0]), finite(run.b_history)
        traces.mover(
            {"type": "scatter", "mode": "lines", "name": f"{label} line", "showlegend": False, "line": {"color": BATCH_COLORS[n], "width": 2.5, "dash": BATCH_DASHES[n]}, "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"},
            lambda e, w_h=w_h, b_h=b_h, i=i: {"x": [lo, hi], "y": [float(w_h[i[where[int(e)]]] * end + b_h[i[where[int(e)]]]) for end in (lo, hi)]},
        )
    y_lo, y_hi = float(np.min(y)), float(np.max(y))
    y_pad = 0.15 * (y_hi - y_lo or 1.0)
    merge(layout, {"xaxis": {"title": {"text": x_title}, "range": [lo, hi]}, "yaxis": {"title": {"text": y_title}, "range": [y_lo - y_pad, y_hi + y_pad]}})


def _floor(traces: Traces, stats: Stats, xref: str, yref: str, x0: float, x1: float) -> None:
    """J* of the least-squares line, dashed, from x0 to x1 on its panel. (In data units: a shape placed
    on an axis's "domain" in the "between" layer breaks Plotly's whole first draw.)"""
    if stats.cost_star > 0:
        traces.shapes.append({
            "type": "line", "x0": x0, "x1": x1, "xref": xref, "y0": stats.cost_star, "y1": stats.cost_star, "yref": yref,
            "line": {"color": EXACT_COLOR, "dash": "dash", "width": 1.5}, "layer": "between",
        })


def _per_update(traces: Traces, layout: dict, stats: Stats, runs, index, where) -> None:
    """Each run's full J after update k, k >= 1 (log x: batch's few updates and stochastic's many on one axis)."""
    for n, (_, run) in enumerate(runs):
        keep = _evenly(run.updates, 2000) + 1
        traces.shapes.append(path_shape(keep, np.maximum(finite(run.cost_history[keep]), 1e-300), "x3", "y3", {"color": BATCH_COLORS[n], "width": 1.5, "dash": BATCH_DASHES[n]}))
    _floor(traces, stats, "x3", "y3", 1, max(max(r.updates for _, r in runs), 1))
    traces.mover(
        {"type": "scatter", "mode": "markers", "showlegend": False, "xaxis": "x3", "yaxis": "y3", "marker": {"color": BATCH_COLORS[: len(runs)], "symbol": BATCH_SYMBOLS[: len(runs)], "size": 10, "line": {"color": WHITE, "width": 1.5}},
         "hovertemplate": [f"{label}<br>update %{{x}}: J = %{{y:.4g}}<extra></extra>" for label, _ in runs]},
        lambda e: {"x": [int(i[where[int(e)]]) or None for i in index], "y": [float(r.cost_history[i[where[int(e)]]]) for (_, r), i in zip(runs, index)]},
    )
    drawn = np.concatenate([np.maximum(finite(r.cost_history), 1e-300) for _, r in runs] + [[stats.cost_star] if stats.cost_star > 0 else []])
    most = max(r.updates for _, r in runs)
    merge(layout, {"xaxis3": {"title": {"text": "update (log scale)"}, "type": "log", "range": [-0.05, np.log10(max(most, 2)) + 0.05]},
                   "yaxis3": {"title": {"text": "J(w, b), all the data"}, **plotly_log_axis(drawn)}})


def _per_epoch(traces: Traces, layout: dict, stats: Stats, runs, index, where) -> None:
    """Each run's J at the start and after each complete epoch, with a marker at the shown moment."""
    m = runs[0][1].m
    for n, (label, run) in enumerate(runs):
        traces.data.append({
            "type": "scatter", "mode": "lines+markers", "x": np.arange(run.epoch_ends.size), "y": np.maximum(finite(run.epoch_cost_history), 1e-300), "name": f"{label}, per epoch",
            "showlegend": False, "line": {"color": BATCH_COLORS[n], "width": 2, "dash": BATCH_DASHES[n]}, "marker": {"size": 6, "symbol": BATCH_SYMBOLS[n]}, "xaxis": "x4", "yaxis": "y4",
            "hovertemplate": f"{label}<br>after epoch %{{x}}: J = %{{y:.4g}}<extra></extra>",
        })
    _floor(traces, stats, "x4", "y4", 0, max(r.epoch_ends.size - 1 for _, r in runs))
    traces.mover(
        {"type": "scatter", "mode": "markers", "showlegend": False, "xaxis": "x4", "yaxis": "y4", "hoverinfo": "skip", "marker": {"color": BATCH_COLORS[: len(runs)], "symbol": BATCH_SYMBOLS[: len(runs)], "size": 10, "line": {"color": WHITE, "width": 1.5}}},
        lambda e: {"x": [float(r.seen[i[where[int(e)]]]) / m for (_, r), i in zip(runs, index)], "y": [float(r.cost_history[i[where[int(e)]]]) for (_, r), i in zip(runs, index)]},
    )
    drawn = np.concatenate([np.maximum(finite(r.epoch_cost_history), 1e-300) for _, r in runs] + [[stats.cost_star] if stats.cost_star > 0 else []])
    merge(layout, {"xaxis4": {"title": {"text": "epoch (passes over the data)"}}, "yaxis4": {"title": {"text": "J(w, b), all the data"}, **plotly_log_axis(drawn)}})
