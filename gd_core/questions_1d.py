"""Page 1's questions ("One step, by hand"), each answered from the page's own run.

The update rule the page teaches, and what each question reads off the run::

    step = -alpha * dJ/dw(w0)      (the first update; positive slope -> w moves left)
    w1   = w0 + step

- ``intuition.direction``: left / right / stays, from the sign of the first step (a step under
  the page's stop rule, 1/1000 of the plotted range, counts as staying);
- ``intuition.first_step``: w1, within 1/100 of the plotted range of w or 1/10 of the step,
  whichever is larger (what the eye reads off the plot, and the step's size to 10%);
- ``intuition.cost_down``: yes when J(w_k+1) < J(w_k) at every update of the run;
- ``intuition.iterations``: how many iterations until the page's stop rule is met, within 10%
  (at least 2 iterations); asked only of a run that converges.

>>> from gd_core.contexts import intuition_context
>>> from gd_core.curves import CURVES
>>> context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
>>> FIRST_STEP.find_truth(context).answer
'The first update lands at w = 6.2.'
>>> DIRECTION.find_truth(context).why
'At w = 7 the slope dJ/dw is 8, positive, so the step −α·dJ/dw = −0.1 × 8 = −0.8 goes the other way: left, to w = 6.2.'
"""

from __future__ import annotations

import numpy as np

from gd_core.contexts import IntuitionContext
from gd_core.question_types import Choice, ChoiceForm, NumberForm, Question, Truth, truth
from gd_core.wording import exact, number, plural

LESSON = "intuition"
YES_NO = ChoiceForm((Choice("yes", "Yes"), Choice("no", "No")))
DIRECTIONS = ChoiceForm((
    Choice("left", "w moves left (to a smaller w)"),
    Choice("right", "w moves right (to a larger w)"),
    Choice("stays", "w stays where it is"),
))
READ_SHARE = 0.01  # of the plotted range: how precisely a point is read off the plot
STEP_SHARE = 0.1  # of the step: its size to 10%
ITER_SHARE, ITER_FLOOR = 0.1, 2
# The rules as a form states them, before the answer: no number that would give it away.
FIRST_STEP_RULE = "within 1/100 of the plotted range of w, or 1/10 of the step if that is larger"
ITERATIONS_RULE = "within 10% of the answer (at least 2 iterations)"


def _start(c: IntuitionContext) -> str:
    return f"w starts at w₀ = {number(c.w0)} and α = {exact(c.alpha)}."


def _step_words(c: IntuitionContext) -> str:
    slope, step = float(c.run.slope[0]), c.run.next_step(0)
    return f"−α·dJ/dw = −{exact(c.alpha)} × {number(slope)} = {number(step)}"


# --- which way ---------------------------------------------------------------------------------


def _direction(c: IntuitionContext) -> Truth:
    slope, step = float(c.run.slope[0]), c.run.next_step(0)
    facts = {"w0": c.w0, "slope": slope, "step": step, "w1": c.run.next_w(0), "tol": c.rule.step_tol}
    if abs(step) < c.rule.step_tol:
        cause = "α = 0" if c.alpha == 0 else f"the slope is {number(slope)}"
        why = f"At w = {number(c.w0)} {cause}, so the step −α·dJ/dw = {number(step)} is under {number(c.rule.step_tol)}, the page's \"no longer changes\": w stays."
        return truth("stays", f"w stays where it is: the first step is {number(step)}.", why, facts)
    key = "left" if step < 0 else "right"
    sign = "positive" if slope > 0 else "negative"
    why = (f"At w = {number(c.w0)} the slope dJ/dw is {number(slope)}, {sign}, so the step {_step_words(c)} goes the other way: "
           f"{key}, to w = {number(c.run.next_w(0))}.")
    return truth(key, f"w moves {key}: the first step is {number(step)}.", why, facts)


DIRECTION = Question(
    id="intuition.direction", lesson=LESSON, order=1, title="Which way does w move?",
    write_prompt=lambda c: f"{_start(c)} Which way will w move on the first update?",
    make_form=lambda c: DIRECTIONS, find_truth=_direction,
)

# --- where the first step lands ----------------------------------------------------------------


def first_step_tolerance(c: IntuitionContext) -> tuple[float, str]:
    """max(1/100 of the plotted range, 1/10 of the first step), and the rule in words."""
    read = READ_SHARE * (c.curve.w_max - c.curve.w_min)
    size = STEP_SHARE * abs(c.run.next_step(0))
    if size > read:
        return size, f"within {number(size)}, a tenth of the step"
    return read, f"within {number(read)}, 1/100 of the plotted range of w ({number(c.curve.w_min)} to {number(c.curve.w_max)})"


