"""What a run of gradient descent on J(w, b) did, as facts (the rules: ``gd_core.verdict``;
the words: ``gd_core.verdict_words``).

>>> from gd_core.linreg import run_from_stats, summarize
>>> stats = summarize([1.0, 2.0], [300.0, 500.0])
>>> classify_regression(run_from_stats(stats, 0.0, 0.0, 0.01, 10_000), stats).text
'converged in 3,531 iterations: J − J* fell under 1e−6 of the starting gap; the run went on to its limit of 10,000 iterations, which the slider, the numbers and the cost chart show, and J stayed within the rule'
"""

from __future__ import annotations

import math

import numpy as np

from gd_core.linreg import GDResult
from gd_core.path_facts import vs_limit
from gd_core.run_facts import condition_number, hessian_eigenvalues, sign_flip_fraction, update_factor
from gd_core.sums import Stats, largest_stable_alpha
from gd_core.verdict_data import BADLY_CONDITIONED, REG_STEP_SHARE, Verdict, regression_rule, verdict


def classify_regression(result: GDResult, stats: Stats, *, scaled: bool = False, rel_tol: float = 1e-6) -> Verdict:
    """The verdict on a run of ``linreg.run_from_stats`` on ``stats`` (the sums it ran on).

    Converged by ``regression_rule`` (a small step of (w, b), with the cost gap closed), from the
    first iteration that met it.
    Otherwise the factor per step is the spectral radius of the update
    (``run_facts.update_factor``): above 1 the error grows (diverging), below 1 it shrinks,
    oscillating when the steps flip direction, creeping when they do not. A creeping run on a
    badly conditioned problem (condition number above 1e3, unscaled) names feature scaling as
    the fix: even the best alpha needs about ln(1/rel_tol) * condition / 4 iterations there;
    on a well-conditioned one the advice is the fastest alpha, 2 / (lambda_min + lambda_max).
    """
    rule = regression_rule(rel_tol)
    alpha, n = float(result.alpha), result.iterations
    cost = np.asarray(result.cost_history, dtype=float)
    gap = cost - stats.cost_star
    alpha_limit = largest_stable_alpha(stats)
    factor = update_factor(stats, alpha, result.sequential)
    extra = {"factor": factor, "alpha_limit": alpha_limit}
    if result.stop_reason == "not_finite":
        return verdict("diverging", "reg_stopped", {"message": result.message}, 0, rule, alpha_limit=alpha_limit)
    if alpha == 0:
        return verdict("alpha_zero", "reg_alpha_zero", {"cost": float(cost[0])}, n, rule, alpha_limit=alpha_limit)
    if gap[0] <= 1e-12 * max(1.0, abs(stats.cost_star)):
        return verdict("at_minimum", "reg_at_minimum", {"start": True}, 0, rule, alpha_limit=alpha_limit)
    done = np.flatnonzero((gap <= rel_tol * gap[0]) & _small_steps(result, stats))
    if done.size and result.stop_reason != "diverged":
        k = int(done[0])
        facts = {"k": k, "tol": rel_tol, "zig": sign_flip_fraction(result.steps[:k]) > 0.5}
        if k < n:
            facts |= {"n": n, "stayed": bool(np.all(gap[k:] <= rel_tol * gap[0]))}
        return verdict("converged", "reg_converged", facts, k, rule, **extra)
    cause = vs_limit(alpha, alpha_limit) if not result.sequential else {"seq_factor": factor}
    if result.stop_reason == "diverged":
        return verdict("diverging", "reg_diverged", {"message": result.message, "lower": True, **cause}, n, rule, **extra)
    if factor > 1 + 1e-12:
        if cost[-1] > cost.min():
            facts = {"low": float(cost.min()), "last": float(cost[-1]), "lower": True, **cause}
            return verdict("diverging", "reg_growing", facts, n, rule, **extra)
        return verdict("too_few", "reg_will_grow", {"falling": True, **cause}, n, rule, **extra)
    if n <= 2:
        return verdict("too_few", "reg_too_few", {"n": n}, n, rule, **extra)
    facts = {"n": n, "share": 100 * gap[-1] / gap[0], "factor": factor}
    if 0 < factor < 1:
        facts["more"] = math.ceil(math.log(rel_tol * gap[0] / gap[-1]) / (2 * math.log(factor)))
    if sign_flip_fraction(result.steps) > 0.5:
        return verdict("oscillating", "reg_oscillating", facts, n, rule, **extra)
    return verdict("creeping", "reg_creeping", facts | _creeping_advice(stats, alpha, alpha_limit, scaled, rel_tol), n, rule, **extra)


def _small_steps(result: GDResult, stats: Stats) -> np.ndarray:
    """Per row of the run: whether the step into it moved (w, b) by under REG_STEP_SHARE of the
    start's distance to the least-squares answer (row 0, the start, has no step: False)."""
    params = np.column_stack([np.asarray(result.w_history, dtype=float), np.asarray(result.b_history, dtype=float)])
    star = np.append(np.asarray(stats.w_star, dtype=float), float(stats.b_star))
    reach = float(np.linalg.norm(params[0] - star))
    steps = np.linalg.norm(np.diff(params, axis=0), axis=1)
    return np.concatenate([[False], steps <= REG_STEP_SHARE * reach])


def _creeping_advice(stats: Stats, alpha: float, alpha_limit: float, scaled: bool, rel_tol: float) -> dict:
    """Facts of the advice: scaling for a long, narrow valley; else the fastest alpha."""
    kappa = condition_number(stats)
    if kappa > BADLY_CONDITIONED:
        if scaled:
            return {"kappa_scaled": kappa}
        best = (kappa - 1) / (kappa + 1) if math.isfinite(kappa) else 1.0
        need = math.ceil(math.log(rel_tol) / (2 * math.log(best))) if best < 1 else None
        facts = vs_limit(alpha, alpha_limit)
        return facts | {"alpha_narrow": alpha, "percent": 100 * alpha / alpha_limit, "kappa": kappa, "need": need, "no_progress": need is None}
    eigenvalues = hessian_eigenvalues(stats)
    best_alpha = 2.0 / float(eigenvalues[0] + eigenvalues[-1])
    if abs(best_alpha - alpha) <= 0.1 * alpha:
        return {"more_only": True}
    slowest = (kappa - 1) / (kappa + 1)
    best_k = math.ceil(math.log(rel_tol) / (2 * math.log(slowest))) if 0 < slowest < 1 else 1
    return {"best": best_alpha, "best_k": best_k, "change": "raise" if best_alpha > alpha else "lower", "side": None}
