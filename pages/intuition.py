"""1-D intuition: the curve, the point, its tangent, and the update written out with numbers."""

import streamlit as st

from gd_core.contexts import intuition_context
from ui.app import state
from ui.cache import figure_texts, figures, runs
from ui.controls.curve import curve_id, curve_settings, formula_problem_here, stop_unless_finite_start
from ui.app.present import controls_place, intro_place, present_mode
from ui.app.page import live_part, open_lesson
from ui.words import formulas
from ui.words.text import plural
from ui.views.challenge import challenge
from ui.views.figure_2d import figure_2d
from ui.views.predict import ledger, predict_first
from ui.views.predicted import intuition_ghost
from ui.views.player import keyboard_player, verdict_words
from ui.views.verdicts import show_verdict

lesson = open_lesson("intuition")
with intro_place():
    st.markdown(
        "Gradient descent looks at the **slope** of the cost where it stands and steps the other way. "
        "Press **Play** to watch it take one update after another, or drag the *iteration* slider under the chart."
    )


def run_and_show() -> None:
    """The controls, the run and everything drawn from it (a control's change reruns only this)."""
    with controls_place():
        curve, settings = curve_settings(lesson.defaults)
    formula_problem_here()

    run, verdict = runs.descent(curve_id(curve), curve, settings.w0, settings.alpha, settings.iters)
    stop_unless_finite_start(run)
    key = (curve_id(curve), settings.alpha, settings.w0, settings.iters)
    context = intuition_context(curve, settings.w0, settings.alpha, settings.iters, judged=(run, verdict))

    goal_place = st.container()  # a challenge link's goal, on top, checked once the question is answered
    chart_col, text_col = st.columns([3, 2], gap="large")
    with text_col:  # beside the chart (under it on a phone, where the chart comes first)
        st.latex(formulas.UPDATE_RULE_SHORT)
        st.latex(formulas.curve_formula(curve.latex))
        asked = predict_first(context, key)
    with goal_place:
        challenge(lesson, context, key, shown_now=asked.shown)
    with text_col:
        if asked.shown:  # before a prediction: no verdict, no table of updates
            show_verdict(verdict, prefix=f"This run ({plural(settings.iters, 'iteration')} at most): ")

    with chart_col:
        ghost = intuition_ghost(asked) if asked.shown else None
        figure = figures.intuition(key, curve, run, not asked.shown, ghost, present_mode())
        figure_2d(figure, state.INTUITION_FIGURE)
        keyboard_player(state.INTUITION_FIGURE, figure_texts.intuition(key, figure, curve, run, not asked.shown, verdict_words(verdict)))
        if asked.shown:
            st.caption(
                "Press **Play**, or drag the iteration slider under the chart. Green line through the point: the tangent, "
                "with its run and rise dashed (slope = rise ÷ run = dJ/dw). Red arrow, a triangle at its tip: the step the update takes. "
                "Orange dotted line: the path so far."
                + (" Grey, hollow or dashed: your prediction." if ghost is not None else "")
            )
        else:
            st.caption("Green line through the point: the tangent at the start, with its run and rise dashed (slope = rise ÷ run = dJ/dw). "
                       "Answer the question (beside the chart, or under it on a phone) and the run plays here.")
    if asked.shown:
        show_iterations(key, run)
    ledger(lesson.key)


def show_iterations(key: tuple, run) -> None:
    """Every update of the run, in a table to open, with its download; drawn once it is opened
    (a table loads Streamlit's data grid, 1.2 MB of JavaScript: issue 26)."""
    # One label whatever the run (a label that changes makes a new expander, which starts closed:
    # an open table would snap shut when the student moves a control); the count is inside.
    table = st.expander("Every iteration, in a table", expanded=False, key=state.ITERATIONS_TABLE, on_change="rerun")
    if not table.open:
        return
    with table:
        rows = figures.iterations(key, run)
        st.caption(f"This run: {plural(run.iterations, 'update')}, one row each.")
        st.dataframe(rows, hide_index=True, width="stretch")
        st.download_button(
            "Download as CSV",
            lambda: rows.to_pandas().to_csv(index=False).encode(),  # made on click, not on every rerun
            file_name="gradient_descent_iterations.csv",
            mime="text/csv",
            icon=":material/download:",
            help="Every iteration's w, J(w), slope and step, for a spreadsheet.",
        )


live_part(run_and_show)