def _first_step(c: IntuitionContext) -> Truth:
    w1, tol = c.run.next_w(0), first_step_tolerance(c)
    facts = {"w0": c.w0, "slope": float(c.run.slope[0]), "alpha": c.alpha, "step": c.run.next_step(0), "w1": w1}
    why = f"w₁ = w₀ − α·dJ/dw = {number(c.w0)} − {exact(c.alpha)} × {number(float(c.run.slope[0]))} = {number(w1)}."
    return truth(w1, f"The first update lands at w = {number(w1)}.", why, facts, tolerance=tol[0], tolerance_rule=tol[1])


FIRST_STEP = Question(
    id="intuition.first_step", lesson=LESSON, order=2, title="Where does the first step land?",
    write_prompt=lambda c: f"{_start(c)} There the slope dJ/dw is {number(float(c.run.slope[0]))}. Where does the first update land?",
    make_form=lambda c: NumberForm("w", FIRST_STEP_RULE), find_truth=_first_step,
)

# --- does the cost fall at every step ------------------------------------------------------------


def _cost_down(c: IntuitionContext) -> Truth:
    cost, run = np.asarray(c.run.cost, dtype=float), c.run
    n = run.iterations
    facts = {"n": n, "cost0": float(cost[0]), "cost_end": float(cost[-1])}
    if n == 0:
        why = f"The very first update would take w to {number(run.next_w(0))}, where the cost is too large: the run diverged."
        return truth("no", "No: it diverged on the first update.", why, facts)
    rises = np.flatnonzero(~(cost[1:] < cost[:-1]))
    if rises.size == 0:
        why = f"J fell at every one of the {plural(n, 'update')}, from {number(cost[0])} to {number(cost[-1])}."
        return truth("yes", "Yes: the cost went down at every step.", why, facts)
    k = int(rises[0])
    facts |= {"k": k + 1, "before": float(cost[k]), "after": float(cost[k + 1])}
    if cost[k + 1] == cost[k]:
        how = f"J stayed {number(cost[k])}: w did not move"
    else:
        across = float(run.slope[k]) * float(run.slope[k + 1]) < 0
        how = f"J rose from {number(cost[k])} to {number(cost[k + 1])}: " + (
            f"w jumped across the minimum, from {number(run.w[k])} to {number(run.w[k + 1])}, and landed higher" if across
            else f"the step from {number(run.w[k])} to {number(run.w[k + 1])} was too long for the curve there")
    return truth("no", f"No: at update {k + 1:,} the cost did not go down.", f"At update {k + 1:,} {how}.", facts)


COST_DOWN = Question(
    id="intuition.cost_down", lesson=LESSON, order=3, title="Does the cost fall at every step?",
    write_prompt=lambda c: f"{_start(c)} Will the cost J(w) go down on every update of this run ({plural(c.iters, 'iteration')} at most)?",
    make_form=lambda c: YES_NO, find_truth=_cost_down,
    applies=lambda c: c.iters >= 1 and c.run.stop_reason != "not_finite",
)

# --- how many iterations -------------------------------------------------------------------------


def iterations_tolerance(k: int) -> tuple[float, str]:
    """10% of k, at least 2 iterations."""
    tol = max(float(ITER_FLOOR), ITER_SHARE * k)
    return tol, f"within {number(tol)} iterations (10% of the answer, at least {ITER_FLOOR})"


def _iterations(c: IntuitionContext) -> Truth:
    v = c.verdict
    k = int(v.iterations)
    facts = {"k": k, "step": float(v.facts["step"]), "tol": c.rule.step_tol, "w": float(v.facts["w"]), "w_star": float(v.facts["w_star"])}
    why = (f"At iteration {k:,} the step, {number(facts['step'])}, fell under {number(c.rule.step_tol)} "
           f"(1/1000 of the plotted range) at w = {number(facts['w'])}, near the minimum w* = {number(facts['w_star'])}.")
    tol, rule = iterations_tolerance(k)
    return truth(float(k), f"It converges in {plural(k, 'iteration')}.", why, facts, tolerance=tol, tolerance_rule=rule)


ITERATIONS = Question(
    id="intuition.iterations", lesson=LESSON, order=4, title="How many iterations until it converges?",
    write_prompt=lambda c: (f"{_start(c)} Converged means a step under {number(c.rule.step_tol)} near a minimum. "
                            "How many iterations until the run converges?"),
    make_form=lambda c: NumberForm("iterations", ITERATIONS_RULE),
    find_truth=_iterations, applies=lambda c: c.verdict.kind == "converged",
)

QUESTIONS: tuple[Question, ...] = (DIRECTION, FIRST_STEP, COST_DOWN, ITERATIONS)
