"""The curve catalogue: minima, exact derivatives, and typed curves' minima."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.curves import CURVES, curve_from_expression, find_minima, get_curve
from gd_core.descent import run_descent


@pytest.mark.parametrize("key", list(CURVES))
def test_minima_are_minima(key: str) -> None:
    curve = CURVES[key]
    assert curve.minima, "every catalogue curve has at least one minimum"
    for m in curve.minima:
        assert curve.w_min < m < curve.w_max
        assert abs(float(curve.slope(np.array([m]))[0])) < 1e-9
        assert float(curve.curvature(np.array([m]))[0]) > 0
    assert find_minima(curve.slope, curve.w_min, curve.w_max) == pytest.approx(curve.minima, abs=1e-8)


@settings(max_examples=100, deadline=None)
@given(key=st.sampled_from(list(CURVES)), t=st.floats(0, 1))
def test_derivatives_match_finite_differences(key: str, t: float) -> None:
    curve = CURVES[key]
    w = curve.w_min + t * (curve.w_max - curve.w_min)
    h = 1e-5
    fd = (curve.cost(np.array([w + h])) - curve.cost(np.array([w - h])))[0] / (2 * h)
    fd2 = (curve.slope(np.array([w + h])) - curve.slope(np.array([w - h])))[0] / (2 * h)
    assert float(curve.slope(np.array([w]))[0]) == pytest.approx(fd, rel=1e-5, abs=1e-6)
    assert float(curve.curvature(np.array([w]))[0]) == pytest.approx(fd2, rel=1e-4, abs=1e-5)


def test_lesson_example_w5_alpha01_stays_at_5() -> None:
    curve = CURVES["two_minima"]
    assert float(curve.slope(np.array([5.0]))[0]) == 0.0
    run = run_descent(curve, 5.0, 0.1, 25, slope_tol=None, step_tol=None)
    assert np.all(run.w == 5.0)
    # The other valley is deeper.
    assert curve.cost(np.array([1.0]))[0] < curve.cost(np.array([5.0]))[0]


def test_plateau_is_slow_and_steep_overshoots() -> None:
    slow = run_descent(CURVES["plateau"], -5.0, 0.1, 500)
    assert slow.stop_reason == "max_iters"
    steep = run_descent(CURVES["steep"], -2.5, 0.9, 200)
    assert np.any(np.diff(np.sign(steep.step)) != 0)  # it overshoots the minimum at least once


def test_typed_curve_minima_match_numpy_roots() -> None:
    curve = curve_from_expression("w**4 - 3*w**2 + w")
    roots = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    minima = [r for r in roots if 12 * r**2 - 6 > 0]
    assert curve.minima == pytest.approx(minima, abs=1e-9)
    assert curve.key == "custom" and curve.latex == "w^{4} - 3 w^{2} + w"


def test_get_curve_names_the_catalogue() -> None:
    assert get_curve("bowl") is CURVES["bowl"]
    with pytest.raises(KeyError, match="bowl"):
        get_curve("nope")
