"""What a run of gradient descent on J(w, b) did, in words (the rules: ``gd_core.verdict``).

>>> from gd_core.linreg import run_from_stats, summarize
>>> stats = summarize([1.0, 2.0], [300.0, 500.0])
>>> classify_regression(run_from_stats(stats, 0.0, 0.0, 0.01, 10_000), stats).text
'converged in 3,531 iterations: J − J* fell under 1e−6 of the starting gap'
"""

from __future__ import annotations

import math

import numpy as np

from gd_core.linreg import GDResult
from gd_core.run_facts import condition_number, sign_flip_fraction, update_factor
from gd_core.sums import Stats, largest_stable_alpha
from gd_core.verdict import BADLY_CONDITIONED, Verdict, _vs_limit, regression_rule
from gd_core.wording import number, plural


def classify_regression(result: GDResult, stats: Stats, *, scaled: bool = False, rel_tol: float = 1e-6) -> Verdict:
    """The verdict on a run of ``linreg.run_from_stats`` on ``stats`` (the sums it ran on).

    Converged by the gap rule (``regression_rule``). Otherwise the factor per step is the
    spectral radius of the update (``run_facts.update_factor``): above 1 the error grows
    (diverging), below 1 it shrinks, oscillating when the steps flip direction, creeping
    when they do not. A creeping run on a badly conditioned problem (condition number of
    the Hessian above 1e3, unscaled) names feature scaling as the fix: even the best alpha
    needs about ln(1/rel_tol) * condition / 4 iterations there.
    """
    rule = regression_rule(rel_tol)
    alpha, n = float(result.alpha), result.iterations
    cost = np.asarray(result.cost_history, dtype=float)
    j_star = stats.cost_star
    gap = cost - j_star
    alpha_limit = largest_stable_alpha(stats)
    factor = update_factor(stats, alpha, result.sequential)
    if result.stop_reason == "not_finite":
        return Verdict("diverging", result.message, 0, None, rule, alpha_limit)
    if alpha == 0:
        return Verdict("alpha_zero", f"α = 0, so every update moves w and b by α × gradient = 0: they stay at the start and the cost stays {number(cost[0])}", n, None, rule, alpha_limit)
    if gap[0] <= 1e-12 * max(1.0, abs(j_star)):
        return Verdict("at_minimum", "(w, b) started at the least-squares answer: the gradient is 0 there, so no update moves it", 0, None, rule, alpha_limit)
    done = np.flatnonzero(gap <= rel_tol * gap[0])
    if done.size and result.stop_reason != "diverged":
        k = int(done[0])
        text = f"converged in {plural(k, 'iteration')}: J − J* fell under {number(rel_tol)} of the starting gap"
        if sign_flip_fraction(result.steps[:k]) > 0.5:
            text += ", zigzagging across the valley on the way"
        return Verdict("converged", text, k, factor, rule, alpha_limit)
    cause = _vs_limit(alpha, alpha_limit) if not result.sequential else f"this update multiplies the error by up to {number(factor, 3)} per step"
    if result.stop_reason == "diverged":
        return Verdict("diverging", f"{result.message} ({cause}): lower α", n, factor, rule, alpha_limit)
    if factor > 1 + 1e-12:
        if cost[-1] > cost.min():
            text = f"diverging: the cost has grown from {number(cost.min())} to {number(cost[-1])} ({cause}): lower α"
            return Verdict("diverging", text, n, factor, rule, alpha_limit)
        text = f"too few iterations to judge: the cost is still falling, but {cause}, so it will start to grow"
        return Verdict("too_few", text, n, factor, rule, alpha_limit)
    if n <= 2:
        return Verdict("too_few", f"too few iterations to judge: {plural(n, 'iteration')} so far", n, factor, rule, alpha_limit)
    share = f"{number(100 * gap[-1] / gap[0], 3)}%"
    more = ""
    if 0 < factor < 1:
        k = math.ceil(math.log(rel_tol * gap[0] / gap[-1]) / (2 * math.log(factor)))
        more = f"; at this pace about {plural(k, 'more iteration')} meet the stop rule"
    steps = result.steps
    if sign_flip_fraction(steps) > 0.5:
        text = f"converging while oscillating: (w, b) zigzags across the valley and the error shrinks ×{number(factor, 4)} per step; after {plural(n, 'iteration')} J − J* is {share} of the starting gap{more}"
        return Verdict("oscillating", text, n, factor, rule, alpha_limit)
    text = f"still creeping after {plural(n, 'iteration')}: J − J* is still {share} of the starting gap{more}."
    kappa = condition_number(stats)
    if kappa > BADLY_CONDITIONED:
        best = (kappa - 1) / (kappa + 1) if math.isfinite(kappa) else 1.0
        need = math.ceil(math.log(rel_tol) / (2 * math.log(best))) if best < 1 else None
        valley = f"the valley of J(w, b) is long and narrow (condition number {number(kappa, 2)})"
        if scaled:
            text += f" Even with scaling {valley}: some features nearly repeat each other; drop one of them."
        else:
            at_best = f"even the best α would need about {plural(need, 'iteration')}" if need else "no α makes progress in the flat direction"
            text += f" {_vs_limit(alpha, alpha_limit)} ({number(100 * alpha / alpha_limit, 2)}% of it), but raising α cannot fix this: {valley}, and {at_best}. Turn on feature scaling to make the valley round."
    elif alpha < 0.5 * alpha_limit:
        text += f" {_vs_limit(alpha, alpha_limit)}: raise α towards it, or run more iterations."
    else:
        text += " Run more iterations."
    return Verdict("creeping", text, n, factor, rule, alpha_limit)
