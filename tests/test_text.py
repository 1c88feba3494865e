"""ui.words.text: numbers written into arithmetic hold at their printed precision (issue 14).

The parser below reads a written update back and recomputes it from the printed operands:
the printed result must be within half a unit of its last printed digit.
"""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.curves import CURVES, curve_from_expression
from gd_core.descent import run_descent
from gd_core.linreg import gradient_from_stats, largest_stable_alpha, summarize
from gd_core.wording import exact, limit, number, plural, round_down
from ui.words.captions import BATCH_TEXT, cost_chart_caption, r2_text
from ui.words.text import (
    direction_text,
    fmt,
    iteration_heading,
    limit_text,
    step_equation,
    update_equation,
    update_text,
)
from ui.views.verdicts import VERDICT_ICONS

NUM = r"−?\d+(?:\.\d+)?(?:e−?\d+)?"
UPDATE = re.compile(rf"^(\w) :?= ({NUM}) − ({NUM}) × \(?({NUM})\)? = ({NUM})$")
STEP = re.compile(rf"^step = −α × dJ/dw = −({NUM}) × \(?({NUM})\)? = ({NUM})$")
NEGATIVE_ZERO = re.compile(r"−0(?:\.0*)?(?![\d.e])")


def alpha_vs_limit(alpha: float, alpha_limit: float) -> str:
    """'α = 0.584 is above the stable limit 0.583', as a page would write it with exact and limit
    (ui.words.text had this sentence, unused by any page; the tests keep it to check the two agree)."""
    side = "above" if alpha > alpha_limit else "below" if alpha < alpha_limit else "at"
    return f"α = {exact(alpha)} is {side} the stable limit {limit(alpha_limit, alpha)}"


def dec(text: str) -> Decimal:
    return Decimal(text.replace("−", "-"))


def half_unit(text: str) -> Decimal:
    """Half a unit of the last printed digit of a number as written."""
    mantissa, _, exponent = text.replace("−", "-").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return Decimal(5).scaleb(-decimals - 1 + (int(exponent) if exponent else 0))


def check_update(text: str) -> None:
    match = UPDATE.match(text)
    assert match, text
    _, start, alpha, slope, result = match.groups()
    assert abs(dec(start) - dec(alpha) * dec(slope) - dec(result)) <= half_unit(result), text
    assert not any(NEGATIVE_ZERO.fullmatch(t) for t in (start, alpha, slope, result)), text


def check_step(text: str) -> None:
    match = STEP.match(text)
    assert match, text
    alpha, slope, result = match.groups()
    assert abs(-dec(alpha) * dec(slope) - dec(result)) <= half_unit(result), text
    assert not any(NEGATIVE_ZERO.fullmatch(t) for t in (alpha, slope, result)), text


finite = st.floats(-1e5, 1e5, allow_nan=False).filter(lambda x: x == 0 or abs(x) > 1e-9)
alphas = st.one_of(st.just(0.0), st.sampled_from([0.0125, 0.0004, 0.1, 0.9, 1.05, 2e-7]), st.floats(1e-8, 10))


@settings(max_examples=300, deadline=None)
@given(w=finite, alpha=alphas, slope=finite)
def test_written_update_holds_at_its_printed_precision(w: float, alpha: float, slope: float) -> None:
    check_update(update_equation(w, alpha, slope))
    check_update(update_equation(w, alpha, slope, name="b", assign=":="))
    check_step(step_equation(alpha, slope))
    # The printed result is the true result, rounded: the next line starts from it.
    result = UPDATE.match(update_equation(w, alpha, slope)).group(5)
    true = Decimal(repr(w - alpha * slope))  # itself off by float rounding, ~1e-16 relative
    assert abs(dec(result) - true) <= half_unit(result) + abs(true) * Decimal("1e-15")


CURVE_CHOICES = [*CURVES.values(), curve_from_expression("w**4 - 3*w**2 + w"), curve_from_expression("-w**2")]


