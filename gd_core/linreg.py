"""Linear regression by batch gradient descent, with the course's names.

Model and cost, for m examples (x_i, y_i) and parameters w, b::

    f(x_i) = w . x_i + b
    J(w, b) = 1/(2m) * sum_i (f(x_i) - y_i)^2

and beside it, its gradient::

    dJ/dw = 1/m * sum_i (f(x_i) - y_i) * x_i
    dJ/db = 1/m * sum_i (f(x_i) - y_i)

Gradient descent updates both parameters *simultaneously*, from the same (w, b)::

    w := w - alpha * dJ/dw(w, b)
    b := b - alpha * dJ/db(w, b)

``compute_cost`` and ``compute_gradient`` are the per-row formulas above, as in the lab.
``gradient_descent`` gives the same numbers, but each iteration costs the same for 100 rows
or 10 million: the squared error depends on the data only through a few centred sums
(``gd_core.sums.summarize``), so after one pass an iteration works on n x n numbers, never
on m rows; the formulas are in ``gd_core.sums``.

Centring first keeps the sums exact to rounding even for badly scaled data (x around 1e6).

The course-named functions take and give w as a float for one feature, as in the lab. Inside
gd_core (``run_from_stats``, ``GDResult``) w is always an array with one entry per feature.

>>> w, b, J_history, p_history = gradient_descent([1.0, 2.0], [300.0, 500.0], 0.0, 0.0, 1.0e-2, 10_000)
>>> round(w, 4), round(b, 4)
(199.9929, 100.0116)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from gd_core import update
from gd_core.frozen import StopReason, frozen
from gd_core.loop import cost_limit, check_run, run_scalar
from gd_core.scaling import scale_params, scale_stats, unscale_params, zscore_normalize_features
from gd_core.sums import (
    FitSummary,
    Stats,
    _as_xy,
    as_weights,
    cost_from_stats,
    cost_grid,
    fit_summary,
    formulas,
    gradient_from_stats,
    hessian,
    largest_stable_alpha,
    least_squares,
    summarize,
)

__all__ = [
    "FitSummary", "GDResult", "Stats", "Update", "compute_cost", "compute_gradient", "cost_from_stats", "cost_grid",
    "fit_summary", "gradient_descent", "gradient_from_stats", "hessian", "largest_stable_alpha", "least_squares",
    "one_update", "run_from_stats", "run_gradient_descent", "scale_params", "scale_stats", "summarize",
    "unscale_params", "zscore_normalize_features",
]

# --- the lab's per-row formulas -------------------------------------------------------------


def compute_cost(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """J(w, b) = 1/(2m) * sum_i (w . x_i + b - y_i)^2, row by row (vectorised)."""
    x_arr, y_arr = _as_xy(x, y)
    f = x_arr @ np.asarray(w, dtype=float) if x_arr.ndim == 2 else x_arr * float(w)
    err = f + b - y_arr
    return float(err @ err / (2 * y_arr.size))


def compute_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]:
    """(dJ/dw, dJ/db) = (1/m * sum_i err_i * x_i, 1/m * sum_i err_i), err_i = w . x_i + b - y_i.

    dJ/dw is a float for 1-D x (one feature, as in the lab), else an array of shape (n,).
    """
    x_arr, y_arr = _as_xy(x, y)
    m = y_arr.size
    if x_arr.ndim == 2:
        err = x_arr @ np.asarray(w, dtype=float) + b - y_arr
        return x_arr.T @ err / m, float(err.sum() / m)
    err = x_arr * float(w) + b - y_arr
    return float(err @ x_arr / m), float(err.sum() / m)


# --- gradient descent -------------------------------------------------------------------------


@dataclass(frozen=True)
class GDResult:
    """A run of gradient descent. Histories include the start: row 0 is (w_in, b_in).

    ``w_history`` has shape (k+1, n): one column per feature, also for a single feature.
    """

    cost_history: np.ndarray
    w_history: np.ndarray
    b_history: np.ndarray
    alpha: float
    num_iters: int
    sequential: bool
    stop_reason: StopReason
    message: str

    @property
    def w(self) -> np.ndarray:
        """The learned weights, shape (n,)."""
        return self.w_history[-1]

    @property
    def b(self) -> float:
        """The learned intercept."""
        return float(self.b_history[-1])

    @property
    def iterations(self) -> int:
        """How many updates were made."""
        return int(self.cost_history.size - 1)

    @property
    def steps(self) -> np.ndarray:
        """Each update's move, shape (k, n+1): row i is (w, b) after update i+1 minus before it."""
        return np.diff(np.column_stack([self.w_history, self.b_history]), axis=0)


@dataclass(frozen=True)
class Update:
    """One simultaneous update written out: both gradients at (w, b), then both new values."""

    dj_dw: np.ndarray
    dj_db: float
    w_new: np.ndarray
    b_new: float


def one_update(stats: Stats, w: ArrayLike, b: float, alpha: float) -> Update:
    """w_new = w - alpha * dJ/dw(w, b),  b_new = b - alpha * dJ/db(w, b): both from the same (w, b)."""
    dj_dw, dj_db = gradient_from_stats(stats, w, b)
    with np.errstate(over="ignore", invalid="ignore"):
        (w_new, b_new), _ = update.simultaneous(alpha).step((dj_dw, dj_db), (), (as_weights(stats, w), b), None)
    return Update(dj_dw=dj_dw, dj_db=dj_db, w_new=w_new, b_new=float(b_new))


