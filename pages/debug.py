"""Debug your gradient descent: which classic mistake reproduces the log a student's code printed."""

import streamlit as st

from gd_core.bug_catalogue import CATALOGUE
from gd_core.log_match import diagnose
from gd_core.log_parse import LogError, parse_log
from ui.controls.data_source import choose_data, prepare, rerun_if_set_aside
from ui.views.debug import LogSettings, example_logs, paste_box, run_settings, show_diagnosis
from ui.app import state
from ui.app.last_good import last_good
from ui.app.page import end_lesson, live_part, open_lesson
from ui.words.shown import MESSAGE_LIMIT, shown

lesson = open_lesson("debug")
st.markdown(
    "Paste what your own `gradient_descent` printed, and set the data and settings you ran (sidebar): the page "
    f"runs the correct code and {len(CATALOGUE) - 1} classic mistakes and names the one that reproduces your numbers "
    "to the digits printed, or says which it probably is when those digits cannot tell."
)

with st.sidebar:
    st.header("The data you ran on")
    source = choose_data()
if source is None:
    end_lesson()


def settings_in_sidebar() -> LogSettings:
    """The settings the student's own code ran with, in the sidebar under the data."""
    with st.sidebar:
        st.header("Your settings")
        return run_settings(lesson.defaults)


ready = prepare(source)
if ready is None:
    settings_in_sidebar()  # drawn still, so their values (a link's too) stay for when the data can be used
    end_lesson()
source, prepared = ready  # the source without its table: the live part keeps what it uses between runs
stats = prepared.stats


def diagnose_and_show() -> None:
    """The settings, the pasted log and its diagnosis (a change to them reruns only this, not the data)."""
    rerun_if_set_aside(source)
    settings = settings_in_sidebar()
    text = paste_box(example_logs(stats, settings))
    read, error = last_good(
        state.LAST_GOOD_DIAGNOSIS,
        lambda: (log := parse_log(text), diagnose(log, stats, settings.alpha, settings.iters, settings.w0, settings.b0, timing=settings.timing)),
        (LogError, ValueError),
    )
    if error is not None:
        st.error(f"That log cannot be used: {shown(error, MESSAGE_LIMIT)}", icon=":material/error:")
        if read is None:
            end_lesson()
        st.caption("Still showing the diagnosis of the last log that could be read.")
    log, diagnosis = read
    show_diagnosis(log, diagnosis, stats, settings.alpha)


live_part(diagnose_and_show)
