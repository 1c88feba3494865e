"""Linear regression on your data: batch gradient descent on J(w, b), against least squares."""

import streamlit as st

from gd_core.fit import fit_line
from gd_core.sums import fit_summary, largest_stable_alpha
from gd_core.regression_verdict import classify_regression
from ui.charts_regression import cost_chart, fit_chart, parameter_chart
from ui.data_source import choose_data, prepare, show_upload_help
from ui.page import end_lesson, open_lesson
from ui.regression_views import contour_maps, descent_controls, downloads, first_update, fit_metrics, sequential_note, verdict_banner
from ui.text import BATCH_TEXT, cost_chart_caption

lesson = open_lesson("regression")
st.markdown(
    "Batch gradient descent fits $f(x) = w\\,x + b$ by making the cost $J(w,b)$ smaller, one "
    "**simultaneous** update of $w$ and $b$ at a time. Bring your own data, or start with a built-in dataset."
)
st.caption(BATCH_TEXT)
st.latex(r"J(w,b) = \frac{1}{2m} \sum_{i=1}^{m} \left(f_{w,b}(x^{(i)}) - y^{(i)}\right)^2")

with st.sidebar:
    st.header("Data")
    source = choose_data()
if source is None:
    show_upload_help()
    end_lesson()

ready = prepare(source)
if ready is None:
    end_lesson()
source, prepared = ready
stats = prepared.stats
x_names = source.x_columns

with st.sidebar:
    st.header("Gradient descent")
    settings, rate = descent_controls(lesson.defaults, stats, source.data_id, source.is_default)

# --- run: the simultaneous update, and on request the sequential (wrong) one beside it ----------
fit = fit_line(stats, settings.w0, settings.b0, settings.alpha, settings.iters, scaled=settings.scale)
fits = [("simultaneous", fit)]
if settings.compare:
    fits.append(("sequential (wrong)", fit_line(stats, settings.w0, settings.b0, settings.alpha, settings.iters, scaled=settings.scale, sequential=True)))
if fit.result.stop_reason == "not_finite":
    st.error(f"Gradient descent could not start: {fit.result.message}.", icon=":material/error:")
    end_lesson()
alpha_max = largest_stable_alpha(fit.run_stats)
result = fit.result
verdict = classify_regression(result, fit.run_stats, scaled=settings.scale)

# --- what happened, and the numbers it learned -------------------------------------------------------
verdict_banner(verdict, settings.alpha, alpha_max, settings.scale)
fit_metrics(fit, fit_summary(stats, fit.path.w, fit.path.b), verdict.kind)

if stats.n == 1:
    fit_col, cost_col = st.columns(2, gap="large")
    with fit_col:
        st.subheader("The data and the line")
        st.vega_lite_chart(
            spec=fit_chart(prepared.x_sample, prepared.y_sample, fit.path.w_history[:, 0], fit.path.b_history, float(stats.w_star[0]), stats.b_star, x_names[0], source.y_column),
            width="stretch",
        )
        st.caption(
            "Red: the gradient-descent line at the iteration on the slider (drag it). Dashed: the exact "
            f"least-squares line, w* = {stats.w_star[0]:.6g}, b* = {stats.b_star:.6g}."
            + (f" Showing {prepared.x_sample.size:,} of {stats.m:,} rows; the fit uses all of them." if prepared.x_sample.size < stats.m else "")
        )
else:
    cost_col = st.container()
with cost_col:
    st.subheader("Cost per iteration")
    st.vega_lite_chart(spec=cost_chart([(f"{label} update", f.result.cost_history) for label, f in fits], stats.cost_star), width="stretch")
    st.caption(cost_chart_caption(stats.cost_star, alpha_max, settings.alpha))
    if settings.compare:
        sequential_note(fit, settings.alpha)

if stats.n == 1:
    st.subheader("The cost surface J(w, b) and the path of descent")
    contour_maps(stats, fits, x_names[0])
else:
    st.subheader("Each parameter per iteration")
    st.vega_lite_chart(spec=parameter_chart(fit.path.w_history, fit.path.b_history, x_names), width="stretch")
    st.info("The contour view shows one feature at a time: pick a single x column to see J(w, b) as a map.", icon=":material/info:")

with st.expander("The first update, with its numbers", expanded=True):
    first_update(fit, settings.alpha)

downloads(stats, fit, x_names)
