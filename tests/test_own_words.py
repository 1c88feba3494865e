"""Issue 19, each case that raised someone else's exception: now our own error, or a result.

Typed formulas (pages 1-3), the written-out update (pages 1, 3, 4) and pasted logs (page 5).
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from gd_core import expression, symbolic
from gd_core.curves import curve_from_expression, find_minima
from gd_core.expression import ExpressionError, operations, parse_expression
from gd_core.log_match import diagnose
from gd_core.log_numbers import MAX_ITERATION, half_unit, iteration_number
from gd_core.log_parse import LogError, parse_log
from gd_core.sums import summarize
from ui.words.text import step_equation, update_equation

PRODUCT_100 = "*".join(["w"] * 100)  # valid, 199 characters: its curvature has 666,401 operations


@pytest.mark.parametrize(
    ("text", "position", "hint"),
    [
        ("w**²", 3, "type ** and the number instead, e.g. w**2"),
        ("²", 0, "e.g. w**2"),
        ("w²", 1, "e.g. w**2"),
        ("w**³ - w", 3, "e.g. w**3"),
        ("w**٣", 3, "'٣' is not one of the digits 0-9: type 3 instead"),  # float() reads it; Python does not
        ("３*w", 0, "type 3 instead"),  # fullwidth
        ("1٣*w", 1, "type 3 instead"),
        ("w**2.٥", 5, "type 5 instead"),
        ("½*w**2", 0, "'½' is not a number here: type 0.5 instead"),
        ("1e999*w", 0, "too large for a number"),
        ("w + 2e400", 4, "too large for a number"),
    ],
)
def test_a_character_float_cannot_read_or_python_would_refuse_gets_a_hint(text: str, position: int, hint: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert hint in info.value.message
    assert info.value.position == position


def test_ascii_numbers_still_read_as_before() -> None:
    for text, value in [("2.5e-3*w", 0.0025), ("1E2*w", 100.0), (".5*w", 0.5), ("w*1e+2", 100.0), ("1e308*w", 1e308)]:
        assert float(parse_expression(text).slope(1.0)) == value


def test_names_are_ascii() -> None:
    with pytest.raises(ExpressionError, match="the character 'ω' is not allowed"):
        parse_expression("ω**2")
    with pytest.raises(ExpressionError, match="unknown name 'w2'"):
        parse_expression("w2")


def test_a_formula_whose_derivatives_are_too_big_is_refused_before_they_are_built() -> None:
    started = time.perf_counter()
    with pytest.raises(ExpressionError) as info:
        parse_expression(PRODUCT_100)
    assert time.perf_counter() - started < 0.5  # was 0.8 s to parse, then 7.7 s on page 3
    message = info.value.message
    assert "dJ/dw takes 10,097 operations" in message and f"limit of {expression.MAX_SLOPE_OPERATIONS:,}" in message
    assert "w**5, not w*w*w*w*w" in message


def test_the_curvature_has_its_own_limit() -> None:
    nested = "tanh(" * 12 + "w" + ")" * 12  # slope 137 operations, curvature 1,639
    assert operations(parse_expression("tanh(" * 11 + "w" + ")" * 11).curvature_tree) <= expression.MAX_CURVATURE_OPERATIONS
    with pytest.raises(ExpressionError, match=r"curvature d2J/dw2 takes 1,639 operations"):
        parse_expression(nested)


def test_operations_is_the_number_of_nodes_an_evaluation_visits(monkeypatch: pytest.MonkeyPatch) -> None:
    e = parse_expression("w*w*w*w")  # the slope uses its factors more than once
    visited = []
    original = symbolic.evaluate

    def counting(node: symbolic.Node, w: np.ndarray) -> np.ndarray:
        visited.append(node)
        return original(node, w)

    monkeypatch.setattr(symbolic, "evaluate", counting)  # evaluate recurses through the module's name
    symbolic.evaluate(e.slope_tree, np.ones(1))
    assert len(visited) == operations(e.slope_tree) > len({id(node) for node in visited})
    assert operations(e.tree) == 7


def test_typical_formulas_are_well_inside_the_limits() -> None:
    for text in ["w**4 - 3*w**2 + w", "(w-1)*(w-2)*(w-3)*(w-4)*(w-5)*(w-6)", "sin(w)*sin(2*w)*sin(3*w)*sin(4*w)*sin(5*w)"]:
        e = parse_expression(text)
        assert operations(e.slope_tree) < 100 and operations(e.curvature_tree) < 500


def test_minima_of_a_curve_with_thousands_are_found_at_once() -> None:
    text = "sin(2000*w)*(w-1)*(w-2)*(w-3)*(w-4)*(w-5)*(w-6)"
    started = time.perf_counter()
    curve = curve_from_expression(text)
    assert time.perf_counter() - started < 2.0  # was 38 s: 60 scalar halvings for each of 1,909 minima
    assert len(curve.minima) > 1800
    slope = curve.slope(np.array(curve.minima))
    assert np.all(np.abs(slope) < 1e-6 * np.abs(curve.curvature(np.array(curve.minima))))


def test_find_minima_is_the_bisection_it_was() -> None:
    slope = parse_expression("w**4 - 3*w**2 + w").slope
    (root,) = find_minima(lambda w: slope(w), 0.0, 3.0)
    assert abs(4 * root**3 - 6 * root + 1) < 1e-12


@pytest.mark.parametrize(
    ("w", "alpha", "slope", "written"),
    [
        (0.0, 0.1, 3.2059423744573e40, "w = 0 − 0.1 × 3.206e40 = −3.206e39"),  # exp(30*w) at w = 3
        (3.0, 0.1, 100 * 3.0**99, "w = 3 − 0.1 × 1.718e49 = −1.718e48"),  # w*w*...*w (100 factors) at w = 3
        (3.0, 0.1, 1.7e21, "w = 3 − 0.1 × 1.7e21 = −1.7e20"),  # was its 21 digits, the 3 a float never held
        (1e308, 10.0, -1e308, "w = 1e308 − 10 × (−1e308) = ∞"),  # the result overflows: nothing to check
    ],
)
def test_the_written_update_never_raises_on_huge_or_tiny_numbers(w: float, alpha: float, slope: float, written: str) -> None:
    assert update_equation(w, alpha, slope) == written


def test_the_written_step_of_page_3_for_exp_30w() -> None:
    slope = float(parse_expression("exp(30*w)").slope(3.0))
    assert slope == pytest.approx(30 * math.exp(90))  # 3.661e40
    assert step_equation(0.1, slope, latex=True) == (
        r"step = -\alpha \times \frac{dJ}{dw} = -0.1 \times 3.661 \cdot 10^{40} = -3.661 \cdot 10^{39}"
    )
    assert step_equation(0.1, float("inf"), latex=True).endswith(r"\infty")


# --- pasted logs (page 5) ------------------------------------------------------------------------

HOUSES = summarize([1.0, 2.0], [300.0, 500.0])


def read_and_diagnose(text: str) -> str:
    return diagnose(parse_log(text), HOUSES, 0.01, 10, 0.0, 0.0).name


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Iteration 0: Cost 0e999\nIteration 1: Cost 1", "line 1 holds 0e999, beyond the range of a float"),
        ("Iteration 0: Cost 1\nIteration 1: Cost 0e400", "line 2 holds 0e400, beyond the range of a float"),
        ("iteration,cost\n0,1\n1,0e999999", "line 3 holds 0e999999, beyond the range of a float"),
        ("1e999\n2\n3", "line 1 holds 1e999, beyond the range of a float"),
        ("Iteration 0: Cost 1\nIteration 1: Cost " + "1" * 500, "line 2 holds a number 500 characters long"),
        ("Iteration 0: Cost 1\nIteration 1: Cost 1e-" + "0" * 5000 + "1", "line 2 holds a number 5,004 characters long"),
        ("Iteration 0: Cost 1\nIteration 100000000000000000000: Cost 2", "line 2: the iteration number 100000000000000000000 is too large"),
        ("Iteration 0: Cost 1\nIteration 9223372036854775807: Cost 2", "the iteration number 9223372036854775807 is too large"),
        ("Iteration 0: Cost 1\nIteration " + "1" * 5000 + ": Cost 2", "line 2: the iteration number of 5,000 digits is too large"),
        ("Iteration 0: Cost 1\nIteration " + "0" * 5000 + "7: Cost 2", None),  # leading zeros: iteration 7
        ("iteration,cost\n0,1\n100000000000000000000,2", "line 3: the iteration number 100000000000000000000 is too large"),
        ('iteration,cost\n0,1\n1,"' + "2" * 200_000, "the CSV could not be read from line 3: a cell is longer than 131,072"),
    ],
)
def test_a_pasted_log_is_refused_in_our_words(text: str, words: str | None) -> None:
    if words is None:
        assert parse_log(text).iterations.tolist() == [0, 7]
        return
    with pytest.raises(LogError) as info:
        read_and_diagnose(text)
    assert words in str(info.value)


def test_iteration_numbers_up_to_the_bound_are_read_and_the_matcher_refuses_beyond_its_own() -> None:
    log = parse_log(f"Iteration 0: Cost 1\nIteration {MAX_ITERATION}: Cost 2")
    assert log.iterations.tolist() == [0, MAX_ITERATION]
    with pytest.raises(LogError, match="the page simulates up to 100,000 iterations"):
        diagnose(log, HOUSES, 0.01, 10, 0.0, 0.0)


def test_digits_of_other_scripts_are_not_read_as_numbers() -> None:
    # Python prints ASCII digits: a line with ٣ or a superscript is a line that could not be read.
    log = parse_log("Iteration 0: Cost 5\nIteration ٣: Cost 4\nIteration 1²: Cost 3\nIteration 4: Cost ３\nIteration 5: Cost 2")
    assert log.iterations.tolist() == [0, 5]
    assert log.unread_lines == (2, 3, 4)
    with pytest.raises(LogError, match="digits 0-9"):
        iteration_number("٣", 2)


def test_half_unit_of_a_huge_exponent_is_infinite_not_an_overflow() -> None:
    assert half_unit("0e999") == (math.inf, 1)
    assert half_unit("1e308") == (5e307, 1)
    assert half_unit("1e-400") == (0.0, 1)