@settings(max_examples=40, deadline=None)
@given(
    curve=st.sampled_from(CURVE_CHOICES),
    where=st.floats(0, 1),
    alpha=st.one_of(st.just(0.0), st.floats(1e-4, 2.5)),
    iters=st.integers(1, 40),
)
def test_every_update_of_pages_1_and_3_adds_up(curve, where: float, alpha: float, iters: int) -> None:
    w0 = curve.w_min + where * (curve.w_max - curve.w_min)
    run = run_descent(curve, w0, alpha, iters)  # page 1: one written update per row
    for i in range(run.iterations):
        check_update(update_text(run, i))
    page3 = run_descent(curve, w0, alpha, iters, slope_tol=None, step_tol=None)
    check_step(step_equation(alpha, float(page3.slope[0])))  # page 3: the first step


@settings(max_examples=40, deadline=None)
@given(
    x=st.lists(st.floats(-1e4, 1e4), min_size=2, max_size=20),
    slope_true=st.floats(-100, 100),
    fraction=st.floats(0, 1.5),
    w0=st.floats(-50, 50),
    b0=st.floats(-50, 50),
)
def test_first_regression_update_of_page_4_adds_up(x, slope_true, fraction, w0, b0) -> None:
    x_arr = np.asarray(x)
    if np.ptp(x_arr) < 1e-3:
        return
    stats = summarize(x_arr, slope_true * x_arr + 3.0)
    alpha = float(f"{fraction * largest_stable_alpha(stats):.3g}")
    dj_dw, dj_db = gradient_from_stats(stats, w0, b0)
    check_update(update_equation(w0, alpha, float(dj_dw[0]), assign=":="))
    check_update(update_equation(b0, alpha, dj_db, name="b", assign=":="))


@settings(max_examples=300, deadline=None)
@given(value=st.floats(1e-12, 1e6), alpha=st.floats(1e-12, 1e6))
def test_limits_round_down_and_compare_as_printed(value: float, alpha: float) -> None:
    shown = dec(limit_text(value))
    assert shown <= Decimal(repr(value))
    sentence = alpha_vs_limit(alpha, value)
    printed_alpha, printed_limit = (dec(t) for t in re.findall(NUM, sentence))
    side = "above" if printed_alpha > printed_limit else "below" if printed_alpha < printed_limit else "at"
    assert f" is {side} " in sentence, sentence
    assert (alpha > value) == (" above " in sentence)


@settings(max_examples=300, deadline=None)
@given(x=st.floats(-1e20, 1e20, allow_nan=False), digits=st.integers(1, 8))
def test_numbers_never_negative_zero(x: float, digits: int) -> None:
    assert not NEGATIVE_ZERO.search(number(x, digits))
    assert not NEGATIVE_ZERO.search(fmt(x))
    assert float(number(x, digits).replace("−", "-")) == pytest.approx(x, rel=10 ** (1 - digits), abs=0)


# --- one test per finding of issue 14 that lives in ui.words.text ----------------------------------


def test_finding_alpha_0_0125_is_written_as_typed() -> None:
    # /intuition?alpha=0.0125 wrote "w = 7.000 - 0.013 x 8.000 = 6.900" (7 - 0.013 x 8 = 6.896).
    run = run_descent(CURVES["bowl"], 7.0, 0.0125, 30)
    assert update_text(run, 0) == "w = 7 − 0.0125 × 8 = 6.9"
    check_update(update_text(run, 0))


def test_finding_alpha_0_0004_is_not_written_as_zero() -> None:
    run = run_descent(CURVES["bowl"], 7.0, 0.0004, 30)
    assert "0.0004 × 8" in update_text(run, 0)
    check_update(update_text(run, 0))


