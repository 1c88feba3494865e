"""How large alpha may be on a cost curve J(w): the curvature at a minimum, and 2 / J''(w*).

Near a minimum w* the cost looks like J(w*) + J''(w*)/2 * (w - w*)^2, and the update becomes
w - w* := (1 - alpha * J''(w*)) * (w - w*). It shrinks the distance when |1 - alpha*J''| < 1,
that is when alpha < 2 / J''(w*): the largest stable learning rate (``stable_alpha_at``; for
a line's J(w, b), ``gd_core.sums.largest_stable_alpha``).

>>> from gd_core.curves import CURVES
>>> stable_alpha_at(CURVES["bowl"], CURVES["bowl"].minima[0])
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from gd_core.cost_curve import CostCurve, value_at


class _WithCost(Protocol):
    """A run's costs J(w_0) .. J(w_k) (gd_core.descent.DescentRun has them)."""

    cost: np.ndarray


def lowest_cost(curve: CostCurve, minima: tuple[float, ...], runs: Sequence[_WithCost]) -> float:
    """J(w*) at the lowest known minimum, or the lowest cost any of ``runs`` reached."""
    if minima:
        return float(np.min(np.asarray(curve.cost(np.asarray(minima, dtype=float)), dtype=float)))
    return min(float(np.min(run.cost)) for run in runs)


def curvature_at(curve: CostCurve, w: float, h: float = 1e-4) -> float:
    """J''(w): the curve's own ``curvature`` if it has one, else a central difference of dJ/dw."""
    exact = getattr(curve, "curvature", None)
    if exact is not None:
        return value_at(exact, w)
    return (value_at(curve.slope, w + h) - value_at(curve.slope, w - h)) / (2 * h)


def stable_alpha_at(curve: CostCurve, w_star: float) -> float:
    """alpha_max = 2 / J''(w*): above it, steps near the minimum w* grow instead of shrink.

    Returns ``inf`` where the curvature is zero or negative (no bound from the local shape).
    """
    curvature = curvature_at(curve, w_star)
    if not np.isfinite(curvature) or curvature <= 0:
        return float("inf")
    return 2.0 / curvature
