"""The typed-formula parser: values, precedence, exact derivatives, refusals, no warnings."""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core import expression, formula_tokens, symbolic
from gd_core.expression import ExpressionError, parse_expression

FORMULAS = {
    "w**4 - 3*w**2 + w": lambda w: w**4 - 3 * w**2 + w,
    "(w - 2)**2 + 1": lambda w: (w - 2) ** 2 + 1,
    "-w**2": lambda w: -(w**2),
    "2**3**2 * w": lambda w: 512 * w,
    "w/2/2": lambda w: w / 4,
    "sin(w) * exp(-w**2 / 2)": lambda w: np.sin(w) * np.exp(-(w**2) / 2),
    "abs(w - 0.1) + tanh(w)": lambda w: np.abs(w - 0.1) + np.tanh(w),  # kink outside the tested range
    "cos(3*w) + 0.1*w**2": lambda w: np.cos(3 * w) + 0.1 * w**2,
    "log(1 + w**2)": lambda w: np.log(1 + w**2),
    "sqrt(w**2 + 1)": lambda w: np.sqrt(w**2 + 1),
    "tan(w / 4)": lambda w: np.tan(w / 4),
    "1.5e-1 * w**-2 + w": lambda w: 0.15 / w**2 + w,
    "w**0.5 * 2": lambda w: np.sqrt(w) * 2,
    "+w - -w": lambda w: 2 * w,
}


@pytest.mark.parametrize("text", list(FORMULAS))
def test_values_match_numpy(text: str) -> None:
    w = np.linspace(0.3, 2.7, 25)
    np.testing.assert_allclose(parse_expression(text).cost(w), FORMULAS[text](w), rtol=1e-12)


@settings(max_examples=200, deadline=None)
@given(text=st.sampled_from(list(FORMULAS)), w=st.floats(0.3, 2.7))
def test_slope_and_curvature_match_finite_differences(text: str, w: float) -> None:
    expr = parse_expression(text)
    h = 1e-5
    fd_slope = (expr.cost(w + h) - expr.cost(w - h)) / (2 * h)
    fd_curv = (expr.slope(w + h) - expr.slope(w - h)) / (2 * h)
    scale = 1 + abs(float(expr.cost(w)))
    assert float(expr.slope(w)) == pytest.approx(float(fd_slope), rel=1e-5, abs=1e-6 * scale)
    assert float(expr.curvature(w)) == pytest.approx(float(fd_curv), rel=1e-4, abs=1e-5 * scale)


def test_doc_example_derivatives_are_exact() -> None:
    expr = parse_expression("w**4 - 3*w**2 + w")
    assert float(expr.slope(2.0)) == 21.0  # 4 w^3 - 6 w + 1
    assert float(expr.curvature(2.0)) == 42.0  # 12 w^2 - 6


REFUSED = [
    "__import__('os')",
    "__import__",
    "w.__class__",
    "(lambda: 1)()",
    "lambda w: w",
    "'abc'",
    '"w"',
    "w[0]",
    "x",
    "x**2 + w",
    "os.system",
    "open",
    "eval(w)",
    "sin(w, 2)",
    "w**w",
    "w**1000",
    "2**(w)",
    "w" + "+w" * 150,
    "2w",
    "w^2",
    "",
    "   ",
    "(w + 1",
    "w + 1)",
    "w +",
    "sin w",
    "w(2)",
    "1..2",
    "w = 2",
    "w; w",
    "sign(w)",
]


@pytest.mark.parametrize("text", REFUSED)
def test_refuses_anything_but_the_grammar(text: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    error = info.value
    assert 0 <= error.position <= max(len(text), expression.MAX_LENGTH)
    assert error.message and f"position {error.position}" in str(error)


def test_messages_say_how_to_fix() -> None:
    for text, words in [("w^2", "w**2"), ("2w", "2*w"), ("x", "only variable is w"), ("w**1000", "too large"), ("", "type a formula")]:
        with pytest.raises(ExpressionError, match=words.replace("*", r"\*")):
            parse_expression(text)
    with pytest.raises(ExpressionError) as info:
        parse_expression("w + (w * 2")
    assert info.value.position == len("w + (w * 2")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ExpressionError, match="nested"):
        parse_expression("(" * 60 + "w" + ")" * 60)
    with pytest.raises(ExpressionError):
        parse_expression("-" * 80 + "w")


def test_source_never_evaluates_python() -> None:
    for module in (expression, formula_tokens, symbolic):
        source = inspect.getsource(module)
        for forbidden in ("eval(", "exec(", "compile(", "import ast", "__import__("):
            assert forbidden not in source.replace("evaluate(", ""), (module.__name__, forbidden)


@pytest.mark.parametrize("text", ["log(w)", "1/w", "exp(w)**10", "sqrt(w)", "w**-3", "tan(w)"])
def test_no_numpy_warnings_anywhere(text: str) -> None:
    expr = parse_expression(text)
    w = np.array([0.0, -1.0, 1e308, -1e308, 1e-320, 800.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expr.cost(w)
        expr.slope(w)
        expr.curvature(w)


def test_latex_is_readable() -> None:
    assert parse_expression("w**4 - 3*w**2 + w").to_latex() == "w^{4} - 3 w^{2} + w"
    assert parse_expression("abs(w)").to_latex() == r"\left|w\right|"
    assert r"\frac{1}{w}" in parse_expression("1/w").to_latex()
    assert parse_expression("(w - 1)**2").to_latex() == r"\left(w - 1\right)^{2}"
