"""The regression page's sections: its descent controls and what it draws for a fit.

Each function takes what it shows as arguments (the page's data, its fit, its settings) and
draws one part of the page; the page script calls them in lesson order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from gd_core.auto_alpha import AlphaChoice
from gd_core.fit import Fit
from gd_core.linreg import one_update
from gd_core.run_facts import sequential_same_as_simultaneous, update_factor
from gd_core.sums import FitSummary, Stats
from gd_core.verdict import Verdict
from gd_core.wording import number
from ui.app import state
from ui.app.challenge import hidden, locked, unless_hidden
from ui.app.present import present_mode
from ui.app.clicks import clicked_points
from ui.app.settings import RegressionDefaults, RunSettings
from ui.cache import runs
from ui.charts.regression_ghost import Ghost
from ui.charts.regression_maps import CLICK_NAME
from ui.words.text import exact, limit_text, update_equation
from ui.words.captions import r2_text, sequential_comparison_text
from ui.views.predict import Asked
from ui.views.verdicts import show_verdict


@dataclass(frozen=True)
class DescentSettings(RunSettings):
    """Page 4's run, with feature scaling or not, and the sequential (wrong) update beside it or not."""

    scale: bool = False
    compare: bool = False


def _rate_for_data(data_id: tuple, choice: AlphaChoice, defaults: RegressionDefaults, default_data: bool) -> None:
    """On new data (or scaling turned on or off), set α and iterations from the data's own limit.

    The lesson's own data (the course lab, as it opens) keeps the course's α and iterations; a
    link that names α keeps it on arrival. Runs before the controls are drawn.
    """
    session = st.session_state
    if session.get(state.RATE_FOR) == data_id:
        return
    arriving = state.RATE_FOR not in session
    session[state.RATE_FOR] = data_id
    if arriving and state.ALPHA in st.query_params:
        return  # a shared link's α wins
    alpha, iters = (defaults.alpha, defaults.iters) if default_data else (choice.alpha, choice.iterations)
    if not arriving or state.ALPHA in session or alpha != defaults.alpha:
        session[state.ALPHA], session[state.ITERS] = alpha, iters


def descent_controls(defaults: RegressionDefaults, stats: Stats, data_id: tuple, default_data: bool) -> tuple[DescentSettings, Callable[[bool], None]]:
    """Sidebar: scaling, learning rate (chosen for new data), iterations, start, sequential comparison.

    Returns the settings and ``rate_note(hide_limit)``, which writes the sentence under the α box
    once the page knows whether a question hides the stable limit (before its answer)."""
    scale = st.toggle(
        "Feature scaling (z-score)", value=False, key=state.SCALE, bind="query-params", disabled=locked(state.SCALE),
        help="Run descent on x' = (x − μ) / σ, then map w and b back to the original units. "
        "It makes the cost's contours round, so one α suits every direction.",
    )
    w_start, b_start = st.session_state.get(state.W0, defaults.w0), st.session_state.get(state.B0, defaults.b0)
    choice = runs.alpha_choice(data_id, stats, float(w_start), float(b_start), bool(scale))
    _rate_for_data((*data_id, scale), choice, defaults, default_data and not scale)
    alpha = st.number_input(
        "Learning rate α", min_value=0.0, max_value=100.0, value=defaults.alpha, step=0.001, format="%.6g",
        key=state.ALPHA, bind="query-params", disabled=locked(state.ALPHA),
        help="The step size. Above the stable limit shown under this box, the cost grows instead of falling.",
    )
    note = st.empty()  # filled by the returned rate_note, once the page knows what a question hides
    iters = st.number_input(
        "Iterations", min_value=1, max_value=200_000, value=defaults.iters, step=1000,
        key=state.ITERS, bind="query-params", disabled=locked(state.ITERS), help="How many simultaneous updates to run (up to 200,000).",
    )
    w0 = st.number_input(
        "Initial w", value=defaults.w0, step=1.0, format="%.6g", key=state.W0, bind="query-params", disabled=locked(state.W0),
        help="Where w starts (every feature's weight starts here).",
    )
    b0 = st.number_input("Initial b", value=defaults.b0, step=1.0, format="%.6g", key=state.B0, bind="query-params", disabled=locked(state.B0), help="Where b starts.")
    compare = st.toggle(
        "Compare with the sequential (wrong) update", value=False, key=state.SEQUENTIAL, bind="query-params", disabled=locked(state.SEQUENTIAL),
        help="Also run the version that updates w first and then computes b's gradient with the new w.",
    )

    def show_rate_note(hide_limit: bool) -> None:
        if present_mode():  # projector mode: the controls' row only
            return
        if hide_limit:
            note.caption(HIDDEN_LIMIT)
            return
        with note.container():
            unless_hidden("wall", lambda: st.caption(rate_note(choice, float(alpha))),
                          lambda: st.caption("This data's stable limit for α is hidden until the challenge's goal is met."))

    return DescentSettings(float(alpha), int(iters), float(w0), float(b0), bool(scale), bool(compare)), show_rate_note


