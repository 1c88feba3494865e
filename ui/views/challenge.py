"""Challenge links on a lesson page: the goal where the student looks, checked on every run, and
the teacher's panel that writes the link.

A page calls, once its run is made and before it draws the outcome::

    challenge(lesson, context, view)   # both of:
    challenge_here(context, view)      # the goal, this run's check, the tries (main area, top)
    challenge_panel(lesson, context)   # sidebar: "Make a challenge from this view"

``context`` is the page's question context (gd_core.contexts, questions_fit, questions_debug),
the very run the page then draws; ``view`` names the run (the page's figure key). What the link
hides is asked with ``ui.app.challenge.hidden(name)``, after ``challenge_here``: it is False once
the goal is met. A link with a bad value gets its message here and the page works without it.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from gd_core.challenge import Challenge, ChallengeError, Goal, GoalCheck, challenge_params, check_goal, goal_sentence
from gd_core.wording import plural
from ui.app import challenge as ch
from ui.app import state
from ui.app.lessons import Lesson
from ui.app.link_box import link_box
from ui.app.link_check import LABELS
from ui.words.shown import MESSAGE_LIMIT, shown

GOAL_LABELS = {
    "converge": "Converge within N iterations",
    "valley": "End in the valley of a minimum",
    "cost": "End with a cost J below a value",
    "limit": "Set α to the largest stable α (2 significant figures)",
    "bug": "Name the mistake that printed the log",
    "hand": "Beat a cost J by hand (the fit by hand)",
}
NUMBER_LABELS = {"converge": "Iterations at most (N)", "valley": "The minimum's w", "cost": "Cost J below", "hand": "Cost J below, by hand"}
LEFT_OUT = (*state.CHALLENGE_PARAMS, "ask", state.PRESENT)  # a challenge link names its own goal; no question, no projector


def challenge(lesson: Lesson, context: Any, view: tuple, answer: object = None, *, shown_now: bool = True) -> GoalCheck | None:
    """What a lesson page calls once its run is made, before it draws the outcome: the goal and
    its check at the top of the main area, and the teacher's panel in the sidebar. ``shown_now``
    False (ui.views.predict's ``Asked.shown``: the page shows only the start until a prediction
    is committed): the run is not checked yet, since the check would tell its outcome."""
    check = challenge_here(context, view, answer, shown_now=shown_now)
    challenge_panel(lesson, context)
    return check


def challenge_here(context: Any, view: tuple, answer: object = None, *, shown_now: bool = True) -> GoalCheck | None:
    """The link's goal at the top of the main area, checked on ``context``'s run; a new ``view``
    is one more try. ``answer``: the mistake named, for a bug goal (page 5). Returns the check
    (None: no challenge, or one that cannot be used)."""
    message = ch.problem()
    if message is not None:
        st.warning(
            f"This challenge link cannot be used: {shown(message, 2 * MESSAGE_LIMIT)} The page works as usual, without the challenge.",
            icon=":material/link_off:",
        )
        return None
    challenge = ch.active()
    if challenge is None:
        return None
    with st.container(border=True, key=state.CHALLENGE_BOX):
        st.markdown(f"**Challenge:** {shown(goal_sentence(challenge.goal), 2 * MESSAGE_LIMIT)}.")
        if context is None or not shown_now:  # nothing to check yet (page 5 before its exercise; a run not shown yet)
            if not shown_now:
                st.caption("This run is checked once it is shown: commit your prediction first.")
            st.caption(shown(_terms(challenge, met=ch.tries(challenge).met_at is not None), 4 * MESSAGE_LIMIT))
            ch.draw_waiting()
            return None
        try:
            check = check_goal(challenge.goal, context, answer)
        except ChallengeError as error:
            st.warning(f"This goal cannot be checked here: {shown(error, 2 * MESSAGE_LIMIT)}", icon=":material/link_off:")
            ch.draw_waiting()
            return None
        tries = ch.record_try(challenge, view, check)
        ch.draw_waiting()  # what the controls left a place for (a note on the limit, a curve's description)
        if tries.met_at is not None:
            said = check.sentence if check.met else f"(This run: {check.sentence})"
            st.success(f"Met in {plural(tries.met_at, 'try', 'tries')}. {shown(said, 4 * MESSAGE_LIMIT)}", icon=":material/emoji_events:")
        else:
            st.info(f"{shown(check.sentence, 4 * MESSAGE_LIMIT)} Try {len(tries.views)}: change a setting for another.", icon=":material/flag:")
        st.caption(shown(_terms(challenge, met=tries.met_at is not None), 4 * MESSAGE_LIMIT))
    return check


def _terms(challenge: Challenge, *, met: bool) -> str:
    parts = []
    if challenge.locks:
        parts.append(f"Locked by the link: {', '.join(challenge.locks)}.")
    if challenge.hides:
        words = ", ".join(ch.HIDE_WORDS[name] for name in challenge.hides)
        parts.append(f"Shown now that the goal is met: {words}." if met else f"Hidden until the goal is met: {words}.")
    parts.append("A try is a new set of settings checked.")
    return " ".join(parts)


def _prefill(kind: str, context: Any) -> float:
    """The goal's number from the run on screen: its iterations, the minimum it ends nearest, its last cost."""
    if context is None:
        return {"converge": 80.0, "valley": 0.0, "cost": 1.0, "hand": 1.0}[kind]
    if kind == "converge":
        verdict = getattr(context, "verdict", None)
        if verdict is not None and verdict.kind == "converged":
            return float(verdict.iterations)
        return float(context.iters)
    if kind == "valley":
        nearest = context.curve.nearest_minimum(float(context.run.final_w))
        return float(nearest) if nearest is not None else 0.0
    last = float(context.fit.result.cost_history[-1] if context.lesson == "regression" else context.run.cost[-1])
    if kind == "hand" and getattr(context, "hand_cost", None) is not None:
        last = float(context.hand_cost)  # the teacher's own line: a student beats it
    return float(f"{last * 1.01:.3g}") if math.isfinite(last) and last > 0 else 1.0


