"""Page 5's exercise, "find the bug": a log printed by a seeded buggy loop. The student names
the mistake (or the function, or the line of the lab's code it sits on) before the page says
it, shows the buggy line against the fixed one and runs the fix beside it.

The exercise is ``gd_core.questions_debug.debug_context(seed)``; its number, the seed, is in
the URL (``seed=``), so a teacher's link gives every student the same log, and *New log* draws
another. Until an answer is committed (ui.views.predict decides), the page holds the log, the
data and the settings only: not the mistake's name, not the fixed code's log, not the page's
diagnosis of the log. With the *Predict first* switch off there is no exercise: the page is the
pasted-log diagnosis alone, as it was before.
"""

from __future__ import annotations

import secrets

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from gd_core.questions import questions_for
from gd_core.questions_debug import COURSE_CODE, MISTAKES, DebugContext, debug_context
from gd_core.wording import exact, limit, plural
from ui.app import state
from ui.app.page import on_a_phone
from ui.cache import figures
from ui.app.lessons import BY_KEY
from ui.views.challenge import challenge
from ui.views.predict import Asked, predict_first, predict_on
from ui.words.chart_text import described, lines_text

SEED_MAX = 999_999  # an exercise number a student can type (gd_core takes any seed up to 2**63 - 1)
TABS = ("Find the bug", "Or paste your own log")
HIDDEN_NOTE = "The mistake, the fixed code and its log stay hidden until you commit an answer."
LINE_QUESTIONS = ("debug.function", "debug.line")  # questions that point into the lab's code


def exercise_then_paste(default_seed: int) -> DeltaGenerator | None:
    """The exercise first (a tab, where a link to the lesson path lands), and the container where
    the page draws the pasted-log diagnosis (the second tab; the whole page when the questions
    are off). None while the second tab is not open: its diagnosis and five charts were most of
    the page's first load (issue 26), so they are drawn when the tab is opened (a rerun)."""
    if not predict_on():
        challenge(BY_KEY["debug"], None, ())  # a bug goal is shown; it is checked on the exercise, with the questions on
        return st.container()
    exercise, own = st.tabs(TABS, key=state.DEBUG_TAB, on_change="rerun")
    with exercise:
        find_the_bug(default_seed)
    return own if own.open else None


def _new_log() -> None:
    """Another exercise: a seed other than this one, and the answers given to the old log cleared."""
    current = st.session_state.get(state.SEED)
    seed = current
    while seed == current:
        seed = secrets.randbelow(SEED_MAX + 1)
    st.session_state[state.SEED] = seed
    for q in questions_for("debug"):
        st.session_state.pop(state.answer_key(q.id), None)


def find_the_bug(default_seed: int) -> None:
    """The exercise: its number, the log, the data; the question box; after the commit, the reveal."""
    with st.container(key=state.EXERCISE_BOX):
        goal_place = st.container()  # a challenge link's goal, on top, checked once the mistake is named
        st.markdown(
            "A `gradient_descent` with one classic mistake printed the log below. Read it, say what is wrong, "
            "commit your answer, and the page shows the bug and runs the fixed code beside it."
        )
        left, right, _ = st.columns([2, 1, 2], vertical_alignment="bottom")
        seed = left.number_input(
            "Exercise number", min_value=0, max_value=SEED_MAX, value=default_seed, step=1, key=state.SEED, bind="query-params",
            help="Each number draws one mistake, its data and its α; the same number (in a link too) always gives the same log.",
        )
        right.button("New log", key=state.NEW_LOG, icon=":material/casino:", on_click=_new_log, help="Draw another exercise.")
        context = debug_context(int(seed))
        printed = _printed(context.iters)
        st.markdown(
            f"It ran on {plural(len(context.x), 'house')}: size x (1000 sqft) = {', '.join(exact(v) for v in context.x)}, "
            f"price y ($1000s) = {', '.join(exact(v) for v in context.y)}; from w = b = 0, α = {exact(context.alpha)}, "
            f"{plural(context.iters, 'iteration')}, {printed}."
        )
        logs = st.container()
        code = st.container()
        asked = predict_first(context, ("find_the_bug", int(seed)), on=True, hidden_note=HIDDEN_NOTE)
        named = asked.graded.response if asked.graded is not None and asked.question is not None and asked.question.id == "debug.mistake" else None
        with goal_place:
            challenge(BY_KEY["debug"], context, ("find_the_bug", int(seed)), answer=named, shown_now=asked.shown)
        with logs:
            _logs(context, asked.shown)
        with code:
            pointed = asked.question is not None and asked.question.id in LINE_QUESTIONS
            with st.expander("The lab's code, line by line", expanded=pointed and not asked.shown, icon=":material/code:"):
                st.code("\n".join(COURSE_CODE), language="python", line_numbers=True)
        if asked.shown:
            reveal(context, asked)


def _printed(iters: int) -> str:
    """Which iterations the lab's loop prints: one in ceil(iters / 10) (gd_core.bug_catalogue.printed_log)."""
    every = -(-iters // 10)
    return "printing every iteration" if every == 1 else f"printing one iteration in {every:,}"


def _logs(context: DebugContext, shown: bool) -> None:
    """The log; after the commit, the fixed code's log beside it."""
    if not shown:
        st.code(context.log, language=None, wrap_lines=on_a_phone())  # a phone wraps each line at the same places
        return
    left, right = st.columns(2)
    with left:
        st.markdown("**What the buggy code printed**")
        st.code(context.log, language=None, wrap_lines=True)
    with right:
        st.markdown(f"**What the fixed code prints** (α = {exact(context.fixed_alpha)})")
        st.code(context.fixed_log, language=None, wrap_lines=True)


def reveal(context: DebugContext, asked: Asked) -> None:
    """The mistake, where it sits, its line against the fixed line, and both runs' cost."""
    entry = context.entry
    _, _, functions, lines = MISTAKES[entry.name]
    where = "the call to gradient_descent, the value of α" if functions[0] == "call" else functions[0]
    numbers = " or ".join(str(n) for n in lines)
    said = asked.graded.why if asked.graded is not None else ""
    st.markdown(
        f"**The bug: {entry.name}**, in {where} (line {numbers} of the lab's code)."
        + ("" if entry.explanation in said else f" {entry.explanation}")
    )
    buggy, fixed = entry.lines(context.alpha, context.diagnosis.alpha_limit)
    left, right = st.columns(2)
    with left:
        st.markdown("The buggy line")
        st.code(buggy, language="python", wrap_lines=True)
    with right:
        st.markdown("The fixed line")
        st.code(fixed, language="python", wrap_lines=True)
    spec = figures.find_the_bug(("find_the_bug", context.seed), context.run, context.fixed_run)
    words = lines_text("Cost J(w, b) after each update", [("buggy code", context.run.cost[1:]), ("fixed code", context.fixed_run.cost[1:])])
    st.vega_lite_chart(spec=described(spec, words), width="stretch")
    stopped = (
        f" The buggy run's cost overflowed after {plural(context.run.blew_up_at, 'update')}, so its line ends there."
        if context.run.blew_up_at is not None else ""
    )
    fixed_alpha = (
        f" The fixed code runs with α = {exact(context.fixed_alpha)}, below the stable limit."
        if context.fixed_alpha != context.alpha else " Both ran with the same data, start and α."
    )
    st.caption(
        "Solid red line: the cost the buggy code printed after each update; dashed green line: the fixed code's."
        f"{fixed_alpha}{stopped} Stable limit for this data: α < {limit(context.diagnosis.alpha_limit, context.alpha)}."
    )