HIDDEN_LIMIT = "This data's stable limit for α is shown once you commit your answer."


def rate_note(choice: AlphaChoice, alpha: float) -> str:
    """The sentence under the α control: what was chosen for this data, or how α compares with the limit."""
    if alpha == choice.alpha:
        return choice.alpha_text
    return (
        f"This data's stable limit is {limit_text(choice.stable_limit, alpha)}: α above it diverges. "
        f"α = {exact(choice.alpha)} is the suggestion for it; {exact(choice.diverge_alpha)} shows a divergence."
    )


def verdict_banner(verdict: Verdict, alpha: float, alpha_max: float, scaled: bool) -> None:
    """What the run did (gd_core.verdict), with the fix when it did not converge."""
    fix = ""
    if verdict.kind in ("diverging", "cycling") and not scaled:
        fix = "Feature scaling also helps: it makes the valley round, so a larger α stays stable."
    show_verdict(verdict, prefix="Gradient descent: ", fix=fix)


def sequential_note(fit: Fit, alpha: float) -> None:
    """Why the sequential (wrong) update behaves as it does beside the simultaneous one."""
    stats = fit.run_stats
    st.caption(
        sequential_comparison_text(update_factor(stats, alpha), update_factor(stats, alpha, sequential=True), sequential_same_as_simultaneous(stats))
    )


def fit_metrics(fit: Fit, summary: FitSummary, kind: str) -> None:
    """The learned w and b (original units) and how good the line is."""
    row = st.columns(3)
    cols = [*row, *row]  # two metrics a column: a 3 x 2 grid from one row of columns
    w_text = f"{float(fit.path.w[0]):.7g}" if fit.path.w.size == 1 else ", ".join(f"{v:.4g}" for v in fit.path.w)
    cols[0].metric("w", w_text, help="The learned weight(s), in original units.")
    cols[1].metric("b", f"{fit.path.b:.7g}", help="The learned intercept, in original units.")
    cols[2].metric("J(w, b)", f"{summary.cost:.4g}", help="The cost at the learned (w, b).")
    cols[3].metric("RMSE", f"{summary.rmse:.4g}", help="Root-mean-square error = √(2J), in the units of y.")
    cols[4].metric("R²", r2_text(summary.r2, kind), help="Share of the variance of y that the line explains (1 is perfect).")
    if hidden("lstsq"):
        cols[5].metric("Distance to least squares", "hidden", help="Hidden until the challenge's goal is met.")
        return
    cols[5].metric(
        "Distance to least squares", f"{summary.distance_to_least_squares:.3g}",
        help="How far the learned (w, b) is from the exact least-squares answer (w*, b*): √(Σ(w − w*)² + (b − b*)²); 0 means the same line.",
    )


def start_from_click() -> None:
    """A click on the map of J(w, b) sets the start (w0, b0); the URL follows (the widgets are bound to it).

    A selection callback runs before the rerun (of the live part), so setting the bound widgets'
    values is allowed.
    """
    for point in clicked_points(state.REGRESSION_CLICK, CLICK_NAME)[:1]:
        st.session_state[state.W0] = float(f"{float(point['x']):.4g}")
        st.session_state[state.B0] = float(f"{float(point['y']):.4g}")


