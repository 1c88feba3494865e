"""Linear regression: the lab's figures, least squares, finite differences, the fast path."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.linreg import (
    compute_cost,
    compute_gradient,
    cost_from_stats,
    cost_grid,
    fit_summary,
    gradient_descent,
    run_gradient_descent,
    gradient_from_stats,
    hessian,
    largest_stable_alpha,
    least_squares,
    run_from_stats,
    scale_stats,
    summarize,
    unscale_params,
    zscore_normalize_features,
)

X_TRAIN = np.array([1.0, 2.0])
Y_TRAIN = np.array([300.0, 500.0])

finite = st.floats(min_value=-100, max_value=100, allow_nan=False, allow_infinity=False)


def test_lab_published_figures() -> None:
    w, b, J_history, p_history = gradient_descent(X_TRAIN, Y_TRAIN, 0.0, 0.0, 1.0e-2, 10_000)
    assert isinstance(w, float) and round(w, 4) == 199.9929
    assert round(b, 4) == 100.0116
    # As in the lab: the cost and (w, b) after each update, starting with the first.
    assert J_history.shape == (10_000,) and p_history.shape == (10_000, 2)
    assert J_history[0] == pytest.approx(79274.8, rel=1e-5)
    assert tuple(p_history[0]) == pytest.approx((6.5, 4.0), rel=1e-12)
    result = run_gradient_descent(X_TRAIN, Y_TRAIN, 0.0, 0.0, 1.0e-2, 10_000)
    assert result.w.shape == (1,) and result.w[0] == w and result.b == b
    assert result.iterations == 10_000
    assert result.cost_history.shape == (10_001,)
    # The lab's first printed line: iteration 0 after one update.
    assert result.cost_history[1] == pytest.approx(79274.8, rel=1e-5)
    assert result.w_history[1] == pytest.approx(6.5, rel=1e-12)
    assert result.b_history[1] == pytest.approx(4.0, rel=1e-12)


def test_lab_cost_and_gradient() -> None:
    assert compute_cost(X_TRAIN, Y_TRAIN, 200.0, 100.0) == 0.0
    assert compute_cost(X_TRAIN, Y_TRAIN, 0.0, 0.0) == pytest.approx((300**2 + 500**2) / 4)
    dj_dw, dj_db = compute_gradient(X_TRAIN, Y_TRAIN, 0.0, 0.0)
    assert (dj_dw, dj_db) == pytest.approx((-650.0, -400.0))


def test_agrees_with_numpy_lstsq_several_features() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3)) * [1.0, 10.0, 0.1] + [5.0, -2.0, 100.0]
    y = x @ [2.0, -1.0, 30.0] + 7.0 + rng.normal(size=200)
    w, b = least_squares(x, y)
    design = np.column_stack([x, np.ones(len(x))])
    expected = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(np.append(w, b), expected, rtol=1e-9)


def test_gradient_descent_reaches_least_squares_when_scaled() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(100, 2))
    y = x @ [3.0, -2.0] + 1.0
    result = run_gradient_descent(x, y, np.zeros(2), 0.0, 0.5, 2000)
    w, b = least_squares(x, y)
    np.testing.assert_allclose(result.w, w, atol=1e-8)
    assert result.b == pytest.approx(b, abs=1e-8)


@settings(max_examples=60, deadline=None)
@given(w=finite, b=finite, seed=st.integers(0, 10_000))
def test_gradient_matches_finite_differences_one_feature(w: float, b: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=20) * 3
    y = 2 * x + rng.normal(size=20)
    dj_dw, dj_db = compute_gradient(x, y, w, b)
    h = 1e-5
    fd_w = (compute_cost(x, y, w + h, b) - compute_cost(x, y, w - h, b)) / (2 * h)
    fd_b = (compute_cost(x, y, w, b + h) - compute_cost(x, y, w, b - h)) / (2 * h)
    scale = 1 + abs(dj_dw) + abs(dj_db)
    assert dj_dw == pytest.approx(fd_w, abs=1e-5 * scale)
    assert dj_db == pytest.approx(fd_b, abs=1e-5 * scale)


@settings(max_examples=60, deadline=None)
@given(w=st.lists(finite, min_size=3, max_size=3), b=finite, seed=st.integers(0, 10_000))
def test_gradient_matches_finite_differences_several_features(w: list[float], b: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(15, 3))
    y = rng.normal(size=15)
    dj_dw, dj_db = compute_gradient(x, y, w, b)
    h = 1e-5
    w_arr = np.array(w)
    scale = 1 + np.abs(dj_dw).sum() + abs(dj_db)
    for j in range(3):
        e = np.zeros(3)
        e[j] = h
        fd = (compute_cost(x, y, w_arr + e, b) - compute_cost(x, y, w_arr - e, b)) / (2 * h)
        assert dj_dw[j] == pytest.approx(fd, abs=1e-5 * scale)
    fd_b = (compute_cost(x, y, w_arr, b + h) - compute_cost(x, y, w_arr, b - h)) / (2 * h)
    assert dj_db == pytest.approx(fd_b, abs=1e-5 * scale)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    offset=st.sampled_from([0.0, 1e3, 1e6]),
    spread=st.sampled_from([1e-2, 1.0, 1e3]),
    dw=st.floats(-1, 1),
    db=st.floats(-1, 1),
)
def test_fast_path_equals_per_row_formula_on_badly_scaled_data(
    seed: int, offset: float, spread: float, dw: float, db: float
) -> None:
    rng = np.random.default_rng(seed)
    x = offset + spread * rng.normal(size=500)
    y = 3.0 * x - 2.0 + rng.normal(size=500)
    stats = summarize(x, y)
    # Probe near and away from the optimum: cancellation is worst near it.
    w = float(stats.w_star[0]) * (1 + 1e-3 * dw)
    b = stats.b_star + db
    cost_rows = math.fsum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / (2 * len(x))
    # The per-row sums themselves carry rounding of order eps * |terms|: allow that much, and
    # 1e-9 relative beyond it (seed 422, offset 1e6, spread 0.01 put the cost 1.1e-9 apart).
    term_b = float(np.mean(np.abs(w * x) + abs(b) + np.abs(y)))
    term_w = term_b * float(np.mean(np.abs(x)))
    assert cost_from_stats(stats, w, b) == pytest.approx(cost_rows, rel=1e-9, abs=1e-12 * term_b * math.sqrt(2 * cost_rows))
    err = [w * xi + b - yi for xi, yi in zip(x, y)]
    grad_w = math.fsum(e * xi for e, xi in zip(err, x)) / len(x)
    grad_b = math.fsum(err) / len(x)
    fast_w, fast_b = gradient_from_stats(stats, w, b)
    assert fast_w == pytest.approx(grad_w, rel=1e-9, abs=1e-12 * term_w)
    assert fast_b == pytest.approx(grad_b, rel=1e-9, abs=1e-12 * term_b)


def test_fast_path_equals_per_row_several_features() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 3)) * [1e6, 1.0, 1e-3] + [1e6, 0.0, 5.0]
    y = x @ [1e-6, 2.0, 1e3] + rng.normal(size=300)
    stats = summarize(x, y)
    for w, b in [(np.zeros(3), 0.0), (np.array([1e-6, 2.0, 999.0]), 0.5)]:
        assert cost_from_stats(stats, w, b) == pytest.approx(compute_cost(x, y, w, b), rel=1e-9)
        fast_w, fast_b = gradient_from_stats(stats, w, b)
        rows_w, rows_b = compute_gradient(x, y, w, b)
        np.testing.assert_allclose(fast_w, rows_w, rtol=1e-8, atol=1e-9 * np.abs(rows_w).max())
        assert fast_b == pytest.approx(rows_b, rel=1e-8, abs=1e-12)


def test_descent_path_equals_per_row_loop() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=50) + 2
    y = 1.5 * x + rng.normal(size=50)
    w, b = 0.0, 0.0
    result = run_gradient_descent(x, y, w, b, 0.1, 30)
    for i in range(30):
        dj_dw, dj_db = compute_gradient(x, y, w, b)
        w, b = w - 0.1 * dj_dw, b - 0.1 * dj_db
        assert result.w_history[i + 1] == pytest.approx(w, rel=1e-10)
        assert result.b_history[i + 1] == pytest.approx(b, rel=1e-10, abs=1e-12)
        assert result.cost_history[i + 1] == pytest.approx(compute_cost(x, y, w, b), rel=1e-10)


def test_sequential_update_differs_and_matches_its_definition() -> None:
    w, b, alpha = 0.0, 0.0, 0.1
    result = run_gradient_descent(X_TRAIN, Y_TRAIN, w, b, alpha, 5, sequential=True)
    for i in range(5):
        dj_dw, _ = compute_gradient(X_TRAIN, Y_TRAIN, w, b)
        w = w - alpha * dj_dw
        _, dj_db = compute_gradient(X_TRAIN, Y_TRAIN, w, b)  # at the new w
        b = b - alpha * dj_db
        assert result.w_history[i + 1] == pytest.approx(w)
        assert result.b_history[i + 1] == pytest.approx(b)
    simultaneous = run_gradient_descent(X_TRAIN, Y_TRAIN, 0.0, 0.0, alpha, 5)
    assert simultaneous.b != pytest.approx(result.b)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), fraction=st.floats(0.05, 0.99))
def test_alpha_below_bound_never_increases_cost(seed: int, fraction: float) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(30, 2)) * rng.uniform(0.1, 10, size=2) + rng.normal(size=2) * 3
    y = rng.normal(size=30)
    alpha = fraction * largest_stable_alpha(summarize(x, y))
    result = run_gradient_descent(x, y, rng.normal(size=2) * 10, 5.0, alpha, 200)
    assert result.stop_reason == "max_iters"
    assert np.all(np.diff(result.cost_history) <= 1e-9 * result.cost_history[:-1] + 1e-12)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), factor=st.floats(1.2, 5.0))
def test_alpha_above_bound_is_reported_as_diverged(seed: int, factor: float) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=30) * 4 + 1
    y = 2 * x + rng.normal(size=30)
    alpha = factor * largest_stable_alpha(summarize(x, y))
    with np.errstate(all="raise"):  # no overflow may happen on the way
        result = run_gradient_descent(x, y, 0.0, 0.0, alpha, 100_000)
    assert result.stop_reason == "diverged"
    assert np.all(np.isfinite(result.cost_history))
    assert "diverged at iteration" in result.message


def test_hessian_and_stable_alpha() -> None:
    stats = summarize(X_TRAIN, Y_TRAIN)
    design = np.column_stack([X_TRAIN, np.ones(2)])
    np.testing.assert_allclose(hessian(stats), design.T @ design / 2)
    assert largest_stable_alpha(stats) == pytest.approx(2 / np.linalg.eigvalsh(design.T @ design / 2)[-1])


def test_cost_grid_matches_compute_cost() -> None:
    stats = summarize(X_TRAIN, Y_TRAIN)
    ws, bs = np.linspace(0, 400, 5), np.linspace(-200, 300, 4)
    grid = cost_grid(stats, ws, bs)
    assert grid.shape == (4, 5)
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            assert grid[i, j] == pytest.approx(compute_cost(X_TRAIN, Y_TRAIN, w, b), rel=1e-12, abs=1e-9)


def test_scaling_round_trip() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(80, 2)) * [1000.0, 0.01] + [2000.0, 3.0]
    y = x @ [0.5, 400.0] + 10
    x_norm, mu, sigma = zscore_normalize_features(x)
    stats = summarize(x, y)
    scaled, mu2, sigma2 = scale_stats(stats)
    np.testing.assert_allclose(mu, mu2)
    np.testing.assert_allclose(sigma, sigma2)
    direct = summarize(x_norm, y)
    np.testing.assert_allclose(scaled.sxx, direct.sxx, rtol=1e-10)
    np.testing.assert_allclose(scaled.w_star, direct.w_star, rtol=1e-9)
    result = run_from_stats(scaled, np.zeros(2), 0.0, 0.5, 500)
    w, b = unscale_params(result.w, result.b, mu, sigma)
    np.testing.assert_allclose(w, [0.5, 400.0], rtol=1e-8)
    assert b == pytest.approx(10.0, rel=1e-6)
    # Histories map back in one call too.
    w_hist, b_hist = unscale_params(result.w_history, result.b_history, mu, sigma)
    assert w_hist.shape == (501, 2) and b_hist.shape == (501,)


def test_scaling_refuses_constant_feature() -> None:
    with pytest.raises(ValueError, match="constant"):
        zscore_normalize_features(np.ones((5, 1)))


def test_fit_summary_at_least_squares() -> None:
    rng = np.random.default_rng(9)
    x = rng.normal(size=100)
    y = 3 * x + rng.normal(size=100)
    stats = summarize(x, y)
    summary = fit_summary(stats, stats.w_star[0], stats.b_star)
    residual = y - (stats.w_star[0] * x + stats.b_star)
    assert summary.r2 == pytest.approx(1 - residual @ residual / np.sum((y - y.mean()) ** 2))
    assert summary.rmse == pytest.approx(np.sqrt(np.mean(residual**2)))
    assert summary.distance_to_least_squares == pytest.approx(0.0, abs=1e-12)


def test_tol_stops_early_and_says_converged() -> None:
    result = run_gradient_descent(X_TRAIN, Y_TRAIN, 0.0, 0.0, 0.5, 100_000, tol=1e-9)
    assert result.stop_reason == "converged"
    assert result.iterations < 100_000
    assert result.w == pytest.approx(200.0, rel=1e-6)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="rows"):
        compute_cost([1.0, 2.0], [1.0], 0.0, 0.0)
    with pytest.raises(ValueError, match="alpha"):
        run_gradient_descent(X_TRAIN, Y_TRAIN, 0.0, 0.0, float("nan"), 10)
    with pytest.raises(ValueError, match="features"):
        run_gradient_descent(np.ones((3, 2)) * [[1], [2], [3]], [1, 2, 3], [0.0, 0.0, 0.0], 0.0, 0.1, 10)