def _goal_from_panel(kind: str, context: Any) -> Goal:
    if kind in ("limit", "bug"):
        return Goal(kind)
    prefill = _prefill(kind, context)
    if kind == "converge":
        n = st.number_input(NUMBER_LABELS[kind], min_value=1, max_value=100_000, value=int(min(max(prefill, 1), 100_000)), step=1,
                            help="Filled in from the run on screen; change it as you like.")
        return Goal(kind, float(n))
    bound = 1e6 if kind == "valley" else 1e12  # gd_core.challenge's MAX_W and MAX_COST
    value = st.number_input(NUMBER_LABELS[kind], min_value=-bound, max_value=bound, value=min(max(prefill, -bound), bound), format="%.6g", help="Filled in from the run on screen; change it as you like.")
    return Goal(kind, float(value))


def challenge_link(challenge: Challenge) -> str:
    """This view's URL with the challenge's values (and the Predict first switch off: a challenge
    is its own question)."""
    instead = st.session_state.get(state.LINK_INSTEAD, {})
    pairs = [(k, v) for k in st.query_params if k not in instead and k not in LEFT_OUT and k != "predict" for v in st.query_params.get_all(k)]
    pairs += [(k, v) for k, v in instead.items() if v is not None and k not in LEFT_OUT]
    if state.PREDICT in st.session_state and st.session_state.get(state.PAGE) != "debug":
        pairs.append(("predict", "false"))  # the lesson's questions off: a challenge is its own question (page 5's is its exercise)
    for name in challenge.locks:  # a locked control travels with its value, even one at its default
        if name not in st.query_params and name not in instead and name in st.session_state:
            pairs += [(name, text) for text in _url_values(name, st.session_state[name])]
    pairs += list(challenge_params(challenge).items())
    return (st.context.url or "") + "?" + urlencode(pairs, safe=":,")


def _url_values(name: str, value: Any) -> list[str]:
    """A control's value as its URL parameter holds it (link_check reads it back the same way)."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, float):
        return [repr(value)]
    label = LABELS.get(name)
    return [label(value) if label is not None else str(value)]


def challenge_panel(lesson: Lesson, context: Any) -> str | None:
    """Sidebar: "Make a challenge from this view": a goal for this lesson (its number from the run
    on screen), the controls to lock, the answers to hide; the link with its Copy button (ui.app.link_box).
    Returns the link (None while the panel is closed)."""
    goals = ch.GOALS.get(lesson.key, ())
    if not goals:
        return None
    # Its controls are drawn once it is opened (a teacher's tool, closed on a student's first
    # screen: its selectbox, two multiselects and link were drawn before the page's figure; issue 26).
    panel = st.sidebar.expander("Make a challenge from this view", icon=":material/flag:", key=state.CHALLENGE_PANEL, on_change="rerun")
    for key in (state.PANEL_GOAL, state.PANEL_LOCKS, state.PANEL_HIDES):  # kept while the panel is closed (a widget not drawn loses its value)
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    if not panel.open:
        return None
    with panel:
        kind = st.selectbox("Goal", goals, format_func=GOAL_LABELS.get, key=state.PANEL_GOAL)
        goal = _goal_from_panel(kind, context)
        locks = st.multiselect(
            "Lock these controls", ch.lockable(lesson), key=state.PANEL_LOCKS,
            help="Drawn greyed out with this view's values: the student cannot change them.",
        )
        hides = st.multiselect(
            "Hide until the goal is met", ch.HIDES.get(lesson.key, ()), format_func=ch.HIDE_WORDS.get, key=state.PANEL_HIDES,
        )
        if kind == "limit" and lesson.key == "learning_rate" and st.session_state.get(state.ALPHAS, "auto").strip().lower() == "auto":
            st.caption("Type your own learning rates first: 'auto' picks four around the limit, and shows them.")
        challenge = Challenge(goal, tuple(locks), tuple(hides))
        link = challenge_link(challenge)
        st.caption(f"The student sees: Challenge: {shown(goal_sentence(goal), 120)}.")
        link_box(link, state.CHALLENGE_LINK, "the challenge link")
        return link

