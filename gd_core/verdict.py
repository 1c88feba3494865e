"""One place decides, in words, what a gradient-descent run did; every page shows its text.

``classify_descent`` (1-D curves, here) and ``classify_regression`` (J(w, b), in
``gd_core.regression_verdict``) return a ``Verdict``.
The rules, checked in this order, all read off the numbers of the run:

- ``alpha_zero``:  alpha = 0. Every step -alpha * dJ/dw is 0 whatever the slope: w stands
  still because alpha is 0, not because the slope is.
- ``at_minimum`` / ``at_maximum`` / ``flat``: the slope is under the stop tolerance at the
  start and stays there (w stands still). Which one comes from J''(w0): > 0 a minimum (a
  stable fixed point), < 0 a maximum (a fixed point too, but unstable: any nudge rolls
  away), = 0 (or a constant J) flat; when J'' = 0 the costs just beside w0 decide.
- ``converged``:   the stop rule holds from some iteration k >= 1 to the end of the run
  (1-D: |dJ/dw| < slope_tol; regression: J - J* <= rel_tol * (J_0 - J*)). ``rule`` states it.
- ``diverging``:   the run left the finite range; or its swings grow (steps flip sign and
  get longer); or a first step or two jumped past w* with alpha above the limit and landed
  farther away than it started; or it runs away with no minimum ahead.
- ``oscillating``: converging while oscillating: the steps flip sign and shrink, ``factor``
  per step (near w* this is |1 - alpha J''(w*)|), but the stop rule is not met yet.
- ``cycling``:     the steps flip sign and neither shrink nor grow: w jumps about and does
  not settle (alpha above the limit on a curve that is not a parabola).
- ``creeping``:    the recent steps keep their sign, heading for a minimum w*, and alpha
  is below the limit 2 / J''(w*): progress is slow but steady. Never above the limit.
- ``too_few``:     too few iterations to tell (0, 1 or 2 that do not already show an
  overshoot), or not there yet: still on the way to w* with alpha above the limit.

>>> from gd_core.curves import CURVES
>>> from gd_core.descent import run_descent
>>> bowl = CURVES["bowl"]
>>> classify_descent(run_descent(bowl, -1.5, 0.9, 60), bowl).text
'converging while oscillating: w swings from side to side and each swing is 0.8 times the last; after 60 iterations |w − w*| = 6.896e−6, and about 12 more iterations meet the stop rule |dJ/dw| < 1e−6'
>>> classify_descent(run_descent(bowl, 7.0, 0.0, 30), bowl).kind
'alpha_zero'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from gd_core.curves import find_minima
from gd_core.descent import CostCurve, DescentRun, curvature_at, largest_stable_alpha
from gd_core.run_facts import sign_flip_fraction
from gd_core.wording import exact, limit, number, plural

__all__ = [
    "Kind", "Verdict", "classify_descent", "regression_rule", "slope_rule",
]

Kind = Literal[
    "converged", "oscillating", "creeping", "diverging", "cycling", "too_few",
    "alpha_zero", "at_minimum", "at_maximum", "flat",
]

SLOPE_TOL = 1e-6  # run_descent's default stop rule
FLAT_CURVATURE = 1e-9  # |J''| under this: the curvature cannot tell minimum from maximum
BADLY_CONDITIONED = 1e3  # condition number above which feature scaling is named as the fix


@dataclass(frozen=True)
class Verdict:
    """What a run did: ``kind``, one plain sentence ``text`` true for the run, the
    ``iterations`` it refers to, the ``factor`` per step (oscillating, diverging, or the
    slowest factor of a regression run; None otherwise), the stop ``rule`` in words (show it
    wherever "converged" appears), and the ``alpha_limit`` and ``w_star`` it compared with."""

    kind: Kind
    text: str
    iterations: int
    factor: float | None
    rule: str
    alpha_limit: float | None = None
    w_star: float | None = None


def slope_rule(slope_tol: float = SLOPE_TOL) -> str:
    """The 1-D stop rule in words."""
    return f"converged means |dJ/dw| < {number(slope_tol)}"


def regression_rule(rel_tol: float = 1e-6) -> str:
    """The regression stop rule in words (J* is the least-squares cost)."""
    return f"converged means J − J* ≤ {number(rel_tol)} × (J₀ − J*): all but {number(rel_tol)} of the starting gap is closed"


# --- 1-D -------------------------------------------------------------------------------------


def _at(curve: CostCurve, w: float, which: str = "cost") -> float:
    with np.errstate(all="ignore"):
        return float(np.asarray(getattr(curve, which)(np.asarray([w], dtype=float)), dtype=float).reshape(-1)[0])


def _minima(curve: CostCurve, w: np.ndarray) -> list[float]:
    """The curve's listed minima, and any others near the path (where dJ/dw goes - to +);
    a found one within 1e-6 of a listed one is the same minimum. When none lies ahead of the
    last step, the search looks farther ahead, up to 10^4 times the path's reach (a slow run
    can be far from its minimum)."""
    lo, hi = float(np.min(w)), float(np.max(w))
    pad = (hi - lo) + 1.0
    minima = [float(m) for m in (getattr(curve, "minima", ()) or ())]

    def add(found: tuple[float, ...]) -> None:
        for m_new in found:
            if all(abs(m_new - m) > 1e-6 * max(1.0, abs(m)) for m in minima):
                minima.append(m_new)

    add(find_minima(curve.slope, lo - pad, hi + pad))
    direction = float(w[-1] - w[-2]) if w.size > 1 else 0.0
    reach = pad
    while direction and not any((m - w[-1]) * direction > 0 for m in minima) and reach < 1e4 * pad:
        reach *= 10
        add(find_minima(curve.slope, *sorted((float(w[-1]), float(w[-1]) + np.sign(direction) * reach))))
    return sorted(minima)


def _limit_at(curve: CostCurve, w_star: float | None, given: float | None) -> float | None:
    """alpha_max = 2 / J''(w*) at the run's own w* (inf where J''(w*) <= 0); the caller's
    limit only when the run has no w* (a page's limit may belong to another valley)."""
    if w_star is None:
        return None if given is None else float(given)
    return largest_stable_alpha(curve, w_star)


def _shape_at(curve: CostCurve, w: float) -> tuple[Kind, float]:
    """minimum / maximum / flat at a stationary point w, from J''(w) (neighbours if J'' = 0)."""
    c = curvature_at(curve, w)
    if c > FLAT_CURVATURE:
        return "at_minimum", c
    if c < -FLAT_CURVATURE:
        return "at_maximum", c
    h = 1e-3 * max(1.0, abs(w))
    j, left, right = _at(curve, w), _at(curve, w - h), _at(curve, w + h)
    tol = 1e-12 * max(1.0, abs(j))
    if left > j + tol and right > j + tol:
        return "at_minimum", c
    if left < j - tol and right < j - tol:
        return "at_maximum", c
    return "flat", c


def _standing(run: DescentRun, curve: CostCurve, rule: str, slope_tol: float) -> Verdict:
    w0, s0, n = float(run.w[0]), float(run.slope[0]), run.iterations
    kind, c = _shape_at(curve, w0)
    slope = "dJ/dw = 0" if s0 == 0 else f"|dJ/dw| = {number(abs(s0))} < {number(slope_tol)}"
    stays = f"w stays at {number(w0)}" + (f" for all {plural(n, 'iteration')}" if n else "")
    second = f"J''({number(w0)}) = {number(c)}"
    if kind == "at_minimum":
        why = f"{second} > 0" if c > FLAT_CURVATURE else f"{second}, but J rises on both sides"
        text = f"{slope} here, so {stays}: {why}, a local minimum (a stable fixed point of gradient descent)"
    elif kind == "at_maximum":
        why = f"{second} < 0" if c < -FLAT_CURVATURE else f"{second}, but J falls on both sides"
        text = f"{slope} here, so {stays}, but {why}: this is a maximum, a fixed point too but an unstable one: any nudge rolls away downhill"
    else:
        text = f"{slope} and {second} here, so {stays}: the cost is flat at this point, which is not a minimum"
    return Verdict(kind, text, 0, None, rule)


def _tail(steps: np.ndarray) -> np.ndarray:
    n = steps.size
    return steps[max(0, min(n // 2, n - 3)) :]


def _trend(sizes: np.ndarray) -> tuple[str, float]:
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


def _streak(steps: np.ndarray) -> int:
    """How many of the last steps share the sign of the last one."""
    signs = np.sign(steps)
    if signs.size == 0 or signs[-1] == 0:
        return 0
    different = np.flatnonzero(signs != signs[-1])
    return int(signs.size - (different[-1] + 1 if different.size else 0))


def _vs_limit(alpha: float, alpha_limit: float | None, w_star: float | None = None) -> str:
    """'α = 2.5 is above the stable limit 1', naming w* when a curve has several minima."""
    if alpha_limit is None or not math.isfinite(alpha_limit):
        return ""
    side = "above" if alpha > alpha_limit else "below" if alpha < alpha_limit else "at"
    where = f" of w* = {number(w_star)}" if w_star is not None else ""
    return f"α = {exact(alpha)} is {side} the stable limit {limit(alpha_limit, alpha)}{where}"


def classify_descent(
    run: DescentRun, curve: CostCurve, alpha_limit: float | None = None, *, slope_tol: float = SLOPE_TOL
) -> Verdict:
    """The verdict on a 1-D run (rules in the module docstring).

    The limit 2 / J''(w*) is taken at the minimum w* the run ends nearest to (or, for a run
    still moving one way, heads for); ``alpha_limit`` is used only when no minimum is in
    sight. ``slope_tol`` is the stop rule of ``run_descent``.
    """
    rule = slope_rule(slope_tol)
    n, alpha = run.iterations, float(run.alpha)
    w = np.asarray(run.w, dtype=float)
    w0, wn, sn = float(w[0]), float(w[-1]), float(run.slope[-1])
    if alpha == 0:
        why = "the slope there is 0 too" if run.slope[0] == 0 else f"although the slope there is {number(run.slope[0])}, not 0"
        text = f"α = 0, so every step −α·dJ/dw is 0: w stays at {number(w0)}, {why}"
        return Verdict("alpha_zero", text, n, None, rule, alpha_limit)

    big = np.flatnonzero(np.abs(run.slope) >= slope_tol)
    settled = None if big.size and big[-1] == w.size - 1 else (int(big[-1]) + 1 if big.size else 0)
    if settled == 0:
        return _standing(run, curve, rule, slope_tol)
    minima = _minima(curve, w)
    nearest = min(minima, key=lambda m: abs(m - wn)) if minima else None
    several = len(minima) > 1  # then a limit names its w*
    if settled is not None:
        ws = float(w[settled])
        kind, c = _shape_at(curve, ws)
        if kind == "at_maximum":
            text = f"landed on a maximum after {plural(settled, 'iteration')}: dJ/dw ≈ 0 at w = {number(ws)}, but J'' = {number(c)} < 0, so any nudge rolls away"
            return Verdict("at_maximum", text, settled, None, rule, alpha_limit)
        swung = sign_flip_fraction(run.step[:settled]) > 0.5
        text = f"converged in {plural(settled, 'iteration')}: |dJ/dw| < {number(slope_tol)} at w = {number(ws)}"
        if swung:
            text += ", swinging from side to side on the way"
        if settled < n:
            text += f"; after that w stays within the stop rule for the remaining {plural(n - settled, 'iteration')}"
        return Verdict("converged", text, settled, None, rule, _limit_at(curve, nearest, alpha_limit), nearest)

    steps = np.asarray(run.step, dtype=float)
    if run.stop_reason == "diverged":  # w* is the minimum nearest the start: w ended far away
        start_star = min(minima, key=lambda m: abs(m - w0)) if minima else None
        w_limit = _limit_at(curve, start_star, alpha_limit)
        text = run.message
        if w_limit is not None and math.isfinite(w_limit):
            text += f" ({_vs_limit(alpha, w_limit, start_star if several else None)}"
            text += "; that limit holds only near w*, and this start is far from it)" if alpha < w_limit else ")"
        return Verdict("diverging", text, n, None, rule, w_limit, start_star)
    if n == 0:
        return Verdict("too_few", "no iterations yet: too few to judge", 0, None, rule, alpha_limit, nearest)

    if run.stop_reason == "converged":  # by the step tolerance, with the slope not yet small
        w_limit = _limit_at(curve, nearest, alpha_limit)
        text = (
            f"stopped after {plural(n, 'iteration')} because a step fell under the step tolerance, but |dJ/dw| = "
            f"{number(abs(sn))} is not under {number(slope_tol)}: α = {exact(alpha)} is too small to move w"
        )
        kind: Kind = "creeping" if w_limit is not None and alpha < w_limit else "too_few"
        return Verdict(kind, text, n, None, rule, w_limit, nearest)
    if n <= 2:
        w_limit = _limit_at(curve, nearest, alpha_limit)
        if nearest is not None:
            d = w - nearest
            crossed = bool(np.any(d[1:] * d[:-1] < 0))
            if crossed and abs(d[-1]) > abs(d[0]) and w_limit is not None and alpha > w_limit:
                how = "one step" if n == 1 else "two steps"
                text = (
                    f"overshooting: {how} jumped from {number(w0)} past w* = {number(nearest)} to {number(wn)}, "
                    f"farther from w* than it started ({_vs_limit(alpha, w_limit, nearest if several else None)})"
                )
                return Verdict("diverging", text, n, abs(d[-1] / d[0]) ** (1 / n), rule, w_limit, nearest)
        text = f"too few iterations to judge: {plural(n, 'iteration')} moved w from {number(w0)} to {number(wn)}"
        if nearest is not None and abs(wn - nearest) < abs(w0 - nearest):
            d = w - nearest
            crossed = bool(np.any(d[1:] * d[:-1] < 0))
            text += f", past w* = {number(nearest)} but closer to it" if crossed else f", towards w* = {number(nearest)}"
        return Verdict("too_few", text, n, None, rule, w_limit, nearest)

    tail = _tail(steps)
    streak = _streak(tail)
    flips = float(np.mean(np.sign(tail[1:]) * np.sign(tail[:-1]) < 0))
    after = f"after {plural(n, 'iteration')}"
    if flips < 0.5 and streak >= 3:
        direction = "right" if tail[-1] > 0 else "left"
        ahead = [m for m in minima if (m - wn) * tail[-1] > 0]
        w_star = min(ahead, key=lambda m: abs(m - wn)) if ahead else None
        w_limit = _limit_at(curve, w_star, alpha_limit)
        if w_star is None:
            falling = bool(run.cost[-1] < run.cost[-streak - 1])
            text = f"running away: every recent step goes {direction}" + (" and J keeps falling" if falling else "")
            text += f", with no minimum found ahead; {after} w = {number(wn)}"
            return Verdict("diverging", text, n, None, rule, w_limit, None)
        if w_limit is not None and alpha < w_limit:
            text = (
                f"still creeping {after}: every recent step goes {direction}, towards w* = {number(w_star)}, "
                f"the last one {number(abs(tail[-1]))} long; |dJ/dw| = {number(abs(sn))} is not yet under {number(slope_tol)}"
            )
            if alpha < 0.5 * w_limit:
                text += f". {_vs_limit(alpha, w_limit, w_star if several else None)}: raise α towards it, or run more iterations"
            else:
                text += ". Run more iterations"
            return Verdict("creeping", text, n, None, rule, w_limit, w_star)
        text = f"not there yet: {after} w is still on its way to w* = {number(w_star)} (every recent step goes {direction})"
        if w_limit is not None and alpha > w_limit:
            text += f"; {_vs_limit(alpha, w_limit, w_star if several else None)}, so w cannot settle at w*"
        return Verdict("too_few", text, n, None, rule, w_limit, w_star)

    w_limit = _limit_at(curve, nearest, alpha_limit)
    trend, factor = _trend(np.abs(tail))
    note = _vs_limit(alpha, w_limit, nearest if several else None)
    if trend == "shrink":
        more = ""
        if 0 < factor < 1 and abs(sn) >= slope_tol:
            k = math.ceil(math.log(slope_tol / abs(sn)) / math.log(factor))
            more = f", and about {plural(k, 'more iteration')} meet the stop rule |dJ/dw| < {number(slope_tol)}"
        where = f"|w − w*| = {number(abs(wn - nearest))}" if nearest is not None else f"|dJ/dw| = {number(abs(sn))}"
        text = (
            f"converging while oscillating: w swings from side to side and each swing is {number(factor, 3)} times the last; "
            f"{after} {where}{more}"
        )
        return Verdict("oscillating", text, n, factor, rule, w_limit, nearest)
    if trend == "grow":
        text = f"diverging: w swings from side to side and each swing is about {number(factor, 3)} times the last; {after} w = {number(wn)}"
        text += f" ({note})" if note else ""
        return Verdict("diverging", text, n, factor, rule, w_limit, nearest)
    span = w[-tail.size - 1 :]
    text = f"cycling: {after} w still jumps back and forth between {number(span.min())} and {number(span.max())} and does not settle"
    text += f" ({note})" if note else ""
    return Verdict("cycling", text, n, factor, rule, w_limit, nearest)
