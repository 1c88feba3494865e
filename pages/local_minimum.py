"""Local-minimum fixed point: at a minimum the step is zero; different starts, different minima."""

import numpy as np
import pandas as pd
import streamlit as st

from gd_core import surface
from gd_core.descent import basins, run_descent
from ui.charts_1d import basin_chart, intuition_chart, steps_chart
from ui.text import fmt
from ui.charts_surface import surface_chart
from ui.controls import curve_id, curve_picker, run_controls
from ui.shell import require_navigation, restore_view, share_link

require_navigation()
restore_view("local_minimum")

@st.cache_data(max_entries=64, show_spinner=False)
def landscape_spec(starts: tuple[tuple[float, float], ...], alpha: float, iters: int) -> dict:
    # The same for every student with the same starts: one shared, bounded cache.
    paths = surface.descend(np.array(starts), alpha, iters)
    grid_w = np.linspace(*surface.W_RANGE, 50)  # 2,500 cells: light for the browser to draw
    grid_b = np.linspace(*surface.B_RANGE, 50)
    path_df = pd.concat(
        [
            pd.DataFrame({"path": f"start ({w0:g}, {b0:g})", "i": np.arange(paths.w.shape[0]), "w": paths.w[:, k], "b": paths.b[:, k], "J": paths.cost[:, k]})
            for k, (w0, b0) in enumerate(starts)
        ],
        ignore_index=True,
    )
    return surface_chart(grid_w, grid_b, surface.cost(*np.meshgrid(grid_w, grid_b)), path_df, clickable=True)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_basins(curve_key: tuple, _curve, alpha: float) -> tuple[np.ndarray, object]:
    starts = np.linspace(_curve.w_min, _curve.w_max, 241)
    return starts, basins(_curve, starts, alpha, 2000, _curve.minima)


st.title("At a minimum, gradient descent stands still")
st.markdown(
    "At a local minimum the slope is zero, so the update is w := w − α × 0 and **w does not move**. "
    "Near a minimum the slope is small, so the steps shrink **by themselves** although α stays fixed. "
    "And which minimum you reach depends on **where you start**."
)


def pick_start_from_curve() -> None:
    # Runs before the script, so setting the bound w0 widget's value here is allowed.
    selection = st.session_state.get("basin_click", {}).get("selection", {}).get("pick", [])
    if selection:
        st.session_state["w0"] = round(float(selection[0]["w"]), 3)


with st.sidebar:
    st.header("Settings")
    curve = curve_picker(default="two_minima")
    settings = run_controls(curve, alpha=0.1, w0=5.0, iters=30, max_iters=300)

# Run every iteration, even at a minimum, to show that nothing moves there.
run = run_descent(curve, settings.w0, settings.alpha, settings.iters, slope_tol=None, step_tol=None)
slope0 = float(run.slope[0])

left, right = st.columns([3, 2], gap="large")
with left:
    st.vega_lite_chart(spec=intuition_chart(curve.cost, (curve.w_min, curve.w_max), run, 0), width="stretch")
with right:
    st.subheader(f"Starting at w₀ = {fmt(settings.w0)}")
    st.latex(rf"\frac{{dJ}}{{dw}}\Big|_{{w={settings.w0:.3f}}} = {slope0:.3f}")
    st.latex(rf"\text{{step}} = \alpha \times \frac{{dJ}}{{dw}} = {settings.alpha:.3f} \times {slope0:.3f} = {settings.alpha * slope0:.3f}")
    if run.stop_reason == "diverged":
        st.error(f"This run {run.message}. Lower α.", icon=":material/warning:")
    elif np.all(run.step == 0):
        st.success(
            f"The slope here is exactly 0, so every step is α × 0 = 0: **w stays {fmt(settings.w0)} at every "
            f"one of the {run.iterations} iterations**. This is a local minimum, a fixed point of gradient descent.",
            icon=":material/anchor:",
        )
    else:
        nearest = min(curve.minima, key=lambda m: abs(m - run.final_w)) if curve.minima else None
        where = f", next to the minimum at w = {fmt(nearest)}" if nearest is not None and abs(nearest - run.final_w) < 1e-3 else ""
        st.info(
            f"After {run.iterations} iterations w = {fmt(run.final_w)}{where}. The last step was "
            f"{fmt(abs(float(run.step[-1])))} long, the first {fmt(abs(float(run.step[0])))}.",
            icon=":material/flag:",
        )
    if curve.minima:
        st.markdown("Local minima of this curve: " + ", ".join(f"w = {fmt(m)}" for m in curve.minima))

