"""The teacher's side of the class page: reached only by the link with the class's secret.

Peer Instruction, one question at a time: pick a question (ui.views.class_setup) and start
round one; the page shows the join code, the QR code of the student link and the spread as it
fills (``live_spread``: a fragment that reruns alone every ``LIVE_EVERY`` seconds, reading the
counts and nothing else). Close the round, show the spread to the class, start round two (the
same question again, after discussion: both rounds side by side), then Run: the lesson's figure
plays the run, with the right answer and the class's rounds beside it. Results download as CSV.
"""

from __future__ import annotations

import streamlit as st

from class_store.errors import ClassStoreError
from gd_core.class_round import RoundView
from ui.app import state
from ui.cache import classroom
from ui.views.class_run import right_labels, show_run
from ui.views.class_setup import pick_round
from ui.views.class_show import draw_spread, join_panel, round_bars
from ui.words.shown import MESSAGE_LIMIT, shown

LIVE_EVERY = 1.5  # seconds between two readings of the counts while a round is open


def _act(action, *args) -> None:
    """A button's callback: the store's step, or why it was refused (shown once, in our words)."""
    try:
        action(*args)
    except ClassStoreError as error:
        st.session_state[state.CLASS_PROBLEM] = shown(error, MESSAGE_LIMIT)


def _showing(run: int | None = None, picking: bool = False) -> None:
    """What the teacher's page shows, kept in its URL (``run=<round>``, ``next=true``): a reload,
    or a tab that reconnects to another replica, comes back to the same view."""
    for name, value in ((state.RUN, None if run is None else str(run)), (state.NEXT, "true" if picking else None)):
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value


def _start(secret: str, question_id: str, view: RoundView) -> None:
    _act(classroom.start_round, secret, question_id, view)
    _showing()


def _again(secret: str, current) -> None:
    _act(classroom.start_again, secret, current)
    _showing()


def _show_run(number: int) -> None:
    _showing(run=number)


def _new_question() -> None:
    _showing(picking=True)


def shown_now(rounds) -> tuple[int | None, bool]:
    """The URL's view, checked against the class: the round whose run is shown (the latest round's
    number, else None) and whether the next question is being picked. A value the class does not
    have is dropped, and the link check names it (its session value is None)."""
    run, picking = st.query_params.get(state.RUN), st.query_params.get(state.NEXT)
    latest = rounds[-1].number if rounds else None
    run_ok = run is not None and latest is not None and run == str(latest)
    picking_ok = picking == "true"
    st.session_state[state.RUN] = run if run_ok else None
    st.session_state[state.NEXT] = picking if picking_ok else None
    return (latest if run_ok else None), picking_ok


def names(numbers) -> list[str]:
    """The rounds' names, by the class's round numbers (as the students' pages name them)."""
    return [f"Round {n:d}" for n in numbers]


@st.fragment(run_every=LIVE_EVERY)
def live_spread(secret: str, numbers: tuple[int, ...], form) -> None:
    """The spread of the rounds ``numbers`` as it fills: the counts alone, read every LIVE_EVERY s."""
    try:
        spreads = classroom.spreads(secret, numbers)
    except ClassStoreError as error:
        st.warning(shown(error, MESSAGE_LIMIT), icon=":material/cloud_off:")
        return
    draw_spread(form, spreads, names(numbers), big=True)


def _buttons(secret: str, current, together: list, run_shown: bool = False) -> None:
    row = st.container(horizontal=True, gap="small")
    if current.state == "open":
        row.button("Close the round", key=state.CLASS_CLOSE, type="primary", icon=":material/lock:", on_click=_act,
                   args=(classroom.close_round, secret, current.number), help="No more answers; the spread stays on screen.")
        return
    if current.state == "closed":
        row.button("Show the spread to the class", key=state.CLASS_REVEAL, icon=":material/visibility:", on_click=_act,
                   args=(classroom.reveal_round, secret, current.number), help="Every student's page shows the bars (counts, no names).")
    if len(together) == 1:
        row.button("Start round two", key=state.CLASS_ROUND_TWO, icon=":material/replay:", on_click=_again, args=(secret, current),
                   help="Discuss with your neighbours, then everyone answers the same question again.")
    if not run_shown:  # the run is on screen: no button that would change nothing
        row.button("Run", key=state.CLASS_RUN, type="primary", icon=":material/play_arrow:", on_click=_show_run, args=(current.number,),
                   help="Play the run on the projector, with the right answer and the class's rounds.")
    row.button("New question", key=state.CLASS_NEW_QUESTION, type="tertiary", icon=":material/add:", on_click=_new_question)


def teacher_page(secret: str) -> None:
    """The teacher's class page for ``secret`` (already checked by the caller's ``teacher_view``)."""
    view = classroom.teacher_view(secret)
    problem = st.session_state.pop(state.CLASS_PROBLEM, None)
    main, side = st.columns([3, 1], gap="large")
    with side:
        join_panel(view.code)
    with main:
        if problem:
            st.error(problem, icon=":material/block:")
        current = view.rounds[-1] if view.rounds else None
        run, picking = shown_now(view.rounds)
        if current is None or picking:
            _setup(secret, first=current is None)
            return
        together = classroom.together(view.rounds)
        st.markdown(f"**Round {current.number:d}**, " + ("open: answers are coming in" if current.state == "open" else
                    "closed" if current.state == "closed" else "closed, the spread shown to the class"))
        st.markdown("#### " + shown(classroom.prompt(current), 4 * MESSAGE_LIMIT))
        run_shown = run == current.number
        if run_shown:
            _results(view, together)
        else:
            with st.container(key=state.CLASS_LIVE):
                live_spread(secret, tuple(r.number for r in together), classroom.form(current))
        _buttons(secret, current, together, run_shown)
        if run_shown:
            st.download_button("Download the answers (CSV)", lambda: classroom.export_csv(secret), file_name=f"class_{view.code}.csv",
                               mime="text/csv", icon=":material/download:", key=state.CLASS_DOWNLOAD,
                               help="Every answer of every round: round, question, student s1, s2, ... (no names), answer, time.")


def _setup(secret: str, *, first: bool) -> None:
    if first:
        st.info("This page's address is your teacher link: bookmark it. It is the only way back to this class's rounds; "
                "never show it to the class (they join with the code).", icon=":material/key:")
    st.markdown("**Pick the question the class answers**" if first else "**Next question**")
    picked = pick_round()
    if picked is not None:
        st.button("Start round one", key=state.CLASS_START, type="primary", icon=":material/how_to_vote:", on_click=_start,
                  args=(secret, *picked), help="Students answer on their phones; you see the spread fill up.")


def _results(view, together: list) -> None:
    """After Run: the run beside the right answer and the rounds (the right answer's bars ticked)."""
    current = together[-1]
    question_id, round_view = classroom.question_of(current)
    spreads = [view.spreads[view.rounds.index(r)] for r in together]
    form = classroom.form(current)
    bars = round_bars(form, spreads)
    right = right_labels(question_id, round_view, bars[0]) if bars and bars[0] else []
    named = names(r.number for r in together)
    texts = [(name, classroom.answer_texts(spread)) for name, spread in zip(named, spreads)]
    across = True if round_view.lesson in ("regression", "batches") else None  # pages 4 and 6 leave the rounds a narrow column: one row per answer
    show_run(question_id, round_view, texts, beside=lambda: draw_spread(form, spreads, named, right, across=across))
