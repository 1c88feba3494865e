"""The runs the pages show, with their verdicts, kept in shared, bounded caches.

Each cache is defined here, in a module imported once, not in a page: a page's script runs
again on every rerun, and a cache made there would be a new, empty one each time.

A rerun that comes back to a view (a student moving a control back, or a class trying the same
values) gets the finished run instead of making it again: a 10,000-iteration fit is about 5 ms of
a rerun, and a 1-D run with its verdict about 1 ms. Results are frozen dataclasses with read-only
arrays (gd_core.frozen), so sharing one between sessions is safe. The first argument of each
function is the view's key (what the result depends on); arguments with a leading underscore
are not part of the key (ui.cache.shared_cache). Each cache is bounded in bytes as well as entries: a
fit of 10 features over 200,000 iterations holds about 20 MB, and a fit of an uploaded file,
keyed by its session's own file id, is never asked for by anyone else.
"""

from __future__ import annotations

from gd_core.auto_alpha import AlphaChoice, suggest_alpha, suggest_alpha_scaled
import numpy as np

from gd_core.data import prepare_xy
from gd_core.descent import Basins, CostCurve, DescentRun, run_descent
from gd_core.minibatch_facts import AlphaLimits, BatchRuns, measured_limit, three_runs
from gd_core.scaling import scale_stats
from gd_core.sweep import AlphaSweep, sweep_alphas, sweep_range
from gd_core.descent import basins as basins_from
from gd_core.fit import Fit, fit_line
from gd_core.log_match import Diagnosis, diagnose
from gd_core.log_parse import ParsedLog
from gd_core.stop_rule import StopRule, stop_rule
from gd_core.regression_verdict import classify_regression
from gd_core.run_facts import SweepFacts, describe_sweep
from gd_core.sums import Stats
from gd_core.verdict import Verdict, classify_descent
from ui.cache.shared_cache import shared

MB = 2**20


@shared(max_entries=1024, max_bytes=32 * MB)
def descent(
    key: tuple, _curve: CostCurve, w0: float, alpha: float, iters: int, *, every_step: bool = False, alpha_limit: float | None = None
) -> tuple[DescentRun, Verdict]:
    """run_descent on ``_curve`` (named by ``key``) and its verdict, both by the page's stop rule
    (``rule_for``). ``every_step`` runs every iteration even at a minimum (the run does not
    stop); its verdict still judges it by the rule."""
    rule = rule_for(_curve)
    stop = {"slope_tol": None, "step_tol": None} if every_step else {"rule": rule, "minima": tuple(getattr(_curve, "minima", ()))}
    run = run_descent(_curve, w0, alpha, iters, **stop)
    return run, classify_descent(run, _curve, alpha_limit, rule=rule)


def rule_for(curve: CostCurve) -> StopRule:
    """The stop rule every 1-D page states: steps under 1/1000 of the curve's plotted range."""
    return stop_rule(curve.w_min, curve.w_max)  # type: ignore[attr-defined]


@shared(max_entries=256, max_bytes=128 * MB)
def fit(key: tuple, _stats: Stats, w0: float, b0: float, alpha: float, iters: int, scaled: bool, sequential: bool) -> tuple[Fit, Verdict | None]:
    """fit_line on ``_stats`` (named by ``key``, the data's id) and its verdict (None when the
    run could not start: nothing ran, so there is nothing to judge)."""
    result = fit_line(_stats, w0, b0, alpha, iters, scaled=scaled, sequential=sequential)
    if result.result.stop_reason == "not_finite":
        return result, None
    return result, classify_regression(result.result, result.run_stats, scaled=scaled)


BASIN_STARTS, BASIN_ITERS = 241, 2000  # page 3's dots: starts along the curve, and how long each runs


