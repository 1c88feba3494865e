"""Who is on the class page, and what they may do there.

- ``?teach=<secret>``: the teacher's link, the only way to run a class's rounds. A secret that
  is not a class's (guessed, cut short, or the class has expired) is refused with a message, and
  nothing of any class is shown.
- ``?join=<code>``: a student's link (or the code typed on this page): answering only. A code
  never reaches a teacher's button; a student link never carries the secret.
- neither: join by typing the code, or start a new class (which opens the teacher's link).

A student's anonymous id (``me``) is made once and written into the URL: a tab that
reconnects (to the same replica or another one behind the proxy) reloads that URL and answers as
the same student, so no answer is counted twice.
"""

from __future__ import annotations

import streamlit as st

from class_store.errors import ClassStoreError
from ui.app import state
from ui.app.page import link_instead
from ui.cache import classroom
from ui.views.class_setup import default_view
from ui.views.class_student import student_page
from ui.views.class_teacher import teacher_page
from ui.words.shown import MESSAGE_LIMIT, shown

FIRST_QUESTION = "intuition.direction"  # what a new class asks until the teacher picks (no round is open yet)


def my_id() -> str:
    """This student's anonymous id: the URL's ``me`` when it is a well-formed one, else this
    session's, else a new one; written back into the URL."""
    linked = st.query_params.get(state.ME)
    me = linked if classroom.valid_student(linked) else st.session_state.get(state.CLASS_ME) or classroom.new_student()
    st.session_state[state.CLASS_ME] = me
    if linked != me:
        st.query_params[state.ME] = me
    return me


def _join() -> None:
    """The join box's callback: a code that names a class opens its student page."""
    typed = st.session_state.get(state.CLASS_JOIN_INPUT, "")
    try:
        code = classroom.check_code(typed)
    except ClassStoreError as error:
        st.session_state[state.CLASS_JOIN_PROBLEM] = shown(error, MESSAGE_LIMIT)
        return
    st.query_params[state.JOIN] = code
    st.query_params.pop(state.TEACH, None)


def _new_class() -> None:
    try:
        secret = classroom.new_class(FIRST_QUESTION, default_view(FIRST_QUESTION))
    except ClassStoreError as error:
        st.session_state[state.CLASS_JOIN_PROBLEM] = shown(error, MESSAGE_LIMIT)
        return
    for name in (state.JOIN, state.ME):
        st.query_params.pop(name, None)
    st.query_params[state.TEACH] = secret


def join_box() -> None:
    """Type the code (students), or start a class (teachers)."""
    student, teacher = st.columns(2, gap="large")
    with student:
        st.markdown("**Join your class**")
        with st.form(key=state.CLASS_JOIN_FORM, border=False):
            st.text_input("Join code", key=state.CLASS_JOIN_INPUT, max_chars=12, placeholder="e.g. K7QF2M",
                          help="The six letters and digits on the teacher's screen.")
            st.form_submit_button("Join", type="primary", icon=":material/login:", on_click=_join)
        problem = st.session_state.pop(state.CLASS_JOIN_PROBLEM, None)
        if problem:
            st.error(problem, icon=":material/edit:")
    with teacher:
        st.markdown("**Teach a class**")
        st.caption("Start a class: you get a join code and a QR code for your students, and a link of your own "
                   "(keep it: it is the only way to run this class's rounds). A class and its answers are deleted after a day.")
        st.button("Start a class", key=state.CLASS_NEW, icon=":material/co_present:", on_click=_new_class)


def class_page() -> None:
    """The class page: the teacher's, a student's, or the join box, by the link."""
    secret = st.query_params.get(state.TEACH)
    code = st.query_params.get(state.JOIN)
    for name in (state.TEACH, state.JOIN, state.ME):  # the link check: these values are used (or refused below, in our words)
        st.session_state[name] = st.query_params.get(name)
    if secret is not None:
        link_instead(teach=None, me=None, run=None, next=None)  # the page's Link to this view never carries the secret (nor the teacher's view)
        try:
            teacher_page(secret)
        except ClassStoreError as error:
            st.error("This teacher link does not open a class: " + shown(error, MESSAGE_LIMIT), icon=":material/key_off:")
            join_box()
        return
    if code is not None:
        me = my_id()
        link_instead(me=None)  # nor a student's own id
        try:
            student_page(classroom.join_code(code), me)
        except ClassStoreError as error:
            st.error(shown(error, MESSAGE_LIMIT), icon=":material/link_off:")
            join_box()
        return
    join_box()
