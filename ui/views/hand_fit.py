"""Page 4's fit by hand: the student sets the line (its angle and height), sees each residual
and its square, J(w, b) written out as the sum it is, where (w, b) lies on J(w, b), and how far
it is from the least-squares line; then gradient descent continues from it.

Before a question's answer is committed (predict, then see) and while a challenge hides the
least-squares line, nothing here shows it: not its line, its diamond, J* nor the distance to it.
The line by hand is the student's own, never an outcome, so it is always drawn.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gd_core.hand_fit import HandSum, hand_sum
from gd_core.scaling import scale_params, scale_stats
from gd_core.sums import Stats
from gd_core.wording import number
from ui.app import state
from ui.app.page import on_a_phone
from ui.app.present import heading
from ui.cache import figures
from ui.charts.hand_fit import MAX_RESIDUALS, MAX_SQUARES
from ui.controls.hand_line import HandLine, continue_button, hand_sliders, hand_switch
from ui.views.figure_2d import figure_2d
from ui.words import formulas

HIDDEN_LSTSQ = "How far your line is from the least-squares line is shown once you commit your answer."
CHALLENGE_LSTSQ = "How far your line is from the least-squares line is hidden until the challenge's goal is met."


def units_text(line: HandLine, stats: Stats, scaled: bool) -> str:
    """Which units the line is in: the data's own; with feature scaling, also the scaled (w', b') descent runs on."""
    text = (f"Your line: w = {number(line.w, 6)}, b = {number(line.b, 6)}, in the data's own units (w: y per unit of x), "
            f"from the angle {number(line.angle, 4)}° and the height {number(line.height, 6)} at the mean x = {number(float(stats.x_bar[0]), 6)}.")
    if scaled:
        _, mu, sigma = scale_stats(stats)
        w_s, b_s = scale_params(np.array([line.w]), line.b, mu, sigma)
        text += (f" Feature scaling is on: descent runs on x' = (x − {number(float(mu[0]))}) / {number(float(sigma[0]))}, where the same line is "
                 f"w' = w σ = {number(float(w_s[0]), 6)}, b' = b + w μ = {number(b_s, 6)}.")
    return text


def squares_text(shown_rows: int, m: int) -> str:
    """What the figure draws of the data: every residual and square, or how many of them."""
    residuals, squares = min(shown_rows, MAX_RESIDUALS), min(shown_rows, MAX_RESIDUALS, MAX_SQUARES)
    if squares == m:
        return f"Each of the {m:,} points has its residual (the violet segment) and its square, whose area is its term in the sum below."
    said = (f"Showing {squares:,} of {m:,} squares (a fixed sample, the same every time)"
            + (f" and the residuals of {residuals:,} of the {m:,} points" if residuals < m else f"; every point's residual is drawn"))
    return said + ": each square's area is that point's term in the sum below, which adds up every row."


def gap_metrics(s: HandSum, show_lstsq: bool, why_hidden: str) -> None:
    """Your J, and how far it is from the least-squares line's (J − J*, and the distance in (w, b))."""
    cols = st.columns(3)
    cols[0].metric("Your J(w, b)", number(s.cost, 6), help="The sum of your squared residuals over 2m, written out above.")
    if not show_lstsq:
        cols[1].metric("Above best J", "hidden", help=why_hidden)
        cols[2].metric("From best (w, b)", "hidden", help=why_hidden)
        return
    cols[1].metric(
        "Above best J", number(s.gap, 4), help=f"How much more your line costs than the least-squares line: J(w, b) − J\\* = {number(s.cost, 6)} − {number(s.cost_star, 6)}; 0 means the best line there is.",
    )
    cols[2].metric("From best (w, b)", number(s.distance, 4), help=r"How far your (w, b) is from the least-squares (w\*, b\*): √((w − w\*)² + (b − b\*)²); 0 means the same line.")


def hand_line(stats: Stats, scaled: bool) -> HandLine | None:
    """The switch, and when it is on the section's heading, sliders and which units the line is
    in: the line the student set (None: the switch is off, or several features are fitted)."""
    if not hand_switch():
        return None
    if stats.n != 1:
        st.info("The fit by hand draws one feature at a time: pick a single x column to set a line by hand.", icon=":material/info:")
        return None
    heading("Your line, by hand")
    line = hand_sliders(stats)
    st.caption(units_text(line, stats, scaled))
    return line


def hand_fit(
    line: HandLine, key: tuple, stats: Stats, prepared, x_name: str, y_name: str, start: tuple[float, float], *, before_answer: bool, lstsq_hidden: bool,
) -> None:
    """The rest of the section, under ``hand_line``: figure, the written-out sum, how far from least squares, the Continue button."""
    show_lstsq = not (before_answer or lstsq_hidden)
    at_start = (float(f"{line.w:.6g}"), float(f"{line.b:.6g}")) == start  # as Continue sets the start (ui.controls.hand_line.start_from_line)
    figure = figures.hand(
        key, prepared.x_sample, prepared.y_sample, stats, line.w, line.b, x_name, y_name, None if at_start else start, not before_answer, show_lstsq, on_a_phone(),
    )
    figure_2d(figure, state.HAND_FIGURE)
    st.caption(squares_text(prepared.x_sample.size, stats.m) + ("" if not show_lstsq else " Dashed: the least-squares line."))
    s = hand_sum(stats, prepared.x_head, prepared.y_head, line.w, line.b)
    for text in formulas.hand_sum_lines(s.w, s.b, s.m, s.x, s.y, s.residuals, s.rest, s.sse, s.cost):
        st.latex(text)
    why_hidden = CHALLENGE_LSTSQ if lstsq_hidden and not before_answer else HIDDEN_LSTSQ
    gap_metrics(s, show_lstsq, why_hidden)
    if before_answer:
        st.caption("Your (w, b) on the map of J(w, b) is shown once you commit your answer: its lowest point is the least-squares answer.")
    continue_button(line)
    if at_start:
        st.caption(f"Gradient descent starts from your line: w = {number(start[0], 6)}, b = {number(start[1], 6)}.")
