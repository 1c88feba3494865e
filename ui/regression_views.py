"""The regression page's sections: its descent controls and what it draws for a fit.

Each function takes what it shows as arguments (the page's data, its fit, its settings) and
draws one part of the page; the page script calls them in lesson order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from gd_core.fit import Fit
from gd_core.linreg import one_update
from gd_core.sums import FitSummary, Stats
from gd_core.verdict import Verdict
from ui.plotly_regression import CLICK_NAME
from ui.text import verdict_icon


@dataclass(frozen=True)
class DescentSettings:
    alpha: float
    iters: int
    w0: float
    b0: float
    scale: bool
    compare: bool


def descent_controls(defaults: dict) -> DescentSettings:
    """Sidebar: learning rate, iterations, start, scaling and the sequential comparison (all in the URL)."""
    alpha = st.number_input(
        "Learning rate α", min_value=0.0, max_value=100.0, value=defaults["alpha"], step=0.001, format="%.6g",
        key="alpha", bind="query-params",
        help="The step size. Above the stable limit shown on the page, the cost grows instead of falling.",
    )
    iters = st.number_input(
        "Iterations", min_value=1, max_value=200_000, value=defaults["iters"], step=1000,
        key="iters", bind="query-params", help="How many simultaneous updates to run (up to 200,000).",
    )
    w0 = st.number_input(
        "Initial w", value=defaults["w0"], step=1.0, format="%.6g", key="w0", bind="query-params",
        help="Where w starts (every feature's weight starts here).",
    )
    b0 = st.number_input("Initial b", value=defaults["b0"], step=1.0, format="%.6g", key="b0", bind="query-params", help="Where b starts.")
    scale = st.toggle(
        "Feature scaling (z-score)", value=False, key="scale", bind="query-params",
        help="Run descent on x' = (x − μ) / σ, then map w and b back to the original units. "
        "It makes the cost's contours round, so one α suits every direction.",
    )
    compare = st.toggle(
        "Compare with the sequential (wrong) update", value=False, key="sequential", bind="query-params",
        help="Also run the version that updates w first and then computes b's gradient with the new w.",
    )
    return DescentSettings(float(alpha), int(iters), float(w0), float(b0), bool(scale), bool(compare))


def verdict_banner(verdict: Verdict, alpha: float, alpha_max: float, scaled: bool) -> None:
    """What the run did, and the fix when it did not converge."""
    limit_text = f"{alpha_max:.3g}"
    scaling_fix = "" if scaled else ", or turn on feature scaling"
    icon = verdict_icon(verdict.kind)
    if verdict.kind == "converged":
        st.success(f"Gradient descent {verdict.text}.", icon=icon)
    elif verdict.kind == "diverged":
        st.error(f"Gradient descent {verdict.text}. α = {alpha:g} is above the stable limit {limit_text}: lower it{scaling_fix}.", icon=icon)
    elif verdict.kind == "oscillating":
        st.warning(
            f"Gradient descent is {verdict.text}: α = {alpha:g} is close to the stable limit {limit_text}. "
            "Lower α a little, or run more iterations.",
            icon=icon,
        )
    else:
        st.warning(
            f"Gradient descent is {verdict.text}: α = {alpha:g} is small next to the stable limit {limit_text}. "
            f"Raise α towards it, run more iterations{scaling_fix}.",
            icon=icon,
        )


def fit_metrics(fit: Fit, summary: FitSummary) -> None:
    """The learned w and b (original units) and how good the line is."""
    cols = [*st.columns(3), *st.columns(3)]
    w_text = f"{float(fit.path.w[0]):.7g}" if fit.path.w.size == 1 else ", ".join(f"{v:.4g}" for v in fit.path.w)
    cols[0].metric("w", w_text, help="The learned weight(s), in original units.")
    cols[1].metric("b", f"{fit.path.b:.7g}", help="The learned intercept, in original units.")
    cols[2].metric("J(w, b)", f"{summary.cost:.4g}", help="The cost at the learned (w, b).")
    cols[3].metric("RMSE", f"{summary.rmse:.4g}", help="Root-mean-square error = √(2J), in the units of y.")
    cols[4].metric("R²", f"{summary.r2:.4f}", help="Share of the variance of y that the line explains (1 is perfect).")
    cols[5].metric(
        "Off by", f"{summary.distance_to_least_squares:.3g}",
        help="Distance from (w, b) to the exact least-squares answer (w*, b*): √(Σ(w − w*)² + (b − b*)²).",
    )


def start_from_click() -> None:
    """A click on the map of J(w, b) sets the start (w0, b0); the URL follows (the widgets are bound to it).

    A selection callback runs before the script, so setting the bound widgets' values is allowed.
    """
    for point in st.session_state.get("regression_click", {}).get("selection", {}).get("points", []):
        if point.get("legendgroup") == CLICK_NAME:
            st.session_state["w0"] = float(f"{float(point['x']):.4g}")
            st.session_state["b0"] = float(f"{float(point['y']):.4g}")
            return


def first_update(fit: Fit, alpha: float) -> None:
    """The first simultaneous update, every number written out (in scaled units when scaled)."""
    update = one_update(fit.run_stats, fit.w_start, fit.b_start, alpha)
    st.latex(r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)x^{(i)} \qquad \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)")
    if fit.w_start.size == 1:
        prefix = "'" if fit.scaled else ""
        dj_dw, w_start = float(update.dj_dw[0]), float(fit.w_start[0])
        st.latex(rf"\frac{{\partial J}}{{\partial w{prefix}}} = {dj_dw:.6g}, \qquad \frac{{\partial J}}{{\partial b{prefix}}} = {update.dj_db:.6g}")
        st.latex(rf"w{prefix} := {w_start:.6g} - {alpha:g} \times ({dj_dw:.6g}) = {float(update.w_new[0]):.6g}")
        st.latex(rf"b{prefix} := {fit.b_start:.6g} - {alpha:g} \times ({update.dj_db:.6g}) = {update.b_new:.6g}")
    else:
        st.write({"dJ/dw": [float(f"{v:.6g}") for v in update.dj_dw], "dJ/db": float(f"{update.dj_db:.6g}")})
    st.markdown("Both gradients are computed from the **same** (w, b) before either changes: that is the simultaneous update.")


def downloads(stats: Stats, fit: Fit, x_names: list[str]) -> None:
    """The fitted parameters beside least squares, and the cost history, as CSV files."""
    params = pd.DataFrame(
        {
            "parameter": [*(f"w[{name}]" for name in x_names), "b"],
            "gradient_descent": [*fit.path.w, fit.path.b],
            "least_squares": [*stats.w_star, stats.b_star],
        }
    )
    history = pd.DataFrame({"iteration": np.arange(fit.result.cost_history.size), "cost": fit.result.cost_history})
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
