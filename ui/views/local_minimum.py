"""Page 3's predict-then-see parts: the mark a question puts on the figure, and the caption
that stands in for the outcome before the answer is committed; the momentum race's paths and
its sentence, which before the answer show only where it starts.

Before committing, the landscape question rings the start it asks about; after it, each
question's answer is drawn beside the result: the minimum or valley picked (a ring labelled
"your prediction"), or what was said (a label on the panel that shows the answer).
"""

from __future__ import annotations

import numpy as np

from gd_core import surface
from gd_core.contexts import LocalMinimumContext
from gd_core.momentum_landscape import Race, race_words
from gd_core.questions_minima import RACE_FORM
from gd_core.reveal import start_only
from gd_core.surface import SurfacePaths
from gd_core.wording import exact, number
from ui.charts.minima_ghost import Ghost
from ui.charts.momentum import race_names
from ui.views.predict import Asked

VALLEY, MOVES, SHRINK, LANDSCAPE = "local_minimum.valley", "local_minimum.moves", "local_minimum.steps_shrink", "local_minimum.landscape"
MOMENTUM = "local_minimum.momentum"
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
        if q.id == MOMENTUM:
            return Ghost("map", context.race.start[0], context.race.start[1], "this start")
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
    if q.id == MOMENTUM:  # the map shows where both ended: the answer, said in its corner
        label = next(c.label for c in RACE_FORM.options if c.key == said)
        return Ghost("map", None, None, f"you said: momentum ends {label}" if said != "unsettled" else f"you said: {label}", "bottom right")
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



def race_figure(race: Race, before_answer: bool) -> tuple[SurfacePaths, tuple[str, str]]:
    """The momentum race as the figure draws it: its two paths (cut to their start before the
    answer) and their legend names."""
    return (start_only(race.paths) if before_answer else race.paths), race_names(race.beta)


def race_sentence(race: Race, before_answer: bool) -> str:
    """Under the landscape: the race, what its two runs did (from their ends), or before the answer what is drawn."""
    start = f"({number(race.start[0])}, {number(race.start[1])})"
    if before_answer:
        return (
            f"**Momentum.** From the start {start} (the square and the diamond on the landscape) plain descent and momentum with "
            f"β = {exact(race.beta)} race each other; where each ends is shown once you commit your answer."
        )
    return f"**Momentum.** {race_words(race)} The square follows plain descent, the diamond momentum."
