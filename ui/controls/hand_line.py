"""Page 4's fit by hand: the switch that shows it, the line's two sliders (angle and height,
gd_core.hand_fit), and the button that starts gradient descent from the line.

Both sliders are bound to the URL (``angle``, ``height``), so a teacher's link sets the line.
The height slider's range comes from the data (the mean of y ± 3 standard deviations, in the
units of y): new data give it a new range, and its line starts flat through the mean of y.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

from gd_core.hand_fit import MAX_ANGLE, line_from_angle, spreads
from gd_core.sums import Stats
from ui.app import link_check, state
from ui.app.challenge import locked


@dataclass(frozen=True)
class HandLine:
    """The line the student set: its angle (degrees) and height at the mean x, and the (w, b) they make, in the data's units."""

    angle: float
    height: float
    w: float
    b: float


@dataclass(frozen=True)
class HeightRange:
    """The height slider's range and step, in the units of y, and where a new line starts (the mean of y)."""

    low: float
    high: float
    step: float
    start: float


def height_range(stats: Stats) -> HeightRange:
    """y_bar ± 3 s_y on a grid of a power of ten (about 1/50 of s_y), so the slider's values read plainly."""
    _, s_y = spreads(stats)
    step = 10.0 ** math.floor(math.log10(s_y / 50))
    low, high = math.floor((stats.y_bar - 3 * s_y) / step) * step, math.ceil((stats.y_bar + 3 * s_y) / step) * step
    tidy = lambda v: float(f"{v:.12g}")  # noqa: E731  # 0.1 * 3 prints as 0.3, not 0.30000000000000004
    return HeightRange(tidy(low), tidy(high), tidy(step), tidy(round(stats.y_bar / step) * step))


def hand_switch() -> bool:
    """The switch that shows the fit by hand (``hand=true`` in the URL)."""
    return bool(st.toggle(
        "Fit the line by hand first", value=False, key=state.HAND, bind="query-params", disabled=locked(state.HAND),
        help="Set the line yourself with its angle and height, see each residual and its square, and J(w, b) add up; "
        "then let gradient descent continue from your line.",
    ))


def hand_sliders(stats: Stats) -> HandLine:
    """The angle and height sliders, side by side; the (w, b) they set (gd_core.hand_fit.line_from_angle)."""
    span = height_range(stats)
    previous = st.session_state.get(state.HAND_FOR)
    if previous is not None and previous != span:
        st.session_state[state.HEIGHT] = span.start  # new data (another y): the line starts flat through its mean (a first load keeps the URL's)
        link_check.replaced_on_purpose(state.HEIGHT)
    st.session_state[state.HAND_FOR] = span
    left, right = st.columns(2)
    angle = left.slider(
        "Angle of your line (degrees)", min_value=-MAX_ANGLE, max_value=MAX_ANGLE, value=0.0, step=0.1, format="%.1f°",
        key=state.ANGLE, bind="query-params", disabled=locked(state.ANGLE),
        help="0° is flat. 45° rises one standard deviation of y for each standard deviation of x, whatever the units: "
        "w = tan(angle) × s_y / s_x. Turning the line keeps it through the middle of the data.",
    )
    height = right.slider(
        "Height of your line in the middle (at the mean x)", min_value=span.low, max_value=span.high, value=span.start, step=span.step,
        key=state.HEIGHT, bind="query-params", disabled=locked(state.HEIGHT),
        help="Where the line crosses the middle of the data, x = x̄, in the units of y: b = height − w × x̄. "
        "It starts at the mean of y, a flat line through the middle.",
    )
    w, b = line_from_angle(stats, float(angle), float(height))
    return HandLine(float(angle), float(height), w, b)


def start_from_line(w: float, b: float) -> None:
    """The button's callback: the line's (w, b) become gradient descent's start (the sidebar's
    Initial w and b, bound to the URL). A callback runs before the rerun, so setting the
    widgets' values is allowed; 6 significant figures, as the boxes show them."""
    st.session_state[state.W0] = float(f"{w:.6g}")
    st.session_state[state.B0] = float(f"{b:.6g}")


def continue_button(line: HandLine) -> bool:
    """"Continue with gradient descent from my line" (disabled when a challenge locks the start)."""
    fixed = locked(state.W0) or locked(state.B0)
    return st.button(
        "Continue with gradient descent from my line", key=state.HAND_CONTINUE, icon=":material/play_arrow:", type="primary",
        on_click=start_from_line, args=(line.w, line.b), disabled=fixed,
        help="The challenge fixes where gradient descent starts." if fixed else
        "Gradient descent starts from your (w, b): Initial w and b in the sidebar are set to it, and the figure below runs from there.",
    )
