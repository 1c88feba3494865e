"""1-D intuition: the curve, the point, its tangent, and the update written out with numbers."""

import streamlit as st

from gd_core.descent import run_descent
from gd_core.verdict import classify_descent
from ui.charts_1d import intuition_chart, iterations_table
from ui.controls import curve_settings, step_buttons, stop_unless_finite_start
from ui.page import open_lesson
from ui.text import direction_text, fmt, iteration_heading, plural, update_equation
from ui.verdicts import show_verdict

lesson = open_lesson("intuition")
st.markdown(
    "Gradient descent looks at the **slope** of the cost where it stands and steps the other way. "
    "Press **Step** to take one update, or drag the *iteration* slider under the chart."
)

with st.sidebar:
    curve, settings = curve_settings(lesson.defaults)

run = run_descent(curve, settings.w0, settings.alpha, settings.iters)
stop_unless_finite_start(run)
last = run.iterations
# Step / Back / Reset walk the run one iteration at a time; a new run starts at iteration 0.
i = step_buttons((curve.key, curve.latex, settings.alpha, settings.w0, settings.iters), last)

chart_col, text_col = st.columns([3, 2], gap="large")
with chart_col:
    st.vega_lite_chart(spec=intuition_chart(curve.cost, (curve.w_min, curve.w_max), run, i), width="stretch")
    st.caption(
        "Green: the tangent at the point, with its run and rise (slope = rise ÷ run = dJ/dw). "
        "Red arrow: the step the update takes. Orange: the path so far."
    )

with text_col:
    w, slope = float(run.w[i]), float(run.slope[i])
    st.subheader(iteration_heading(i, run.iterations))
    st.latex(r"w := w - \alpha \, \frac{dJ}{dw}")
    if i < last:  # an update was taken from here: write it out
        st.latex(update_equation(w, settings.alpha, slope, latex=True))
        st.markdown(direction_text(slope, settings.alpha))
    metrics = st.columns(3)
    metrics[0].metric("w", fmt(w), help="The current value of the parameter.")
    metrics[1].metric("J(w)", fmt(float(run.cost[i])), help="The cost at the current w.")
    metrics[2].metric("dJ/dw", fmt(slope), help="The slope of the cost at the current w (the tangent's rise ÷ run).")
    st.latex(rf"J(w) = {curve.latex}")
    show_verdict(classify_descent(run, curve), prefix=f"This run ({plural(settings.iters, 'iteration')} at most): ")

with st.expander(f"Every iteration ({plural(last, 'update')})", expanded=False):
    rows = iterations_table(run)
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button(
        "Download as CSV",
        lambda: rows.to_csv(index=False).encode(),  # made on click, not on every rerun
        file_name="gradient_descent_iterations.csv",
        mime="text/csv",
        icon=":material/download:",
        help="Every iteration's w, J(w), slope and step, for a spreadsheet.",
    )