def first_update(fit: Fit, alpha: float, *, solved: bool = True) -> None:
    """The first simultaneous update, every number written out (in scaled units when scaled);
    ``solved`` False: the gradients and the updates without their results (before an answer)."""
    update = one_update(fit.run_stats, fit.w_start, fit.b_start, alpha)
    st.latex(r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)x^{(i)} \qquad \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m}\left(f_{w,b}(x^{(i)}) - y^{(i)}\right)")
    if fit.w_start.size == 1:
        prefix = "'" if fit.scaled else ""
        dj_dw, w_start = float(update.dj_dw[0]), float(fit.w_start[0])
        st.latex(rf"\frac{{\partial J}}{{\partial w{prefix}}} = {dj_dw:.6g}, \qquad \frac{{\partial J}}{{\partial b{prefix}}} = {update.dj_db:.6g}")
        st.latex(update_equation(w_start, alpha, dj_dw, name=f"w{prefix}", assign=":=", latex=True, solved=solved))
        st.latex(update_equation(fit.b_start, alpha, update.dj_db, name=f"b{prefix}", assign=":=", latex=True, solved=solved))
    else:
        st.write({"dJ/dw": [float(f"{v:.6g}") for v in update.dj_dw], "dJ/db": float(f"{update.dj_db:.6g}")})
    st.markdown("Both gradients are computed from the **same** (w, b) before either changes: that is the simultaneous update.")


def downloads(stats: Stats, fit: Fit, x_names: list[str]) -> None:
    """The fitted parameters beside least squares, and the cost history, as CSV files."""

    def params() -> bytes:
        return pd.DataFrame(
            {
                "parameter": [*(f"w[{name}]" for name in x_names), "b"],
                "gradient_descent": [*fit.path.w, fit.path.b],
                **({} if hidden("lstsq") else {"least_squares": [*stats.w_star, stats.b_star]}),
            }
        ).to_csv(index=False).encode()

    def history() -> bytes:
        costs = fit.result.cost_history
        return pd.DataFrame({"iteration": np.arange(costs.size), "cost": costs}).to_csv(index=False).encode()

    row = st.container(horizontal=True)  # side by side, wrapping on a narrow screen
    row.download_button(
        # Callables: the tables and their CSV are made when a button is clicked, not on every rerun.
        "Download fitted parameters (CSV)", params, "fitted_parameters.csv", "text/csv",
        icon=":material/download:", help="w and b from gradient descent and from least squares.",
    )
    row.download_button(
        "Download cost history (CSV)", history, "cost_history.csv", "text/csv",
        icon=":material/download:", help="J(w, b) after every iteration.",
    )


# --- predict, then see ---------------------------------------------------------------------------

DIVERGES, FINAL_W, SEQUENTIAL_GAP = "regression.diverges", "regression.final_w", "regression.sequential_gap"


def figure_mark(asked: Asked) -> Ghost | None:
    """The committed answer drawn beside the result: the line with the predicted w (through the
    data's means), w* ± the predicted gap on the map, or what was said on the cost panel."""
    if asked.question is None or asked.graded is None:
        return None
    said, qid = asked.graded.response, asked.question.id
    if qid == FINAL_W:
        return Ghost("data", f"dashed: your prediction, w = {number(float(said))}", line_w=float(said), corner="bottom right")
    if qid == SEQUENTIAL_GAP:
        return Ghost("map", f"dashed: your prediction, |w − w*| = {number(float(said))}", band=abs(float(said)))
    if qid == DIVERGES:  # away from the cost curve: it falls from the top left when it converges, rises from the bottom left when not
        corner = "bottom right" if asked.graded.truth.value == "yes" else "bottom left"
        return Ghost("cost", "you said: it diverges" if said == "yes" else "you said: it does not diverge", corner=corner)
    return None


def start_caption(fit: Fit, x_rows: int, m: int) -> str:
    """Under the figure before an answer: what is drawn (the data, the start line and its cost)."""
    w0, b0, j0 = float(fit.path.w_history[0, 0]), float(fit.path.b_history[0]), float(fit.path.cost_history[0])
    return (
        f"Until you commit your answer, the figure shows the data and the line gradient descent starts from, w = {number(w0)}, b = {number(b0)}, "
        f"where the cost is J(w, b) = {number(j0)}. Commit an answer, or press *Just show me*, and the run plays: the line, its cost "
        "and its path on the map of J(w, b), with the least-squares answer. To start elsewhere, set Initial w and b in the sidebar."
        + (f" Showing {x_rows:,} of {m:,} rows; the fit uses all of them." if x_rows < m else "")
    )


def start_cost(fit: Fit) -> str:
    """Before an answer, with several features: the cost at the start only."""
    return (f"At the start the cost is J(w, b) = {number(float(fit.path.cost_history[0]))}. The cost per iteration and each parameter's path "
            "are shown once you commit your answer.")
