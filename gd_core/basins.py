"""Basins of attraction on a cost curve J(w): run descent from many starts at once, and say
which minimum each reaches (or that it diverged, is still on its way, or stands still).

Every start runs w := w - alpha * dJ/dw in one vectorised loop (``gd_core.loop.run_many``).

>>> from gd_core.curves import CURVES
>>> curve = CURVES["two_minima"]
>>> curve.minima
(1.0, 5.0)
>>> basins(curve, np.array([0.0, 6.0]), 0.05, 500, curve.minima).minimum_index.tolist()
[0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core import update
from gd_core.cost_curve import CostCurve
from gd_core.loop import W_LIMIT
from gd_core.loop_many import run_many


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
    many = run_many(
        update.simultaneous(alpha), lambda params: (curve.slope(params[0]),), (starts,), num_iters, limit=w_limit,
        halt=lambda grads: bool(np.all(np.abs(grads[0]) < 1e-9)),  # every start still moving has stopped
        steps=True,
    )
    w = np.where(many.diverged, np.nan, many.params[0])
    last_step, previous_step = many.last_step[0], many.previous_step[0]
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