st.subheader("Steps shrink by themselves near a minimum")
others = [w for w in (curve.w_min + 0.08 * (curve.w_max - curve.w_min), curve.w_max - 0.08 * (curve.w_max - curve.w_min)) if abs(w - settings.w0) > 1e-9]
step_runs = [(f"w₀ = {fmt(settings.w0)}", run)] + [
    (f"w₀ = {fmt(w)}", run_descent(curve, w, settings.alpha, settings.iters, slope_tol=None, step_tol=None)) for w in others
]
st.vega_lite_chart(spec=steps_chart(step_runs), width="stretch")
st.caption(f"α stays {settings.alpha:g} the whole time; the steps get smaller because the slope does.")

st.subheader("Which minimum does each start reach?")
starts, basin = cached_basins(curve_id(curve), curve, settings.alpha)
st.vega_lite_chart(spec=
    basin_chart(curve.cost, (curve.w_min, curve.w_max), starts, basin.minimum_index, curve.minima, settings.w0),
    width="stretch",
    on_select=pick_start_from_curve,
    selection_mode="pick",
    key="basin_click",
)
st.caption(
    f"Every dot is a start w₀, coloured by the minimum that gradient descent with α = {settings.alpha:g} ends in. "
    "Click a dot to start there. Diamonds mark the minima."
)

st.subheader("The same in two parameters: a landscape with several valleys")
st.latex(r"J(w,b) = 0.04\,(w^2+b^2) - \sum_k a_k \, e^{-\frac{(w-w_k)^2 + (b-b_k)^2}{2 s_k^2}}")
default_starts = [(-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0)]
if "_surface_starts" not in st.session_state:
    st.session_state["_surface_starts"] = list(default_starts)


def add_surface_start() -> None:
    selection = st.session_state.get("surface_click", {}).get("selection", {}).get("start", [])
    if selection:
        point = (round(float(selection[0]["w"]), 2), round(float(selection[0]["b"]), 2))
        st.session_state["_surface_starts"] = (st.session_state["_surface_starts"] + [point])[-8:]


controls = st.columns([2, 2, 1, 1])
surface_alpha = controls[0].slider(
    "α for the landscape", 0.05, 2.0, 0.5, 0.05, key="surface_alpha", bind="query-params",
    help="The learning rate for descent on J(w, b). Try a large one and watch a path jump valleys.",
)
surface_iters = controls[1].slider(
    "Iterations on the landscape", 10, 400, 150, 10, key="surface_iters", bind="query-params", help="Updates per path."
)
if controls[2].button("Random starts", icon=":material/casino:", help="Drop five starts at random.", width="stretch"):
    rng = np.random.default_rng()
    st.session_state["_surface_starts"] = [tuple(np.round(p, 2)) for p in rng.uniform(-4.8, 4.8, size=(5, 2))]
if controls[3].button("Reset", icon=":material/restart_alt:", help="Back to the five default starts.", width="stretch", key="surface_reset"):
    st.session_state["_surface_starts"] = list(default_starts)

starts_2d = tuple(tuple(float(v) for v in p) for p in st.session_state["_surface_starts"])
st.vega_lite_chart(spec=
    landscape_spec(starts_2d, float(surface_alpha), int(surface_iters)),
    width="stretch",
    on_select=add_surface_start,
    selection_mode="start",
    key="surface_click",
)
st.caption("Click anywhere on the map to drop a start there (the last 8 are kept). Crosses mark where each path ends.")

share_link()
