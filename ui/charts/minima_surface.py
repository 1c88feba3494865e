"""Page 3's 3-D panel: H(w, b) as a surface to turn, every start's path on it and their moving
points, in the figure's scene (ui.charts.local_minimum).

Drawn only when a student asks (ui.controls.surface3d): a WebGL scene is the slowest part of
the page to draw on a phone, its surface and paths were a third of the figure's bytes, and its
moving points need a full redraw of the figure every few frames while playing.
"""

from __future__ import annotations

import numpy as np

from gd_core.surface import SurfacePaths
from ui.charts.cost_map import surface_trace
from ui.charts.figure_dict import merge
from ui.charts.player import Traces, at
from ui.charts.style import PATH_COLORS, WHITE


def surface_panel(traces: Traces, layout: dict, landscape: tuple[np.ndarray, np.ndarray, np.ndarray], paths: SurfacePaths, balls: tuple[SurfacePaths, dict]) -> None:
    """The surface, each start's path (``paths``) and the moving points (``balls``: their paths, the
    race's too, and their markers: ui.charts.momentum.with_race), in ``layout``'s scene."""
    gw, gb, gz = landscape
    traces.data.append({**surface_trace(gw, gb, gz, "scene"), "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>H = %{z:.4g}<extra></extra>"})
    for k in range(paths.w.shape[1]):
        color = PATH_COLORS[k % len(PATH_COLORS)]
        traces.data.append({
            "type": "scatter3d", "x": paths.w[:, k], "y": paths.b[:, k], "z": paths.cost[:, k], "mode": "lines",
            "line": {"color": color, "width": 5}, "showlegend": False, "hoverinfo": "skip", "scene": "scene",
        })
    moving, marker = balls
    ball = {"line": {"color": WHITE, "width": 2}, **marker, "size": 6}
    traces.mover({"type": "scatter3d", "mode": "markers", "marker": ball, "showlegend": False, "hoverinfo": "skip", "scene": "scene"},
                 lambda i: {"x": at(moving.w, i).tolist(), "y": at(moving.b, i).tolist(), "z": at(moving.cost, i).tolist()})
    merge(layout["scene"], {
        "xaxis": {"title": {"text": "w"}}, "yaxis": {"title": {"text": "b"}}, "zaxis": {"title": {"text": "H"}},
        "camera": {"eye": {"x": 1.4, "y": -1.4, "z": 1.1}}, "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.6},
    })
