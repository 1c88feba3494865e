"""Page 4's maps of J(w, b) (ui.charts.regression): from above, with each run's path, the
least-squares diamond and the moving points (click to start there), as a surface to turn, and
with feature scaling the scaled problem's map."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gd_core.fit import Fit
from gd_core.linreg import cost_grid
from gd_core.sums import Stats
from ui.charts.cost_map import click_grid, cost_map, path_shape, surface_trace
from ui.charts.figure_dict import merge
from ui.charts.player import Traces, at
from ui.charts.regression_parts import contour_window, frame_indices
from ui.charts.style import EXACT_COLOR, FIT_DASHES, FIT_SYMBOLS, RUN_COLORS, STAR_COLOR, WHITE

STAR = {"symbol": "diamond", "size": 13, "color": STAR_COLOR, "line": {"color": EXACT_COLOR, "width": 1.5}}
CLICK_NAME = "start here"

Path = tuple[str, np.ndarray, np.ndarray, np.ndarray]  # (label, w history, b history, cost history)


def finite(values: np.ndarray, limit: float = 1e12) -> np.ndarray:
    """A diverging run's numbers, clipped so JSON and the axes stay sane (the page says it diverged)."""
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=limit, posinf=limit, neginf=-limit), -limit, limit)


def landscape_panels(
    traces: Traces, layout: dict, paths: list[Path], stats: Stats, star: tuple[float, float], x_title: str, hide_lstsq: bool = False, three_d: bool = True,
    clicks: bool = True,
) -> list[dict]:
    """J(w, b) from above (returns its picture, in a list for the scaled one to join; ``clicks``: a click there starts a run) and, with
    ``three_d``, as a surface (a WebGL scene: drawn on request, ui.controls.surface3d), with the paths and points."""
    w_star, b_star = star
    ws = [p[1] for p in paths]
    bs = [p[2] for p in paths]
    gw, gb = contour_window(ws, bs, w_star, b_star)
    images = [_cost_map(traces, gw, gb, cost_grid(stats, gw, gb), paths, None if hide_lstsq else star, "x3", "y3", clickable=clicks)]
    merge(layout, {"xaxis3": {"title": {"text": f"w (per unit of {x_title})"}, "range": [gw[0], gw[-1]]}, "yaxis3": {"title": {"text": "b (intercept)"}, "range": [gb[0], gb[-1]]}})
    if three_d:
        _surface(traces, layout, paths, stats, star, hide_lstsq)
    return images


def _surface(traces: Traces, layout: dict, paths: list[Path], stats: Stats, star: tuple[float, float], hide_lstsq: bool) -> None:
    """J(w, b) as a surface to turn in the scene, each run's path on it and the points (the least-squares diamond first)."""
    w_star, b_star = star
    ws = [p[1] for p in paths]
    bs = [p[2] for p in paths]
    sw, sb = contour_window(ws, bs, w_star, b_star, n=60)
    sz = cost_grid(stats, sw, sb)
    traces.data.append(surface_trace(sw, sb, sz, "scene"))
    for n, (label, w_h, b_h, cost) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        traces.data.append({"type": "scatter3d", "x": w_h[keep], "y": b_h[keep], "z": cost[keep], "mode": "lines", "line": {"color": RUN_COLORS[n], "width": 5, "dash": FIT_DASHES[n]}, "name": f"path, {label}", "showlegend": False, "scene": "scene"})
    # The least-squares diamond and every run's point share one trace (each trace costs every frame).
    s0 = 1 if hide_lstsq else 0  # the diamond's place in the lists, left out when hidden
    traces.mover(
        {
            "type": "scatter3d", "mode": "markers", "name": "points" if hide_lstsq else "least squares (w*, b*)", "showlegend": False, "scene": "scene", "hoverinfo": "skip",
            "marker": {
                "symbol": (["diamond"] + FIT_SYMBOLS[: len(paths)])[s0:], "color": [STAR["color"], *RUN_COLORS[: len(paths)]][s0:],
                "size": ([7] + [6] * len(paths))[s0:], "line": {"color": ([EXACT_COLOR] + [WHITE] * len(paths))[s0:], "width": 1},
            },
        },
        lambda i: {
            "x": ([w_star] + [at(p[1], i) for p in paths])[s0:], "y": ([b_star] + [at(p[2], i) for p in paths])[s0:], "z": ([stats.cost_star] + [at(p[3], i) for p in paths])[s0:],
        },
    )
    z_top = float(np.nanmax(sz))
    merge(layout["scene"], {
        "xaxis": {"title": {"text": "w"}, "range": [sw[0], sw[-1]]}, "yaxis": {"title": {"text": "b"}, "range": [sb[0], sb[-1]]},
        "zaxis": {"title": {"text": "J"}, "range": [0, z_top], "exponentformat": "none", "separatethousands": True},  # 100,000, not "100k", on a cost "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}}, "aspectmode": "cube",
    })


