"""Learning-rate pitfalls: several alphas side by side, their costs, and the divergence wall."""

import math
import streamlit as st

from gd_core.descent import curvature_at, largest_stable_alpha, lowest_cost
from gd_core.sweep import suggested_alphas
from ui.app import state
from ui.cache import figures, runs
from ui.controls.alphas import parse_alphas
from ui.controls.curve import curve_id, curve_settings, formula_problem_here, stop_unless_finite_start
from ui.app.page import live_part, open_lesson
from ui.words.stable_limit import WHY, limit_latex, limit_sentence
from ui.words.text import fmt
from ui.words.captions import sweep_caption
from ui.views.verdicts import rule_caption, verdict_line

lesson = open_lesson("learning_rate")

st.markdown(
    "The learning rate α sets the size of every step. Too small and descent **crawls**; too large "
    "and it **overshoots** the minimum, bouncing from side to side, and past a limit it **diverges**."
)


def run_and_show() -> None:
    """The controls, the runs and everything drawn from them (a control's change reruns only this)."""
    with st.sidebar:
        curve, settings = curve_settings(lesson.defaults)
    formula_problem_here()

    w_star = curve.nearest_minimum(settings.w0)
    alpha_max = largest_stable_alpha(curve, w_star) if w_star is not None else float("inf")

    with st.sidebar:
        alphas = parse_alphas(suggested_alphas(alpha_max))

    judged = []  # (label, run, verdict) per alpha
    for alpha in alphas:
        run, verdict = runs.descent(curve_id(curve), curve, settings.w0, alpha, settings.iters, alpha_limit=alpha_max)
        judged.append((f"α = {alpha:g}", run, verdict))
    stop_unless_finite_start(judged[0][1])

    if math.isfinite(alpha_max):
        st.markdown(limit_sentence(alpha_max, w_star))
        st.latex(limit_latex(alpha_max, curvature_at(curve, w_star), w_star))
        st.caption(WHY)

    st.subheader("Every α on the curve and on its cost, iteration by iteration")
    j_min = lowest_cost(curve, curve.minima, [run for _, run, _ in judged])
    key = (curve_id(curve), settings.w0, settings.iters, tuple(alphas))
    st.plotly_chart(figures.learning_rate(key, curve, [(label, run) for label, run, _ in judged], j_min), width="stretch", key=state.LEARNING_RATE_FIGURE)
    st.caption(
        "Press **Play**: every α takes its steps at the same time. Right: J(w) − J(w*), the cost above the lowest "
        "minimum, on a log scale: a straight fall is steady progress."
    )

    cols = st.columns(len(judged))
    for col, (label, run, verdict) in zip(cols, judged):
        with col.container(border=True):
            st.markdown(f"**{label}**")
            verdict_line(verdict)
            st.caption(f"final w = {fmt(run.final_w)}, J = {fmt(float(run.cost[-1]))}")
    rule_caption(judged[0][2].rule)

    st.subheader("How many iterations does each α need?")
    sweep_iters = lesson.defaults.sweep_iters
    sweep, facts = runs.sweep(curve_id(curve), curve, settings.w0, alpha_max, w_star, sweep_iters)
    st.vega_lite_chart(spec=figures.sweep((curve_id(curve), settings.w0, sweep_iters), sweep, alpha_max, sweep_iters), width="stretch")
    st.caption(sweep_caption(facts, sweep_iters))


live_part(run_and_show)
