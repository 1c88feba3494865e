"""Feature scaling: z-score the features, and map parameters between the two sets of units.

    x' = (x - mu) / sigma   =>   w_j = w'_j / sigma_j,   b = b' - sum_j w_j mu_j
                            <=>  w'_j = w_j sigma_j,     b' = b + sum_j w_j mu_j

>>> w_s, b_s = scale_params(np.array([2.0]), 1.0, np.array([10.0]), np.array([4.0]))
>>> w_s.tolist(), b_s
([8.0], 21.0)
>>> w, b = unscale_params(w_s, b_s, np.array([10.0]), np.array([4.0]))
>>> w.tolist(), float(b)
([2.0], 1.0)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen
from gd_core.sums import Stats


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
        x_bar=frozen(np.zeros_like(stats.x_bar)),
        y_bar=stats.y_bar,
        sxx=frozen(stats.sxx / np.outer(sigma, sigma)),
        sxy=frozen(stats.sxy / sigma),
        w_star=frozen(stats.w_star * sigma),
        sse_star=stats.sse_star,
    )
    return scaled, stats.x_bar.copy(), sigma


def scale_params(w: ArrayLike, b: float, mu: ArrayLike, sigma: ArrayLike) -> tuple[np.ndarray, float]:
    """A point (w, b) in original units, in the units of z-scored x: w' = w sigma, b' = b + w . mu."""
    w_arr = np.asarray(w, dtype=float).reshape(-1)
    mu_a, sigma_a = np.asarray(mu, dtype=float).reshape(-1), np.asarray(sigma, dtype=float).reshape(-1)
    with np.errstate(over="ignore", invalid="ignore"):
        return w_arr * sigma_a, float(b + w_arr @ mu_a)


def unscale_params(w_scaled: ArrayLike, b_scaled: ArrayLike, mu: ArrayLike, sigma: ArrayLike) -> tuple[np.ndarray, np.ndarray | float]:
    """Map parameters fitted on z-scored x back to original units.

    f = sum_j w'_j (x_j - mu_j) / sigma_j + b'  =>  w_j = w'_j / sigma_j,  b = b' - sum_j w_j mu_j.
    Works on one point (w' of shape (n,), b' a float) or a whole history (w' of shape (k, n),
    b' of shape (k,)).
    """
    w_s, b_s = np.asarray(w_scaled, dtype=float), np.asarray(b_scaled, dtype=float)
    mu_a, sigma_a = np.asarray(mu, dtype=float).reshape(-1), np.asarray(sigma, dtype=float).reshape(-1)
    w = w_s / sigma_a
    b = b_s - w @ mu_a
    return w, (float(b) if b.ndim == 0 else b)
