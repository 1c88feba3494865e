"""Linear regression on your data: batch gradient descent on J(w, b), against least squares."""

import streamlit as st

from gd_core.sums import fit_summary
from ui.app import state
from ui.cache import figures, runs
from ui.controls.data_source import choose_data, prepare, rerun_if_set_aside
from ui.controls.uploads import show_upload_help
from ui.app.page import end_lesson, live_part, on_a_phone, open_lesson
from ui.views.regression import descent_controls, downloads, first_update, fit_metrics, sequential_note, start_from_click, verdict_banner
from ui.words import formulas
from ui.words.captions import BATCH_TEXT, cost_chart_caption
from ui.words.shown import MESSAGE_LIMIT, shown

lesson = open_lesson("regression")
st.markdown(
    "Batch gradient descent fits $f(x) = w\\,x + b$ by making the cost $J(w,b)$ smaller, one "
    "**simultaneous** update of $w$ and $b$ at a time. Bring your own data, or start with a built-in dataset."
)
st.caption(BATCH_TEXT)
st.latex(formulas.REGRESSION_COST)

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


def run_and_show() -> None:
    """The descent controls, the fit and everything drawn from it (a control's change reruns only this, not the data)."""
    rerun_if_set_aside(source)
    with st.sidebar:
        st.header("Gradient descent")
        settings = descent_controls(lesson.defaults, stats, source.data_id, source.is_default)

    # --- run: the simultaneous update, and on request the sequential (wrong) one beside it ----------
    start = (settings.w0, settings.b0, settings.alpha, settings.iters, settings.scale)
    fit, verdict = runs.fit(source.data_id, stats, *start, sequential=False)
    fits = [("simultaneous", fit)]
    if settings.compare:
        fits.append(("sequential (wrong)", runs.fit(source.data_id, stats, *start, sequential=True)[0]))
    if fit.result.stop_reason == "not_finite":
        st.error(f"Gradient descent could not start: {shown(fit.result.message, MESSAGE_LIMIT)}.", icon=":material/error:")
        end_lesson()
    alpha_max = verdict.alpha_limit  # 2 / lambda_max of the problem descent ran on

    # --- what happened, and the numbers it learned -------------------------------------------------------
    verdict_banner(verdict, settings.alpha, alpha_max, settings.scale)

    if stats.n == 1:
        st.subheader("The line, its cost and J(w, b), iteration by iteration")
        key = (source.data_id, settings)
        met_at = verdict.iterations if verdict.kind == "converged" else None  # where the stop rule was met
        figure = figures.regression(key, prepared.x_sample, prepared.y_sample, stats, fits, x_names[0], source.y_column, on_a_phone(), met_at)
        st.plotly_chart(figure, width="stretch", on_select=start_from_click, selection_mode="points", key=state.REGRESSION_CLICK)
        st.caption(
            "Press **Play**, or drag the iteration slider: the red line, the marker on the cost and the point on J(w, b) "
            f"show the same iteration. Dashed: the exact least-squares line, w* = {stats.w_star[0]:.6g}, b* = {stats.b_star:.6g}; "
            "the diamond is the same answer on the map. Click the map to start there; drag the surface to turn it."
            + (f" Showing {prepared.x_sample.size:,} of {stats.m:,} rows; the fit uses all of them." if prepared.x_sample.size < stats.m else "")
            + "\n\n"  # one caption, two paragraphs: the figure, then its cost
            + cost_chart_caption(stats.cost_star, alpha_max, settings.alpha)
            + (f" Scaling: x' = (x − {float(fit.mu[0]):.4g}) / {float(fit.sigma[0]):.4g}." if fit.scaled else "")
        )
    else:
        st.subheader("Cost per iteration")
        key = (source.data_id, settings)
        st.vega_lite_chart(spec=figures.costs(key, fits, stats.cost_star), width="stretch")
        st.caption(cost_chart_caption(stats.cost_star, alpha_max, settings.alpha))
        st.subheader("Each parameter per iteration")
        st.vega_lite_chart(spec=figures.parameters(key, fit, tuple(x_names)), width="stretch")
        st.info("The moving view and the map of J(w, b) show one feature at a time: pick a single x column to see them.", icon=":material/info:")
    if settings.compare:
        sequential_note(fit, settings.alpha)
    fit_metrics(fit, fit_summary(stats, fit.path.w, fit.path.b), verdict.kind)

    with st.expander("The first update, with its numbers", expanded=True):
        first_update(fit, settings.alpha)

    downloads(stats, fit, x_names)


live_part(run_and_show)
