"""Gradient descent in one parameter: w := w - alpha * dJ/dw.

One iteration reads the slope of the cost at the current point and steps against it::

    step  = -alpha * dJ/dw(w)        (positive slope -> negative step: w moves left)
    w_new = w + step

A run stops for one of four reasons:

- ``"converged"``: with a ``StopRule`` (what the pages use, gd_core.stop_rule), a step under
  its tolerance that lands near a minimum; without one, the slope is under ``slope_tol`` (a
  minimum, dJ/dw = 0, where a step changes nothing) or a step is under ``step_tol``;
- ``"diverged"``: the next w would leave [-w_limit, w_limit], or J or dJ/dw stop being
  finite numbers (checked before they are used, so no overflow warning is ever raised);
- ``"max_iters"``: the iteration limit was reached first;
- ``"not_finite"``: J or dJ/dw is not a finite number at the start itself (a formula that
  overflows there), so no step is taken.

Near a minimum w* the cost looks like J(w*) + J''(w*)/2 * (w - w*)^2, and the update becomes
w - w* := (1 - alpha * J''(w*)) * (w - w*). It shrinks the distance when |1 - alpha*J''| < 1,
that is when alpha < 2 / J''(w*): the largest stable learning rate.

>>> from gd_core.curves import CURVES
>>> run = run_descent(CURVES["two_minima"], w0=5.0, alpha=0.1, num_iters=10, slope_tol=None, step_tol=None)
>>> run.w.tolist() == [5.0] * 11
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from gd_core.frozen import StopReason, frozen
from gd_core.stop_rule import StopRule
from gd_core.wording import plural

W_LIMIT = 1e6


class CostCurve(Protocol):
    """Anything with a vectorised cost J(w) and slope dJ/dw (a catalogue Curve, a typed one)."""

    @property
    def cost(self) -> Callable[[np.ndarray], np.ndarray]: ...

    @property
    def slope(self) -> Callable[[np.ndarray], np.ndarray]: ...


@dataclass(frozen=True)
class DescentRun:
    """The path of one run; row i is the state before iteration i + 1.

    ``w``, ``cost`` and ``slope`` hold w_0 .. w_k and J, dJ/dw there; ``step`` holds the k
    steps taken, ``step[i] = w[i + 1] - w[i] = -alpha * slope[i]``. Every value is finite.
    """

    w: np.ndarray
    cost: np.ndarray
    slope: np.ndarray
    step: np.ndarray
    alpha: float
    num_iters: int
    stop_reason: StopReason
    message: str

    @property
    def iterations(self) -> int:
        """How many updates were made."""
        return int(self.step.size)

    @property
    def final_w(self) -> float:
        return float(self.w[-1])

    def next_step(self, i: int) -> float:
        """The step the update takes from row i: -alpha * dJ/dw(w_i).

        For a row before the last it equals ``step[i]``; for the last row it is the step the
        run stopped short of taking.
        """
        return -self.alpha * float(self.slope[i])

    def next_w(self, i: int) -> float:
        """w after the update from row i: w_i - alpha * dJ/dw(w_i) (``w[i + 1]`` before the last row)."""
        return float(self.w[i]) + self.next_step(i)


def _value(function: Callable[[np.ndarray], np.ndarray], w: float) -> float:
    with np.errstate(all="ignore"):
        return float(np.asarray(function(np.asarray([w], dtype=float)), dtype=float).reshape(-1)[0])


def run_descent(
    curve: CostCurve,
    w0: float,
    alpha: float,
    num_iters: int,
    *,
    slope_tol: float | None = 1e-6,
    step_tol: float | None = 1e-12,
    w_limit: float = W_LIMIT,
    rule: StopRule | None = None,
    minima: tuple[float, ...] = (),
) -> DescentRun:
    """Run w := w - alpha * dJ/dw from ``w0`` for at most ``num_iters`` updates.

    With a ``rule`` (gd_core.stop_rule) the run stops, ``"converged"``, after the first step
    under ``rule.step_tol`` that lands within ``rule.near_tol`` of one of ``minima``, and the
    two tolerances below are not used.

    Every value in the run is finite, except J and dJ/dw at the start of a ``"not_finite"`` run.

    Pass ``slope_tol=None`` and ``step_tol=None`` to run every iteration even at a minimum
    (to show that there the step is alpha * 0 = 0 and w stays put).
    """
    if not np.isfinite(w0):
        raise ValueError(f"w0 must be a finite number, got {w0!r}")
    if not np.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    if num_iters < 0:
        raise ValueError(f"num_iters must be >= 0, got {num_iters!r}")

    w = float(w0)
    cost = _value(curve.cost, w)
    slope = _value(curve.slope, w)
    ws, costs, slopes, steps = [w], [cost], [slope], []
    reason: StopReason = "max_iters"
    message = f"stopped after {num_iters} iterations, the limit"
    if rule is not None:
        slope_tol = step_tol = None
    if not (np.isfinite(cost) and np.isfinite(slope)):
        reason, message = "not_finite", f"J(w) or dJ/dw is not a finite number at the start w0 = {w0:g}: pick another start"
        num_iters = 0
    for i in range(1, num_iters + 1):
        if slope_tol is not None and abs(slope) < slope_tol:
            reason, message = "converged", f"converged in {i - 1} iterations: |dJ/dw| < {slope_tol:g}"
            break
        step = -alpha * slope
        w_next = w + step
        if not np.isfinite(w_next) or abs(w_next) > w_limit:
            reason, message = "diverged", f"diverged after {plural(i - 1, 'update')}: the next one would take |w| past {w_limit:.0e}"
            break
        cost_next = _value(curve.cost, w_next)
        slope_next = _value(curve.slope, w_next)
        if not (np.isfinite(cost_next) and np.isfinite(slope_next)):
            reason = "diverged"
            message = f"diverged after {plural(i - 1, 'update')}: the next one would take w to {w_next:.4g}, where J(w) is too large to compute"
            break
        w, cost, slope = w_next, cost_next, slope_next
        ws.append(w)
        costs.append(cost)
        slopes.append(slope)
        steps.append(step)
        if rule is not None and rule.met_by_step(step) and rule.near(w, minima):
            reason, message = "converged", f"converged in {plural(i, 'iteration')}: {rule.words()}"
            break
        if step_tol is not None and abs(step) < step_tol:
            reason, message = "converged", f"converged in {i} iterations: the step fell under {step_tol:g}"
            break
    else:
        if num_iters and slope_tol is not None and abs(slope) < slope_tol:
            reason, message = "converged", f"converged in {num_iters} iterations: |dJ/dw| < {slope_tol:g}"

    return DescentRun(
        w=frozen(ws),
        cost=frozen(costs),
        slope=frozen(slopes),
        step=frozen(steps),
        alpha=float(alpha),
        num_iters=int(num_iters),
        stop_reason=reason,
        message=message,
    )


def lowest_cost(curve: CostCurve, minima: tuple[float, ...], runs: list[DescentRun]) -> float:
    """J(w*) at the lowest known minimum, or the lowest cost any of ``runs`` reached."""
    if minima:
        return float(np.min(np.asarray(curve.cost(np.asarray(minima, dtype=float)), dtype=float)))
    return min(float(np.min(run.cost)) for run in runs)


def curvature_at(curve: CostCurve, w: float, h: float = 1e-4) -> float:
    """J''(w): the curve's own ``curvature`` if it has one, else a central difference of dJ/dw."""
    exact = getattr(curve, "curvature", None)
    if exact is not None:
        return _value(exact, w)
    return (_value(curve.slope, w + h) - _value(curve.slope, w - h)) / (2 * h)


