"""Page 3's momentum race on the landscape: plain descent and momentum from one start, drawn on
the map from above and on the surface, and their balls beside the other starts' in the player.

The race's paths are ``SurfacePaths`` with two columns (gd_core.momentum_landscape.Race.paths:
plain descent, then momentum). Its lines are layout shapes on the map (a frame does not re-read
them) and two 3-D lines; its balls join the starts' balls in the traces that move, so a frame
carries no more traces than without it.
"""

from __future__ import annotations

import numpy as np

from gd_core.surface import SurfacePaths
from ui.charts.cost_map import path_shape
from ui.charts.player import Traces
from ui.charts.style import PATH_COLORS, PATH_SYMBOLS, RACE_COLORS, RACE_UNDERLAYS, WHITE

RACE_DASHES = ("dash", "solid")
RACE_SYMBOLS = ("square", "diamond")


def race_names(beta: float) -> tuple[str, str]:
    """The legend's names of the race's two runs."""
    return "plain descent (dashed)", f"momentum, β = {beta:g}"


def race_lines(traces: Traces, race: SurfacePaths, names: tuple[str, str], xref: str = "x3", yref: str = "y3", scene: str | None = "scene") -> None:
    """Both runs' paths on the map (an underlay, then the line) and on the surface, and a
    legend entry each (an empty trace: the lines themselves are shapes). Momentum first: plain
    descent's shorter path, which momentum's follows at first, is drawn over it; in the legend
    plain descent comes first, both after the other entries (whose rank is Plotly's default, 1000)."""
    for k in (1, 0):
        w, b, z = race.w[:, k], race.b[:, k], race.cost[:, k]
        line = {"color": RACE_COLORS[k], "width": 3, "dash": RACE_DASHES[k]}
        traces.shapes.append(path_shape(w, b, xref, yref, {"color": RACE_UNDERLAYS[k], "width": 6}))
        traces.shapes.append(path_shape(w, b, xref, yref, line))
        if scene:  # None: no 3-D panel (drawn on request: ui.controls.surface3d)
            traces.data.append({"type": "scatter3d", "x": w, "y": b, "z": z, "mode": "lines", "line": {**line, "width": 6}, "showlegend": False, "hoverinfo": "skip", "scene": scene})
        traces.data.append({
            "type": "scatter", "x": [None], "y": [None], "mode": "lines+markers", "name": names[k], "legendgroup": names[k], "legendrank": 1001 + k, "line": line,
            "marker": {"symbol": RACE_SYMBOLS[k], "size": 10, "color": RACE_COLORS[k], "line": {"color": RACE_UNDERLAYS[k], "width": 2}}, "hoverinfo": "skip", "xaxis": xref, "yaxis": yref,
        })


def with_race(traces: Traces, paths: SurfacePaths, race: tuple[SurfacePaths, tuple[str, str]] | None, three_d: bool = True) -> tuple[SurfacePaths, dict]:
    """Draw the race (its paths and legend names; None: no race), and return the balls that move:
    the starts' paths with the race's two after them, and their markers' colours, symbols and rings
    (each start its own colour and marker, an open one drawn by its outline in its colour; then
    the race's square and diamond, each with its ring)."""
    n = paths.w.shape[1]
    colors, symbols = [PATH_COLORS[k % len(PATH_COLORS)] for k in range(n)], [PATH_SYMBOLS[k % len(PATH_SYMBOLS)] for k in range(n)]
    rims = [c if m.endswith("-open") else WHITE for c, m in zip(colors, symbols)]
    marker = {"color": colors, "symbol": symbols, "line": {"color": rims, "width": 2}}
    if race is None:
        return paths, marker
    race_lines(traces, *race, scene="scene" if three_d else None)
    race = race[0]
    rows = max(paths.w.shape[0], race.w.shape[0])  # a shorter run waits at its last point

    def joined(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.hstack([np.vstack([x] + [x[-1:]] * (rows - x.shape[0])) for x in (a, b)])

    both = SurfacePaths(w=joined(paths.w, race.w), b=joined(paths.b, race.b), cost=joined(paths.cost, race.cost), alpha=paths.alpha)
    ring = {"color": rims + list(RACE_UNDERLAYS), "width": 2}  # the yellow diamond ringed in ink: it shows on the light hills too
    return both, {"color": marker["color"] + list(RACE_COLORS), "symbol": marker["symbol"] + list(RACE_SYMBOLS), "line": ring}
