"""Learning-rate pitfalls: several alphas side by side, their costs, and the divergence wall."""

import numpy as np
import streamlit as st

from gd_core.descent import largest_stable_alpha, run_descent, sweep_alphas
from gd_core.verdict import judge
from ui.charts_1d import compare_paths_chart, cost_history_chart, sweep_chart
from ui.text import fmt
from ui.controls import curve_id, curve_picker, parse_alphas, run_controls_without_alpha
from ui.shell import require_navigation, restore_view, share_link

require_navigation()
restore_view("learning_rate")

@st.cache_data(max_entries=64, show_spinner=False)
def cached_sweep(curve_key: tuple, _curve, w0: float, alphas: tuple[float, ...]):
    # 70 full runs: shared between students who look at the same curve and start.
    return sweep_alphas(_curve, w0, np.array(alphas), 500)


st.title("Learning rate: too small, just right, too large")
st.markdown(
    "The learning rate α sets the size of every step. Too small and descent **crawls**; too large "
    "and it **overshoots** the minimum, bouncing from side to side, and past a limit it **diverges**."
)

with st.sidebar:
    st.header("Settings")
    curve = curve_picker(default="bowl")
    settings = run_controls_without_alpha(curve, w0=float(curve.w_min + 0.05 * (curve.w_max - curve.w_min)), iters=60)

w_star = min(curve.minima, key=lambda m: abs(m - settings.w0)) if curve.minima else None
alpha_max = largest_stable_alpha(curve, w_star) if w_star is not None else float("inf")
suggested = [0.02, 0.45, 0.9, 1.05] if np.isfinite(alpha_max) else [0.01, 0.05, 0.1, 0.5]
suggested_alphas = [float(f"{f * alpha_max:.2g}") for f in suggested] if np.isfinite(alpha_max) else suggested

with st.sidebar:
    alphas = parse_alphas(suggested_alphas)

runs = [(f"α = {alpha:g}", run_descent(curve, settings.w0, alpha, settings.iters)) for alpha in alphas]
j_min = float(np.min(curve.cost(np.asarray(curve.minima)))) if curve.minima else min(float(r.cost.min()) for _, r in runs)

if np.isfinite(alpha_max):
    st.latex(
        rf"\alpha_{{\max}} = \frac{{2}}{{J''(w^*)}} = \frac{{2}}{{{2 / alpha_max:.4g}}} = {alpha_max:.4g}"
        rf"\qquad (w^* = {w_star:.4g})"
    )
    st.caption(
        "Near the minimum w*, each step multiplies the distance to w* by (1 − α·J''(w*)). "
        "Above this α that factor is below −1: every bounce is bigger than the last."
    )

cols = st.columns(len(runs))
for col, (label, run) in zip(cols, runs):
    verdict = judge(run.stop_reason, run.step, settings.iters, run.message)
    icon = {"converged": ":material/check_circle:", "oscillating": ":material/swap_horiz:", "diverged": ":material/error:", "creeping": ":material/hourglass_top:"}[verdict.kind]
    with col.container(border=True):
        st.markdown(f"**{label}**")
        st.markdown(f"{icon} {verdict.text}")
        st.caption(f"final w = {fmt(run.final_w)}, J = {fmt(float(run.cost[-1]))}")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Paths on the curve")
    st.vega_lite_chart(spec=compare_paths_chart(curve.cost, (curve.w_min, curve.w_max), runs), width="stretch")
with right:
    st.subheader("Cost per iteration")
    st.vega_lite_chart(spec=cost_history_chart(runs, j_min), width="stretch")
    st.caption("J(w) − J(w*), the cost above the lowest minimum, on a log scale: a straight fall is steady progress.")

st.subheader("How many iterations does each α need?")
if np.isfinite(alpha_max):
    sweep_range = np.geomspace(alpha_max / 200, alpha_max * 1.4, 70)
else:
    sweep_range = np.geomspace(1e-3, 2.0, 70)
sweep = cached_sweep(curve_id(curve), curve, settings.w0, tuple(sweep_range))
st.vega_lite_chart(spec=sweep_chart(sweep.alphas, sweep.iterations, sweep.diverged, alpha_max, 500), width="stretch")
st.caption(
    "Each dot is a full run from the same start, up to 500 iterations. Bigger α is faster, up to the wall "
    "at 2 / J''(w*), where runs stop converging and diverge."
)

share_link()
