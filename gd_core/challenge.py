"""Challenges: a goal checked on the student's own run, with controls locked and answers hidden.

A teacher's link carries a goal, the controls to lock and what to hide, as short URL values
(read and written by ``gd_core.challenge_links``, whose names this module also offers).
``check_goal(goal, context)`` reads the context's run (gd_core.contexts, questions_fit,
questions_debug), the very run the page plays, and says "Met: ..." or "Not yet: ...".

>>> from gd_core.contexts import intuition_context
>>> from gd_core.curves import CURVES
>>> check_goal(parse_goal("converge:80"), intuition_context(CURVES["bowl"], 7.0, 0.1, 200)).sentence
'Met: converged in 21 iterations, within 80.'
>>> check_goal(parse_goal("converge:10"), intuition_context(CURVES["bowl"], 7.0, 0.1, 200)).sentence
'Not yet: converged in 21 iterations, more than 10.'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from gd_core.challenge_links import (
    HIDEABLE, KINDS, MAX_ITERS, MAX_TEXT, Challenge, ChallengeError, Goal, GoalKind, challenge_params, goal_param,
    goal_sentence, locks_param, parse_challenge, parse_goal, parse_hides, parse_locks,
)
from gd_core.descent import largest_stable_alpha
from gd_core.question_types import ResponseError
from gd_core.questions import grade, question
from gd_core.questions_rates import two_figures
from gd_core.wording import exact, number, plural

__all__ = [
    "HIDEABLE", "KINDS", "MAX_ITERS", "MAX_TEXT", "Challenge", "ChallengeError", "Goal", "GoalCheck", "GoalKind",
    "challenge_params", "check_goal", "goal_param", "goal_sentence", "locks_param", "parse_challenge", "parse_goal",
    "parse_hides", "parse_locks",
]


@dataclass(frozen=True)
class GoalCheck:
    """Whether the run meets the goal, in one sentence ("Met: ..." or "Not yet: ...")."""

    met: bool
    sentence: str


# --- checking a goal on the student's run --------------------------------------------------------


def _needs(goal: Goal, context: Any, lessons: tuple[str, ...], pages: str) -> None:
    if getattr(context, "lesson", None) not in lessons:
        raise ChallengeError(f"A {goal.kind} goal is checked on {pages}.")


def _converge(goal: Goal, context: Any) -> GoalCheck:
    _needs(goal, context, ("intuition", "local_minimum", "regression"), "pages 1, 3 and 4 (one run)")
    verdict, n, limit = context.verdict, _iterations(context), int(goal.value)
    if verdict is not None and verdict.kind == "at_minimum":
        return GoalCheck(False, "Not yet: the run starts at a minimum and stays there, so it has nothing to converge to; start elsewhere.")
    if verdict is None or verdict.kind != "converged":
        return GoalCheck(False, f"Not yet: the run has not converged in its {plural(n, 'iteration')}.")
    k = verdict.iterations
    if k <= limit:
        return GoalCheck(True, f"Met: converged in {plural(k, 'iteration')}, within {limit:,}.")
    return GoalCheck(False, f"Not yet: converged in {plural(k, 'iteration')}, more than {limit:,}.")


def _iterations(context: Any) -> int:
    return context.fit.result.iterations if context.lesson == "regression" else context.run.iterations


def _valley(goal: Goal, context: Any) -> GoalCheck:
    _needs(goal, context, ("intuition", "local_minimum"), "pages 1 and 3 (one curve)")
    minima, near, end = context.curve.minima, context.rule.near_tol, context.run.final_w
    target = min(minima, key=lambda m: abs(m - goal.value)) if minima else None
    if target is None or abs(target - goal.value) > near:
        listed = ", ".join(f"w = {number(m)}" for m in minima) or "none"
        return GoalCheck(False, f"Not yet: this curve has no minimum at w = {exact(goal.value)} (its minima: {listed}).")
    if abs(end - target) <= near:
        return GoalCheck(True, f"Met: the run ends at w = {number(end)}, in the valley of w = {number(target)}.")
    reached = next((m for m in minima if abs(end - m) <= near), None)
    where = f"in the valley of w = {number(reached)}" if reached is not None else "in no valley yet"
    return GoalCheck(False, f"Not yet: the run ends at w = {number(end)}, {where}, not at w = {number(target)}.")


def _cost(goal: Goal, context: Any) -> GoalCheck:
    _needs(goal, context, ("intuition", "local_minimum", "regression"), "pages 1, 3 and 4 (one run)")
    last = float(context.fit.result.cost_history[-1] if context.lesson == "regression" else context.run.cost[-1])
    if last < goal.value:
        return GoalCheck(True, f"Met: the run ends with J = {number(last)}, below {exact(goal.value)}.")
    return GoalCheck(False, f"Not yet: the run ends with J = {number(last)}, not below {exact(goal.value)}.")


def _hand(goal: Goal, context: Any) -> GoalCheck:
    """Page 4: the line set by hand (its J from gd_core.hand_fit) is below the value."""
    _needs(goal, context, ("regression",), "page 4 (the fit by hand)")
    cost = getattr(context, "hand_cost", None)
    if cost is None:
        return GoalCheck(False, "Not yet: turn on “Fit the line by hand first” and set your line.")
    if cost < goal.value:
        return GoalCheck(True, f"Met: your line's J = {number(cost)}, below {exact(goal.value)}.")
    return GoalCheck(False, f"Not yet: your line's J = {number(cost)}, not below {exact(goal.value)}.")


def _limit_among(context: Any) -> GoalCheck:
    """Page 2: one of the alphas compared is the largest stable alpha, to 2 significant figures."""
    limit = context.alpha_limit
    if not math.isfinite(limit):
        return GoalCheck(False, "Not yet: no minimum near this start has a stable limit to find; pick another start.")
    tol = two_figures(limit)
    hit = next((a for a in context.alphas if abs(a - limit) <= tol), None)
    if hit is not None:
        return GoalCheck(True, f"Met: α = {exact(hit)} is the largest stable α, 2 / J''(w*) = {number(limit)}, to 2 significant figures.")
    below = sum(a < limit for a in context.alphas)
    sides = [f"{n} {'is' if n == 1 else 'are'} too {side}" for n, side in ((below, "small"), (len(context.alphas) - below, "large")) if n]
    return GoalCheck(False, f"Not yet: of the {len(context.alphas)} α compared, {' and '.join(sides)} (to 2 significant figures).")


def _limit(goal: Goal, context: Any) -> GoalCheck:
    if getattr(context, "lesson", None) == "learning_rate":
        return _limit_among(context)
    _needs(goal, context, ("intuition", "local_minimum"), "pages 1, 2 and 3 (a curve's α)")
    w_star = context.curve.nearest_minimum(context.w0)
    limit = largest_stable_alpha(context.curve, w_star) if w_star is not None else math.inf
    if not math.isfinite(limit):
        return GoalCheck(False, "Not yet: no minimum near this start has a stable limit to find; pick another start.")
    tol, alpha = two_figures(limit), context.alpha
    if abs(alpha - limit) <= tol:
        return GoalCheck(True, f"Met: α = {exact(alpha)} is the largest stable α, 2 / J''(w*) = {number(limit)}, to 2 significant figures.")
    side = "too small" if alpha < limit else "too large"
    return GoalCheck(False, f"Not yet: α = {exact(alpha)} is {side} (to 2 significant figures).")


def _bug(goal: Goal, context: Any, answer: object) -> GoalCheck:
    _needs(goal, context, ("debug",), "page 5 (a log to debug)")
    if answer is None:
        return GoalCheck(False, "Not yet: name the mistake.")
    try:
        graded = grade(question("debug.mistake"), context, answer)
    except ResponseError as error:
        raise ChallengeError(str(error)) from None
    if graded.correct:
        return GoalCheck(True, f"Met: {graded.truth.answer[0].lower() + graded.truth.answer[1:]}")
    return GoalCheck(False, "Not yet: that mistake would print another log.")


def check_goal(goal: Goal, context: Any, answer: object = None) -> GoalCheck:
    """Whether the context's run meets ``goal`` (``answer``: the mistake's key, for a bug goal).

    Rules: converge, the page's verdict is converged by iteration N; valley, the run's last w is
    within the stop rule's distance of the curve's minimum at (within that distance of) w;
    cost, the run's last J is below the value; hand, the J of the line set by hand on page 4 is
    below the value; limit, |alpha - 2 / J''(w*)| is within half a unit
    of its second significant figure, w* the minimum nearest w0 (page 2: one of its alphas is); bug, the answer names the
    planted mistake. ChallengeError when the goal is not one this page checks.
    """
    if goal.kind == "converge":
        return _converge(goal, context)
    if goal.kind == "valley":
        return _valley(goal, context)
    if goal.kind == "cost":
        return _cost(goal, context)
    if goal.kind == "limit":
        return _limit(goal, context)
    if goal.kind == "hand":
        return _hand(goal, context)
    return _bug(goal, context, answer)
