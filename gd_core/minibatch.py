"""Batch, mini-batch and stochastic descent on a line's J(w, b), with a fixed random seed.

The cost is the course's, over all m examples::

    J(w, b) = 1/(2m) * sum_{i=1..m} (w . x_i + b - y_i)^2

A mini-batch update uses only the B examples of its batch (indices I, |I| = B)::

    dJ_B/dw = 1/B * sum_{i in I} (w . x_i + b - y_i) * x_i
    dJ_B/db = 1/B * sum_{i in I} (w . x_i + b - y_i)
    w := w - alpha * dJ_B/dw,   b := b - alpha * dJ_B/db      (simultaneous, as in the course)

An *epoch* is one pass over the data: the rows are shuffled with a numpy Generator made from
``seed`` (``np.random.default_rng(seed).permutation(m)``, one permutation per epoch), then cut
into ceil(m / B) batches of B consecutive shuffled rows (the last one smaller when B does not
divide m). B = m is batch gradient descent (every update sees every row; the rows are not
shuffled, the order of a sum does not change it); B = 1 is stochastic gradient descent.

What is recorded, and what it costs:

- per update, the full-data J(w, b) after it (``cost_history``). Summing over m rows each update
  would cost O(m) and dwarf a small batch's O(B) work; the cost is taken instead from the
  data's centred sums (``gd_core.sums.formulas``, O(n^2), exact to rounding), so recording it
  costs the same for 100 rows or 10 million;
- per update, the batch's own cost J_B = 1/(2B) * sum_{i in I} err_i^2 at the (w, b) it started
  from (``batch_cost_history``): what a training loop prints, from the errors the gradient
  already needed;
- per epoch, the full J at the end of each pass (``epoch_cost_history``, read off the above).

An update reads its batch as a slice of the epoch's shuffled copy of x and y (a view, no copy):
O(B) numpy work and no Python loop over rows; shuffling is O(m) numpy work once per epoch. One
example of one feature (B = 1) is a few float operations, done on Python floats: the same
operations in the same order as numpy's on a one-row slice, without numpy's per-call cost.

>>> run = minibatch_descent([1.0, 2.0], [300.0, 500.0], 0.0, 0.0, alpha=0.1, batch_size=2, epochs=3, seed=0)
>>> run.updates, [round(float(j), 2) for j in run.epoch_cost_history]
(3, [85000.0, 36731.25, 15877.27, 6867.46])
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core import update
from gd_core.frozen import StopReason, frozen
from gd_core.loop import check_run, cost_limit
from gd_core.sums import Stats, _as_xy, as_weights, formulas, summarize

MAX_SEED = 2**32 - 1  # numpy takes any non-negative int; a link's seed stays a plain number


@dataclass(frozen=True)
class MiniBatchRun:
    """A run of mini-batch descent. Per-update histories include the start (row 0).

    ``w_history`` (k+1, n), ``b_history`` and ``cost_history`` (k+1,): (w, b) and the full J
    after each of the k updates; ``batch_cost_history`` (k,): each batch's own J_B before its
    update; ``epoch_ends`` (e+1,): the update that ended each epoch (0 first, the start), so
    ``epoch_cost_history = cost_history[epoch_ends]``; ``seen`` (k+1,): examples used so far.
    A run stopped early (``max_updates``, or diverged) ends inside an epoch: its last epoch is
    not in ``epoch_ends``.
    """

    w_history: np.ndarray
    b_history: np.ndarray
    cost_history: np.ndarray
    batch_cost_history: np.ndarray
    epoch_ends: np.ndarray
    seen: np.ndarray
    alpha: float
    batch_size: int
    m: int
    epochs: int
    seed: int
    stop_reason: StopReason

    @property
    def updates(self) -> int:
        """How many updates were made."""
        return int(self.cost_history.size - 1)

    @property
    def updates_per_epoch(self) -> int:
        """ceil(m / B): the updates in one pass over the data."""
        return -(-self.m // self.batch_size)

    @property
    def epoch_cost_history(self) -> np.ndarray:
        """The full J at the start and after each complete epoch."""
        return self.cost_history[self.epoch_ends]

    @property
    def w(self) -> np.ndarray:
        return self.w_history[-1]

    @property
    def b(self) -> float:
        return float(self.b_history[-1])


def check_batch(batch_size: int, m: int, seed: int) -> None:
    """The settings a mini-batch run needs, with what to do about a bad one."""
    if not 1 <= batch_size:
        raise ValueError(f"the batch size must be at least 1, got {batch_size!r}: 1 is stochastic, m = {m} is batch")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"the seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}")


def minibatch_descent(
    x: ArrayLike, y: ArrayLike, w_in: ArrayLike, b_in: float, *, alpha: float, batch_size: int, epochs: int, seed: int,
    max_updates: int | None = None, stats: Stats | None = None, shuffle: bool = True,
) -> MiniBatchRun:
    """Mini-batch gradient descent from (w_in, b_in) for ``epochs`` passes (see the module
    docstring), stopping after ``max_updates`` updates if that comes first. A batch size above m
    is m. ``stats`` are ``summarize(x, y)`` when the caller has them (one pass over the rows
    saved). ``shuffle=False`` takes the rows in the order given, every epoch (the caller has
    shuffled them). A run whose full J passes COST_GROWTH x max(J_0, 1) (gd_core.loop) stops with
    ``stop_reason == "diverged"``; its histories hold the finite values before it."""
    x_arr, y_arr = _as_xy(x, y)
    m = int(y_arr.size)
    check_run(alpha, epochs)
    batch_size = min(int(batch_size), m)
    check_batch(batch_size, m, int(seed))
    stats = summarize(x_arr, y_arr) if stats is None else stats
    one = x_arr.ndim == 1
    w = float(as_weights(stats, w_in)[0]) if one else as_weights(stats, w_in).copy()
    b = float(b_in)
    evaluate = formulas(stats).evaluate
    if one or stats.n > 1:
        def cost_at(w, b):
            return evaluate((w, b))[0]
    else:  # a column of one feature: the sums' formulas take that feature's weight as a float
        def cost_at(w, b):
            return evaluate((float(w[0]), b))[0]
    cost0 = cost_at(w, b)
    rule = update.simultaneous(alpha)  # the course's update, from gd_core.update: the loop writes no rule of its own
    step, state = rule.step, rule.init((w, b))
    limit = cost_limit(cost0) if math.isfinite(cost0) else -1.0
    ws, bs, costs, batch_costs, ends, seen = [w], [b], [cost0], [], [0], [0]
    rng = np.random.default_rng(int(seed))
    total = epochs * -(-m // batch_size) if max_updates is None else min(max_updates, epochs * -(-m // batch_size))
    reason: StopReason = "max_iters" if limit > 0 else "not_finite"
    done = 0
    with np.errstate(all="ignore"):
        for _ in range(epochs if limit > 0 else 0):
            if batch_size == m or not shuffle:
                xs, ys = x_arr, y_arr  # batch: every row each update, in the data's order
            else:
                order = rng.permutation(m)[:(total - done) * batch_size]  # a run that stops inside this epoch gathers only the rows it uses
                xs, ys = x_arr[order], y_arr[order]
            scalar = one and batch_size == 1  # one row of one feature: plain floats, the same operations
            xl, yl = (xs.tolist(), ys.tolist()) if scalar else ((), ())
            for start in range(0, ys.size, batch_size):
                if done == total:
                    break
                if scalar:
                    size, xi = 1, xl[start]
                    e = w * xi + b - yl[start]
                    dj_dw, dj_db = e * xi, e
                    batch_costs.append(e * e / 2)
                else:
                    xb, yb = xs[start:start + batch_size], ys[start:start + batch_size]
                    size = yb.size
                    err = xb * w if one else xb @ w
                    err += b  # in place: a batch of 1,000,000 rows makes one new array, not three
                    err -= yb
                    dj_dw = (err @ xb) / size
                    dj_db = float(err.sum()) / size
                    batch_costs.append(float(err @ err) / (2 * size))
                (w, b), state = step((dj_dw, dj_db), state, (w, b), None)
                cost = cost_at(w, b)
                if not cost <= limit:
                    reason = "diverged"
                    break
                done += 1
                ws.append(w)
                bs.append(b)
                costs.append(cost)
                seen.append(seen[-1] + size)
            if reason == "diverged" or done == total and seen[-1] % m:
                break
            ends.append(done)
            if done == total:
                break
    batch_costs = batch_costs[:done]
    return MiniBatchRun(
        w_history=frozen(np.array(ws, dtype=float).reshape(len(ws), -1)),
        b_history=frozen(bs), cost_history=frozen(costs), batch_cost_history=frozen(batch_costs),
        epoch_ends=_ints(ends), seen=_ints(seen), alpha=float(alpha), batch_size=batch_size, m=m, epochs=int(epochs), seed=int(seed),
        stop_reason=reason,
    )


def _ints(values: list[int]) -> np.ndarray:
    array = np.asarray(values, dtype=np.int64)
    array.setflags(write=False)
    return array


def epoch_gradients(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float, *, batch_size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Every mini-batch gradient of one shuffled epoch, all taken at the same (w, b) (no update
    between them): (dJ_B/dw per batch, shape (batches, n); dJ_B/db per batch). With B dividing
    m their mean is the full gradient (dJ/dw, dJ/db): each row is in exactly one batch, and
    1/(m/B) * sum_batches 1/B * sum_{i in batch} = 1/m * sum_i."""
    x_arr, y_arr = _as_xy(x, y)
    x2 = x_arr.reshape(y_arr.size, -1)
    m = y_arr.size
    batch_size = min(int(batch_size), m)
    order = np.random.default_rng(int(seed)).permutation(m) if batch_size < m else np.arange(m)
    err = x2[order] @ np.asarray(w, dtype=float).reshape(-1) + float(b) - y_arr[order]
    starts = np.arange(0, m, batch_size)
    sizes = np.diff(np.append(starts, m))
    dj_dw = np.add.reduceat(err[:, None] * x2[order], starts, axis=0) / sizes[:, None]
    dj_db = np.add.reduceat(err, starts) / sizes
    return dj_dw, dj_db
