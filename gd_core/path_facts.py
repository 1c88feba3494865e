"""Facts read off the path of a 1-D run, for the verdict (gd_core.verdict) to classify.

Each helper answers one question about the numbers of a run: which minima of the curve lie
near or ahead of its path, whether it met the stop rule and from which iteration on, whether
its recent steps shrink, grow or keep their sign, and which alpha would have been fastest.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from gd_core.curves import is_kink, true_minima
from gd_core.descent import CostCurve, DescentRun
from gd_core.stability import curvature_at, stable_alpha_at
from gd_core.stop_rule import StopRule
from gd_core.sweep import fastest_alpha, sweep_alphas, sweep_range

ADVICE_ITERS = 500  # how long the sweep behind "the fastest alpha is ..." lets each alpha run
FLAT_CURVATURE = 1e-9  # |J''| under this: the curvature cannot tell minimum from maximum


def at(curve: CostCurve, w: float, which: str = "cost") -> float:
    with np.errstate(all="ignore"):
        return float(np.asarray(getattr(curve, which)(np.asarray([w], dtype=float)), dtype=float).reshape(-1)[0])


def minima_near(curve: CostCurve, w: np.ndarray) -> list[float]:
    """The curve's listed minima, and any others near the path (where dJ/dw goes - to + and J
    is no lower beside it); a found one within 1e-6 of a listed one is the same minimum. When
    none lies ahead of the last step, the search looks farther ahead, up to 10^4 times the
    path's reach (a slow run can be far from its minimum)."""
    lo, hi = float(np.min(w)), float(np.max(w))
    pad = (hi - lo) + 1.0
    minima = [float(m) for m in (getattr(curve, "minima", ()) or ())]

    def add(found: tuple[float, ...]) -> None:
        for m_new in found:
            if all(abs(m_new - m) > 1e-6 * max(1.0, abs(m)) for m in minima):
                minima.append(m_new)

    add(true_minima(curve.cost, curve.slope, lo - pad, hi + pad))
    direction = float(w[-1] - w[-2]) if w.size > 1 else 0.0
    reach = pad
    while direction and not any((m - w[-1]) * direction > 0 for m in minima) and reach < 1e4 * pad:
        reach *= 10
        add(true_minima(curve.cost, curve.slope, *sorted((float(w[-1]), float(w[-1]) + np.sign(direction) * reach))))
    return sorted(minima)


def met_from(run: DescentRun, rule: StopRule, minima: list[float]) -> int | None:
    """The first iteration k >= 1 from which every step is under the rule's step and w stays
    near a minimum, to the end of the run (None: the run does not end so), and the step the run
    would take next is no longer than its last: at a minimum the steps shrink (or, at a sharp
    corner, keep their length). A step that grows again is leaving a hilltop's flat top (a short
    run near a local maximum beside a minimum), not settling."""
    ok = [rule.met_by_step(float(s)) and rule.near(float(w), tuple(minima)) for s, w in zip(run.step, run.w[1:])]
    if not ok or not ok[-1]:
        return None
    last, upcoming = abs(float(run.step[-1])), abs(run.next_step(run.w.size - 1))
    if upcoming > last * (1 + 1e-9) + 1e-300:
        return None
    k = len(ok)
    while k > 0 and ok[k - 1]:
        k -= 1
    return k + 1


def shape_at(curve: CostCurve, w: float) -> tuple[str, float]:
    """'minimum' / 'maximum' / 'flat' at a stationary point w, from J''(w) (neighbours if 0)."""
    c = curvature_at(curve, w)
    if c > FLAT_CURVATURE:
        return "minimum", c
    if c < -FLAT_CURVATURE:
        return "maximum", c
    h = 1e-3 * max(1.0, abs(w))
    j, left, right = at(curve, w), at(curve, w - h), at(curve, w + h)
    tol = 1e-12 * max(1.0, abs(j))
    if left > j + tol and right > j + tol:
        return "minimum", c
    if left < j - tol and right < j - tol:
        return "maximum", c
    return "flat", c


