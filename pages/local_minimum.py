"""Local-minimum fixed point: at a minimum the step is zero; different starts, different minima."""

import streamlit as st

from gd_core.descent import Basins, basins, run_descent
from gd_core.run_facts import steps_shrink
from gd_core.verdict import classify_descent
from ui.charts_1d import intuition_chart
from ui.charts_minima import basin_chart, steps_chart
from ui.controls import curve_id, curve_settings, stop_unless_finite_start
from ui.landscape import landscape_view
from ui.page import open_lesson
from ui.text import exact, fmt, number, steps_caption, step_equation
from ui.verdicts import show_verdict

lesson = open_lesson("local_minimum")
BASIN_STARTS, BASIN_ITERS = 241, 2000


@st.cache_data(max_entries=64, show_spinner=False)
def cached_basins(curve_key: tuple, _curve, alpha: float) -> Basins:
    return basins(_curve, _curve.grid(BASIN_STARTS), alpha, BASIN_ITERS, _curve.minima)


def pick_start_from_curve() -> None:
    # Runs before the script, so setting the bound w0 widget's value here is allowed.
    selection = st.session_state.get("basin_click", {}).get("selection", {}).get("pick", [])
    if selection:
        st.session_state["w0"] = round(float(selection[0]["w"]), 3)


st.markdown(
    "At a local minimum the slope is zero, so the update is w := w − α × 0 and **w does not move**. "
    "Near a minimum the slope is small, so the steps shrink **by themselves** although α stays fixed. "
    "And which minimum you reach depends on **where you start**."
)

with st.sidebar:
    curve, settings = curve_settings(lesson.defaults)

# Run every iteration, even at a minimum, to show that nothing moves there.
run = run_descent(curve, settings.w0, settings.alpha, settings.iters, slope_tol=None, step_tol=None)
stop_unless_finite_start(run)
slope0 = float(run.slope[0])

left, right = st.columns([3, 2], gap="large")
with left:
    st.vega_lite_chart(spec=intuition_chart(curve.cost, (curve.w_min, curve.w_max), run, 0), width="stretch")
with right:
    st.subheader(f"Starting at w₀ = {fmt(settings.w0)}")
    st.latex(rf"\frac{{dJ}}{{dw}}\Big|_{{w={exact(settings.w0)}}} = {number(slope0)}")
    st.latex(step_equation(settings.alpha, slope0, latex=True))
    show_verdict(classify_descent(run, curve))
    if curve.minima:
        st.markdown("Local minima of this curve: " + ", ".join(f"w = {fmt(m)}" for m in curve.minima))

st.subheader("Steps shrink by themselves near a minimum")
step_runs = [(f"w₀ = {fmt(settings.w0)}", run)] + [
    (f"w₀ = {fmt(w)}", run_descent(curve, w, settings.alpha, settings.iters, slope_tol=None, step_tol=None))
    for w in curve.other_starts(settings.w0)
]
st.vega_lite_chart(spec=steps_chart(step_runs), width="stretch")
st.caption(steps_caption(settings.alpha, all(steps_shrink(r) for _, r in step_runs)))

st.subheader("Which minimum does each start reach?")
basin = cached_basins(curve_id(curve), curve, settings.alpha)
st.vega_lite_chart(
    spec=basin_chart(curve.cost, (curve.w_min, curve.w_max), basin, settings.w0),
    width="stretch", on_select=pick_start_from_curve, selection_mode="pick", key="basin_click",
)
st.caption(
    f"Every dot is a start w₀, coloured by where gradient descent with α = {exact(settings.alpha)} goes from there "
    f"in {BASIN_ITERS:,} iterations. Click a dot to start there. Diamonds mark the minima."
)

st.subheader("The same in two parameters: a landscape with several valleys")
st.latex(r"J(w,b) = 0.04\,(w^2+b^2) - \sum_k a_k \, e^{-\frac{(w-w_k)^2 + (b-b_k)^2}{2 s_k^2}}")
landscape_view(lesson.defaults["surface_alpha"], lesson.defaults["surface_iters"])
