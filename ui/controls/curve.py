"""Page furniture shared by the three 1-D pages: the curve picker and the run controls.

Every control that shapes the view is bound to the URL (``bind="query-params"``) under the names
README lists (curve, expr, alpha, w0, iters), so a shared link reproduces the view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

from gd_core.curves import CURVES, Curve, curve_from_expression
from gd_core.descent import DescentRun, run_descent
from gd_core.expression import MAX_LENGTH, ExpressionError
from gd_core.formula_fix import suggest_formula
from ui.app import state
from ui.app.challenge import locked, unless_hidden
from ui.app.present import present_mode
from ui.app.choices import CUSTOM, curve_label
from ui.app.last_good import last_good
from ui.app.kept_views import note_curve_choice
from ui.app.page import end_lesson, link_instead
from ui.app.settings import CurveDefaults, RunSettings
from ui.cache.shared_cache import shared
from ui.words.shown import MESSAGE_LIMIT, shown

DEFAULT_EXPR = "w**4 - 3*w**2 + w"


@shared(max_entries=256)
def _typed_curve(text: str) -> Curve:
    # Parsing and locating minima is pure and cheap to keep; keyed by the text alone.
    return curve_from_expression(text)


def curve_id(curve: Curve) -> tuple:
    """What identifies a curve for caching: its key, and for a typed one its exact text and range
    (not its LaTeX, which rounds numbers: 0.9999996*w**2 and 1.0000004*w**2 print alike)."""
    return (curve.key, curve.formula, curve.w_min, curve.w_max)


def curve_picker(default: str) -> Curve:
    """A catalogue curve or a typed J(w). A bad formula keeps the last good curve on screen.

    The choice is remembered for the other curve pages (ui.app.kept_views.restore_view carries it).
    """
    options = [*CURVES, CUSTOM]
    key = st.selectbox(
        "Cost curve J(w)",
        options,
        index=options.index(default),
        format_func=curve_label,
        key=state.CURVE,
        bind="query-params", disabled=locked(state.CURVE),
        help="Pick a curve from the catalogue, or choose the last entry to type a formula of your own.",
    )
    st.session_state.pop(state.FORMULA_PROBLEM, None)
    if key != CUSTOM:
        note_curve_choice(curve_label(key), None, key == default)
        curve = CURVES[key]
        if not present_mode():  # a description names the curve's minima: not while a challenge hides them
            unless_hidden("minimum", lambda: st.caption(curve.description))
        return curve
    text = st.text_input(
        "J(w) =",
        value=DEFAULT_EXPR,
        key=state.EXPR,
        bind="query-params", disabled=locked(state.EXPR),
        max_chars=200,
        help="A formula in w using numbers, + - * / ** and parentheses, and the functions "
        "sin cos tan exp log sqrt abs tanh. Example: w**4 - 3*w**2 + w",
    )
    note_curve_choice(curve_label(key), None if text == DEFAULT_EXPR else text, False)
    kept, error = last_good(state.LAST_GOOD_EXPR, lambda: (text, _typed_curve(text)), ExpressionError)
    if isinstance(error, ExpressionError) or kept is None:
        last_text, curve = kept or (DEFAULT_EXPR, _typed_curve(DEFAULT_EXPR))
        problem = FormulaProblem(text, str(error), getattr(error, "position", 0), last_text)
        _show_problem(problem)
        st.session_state[state.FORMULA_PROBLEM] = problem
        link_instead(expr=None if last_text == DEFAULT_EXPR else last_text)  # the Link to this view: the formula drawn
        return curve
    _, curve = kept
    if not curve.minima:
        st.warning("This curve has no local minimum in the plotted range, so descent may run off the edge.")
    return curve


@dataclass(frozen=True)
class FormulaProblem:
    """A typed formula that cannot be read, and the last one that could (the one drawn)."""

    text: str
    message: str
    position: int
    last_text: str


def _show_problem(problem: FormulaProblem) -> None:
    """Beside the box it was typed in: what is wrong, and which formula is still drawn."""
    st.error(f"That formula cannot be read: {shown(problem.message, MESSAGE_LIMIT)}", icon=":material/error:")
    st.caption(f"Still showing the last formula that worked: {shown(problem.last_text, MAX_LENGTH)}")


def formula_problem_here() -> None:
    """In the main area, where the student looks (the sidebar is folded away on a phone): the typed
    formula that could not be read, where, why, and that the chart is still the last formula that
    worked. Call after curve_settings."""
    problem = st.session_state.get(state.FORMULA_PROBLEM)
    if problem is None:
        return
    with st.container(border=True):
        st.error(f"That formula cannot be read: {shown(problem.message, MESSAGE_LIMIT)}", icon=":material/error:")
        st.code(f"J(w) = {problem.text}\n{' ' * (len('J(w) = ') + problem.position)}^", language=None)
        guess = suggest_formula(problem.text)
        if guess is not None:
            st.button(
                f"Use J(w) = {shown(guess, MAX_LENGTH)}", key=state.USE_SUGGESTED_FORMULA, icon=":material/auto_fix_high:",
                on_click=_use_formula, args=(guess,), help="Python writes a power as **, the exponential as exp(w) and every product with *.",
            )
        st.caption(f"The chart below still shows the last formula that worked, J(w) = {shown(problem.last_text, MAX_LENGTH)}. Fix yours in the sidebar.")


def _use_formula(text: str) -> None:
    st.session_state[state.EXPR] = text


def alpha_control(alpha: float) -> float:
    return float(
        st.number_input(
            "Learning rate α (alpha)",
            min_value=0.0,
            max_value=10.0,
            value=alpha,
            step=0.01,
            format="%.4f",
            key=state.ALPHA,
            bind="query-params", disabled=locked(state.ALPHA),
            help="How big a step to take: each update moves w by α × dJ/dw. Too small crawls, too large overshoots.",
        )
    )


def start_control(curve: Curve, w0: float) -> float:
    return float(
        st.number_input(
            "Start w₀",
            min_value=-1000.0,
            max_value=1000.0,
            value=curve.clamp(w0),
            step=0.1,
            format="%.3f",
            key=state.W0,
            bind="query-params", disabled=locked(state.W0),
            help=f"Where gradient descent starts. This curve is drawn from w = {curve.w_min:g} to {curve.w_max:g}.",
        )
    )


def iterations_control(iters: int, max_iters: int) -> int:
    return int(
        st.slider(
            "Iterations",
            min_value=1,
            max_value=max_iters,
            value=iters,
            key=state.ITERS,
            bind="query-params", disabled=locked(state.ITERS),
            help="The most updates to run; a run stops early when it meets the stop rule (a step under 1/1000 of the plotted range of w, near a minimum) or w runs away.",
        )
    )


def curve_settings(defaults: CurveDefaults) -> tuple[Curve, RunSettings]:
    """The sidebar of a cost-curve page: the curve, then alpha, the start w0 and the iteration limit.

    ``defaults`` is the page's entry in ui.app.lessons: the start is ``w0``, or ``w0_at`` (a place on
    the curve's plotted range, 0 to 1). A page that compares several alphas has no alpha default,
    no alpha control, and gets alpha = nan.
    """
    if not present_mode():  # in projector mode the controls are one row, without headings
        st.header("Settings")
    curve = curve_picker(default=defaults.curve)
    alpha = alpha_control(defaults.alpha) if defaults.alpha is not None else float("nan")
    w0 = defaults.w0 if defaults.w0 is not None else curve.point_at(defaults.w0_at)
    suit_start(curve, w0, alpha, defaults.iters)
    return curve, RunSettings(alpha=alpha, w0=start_control(curve, w0), iters=iterations_control(defaults.iters, defaults.max_iters))


def start_misfits(curve: Curve, w0: float, alpha: float, iters: int) -> bool:
    """True when a start w0 is outside the curve's plotted range, or (with a finite alpha) its
    run diverges or ends outside that range."""
    if not curve.w_min <= w0 <= curve.w_max:
        return True
    if not math.isfinite(alpha):
        return False
    run = run_descent(curve, w0, alpha, iters)
    return run.stop_reason == "diverged" or not curve.w_min <= run.final_w <= curve.w_max


def suit_start(curve: Curve, start: float, alpha: float, iters: int) -> None:
    """After the curve changed in this session, a start carried over from the last curve that
    does not suit this one (``start_misfits``) becomes this curve's own ``start``: choosing
    Your own formula from the bowl (w0 = 7) starts its two valleys at 2.4, not off the chart.
    A link's own w0, on the first run, is left as it says. Call before the w0 widget."""
    session = st.session_state
    seen, session[state.START_CURVE] = session.get(state.START_CURVE), curve_id(curve)
    if seen is None or seen == curve_id(curve) or state.W0 not in session:
        return
    if start_misfits(curve, float(session[state.W0]), alpha, int(session.get(state.ITERS, iters))):
        session[state.W0] = float(f"{start:.6g}")  # 2.4, not 2.4000000000000004, in the link


def stop_unless_finite_start(run: DescentRun) -> None:
    """A formula that overflows at the start has nothing to draw: say so and end the page there."""
    if run.stop_reason == "not_finite":
        st.error(f"Gradient descent cannot start: {shown(run.message, MESSAGE_LIMIT)}, or type another formula.", icon=":material/error:")
        end_lesson()
