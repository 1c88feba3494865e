"""Challenge links, as URL values: a goal, the controls locked, what is hidden (see gd_core.challenge).

A URL value can be anything, so each is cut to ``MAX_TEXT`` characters before it is looked at,
every number must be finite and within its bounds, and anything else is refused with a plain
message that says what would work (``ChallengeError``)::

    goal=converge:80      converge within 80 iterations (by the page's stop rule)
    goal=valley:5         end in the valley of the minimum at w = 5 (within the rule's distance)
    goal=cost:1.5         end with a cost J below 1.5
    goal=limit            set alpha to the largest stable alpha, 2 / J''(w*), to 2 significant figures
    goal=bug              name the mistake that printed the log (page 5)
    lock=alpha,w0         controls the page shows but does not let the student move
    hide=minimum,wall     what the page keeps out of sight until the goal is met

``parse_goal(goal_param(goal)) == goal`` for every goal.

>>> goal = parse_goal("converge:80")
>>> goal_sentence(goal), goal_param(goal)
('Converge within 80 iterations', 'converge:80')
>>> parse_locks("alpha,w0", ("alpha", "w0", "iters"))
('alpha', 'w0')
>>> parse_goal("converge:1e999")
Traceback (most recent call last):
...
gd_core.challenge_links.ChallengeError: A converge goal needs a whole number of iterations from 1 to 100,000, such as converge:80.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from gd_core.wording import exact, plural

MAX_TEXT = 200  # characters of a URL value looked at
MAX_ITERS = 100_000
MAX_W = 1e6  # |w| of a valley goal: where descent stops anyway (gd_core.descent.W_LIMIT)
MAX_COST = 1e12
GoalKind = Literal["converge", "valley", "cost", "limit", "bug", "hand"]
KINDS: tuple[GoalKind, ...] = ("converge", "valley", "cost", "limit", "bug", "hand")
HIDEABLE = ("minimum", "wall", "lstsq", "verdict", "sweep")
GOALS_HELP = "converge:80, valley:5, cost:1.5, hand:1.5, limit or bug"
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


class ChallengeError(ValueError):
    """A challenge value that cannot be used; the message says what would work."""


@dataclass(frozen=True)
class Goal:
    """``kind`` and its number: iterations (converge), the minimum's w (valley), the cost (cost), None."""

    kind: GoalKind
    value: float | None = None


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
        raise ChallengeError(f"A {kind} goal needs the cost to get under, a number such as {kind}:1.5.")
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
    if goal.kind == "hand":
        return f"Beat J = {exact(goal.value)} by hand: set a line whose cost is below it"
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
