"""Page 3's predict-then-see parts: the mark a question puts on the figure, and the caption
that stands in for the outcome before the answer is committed.

Before committing, the landscape question rings the start it asks about; after it, each
question's answer is drawn beside the result: the minimum or valley picked (a ring labelled
"your prediction"), or what was said (a label on the panel that shows the answer).
"""

from __future__ import annotations

import numpy as np

from gd_core import surface
from gd_core.contexts import LocalMinimumContext
from ui.charts.minima_ghost import Ghost
from ui.views.predict import Asked

VALLEY, MOVES, SHRINK, LANDSCAPE = "local_minimum.valley", "local_minimum.moves", "local_minimum.steps_shrink", "local_minimum.landscape"
SAID = {
    MOVES: {"yes": "you said: w moves", "no": "you said: w stays at w₀"},
    SHRINK: {"yes": "you said: every step is no longer than the one before", "no": "you said: some step is longer than the one before"},
}


def _index(key: str) -> int:
    return int(key[1:]) - 1  # "m2" / "v2": the second minimum or valley


def figure_mark(asked: Asked, context: LocalMinimumContext) -> Ghost | None:
    """What the figure marks for the question on screen: before committing, the landscape start a
    question asks about; after it, the committed answer (None: nothing to mark)."""
    q = asked.question
    if q is None:
        return None
    if not asked.shown:
        if q.id == LANDSCAPE:
            return Ghost("map", context.surface_start[0], context.surface_start[1], "this start")
        return None
    if asked.graded is None:
        return None
    said = str(asked.graded.response)
    if q.id == VALLEY:
        if said == "none":
            return Ghost("steps", None, None, "you said: it ends at none of the minima")  # the step panel's top right is clear once steps shrink
        m = float(context.curve.minima[_index(said)])
        with np.errstate(all="ignore"):
            j = float(np.asarray(context.curve.cost(np.asarray([m])), dtype=float)[0])
        return Ghost("curve", m, j, "your prediction")
    if q.id == LANDSCAPE:
        if said == "none":
            return Ghost("map", None, None, "you said: it does not settle", "bottom right")
        _, w, b, _ = surface.VALLEYS[_index(said)]
        return Ghost("map", float(w), float(b), "your prediction")
    if q.id in SAID:
        return Ghost("steps", None, None, SAID[q.id][said])  # the steps panel shows whether w moves and whether its steps shrink
    return None


def start_caption(asked: Asked, three_d: bool = True) -> str:
    """The figure's caption before committing: what is drawn, and that the runs come after."""
    landscape = asked.question is not None and asked.question.id == LANDSCAPE
    return (
        "Until you commit your answer, the figure shows only where each start begins: each dot on the curve is a start w₀ "
        "(click one to start there) and the diamonds mark the minima; on the landscape each ball is a start "
        + ("(the ringed one is the start the question asks about; click anywhere to drop another, and the question moves to it). " if landscape
           else "(click anywhere to drop one). ")
        + ("Drag the surface to turn it. " if three_d else "")
        + "Commit an answer, or press *Just show me*, and every start rolls downhill."
    )

