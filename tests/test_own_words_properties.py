"""Issue 19: whatever is typed or pasted, the parsers answer with a result or their own error.

The formula reader (parse, cost, slope, curvature, the curve's minima and the written update of
pages 1 and 3) raises only ExpressionError; the log reader and the matcher page 5 runs on its
result raise only LogError. The text strategies mix what a student types with what breaks
float() and int(): digits of other scripts, superscripts, exponents beyond a float (1e999,
0e999999), numbers and inputs longer than any limit, and punctuation.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gd_core.curves import curve_from_expression
from gd_core.expression import ExpressionError, parse_expression
from gd_core.log_match import diagnose
from gd_core.log_parse import LogError, parse_log
from gd_core.sums import summarize
from tests.test_text import check_step, check_update
from ui.words.text import step_equation, update_equation

ODD_DIGITS = ["²", "³", "¹", "⁰", "٣", "３", "𝟚", "१", "½", "①", "⁻"]
HUGE = ["1e999", "0e999", "0e999999", "1e308", "1e-400", "9" * 400, "1" * 5000, "0." + "0" * 500 + "1", "1e" + "0" * 5000 + "1"]
PUNCTUATION = list("!\"#$%&'(),.:;<=>?@[\\]^_`{|}~") + ["\u00a0", "\t", "\u200b"]
FORMULA_PIECES = ["w", "2", "0.5", "3", ".", "e", "E", "+", "-", "*", "**", "/", "(", ")", " ", "sin(", "exp(", "log(",
                  "sqrt(", "abs(", "tanh(", "w*w*w*w*w", "x", "ω"]


def pieces(alphabet: list[str], max_pieces: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=max_pieces).map("".join)


formulas = st.one_of(
    pieces(FORMULA_PIECES + ODD_DIGITS + HUGE[:5] + PUNCTUATION, 40),
    pieces(FORMULA_PIECES, 120),  # long and deep: the length, depth and size limits
    st.text(max_size=300),
    st.sampled_from(["*".join(["w"] * 100), "w**²", "²", "exp(30*w)", "exp(exp(exp(w)))", "1e308*w**2", "w**-20", "1/w"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=formulas, alpha=st.sampled_from([0.0, 1e-300, 0.01, 0.1, 10.0]))
def test_a_typed_formula_gives_a_curve_or_an_expression_error(text: str, alpha: float) -> None:
    try:
        expression = parse_expression(text)
        curve = curve_from_expression(text)
    except ExpressionError as error:
        assert error.message and 0 <= error.position <= max(len(text), 200)
        return
    w = np.array([-3.0, -1e-320, 0.0, 1.5, 3.0])
    for values in (expression.cost(w), expression.slope(w), expression.curvature(w)):
        assert values.shape == w.shape
    for start, slope in zip(w, curve.slope(w)):
        update_equation(float(start), alpha, float(slope))
        step_equation(alpha, float(slope), latex=True)


def number_text() -> st.SearchStrategy[str]:
    floats = st.floats(allow_nan=True, allow_infinity=True).map(lambda x: f"{x:.3e}")
    return st.one_of(floats, st.sampled_from(HUGE + ODD_DIGITS + ["nan", "-inf", "7.93e+04", "2529.46", "1..2", "e5"]),
                     st.text(alphabet="0123456789.e+-²٣", max_size=30))


def iteration_text() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(0, 300).map(str), st.sampled_from(["1000000000", "1000000001", "9223372036854775807",
                     "100000000000000000000", "1" * 5000, "0" * 5000 + "3", "٣", "1²", "-1", "3.0"]))


@st.composite
def log_lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["course", "csv", "column", "list", "text"]))
    count = draw(st.integers(0, 12))
    numbers = [draw(number_text()) for _ in range(count)]
    if kind == "course":
        return "\n".join(f"Iteration {draw(iteration_text())}: Cost {n}  w: {draw(number_text())}" for n in numbers)
    if kind == "csv":
        header = draw(st.sampled_from(["iteration,cost", "cost;w", "iter\tloss\tb", "i,J,dj_dw,\""]))
        return "\n".join([header] + [f"{draw(iteration_text())},{n}" for n in numbers])
    if kind == "column":
        return "\n".join(numbers)
    if kind == "list":
        return "[" + ", ".join(f"np.float64({n})" if draw(st.booleans()) else n for n in numbers) + "]"
    return draw(st.text(alphabet=st.sampled_from(PUNCTUATION + ODD_DIGITS + list("0123456789eE.:,\n iterationcost")), max_size=400))


HOUSES = summarize([1.0, 2.0], [300.0, 500.0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=log_lines(), as_bytes=st.booleans())
def test_a_pasted_log_gives_a_diagnosis_or_a_log_error(text: str, as_bytes: bool) -> None:
    try:
        log = parse_log(text.encode("utf-8", errors="surrogatepass") if as_bytes else text)
        assert log.summary
        diagnosis = diagnose(log, HOUSES, 0.01, 10, 0.0, 0.0)
    except LogError as error:
        assert str(error)
        return
    assert diagnosis.verdict and log.iterations.dtype == np.int64 and np.all(np.diff(log.iterations) > 0)


@settings(max_examples=300, deadline=None)
@given(
    w=st.floats(allow_nan=False, allow_infinity=False),
    alpha=st.one_of(st.just(0.0), st.floats(0, 10, allow_subnormal=True)),
    slope=st.floats(allow_nan=False, allow_infinity=False),
)
@example(w=1e16, alpha=1.0, slope=9.995e15)  # 5e12 rounded at 1e13 was written "= 0"
def test_the_written_update_holds_for_any_finite_floats(w: float, alpha: float, slope: float) -> None:
    written = update_equation(w, alpha, slope)
    if np.isfinite(w - alpha * slope):
        check_update(written)  # true at its printed precision, as for everyday numbers
        if np.isfinite(alpha * slope):
            check_step(step_equation(alpha, slope))
    else:
        assert written.endswith("∞")