@shared(max_entries=64, max_bytes=32 * MB)
def sweep(key: tuple, _curve: CostCurve, w0: float, alpha_max: float, w_star: float | None, num_iters: int) -> tuple[AlphaSweep, SweepFacts]:
    """Page 2's 70 full runs over a range of alpha around ``alpha_max``, and what they show."""
    rule, minima = rule_for(_curve), tuple(getattr(_curve, "minima", ()))
    result = sweep_alphas(_curve, w0, sweep_range(alpha_max), num_iters, rule=rule, minima=minima)
    return result, describe_sweep(result, alpha_max, _curve, w0, w_star, rule=rule, minima=minima)


@shared(max_entries=64, max_bytes=32 * MB)
def basins(key: tuple, _curve: CostCurve, alpha: float) -> Basins:
    """Page 3's dots: where descent with ``alpha`` goes from each of BASIN_STARTS starts."""
    return basins_from(_curve, _curve.grid(BASIN_STARTS), alpha, BASIN_ITERS, _curve.minima)


@shared(max_entries=256)
def alpha_choice(key: tuple, _stats: Stats, w0: float, b0: float, scaled: bool) -> AlphaChoice:
    """The learning rate picked for this data (gd_core.auto_alpha), scaled or not, from (w0, b0)."""
    return (suggest_alpha_scaled if scaled else suggest_alpha)(_stats, w0, b0)


# --- The batch-size lesson (branch batches) ------------------------------------------------------
MAX_UPDATES = 20_000  # a run of the lesson stops after this many updates (a small batch on big data)
SWEEP_EPOCHS, SWEEP_UPDATES = 3, 2_000  # each run of the measured alpha sweep


@shared(max_entries=8, max_bytes=96 * MB)
def batch_rows(key: tuple, _frame, x_columns: tuple[str, ...], y_column: str, drop_missing: bool, _stats: Stats, scaled: bool) -> tuple[np.ndarray, np.ndarray, Stats]:
    """Every row of the chosen columns (a mini-batch reads rows, not sums), in the units the runs
    use: with ``scaled``, x' = (x - mu) / sigma and the scaled problem's sums (gd_core.scaling)."""
    x, y, _ = prepare_xy(_frame, list(x_columns), y_column, drop_missing=drop_missing)
    if not scaled:
        return x, y, _stats
    stats, mu, sigma = scale_stats(_stats)
    return (x - mu[0]) / sigma[0], y, stats


@shared(max_entries=64, max_bytes=128 * MB)
def batch_runs(key: tuple, _x: np.ndarray, _y: np.ndarray, _stats: Stats, w0: float, b0: float, alpha: float, batch_size: int, epochs: int, seed: int) -> BatchRuns:
    """Batch, mini-batch and stochastic descent on the rows named by ``key`` (gd_core.minibatch_facts)."""
    return three_runs(_x, _y, _stats, w0, b0, alpha=alpha, batch_size=batch_size, epochs=epochs, seed=seed, max_updates=MAX_UPDATES)


@shared(max_entries=64)
def batch_limits(key: tuple, _x: np.ndarray, _y: np.ndarray, _stats: Stats, w0: float, b0: float, batch_size: int, seed: int) -> tuple[AlphaLimits, AlphaLimits]:
    """The measured alpha sweep (gd_core.minibatch_facts.measured_limit) for the mini-batch and for stochastic descent."""
    sweep = {"seed": seed, "epochs": SWEEP_EPOCHS, "max_updates": SWEEP_UPDATES}
    return (measured_limit(_x, _y, _stats, w0, b0, batch_size=batch_size, **sweep), measured_limit(_x, _y, _stats, w0, b0, batch_size=1, **sweep))


@shared(max_entries=64, max_bytes=32 * MB)
def diagnosis(key: tuple, _log: ParsedLog, _stats: Stats, alpha: float, iters: int, w0: float, b0: float, timing: str | None) -> Diagnosis:
    """diagnose ``_log`` (named in ``key`` by its text's digest) on ``_stats`` (by the data's id):
    the correct code and every mistake run with these settings, some 200 ms for the course lab's
    10,000 iterations; the same log and settings (a class on the page's example) reuse it."""
    return diagnose(_log, _stats, alpha, iters, w0, b0, timing=timing)
