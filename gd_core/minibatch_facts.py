"""Batch, mini-batch and stochastic runs side by side, and what they show: how close each ends
to the least-squares minimum and how large a learning rate each tolerates.

Near the minimum. Batch descent with a stable alpha shrinks J - J* towards 0 every update. A
mini-batch's gradient is the full gradient plus the noise of which rows it happened to draw,
and that noise does not vanish at (w*, b*): there the full gradient is 0 but a batch's is not,
so with a fixed alpha the run keeps moving around the minimum. ``near_minimum`` measures it on
the run's last complete epoch: the excess J - J* of the full-data J after each of its updates
(mean, smallest, largest) and how far the last (w, b) is from (w*, b*).

Learning rates. For batch descent alpha < 2 / lambda_max(H) (``gd_core.sums.largest_stable_alpha``,
H the Hessian of J). A mini-batch update multiplies the error in (w, b) by I - alpha * A_I, with
A_I = 1/B sum_{i in I} x~_i x~_i^T and x~_i = (x_i, 1); its largest eigenvalue is at most
max_i |x~_i|^2 = max_i (|x_i|^2 + 1). So below ``every_update_safe`` = 2 / max_i (|x_i|^2 + 1) no
single update can push (w, b) further from its batch's own minimum, whatever the batch: a
bound that holds for every B. Above it a run may still settle; ``measured_limit`` tries alphas
from that bound upward (x 2^(1/4) each) with the run's own seed and batch size, and reports the
largest that still ended below its starting cost, with the first that did not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.minibatch import MiniBatchRun, minibatch_descent
from gd_core.sums import Stats, largest_stable_alpha

GRID_STEP = 2 ** 0.25  # the measured sweep's ratio between neighbouring alphas
GRID_STEPS = 16  # up to 16 x the every-update-safe bound


@dataclass(frozen=True)
class NearMinimum:
    """The full-data J over the last complete epoch's updates, against J* (see the module docstring)."""

    excess_mean: float  # mean of J - J* over the epoch's updates
    excess_min: float
    excess_max: float
    distance: float  # |(w, b) - (w*, b*)| after the last update
    epoch: int  # which epoch was measured (1-based; 0 when the run made no update)
    updates: int  # how many updates it held


def near_minimum(run: MiniBatchRun, stats: Stats) -> NearMinimum:
    """How run ends near (w*, b*): its last complete epoch's J - J*, and its last distance."""
    ends = run.epoch_ends
    first, last = (int(ends[-2]) + 1, int(ends[-1])) if ends.size >= 2 else (min(1, run.updates), run.updates)
    with np.errstate(over="ignore", invalid="ignore"):  # a far start: inf, never an error
        excess = run.cost_history[first:last + 1] - stats.cost_star
        offsets = np.append(run.w - stats.w_star, run.b - stats.b_star)
        distance = float(np.linalg.norm(offsets))
    return NearMinimum(
        excess_mean=float(excess.mean()), excess_min=float(excess.min()), excess_max=float(excess.max()),
        distance=distance, epoch=int(ends.size - 1), updates=int(excess.size),
    )


def every_update_safe(x: ArrayLike) -> float:
    """2 / max_i (|x_i|^2 + 1): below it no single update of any batch size can overshoot its batch's minimum."""
    x2 = np.asarray(x, dtype=float)
    x2 = x2.reshape(x2.shape[0], -1)
    return float(2.0 / (float(np.max(np.einsum("ij,ij->i", x2, x2))) + 1.0))


@dataclass(frozen=True)
class AlphaLimits:
    """What learning rate each batch size tolerates (module docstring): the batch limit 2 / lambda_max(H),
    the bound under which every single update is safe, and the sweep's measured largest alpha."""

    batch: float
    every_update: float
    tolerated: float  # the largest alpha of the sweep that ended below its starting cost (nan: none did)
    failed: float  # the first alpha above it that did not (inf: none failed up to the sweep's end)
    batch_size: int


def measured_limit(
    x: ArrayLike, y: ArrayLike, stats: Stats, w0: ArrayLike, b0: float, *, batch_size: int, seed: int, epochs: int, max_updates: int,
) -> AlphaLimits:
    """Try alpha = every_update_safe x 2^(k/4), k = 0, 1, ..., GRID_STEPS, each a run of ``epochs``
    (at most ``max_updates`` updates) with this seed and batch size; stop at the first whose
    run diverged or whose last full J is not below its first."""
    safe = every_update_safe(x)
    tolerated, failed = float("nan"), float("inf")
    runs = {"batch_size": batch_size, "epochs": epochs, "seed": seed, "max_updates": max_updates, "stats": stats}
    x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if 1 <= batch_size < stats.m and max_updates * batch_size <= stats.m:
        # Every run stops inside the first epoch: shuffle once, as the seed does, and give each run only
        # the rows it will use, in that order (an O(m) shuffle per alpha was most of a sweep on big data).
        rows = np.random.default_rng(int(seed)).permutation(stats.m)[:max_updates * batch_size]
        x_arr, y_arr, runs = x_arr[rows], y_arr[rows], {**runs, "epochs": 1, "shuffle": False}
    for k in range(GRID_STEPS + 1):
        alpha = safe * GRID_STEP**k
        run = minibatch_descent(x_arr, y_arr, w0, b0, alpha=alpha, **runs)
        if run.stop_reason == "diverged" or not run.cost_history[-1] < run.cost_history[0]:
            failed = alpha
            break
        tolerated = alpha
    return AlphaLimits(batch=largest_stable_alpha(stats), every_update=safe, tolerated=tolerated, failed=failed, batch_size=min(int(batch_size), stats.m))


@dataclass(frozen=True)
class BatchRuns:
    """The three runs a lesson compares, from one start with one alpha and one seed:
    batch (B = m), the student's mini-batch (B) and stochastic (B = 1)."""

    batch: MiniBatchRun
    mini: MiniBatchRun
    stochastic: MiniBatchRun

    @property
    def runs(self) -> tuple[MiniBatchRun, MiniBatchRun, MiniBatchRun]:
        return self.batch, self.mini, self.stochastic


def three_runs(
    x: ArrayLike, y: ArrayLike, stats: Stats, w0: ArrayLike, b0: float, *, alpha: float, batch_size: int, epochs: int, seed: int, max_updates: int,
) -> BatchRuns:
    """Batch, mini-batch of ``batch_size`` and stochastic descent, each for ``epochs`` epochs
    (at most ``max_updates`` updates each), the same seed shuffling the last two."""
    common = {"alpha": alpha, "epochs": epochs, "seed": seed, "max_updates": max_updates, "stats": stats}
    return BatchRuns(
        batch=minibatch_descent(x, y, w0, b0, batch_size=stats.m, **common),
        mini=minibatch_descent(x, y, w0, b0, batch_size=batch_size, **common),
        stochastic=minibatch_descent(x, y, w0, b0, batch_size=1, **common),
    )
