"""A committed prediction drawn beside the result (the "ghost"), for pages 1 and 2.

Each is made from the graded answer (ui.views.predict.Asked), never from the typed text: a
number is the float it was read as, a choice its option key.

- page 1: a dashed line at the predicted w (where does the first step land), a hollow arrow
  beside the start (which way does w move), each with "you said ..." beside it; else the
  prediction's words in the legend;
- page 2: on each alpha's card what the student said it does; the predicted largest alpha as a
  line beside the wall on the sweep chart.
"""

from __future__ import annotations

from gd_core.wording import exact
from ui.charts.cost_curve import Ghost
from ui.views.predict import Asked

DIRECTIONS = {"left": (-1, "w moves left"), "right": (1, "w moves right"), "stays": (0, "w stays")}


def intuition_ghost(asked: Asked) -> Ghost | None:
    """Page 1's ghost for the committed answer (None: nothing was predicted)."""
    graded, q = asked.graded, asked.question
    if graded is None or q is None:
        return None
    value = graded.response
    if q.id == "intuition.first_step":
        return Ghost(f"you said w = {exact(float(value))}", w=float(value))
    if q.id == "intuition.direction":
        direction, words = DIRECTIONS[str(value)]
        return Ghost(f"you said: {words}", direction=direction)
    if q.id == "intuition.cost_down":
        return Ghost("your prediction: J falls at every step" if value == "yes" else "your prediction: J does not fall at every step")
    if q.id == "intuition.iterations":
        return Ghost(f"your prediction: converged in {exact(float(value))} iterations")
    return Ghost(f"your prediction: {asked.said}")


def card_notes(asked: Asked, count: int) -> list[tuple[str, bool] | None]:
    """Page 2: for each of ``count`` alphas, what the student said of it and whether that was
    right (None where the question said nothing about that alpha)."""
    graded, q = asked.graded, asked.question
    notes: list[tuple[str, bool] | None] = [None] * count
    if graded is None or q is None:
        return notes
    if q.id == "learning_rate.behaviour":
        for i, (mine, real) in enumerate(zip(graded.response, graded.truth.value)):
            notes[i] = (f"You said: {mine}" + ("." if mine == real else f"; it {real}."), mine == real)
    elif q.id == "learning_rate.fastest":
        pick = str(graded.response)
        if pick.startswith("a") and pick[1:].isdigit() and int(pick[1:]) <= count:
            notes[int(pick[1:]) - 1] = ("You said: this one is the fastest.", graded.correct)
    return notes


def guessed_alpha(asked: Asked) -> float | None:
    """Page 2: the largest alpha the student predicted, for the sweep chart (None: not asked)."""
    q, graded = asked.question, asked.graded
    if graded is None or q is None or q.id != "learning_rate.largest_alpha":
        return None
    return float(graded.response)

