"""The class view on pages 4-6: what a student sees before answering, and the run the projector
shows after, for a round asked of a built-in dataset (pages 4 and 6) or of a find-the-bug
exercise (page 5). Pages 1-3's figures are in ui.views.class_run.

Before an answer: page 4 the start (where the line starts and its cost), page 5 the log and the
lab's code (what the question is about; the mistake stays hidden), lesson 6 where the three runs
start. After: page 4 its moving figure (with the sequential update's run, when asked about it),
page 5 the bug, its line against the fixed one and both runs' cost, lesson 6 its moving figure.
No figure here takes a click (the lesson pages' do), so none offers one.
"""

from __future__ import annotations

import streamlit as st

from gd_core import class_data
from gd_core.class_round import RoundView, run_rows
from gd_core.questions_debug import COURSE_CODE
from gd_core.wording import exact, number, plural
from ui.app import state
from ui.app.choices import BUILTIN, dataset_label
from ui.app.page import on_a_phone
from ui.cache import figure_texts, figures
from ui.views.figure_2d import figure_2d
from ui.views.find_the_bug import LINE_QUESTIONS, reveal
from ui.views.player import keyboard_player, verdict_words
from ui.views.predict import Asked
from ui.words.batches import run_label
from ui.words.shown import shown

START_TITLE = {"debug": "The log and the lab's code", "regression": "The start of the run", "batches": "The start of the runs"}


def data_start(question_id: str, view: RoundView, context) -> None:
    """What a student reads before answering: the start only (page 5: the log itself)."""
    if view.lesson == "debug":
        st.markdown(f"It ran on {plural(len(context.x), 'house')}: size x (1000 sqft) = {', '.join(exact(v) for v in context.x)}, "
                    f"price y ($1000s) = {', '.join(exact(v) for v in context.y)}.")
        st.code(context.log, language=None, wrap_lines=on_a_phone())
        with st.expander("The lab's code, line by line", expanded=question_id in LINE_QUESTIONS, icon=":material/code:"):
            st.code("\n".join(COURSE_CODE), language="python", line_numbers=True)
        return
    if view.lesson == "batches":
        three = context.runs
        first = three.batch
        st.info(f"{shown(dataset_label(view.dataset), 60)}: {plural(first.m, 'row')}. All three runs start at w = {number(float(first.w_history[0, 0]))}, "
                f"b = {number(float(first.b_history[0]))}, where J(w, b) = {number(float(first.cost_history[0]))}; in one epoch batch makes 1 update, "
                f"the mini-batch {plural(three.mini.updates_per_epoch, 'update')} and stochastic {plural(three.stochastic.updates_per_epoch, 'update')}.",
                icon=":material/visibility_off:")
        return
    path = context.fit.path
    st.info(f"{shown(dataset_label(view.dataset), 60)}: {plural(context.stats.m, 'row')}. Gradient descent starts from the line w = {number(float(path.w_history[0, 0]))}, "
            f"b = {number(float(path.b_history[0]))}, where the cost is J(w, b) = {number(float(path.cost_history[0]))}.", icon=":material/visibility_off:")


def data_run(question_id: str, view: RoundView, context) -> None:
    """The run the class answered about, as the lesson shows it after an answer."""
    if view.lesson == "debug":
        reveal(context, Asked(shown=True))
        return
    key = ("class", view)
    _, x_column, y_column = BUILTIN[view.dataset][1:]
    st.caption(f"{shown(dataset_label(view.dataset), 60)}: {plural(context.stats.m, 'row')}, x = {shown(x_column, 60)}, y = {shown(y_column, 60)}"
               + (" (x z-scored)." if view.scale else "."))
    if view.lesson == "batches":
        x, y, stats = run_rows(view)
        labelled = [(run_label(run), run) for run in context.runs.runs]
        x_title = BUILTIN[view.dataset][2] + (" (z-scored)" if view.scale else "")
        figure = figures.batches(key, x, y, stats, labelled, x_title, BUILTIN[view.dataset][3], on_a_phone(), clicks=False)
        figure_2d(figure, state.CLASS_FIGURE)
        keyboard_player(state.CLASS_FIGURE, figure_texts.batches(key, labelled))
        st.caption("Press **Play**: the player's clock is the examples used. Batch: orange, solid line, square; mini-batch: green, dash-dotted, "
                   "cross; stochastic: vermilion, dotted, circle; the yellow diamond is the least-squares answer (w*, b*).")
        return
    fits = [("simultaneous", context.fit)] + ([("sequential (wrong)", context.sequential_fit)] if question_id == "regression.sequential_gap" else [])
    x, y = class_data.rows(view.dataset)
    verdict = context.verdict
    met_at = verdict.iterations if verdict is not None and verdict.kind == "converged" else None
    figure = figures.regression((*key, len(fits)), x, y, context.stats, fits, x_column, y_column, on_a_phone(), met_at, False, False,
                                clicks=False)  # two by two even on a projector: one row of four is too small in the run's column
    figure_2d(figure, state.CLASS_FIGURE)
    keyboard_player(state.CLASS_FIGURE, figure_texts.regression((*key, len(fits)), figure, fits, context.stats.m, False,
                                                                None if verdict is None else verdict_words(verdict)))
    st.caption("Press **Play**: the line, its cost and its path on the map of J(w, b) move together"
               + (" (the sequential update's: dotted, orange, square markers)." if len(fits) > 1 else ".")
               + " Dashed: the least-squares line; the diamond is the same answer on the map.")