def run_from_stats(
    stats: Stats,
    w_in: ArrayLike,
    b_in: float,
    alpha: float,
    num_iters: int,
    *,
    sequential: bool = False,
    tol: float | None = None,
) -> GDResult:
    """Batch gradient descent on the sums in ``stats``; see ``gradient_descent``.

    ``w_in`` is one weight per feature (a single number starts every feature there). A start
    whose cost is too large to compute stops at once with ``stop_reason == "not_finite"``.
    """
    check_run(alpha, num_iters)
    w = as_weights(stats, w_in)
    if not (np.all(np.isfinite(w)) and math.isfinite(b_in) and math.isfinite(cost_from_stats(stats, w, float(b_in)))):
        return _result(
            [w], [float(b_in)], [cost_from_stats(stats, w, float(b_in))], alpha, num_iters, sequential, "not_finite",
            "the cost at the start is too large to compute: pick a smaller start",
        )
    return _descend(stats, float(w[0]) if stats.n == 1 else w, float(b_in), alpha, num_iters, sequential, tol)


def _result(
    w_hist: Sequence, b_hist: Sequence[float], cost_hist: Sequence[float], alpha: float, num_iters: int,
    sequential: bool, reason: StopReason, message: str,
) -> GDResult:
    one = not isinstance(w_hist[0], np.ndarray)  # floats: fromiter, the fastest way in
    return GDResult(
        cost_history=frozen(np.fromiter(cost_hist, float, len(cost_hist))),
        w_history=frozen((np.fromiter(w_hist, float, len(w_hist)) if one else np.array(w_hist, dtype=float)).reshape(len(b_hist), -1)),
        b_history=frozen(np.fromiter(b_hist, float, len(b_hist))),
        alpha=float(alpha),
        num_iters=int(num_iters),
        sequential=sequential,
        stop_reason=reason,
        message=message,
    )
def _descend(stats: Stats, w: Any, b: float, alpha: float, num_iters: int, sequential: bool, tol: float | None) -> GDResult:
    """The loop (gd_core.loop.run_scalar) on the sums' formulas: stop when the cost passes
    COST_GROWTH x its start (or is not a number), or when the gradient's norm falls under
    ``tol`` x its norm at the start."""
    f = formulas(stats)
    cost, grads = f.evaluate((w, b))
    limit = cost_limit(cost)
    before = None
    if tol is not None:
        stop_at = tol * _norm(grads)

        def before(i: int, grads: tuple) -> str | None:
            return f"converged in {i - 1} iterations" if _norm(grads) <= stop_at else None

    rule = (update.sequential if sequential else update.simultaneous)(alpha)
    trace = run_scalar(rule, f.evaluate, (w, b), num_iters, limit=limit, before=before)
    message = {
        "max_iters": f"ran all {num_iters} iterations",
        "diverged": f"diverged at iteration {trace.stopped_at}: the cost grew past {limit:.1e}",
    }.get(trace.stop, trace.message)
    w_hist, b_hist = trace.columns
    return _result(w_hist, b_hist, trace.cost, alpha, num_iters, sequential, trace.stop, message)


def _norm(grads: tuple) -> float:
    """|gradient|: sqrt(|dJ/dw|^2 + (dJ/db)^2)."""
    dj_dw, dj_db = grads
    if isinstance(dj_dw, np.ndarray):
        return math.sqrt(float(dj_dw @ dj_dw) + dj_db * dj_db)
    return math.hypot(dj_dw, dj_db)


def run_gradient_descent(
    x: ArrayLike,
    y: ArrayLike,
    w_in: ArrayLike,
    b_in: float,
    alpha: float,
    num_iters: int,
    *,
    sequential: bool = False,
    tol: float | None = None,
) -> GDResult:
    """Batch gradient descent from (w_in, b_in), ``num_iters`` simultaneous updates::

        w := w - alpha * dJ/dw(w, b)
        b := b - alpha * dJ/db(w, b)

    ``sequential=True`` runs the wrong variant the lesson warns about: w is updated first and
    dJ/db is then taken at the new w. ``tol`` stops early once the gradient's norm is under
    ``tol`` times its norm at the start. A run whose cost blows up stops with
    ``stop_reason == "diverged"``; its histories hold only finite values.
    """
    return run_from_stats(summarize(x, y), w_in, b_in, alpha, num_iters, sequential=sequential, tol=tol)


def gradient_descent(
    x: ArrayLike, y: ArrayLike, w_in: ArrayLike, b_in: float, alpha: float, num_iters: int
) -> tuple[float | np.ndarray, float, np.ndarray, np.ndarray]:
    """The lab's ``gradient_descent``: returns (w, b, J_history, p_history).

    As in the lab, J_history[i] and p_history[i] = (w, b) are taken *after* update i + 1 (the
    start is not in them), and w is a float for 1-D x. ``run_gradient_descent`` gives the
    whole run (start included, why it stopped).
    """
    result = run_gradient_descent(x, y, w_in, b_in, alpha, num_iters)
    one = np.asarray(x).ndim == 1
    w = float(result.w[0]) if one else result.w.copy()
    p_history = np.column_stack([result.w_history[1:, 0] if one else result.w_history[1:], result.b_history[1:]])
    return w, result.b, result.cost_history[1:].copy(), p_history
