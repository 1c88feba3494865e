"""Feature scaling: z-score the features, and map fitted parameters back to original units.

    x' = (x - mu) / sigma   =>   w_j = w'_j / sigma_j,   b = b' - sum_j w_j mu_j
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen
from gd_core.sums import Params, Stats



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
