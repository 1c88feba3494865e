"""Debug your gradient descent: which classic mistake reproduces the log a student's code printed."""

import streamlit as st

from gd_core.log_match import diagnose
from gd_core.log_parse import LogError, parse_log
from ui.data_source import choose_data, prepare
from ui.debug_views import example_logs, paste_box, run_settings, show_diagnosis
from ui.last_good import last_good
from ui.page import end_lesson, open_lesson

lesson = open_lesson("debug")
st.markdown(
    "Paste what your own `gradient_descent` printed, and set the data and settings you ran (sidebar): the page "
    "runs the correct code and eight classic mistakes and names the one that reproduces your numbers."
)

with st.sidebar:
    st.header("The data you ran on")
    source = choose_data()
    if source is not None:
        st.header("Your settings")
        settings = run_settings(lesson.defaults)
if source is None:
    end_lesson()
ready = prepare(source)
if ready is None:
    end_lesson()
stats = ready[1].stats

text = paste_box(example_logs(stats, settings))
read, error = last_good(
    "diagnosis",
    lambda: (log := parse_log(text), diagnose(log, stats, settings.alpha, settings.iters, settings.w0, settings.b0, timing=settings.timing)),
    (LogError, ValueError),
)
if error is not None:
    st.error(f"That log cannot be used: {error}", icon=":material/error:")
    if read is None:
        end_lesson()
    st.caption("Still showing the diagnosis of the last log that could be read.")
log, diagnosis = read
show_diagnosis(log, diagnosis, stats, settings.alpha)
