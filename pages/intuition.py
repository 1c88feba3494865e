"""1-D intuition: the curve, the point, its tangent, and the update written out with numbers."""

import streamlit as st

from ui.app import state
from ui.cache import figures, runs
from ui.controls.curve import curve_id, curve_settings, formula_problem_here, stop_unless_finite_start
from ui.app.page import live_part, open_lesson
from ui.words import formulas
from ui.words.text import plural
from ui.views.verdicts import show_verdict

lesson = open_lesson("intuition")
st.markdown(
    "Gradient descent looks at the **slope** of the cost where it stands and steps the other way. "
    "Press **Play** to watch it take one update after another, or drag the *iteration* slider under the chart."
)


def run_and_show() -> None:
    """The controls, the run and everything drawn from it (a control's change reruns only this)."""
    with st.sidebar:
        curve, settings = curve_settings(lesson.defaults)
    formula_problem_here()

    run, verdict = runs.descent(curve_id(curve), curve, settings.w0, settings.alpha, settings.iters)
    stop_unless_finite_start(run)
    last = run.iterations

    chart_col, text_col = st.columns([3, 2], gap="large")
    with chart_col:
        key = (curve_id(curve), settings.alpha, settings.w0, settings.iters)
        st.plotly_chart(figures.intuition(key, curve, run), width="stretch", key=state.INTUITION_FIGURE)
        st.caption(
            "Press **Play**, or drag the iteration slider under the chart. Green: the tangent at the point, "
            "with its run and rise (slope = rise ÷ run = dJ/dw). Red arrow: the step the update takes. Orange: the path so far."
        )

    with text_col:
        st.latex(formulas.UPDATE_RULE_SHORT)
        st.latex(formulas.curve_formula(curve.latex))
        show_verdict(verdict, prefix=f"This run ({plural(settings.iters, 'iteration')} at most): ")

    with st.expander(f"Every iteration ({plural(last, 'update')})", expanded=False):
        rows = figures.iterations(key, run)
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
