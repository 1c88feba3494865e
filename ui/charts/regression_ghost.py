"""A committed prediction drawn on page 4's figure (ui.charts.regression): its words in a corner
of a panel, with a dashed line for a predicted w (the best line with that slope, through the
data's means) or a band of w* ± the predicted gap on the map."""

from __future__ import annotations

from typing import NamedTuple

from gd_core.sums import Stats
from ui.charts.style import PREDICTION_COLOR as GHOST_COLOR

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


def draw_ghost(ghost: Ghost, stats: Stats, x_range: tuple[float, float], shapes: list[dict]) -> dict:
    """Add the ghost's lines to ``shapes``; return its words as an annotation."""
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
    return {
        "x": x, "y": y, "xref": f"{xaxis} domain", "yref": f"{yaxis} domain", "text": ghost.text, "showarrow": False,
        "xanchor": xanchor, "yanchor": yanchor, "font": {"size": 13, "color": GHOST_COLOR}, "bgcolor": "rgba(255,255,255,0.85)",
        "bordercolor": GHOST_COLOR, "borderwidth": 1.5, "borderpad": 3,
    }
