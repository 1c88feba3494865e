"""The small formulas moved out of the pages (issue 9), each against its definition."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.curves import CURVES, curve_from_expression
from gd_core.descent import run_descent
from gd_core.sweep import suggested_alphas, sweep_range
from gd_core.fit import fit_line
from gd_core.linreg import compute_cost, compute_gradient, fit_summary, one_update, run_from_stats, scale_params, summarize, unscale_params
from gd_core.surface import B_RANGE, W_RANGE, cost, cost_map, random_starts

X_TRAIN, Y_TRAIN = np.array([1.0, 2.0]), np.array([300.0, 500.0])


def test_cost_star_is_the_cost_at_least_squares() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=50), rng.normal(size=50)
    stats = summarize(x, y)
    assert stats.cost_star == pytest.approx(compute_cost(x, y, float(stats.w_star[0]), stats.b_star), rel=1e-12)


def test_steps_are_the_moves_of_w_and_b() -> None:
    result = run_from_stats(summarize(X_TRAIN, Y_TRAIN), 0.0, 0.0, 0.01, 3)
    assert result.steps.shape == (3, 2)
    assert tuple(result.steps[0]) == pytest.approx((6.5, 4.0))


def test_one_update_is_the_first_row_of_the_run() -> None:
    stats = summarize(X_TRAIN, Y_TRAIN)
    update = one_update(stats, [0.0], 0.0, 0.01)
    dj_dw, dj_db = compute_gradient(X_TRAIN, Y_TRAIN, 0.0, 0.0)
    assert (float(update.dj_dw[0]), update.dj_db) == pytest.approx((dj_dw, dj_db))
    result = run_from_stats(stats, 0.0, 0.0, 0.01, 1)
    assert float(update.w_new[0]) == result.w_history[1, 0] and update.b_new == result.b_history[1]


@settings(max_examples=50, deadline=None)
@given(w=st.floats(-1e3, 1e3), b=st.floats(-1e3, 1e3), mu=st.floats(-50, 50), sigma=st.floats(0.01, 100))
def test_scale_params_and_unscale_params_are_inverse(w: float, b: float, mu: float, sigma: float) -> None:
    w_s, b_s = scale_params([w], b, [mu], [sigma])
    w_back, b_back = unscale_params(w_s, b_s, [mu], [sigma])
    assert float(w_back[0]) == pytest.approx(w, rel=1e-9, abs=1e-9)
    assert b_back == pytest.approx(b, rel=1e-9, abs=1e-6)


def test_scaled_fit_predicts_like_the_unscaled_one() -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(1000, 3000, 200)
    y = 0.2 * x + 50 + rng.normal(size=200)
    stats = summarize(x, y)
    scaled = fit_line(stats, 0.1, 5.0, 0.3, 500, scaled=True)
    assert scaled.path.w_history[0, 0] == pytest.approx(0.1) and scaled.path.b_history[0] == pytest.approx(5.0)
    assert float(scaled.path.w[0]) == pytest.approx(float(stats.w_star[0]), rel=1e-8)
    assert scaled.path.b == pytest.approx(stats.b_star, rel=1e-6)
    plain = fit_line(stats, 0.1, 5.0, 1e-8, 10)
    assert plain.path is plain.result


def test_huge_start_is_a_labelled_status_not_an_error() -> None:
    stats = summarize(X_TRAIN, Y_TRAIN)
    result = run_from_stats(stats, 1e308, 0.0, 0.01, 10)
    assert result.stop_reason == "not_finite" and result.iterations == 0
    summary = fit_summary(stats, [1e308], 1e308)
    assert not summary.finite and math.isinf(summary.cost)
    scaled = fit_line(stats, 1e308, -1e308, 0.01, 10, scaled=True)
    assert scaled.result.stop_reason == "not_finite"


def test_formula_that_overflows_at_the_start_is_labelled() -> None:
    run = run_descent(curve_from_expression("exp(exp(exp(w)))"), 2.4, 0.1, 10)
    assert run.stop_reason == "not_finite" and run.iterations == 0 and "not a finite number" in run.message


def test_curve_places() -> None:
    bowl = CURVES["bowl"]
    assert bowl.point_at(0.0) == bowl.w_min and bowl.point_at(1.0) == bowl.w_max
    assert bowl.clamp(100.0) == bowl.w_max and bowl.clamp(3.0) == 3.0
    assert CURVES["two_minima"].nearest_minimum(4.2) == 5.0
    assert CURVES["two_minima"].nearest_minimum(4.2, within=0.5) is None
    assert bowl.other_starts(bowl.point_at(0.08)) == [pytest.approx(bowl.point_at(0.92))]


def test_next_step_and_next_w_follow_the_update_rule() -> None:
    run = run_descent(CURVES["bowl"], 7.0, 0.1, 5)
    for i in range(run.iterations):
        assert run.next_step(i) == pytest.approx(run.step[i]) and run.next_w(i) == pytest.approx(run.w[i + 1])
    assert run.next_w(run.iterations) == pytest.approx(run.final_w - 0.1 * run.slope[-1])


def test_suggested_alphas_and_sweep_range_bracket_the_limit() -> None:
    alphas = suggested_alphas(1.0)
    assert alphas[0] < alphas[-2] < 1.0 < alphas[-1]
    assert suggested_alphas(float("inf")) == [0.01, 0.05, 0.1, 0.5]
    sweep = sweep_range(1.0)
    assert sweep[0] == pytest.approx(1 / 200) and sweep[-1] == pytest.approx(1.4)


def test_landscape_map_and_random_starts() -> None:
    w, b, z = cost_map(7)
    assert z.shape == (7, 7) and z[2, 3] == pytest.approx(float(cost(w[3], b[2])))
    starts = random_starts(np.random.default_rng(1), 5)
    assert len(starts) == 5
    assert all(W_RANGE[0] < sw < W_RANGE[1] and B_RANGE[0] < sb < B_RANGE[1] for sw, sb in starts)
