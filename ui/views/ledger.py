"""The run ledger: every prediction a student committed this session, right or not, each one
reopenable with the settings it was answered for (ui.views.predict keeps them here).

*Reopen* on the attempt's own page sets its controls back (the browser's widgets keep what they
show whatever the URL says, so the page's controls are set, and the URL follows them); on
another page it opens that page with the attempt's URL, as a followed link would
(ui.app.kept_views.open_view).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.app import state
from ui.app.lessons import BY_KEY
from ui.app.kept_views import open_view
from ui.words.shown import shown


@dataclass(frozen=True)
class Attempt:
    """One committed prediction, as the run ledger keeps it: enough to list it and reopen it."""

    lesson: str
    question_id: str
    title: str
    said: str  # the answer as the student gave it, written by us (a number or an option's label)
    correct: bool
    gap_sentence: str
    view: tuple[tuple[str, str], ...]  # the page's URL parameters when it was committed
    controls: tuple[tuple[str, Any], ...]  # and its controls' values (to put back on the page on screen)


def keep(attempt: Attempt) -> None:
    """Add a committed prediction to the session's ledger."""
    st.session_state.setdefault(state.LEDGER, []).append(attempt)


def page_view() -> tuple[tuple[str, str], ...]:
    """The page's settings as its URL holds them, less the question itself."""
    return tuple(sorted((k, v) for k in st.query_params if k not in (state.ASK, state.PREDICT) for v in st.query_params.get_all(k)))


def page_controls(lesson: str) -> tuple[tuple[str, Any], ...]:
    """The values of the page's controls that make its view (its URL parameters), as they are now."""
    return tuple((name, st.session_state[name]) for name in BY_KEY[lesson].params if name in st.session_state and name != state.ASK)


def _reopen_here(attempt: Attempt) -> None:
    """Reopen's callback on the attempt's own page: its controls set back to what they were
    (the URL follows them), and its question."""
    for name, value in attempt.controls:
        st.session_state[name] = value
    st.session_state[state.ASK] = attempt.question_id


def ledger(here: str = "home") -> None:
    """The session's run ledger: every committed prediction, right or not, each one reopenable
    with the settings it was answered for. ``here``: the page it is drawn on (a lesson's key)."""
    attempts: list[Attempt] = st.session_state.get(state.LEDGER, [])
    if not attempts:
        return
    right = sum(a.correct for a in attempts)
    with st.expander(f"Your predictions: {right:d} of {len(attempts)} right", icon=":material/history:"):
        for i, attempt in enumerate(reversed(attempts)):
            number = len(attempts) - i  # the newest first; the number names its Reopen button
            lesson = BY_KEY[attempt.lesson]
            cols = st.columns([5, 1], vertical_alignment="center")
            cols[0].markdown(
                f"**{shown(attempt.title, 80)}** ({shown(lesson.title, 60)}): you said {shown(attempt.said, 80)}, " + ("right." if attempt.correct else "not quite.")
            )
            reopen = {"key": state.reopen_key(number), "help": "Open this question with the settings you answered it for."}
            if attempt.lesson == here:
                cols[1].button("Reopen", on_click=_reopen_here, args=(attempt,), **reopen)
            elif cols[1].button("Reopen", **reopen):
                open_view(lesson, [*attempt.view, (state.ASK, attempt.question_id)])
