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
(``summarize``), so after one pass an iteration works on n x n numbers, never on m rows::

    x_bar, y_bar = mean(x), mean(y)           Sxx = sum (x_i - x_bar)(x_i - x_bar)^T
    Sxy = sum (x_i - x_bar)(y_i - y_bar)      w* solves Sxx w* = Sxy (least squares)
    SSE* = sum ((x_i - x_bar) . w* - (y_i - y_bar))^2
    c = x_bar . w + b - y_bar                 (the mean residual)
    J     = ((w - w*)^T Sxx (w - w*) + SSE*) / (2m) + c^2 / 2
    dJ/dw = Sxx (w - w*) / m + x_bar * c
    dJ/db = c

Centring first keeps these exact to rounding even for badly scaled data (x around 1e6).

>>> result = gradient_descent([1.0, 2.0], [300.0, 500.0], 0.0, 0.0, 1.0e-2, 10_000)
>>> round(result.w, 4), round(result.b, 4)
(199.9929, 100.0116)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

StopReason = Literal["converged", "diverged", "max_iters"]
Params = float | np.ndarray

DIVERGENCE_FACTOR = 1e30


def _as_xy(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x_arr = np.asarray(x, dtype=float)
    y_arr = np.asarray(y, dtype=float).reshape(-1)
    if x_arr.ndim not in (1, 2):
        raise ValueError(f"x must be 1-D (one feature) or 2-D (m rows x n features), got {x_arr.ndim}-D")
    if x_arr.shape[0] != y_arr.shape[0]:
        raise ValueError(f"x has {x_arr.shape[0]} rows but y has {y_arr.shape[0]}; they must match")
    if y_arr.shape[0] == 0:
        raise ValueError("x and y are empty; gradient descent needs at least one example")
    return x_arr, y_arr


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


# --- the lab's per-row formulas -------------------------------------------------------------


def compute_cost(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """J(w, b) = 1/(2m) * sum_i (w . x_i + b - y_i)^2, row by row (vectorised)."""
    x_arr, y_arr = _as_xy(x, y)
    f = x_arr @ np.asarray(w, dtype=float) if x_arr.ndim == 2 else x_arr * float(w)
    err = f + b - y_arr
    return float(err @ err / (2 * y_arr.size))


def compute_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[Params, float]:
    """(dJ/dw, dJ/db) = (1/m * sum_i err_i * x_i, 1/m * sum_i err_i), err_i = w . x_i + b - y_i."""
    x_arr, y_arr = _as_xy(x, y)
    m = y_arr.size
    if x_arr.ndim == 2:
        err = x_arr @ np.asarray(w, dtype=float) + b - y_arr
        return x_arr.T @ err / m, float(err.sum() / m)
    err = x_arr * float(w) + b - y_arr
    return float(err @ x_arr / m), float(err.sum() / m)


# --- sufficient statistics: one pass, then every iteration is O(n^2) ---------------------------


@dataclass(frozen=True)
class Stats:
    """The centred sums that fix J(w, b) for squared error (see the module docstring).

    ``one_feature`` keeps the shape of the parameters: w is a float when x was 1-D.
    """

    m: int
    x_bar: np.ndarray  # (n,)
    y_bar: float
    sxx: np.ndarray  # (n, n)
    sxy: np.ndarray  # (n,)
    w_star: np.ndarray  # (n,) a least-squares solution
    sse_star: float
    one_feature: bool

    @property
    def b_star(self) -> float:
        return float(self.y_bar - self.x_bar @ self.w_star)

    @property
    def n(self) -> int:
        return int(self.x_bar.size)


def summarize(x: ArrayLike, y: ArrayLike) -> Stats:
    """One pass over the data: means, centred cross-products and the least-squares fit."""
    x_arr, y_arr = _as_xy(x, y)
    y_bar = float(y_arr.mean())
    yc = y_arr - y_bar
    if x_arr.ndim == 1:  # the common case, kept to 1-D dot products (a third of the time)
        x_bar1 = float(x_arr.mean())
        xc1 = x_arr - x_bar1
        sxx1 = float(xc1 @ xc1)
        sxy1 = float(xc1 @ yc)
        w1 = sxy1 / sxx1 if sxx1 > 0 else 0.0
        xc1 *= w1
        xc1 -= yc
        return Stats(
            m=int(y_arr.size),
            x_bar=_frozen(np.array([x_bar1])),
            y_bar=y_bar,
            sxx=_frozen(np.array([[sxx1]])),
            sxy=_frozen(np.array([sxy1])),
            w_star=_frozen(np.array([w1])),
            sse_star=float(xc1 @ xc1),
            one_feature=True,
        )
    one_feature = False
    x2 = x_arr
    x_bar = x2.mean(axis=0)
    xc = x2 - x_bar
    sxx = xc.T @ xc
    sxy = xc.T @ yc
    # Solve the normal equations Sxx w* = Sxy on the equilibrated (correlation) matrix, so
    # features of very different scales (1e6 next to 1e-3) do not lose the small one.
    norms = np.sqrt(np.diag(sxx))
    norms[norms == 0] = 1.0
    w_star = np.linalg.lstsq(sxx / np.outer(norms, norms), sxy / norms, rcond=None)[0] / norms
    r = xc @ w_star - yc
    return Stats(
        m=int(y_arr.size),
        x_bar=_frozen(x_bar),
        y_bar=y_bar,
        sxx=_frozen(sxx),
        sxy=_frozen(sxy),
        w_star=_frozen(w_star),
        sse_star=float(r @ r),
        one_feature=one_feature,
    )


def cost_from_stats(stats: Stats, w: ArrayLike, b: float) -> float:
    """J(w, b) from the sums: ((w - w*)^T Sxx (w - w*) + SSE*) / (2m) + c^2 / 2."""
    w_arr = np.atleast_1d(np.asarray(w, dtype=float))
    d = w_arr - stats.w_star
    c = float(stats.x_bar @ w_arr) + b - stats.y_bar
    return float((d @ stats.sxx @ d + stats.sse_star) / (2 * stats.m) + c * c / 2)


def gradient_from_stats(stats: Stats, w: ArrayLike, b: float) -> tuple[Params, float]:
    """(dJ/dw, dJ/db) from the sums: (Sxx (w - w*) / m + x_bar * c, c)."""
    w_arr = np.atleast_1d(np.asarray(w, dtype=float))
    c = float(stats.x_bar @ w_arr) + b - stats.y_bar
    dj_dw = stats.sxx @ (w_arr - stats.w_star) / stats.m + stats.x_bar * c
    return (float(dj_dw[0]) if stats.one_feature else dj_dw), c


def cost_grid(stats: Stats, w_values: ArrayLike, b_values: ArrayLike) -> np.ndarray:
    """J over a grid for one feature: result[i, j] = J(w_values[j], b_values[i])."""
    if stats.n != 1:
        raise ValueError("cost_grid draws one feature at a time; pick a single x column")
    w_grid, b_grid = np.meshgrid(np.asarray(w_values, float), np.asarray(b_values, float))
    d = w_grid - stats.w_star[0]
    c = stats.x_bar[0] * w_grid + b_grid - stats.y_bar
    return (stats.sxx[0, 0] * d * d + stats.sse_star) / (2 * stats.m) + c * c / 2


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[Params, float]:
    """The exact minimiser of J: solve the normal equations (centred). Returns (w, b)."""
    stats = summarize(x, y)
    w = float(stats.w_star[0]) if stats.one_feature else stats.w_star.copy()
    return w, stats.b_star


def hessian(stats: Stats) -> np.ndarray:
    """The (n+1) x (n+1) Hessian of J in (w, b): 1/m [[X^T X, X^T 1], [1^T X, m]]."""
    n = stats.n
    h = np.empty((n + 1, n + 1))
    h[:n, :n] = stats.sxx / stats.m + np.outer(stats.x_bar, stats.x_bar)
    h[:n, n] = h[n, :n] = stats.x_bar
    h[n, n] = 1.0
    return h


def largest_stable_alpha(stats: Stats) -> float:
    """alpha_max = 2 / lambda_max(H): above it gradient descent on J(w, b) diverges."""
    return float(2.0 / np.linalg.eigvalsh(hessian(stats))[-1])


# --- gradient descent -------------------------------------------------------------------------


@dataclass(frozen=True)
class GDResult:
    """A run of gradient descent. Histories include the start: index 0 is (w_in, b_in).

    ``w_history`` is (k+1,) for one feature, (k+1, n) for several; ``w`` is the last entry.
    """

    w: Params
    b: float
    cost_history: np.ndarray
    w_history: np.ndarray
    b_history: np.ndarray
    alpha: float
    num_iters: int
    sequential: bool
    stop_reason: StopReason
    message: str

    @property
    def iterations(self) -> int:
        return int(self.cost_history.size - 1)


def _check_run(alpha: float, num_iters: int) -> None:
    if not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    if num_iters < 0:
        raise ValueError(f"num_iters must be >= 0, got {num_iters!r}")


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
    """Batch gradient descent on the sums in ``stats``; see ``gradient_descent``."""
    _check_run(alpha, num_iters)
    if stats.one_feature:
        return _run_one_feature(stats, float(np.asarray(w_in, dtype=float).reshape(-1)[0]), float(b_in), alpha, num_iters, sequential, tol)
    return _run_features(stats, np.asarray(w_in, dtype=float).reshape(-1), float(b_in), alpha, num_iters, sequential, tol)


def _result(
    w_hist: list, b_hist: list[float], cost_hist: list[float], alpha: float, num_iters: int,
    sequential: bool, reason: StopReason, message: str,
) -> GDResult:
    w_history = _frozen(np.array(w_hist))
    return GDResult(
        w=float(w_history[-1]) if w_history.ndim == 1 else w_history[-1].copy(),
        b=float(b_hist[-1]),
        cost_history=_frozen(np.array(cost_hist)),
        w_history=w_history,
        b_history=_frozen(np.array(b_hist)),
        alpha=float(alpha),
        num_iters=int(num_iters),
        sequential=sequential,
        stop_reason=reason,
        message=message,
    )


def _limit(cost0: float) -> float:
    return DIVERGENCE_FACTOR * max(cost0, 1.0)


def _run_one_feature(
    stats: Stats, w: float, b: float, alpha: float, num_iters: int, sequential: bool, tol: float | None
) -> GDResult:
    # Plain floats: for one feature an iteration is a dozen flops, so numpy's call overhead
    # would dominate. Each line mirrors the formula in the module docstring.
    m = stats.m
    x_bar, y_bar = float(stats.x_bar[0]), stats.y_bar
    sxx_m, w_star, sse_m = float(stats.sxx[0, 0]) / m, float(stats.w_star[0]), stats.sse_star / m

    c = x_bar * w + b - y_bar
    d = w - w_star
    cost = 0.5 * (sxx_m * d * d + sse_m + c * c)
    limit = _limit(cost)
    stop_at = None
    if tol is not None:
        g0 = math.hypot(sxx_m * d + x_bar * c, c)
        stop_at = tol * g0
    w_hist, b_hist, cost_hist = [w], [b], [cost]
    reason: StopReason = "max_iters"
    message = f"ran all {num_iters} iterations"
    for i in range(1, num_iters + 1):
        dj_dw = sxx_m * d + x_bar * c
        dj_db = c
        if stop_at is not None and math.hypot(dj_dw, dj_db) <= stop_at:
            reason, message = "converged", f"converged in {i - 1} iterations"
            break
        w = w - alpha * dj_dw
        if sequential:  # the wrong way: dJ/db is taken at the *new* w
            dj_db = x_bar * w + b - y_bar
        b = b - alpha * dj_db
        c = x_bar * w + b - y_bar
        d = w - w_star
        cost = 0.5 * (sxx_m * d * d + sse_m + c * c)
        if not (cost <= limit):  # also catches nan and inf
            reason, message = "diverged", f"diverged at iteration {i}: the cost grew past {limit:.1e}"
            break
        w_hist.append(w)
        b_hist.append(b)
        cost_hist.append(cost)
    return _result(w_hist, b_hist, cost_hist, alpha, num_iters, sequential, reason, message)


def _run_features(
    stats: Stats, w: np.ndarray, b: float, alpha: float, num_iters: int, sequential: bool, tol: float | None
) -> GDResult:
    if w.size != stats.n:
        raise ValueError(f"w_in has {w.size} values but x has {stats.n} features")
    m = stats.m
    sxx_m, x_bar, y_bar, w_star, sse_m = stats.sxx / m, stats.x_bar, stats.y_bar, stats.w_star, stats.sse_star / m

    def cost_of(w_: np.ndarray, c_: float) -> float:
        d_ = w_ - w_star
        return float(0.5 * (d_ @ sxx_m @ d_ + sse_m + c_ * c_))

    c = float(x_bar @ w) + b - y_bar
    cost = cost_of(w, c)
    limit = _limit(cost)
    stop_at = None
    if tol is not None:
        g0 = sxx_m @ (w - w_star) + x_bar * c
        stop_at = tol * math.sqrt(float(g0 @ g0) + c * c)
    w_hist, b_hist, cost_hist = [w.copy()], [b], [cost]
    reason: StopReason = "max_iters"
    message = f"ran all {num_iters} iterations"
    with np.errstate(all="ignore"):
        for i in range(1, num_iters + 1):
            dj_dw = sxx_m @ (w - w_star) + x_bar * c
            dj_db = c
            if stop_at is not None and math.sqrt(float(dj_dw @ dj_dw) + c * c) <= stop_at:
                reason, message = "converged", f"converged in {i - 1} iterations"
                break
            w = w - alpha * dj_dw
            if sequential:
                dj_db = float(x_bar @ w) + b - y_bar
            b = b - alpha * dj_db
            c = float(x_bar @ w) + b - y_bar
            cost = cost_of(w, c)
            if not (cost <= limit):
                reason, message = "diverged", f"diverged at iteration {i}: the cost grew past {limit:.1e}"
                break
            w_hist.append(w)
            b_hist.append(b)
            cost_hist.append(cost)
    return _result(w_hist, b_hist, cost_hist, alpha, num_iters, sequential, reason, message)


def gradient_descent(
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


# --- feature scaling ----------------------------------------------------------------------------


def zscore_normalize_features(x: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x_norm = (x - mu) / sigma column by column; returns (x_norm, mu, sigma) as in the course."""
    x_arr = np.asarray(x, dtype=float)
    mu = x_arr.mean(axis=0)
    sigma = x_arr.std(axis=0)
    if np.any(sigma == 0):
        raise ValueError("a feature is constant (standard deviation 0), so it cannot be scaled; drop it")
    return (x_arr - mu) / sigma, mu, sigma


def scale_stats(stats: Stats) -> tuple[Stats, np.ndarray, np.ndarray]:
    """The sums of the z-scored problem, derived without touching the data again.

    With x' = (x - mu) / sigma: x'_bar = 0, S'xx = D^-1 Sxx D^-1, S'xy = D^-1 Sxy, w'* = D w*
    (D = diag(sigma), sigma^2 = diag(Sxx) / m). Returns (scaled stats, mu, sigma).
    """
    sigma = np.sqrt(np.diag(stats.sxx) / stats.m)
    if np.any(sigma == 0):
        raise ValueError("a feature is constant (standard deviation 0), so it cannot be scaled; drop it")
    scaled = Stats(
        m=stats.m,
        x_bar=_frozen(np.zeros_like(stats.x_bar)),
        y_bar=stats.y_bar,
        sxx=_frozen(stats.sxx / np.outer(sigma, sigma)),
        sxy=_frozen(stats.sxy / sigma),
        w_star=_frozen(stats.w_star * sigma),
        sse_star=stats.sse_star,
        one_feature=stats.one_feature,
    )
    return scaled, stats.x_bar.copy(), sigma


def unscale_params(w_scaled: ArrayLike, b_scaled: ArrayLike, mu: ArrayLike, sigma: ArrayLike) -> tuple[Params, Params]:
    """Map parameters fitted on z-scored x back to original units.

    f = sum_j w'_j (x_j - mu_j) / sigma_j + b'  =>  w_j = w'_j / sigma_j,  b = b' - sum_j w_j mu_j.
    Works on whole histories too: w' of shape (k,) for one feature or (k, n), b' of shape (k,).
    """
    w_s, b_s = np.asarray(w_scaled, dtype=float), np.asarray(b_scaled, dtype=float)
    mu_a, sigma_a = np.asarray(mu, dtype=float).reshape(-1), np.asarray(sigma, dtype=float).reshape(-1)
    if mu_a.size == 1:
        w = w_s / sigma_a[0]
        b = b_s - w * mu_a[0]
    else:
        w = w_s / sigma_a
        b = b_s - w @ mu_a
    return (float(w) if w.ndim == 0 else w), (float(b) if b.ndim == 0 else b)


# --- goodness of fit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FitSummary:
    cost: float
    rmse: float
    r2: float
    distance_to_least_squares: float


def fit_summary(stats: Stats, w: ArrayLike, b: float) -> FitSummary:
    """J, RMSE = sqrt(2J), R^2 = 1 - SSE/SST and the distance from (w, b) to (w*, b*)."""
    cost = cost_from_stats(stats, w, b)
    sst = float(stats.sxy @ stats.w_star) + stats.sse_star  # = sum (y_i - y_bar)^2
    r2 = 1.0 - (2 * stats.m * cost) / sst if sst > 0 else float("nan")
    w_arr = np.atleast_1d(np.asarray(w, dtype=float))
    distance = float(np.sqrt(np.sum((w_arr - stats.w_star) ** 2) + (b - stats.b_star) ** 2))
    return FitSummary(cost=cost, rmse=math.sqrt(2 * cost), r2=r2, distance_to_least_squares=distance)
