"""Gradient descent in one parameter: w := w - alpha * dJ/dw (the rule: gd_core.update; the loop: gd_core.loop).

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

import math
from collections.abc import Callable
from dataclasses import dataclass
import numpy as np

from gd_core import update
from gd_core.basins import Basins, basins  # noqa: F401  (moved there; still importable from here)
from gd_core.cost_curve import CostCurve, value_at
from gd_core.frozen import StopReason, frozen
from gd_core.loop import W_LIMIT, Trace, check_run, past, run_scalar
from gd_core.stop_rule import StopRule
from gd_core.stability import curvature_at, lowest_cost, stable_alpha_at  # noqa: F401  (likewise)
from gd_core.wording import plural


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
        raise ValueError(f"w0 must be a finite number, got {w0!r}: pick a start on the curve, such as 0")
    check_run(alpha, num_iters)
    if rule is not None:
        slope_tol = step_tol = None
    evaluate, watch, before, after = _curve_hooks(curve, alpha, slope_tol, step_tol, rule, minima)
    cost, (slope,) = evaluate((float(w0),))
    start_ok = np.isfinite(cost) and np.isfinite(slope)
    trace = run_scalar(update.simultaneous(alpha), evaluate, (float(w0),), num_iters if start_ok else 0,
                       limit=w_limit, watch=watch, before=before, after=after, keep=True)
    slopes = trace.grads[0]
    reason, message = trace.stop, trace.message
    if not start_ok:
        reason, message = "not_finite", f"J(w) or dJ/dw is not a finite number at the start w0 = {w0:g}: pick another start"
        num_iters = 0
    elif reason == "max_iters":
        message = f"stopped after {num_iters} iterations, the limit"
        if num_iters and slope_tol is not None and abs(slopes[-1]) < slope_tol:
            reason, message = "converged", f"converged in {num_iters} iterations: |dJ/dw| < {slope_tol:g}"
    elif reason == "diverged":
        message = _diverged_words(trace, w_limit)
    return DescentRun(
        w=frozen(trace.columns[0]),
        cost=frozen(trace.cost),
        slope=frozen(slopes),
        step=frozen([-alpha * slope for slope in slopes[:-1]]),
        alpha=float(alpha),
        num_iters=int(num_iters),
        stop_reason=reason,
        message=message,
    )


def _curve_hooks(
    curve: CostCurve, alpha: float, slope_tol: float | None, step_tol: float | None, rule: StopRule | None,
    minima: tuple[float, ...],
) -> tuple[Callable, Callable, Callable, Callable]:
    """What run_descent hands the loop: J and dJ/dw at (w,), what divergence watches, and its
    two convergence tests (before a step: the slope; after: the step, or the stop rule)."""

    def evaluate(params: tuple) -> tuple[float, tuple]:
        return value_at(curve.cost, params[0]), (value_at(curve.slope, params[0]),)

    def watch(params: tuple, cost: float, grads: tuple) -> float:
        """|w|, or inf where J or dJ/dw is no longer a finite number."""
        return abs(params[0]) if math.isfinite(cost) and math.isfinite(grads[0]) else math.inf

    def before(i: int, grads: tuple) -> str | None:
        if slope_tol is not None and abs(grads[0]) < slope_tol:
            return f"converged in {i - 1} iterations: |dJ/dw| < {slope_tol:g}"
        return None

    def after(i: int, old: tuple, new: tuple, grads: tuple) -> str | None:
        step = -alpha * grads[0]
        if rule is not None and rule.met_by_step(step) and rule.near(new[0], minima):
            return f"converged in {plural(i, 'iteration')}: {rule.words()}"
        if step_tol is not None and abs(step) < step_tol:
            return f"converged in {i} iterations: the step fell under {step_tol:g}"
        return None

    return evaluate, watch, before, after


def _diverged_words(trace: Trace, w_limit: float) -> str:
    (w_next,), _, _ = trace.refused
    updates = plural(trace.stopped_at - 1, "update")
    if past(w_next, w_limit):
        return f"diverged after {updates}: the next one would take |w| past {w_limit:.0e}"
    return f"diverged after {updates}: the next one would take w to {w_next:.4g}, where J(w) is too large to compute"


largest_stable_alpha = stable_alpha_at  # the old name (pages/learning_rate.py); sums.largest_stable_alpha is J(w, b)'s

__all__ = [
    "W_LIMIT", "Basins", "CostCurve", "DescentRun", "basins", "curvature_at", "largest_stable_alpha", "lowest_cost",
    "run_descent", "stable_alpha_at", "value_at",
]
