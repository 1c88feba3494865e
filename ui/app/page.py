"""The page protocol, owned here and nowhere else: every lesson page opens with ``open_lesson``,
and the entry point runs the chosen page with ``run_page``.

Whatever way a page ends (its last line, or ``end_lesson()`` when there is nothing more to
show), the wrapper keeps the page's view and draws its **Link to this view**. A lesson draws
its controls and what they change in ``live_part``, which a control's change reruns alone. A
lesson's identity (title, path, URL parameters) comes from ui.app.lessons.

The controls that make up a page's view are its URL parameters (their keys are also their URL
names). Several pages use the same name for different things: alpha on the regression page is
not alpha on a cost curve, so a value may only travel between pages where restore_view says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn
from urllib.parse import urlencode

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ui.app import link_check, state
from ui.app.challenge import forget_waiting, read_challenge
from ui.app.present import titled
from ui.app.lessons import BY_KEY, CLASS, HOME, LESSONS, Lesson
from ui.app.kept_views import remember_view, restore_view
from ui.app.link_box import link_box


class EndOfLesson(Exception):
    """Raised by ``end_lesson``: the page has nothing more to show (the link is still drawn)."""


class LinkDrawn(EndOfLesson):
    """Raised after ``live_part``: the page is done and its part drew the link itself."""


def navigation() -> StreamlitPage:
    """st.navigation over the lessons table: the home page, then the lessons in order (numbered).

    Each url_path is its file's name: on a fresh server Streamlit's first run resolves a page
    by file name (legacy pages/ mode) before st.navigation takes over, and a name that matched
    no file would show the first visitor a "Page not found" dialog.
    """

    def page(lesson: Lesson, **extra: bool) -> StreamlitPage:
        return st.Page(lesson.file, title=lesson.title, icon=lesson.icon, url_path=lesson.key, **extra)

    # One flat list, no section header: Streamlit 1.67 draws a section as a <div> (its header and
    # its <li>s) inside the navigation's <ul>, which axe reports as 6 serious violations on
    # every page (list, listitem; issue 23). Flat, every <li> sits in the <ul> as it should.
    return st.navigation([page(HOME, default=True), *(page(lesson) for lesson in LESSONS), page(CLASS)])


def run_page(page: StreamlitPage) -> None:
    """Run the chosen page, then keep its view and show its link, however the page ended; say
    which of the link's values (if any) the page could not use. A page that ended in its live
    part has done that there."""
    link_drawn = False
    try:
        page.run()
    except EndOfLesson as end:
        link_drawn = isinstance(end, LinkDrawn)
    if not link_drawn:
        finish_view()


def finish_view(asked: dict[str, list[str]] | None = None) -> None:
    """Say which of the link's values ``asked`` (by default, the URL as the page opened) the
    page could not use, under its title; keep the view and draw its Link to this view."""
    opened = st.session_state.get(state.OPENED)
    if opened is not None:
        lesson, on_arrival, slot = opened
        link_check.report(lesson, on_arrival if asked is None else asked, slot)
    share_link()


def on_a_phone() -> bool:
    """Whether the browser says it is a phone (its User-Agent has "Mobi", as MDN advises): the
    moving figures of pages 3 and 4 then stack their panels in one column, each full width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def part_alone() -> bool:
    """Whether this run is a rerun of a page's live part alone (a control in it changed)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def live_part(body: Callable[[], None]) -> NoReturn:
    """The rest of a lesson page: ``body`` draws the page's controls and everything they change.

    ``body`` runs as a fragment (st.fragment): moving one of its controls reruns ``body`` only,
    not the entry script, the navigation and what the page drew before it (its title and
    introduction; page 4's data). A student's click then costs the server less, and the class
    more clicks a second. So nothing drawn before this call may depend on a control drawn in
    ``body``. ``body`` may write to the sidebar too (a fragment's writes to an outside container
    are redrawn in place). It ends with what ``run_page`` draws after any other page: the note on
    link values the page could not use (read, in a rerun of this part alone, from the URL as it
    stood before its controls read it, as ``open_lesson`` does for a whole run) and the Link to
    this view, whose URL follows the controls. ``end_lesson()`` inside ``body`` ends ``body``
    there; the link is still drawn.
    """

    def part() -> None:
        asked = link_check.arrival() if part_alone() else None
        forget_waiting()
        try:
            body()
        except EndOfLesson:
            pass
        finish_view(asked)

    opened = st.session_state.get(state.OPENED)
    # Streamlit names a fragment by its function's name and place on the page: pages 1-3 put it
    # at the same place, so the lesson's key goes into the name (a late rerun request for one
    # page's part must not rerun another's).
    part.__qualname__ = f"live_part.{opened[0].key if opened is not None else 'page'}"
    st.fragment(part)()
    raise LinkDrawn


def open_lesson(key: str) -> Lesson:
    """A lesson page's first call: navigation guard, its own view restored, its title drawn."""
    require_navigation()
    lesson = BY_KEY[key]
    asked = link_check.arrival()
    restore_view(lesson)
    if lesson in LESSONS:
        read_challenge(lesson)  # before any control: a link's goal, and the controls it locks
    if lesson is HOME:
        st.title(lesson.heading)
    else:
        titled(lesson.heading)  # with the Projector mode switch, and when on its CSS and keyboard
    st.session_state[state.OPENED] = (lesson, asked, st.empty())  # run_page fills it if the link asked for too much
    return lesson


def end_lesson() -> None:
    """Stop drawing the page here (nothing more to show); the wrapper still draws the link."""
    raise EndOfLesson


def require_navigation() -> None:
    """Make sure the page runs inside streamlit_app.py's st.navigation.

    With a ``pages/`` folder next to the entry script, Streamlit's very first run in a fresh
    server process uses the legacy folder mode: a visitor whose first URL is a lesson page gets
    that file run on its own (no page config, the folder listed as navigation). st.navigation
    turns that mode off, but only once the entry script has run. Turn it off here and rerun, so
    even the first visitor of a new deployment gets the real app.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def share_link() -> None:
    """'Link to this view': the page's URL with the query parameters of every bound control.

    Values equal to a control's default are not in the URL, so the link stays short and still
    reproduces the view. ui.app.link_box draws it with a Copy button. It runs after the page, so
    it also keeps the view for restore_view.
    """
    current = BY_KEY.get(st.session_state.get(state.PAGE, ""))
    if current is None:
        return  # the page never opened (a rerun on the way), so there is no view to link
    remember_view(current)
    instead = st.session_state.pop(state.LINK_INSTEAD, {})
    pairs = [(key, value) for key in st.query_params if key not in instead for value in st.query_params.get_all(key)]
    pairs += [(key, value) for key, value in instead.items() if value is not None]
    base = st.context.url or ""
    link = base + ("?" + urlencode(pairs) if pairs else "")
    with st.sidebar:
        st.divider()
        st.markdown("**Link to this view**", help="Send this link: it opens this page with the same settings.")
        link_box(link or "(open the app in a browser to get its link)", state.VIEW_LINK, "the link to this view")


def link_instead(**values: str | None) -> None:
    """For this run, the Link to this view gives these values instead of the URL's (None: left
    out, as a default is). A typed formula that cannot be read stays in its box and the URL; the
    link holds the one drawn."""
    st.session_state.setdefault(state.LINK_INSTEAD, {}).update(values)
