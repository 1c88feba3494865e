"""The student's side of the class page: the question box they know, for the class's round.

A student joins by the link (``?join=CODE``) or by typing the code. Their page builds the very
run the round asks about (gd_core.class_round), asks the question with the lesson's answer form,
and commits one answer per round to the class's store; they may change it until the teacher
closes the round (the store keeps one answer per round and student: the last). The page checks
the class every ``POLL_EVERY`` seconds (``watch``: a fragment that reads the round's number and
state alone) and redraws the round's part (``round_part``) when the teacher opens, closes or
reveals a round; the whole page when the question changed. Once the
teacher shows the spread, the student sees the bars (counts only).

Nothing is stored about the student but an anonymous random id (``me`` in the URL, so a tab that
reconnects to another replica after a restart is still the same student and is not counted twice).
"""

from __future__ import annotations

import streamlit as st

from class_store.errors import ClassStoreError
from gd_core import questions as qs
from gd_core.question_types import ChoiceForm, NumberForm
from ui.app import state
from ui.app.lessons import BY_KEY
from ui.app.page import on_a_phone, part_alone
from ui.cache import classroom
from ui.patches.fragment_rerun import rerun_fragment
from ui.views.class_lessons import START_TITLE
from ui.views.class_run import play_figure
from ui.views.class_show import draw_spread
from ui.words.shown import MESSAGE_LIMIT, shown

POLL_EVERY = 2.0  # seconds between two checks of the round's state


@st.fragment(run_every=POLL_EVERY)
def watch(code: str, me: str) -> None:
    """Redraw the round's part when the class's round changed (opened, closed, revealed); else nothing.
    In a whole page's run it does nothing: that run draws the round's part itself, just after (and
    stopping it here would leave the page without its round part and figure)."""
    if not part_alone():
        return
    try:
        now = classroom.signature(code)
    except ClassStoreError:
        return  # the page says so on its next full run; a poll stays quiet
    if now != st.session_state.get(state.CLASS_DRAWN):
        rerun_fragment(state.CLASS_ROUND_PART)


def _commit(code: str, me: str, number: int, form: object) -> None:
    raw = st.session_state.get(state.class_answer_key(number))
    if raw is None or raw == "":
        st.session_state[state.CLASS_ANSWER_NOTE] = ("error", "Give an answer first, then press Commit.")
        return
    try:
        kept = classroom.answer(code, me, number, raw)
    except ClassStoreError as error:
        st.session_state[state.CLASS_ANSWER_NOTE] = ("error", shown(error, MESSAGE_LIMIT))
        return
    st.session_state.setdefault(state.CLASS_KEPT, {})[number] = kept
    st.session_state[state.CLASS_ANSWER_NOTE] = ("success", "Kept. You can change it until the teacher closes the round.")


def said(form: object, value: object) -> str:
    """An answer in our words: an option's label, or the number."""
    if isinstance(form, ChoiceForm):
        return form.label(str(value))
    return f"{float(value):g}" if isinstance(form, NumberForm) else str(value)


def _answer_form(code: str, me: str, current, form: object, open_: bool) -> None:
    key = state.class_answer_key(current.number)
    if isinstance(form, ChoiceForm):
        st.radio("Your answer", form.keys, index=None, format_func=form.label, key=key, disabled=not open_)
    else:
        st.text_input(f"Your answer ({form.unit})", key=key, max_chars=40, placeholder="e.g. 2.5", disabled=not open_,
                      help=f"A number; right means {form.rule}.")
    st.button("Commit", key=state.CLASS_COMMIT, type="primary", icon=":material/lock:", disabled=not open_,
              on_click=_commit, args=(code, me, current.number, form), width="stretch")