def scaled_panel(traces: Traces, layout: dict, fits: Sequence[tuple[str, Fit]], hide_lstsq: bool = False) -> dict:
    """With feature scaling: the map of the scaled problem descent ran on (round contours), not clickable; returns its picture."""
    main = fits[0][1]
    s_stats = main.run_stats
    s_star = (float(s_stats.w_star[0]), float(s_stats.b_star))
    s_paths = [(label, finite(f.result.w_history[:, 0]), finite(f.result.b_history), finite(f.result.cost_history)) for label, f in fits]
    s_w, s_b = contour_window([main.result.w_history[:, 0]], [main.result.b_history], *s_star, square=True)
    image = _cost_map(traces, s_w, s_b, cost_grid(s_stats, s_w, s_b), s_paths, None if hide_lstsq else s_star, "x4", "y4", clickable=False)
    merge(layout, {
        "xaxis4": {"title": {"text": "w' (per standard deviation of x)"}, "range": [s_w[0], s_w[-1]]},
        "yaxis4": {"title": {"text": "b'"}, "range": [s_b[0], s_b[-1]], "scaleanchor": "x4", "scaleratio": 1},
    })
    return image


def _cost_map(traces: Traces, gw, gb, z, paths: list[Path], star: tuple[float, float] | None, xaxis: str, yaxis: str, clickable: bool = True) -> dict:
    """J(w, b) from above with each run's path, the least-squares diamond (``star``; None:
    hidden by a challenge) and the moving point: the traces and shapes added to ``traces``, the
    picture under the axes returned."""
    image, lines = cost_map(gw, gb, z, xaxis, yaxis)
    traces.shapes.append(lines)
    for n, (label, w_h, b_h, _) in enumerate(paths):
        keep = frame_indices(w_h.size - 1, 600)
        traces.shapes.append(path_shape(w_h[keep], b_h[keep], xaxis, yaxis, {"color": RUN_COLORS[n], "width": 2.5, "dash": FIT_DASHES[n]}))
    if clickable:
        traces.data.append(click_grid(gw[::2], gb[::2], z[::2, ::2], xaxis, yaxis, CLICK_NAME))
    # The least-squares diamond first, then every run's point over it: one trace, moved by every frame.
    k, s0 = len(paths), 1 if star is None else 0
    traces.mover(
        {
            "type": "scatter", "mode": "markers", "name": "points" if star is None else "least squares (w*, b*)", "showlegend": False, "xaxis": xaxis, "yaxis": yaxis,
            "marker": {
                "symbol": (["diamond"] + FIT_SYMBOLS[:k])[s0:], "size": ([STAR["size"] + 3] + [10] * k)[s0:], "color": [STAR["color"], *RUN_COLORS[:k]][s0:],
                "line": {"color": ([EXACT_COLOR] + [WHITE] * k)[s0:], "width": ([1.5] + [2] * k)[s0:]},
            },
            "hovertemplate": (["least squares<br>w* = %{x:.6g}<br>b* = %{y:.6g}<extra></extra>"] + [f"{p[0]}<br>w = %{{x:.4g}}<br>b = %{{y:.4g}}<extra></extra>" for p in paths])[s0:],
        },
        lambda i: {"x": ([star[0] if star else 0.0] + [at(p[1], i) for p in paths])[s0:], "y": ([star[1] if star else 0.0] + [at(p[2], i) for p in paths])[s0:]},
    )
    return image
