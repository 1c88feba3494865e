"""Page 5's parts: the run's settings, the pasted log with its examples, and the diagnosis shown.

The settings use the regression page's URL names (alpha, iters, w0, b0); the log itself is not
in the URL. A paste that cannot be read says why and the last diagnosis stays on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from gd_core.bug_catalogue import ENTRIES, BugEntry, printed_log, simulate
from gd_core.log_match import Diagnosis
from gd_core.log_parse import FIELDS, ParsedLog
from gd_core.log_verdict import headline
from gd_core.sums import Stats, largest_stable_alpha
from gd_core.wording import limit, plural
from ui.app import state
from ui.app.challenge import hidden, locked
from ui.app.settings import RegressionDefaults, RunSettings
from ui.cache import figures
from ui.charts.debug import chart_key
from ui.words.shown import MESSAGE_LIMIT, shown

COURSE_LOG = Path(__file__).resolve().parents[2] / "data" / "course_week1_log.txt"
# What the student says of the logged cost (the labels are also the URL values) -> diagnose's timing.
TIMINGS = {"detect it from the numbers": None, "after the update (as in the lab)": "after", "before the update": "before"}


@dataclass(frozen=True)
class LogSettings(RunSettings):
    """The run the student's own code made, and when its log took the cost."""

    timing: str | None = None  # "after" or "before" the update; None: detect it from the numbers


def run_settings(defaults: RegressionDefaults) -> LogSettings:
    """Sidebar: the α, iterations and start the student's own code ran with, and when it logged the cost."""
    alpha = st.number_input(
        "Learning rate α you used", min_value=0.0, max_value=100.0, value=defaults.alpha, step=0.001, format="%.6g",
        key=state.ALPHA, bind="query-params", disabled=locked(state.ALPHA), help="The alpha your gradient_descent call was given.",
    )
    iters = st.number_input(
        "Iterations you ran", min_value=1, max_value=100_000, value=defaults.iters, step=1000,
        key=state.ITERS, bind="query-params", disabled=locked(state.ITERS), help="num_iters in your call (the log may show only some of them).",
    )
    w0 = st.number_input("Initial w you used", value=defaults.w0, step=1.0, format="%.6g", key=state.W0, bind="query-params", disabled=locked(state.W0), help="w_in in your call.")
    b0 = st.number_input("Initial b you used", value=defaults.b0, step=1.0, format="%.6g", key=state.B0, bind="query-params", disabled=locked(state.B0), help="b_in in your call.")
    timing = st.selectbox(
        "Your logged cost is taken", list(TIMINGS), key=state.TIMING, bind="query-params", disabled=locked(state.TIMING),
        help="The lab appends the cost after each update. If you printed it before the update, say so, or let the page detect it.",
    )
    return LogSettings(float(alpha), int(iters), float(w0), float(b0), TIMINGS[timing])


def example_logs(stats: Stats, settings: LogSettings) -> dict[str, Callable[[], str]]:
    """Logs to try, each made only when picked: the course lab's own, and what two classic
    mistakes print with these settings."""

    def course() -> str:
        return COURSE_LOG.read_text(encoding="utf-8")

    def printed_by(name: str) -> Callable[[], str]:
        return lambda: printed_log(simulate(ENTRIES[name], stats, settings.alpha, settings.iters, settings.w0, settings.b0), settings.iters)

    examples = {"The course lab's printed log (α = 0.01, 10,000 iterations)": course}
    if stats.n == 1 and settings.alpha > 0:
        for name in ("sign flipped", "missing x in dJ/dw"):
            examples[f"A log printed by code with a mistake ({name})"] = printed_by(name)
    return examples


def paste_box(examples: dict[str, Callable[[], str]]) -> str:
    """The text area for the log, with a picker that fills it with an example."""

    def load_example() -> None:
        st.session_state[state.LOG] = examples[st.session_state[state.LOG_EXAMPLE]]()

    if state.LOG not in st.session_state:
        st.session_state[state.LOG] = next(iter(examples.values()))()
    text = st.text_area(
        "What your code printed", key=state.LOG, height=160,
        help="Paste the lines your gradient_descent printed: the lab's 'Iteration ...: Cost ... dj_dw ... w ... b ...' "
        "lines with any of those fields, a column of costs, or a CSV with columns such as iteration, cost, w, b.",
    )
    st.selectbox(
        "Start from an example", list(examples), index=None, key=state.LOG_EXAMPLE, on_change=load_example,
        placeholder="Or start from an example log",
        help="Fills the box with a log, so you can see what the page does before pasting yours.",
    )
    return text


def show_diagnosis(key: tuple, log: ParsedLog, diagnosis: Diagnosis, stats: Stats, settings_alpha: float) -> None:
    """The verdict, the line to fix, the logged values over the runs, and the ranking (none of
    it while a challenge hides the diagnosis: the goal is to name the mistake); ``key`` names the
    diagnosis in the shared caches (runs.diagnosis)."""
    if hidden("verdict"):
        st.info("The page's diagnosis of this log is hidden until the challenge's goal is met.", icon=":material/visibility_off:")
        return
    named = diagnosis.kind != "none"
    box = st.success if (diagnosis.kind, diagnosis.name) == ("match", "correct") else st.warning if named else st.info
    box(f"**{headline(diagnosis.finding)}**: {diagnosis.verdict}", icon=":material/bug_report:" if named else ":material/help:")
    fields = [name for name in FIELDS if log.field(name) is not None]
    for tab, name in zip(st.tabs(fields), fields):
        with tab:
            st.vega_lite_chart(spec=figures.diagnosis(key, log, diagnosis, name), width="stretch")
    st.caption(
        f"{chart_key(diagnosis)} {shown(log.summary, MESSAGE_LIMIT)} {diagnosis.timing_note} Compared: {diagnosis.compared}. "
        f"Stable limit for this data: α < {limit(largest_stable_alpha(stats), settings_alpha)}."
    )
    candidates = diagnosis.candidates if named else ()
    for entry in candidates:
        where_to_look(entry, diagnosis.alpha, diagnosis.alpha_limit, f" (if it is '{entry.name}')" if len(candidates) > 1 else "")
    with st.expander(f"How close each of the {plural(len(diagnosis.ranking), 'entry', 'entries')} comes"):
        st.dataframe(ranking_table(diagnosis), hide_index=True, width="stretch")


def where_to_look(entry: BugEntry, alpha: float, alpha_limit: float, which: str) -> None:
    """Where the mistake sits, why it does what it does, the buggy and the corrected line."""
    buggy, corrected = entry.lines(alpha, alpha_limit)
    if not buggy:  # the correct code: nothing to fix
        return
    st.markdown(f"**Where to look{which}:** {entry.where}. {entry.explanation}")
    left, right = st.columns(2)
    with left:
        st.markdown("The line that is usually wrong")
        st.code(buggy, language="python")
    with right:
        st.markdown("The corrected line")
        st.code(corrected, language="python")


def ranking_table(diagnosis: Diagnosis) -> pd.DataFrame:
    rows = [
        {
            "mistake": fit.name,
            "reproduces your log": "yes" if fit.matches else "all but one unit of the last digit" if fit.near
            else "no" if fit.applicable else "does not apply",
            "largest difference": f"{100 * fit.max_rel_diff:.3g}%" if fit.applicable else fit.reason,
            "first iteration off": "" if fit.first_miss is None else f"{fit.first_miss:,}",
        }
        for fit in diagnosis.ranking
    ]
    return pd.DataFrame(rows)
