"""Challenge links: a goal checked on the student's own run, controls locked, answers hidden.

A teacher's link carries three short URL values, each read here and refused with a plain
message that says what would work (``ChallengeError``); a URL value can be anything, so each is
cut to ``MAX_TEXT`` characters before it is looked at, and every number must be finite::

    goal=converge:80      converge within 80 iterations (by the page's stop rule)
    goal=valley:5         end in the valley of the minimum at w = 5 (within the rule's distance)
    goal=cost:1.5         end with a cost J below 1.5
    goal=limit            set alpha to the largest stable alpha, 2 / J''(w*), to 2 significant figures
    goal=bug              name the mistake that printed the log (page 5)
    lock=alpha,w0         controls the page shows but does not let the student move
    hide=minimum,wall     what the page keeps out of sight until the goal is met

``parse_goal(goal_param(goal)) == goal`` for every goal. ``check_goal(goal, context)`` reads the
context's run (gd_core.contexts, questions_fit, questions_debug) and says met or not yet.

>>> goal = parse_goal("converge:80")
>>> goal_sentence(goal), goal_param(goal)
('Converge within 80 iterations', 'converge:80')
>>> from gd_core.contexts import intuition_context
>>> from gd_core.curves import CURVES
>>> check_goal(goal, intuition_context(CURVES["bowl"], 7.0, 0.1, 200)).sentence
'Met: converged in 21 iterations, within 80.'
>>> parse_locks("alpha,w0", ("alpha", "w0", "iters"))
('alpha', 'w0')
>>> parse_goal("converge:1e999")
Traceback (most recent call last):
...
gd_core.challenge.ChallengeError: A converge goal needs a whole number of iterations from 1 to 100,000, such as converge:80.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gd_core.question_types import ResponseError
from gd_core.questions_rates import two_figures
from gd_core.wording import exact, number, plural

MAX_TEXT = 200  # characters of a URL value looked at
MAX_ITERS = 100_000
MAX_W = 1e6  # |w| of a valley goal: where descent stops anyway (gd_core.descent.W_LIMIT)
MAX_COST = 1e12
GoalKind = Literal["converge", "valley", "cost", "limit", "bug"]
KINDS: tuple[GoalKind, ...] = ("converge", "valley", "cost", "limit", "bug")
HIDEABLE = ("minimum", "wall", "lstsq", "verdict", "sweep")
GOALS_HELP = "converge:80, valley:5, cost:1.5, limit or bug"
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


class ChallengeError(ValueError):
    """A challenge value that cannot be used; the message says what would work."""


@dataclass(frozen=True)
class Goal:
    """``kind`` and its number: iterations (converge), the minimum's w (valley), the cost (cost), None."""

    kind: GoalKind
    value: float | None = None


@dataclass(frozen=True)
class GoalCheck:
    """Whether the run meets the goal, in one sentence ("Met: ..." or "Not yet: ...")."""

    met: bool
    sentence: str


def _cut(text: object) -> str:
    return str(text)[:MAX_TEXT].strip()


def _number(text: str) -> float | None:
    text = text.replace("−", "-")
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def parse_goal(text: object) -> Goal:
    """A goal from its URL value (see the module); ChallengeError for anything else."""
    raw = _cut(text)
    kind, _, arg = raw.partition(":")
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise ChallengeError(f"A goal is one of {GOALS_HELP}.")
    if kind in ("limit", "bug"):
        if arg:
            raise ChallengeError(f"A {kind} goal takes no number: write goal={kind}.")
        return Goal(kind)
    value = _number(arg.strip())
    if kind == "converge":
        if value is None or value != int(value) or not 1 <= value <= MAX_ITERS:
            raise ChallengeError(f"A converge goal needs a whole number of iterations from 1 to {MAX_ITERS:,}, such as converge:80.")
        return Goal(kind, float(int(value)))
    if kind == "valley":
        if value is None or abs(value) > MAX_W:
            raise ChallengeError("A valley goal needs the w of a minimum, a number such as valley:5 or valley:-1.5.")
        return Goal(kind, value)
    if value is None or abs(value) > MAX_COST:
        raise ChallengeError("A cost goal needs the cost to get under, a number such as cost:1.5.")
    return Goal(kind, value)


def _plain(x: float) -> str:
    """The shortest text that reads back as x, in ASCII and without '+' (a URL turns '+' into a space)."""
    text = repr(float(x)).removesuffix(".0").replace("e+", "e")
    return "0" if text == "-0" else text


def goal_param(goal: Goal) -> str:
    """The URL value of a goal: parse_goal(goal_param(goal)) == goal."""
    if goal.value is None:
        return goal.kind
    return f"{goal.kind}:{int(goal.value) if goal.kind == 'converge' else _plain(goal.value)}"


def goal_sentence(goal: Goal) -> str:
    """The goal in words: "Converge within 80 iterations"."""
    if goal.kind == "converge":
        return f"Converge within {plural(int(goal.value), 'iteration')}"
    if goal.kind == "valley":
        return f"End in the valley of the minimum at w = {exact(goal.value)}"
    if goal.kind == "cost":
        return f"End with a cost J below {exact(goal.value)}"
    if goal.kind == "limit":
        return "Set α to the largest stable α, to 2 significant figures"
    return "Name the mistake that printed this log"


def _names(text: object, known: Sequence[str], what: str) -> tuple[str, ...]:
    raw = _cut(text)
    if not raw:
        return ()
    names: list[str] = []
    for part in raw.split(","):
        name = part.strip().lower()
        if name not in known:
            raise ChallengeError(f"{what} names from: {', '.join(known)} (comma separated, such as {','.join(known[:2])}).")
        if name not in names:
            names.append(name)
    return tuple(names)


def parse_locks(text: object, allowed: Sequence[str]) -> tuple[str, ...]:
    """The controls to lock, from ``alpha,w0``; each must be one of the page's ``allowed``."""
    return _names(text, tuple(allowed), "Lock controls by their")


def parse_hides(text: object) -> tuple[str, ...]:
    """What to hide, from ``minimum,wall,lstsq``; each must be one of HIDEABLE."""
    return _names(text, HIDEABLE, "Hide things by their")


def locks_param(names: Sequence[str]) -> str:
    """The URL value of locks or hides: names joined by commas."""
    return ",".join(names)


@dataclass(frozen=True)
class Challenge:
    """A goal, the controls locked and the things hidden: what a challenge link carries."""

    goal: Goal
    locks: tuple[str, ...] = ()
    hides: tuple[str, ...] = ()


def parse_challenge(goal: object, lock: object = "", hide: object = "", *, allowed: Sequence[str] = ()) -> Challenge:
    """A challenge from its three URL values (``goal``, ``lock``, ``hide``); ChallengeError for a bad one."""
    return Challenge(parse_goal(goal), parse_locks(lock, allowed), parse_hides(hide))


def challenge_params(challenge: Challenge) -> dict[str, str]:
    """The URL values of a challenge, leaving out empty ones: {"goal": "converge:80", "lock": "alpha"}."""
    params = {"goal": goal_param(challenge.goal), "lock": locks_param(challenge.locks), "hide": locks_param(challenge.hides)}
    return {key: value for key, value in params.items() if value}


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
    from gd_core.descent import largest_stable_alpha

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
    from gd_core.questions import grade, question

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
    cost, the run's last J is below the value; limit, |alpha - 2 / J''(w*)| is within half a unit
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
    return _bug(goal, context, answer)
