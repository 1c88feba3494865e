"""This page's challenge, read from a teacher's link (``goal``, ``lock``, ``hide``), and the two
questions every part of a page asks about it: is this answer ``hidden``, is this control ``locked``.

``read_challenge`` runs as a lesson page opens (ui.app.page.open_lesson) and keeps what the link
says for the rest of the run, or the plain message of what is wrong with it (the page then works
as it does without a challenge). The goal is checked on the student's runs by
ui.views.challenge, which keeps the tries here (``record_try``): a try is a new view checked,
and the goal met once keeps the hidden answers shown.

Without a challenge ``hidden`` and ``locked`` are always False: a page is as it always was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from gd_core.challenge import Challenge, ChallengeError, GoalCheck, challenge_params, parse_challenge
from ui.app import state
from ui.app.lessons import PREDICT_PARAMS, Lesson

# What each lesson can check and hide: a goal of gd_core.challenge.check_goal that reads this
# page's context, and the answers this page shows (the minimum w*, the wall 2 / J'', the
# least-squares line).
GOALS: dict[str, tuple[str, ...]] = {
    "intuition": ("converge", "valley", "cost", "limit"),
    "learning_rate": ("limit",),
    "local_minimum": ("converge", "valley", "cost", "limit"),
    "regression": ("converge", "cost", "hand"),
    "debug": ("bug",),
}
HIDES: dict[str, tuple[str, ...]] = {
    "intuition": ("minimum", "wall"),
    "learning_rate": ("wall", "minimum"),
    "local_minimum": ("minimum",),
    "regression": ("lstsq", "wall"),
    "debug": ("verdict",),
}
HIDE_WORDS = {
    "minimum": "the minimum w*",
    "wall": "the stable limit 2 / J''(w*)",
    "lstsq": "the least-squares line",
    "verdict": "the page's diagnosis",
    "sweep": "the sweep over α",
}
NOT_LOCKABLE = (*PREDICT_PARAMS, *state.CHALLENGE_PARAMS, state.PRESENT)


def lockable(lesson: Lesson) -> tuple[str, ...]:
    """The controls a link may lock: the lesson's own URL parameters."""
    return tuple(name for name in lesson.params if name not in NOT_LOCKABLE)


@dataclass(frozen=True)
class Tries:
    """The views checked against one challenge (a try each), and the try that met it (None: not yet)."""

    views: tuple = ()
    met_at: int | None = None


def read_challenge(lesson: Lesson) -> None:
    """Read this page's challenge from the URL; keep it, or the message saying what is wrong."""
    asked = {name: st.query_params.get(name) for name in state.CHALLENGE_PARAMS}
    if all(value is None for value in asked.values()):
        st.session_state[state.CHALLENGE] = None
        return
    try:
        challenge = parse_challenge(asked[state.GOAL] or "", asked[state.LOCK] or "", asked[state.HIDE] or "", allowed=lockable(lesson))
        if challenge.goal.kind not in GOALS.get(lesson.key, ()):
            raise ChallengeError(f"A {challenge.goal.kind} goal is not checked on this page; here a goal is one of: {', '.join(GOALS.get(lesson.key, ())) or 'none'}.")
        extra = [name for name in challenge.hides if name not in HIDES.get(lesson.key, ())]
        if extra:
            raise ChallengeError(f"This page does not show {extra[0]}; it can hide: {', '.join(HIDES.get(lesson.key, ())) or 'nothing'}.")
    except ChallengeError as error:
        names = [name for name in state.CHALLENGE_PARAMS if asked[name] is not None]
        listed = " and ".join(names) if len(names) < 3 else f"{names[0]}, {names[1]} and {names[2]}"
        ignored = f"its {listed} {'is' if len(names) == 1 else 'are'} ignored"
        st.session_state[state.CHALLENGE] = (lesson.key, None, f"{error} (So {ignored}.)")
        return
    st.session_state[state.CHALLENGE] = (lesson.key, challenge, None)


def _now() -> tuple[str, Challenge | None, str | None] | None:
    kept = st.session_state.get(state.CHALLENGE)
    if kept is None or kept[0] != st.session_state.get(state.PAGE):
        return None  # no challenge, or one read on another page
    return kept


def active() -> Challenge | None:
    """This page's challenge, if its link has a good one."""
    now = _now()
    return now[1] if now is not None else None


def problem() -> str | None:
    """What is wrong with this page's challenge link (None: nothing, or no challenge)."""
    now = _now()
    return now[2] if now is not None else None


def challenge_id(challenge: Challenge) -> tuple:
    return (st.session_state.get(state.PAGE), *sorted(challenge_params(challenge).items()))


def tries(challenge: Challenge) -> Tries:
    return st.session_state.get(state.CHALLENGE_TRIES, {}).get(challenge_id(challenge), Tries())


def record_try(challenge: Challenge, view: tuple, check: GoalCheck) -> Tries:
    """Count ``view`` as a try if it is new; note the try that first met the goal."""
    kept = tries(challenge)
    views = kept.views if view in kept.views else (*kept.views, view)
    met_at = kept.met_at if kept.met_at is not None else (views.index(view) + 1 if check.met else None)
    now = Tries(views, met_at)
    st.session_state.setdefault(state.CHALLENGE_TRIES, {})[challenge_id(challenge)] = now
    return now


def hidden(name: str) -> bool:
    """Whether this page keeps ``name`` (minimum, wall, lstsq, verdict) out of sight: a challenge
    hides it and its goal is not met yet. False without a challenge."""
    challenge = active()
    return challenge is not None and name in challenge.hides and tries(challenge).met_at is None


def any_hidden(*names: str) -> bool:
    return any(hidden(name) for name in names)


def locked(name: str) -> bool:
    """Whether the challenge locks the control ``name`` (drawn disabled, with the link's value)."""
    challenge = active()
    return challenge is not None and name in challenge.locks


def unless_hidden(name: str, draw: Callable[[], None], instead: Callable[[], None] | None = None) -> None:
    """Draw ``draw()`` here, unless the challenge hides ``name``: then ``instead()`` (if given)
    until the goal is met. For what a page draws before its run is checked (its controls): with
    a challenge that hides ``name`` this leaves a place, filled once the check has run."""
    if not hidden(name):  # no challenge hides it, or its goal is met already
        draw()
        return
    slot = st.empty()
    if instead is not None:  # what stands there until the check says otherwise (all the run, if it has run already)
        with slot.container():
            instead()
    st.session_state.setdefault(state.CHALLENGE_WAITING, []).append((name, slot, draw, instead))


def forget_waiting() -> None:
    """A page part starts (ui.app.page.live_part): places left by an earlier run are gone."""
    st.session_state.pop(state.CHALLENGE_WAITING, None)


def draw_waiting() -> None:
    """Fill the places ``unless_hidden`` left, now that this run's check knows whether the goal is met."""
    for name, slot, draw, instead in st.session_state.pop(state.CHALLENGE_WAITING, []):
        shown_now = not hidden(name)
        if shown_now or instead is not None:
            with slot.container():
                (draw if shown_now else instead)()
