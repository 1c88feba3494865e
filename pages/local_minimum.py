"""Local-minimum fixed point: at a minimum the step is zero; different starts, different minima."""

import numpy as np
import streamlit as st

from gd_core.descent import basins, run_descent
from ui import figures
from ui.controls import curve_id, curve_settings, stop_unless_finite_start
from ui.landscape import add_start, landscape_controls, landscape_map, landscape_paths
from ui.page import open_lesson
from ui.plotly_minima import BASIN_GROUP, LANDSCAPE_GROUP
from ui.text import fmt

lesson = open_lesson("local_minimum")
BASIN_STARTS, BASIN_ITERS = 241, 2000


@st.cache_data(max_entries=64, show_spinner=False)
def cached_basins(curve_key: tuple, _curve, alpha: float) -> tuple[np.ndarray, object]:
    starts = _curve.grid(BASIN_STARTS)
    return starts, basins(_curve, starts, alpha, BASIN_ITERS, _curve.minima)


def pick_start() -> None:
    # Runs before the script, so setting the bound w0 widget's value here is allowed. A click on
    # the curve's dots picks w0; a click on the landscape drops a start there.
    for point in st.session_state.get("minima_click", {}).get("selection", {}).get("points", []):
        if point.get("legendgroup") == BASIN_GROUP:
            st.session_state["w0"] = round(float(point["x"]), 3)
        elif point.get("legendgroup") == LANDSCAPE_GROUP:
            add_start(point["x"], point["y"])


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

left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader(f"Starting at w₀ = {fmt(settings.w0)}")
    st.latex(rf"\frac{{dJ}}{{dw}}\Big|_{{w={settings.w0:.3f}}} = {slope0:.3f}")
    st.latex(
        rf"\text{{step}} = -\alpha \times \frac{{dJ}}{{dw}} = -{settings.alpha:.3f} \times {'(' if slope0 < 0 else ''}{slope0:.3f}{')' if slope0 < 0 else ''}"
        rf" = {run.next_step(0):.3f}"
    )
with right:
    if run.stop_reason == "diverged":
        st.error(f"This run {run.message}. Lower α.", icon=":material/warning:")
    elif np.all(run.step == 0):
        st.success(
            f"The slope here is exactly 0, so every step is α × 0 = 0: **w stays {fmt(settings.w0)} at every "
            f"one of the {run.iterations} iterations**. This is a local minimum, a fixed point of gradient descent.",
            icon=":material/anchor:",
        )
    else:
        nearest = curve.nearest_minimum(run.final_w, within=1e-3)
        where = f", next to the minimum at w = {fmt(nearest)}" if nearest is not None else ""
        st.info(
            f"After {run.iterations} iterations w = {fmt(run.final_w)}{where}. The last step was "
            f"{fmt(abs(float(run.step[-1])))} long, the first {fmt(abs(float(run.step[0])))}.",
            icon=":material/flag:",
        )
    if curve.minima:
        st.markdown("Local minima of this curve: " + ", ".join(f"w = {fmt(m)}" for m in curve.minima))

step_runs = [(f"w₀ = {fmt(settings.w0)}", run)] + [
    (f"w₀ = {fmt(w)}", run_descent(curve, w, settings.alpha, settings.iters, slope_tol=None, step_tol=None))
    for w in curve.other_starts(settings.w0)
]
starts, basin = cached_basins(curve_id(curve), curve, settings.alpha)

st.subheader("Watch every start roll downhill, in one and in two parameters")
st.latex(r"J(w,b) = 0.04\,(w^2+b^2) - \sum_k a_k \, e^{-\frac{(w-w_k)^2 + (b-b_k)^2}{2 s_k^2}}")
surface_starts, surface_alpha, surface_iters = landscape_controls(lesson.defaults["surface_alpha"], lesson.defaults["surface_iters"])
paths = landscape_paths(surface_starts, surface_alpha, surface_iters)
key = (curve_id(curve), settings.alpha, settings.w0, settings.iters, surface_starts, surface_alpha, surface_iters)
figure = figures.local_minimum(key, curve, step_runs, (starts, basin), landscape_map(), paths)
st.plotly_chart(figure, width="stretch", on_select=pick_start, selection_mode="points", key="minima_click")
st.caption(
    f"Press **Play**: every start moves at once, α stays {settings.alpha:g} on the curve and the steps get smaller "
    "because the slope does. Dots on the curve: a start w₀, coloured by the minimum gradient descent ends in "
    f"(click one to start there); diamonds mark the minima. On the landscape, click anywhere to drop a start "
    "(the last 8 are kept); drag the surface to turn it."
)