def tail(steps: np.ndarray) -> np.ndarray:
    n = steps.size
    return steps[max(0, min(n // 2, n - 3)) :]


def trend(sizes: np.ndarray) -> tuple[str, float]:
    """'shrink' / 'grow' / 'steady' for a run of step lengths, and the factor per step."""
    if sizes.size < 2 or sizes[0] <= 0 or sizes[-1] <= 0:
        return "steady", 1.0
    factor = float((sizes[-1] / sizes[0]) ** (1.0 / (sizes.size - 1)))
    diffs = np.diff(sizes)
    if np.mean(diffs < 0) >= 0.8 and sizes[-1] < sizes[0]:
        return "shrink", factor
    if np.mean(diffs > 0) >= 0.8 and sizes[-1] > sizes[0]:
        return "grow", factor
    return "steady", factor


def streak(steps: np.ndarray) -> int:
    """How many of the last steps share the sign of the last one."""
    signs = np.sign(steps)
    if signs.size == 0 or signs[-1] == 0:
        return 0
    different = np.flatnonzero(signs != signs[-1])
    return int(signs.size - (different[-1] + 1 if different.size else 0))


def kink_ahead(curve: CostCurve, minima: list[float], w: float, steps: np.ndarray) -> float | None:
    """The sharp corner (a minimum where the slope jumps, as |w| at 0) that the run heads for or
    swings across with steps that keep their length; None when there is none."""
    recent = np.abs(tail(steps))
    if recent.size < 2 or recent.min() <= 0 or recent.max() > 1.5 * recent.min():
        return None
    corners = [m for m in minima if is_kink(curve.slope, m)]
    direction = float(steps[-1])
    ahead = [m for m in corners if (m - w) * direction > 0 or abs(m - w) <= 2 * recent.max()]
    return min(ahead, key=lambda m: abs(m - w)) if ahead else None


def limit_at(curve: CostCurve, w_star: float | None, given: float | None) -> float | None:
    """alpha_max = 2 / J''(w*) at the run's own w* (inf where J''(w*) <= 0); the caller's
    limit only when the run has no w* (a page's limit may belong to another valley)."""
    if w_star is None:
        return None if given is None else float(given)
    return stable_alpha_at(curve, w_star)


def vs_limit(alpha: float, alpha_limit: float | None, w_star: float | None = None, far: bool = False) -> dict:
    """The facts of "α = 2.5 is above the stable limit 1 (of w* = 5)"; none without a finite limit."""
    if alpha_limit is None or not math.isfinite(alpha_limit):
        return {}
    side = "above" if alpha > alpha_limit else "below" if alpha < alpha_limit else "at"
    return {"alpha": alpha, "side": side, "limit": alpha_limit, "limit_star": w_star, "far": far}


@functools.lru_cache(maxsize=128)  # server-wide, bounded: page 2's cards share their curve and start, so one sweep
def _fastest(curve: CostCurve, w0: float, limit: float, rule: StopRule, minima: tuple[float, ...]) -> tuple[float, int] | None:
    return fastest_alpha(sweep_alphas(curve, w0, sweep_range(limit), ADVICE_ITERS, rule=rule, minima=minima))


def advice(curve: CostCurve, run: DescentRun, rule: StopRule, minima: list[float], alpha_limit: float | None) -> dict:
    """The facts of "from w0 the fastest alpha is about 0.48 (5 iterations)", from a sweep of
    alphas run with the same stop rule (gd_core.sweep); none when no alpha met it."""
    limit = alpha_limit if alpha_limit is not None else float("inf")
    try:
        best = _fastest(curve, float(run.w[0]), limit, rule, tuple(minima))
    except TypeError:  # a curve that cannot be hashed: swept every time
        best = _fastest.__wrapped__(curve, float(run.w[0]), limit, rule, tuple(minima))
    if best is None:
        return {}
    alpha, k = best
    change = "raise" if alpha > run.alpha else "lower"
    return {"w0": float(run.w[0]), "best": alpha, "best_k": k, "change": change, "more_helps": True}
