"""Each page's own view, kept while the student moves between pages, and a page opened on a view.

A view is the page's URL parameters (what its Link to this view shows). ``restore_view`` puts a
page's own view back on arrival and brings along the cost curve chosen on pages 1-3;
``remember_view`` keeps it (ui.app.page.share_link calls it after every page); ``open_view``
opens a page on a given view as a followed link would (the run ledger's Reopen).
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from ui.app import state
from ui.app.lessons import Lesson


def restore_view(lesson: Lesson) -> None:
    """On arriving at a page, put back its own view and bring along the chosen cost curve.

    What carries over between pages:

    - Each page keeps its own settings: leave it and come back, and it is as you left it.
    - The cost curve (or typed formula) chosen on pages 1-3 goes with the student to the other
      two. The start, alpha and iterations belong to the curve they were set on, so when the
      curve changed in between, the page starts from its defaults for the new curve.
    - Nothing else travels: alpha, w0 and iters on the regression page are another model's.

    A view is kept as the page's URL parameters (what share_link shows), and put back by
    reopening the page with them: the URL then seeds every control, so the link on screen and
    the controls always agree. A URL that asks for something else (the first page of a
    session, or a link followed inside the app) is left alone: a shared link shows what it
    says. Call before the page draws any control.
    """
    session = st.session_state
    page = lesson.key
    previous = session.get(state.PAGE)
    as_linked = session.pop(state.AS_LINKED, False)
    if previous == page:
        return
    session[state.PAGE] = page
    if previous is None:
        return
    for name in lesson.params:
        if name in session:
            del session[name]  # a value another page left under this name must not leak in
    if as_linked:
        return
    own: dict[str, list[str]] = session.setdefault(state.VIEWS, {}).get(page, {})
    current = _url_view(lesson)
    if any(own.get(name) != values for name, values in current.items()):
        return  # opened by a link that asks for settings of its own: the link wins
    wanted = dict(own)
    choice = session.get(state.CURVE_CHOICE)
    if lesson.picks_a_curve and choice is not None and session.get(state.CURVE_SEEN, {}).get(page) != choice:
        label, expr = choice
        wanted = {"curve": [label], **({"expr": [expr]} if expr is not None else {})}
    if current != wanted:
        st.switch_page(lesson.file, query_params=[(k, v) for k, values in wanted.items() for v in values])


def open_view(lesson: Lesson, query_params: list[tuple[str, str]]) -> NoReturn:
    """Open another page, ``lesson``, showing exactly the view ``query_params`` (its URL
    parameters), as a followed link would, even where restore_view would put back the page's own
    kept view. (On the page on screen, set its controls instead: its widgets keep what the
    browser shows them, whatever the URL says.)"""
    st.session_state[state.AS_LINKED] = True
    st.switch_page(lesson.file, query_params=query_params)


def note_curve_choice(label: str, expr: str | None, is_page_default: bool) -> None:
    """Remember the curve on screen, and the one a student chose (or opened by link) for pages 1-3.

    ``expr`` is the typed formula when it is not the default one, else None. A page showing its
    own default curve, untouched, is not a choice: each page's default is picked to show its
    lesson at first sight.
    """
    session = st.session_state
    session.setdefault(state.CURVE_SEEN, {})[session.get(state.PAGE)] = (label, expr)
    if state.CURVE_CHOICE in session or not is_page_default:
        session[state.CURVE_CHOICE] = (label, expr)


def remember_view(lesson: Lesson) -> None:
    """Keep the page's URL parameters as its view, for restore_view to put back."""
    st.session_state.setdefault(state.VIEWS, {})[lesson.key] = _url_view(lesson)


def _url_view(lesson: Lesson) -> dict[str, list[str]]:
    """The page's controls that are in the URL now, as URL values."""
    return {name: st.query_params.get_all(name) for name in lesson.params if name in st.query_params}
