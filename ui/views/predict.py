"""Predict, then see: a lesson's question, answered before its run is shown.

A lesson page builds its context (gd_core.contexts, gd_core.questions_fit, ...) from its
settings, then calls ``predict_first``. That draws the question box where the page puts it,
and says whether the page may draw the outcome (``Asked.shown``):

- **before committing**: the question for these settings (picked in the box, or named by a
  link's ``ask=<id>``), its answer form, *Commit* and *Just show me*. The page draws only the
  start (a figure made from the run's first row alone: no later frame or w is in the page's
  data, so nothing can be read off a hover), no verdict, no answer;
- **after committing**: the answer is graded on the very context the page then plays
  (gd_core.questions.grade), kept in the session's run ledger, and the box says what was said
  against what happened, the gap in numbers and why, with *Next question* and *Ask me again*.
  The page draws the whole run, with the prediction beside the result (``Asked.graded``,
  ``Asked.said``; ui.views.predicted draws it).

A reveal belongs to one question and one view (the page's settings): change a setting and the
new run is hidden until a new prediction; come back to the view and it is shown again.
*Just show me* reveals without an answer (nothing goes in the ledger); the sidebar's *Predict
first* switch (``predict=false`` in a link) turns the questions off for free exploring.
``ledger`` lists the committed predictions; *Reopen* brings back the question with the
settings it was answered for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from gd_core import questions as qs
from gd_core.question_types import ChoiceForm, ChoicesForm, Graded, NumberForm, Question, ResponseError
from ui.app import state
from ui.app.lessons import BY_KEY
from ui.views.ledger import Attempt, keep, ledger, page_controls, page_view  # ledger: drawn by the pages, from here
from ui.words.shown import MESSAGE_LIMIT, shown

HIDDEN_NOTE = "The chart shows only where the run starts until you commit an answer."
NUMBER_CHARS = 40  # a typed answer: gd_core.question_types.MAX_RESPONSE_CHARS


@dataclass(frozen=True)
class Asked:
    """What the page may show: ``shown`` False means the start only. ``question`` is the one on
    screen (None when the questions are off), ``graded`` the committed answer (None before it,
    or when the run was shown without one), ``said`` that answer in our words."""

    shown: bool
    question: Question | None = None
    graded: Graded | None = None
    said: str = ""


def predict_on() -> bool:
    """The sidebar's switch: ask before showing (on unless a link or the student turned it off)."""
    with st.sidebar:
        return bool(
            st.toggle(
                "Predict first",
                value=True,
                key=state.PREDICT,
                bind="query-params",
                help="On: each lesson asks a question about the run before it plays it; commit your answer to see it. "
                "Off: every run is shown at once.",
            )
        )


def _question_picker(lesson: str) -> Question:
    """The lesson's questions, in path order, kept in the URL as ``ask=<id>`` (a link opens one).

    Not bound with ``bind="query-params"``: a bound select box puts the label it shows in the
    URL, and a link names a question by its id. So the URL's id seeds the box when the page
    opens, and the box's choice is written back (left out when it is the lesson's first, as a
    bound control leaves out its default). An id the lesson does not have leaves the box on
    the first question; the link note (ui.app.link_check) says so.
    """
    ids = [q.id for q in qs.questions_for(lesson)]
    if st.session_state.get(state.ASK) not in ids:
        linked = st.query_params.get(state.ASK)
        st.session_state[state.ASK] = linked if linked in ids else ids[0]
    chosen = st.selectbox(
        "Question",
        ids,
        format_func=lambda qid: qs.BY_ID[qid].title,
        key=state.ASK,
        help="Each lesson asks several questions; pick one, answer it, and the run plays.",
    )
    if chosen == ids[0]:
        st.query_params.pop(state.ASK, None)
    elif st.query_params.get(state.ASK) != chosen:
        st.query_params[state.ASK] = chosen
    return qs.BY_ID[chosen]


def _answer_widgets(q: Question, form: Any) -> None:
    """The answer form's inputs (their values are read from the session when Commit is pressed)."""
    if isinstance(form, ChoiceForm):
        st.radio(
            "Your answer", form.keys, index=None, format_func=form.label, horizontal=True,
            key=state.answer_key(q.id), help="Pick one, then press Commit.",
        )
    elif isinstance(form, NumberForm):
        st.text_input(
            f"Your answer ({form.unit})", key=state.answer_key(q.id), max_chars=NUMBER_CHARS,
            placeholder="e.g. 2.5", help=f"A number; right means {form.rule}.",
        )
    else:
        columns = st.columns(min(len(form.items), 4))
        for i, item in enumerate(form.items):
            with columns[i % len(columns)]:
                st.selectbox(item, form.keys, index=None, format_func=form.label, key=state.answer_key(q.id, i), placeholder="Pick one")


def _response(q: Question, form: Any) -> Any:
    """What the answer widgets hold (None: not answered yet)."""
    if isinstance(form, ChoicesForm):
        picks = tuple(st.session_state.get(state.answer_key(q.id, i)) for i in range(len(form.items)))
        return None if any(p is None for p in picks) else picks
    return st.session_state.get(state.answer_key(q.id)) or None


