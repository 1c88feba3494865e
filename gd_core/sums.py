"""The few sums that fix the squared-error cost, and what follows from them exactly.

For m examples, after one pass over the data (centred first, so badly scaled x loses nothing)::

    x_bar, y_bar = mean(x), mean(y)           Sxx = sum (x_i - x_bar)(x_i - x_bar)^T
    Sxy = sum (x_i - x_bar)(y_i - y_bar)      w* solves Sxx w* = Sxy (least squares)
    SSE* = sum ((x_i - x_bar) . w* - (y_i - y_bar))^2
    c = x_bar . w + b - y_bar                 (the mean residual)
    J     = ((w - w*)^T Sxx (w - w*) + SSE*) / (2m) + c^2 / 2
    dJ/dw = Sxx (w - w*) / m + x_bar * c
    dJ/db = c

Every quantity here (cost, gradient, cost grid, least squares, Hessian, stable alpha, fit
summary) then costs O(n^2), whatever the number of rows. Parameters are arrays: w has one
entry per feature (shape (n,)), also for a single feature; b is a float.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen

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


# --- sufficient statistics: one pass, then every iteration is O(n^2) ---------------------------


@dataclass(frozen=True)
class Stats:
    """The centred sums that fix J(w, b) for squared error (see the module docstring)."""

    m: int
    x_bar: np.ndarray  # (n,)
    y_bar: float
    sxx: np.ndarray  # (n, n)
    sxy: np.ndarray  # (n,)
    w_star: np.ndarray  # (n,) a least-squares solution
    sse_star: float

    @property
    def b_star(self) -> float:
        """The least-squares intercept: b* = y_bar - x_bar . w*."""
        return float(self.y_bar - self.x_bar @ self.w_star)

    @property
    def cost_star(self) -> float:
        """The lowest cost any line reaches: J* = J(w*, b*) = SSE* / (2m)."""
        return self.sse_star / (2 * self.m)

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
            x_bar=frozen(np.array([x_bar1])),
            y_bar=y_bar,
            sxx=frozen(np.array([[sxx1]])),
            sxy=frozen(np.array([sxy1])),
            w_star=frozen(np.array([w1])),
            sse_star=float(xc1 @ xc1),
        )
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
        x_bar=frozen(x_bar),
        y_bar=y_bar,
        sxx=frozen(sxx),
        sxy=frozen(sxy),
        w_star=frozen(w_star),
        sse_star=float(r @ r),
    )


def as_weights(stats: Stats, w: ArrayLike) -> np.ndarray:
    """w as one weight per feature, shape (n,): a single number is every feature's weight."""
    w_arr = np.asarray(w, dtype=float).reshape(-1)
    if w_arr.size == 1 and stats.n != 1:
        return np.full(stats.n, float(w_arr[0]))
    if w_arr.size != stats.n:
        raise ValueError(f"w has {w_arr.size} values but x has {stats.n} features")
    return w_arr


@dataclass(frozen=True)
class Formulas:
    """J and its gradient at params = (w, b), written once (``formulas``), for the loops.

    ``evaluate((w, b))`` gives (J, (dJ/dw, dJ/db)); ``gradient`` and ``cost`` its parts.
    """

    m: int
    n: int
    evaluate: Callable[[tuple], tuple[float, tuple]]

    def gradient(self, params: tuple) -> tuple:
        """(dJ/dw, dJ/db) at params = (w, b)."""
        return self.evaluate(params)[1]

    def cost(self, w: ArrayLike, b: ArrayLike) -> float:
        """J(w, b)."""
        return self.evaluate((w, b))[0]


