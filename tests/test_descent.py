"""1-D descent engine: the update rule, stop reasons, stability bound, basins, verdicts."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.descent import basins, largest_stable_alpha, run_descent
from gd_core.verdict import classify_descent


@dataclass(frozen=True)
class Quadratic:
    """J(w) = a/2 (w - c)^2: curvature a, minimum c, stable for alpha < 2/a."""

    a: float
    c: float

    @property
    def cost(self) -> Callable[[np.ndarray], np.ndarray]:
        return lambda w: 0.5 * self.a * (np.asarray(w) - self.c) ** 2

    @property
    def slope(self) -> Callable[[np.ndarray], np.ndarray]:
        return lambda w: self.a * (np.asarray(w) - self.c)


@dataclass(frozen=True)
class DoubleWell:
    """J(w) = (w^2 - 1)^2: minima at -1 and 1, a hill at 0. No curvature given (numeric)."""

    @property
    def cost(self) -> Callable[[np.ndarray], np.ndarray]:
        return lambda w: (np.asarray(w) ** 2 - 1) ** 2

    @property
    def slope(self) -> Callable[[np.ndarray], np.ndarray]:
        return lambda w: 4 * np.asarray(w) * (np.asarray(w) ** 2 - 1)


def test_update_rule_and_step_sign() -> None:
    run = run_descent(Quadratic(2.0, 0.0), w0=2.5, alpha=0.1, num_iters=3, slope_tol=None)
    # w = 2.5 - 0.1 * 5.0 = 2.0: positive slope, w moves left.
    assert run.w[1] == pytest.approx(2.0)
    assert run.step[0] == pytest.approx(-0.5)
    np.testing.assert_allclose(run.step, -0.1 * run.slope[:-1])
    np.testing.assert_allclose(np.diff(run.w), run.step)
    left = run_descent(Quadratic(2.0, 0.0), w0=-2.5, alpha=0.1, num_iters=1)
    assert left.step[0] > 0  # negative slope: w moves right


def test_at_a_minimum_the_step_is_zero() -> None:
    run = run_descent(Quadratic(1.0, 5.0), w0=5.0, alpha=0.1, num_iters=20, slope_tol=None, step_tol=None)
    assert run.iterations == 20
    assert np.all(run.w == 5.0)
    assert np.all(run.step == 0.0)
    assert run.stop_reason == "max_iters"


def test_converges_with_message() -> None:
    run = run_descent(Quadratic(1.0, 3.0), w0=0.0, alpha=0.5, num_iters=1000)
    assert run.stop_reason == "converged"
    assert run.final_w == pytest.approx(3.0, abs=1e-5)
    assert "converged in" in run.message


def test_diverges_without_warnings_or_nonfinite_values() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = run_descent(Quadratic(1.0, 0.0), w0=1.0, alpha=2.5, num_iters=10_000)
    assert run.stop_reason == "diverged"
    assert "diverged after " in run.message and "1e+06" in run.message
    assert f"diverged after {run.iterations} updates" in run.message  # one count: the updates taken (issue 20)
    assert np.all(np.isfinite(run.w)) and np.all(np.isfinite(run.cost))


def test_overflowing_cost_is_diverged() -> None:
    @dataclass(frozen=True)
    class SteepWell:  # J = exp(w^2): one step from w = 2 lands where J overflows
        cost: Callable[[np.ndarray], np.ndarray] = lambda w: np.exp(np.asarray(w) ** 2)
        slope: Callable[[np.ndarray], np.ndarray] = lambda w: 2 * np.asarray(w) * np.exp(np.asarray(w) ** 2)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = run_descent(SteepWell(), w0=2.0, alpha=1.0, num_iters=100)
    assert run.stop_reason == "diverged"
    assert "too large to compute" in run.message
    assert run.iterations == 0 and np.all(np.isfinite(run.cost))


@settings(max_examples=80, deadline=None)
@given(a=st.floats(0.1, 50), c=st.floats(-10, 10), w0=st.floats(-20, 20), fraction=st.floats(0.01, 0.99))
def test_below_two_over_curvature_cost_never_increases(a: float, c: float, w0: float, fraction: float) -> None:
    curve = Quadratic(a, c)
    alpha = fraction * largest_stable_alpha(curve, c)
    run = run_descent(curve, w0=w0, alpha=alpha, num_iters=300)
    assert run.stop_reason != "diverged"
    assert np.all(np.diff(run.cost) <= 1e-12 * (1 + run.cost[:-1]))


@settings(max_examples=80, deadline=None)
@given(a=st.floats(0.1, 50), c=st.floats(-10, 10), w0=st.floats(-20, 20), factor=st.floats(1.05, 10))
def test_above_two_over_curvature_is_diverged(a: float, c: float, w0: float, factor: float) -> None:
    if abs(w0 - c) < 1e-3:
        w0 = c + 1.0
    curve = Quadratic(a, c)
    alpha = factor * largest_stable_alpha(curve, c)
    run = run_descent(curve, w0=w0, alpha=alpha, num_iters=100_000)
    assert run.stop_reason == "diverged"


def test_largest_stable_alpha_numeric_curvature() -> None:
    # J'' of (w^2 - 1)^2 at w = 1 is 8: alpha_max = 0.25.
    assert largest_stable_alpha(DoubleWell(), 1.0) == pytest.approx(0.25, rel=1e-6)
    assert largest_stable_alpha(DoubleWell(), 0.0) == float("inf")


def test_basins_split_at_the_hill() -> None:
    starts = np.linspace(-2, 2, 41)
    result = basins(DoubleWell(), starts, alpha=0.05, num_iters=2000, minima=(-1.0, 1.0))
    assert np.all(result.minimum_index[starts < -0.01] == 0)
    assert np.all(result.minimum_index[starts > 0.01] == 1)
    assert result.minimum_index[20] == -1  # w0 = 0 is the hilltop: slope 0, it never leaves
    too_big = basins(DoubleWell(), starts, alpha=5.0, num_iters=200, minima=(-1.0, 1.0))
    moving = (np.abs(starts) > 0.5) & (np.abs(np.abs(starts) - 1) > 1e-9)  # ±1 are minima: they stay
    assert np.all(too_big.minimum_index[moving] == -1)
    assert np.all(too_big.minimum_index[np.abs(np.abs(starts) - 1) < 1e-9] >= 0)


def test_verdicts() -> None:
    curve = Quadratic(1.0, 0.0)
    fast = run_descent(curve, 5.0, 0.5, 1000)
    assert classify_descent(fast, curve).kind == "converged"
    bouncy = run_descent(curve, 5.0, 1.9, 1000)
    verdict = classify_descent(bouncy, curve)
    assert verdict.kind == "converged" and "side to side" in verdict.text
    slow = run_descent(curve, 5.0, 0.001, 50)
    assert classify_descent(slow, curve).text.startswith("still creeping after 50 iterations")
    still = run_descent(curve, 5.0, 1.999, 50)
    assert classify_descent(still, curve).kind == "oscillating"
    wild = run_descent(curve, 5.0, 2.5, 1000)
    assert classify_descent(wild, curve).kind == "diverging"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="alpha"):
        run_descent(Quadratic(1, 0), 0.0, float("inf"), 10)
    with pytest.raises(ValueError, match="w0"):
        run_descent(Quadratic(1, 0), float("nan"), 0.1, 10)


def test_sweep_agrees_with_single_runs() -> None:
    from gd_core.sweep import sweep_alphas

    curve = Quadratic(2.0, 1.0)
    alphas = np.array([0.001, 0.1, 0.5, 0.9, 0.99, 1.01, 2.0])
    sweep = sweep_alphas(curve, 4.0, alphas, 400)
    for alpha, iterations, diverged in zip(alphas, sweep.iterations, sweep.diverged):
        run = run_descent(curve, 4.0, float(alpha), 400, step_tol=None)
        assert diverged == (run.stop_reason == "diverged")
        if run.stop_reason == "converged":
            assert iterations == run.iterations
        if run.stop_reason == "max_iters":
            assert iterations == 400


def test_slow_divergence_within_the_limit_is_called_diverging() -> None:
    run = run_descent(Quadratic(2.0, 3.0), -1.5, 1.1, 60)  # |1 - 2.2| = 1.2 per step: grows, still finite
    assert run.stop_reason == "max_iters"
    verdict = classify_descent(run, Quadratic(2.0, 3.0))
    assert verdict.kind == "diverging" and "diverging" in verdict.text
