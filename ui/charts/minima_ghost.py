"""A committed prediction drawn on page 3's figure (ui.charts.local_minimum): a ring where the
student said a run ends, with its words in a box and an arrow, or the words alone in a corner of
a panel (a yes/no answer)."""

from __future__ import annotations

from typing import NamedTuple

from ui.charts.style import PREDICTION_COLOR as GHOST_COLOR, SLATE_DARK

CURVE_PANEL = {"xaxis": "x", "yaxis": "y"}  # ui.charts.local_minimum's panels
STEP_PANEL = {"xaxis": "x2", "yaxis": "y2"}
MAP_PANEL = {"xaxis": "x3", "yaxis": "y3"}
PANELS = {"curve": CURVE_PANEL, "steps": STEP_PANEL, "map": MAP_PANEL}
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


def prediction_notes(layout: dict, data: list[dict], hidden: bool, ghost: Ghost | None) -> None:
    """Before a prediction, the empty step panel says why; after it, the ghost's ring and words."""
    notes: list[dict] = []
    if hidden:  # the step panel has no trace to give it axes: the words go at its place on the paper
        (x0, x1), (y0, y1) = layout["xaxis2"]["domain"], layout["yaxis2"]["domain"]
        notes.append({"x": (x0 + x1) / 2, "y": (y0 + y1) / 2, "xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 13, "color": SLATE_DARK},
                      "text": "The step sizes appear<br>once you commit your answer."})
    if ghost is not None:
        ghost_data, ghost_notes = ghost_traces(ghost)
        data.extend(ghost_data)
        notes.extend(ghost_notes)
    layout["annotations"] = [*layout["annotations"], *notes]