def test_finding_step_is_minus_alpha_times_slope() -> None:
    # /local_minimum?w0=4.5 wrote "step = α x dJ/dw = ... = -0.070" while w moved +0.070.
    run = run_descent(CURVES["two_minima"], 4.5, 0.1, 30, slope_tol=None, step_tol=None)
    text = step_equation(0.1, float(run.slope[0]))
    assert text == "step = −α × dJ/dw = −0.1 × (−0.7) = 0.07"
    assert float(run.step[0]) == pytest.approx(0.07)


def test_finding_limit_is_rounded_down() -> None:
    # /regression?alpha=0.584: "α = 0.584 is above the stable limit 0.584" (0.58359 rounded up).
    alpha_max = largest_stable_alpha(summarize([1.0, 2.0], [300.0, 500.0]))
    assert limit_text(alpha_max) == "0.583"
    assert alpha_vs_limit(0.584, alpha_max) == "α = 0.584 is above the stable limit 0.583"
    assert alpha_vs_limit(0.5835, alpha_max) == "α = 0.5835 is below the stable limit 0.58359"


def test_finding_plurals_and_negative_zero() -> None:
    assert plural(1, "iteration") == "1 iteration"
    assert plural(3531, "iteration") == "3,531 iterations"
    assert step_equation(0.1, -1e-5) == "step = −α × dJ/dw = −0.1 × (−1e−5) = 1e−6"
    assert update_equation(3.0, 0.1, -1e-5) == "w = 3 − 0.1 × (−1e−5) = 3"  # true at 4 digits
    # A product that never ends (0.2 × 458.333...): two more digits in the operands, not seventeen.
    assert update_equation(0.0, 0.2, -1375 / 3, name="b", assign=":=") == "b := 0 − 0.2 × (−458.33) = 91.67"
    assert not NEGATIVE_ZERO.search(update_equation(-1e-5, 0.1, -1e-4))
    assert fmt(-0.0) == "0.000" and fmt(-1e-4) == "−1.000e−04"
    assert str(round_down(0.58359, 3)) == "0.583" and limit(2.0967e-7) == "2.09e−7"


def test_finding_last_iteration_heading_takes_no_update() -> None:
    # /intuition: at the last row the header said "Iteration 31" of a 30-iteration run.
    assert iteration_heading(29, 30) == "Iteration 29: update 30 of 30"
    assert iteration_heading(0, 30) == "Iteration 0: update 1 of 30"  # the slider's "iteration 0" shows it
    assert iteration_heading(30, 30) == "After 30 iterations"
    assert iteration_heading(1, 1) == "After 1 iteration"


def test_finding_alpha_zero_direction_sentence() -> None:
    # With α = 0 the slope's sign does not move w.
    assert "stays" in direction_text(8.0, alpha=0.0)
    assert "moves left" in direction_text(8.0, alpha=0.1)
    assert "moves left" in direction_text(8.0)  # charts call it without α


def test_verdict_icons_cover_every_kind() -> None:
    from typing import get_args

    from gd_core.verdict import Kind

    assert set(VERDICT_ICONS) == set(get_args(Kind))
    assert all(icon.startswith(":material/") and icon.endswith(":") for icon in VERDICT_ICONS.values())


def test_finding_regression_captions() -> None:
    # Defaults: "The dashed line is the lowest cost any line can reach" with no dashed line (J* = 0).
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    j_star = stats.sse_star / (2 * stats.m)
    caption = cost_chart_caption(j_star, largest_stable_alpha(stats), 0.01)
    assert j_star == 0 and "dashed" not in caption and "α < 0.583" in caption
    assert "dashed line" in cost_chart_caption(9.39, 2.0967e-7, 2e-7)
    # A diverged run showed R² = -5367204916092501242264728633344.0000.
    assert r2_text(-5.367204916092501e30, "diverging") == "— (diverged)"
    assert r2_text(0.71234, "converged") == "0.7123" and r2_text(-0.00001, "creeping") == "0.0000"
    assert "all m examples" in BATCH_TEXT
