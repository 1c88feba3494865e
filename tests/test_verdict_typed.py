"""Issue 20: generated typed formulas (polynomials, exp, log, abs, sqrt, sums of bumps), alpha
and w0, run through the pages' own path (stop rule, run_descent, classify_descent): "converged"
only where the last step is under the stated rule at a minimum of the curve, "diverging" only
where the run grew, no w* that is not a minimum, no sentence with an empty slot.
"""

from __future__ import annotations

import re

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gd_core.curves import curve_from_expression
from gd_core.descent import run_descent
from gd_core.expression import ExpressionError
from gd_core.stop_rule import stop_rule
from gd_core.verdict import classify_descent


def _poly(draw) -> str:
    terms = [f"{draw(st.integers(-3, 3))}*w**{p}" for p in range(draw(st.integers(1, 4)), 0, -1)]
    return " + ".join(terms)


@st.composite
def formulas(draw) -> str:
    a = draw(st.sampled_from([-2, -1, 0, 0.5, 1, 2]))
    pieces = {
        "poly": lambda: _poly(draw),
        "exp": lambda: draw(st.sampled_from(["exp(w)", "exp(-w)", f"exp({a}*w) - 2*w"])),
        "log": lambda: draw(st.sampled_from(["log(w)", f"log(w + 4) + {a}*w", "w*log(abs(w) + 1)"])),
        "abs": lambda: f"abs(w - {a})" + draw(st.sampled_from(["", " + 0.1*w**2", " + w"])),
        "sqrt": lambda: draw(st.sampled_from(["sqrt(w)", f"sqrt((w - {a})**2 + 1)", "sqrt(abs(w))"])),
        "bumps": lambda: " - ".join(["0.01*w**2"] + [f"{draw(st.sampled_from([0.5, 1, 2]))}*exp(-(w - {draw(st.integers(-2, 2))})**2)" for _ in range(draw(st.integers(1, 3)))]),
    }
    return " + ".join(pieces[k]() for k in draw(st.lists(st.sampled_from(sorted(pieces)), min_size=1, max_size=2)))


def _local_minimum_near(curve, w: float, radius: float) -> bool:
    """Independent of the classifier: J on a fine grid around w has its lowest point inside."""
    grid = np.linspace(w - radius, w + radius, 401)
    j = curve.cost(grid)
    if not np.all(np.isfinite(j)):
        return False
    low = int(np.argmin(j))
    return 0 < low < grid.size - 1 or (np.ptp(j) <= 1e-12 * max(1.0, abs(float(j[low]))))


def _is_minimum(curve, m: float, digits: int = 17) -> bool:
    """A local minimum within the precision m is given at (``digits`` significant digits)."""
    unit = 10.0 ** (np.floor(np.log10(abs(m))) - digits + 1) if m else 1e-9
    return _local_minimum_near(curve, m, max(1e-4 * max(1.0, abs(m)), 2 * unit))


@settings(max_examples=80, deadline=None)
@example(text="exp(w)", alpha=2.0, w0=2.9, iters=30)  # thrown onto the flat tail: said "converged"
@example(text="log(w)", alpha=0.1, w0=2.0, iters=30)  # "towards w* = 3.292e−22"
@example(text="abs(w)", alpha=0.1, w0=2.0, iters=30)  # a kink, "raise α"
@example(text="-1*w**3 + 0*w**2 + 0*w**1", alpha=1.0, w0=1.0, iters=1)  # an inflection at 0 is no minimum
@example(text="3*w**1 + sqrt(abs(w))", alpha=0.00390625, w0=0.0078125, iters=2)  # a small step off a hilltop's flat top, growing: no convergence
@given(text=formulas(), alpha=st.floats(1e-3, 2.0), w0=st.floats(-3.0, 3.0), iters=st.integers(1, 80))
def test_typed_formula_verdicts_hold_for_their_runs(text: str, alpha: float, w0: float, iters: int) -> None:
    try:
        curve = curve_from_expression(text)
        rule = stop_rule(curve.w_min, curve.w_max)
        run = run_descent(curve, w0, alpha, iters, rule=rule, minima=curve.minima)
    except (ExpressionError, ValueError):
        return
    if run.stop_reason == "not_finite":
        return
    verdict = classify_descent(run, curve, rule=rule)
    words_ = verdict.text
    assert not re.search(r"None|nan|\{|\}|  | ,|: ?$|\(\)", words_), words_
    if "converged" in words_ and "not convergence" not in words_:
        assert verdict.kind == "converged", words_
    if verdict.kind == "converged":
        assert abs(run.step[-1]) < rule.step_tol, words_
        assert _local_minimum_near(curve, run.final_w, 2 * rule.near_tol), words_
    if verdict.kind == "diverging":
        steps = np.abs(run.step)
        recent = steps[steps.size // 2 :]  # the swings of the run's second half
        grew = run.stop_reason == "diverged" or (steps.size > 1 and steps[-1] > steps[0]) or (recent.size > 1 and recent[-1] > recent[0])
        assert grew or abs(run.final_w - verdict.w_star) > abs(w0 - verdict.w_star), words_
    if verdict.w_star is not None:
        assert _is_minimum(curve, verdict.w_star), words_
    if "w* = " in words_:
        for value in re.findall(r"w\* = (−?[\d.]+(?:e−?\d+)?)", words_):
            assert _is_minimum(curve, float(value.replace("−", "-")), digits=4), words_
