"""The automatic learning rate: below the stable limit, converging when it says so, and the
"watch it diverge" alpha diverging, checked by running gradient descent itself."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gd_core.auto_alpha import (
    AlphaChoice,
    diverge_alpha_for,
    iterations_to_converge,
    round_down,
    round_down_125,
    round_up,
    suggest_alpha,
    suggest_alpha_scaled,
)
from gd_core.linreg import GDResult, run_from_stats
from gd_core.scaling import scale_stats
from gd_core.sums import Stats, largest_stable_alpha, summarize
from gd_core.regression_verdict import classify_regression
from gd_core.verdict import Verdict

CAP = 3_000  # a small cap keeps the property tests fast; the claims are relative to the cap


def run(stats: Stats, alpha: float, iters: int, w0: float = 0.0, b0: float = 0.0) -> tuple[GDResult, Verdict]:
    w_in = np.full(stats.n, w0)
    result = run_from_stats(stats, w_in, b0, alpha, iters)
    verdict = classify_regression(result, stats)
    return result, verdict


@st.composite
def problems(draw: st.DrawFn) -> Stats:
    """Random regressions: 1-3 features of scales 1e-2 to 1e3, offsets up to 1e3, a real slope, noise."""
    seed = draw(st.integers(0, 2**32 - 1))
    m = draw(st.integers(3, 40))
    n = draw(st.integers(1, 3))
    rng = np.random.default_rng(seed)
    scale = 10.0 ** rng.uniform(-2, 3, n)
    offset = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-2, 3, n) * draw(st.sampled_from([0.0, 1.0]))
    x = rng.normal(size=(m, n)) * scale + offset
    w_true = rng.choice([-1.0, 1.0], n) * rng.uniform(0.5, 2.0, n) / scale  # each feature moves y by ~1 sd
    y = x @ w_true + rng.uniform(-5, 5) + draw(st.sampled_from([0.0, 0.1, 1.0])) * rng.normal(size=m)
    return summarize(x[:, 0] if n == 1 else x, y)


@settings(max_examples=60, deadline=None)
@given(stats=problems())
def test_suggested_alpha_is_below_the_limit_and_round(stats: Stats) -> None:
    choice = suggest_alpha(stats, max_iters=CAP)
    limit = largest_stable_alpha(stats)
    assert choice.stable_limit == pytest.approx(limit)
    noise = 1 + 1e-12  # the limit is known to rounding; exactly 2 may come out as 1.9999999999999996
    assert 0.2 * limit < choice.alpha <= 0.5 * limit * noise
    assert f"{choice.alpha:.6e}"[:8] in ("1.000000", "2.000000", "5.000000")
    assert 0.9 * limit <= choice.stable_limit_shown <= limit * noise  # rounded down, never up
    assert 1.2 * limit <= choice.diverge_alpha * noise and choice.diverge_alpha <= 1.6 * limit


@settings(max_examples=60, deadline=None)
@given(stats=problems())
def test_a_run_at_the_suggested_alpha_converges_when_it_says_so(stats: Stats) -> None:
    choice = suggest_alpha(stats, max_iters=CAP)
    _, verdict = run(stats, choice.alpha, choice.iterations)
    assert verdict.kind != "diverging"
    if choice.creeping:
        assert verdict.kind == "creeping" and choice.iterations == CAP
    else:
        assert verdict.kind == "converged"
        assert abs(verdict.iterations - choice.iterations_needed) <= 1  # the estimate is the count itself
        assert choice.iterations >= choice.iterations_needed


@settings(max_examples=60, deadline=None)
@given(stats=problems())
def test_the_watch_it_diverge_alpha_diverges(stats: Stats) -> None:
    choice = suggest_alpha(stats, max_iters=CAP)
    _, verdict = run(stats, choice.diverge_alpha, choice.iterations)
    assert verdict.kind == "diverging", verdict.text


@settings(max_examples=40, deadline=None)
@given(stats=problems(), fraction=st.floats(0.05, 0.95), w0=st.floats(-3, 3), b0=st.floats(-3, 3))
# A zig-zag run on data a line fits exactly: the cost gap closes at 24, the step rule holds at 26.
@example(stats=Stats(
    m=3, x_bar=np.array([0.8475771]), y_bar=5.027608560064689, sxx=np.array([[3.06995797]]), sxy=np.array([2.2724674]),
    w_star=np.array([0.74022753]), sse_star=1.232595164407831e-32), fraction=0.875, w0=0.0, b0=0.0)
def test_iterations_to_converge_matches_a_run_at_any_stable_alpha(stats: Stats, fraction: float, w0: float, b0: float) -> None:
    alpha = fraction * largest_stable_alpha(stats)
    w_in = np.full(stats.n, w0)
    needed = iterations_to_converge(stats, alpha, w_in, b0, max_iters=CAP)
    _, verdict = run(stats, alpha, CAP, w0, b0)
    if needed is None:
        assert verdict.kind in ("creeping", "oscillating")
    else:
        assert verdict.kind == "converged" and abs(verdict.iterations - needed) <= 1


@settings(max_examples=30, deadline=None)
@given(stats=problems())
def test_creeping_says_whether_scaling_is_the_fix(stats: Stats) -> None:
    choice = suggest_alpha(stats, max_iters=CAP)
    scaled_choice = suggest_alpha_scaled(stats, max_iters=CAP)
    if not choice.creeping:
        assert not choice.scale_features
    else:
        assert choice.scale_features == (not scaled_choice.creeping)
    scaled, _, _ = scale_stats(stats)
    _, verdict = run(scaled, scaled_choice.alpha, scaled_choice.iterations)
    assert verdict.kind == ("creeping" if scaled_choice.creeping else "converged")


def test_lab_houses() -> None:
    choice = suggest_alpha(summarize([1.0, 2.0], [300.0, 500.0]))
    assert (choice.alpha, choice.stable_limit_shown, choice.diverge_alpha) == (0.2, 0.583, 0.8)
    assert choice.iterations_needed == 176 and choice.iterations == 190 and not choice.creeping
    _, verdict = run(summarize([1.0, 2.0], [300.0, 500.0]), 0.2, 190)
    assert verdict.text.startswith("converged in 176 iterations")
    assert choice.alpha_text == "α = 0.2 was chosen for this data: its stable limit is 0.583. Try 0.8 to watch it diverge."
    assert "176 iterations" in choice.iterations_text


def test_badly_scaled_data_creeps_and_scaling_is_the_fix() -> None:
    rng = np.random.default_rng(1)
    size = rng.uniform(800, 2100, 100)  # square feet, as in the course's houses.txt
    stats = summarize(size, 0.2 * size + 80 + rng.normal(0, 20, 100))
    choice = suggest_alpha(stats)
    assert choice.alpha == 2e-7 and choice.creeping and choice.scale_features
    assert choice.iterations == 200_000
    assert "feature scaling" in choice.iterations_text
    scaled = suggest_alpha_scaled(stats)
    assert not scaled.creeping and scaled.alpha == 1.0  # the z-scored bowl is round: one step lands


def test_scaled_start_is_converted_from_original_units() -> None:
    x = np.array([[1.0, 200.0], [2.0, 180.0], [3.0, 260.0], [4.0, 300.0]])
    stats = summarize(x, [3.0, 5.0, 4.0, 9.0])
    scaled, mu, sigma = scale_stats(stats)
    w0, b0 = np.array([0.5, -0.01]), 2.0
    direct = suggest_alpha(scaled, w0 * sigma, b0 + float(w0 @ mu))
    assert suggest_alpha_scaled(stats, w0, b0) == direct


def test_start_at_the_minimum_needs_no_iterations() -> None:
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    assert iterations_to_converge(stats, 0.2, 200.0, 100.0) == 0
    assert iterations_to_converge(stats, 0.6, 0.0, 0.0) is None  # above the limit 0.58


@pytest.mark.parametrize(
    ("value", "down_125", "down_2", "up_1"),
    [
        (0.000637, 0.0005, 0.00063, 0.0007),
        (0.2918, 0.2, 0.29, 0.3),
        (1.0, 1.0, 1.0, 1.0),
        (9.99e-7, 5e-7, 9.9e-7, 1e-6),
        (4.4e-7, 2e-7, 4.4e-7, 5e-7),
        (1.9999999, 1.0, 1.9, 2.0),
        (1.9999999999999996, 2.0, 2.0, 2.0),  # 2 to rounding: not 1.9, not 1
    ],
)
def test_rounding(value: float, down_125: float, down_2: float, up_1: float) -> None:
    assert round_down_125(value) == down_125
    assert round_down(value, 2) == down_2 and round_down(value, 2) <= value * (1 + 1e-12)
    assert round_up(value, 1) == up_1 and round_up(value, 1) >= value


def test_diverge_alpha_is_round_and_close_above_the_limit() -> None:
    assert diverge_alpha_for(0.000637) == 0.0008
    assert diverge_alpha_for(0.00095) == 0.0012  # 0.002 would be twice the limit
    assert diverge_alpha_for(8.74e-7) == 1.1e-6


def test_choice_is_frozen() -> None:
    choice = suggest_alpha(summarize([1.0, 2.0], [300.0, 500.0]))
    assert isinstance(choice, AlphaChoice)
    with pytest.raises(AttributeError):
        choice.alpha = 1.0  # type: ignore[misc]