def formulas(stats: Stats) -> Formulas:
    """J and its gradient from the sums, with c = x_bar . w + b - y_bar the mean residual::

        J     = ((w - w*)^T Sxx (w - w*) + SSE*) / (2m) + c^2 / 2
        dJ/dw = Sxx (w - w*) / m + x_bar * c
        dJ/db = c

    One feature works on plain floats (or on matching arrays of w and b: a grid, many starts),
    since there an iteration is a dozen flops and numpy's call overhead would dominate; several
    features on arrays of shape (n,).

    >>> formulas(summarize([1.0, 2.0], [300.0, 500.0])).evaluate((0.0, 0.0))
    (85000.0, (-650.0, -400.0))
    """
    m = stats.m
    if stats.n == 1:
        sxx_m, x_bar, w_star = float(stats.sxx[0, 0]) / m, float(stats.x_bar[0]), float(stats.w_star[0])
        y_bar, sse_m = stats.y_bar, stats.sse_star / m

        def evaluate(params: tuple) -> tuple[float, tuple]:
            w, b = params
            c, d = x_bar * w + b - y_bar, w - w_star
            g = sxx_m * d  # computed once: sxx_m * d * d is (sxx_m * d) * d
            return 0.5 * (g * d + sse_m + c * c), (g + x_bar * c, c)

        return Formulas(m, 1, evaluate)

    sxx_m_a, x_bar_a, w_star_a = stats.sxx / m, stats.x_bar, stats.w_star
    y_bar, sse_m = stats.y_bar, stats.sse_star / m

    def evaluate_n(params: tuple) -> tuple[float, tuple]:
        w, b = params
        c, d = float(x_bar_a @ w) + b - y_bar, w - w_star_a
        return float(0.5 * (d @ sxx_m_a @ d + sse_m + c * c)), (sxx_m_a @ d + x_bar_a * c, c)

    return Formulas(m, stats.n, evaluate_n)


def cost_from_stats(stats: Stats, w: ArrayLike, b: float) -> float:
    """J(w, b) from the sums (``formulas``); inf (never an error) where the parameters are too
    large for the cost to be a float."""
    w_arr = as_weights(stats, w)
    with np.errstate(over="ignore", invalid="ignore"):
        cost = formulas(stats).cost(float(w_arr[0]) if stats.n == 1 else w_arr, float(b))
    return float(cost) if np.isfinite(cost) else float("inf")


def gradient_from_stats(stats: Stats, w: ArrayLike, b: float) -> tuple[np.ndarray, float]:
    """(dJ/dw, dJ/db) from the sums (``formulas``); dJ/dw has shape (n,)."""
    w_arr = as_weights(stats, w)
    with np.errstate(over="ignore", invalid="ignore"):
        dj_dw, c = formulas(stats).gradient((float(w_arr[0]) if stats.n == 1 else w_arr, float(b)))
    return np.reshape(np.asarray(dj_dw, dtype=float), (stats.n,)), float(c)


def cost_grid(stats: Stats, w_values: ArrayLike, b_values: ArrayLike) -> np.ndarray:
    """J over a grid for one feature: result[i, j] = J(w_values[j], b_values[i])."""
    if stats.n != 1:
        raise ValueError("cost_grid draws one feature at a time; pick a single x column")
    w_grid, b_grid = np.meshgrid(np.asarray(w_values, float), np.asarray(b_values, float))
    return formulas(stats).cost(w_grid, b_grid)


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, float]:
    """The exact minimiser of J: solve the normal equations (centred). Returns (w of shape (n,), b)."""
    stats = summarize(x, y)
    return stats.w_star.copy(), stats.b_star


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


# --- goodness of fit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FitSummary:
    """How good the line (w, b) is. A value too large for a float is inf, never an error."""

    cost: float
    rmse: float
    r2: float
    distance_to_least_squares: float

    @property
    def finite(self) -> bool:
        return all(math.isfinite(v) for v in (self.cost, self.rmse, self.distance_to_least_squares))


def fit_summary(stats: Stats, w: ArrayLike, b: float) -> FitSummary:
    """J, RMSE = sqrt(2J), R^2 = 1 - SSE/SST and the distance from (w, b) to (w*, b*)."""
    cost = cost_from_stats(stats, w, b)
    sst = float(stats.sxy @ stats.w_star) + stats.sse_star  # = sum (y_i - y_bar)^2
    with np.errstate(over="ignore", invalid="ignore"):
        r2 = 1.0 - (2 * stats.m * cost) / sst if sst > 0 else float("nan")
        offsets = np.append(as_weights(stats, w) - stats.w_star, np.float64(b) - stats.b_star)
        distance = float(np.linalg.norm(offsets))  # scaled internally: no overflow on the way
    return FitSummary(cost=cost, rmse=math.sqrt(max(2 * cost, 0.0)), r2=float(r2), distance_to_least_squares=distance)