def largest_stable_alpha(curve: CostCurve, w_star: float) -> float:
    """alpha_max = 2 / J''(w*): above it, steps near the minimum w* grow instead of shrink.

    Returns ``inf`` where the curvature is zero or negative (no bound from the local shape).
    """
    curvature = curvature_at(curve, w_star)
    if not np.isfinite(curvature) or curvature <= 0:
        return float("inf")
    return 2.0 / curvature


@dataclass(frozen=True)
class Basins:
    """Which minimum each start reaches: ``minimum_index[i]`` indexes ``minima`` (-1: none).

    A start with ``minimum_index == -1`` is one of three things, kept apart so that a page
    never says "runs away" of a run that is only slow:

    - ``diverged[i]``: its run left the finite range (or [-w_limit, w_limit]);
    - ``heading_to[i] >= 0``: not there yet, but still on its way to ``minima[heading_to[i]]``
      (its last steps keep their direction towards it, or swing around it ever less);
    - neither: it stands still away from every minimum (a hilltop, a flat) or wanders.
    """

    starts: np.ndarray
    final_w: np.ndarray
    minimum_index: np.ndarray
    minima: tuple[float, ...]
    heading_to: np.ndarray
    diverged: np.ndarray


def basins(
    curve: CostCurve,
    starts: np.ndarray,
    alpha: float,
    num_iters: int,
    minima: tuple[float, ...],
    *,
    tol: float = 1e-3,
    w_limit: float = W_LIMIT,
) -> Basins:
    """Run descent from every start at once (vectorised) and label each by the minimum it ends at.

    A start whose run diverges, or ends farther than ``tol`` (relative to the curve's scale)
    from every listed minimum, gets index -1; ``heading_to`` then tells a run still on its
    way to a minimum (same-signed last two steps pointing at it, or shrinking swings around
    it) from one that diverged (``diverged``) or stands still (see ``Basins``).
    """
    w = np.array(starts, dtype=float)
    alive = np.isfinite(w)
    last_step = np.zeros(w.shape)
    previous_step = np.zeros(w.shape)
    with np.errstate(all="ignore"):
        for _ in range(num_iters):
            if not alive.any():
                break
            slope = np.asarray(curve.slope(w[alive]), dtype=float)
            w_next = w[alive] - alpha * slope
            ok = np.isfinite(w_next) & (np.abs(w_next) <= w_limit)
            idx = np.flatnonzero(alive)
            previous_step[idx[ok]] = last_step[idx[ok]]
            last_step[idx[ok]] = w_next[ok] - w[idx[ok]]
            w[idx[ok]] = w_next[ok]
            w[idx[~ok]] = np.nan
            alive[idx[~ok]] = False
            if np.all(np.abs(slope[ok]) < 1e-9):
                break
    label = np.full(w.shape, -1, dtype=int)
    if minima:
        centres = np.asarray(minima, dtype=float)
        distance = np.abs(np.where(np.isfinite(w), w, np.inf)[:, None] - centres[None, :])
        nearest = np.argmin(distance, axis=1)
        close = distance[np.arange(w.size), nearest] <= tol * max(1.0, float(np.max(np.abs(centres))))
        label = np.where(close, nearest, -1)
    diverged = ~np.isfinite(w)
    heading = np.full(w.shape, -1, dtype=int)
    if minima:
        centres = np.asarray(minima, dtype=float)
        with np.errstate(invalid="ignore"):
            ahead = (centres[None, :] - w[:, None]) * last_step[:, None] > 0
            gap = np.where(ahead, np.abs(centres[None, :] - w[:, None]), np.inf)
        target = np.argmin(gap, axis=1)
        keeps_going = (last_step * previous_step > 0) & np.isfinite(gap[np.arange(w.size), target])
        swings_less = (last_step * previous_step < 0) & (np.abs(last_step) < np.abs(previous_step))
        candidates = (label == -1) & ~diverged
        heading = np.where(candidates & keeps_going, target, heading)
        heading = np.where(candidates & swings_less & (heading == -1), nearest, heading)
    for array in (w, label, heading, diverged):
        array.setflags(write=False)
    frozen_starts = np.array(starts, dtype=float)
    frozen_starts.setflags(write=False)
    return Basins(
        starts=frozen_starts, final_w=w, minimum_index=label, minima=tuple(minima), heading_to=heading, diverged=diverged
    )