def said(form: Any, graded: Graded) -> str:
    """The committed answer in our words (never the typed text itself)."""
    value = graded.response
    if isinstance(form, NumberForm):
        return f"{value:g}"
    if isinstance(form, ChoiceForm):
        return form.label(str(value))
    return ", ".join(f"{item}: {form.label(key)}" for item, key in zip(form.items, value))


def _commit(q: Question, context: Any, key: tuple, view: tuple) -> None:
    """Commit's callback: grade what the answer widgets hold on ``context`` (the run the page
    plays), keep it as revealed for ``key`` and in the ledger; or keep why it was refused."""
    form = qs.form(q, context)
    raw = _response(q, form)
    if raw is None:
        st.session_state[state.PREDICT_PROBLEM] = "Give an answer first, then press Commit."
        return
    try:
        graded = qs.grade(q, context, raw)
    except ResponseError as error:
        st.session_state[state.PREDICT_PROBLEM] = shown(error, MESSAGE_LIMIT)
        return
    st.session_state.setdefault(state.REVEALED, {})[key] = graded
    keep(Attempt(q.lesson, q.id, q.title, said(form, graded), graded.correct, graded.gap_sentence, view, page_controls(q.lesson)))


def _skip(key: tuple) -> None:
    st.session_state.setdefault(state.REVEALED, {})[key] = None


def _forget(key: tuple) -> None:
    st.session_state.get(state.REVEALED, {}).pop(key, None)


def _pick(question_id: str, start: tuple[tuple[str, float], ...] = ()) -> None:
    st.session_state[state.ASK] = question_id
    for name, value in start:  # the settings of a view the question applies to (Question.start)
        st.session_state[name] = value


def path_link(q: Question) -> dict[str, str]:
    """The query parameters of a link to ``q`` on the lesson path: its id, and its start when it has one."""
    return {state.ASK: q.id, **{name: f"{value:g}" for name, value in q.start}}


def _show_graded(graded: Graded) -> None:
    box = st.success if graded.correct else st.warning
    box(shown(graded.gap_sentence, 4 * MESSAGE_LIMIT), icon=":material/check_circle:" if graded.correct else ":material/lightbulb:")
    st.caption("Why: " + shown(graded.why, 4 * MESSAGE_LIMIT))


def _next_link(q: Question, context: Any) -> None:
    """The next question on the lesson path: on this page a button, on another a link to it
    (either opens it at its start, ``Question.start``, if it does not apply to ``context``'s view)."""
    after = qs.next_question(q.id)
    if after is None:
        st.caption("That was the last question of the lesson path. Well done.")
        return
    if after.lesson == q.lesson:
        start = () if qs.applies(after, context) else after.start
        st.button("Next question", key=state.NEXT_QUESTION, icon=":material/arrow_forward:", on_click=_pick, args=(after.id, start),
                  help=shown(after.title, 80))
    else:
        lesson = BY_KEY[after.lesson]
        st.page_link(lesson.file, label=f"Next: {shown(lesson.title, 60)}", icon=":material/arrow_forward:", query_params=path_link(after),
                     help=shown(after.title, 80))


def predict_first(context: Any, view: tuple, *, on: bool | None = None, hidden_note: str = HIDDEN_NOTE) -> Asked:
    """The question box for ``context`` (the run the page will play); ``view`` is what names the
    run (the page's cache key). Returns what the page may show. ``on``: the switch, if the page
    drew it first (``predict_on``); ``hidden_note``: what stays hidden, in the page's words."""
    if not (predict_on() if on is None else on):
        return Asked(shown=True)
    with st.container(border=True, key=state.PREDICT_BOX):
        st.markdown("**Predict first**")
        q = _question_picker(context.lesson)
        if not qs.applies(q, context):
            st.info("This question does not apply to these settings (for example, it asks about a run that converges). "
                    "Pick another question, or change the settings.", icon=":material/info:")
            _next_link(q, context)  # no dead end: the path goes on
            return Asked(shown=True, question=q)
        st.markdown(shown(qs.prompt(q, context), 4 * MESSAGE_LIMIT))
        key = (q.id, view)
        revealed: dict = st.session_state.get(state.REVEALED, {})
        if key in revealed:
            graded = revealed[key]
            if graded is None:
                st.caption("Shown without a prediction.")
            else:
                _show_graded(graded)
            left, right = st.columns(2)
            with left:
                _next_link(q, context)
            with right:
                st.button("Ask me again", key=state.ASK_AGAIN, icon=":material/replay:", on_click=_forget, args=(key,),
                          help="Hide this run again and answer afresh.")
            return Asked(shown=True, question=q, graded=graded, said="" if graded is None else said(qs.form(q, context), graded))
        _answer_widgets(q, qs.form(q, context))
        left, right = st.columns(2)
        left.button("Commit", key=state.COMMIT, type="primary", icon=":material/lock:", on_click=_commit,
                    args=(q, context, key, page_view()),
                    help="Your answer is kept; then the run plays and the page shows how close you were.")
        right.button("Just show me", key=state.SKIP, type="tertiary", on_click=_skip, args=(key,), help="Show the run without answering.")
        problem = st.session_state.pop(state.PREDICT_PROBLEM, None)
        if problem:
            st.error(problem, icon=":material/edit:")
        st.caption(hidden_note)
        return Asked(shown=False, question=q)
