"""Debug your gradient descent: find the bug in a seeded exercise's log, or see which classic
mistake reproduces the log a student's own code printed."""

import hashlib

import streamlit as st

from gd_core.bug_catalogue import CATALOGUE
from gd_core.log_parse import LogError, parse_log
from ui.controls.data_source import choose_data, prepare, rerun_if_set_aside
from ui.views.debug import LogSettings, example_logs, paste_box, run_settings, show_diagnosis
from ui.views.find_the_bug import exercise_then_paste
from ui.app import state
from ui.app.last_good import last_good
from ui.app.page import end_lesson, live_part, open_lesson
from ui.cache import runs
from ui.views.predict import ledger
from ui.words.shown import MESSAGE_LIMIT, shown

lesson = open_lesson("debug")

with st.sidebar:
    st.header("The data you ran on")
    source = choose_data()
ready = prepare(source) if source is not None else None


def settings_in_sidebar() -> LogSettings:
    """The settings the student's own code ran with, in the sidebar under the data."""
    with st.sidebar:
        st.header("Your settings")
        return run_settings(lesson.defaults)


def diagnose_your_log(settings: LogSettings | None) -> None:
    """The pasted log and its diagnosis, with the data and settings of the sidebar."""
    st.markdown(
        "Paste what your own `gradient_descent` printed, and set the data and settings you ran (sidebar): the page "
        f"runs the correct code and {len(CATALOGUE) - 1} classic mistakes and names the one that reproduces your numbers "
        "to the digits printed, or says which it probably is when those digits cannot tell."
    )
    if ready is None or settings is None:
        end_lesson()
    stats = ready[1].stats
    text = paste_box(example_logs(stats, settings))
    key = (ready[0].data_id, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), settings)
    read, error = last_good(
        state.LAST_GOOD_DIAGNOSIS,
        lambda: (log := parse_log(text), runs.diagnosis(key, log, stats, settings.alpha, settings.iters, settings.w0, settings.b0, settings.timing)),
        (LogError, ValueError),
    )
    if error is not None:
        st.error(f"That log cannot be used: {shown(error, MESSAGE_LIMIT)}", icon=":material/error:")
        if read is None:
            end_lesson()
        st.caption("Still showing the diagnosis of the last log that could be read.")
    log, diagnosis = read
    show_diagnosis(key, log, diagnosis, stats, settings.alpha)


def exercise_and_your_log() -> None:
    """The find-the-bug exercise first, then the pasted log (a change to either reruns only this, not the data)."""
    settings = None
    if source is not None:
        rerun_if_set_aside(source)
        settings = settings_in_sidebar()  # drawn even when the data cannot be used, so their values (a link's too) stay
    own_log = exercise_then_paste(lesson.defaults.seed)
    if own_log is not None:  # None: its tab is not open
        with own_log:
            diagnose_your_log(settings)
    ledger(lesson.key)


live_part(exercise_and_your_log)
