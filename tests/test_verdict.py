"""gd_core.verdict: the word agrees with the numbers of the run (issue 14).

Property tests run the classifier over catalogue curves, typed formulas, starts, alpha
(including 0) and iterations (including 1 and 2), and check each kind against the run's own
numbers. Below them, one test per finding of issue 14 that lives in gd_core.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.curves import CURVES, Curve, curve_from_expression
from gd_core.descent import (
    DescentRun,
    basins,
    curvature_at,
    largest_stable_alpha,
    run_descent,
)
from gd_core.stop_rule import stop_rule
from gd_core.sweep import sweep_alphas
from gd_core.linreg import largest_stable_alpha as regression_limit
from gd_core.linreg import run_from_stats, scale_stats, summarize
from gd_core.run_facts import (
    condition_number,
    describe_sweep,
    sequential_same_as_simultaneous,
    steps_shrink,
    update_factor,
)
from gd_core.regression_verdict import classify_regression
from gd_core.path_facts import minima_near
from gd_core.verdict import Verdict, classify_descent
from ui.words.captions import sequential_comparison_text, sweep_caption

ROOT_DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"
FORMULAS = ["w**4 - 3*w**2 + w", "-w**2", "5", "w**3", "w", "sin(3*w) + 0.1*w**2", "exp(w) - 2*w", "abs(w)", "w**4"]
TYPED = [curve_from_expression(f) for f in FORMULAS]
BAD_WORDS = re.compile(r"\b1 iterations\b|−0(?:\.0*)?(?![\d.e])|-0\.000")


@st.composite
def polynomials(draw: st.DrawFn) -> Curve:
    a, b, c, d = (draw(st.integers(-3, 3)) for _ in range(4))
    return curve_from_expression(f"{a}*w**4 + {b}*w**3 + {c}*w**2 + {d}*w")


curves = st.one_of(st.sampled_from(list(CURVES.values())), st.sampled_from(TYPED), polynomials())


def recent_signs(run: DescentRun, k: int = 3) -> np.ndarray:
    return np.sign(run.step[-k:])


def check_agrees(run: DescentRun, curve: Curve, verdict: Verdict) -> None:
    """Each kind's claim, recomputed from the run's numbers and the curve's stop rule."""
    kind, text = verdict.kind, verdict.text
    rule = stop_rule(curve.w_min, curve.w_max)
    assert not BAD_WORDS.search(text), text
    assert "None" not in text and "nan" not in text and "{" not in text, text
    assert (kind == "alpha_zero") == (run.alpha == 0), text
    if "converged" in text and "not convergence" not in text:
        assert kind == "converged", text
    if kind == "converged":
        k = verdict.iterations
        assert k >= 1 and run.alpha > 0
        assert np.all(np.abs(run.step[k - 1 :]) < rule.step_tol), text
        assert any(abs(run.final_w - m) <= rule.near_tol for m in minima_near(curve, run.w)), text
    if kind in ("at_minimum", "at_maximum", "flat") and verdict.iterations == 0:
        assert np.ptp(run.w) < rule.step_tol and run.alpha > 0
    if kind == "at_maximum":
        w = float(run.w[verdict.iterations])
        assert curvature_at(curve, w) <= 1e-9, text
    if kind == "at_minimum":
        assert curvature_at(curve, float(run.w[0])) >= -1e-9, text
    if verdict.w_star is not None:
        m, h = verdict.w_star, 1e-6 * max(1.0, abs(verdict.w_star))
        j = curve.cost(np.array([m - h, m, m + h]))
        assert np.all(np.isfinite(j)) and j[1] <= min(j[0], j[2]) + 1e-9 * max(1.0, abs(j[1])), text
    if kind == "creeping":
        assert verdict.alpha_limit is not None and run.alpha < verdict.alpha_limit, text
        assert len(set(recent_signs(run))) == 1, text  # the steps keep their sign
    if kind == "oscillating":
        assert verdict.factor is not None and verdict.factor < 1
        signs = np.sign(run.step[-4:])
        assert np.any(signs[1:] * signs[:-1] < 0), text
    if kind == "diverging":
        grew = verdict.factor is not None and verdict.factor > 1
        assert run.stop_reason == "diverged" or grew, text
    if kind == "cycling":
        assert run.alpha > 0 and abs(run.step[-1]) >= rule.step_tol
        signs = np.sign(run.step[-max(4, run.iterations // 2) :])  # back and forth over the last half
        assert np.any(signs[1:] * signs[:-1] < 0), text
    if kind == "too_few":
        assert run.iterations <= 2 or (verdict.alpha_limit is not None and run.alpha >= verdict.alpha_limit), text


def limit_for(curve: Curve, w0: float) -> float | None:
    if not curve.minima:
        return None
    return largest_stable_alpha(curve, min(curve.minima, key=lambda m: abs(m - w0)))


@settings(max_examples=150, deadline=None)
@given(
    curve=curves,
    where=st.floats(-0.2, 1.2),
    alpha=st.one_of(st.just(0.0), st.floats(1e-4, 3.0), st.sampled_from([0.02, 0.45, 0.9, 1.05, 2.5])),
    iters=st.one_of(st.integers(0, 3), st.integers(4, 300)),
    every_iteration=st.booleans(),
)
def test_the_word_agrees_with_the_numbers(curve: Curve, where: float, alpha: float, iters: int, every_iteration: bool) -> None:
    w0 = curve.w_min + where * (curve.w_max - curve.w_min)
    try:
        if every_iteration:  # page 3 runs every iteration, even at a minimum
            run = run_descent(curve, w0, alpha, iters, slope_tol=None, step_tol=None)
        else:
            run = run_descent(curve, w0, alpha, iters)
    except ValueError:
        return  # J is not finite at this start (a formula's edge)
    check_agrees(run, curve, classify_descent(run, curve))
    page_limit = limit_for(curve, w0)  # the learning-rate page passes its own limit
    if page_limit is not None and np.isfinite(page_limit):
        check_agrees(run, curve, classify_descent(run, curve, page_limit))


@settings(max_examples=60, deadline=None)
@given(curve=curves, where=st.floats(0, 1), iters=st.integers(1, 200))
def test_alpha_zero_is_never_converged(curve: Curve, where: float, iters: int) -> None:
    w0 = curve.w_min + where * (curve.w_max - curve.w_min)
    try:
        run = run_descent(curve, w0, 0.0, iters)
    except ValueError:
        return
    verdict = classify_descent(run, curve)
    assert verdict.kind == "alpha_zero" and "converged" not in verdict.text
    if run.slope[0] != 0:
        assert "not 0" in verdict.text


@settings(max_examples=60, deadline=None)
@given(curve=curves, where=st.floats(0, 1), factor=st.floats(1.01, 5), iters=st.integers(1, 300))
def test_never_creeping_above_the_limit(curve: Curve, where: float, factor: float, iters: int) -> None:
    w0 = curve.w_min + where * (curve.w_max - curve.w_min)
    page_limit = limit_for(curve, w0)
    if page_limit is None or not np.isfinite(page_limit):
        return
    try:
        run = run_descent(curve, w0, factor * page_limit, iters)
    except ValueError:
        return
    verdict = classify_descent(run, curve, page_limit)
    if verdict.kind == "creeping":  # only towards another minimum, whose own limit is higher
        assert verdict.w_star is not None and run.alpha < largest_stable_alpha(curve, verdict.w_star)
        assert verdict.w_star != min(curve.minima, key=lambda m: abs(m - w0))


@settings(max_examples=40, deadline=None)
@given(
    x=st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=30),
    slope=st.floats(-50, 50),
    noise=st.floats(0, 5),
    fraction=st.one_of(st.just(0.0), st.floats(1e-3, 1.6)),
    iters=st.integers(1, 3000),
    sequential=st.booleans(),
    scaled=st.booleans(),
)
def test_regression_word_agrees_with_the_numbers(x, slope, noise, fraction, iters, sequential, scaled) -> None:
    x_arr = np.asarray(x)
    if np.ptp(x_arr) < 1e-2:
        return
    y = slope * x_arr + 2.0 + noise * np.sin(7 * x_arr)
    stats = summarize(x_arr, y)
    if scaled:
        stats = scale_stats(stats)[0]
    alpha_limit = regression_limit(stats)
    alpha = fraction * alpha_limit
    result = run_from_stats(stats, 0.0, 0.0, alpha, iters, sequential=sequential)
    verdict = classify_regression(result, stats, scaled=scaled)
    text, kind = verdict.text, verdict.kind
    assert not BAD_WORDS.search(text), text
    gap = result.cost_history - stats.sse_star / (2 * stats.m)
    assert (kind == "alpha_zero") == (alpha == 0)
    if kind == "converged":
        assert gap[verdict.iterations] <= 1e-6 * gap[0] and "1e−6 of the starting gap" in text
    if kind == "creeping":
        assert verdict.factor < 1 and (sequential or alpha < alpha_limit)
        assert "converged" not in text
    if kind == "diverging":
        assert result.stop_reason == "diverged" or verdict.factor > 1
    if "raise α" in text:
        assert alpha < 0.5 * alpha_limit and condition_number(stats) <= 1e3
    if " above the stable limit" in text:
        assert alpha > alpha_limit


# --- one test per finding of issue 14 (each fails on the code before it) ---------------------

TWO = CURVES["two_minima"]
BOWL = CURVES["bowl"]


def test_finding_two_valleys_at_3_5_is_a_maximum() -> None:
    # /local_minimum?w0=3.5 said "This is a local minimum"; pages 1 and 2 "converged in 0 iterations".
    page3 = run_descent(TWO, 3.5, 0.1, 30, slope_tol=None, step_tol=None)
    page1 = run_descent(TWO, 3.5, 0.1, 30)
    for run in (page3, page1):
        verdict = classify_descent(run, TWO)
        assert verdict.kind == "at_maximum"
        assert "maximum" in verdict.text and "unstable" in verdict.text and "converged" not in verdict.text
        assert "J''(3.5) = −1.5" in verdict.text
    hill = curve_from_expression("-w**2")
    assert classify_descent(run_descent(hill, 0.0, 0.1, 30), hill).kind == "at_maximum"


def test_finding_alpha_zero_is_not_a_minimum() -> None:
    # /local_minimum?alpha=0&w0=4.5: "The slope here is exactly 0 ... local minimum" beside dJ/dw = -0.7.
    run = run_descent(TWO, 4.5, 0.0, 30, slope_tol=None, step_tol=None)
    verdict = classify_descent(run, TWO)
    assert verdict.kind == "alpha_zero" and "−0.7, not 0" in verdict.text and "minimum" not in verdict.text
    # /intuition?alpha=0: "converged in 1 iterations" with dJ/dw = 8.
    run = run_descent(BOWL, 7.0, 0.0, 30)
    verdict = classify_descent(run, BOWL)
    assert verdict.kind == "alpha_zero" and "converged" not in verdict.text and "8, not 0" in verdict.text


def test_finding_steep_wall_above_the_limit_is_not_creeping() -> None:
    # /learning_rate?curve=Steep+wall&alphas=2.5: "still creeping" at 2.5 x the limit.
    steep = CURVES["steep"]
    w0 = steep.w_min + 0.05 * (steep.w_max - steep.w_min)
    alpha_max = largest_stable_alpha(steep, steep.minima[0])
    run = run_descent(steep, w0, 2.5, 60)
    verdict = classify_descent(run, steep, alpha_max)
    assert verdict.kind == "cycling" and "does not settle" in verdict.text
    assert "above the stable limit 1" in verdict.text


def test_finding_plateau_steps_grow_and_basins_are_on_their_way() -> None:
    # /local_minimum?curve=Flat+plateau: "the steps get smaller" beside steps that grew.
    plateau = CURVES["plateau"]
    run = run_descent(plateau, 5.0, 0.1, 30, slope_tol=None, step_tol=None)
    assert abs(run.step[-1]) > abs(run.step[0])
    assert not steps_shrink(run)
    assert steps_shrink(run_descent(BOWL, 7.0, 0.1, 30, slope_tol=None, step_tol=None))
    # Starts in [-6, -5] were "no minimum (runs away)" though they creep towards w = 2.
    starts = np.linspace(plateau.w_min, plateau.w_max, 241)
    result = basins(plateau, starts, 0.1, 2000, plateau.minima)
    far = (starts >= -6) & (starts <= -5)
    assert np.all(result.minimum_index[far] == -1)
    assert np.all(result.heading_to[far] == 0) and not np.any(result.diverged)
    verdict = classify_descent(run_descent(plateau, -5.5, 0.1, 2000), plateau)
    assert verdict.kind == "stalled" and "from the minimum w* = 2" in verdict.text and "not convergence" in verdict.text


def test_finding_basins_keep_runaways_apart() -> None:
    too_big = basins(BOWL, np.array([-1.0, 3.0, 7.0]), 1.2, 200, BOWL.minima)
    assert too_big.diverged.tolist() == [True, False, True]
    assert too_big.heading_to.tolist() == [-1, -1, -1]
    assert too_big.minimum_index.tolist() == [-1, 0, -1]


def auto_mpg_stats():
    frame = pd.read_csv(ROOT_DATA / "auto_mpg.csv").dropna(subset=["weight_lbs", "miles_per_gallon"])
    return summarize(frame["weight_lbs"].to_numpy(), frame["miles_per_gallon"].to_numpy())


def test_finding_auto_mpg_creeps_because_of_conditioning() -> None:
    # /regression?dataset=Auto+MPG+cars&alpha=2e-7: "Raise α towards it" at 95% of the limit.
    stats = auto_mpg_stats()
    assert condition_number(stats) == pytest.approx(1.27e8, rel=0.02)
    result = run_from_stats(stats, 0.0, 0.0, 2e-7, 10_000)
    verdict = classify_regression(result, stats)
    assert verdict.kind == "creeping"
    assert "Raise α" not in verdict.text and "raise α towards" not in verdict.text
    assert "raising α cannot fix this" in verdict.text and "feature scaling" in verdict.text
    assert "condition number 1.3e8" in verdict.text and "95% of it" in verdict.text
    scaled, _, _ = scale_stats(stats)
    fixed = classify_regression(run_from_stats(scaled, 0.0, 0.0, 0.5, 10_000), scaled, scaled=True)
    assert fixed.kind == "converged"


def test_finding_bowl_alpha_0_9_is_converging_not_still_oscillating() -> None:
    # /learning_rate, α = 0.9: "still oscillating after 60 iterations" next to w = 3.000.
    run = run_descent(BOWL, -1.5, 0.9, 60)
    verdict = classify_descent(run, BOWL, 1.0)
    assert verdict.kind == "converged" and "swinging from side to side" in verdict.text
    early = classify_descent(run_descent(BOWL, -1.5, 0.9, 20), BOWL, 1.0)
    assert early.kind == "oscillating" and early.factor == pytest.approx(0.8)
    more = int(re.search(r"about (\d+) more iterations", early.text)[1])
    rule = stop_rule(BOWL.w_min, BOWL.w_max)
    assert run_descent(BOWL, -1.5, 0.9, 1000, rule=rule, minima=BOWL.minima).iterations == 20 + more == verdict.iterations


def test_finding_one_iteration_is_too_few_unless_it_overshoots() -> None:
    # iters=1: every run "still creeping", including α = 1.1 which jumped from -1.5 to 8.4.
    kinds = {alpha: classify_descent(run_descent(BOWL, -1.5, alpha, 1), BOWL, 1.0) for alpha in (0.02, 0.45, 0.9, 1.05, 1.1)}
    assert {a: v.kind for a, v in kinds.items()} == {
        0.02: "too_few", 0.45: "too_few", 0.9: "too_few", 1.05: "diverging", 1.1: "diverging",
    }
    assert "from −1.5 past w* = 3 to 8.4" in kinds[1.1].text
    assert all("creeping" not in v.text for v in kinds.values())


def sweep_facts(curve: Curve, w0: float):
    w_star = min(curve.minima, key=lambda m: abs(m - w0))
    alpha_max = largest_stable_alpha(curve, w_star)
    sweep = sweep_alphas(curve, w0, np.geomspace(alpha_max / 200, alpha_max * 1.4, 70), 500)
    return describe_sweep(sweep, alpha_max, curve, w0, w_star)


def test_finding_sweep_caption_says_what_the_sweep_shows() -> None:
    # "Bigger α is faster, up to the wall at 2/J''(w*)": on the bowl α = 0.5 is fastest.
    bowl = sweep_facts(BOWL, -1.5)
    assert bowl.fastest_alpha == pytest.approx(0.5, rel=0.05) and bowl.slower_after_fastest
    assert bowl.diverged_above + bowl.stuck_above == bowl.above_limit and bowl.converged_above == 0
    assert bowl.diverged_below == 0
    caption = sweep_caption(bowl, 500)
    assert "larger α need more iterations again" in caption and "Bigger α is faster" not in caption
    # On Steep wall runs past the wall keep jumping instead of diverging.
    steep = CURVES["steep"]
    wall = sweep_facts(steep, steep.w_min + 0.05 * (steep.w_max - steep.w_min))
    assert wall.stuck_above > 0
    assert "keep jumping about without settling" in sweep_caption(wall, 500)
    # On Two valleys some land in the other valley.
    valleys = sweep_facts(TWO, TWO.w_min + 0.05 * (TWO.w_max - TWO.w_min))
    assert valleys.other_valley_above + valleys.stuck_above > 0
    # A typed formula diverges below the wall: the start is far from w*.
    typed = curve_from_expression("w**4 - 3*w**2 + w")
    far = sweep_facts(typed, typed.w_min + 0.05 * (typed.w_max - typed.w_min))
    assert far.diverged_below > 0 and "below the limit" in sweep_caption(far, 500)
    w0 = typed.w_min + 0.05 * (typed.w_max - typed.w_min)
    verdict = classify_descent(run_descent(typed, w0, 0.13, 60), typed)
    assert verdict.kind == "diverging" and "is below the stable limit 0.139" in verdict.text
    assert "this start is far from it" in verdict.text


def test_finding_constant_formula_is_flat_not_a_minimum() -> None:
    # expr=5: "converged in 0 iterations" / "This is a local minimum" beside "no local minimum".
    flat = curve_from_expression("5")
    for run in (run_descent(flat, 0.0, 0.1, 30), run_descent(flat, 0.0, 0.1, 30, slope_tol=None, step_tol=None)):
        verdict = classify_descent(run, flat)
        assert verdict.kind == "flat" and "not a minimum" in verdict.text and "converged" not in verdict.text


def test_finding_limit_0_584_on_the_regression_page() -> None:
    # /regression?alpha=0.584: "α = 0.584 is above the stable limit 0.584".
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    verdict = classify_regression(run_from_stats(stats, 0.0, 0.0, 0.584, 10_000), stats)
    assert verdict.kind == "diverging" and "α = 0.584 is above the stable limit 0.583" in verdict.text


def test_finding_sequential_update_at_0_7() -> None:
    # α = 0.7: the simultaneous run diverges while the "wrong" sequential one converges;
    # with scaling the two coincide exactly (mean x' = 0).
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    assert update_factor(stats, 0.7) > 1 > update_factor(stats, 0.7, sequential=True)
    assert classify_regression(run_from_stats(stats, 0.0, 0.0, 0.7, 10_000), stats).kind == "diverging"
    sequential = run_from_stats(stats, 0.0, 0.0, 0.7, 10_000, sequential=True)
    assert classify_regression(sequential, stats).kind == "converged"
    scaled = scale_stats(stats)[0]
    assert sequential_same_as_simultaneous(scaled) and not sequential_same_as_simultaneous(stats)
    a = run_from_stats(scaled, 0.0, 0.0, 0.7, 200)
    b = run_from_stats(scaled, 0.0, 0.0, 0.7, 200, sequential=True)
    np.testing.assert_array_equal(a.cost_history, b.cost_history)
    explained = sequential_comparison_text(update_factor(stats, 0.7), update_factor(stats, 0.7, True), False)
    assert "(it grows)" in explained and "(it shrinks)" in explained
    assert "identical" in sequential_comparison_text(1.0, 1.0, sequential_same_as_simultaneous(scaled))


def test_finding_converged_states_its_rule_and_plurals() -> None:
    # "converged in 3531 iterations" without the stop rule; "1 iterations".
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    verdict = classify_regression(run_from_stats(stats, 0.0, 0.0, 0.01, 10_000), stats)
    assert verdict.text.startswith("converged in 3,531 iterations: J − J* fell under 1e−6 of the starting gap")
    assert "J − J* ≤ 1e−6 × (J₀ − J*)" in verdict.rule
    rule = stop_rule(BOWL.w_min, BOWL.w_max)
    one = classify_descent(run_descent(BOWL, 3.5, 0.5, 10, rule=rule, minima=BOWL.minima), BOWL)
    assert one.text.startswith("converged in 2 iterations: the last step, 0, is under 0.01, at w = 3")
    assert one.rule == "converged means w no longer changes much: a step under 0.01 (1/1000 of the plotted range of w, −2 to 8), within 0.1 of a minimum of J"


@pytest.mark.parametrize("sequential", [False, True])
def test_update_matrix_is_the_run(sequential: bool) -> None:
    from gd_core.run_facts import update_matrix

    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 1.5, size=(40, 3))
    stats = summarize(x, x @ np.array([1.0, -2.0, 0.5]) + 4.0 + rng.normal(size=40))
    alpha = 0.5 * regression_limit(stats)
    result = run_from_stats(stats, np.zeros(3), 0.0, alpha, 25, sequential=sequential)
    optimum = np.append(stats.w_star, stats.b_star)
    error = np.column_stack([result.w_history, result.b_history]) - optimum
    predicted = np.linalg.matrix_power(update_matrix(stats, alpha, sequential), 25) @ error[0]
    np.testing.assert_allclose(error[-1], predicted, rtol=1e-6, atol=1e-9)


def test_page_4s_rule_is_the_curves_family_a_small_step_near_the_minimum() -> None:
    """Converged on J(w, b) means what it means on a curve: (w, b) no longer change much (a step
    under 1/1000 of the start's distance to (w*, b*)), and they are near the minimum (the gap)."""
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    run = run_from_stats(stats, 0.0, 0.0, 0.01, 10_000)
    verdict = classify_regression(run, stats)
    k = verdict.iterations
    reach = np.hypot(0.0 - stats.w_star[0], 0.0 - stats.b_star)
    step = np.hypot(run.w_history[k, 0] - run.w_history[k - 1, 0], run.b_history[k] - run.b_history[k - 1])
    assert verdict.kind == "converged" and step <= 1e-3 * reach
    assert "w and b no longer change much: a step under 0.001 of the start's distance" in verdict.rule
    # A run stopped while its steps are still large is not converged, whatever its cost gap.
    short = classify_regression(run_from_stats(stats, 0.0, 0.0, 0.01, 100), stats)
    assert short.kind != "converged"