@st.fragment
def answer_part(code: str, me: str, current, form: object, open_: bool) -> None:
    """The answer box, Commit, what Commit did and the answer kept: a fragment, so picking an
    answer or pressing Commit reruns this part alone, not the page around it (its figure, the
    sidebar). Measured with bench/probe_class_cost.py: picking an option cost the server 3.5-4 ms
    of CPU instead of 15-18, pressing Commit 7-9 ms instead of 18.5-19."""
    _answer_form(code, me, current, form, open_)
    note = st.session_state.pop(state.CLASS_ANSWER_NOTE, None)
    if note:
        if note[0] == "success":
            st.success(note[1], icon=":material/check:")
        else:
            st.error(note[1], icon=":material/edit:")
    mine = st.session_state.get(state.CLASS_KEPT, {}).get(current.number)
    if mine is not None:
        st.caption("Your answer in this round: " + shown(said(form, mine), 120))
    elif not open_:
        st.caption("You did not answer this round.")


def _start_figure(question_id: str, view) -> None:
    """The run's start, as the lesson shows it before an answer (the run plays on the projector);
    page 5's log, which the question is about."""
    title = START_TITLE.get(view.lesson, "The start of the run")
    with st.expander(title, expanded=True, icon=":material/show_chart:"):
        play_figure(view, classroom.context(question_id, view), hidden=True, narrow=on_a_phone(), question_id=question_id)
        st.caption("What the buggy loop printed; the teacher shows the mistake once the class has answered." if view.lesson == "debug"
                   else "Only where the run starts: the teacher plays the run once the class has answered.")


def figure_drawn(view) -> tuple | None:
    """The question whose run the page shows: the latest round's question and view (None: no round)."""
    current = view.round
    return None if current is None else (current.asked.question_id, tuple(sorted(dict(current.asked.params).items())))


def student_page(code: str, me: str) -> None:
    """The class's current round for one student (``me``: their anonymous id)."""
    view = classroom.student_view(code, me)
    st.session_state[state.CLASS_FIGURE_DRAWN] = figure_drawn(view)
    st.session_state[state.CLASS_DRAWN] = classroom.signature_of(view)
    watch(code, me)
    current = view.round
    question_id, round_view = classroom.question_of(current) if current is not None else (None, None)
    if current is not None and round_view.lesson == "debug":  # page 5's question is about the log: it comes before the answers
        _start_figure(question_id, round_view)
    round_part(code, me, view)
    if current is not None:
        if round_view.lesson != "debug":
            _start_figure(question_id, round_view)
        question = qs.BY_ID[question_id]  # where the question comes from, to try it again alone after class
        st.caption(shown(f"This question comes from the lesson {BY_KEY[question.lesson].title} ({question.title})", 200))


@st.fragment(key=state.CLASS_ROUND_PART)
def round_part(code: str, me: str, view) -> None:
    """The round: its question, the answer part, the spread once shown. ``watch`` reruns this part
    alone when the round moves (reading the class again): the page around it, its figure, is
    redrawn only when the question changes (ui/patches/fragment_rerun.py says what it saves)."""
    if part_alone():
        try:
            view = classroom.student_view(code, me)
        except ClassStoreError as error:
            st.error(shown(error, MESSAGE_LIMIT), icon=":material/link_off:")
            return
        if figure_drawn(view) != st.session_state.get(state.CLASS_FIGURE_DRAWN):
            st.rerun(scope="app")  # another question: its run is another figure
    st.session_state[state.CLASS_DRAWN] = classroom.signature_of(view)
    current = view.round
    if current is None:
        st.info("You are in. The teacher's first question will appear here by itself.", icon=":material/hourglass_top:")
        return
    form = classroom.form(current)
    open_ = current.state == "open"
    st.markdown(f"**Round {current.number:d}**" + ("" if open_ else ": the round is closed"))
    st.markdown(shown(classroom.prompt(current), 4 * MESSAGE_LIMIT))
    st.session_state.setdefault(state.CLASS_KEPT, {})[current.number] = view.mine  # the store's, as this run read it
    answer_part(code, me, current, form, open_)
    if current.state == "revealed":  # this round's spread, beside the first vote's when this is the re-vote (as the teacher sees them)
        pair = classroom.together(view.revealed_rounds)
        spreads = {spread.round: spread for spread in view.revealed}
        st.markdown("**The class's answers**")
        draw_spread(form, [spreads[r.number] for r in pair], [f"Round {r.number:d}" for r in pair])
