"""Linear regression on your data: batch gradient descent on J(w, b), against least squares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from gd_core.linreg import (
    cost_grid,
    fit_summary,
    gradient_from_stats,
    largest_stable_alpha,
    run_from_stats,
    scale_stats,
    unscale_params,
)
from gd_core.verdict import judge_by_gap
from ui.charts_regression import (
    contour_window,
    cost_chart,
    fit_chart,
    parameter_chart,
    path_frame,
)
from ui.charts_surface import surface_chart
from ui.data_source import choose_data, prepare, show_upload_help
from ui.shell import require_navigation, restore_view, share_link

require_navigation()
restore_view("regression")

st.title("Fit a line to your data with gradient descent")
st.markdown(
    "Batch gradient descent fits $f(x) = w\\,x + b$ by making the cost $J(w,b)$ smaller, one "
    "**simultaneous** update of $w$ and $b$ at a time. Bring a CSV, or start with a built-in dataset."
)
st.latex(r"J(w,b) = \frac{1}{2m} \sum_{i=1}^{m} \left(f_{w,b}(x^{(i)}) - y^{(i)}\right)^2")

with st.sidebar:
    st.header("Data")
    source = choose_data()
if source is None:
    show_upload_help()
    share_link()
    st.stop()

with st.sidebar:
    st.header("Gradient descent")
    alpha = st.number_input(
        "Learning rate α", min_value=0.0, max_value=100.0, value=0.01, step=0.001, format="%.6g",
        key="alpha", bind="query-params",
        help="The step size. Above the stable limit shown on the page, the cost grows instead of falling.",
    )
    iters = st.number_input(
        "Iterations", min_value=1, max_value=200_000, value=10_000, step=1000,
        key="iters", bind="query-params", help="How many simultaneous updates to run (up to 200,000).",
    )
    w0 = st.number_input(
        "Initial w", value=0.0, step=1.0, format="%.6g", key="w0", bind="query-params",
        help="Where w starts (every feature's weight starts here).",
    )
    b0 = st.number_input("Initial b", value=0.0, step=1.0, format="%.6g", key="b0", bind="query-params", help="Where b starts.")
    scale = st.toggle(
        "Feature scaling (z-score)", value=False, key="scale", bind="query-params",
        help="Run descent on x' = (x − μ) / σ, then map w and b back to the original units. "
        "It makes the cost's contours round, so one α suits every direction.",
    )
    compare = st.toggle(
        "Compare with the sequential (wrong) update", value=False, key="sequential",
        help="Also run the version that updates w first and then computes b's gradient with the new w.",
    )

ready = prepare(source)
if ready is None:
    share_link()
    st.stop()
source, prepared = ready
stats = prepared.stats
n = stats.n
one = n == 1

# --- run ------------------------------------------------------------------------------------------
w_in = np.full(n, float(w0)) if not one else float(w0)
if scale:
    run_stats, mu, sigma = scale_stats(stats)
    # The start (w0, b0) is in original units; express it in scaled units: w' = w σ, b' = b + w·μ.
    w_start = np.asarray(w_in, dtype=float) * sigma if not one else float(w0) * float(sigma[0])
    b_start = float(b0) + float(np.sum(np.asarray(w_in) * mu))
else:
    run_stats, mu, sigma = stats, None, None
    w_start, b_start = w_in, float(b0)


def run(sequential: bool):
    result = run_from_stats(run_stats, w_start, b_start, float(alpha), int(iters), sequential=sequential)
    if scale:
        w_hist, b_hist = unscale_params(result.w_history, result.b_history, mu, sigma)
    else:
        w_hist, b_hist = result.w_history, result.b_history
    return result, np.asarray(w_hist), np.asarray(b_hist)


result, w_hist, b_hist = run(False)
if compare:
    seq_result, seq_w_hist, seq_b_hist = run(True)
alpha_max = largest_stable_alpha(run_stats)
j_star = stats.sse_star / (2 * stats.m)
steps = np.diff(np.column_stack([result.w_history.reshape(result.cost_history.size, -1), result.b_history]), axis=0)
verdict = judge_by_gap(result.cost_history, j_star, steps, result.stop_reason, int(iters), result.message)

# --- verdict and fix ------------------------------------------------------------------------------
w_final = w_hist[-1]
b_final = float(b_hist[-1])
summary = fit_summary(stats, w_final, b_final)
limit_text = f"{alpha_max:.3g}"
if verdict.kind == "converged":
    st.success(f"Gradient descent {verdict.text}.", icon=":material/check_circle:")
elif verdict.kind == "diverged":
    st.error(
        f"Gradient descent {verdict.text}. α = {alpha:g} is above the stable limit {limit_text}: lower it"
        + ("" if scale else ", or turn on feature scaling") + ".",
        icon=":material/error:",
    )
elif verdict.kind == "oscillating":
    st.warning(
        f"Gradient descent is {verdict.text}: α = {alpha:g} is close to the stable limit {limit_text}. "
        "Lower α a little, or run more iterations.",
        icon=":material/swap_horiz:",
    )
else:
    st.warning(
        f"Gradient descent is {verdict.text}: α = {alpha:g} is small next to the stable limit {limit_text}. "
        "Raise α towards it, run more iterations" + ("" if scale else ", or turn on feature scaling") + ".",
        icon=":material/hourglass_top:",
    )

# --- numbers ----------------------------------------------------------------------------------------
m_cols = [*st.columns(3), *st.columns(3)]
w_text = f"{float(w_final):.7g}" if one else ", ".join(f"{v:.4g}" for v in np.ravel(w_final))
m_cols[0].metric("w", w_text, help="The learned weight(s), in original units.")
m_cols[1].metric("b", f"{b_final:.7g}", help="The learned intercept, in original units.")
m_cols[2].metric("J(w, b)", f"{summary.cost:.4g}", help="The cost at the learned (w, b).")
m_cols[3].metric("RMSE", f"{summary.rmse:.4g}", help="Root-mean-square error = √(2J), in the units of y.")
m_cols[4].metric("R²", f"{summary.r2:.4f}", help="Share of the variance of y that the line explains (1 is perfect).")
m_cols[5].metric(
    "Off by", f"{summary.distance_to_least_squares:.3g}",
    help="Distance from (w, b) to the exact least-squares answer (w*, b*): √(Σ(w − w*)² + (b − b*)²).",
)

x_names = source.x_columns
if one:
    fit_col, cost_col = st.columns(2, gap="large")
    with fit_col:
        st.subheader("The data and the line")
        st.vega_lite_chart(spec=
            fit_chart(prepared.x_sample, prepared.y_sample, w_hist, b_hist, float(stats.w_star[0]), stats.b_star, x_names[0], source.y_column),
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
    runs = [("simultaneous update", result.cost_history)]
    if compare:
        runs.append(("sequential (wrong) update", seq_result.cost_history))
    st.vega_lite_chart(spec=cost_chart(runs, j_star), width="stretch")
    st.caption(f"The dashed line is the lowest cost any line can reach (least squares). Stable limit: α < {limit_text}.")

if not one:
    st.subheader("Each parameter per iteration")
    st.vega_lite_chart(spec=parameter_chart(w_hist, b_hist, x_names), width="stretch")
    st.info("The contour view shows one feature at a time: pick a single x column to see J(w, b) as a map.", icon=":material/info:")
else:
    st.subheader("The cost surface J(w, b) and the path of descent")
    w_paths, b_paths = [w_hist], [b_hist]
    if compare:
        w_paths.append(seq_w_hist)
        b_paths.append(seq_b_hist)
    grid_w, grid_b = contour_window(w_paths, b_paths, float(stats.w_star[0]), stats.b_star)
    paths = [path_frame("simultaneous", w_hist, b_hist, result.cost_history)]
    if compare:
        paths.append(path_frame("sequential (wrong)", seq_w_hist, seq_b_hist, seq_result.cost_history))
    original = surface_chart(
        grid_w, grid_b, cost_grid(stats, grid_w, grid_b), pd.concat(paths, ignore_index=True),
        w_title=f"w (per unit of {x_names[0]})", b_title="b (intercept)", height=420,
        marker=(float(stats.w_star[0]), stats.b_star),
    )
    if scale:
        left, right = st.columns(2, gap="large")
        with left:
            st.markdown("**Original units**: long, narrow valleys")
            st.vega_lite_chart(spec=original, width="stretch")
        with right:
            st.markdown("**Scaled x**: round contours, a straight path")
            s_paths = [path_frame("simultaneous", np.asarray(result.w_history), np.asarray(result.b_history), result.cost_history)]
            if compare:
                s_paths.append(path_frame("sequential (wrong)", np.asarray(seq_result.w_history), np.asarray(seq_result.b_history), seq_result.cost_history))
            s_w, s_b = contour_window(
                [result.w_history], [result.b_history], float(run_stats.w_star[0]), run_stats.b_star, square=True
            )
            st.vega_lite_chart(spec=
                surface_chart(
                    s_w, s_b, cost_grid(run_stats, s_w, s_b), pd.concat(s_paths, ignore_index=True),
                    w_title="w' (per standard deviation of x)", b_title="b'", height=340, width=340,
                    marker=(float(run_stats.w_star[0]), run_stats.b_star),
                ),
                width=470,  # plot area 340 x 340 plus the legend: round contours look round
            )
        st.caption(f"Scaling: x' = (x − {float(mu[0]):.4g}) / {float(sigma[0]):.4g}; back in original units w = w'/σ, b = b' − w·μ.")
    else:
        st.vega_lite_chart(spec=original, width="stretch")
    st.caption("Darker is lower cost. The diamond is the least-squares answer; a cross marks where each path ended.")

# --- the first update, written out ------------------------------------------------------------------
with st.expander("The first update, with its numbers", expanded=True):
    dj_dw, dj_db = gradient_from_stats(run_stats, w_start, b_start)
    st.latex(r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)x^{(i)} \qquad \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)")
    if one:
        w1 = float(w_start) - float(alpha) * float(dj_dw)
        b1 = b_start - float(alpha) * dj_db
        prefix = "'" if scale else ""
        st.latex(rf"\frac{{\partial J}}{{\partial w{prefix}}} = {float(dj_dw):.6g}, \qquad \frac{{\partial J}}{{\partial b{prefix}}} = {dj_db:.6g}")
        st.latex(rf"w{prefix} := {float(w_start):.6g} - {float(alpha):g} \times ({float(dj_dw):.6g}) = {w1:.6g}")
        st.latex(rf"b{prefix} := {b_start:.6g} - {float(alpha):g} \times ({dj_db:.6g}) = {b1:.6g}")
    else:
        st.write({"dJ/dw": np.round(np.asarray(dj_dw), 6).tolist(), "dJ/db": round(dj_db, 6)})
    st.markdown(
        "Both gradients are computed from the **same** (w, b) before either changes: that is the simultaneous update."
    )

# --- downloads ----------------------------------------------------------------------------------------
names = [f"w[{name}]" for name in x_names]
params = pd.DataFrame(
    {
        "parameter": [*names, "b"],
        "gradient_descent": [*np.ravel(w_final), b_final],
        "least_squares": [*np.ravel(stats.w_star), stats.b_star],
    }
)
history = pd.DataFrame({"iteration": np.arange(result.cost_history.size), "cost": result.cost_history})
d1, d2 = st.columns(2)
d1.download_button(
    # Callables: the CSV is made when the button is clicked, not on every rerun.
    "Download fitted parameters (CSV)", lambda: params.to_csv(index=False).encode(), "fitted_parameters.csv", "text/csv",
    icon=":material/download:", help="w and b from gradient descent and from least squares.",
)
d2.download_button(
    "Download cost history (CSV)", lambda: history.to_csv(index=False).encode(), "cost_history.csv", "text/csv",
    icon=":material/download:", help="J(w, b) after every iteration.",
)

share_link()
