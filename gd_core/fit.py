"""Gradient descent on a dataset's sums, with or without feature scaling, as a page shows it.

With scaling, descent runs on z-scored x (``gd_core.scaling``): the start (w0, b0), given in
original units, is first expressed in scaled units, w' = w sigma and b' = b + w . mu; the path
is then mapped back, w = w' / sigma and b = b' - w . mu, so every number shown is in the
units of the data. Without scaling both are the same run.

>>> from gd_core.sums import summarize
>>> fit = fit_line(summarize([1.0, 2.0], [300.0, 500.0]), 0.0, 0.0, 0.01, 10_000)
>>> round(float(fit.path.w[0]), 4), round(fit.path.b, 4)
(199.9929, 100.0116)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen
from gd_core.linreg import GDResult, run_from_stats
from gd_core.scaling import scale_params, scale_stats, unscale_params
from gd_core.sums import Stats, as_weights


@dataclass(frozen=True)
class Fit:
    """One run of descent on a dataset, in the units it ran in and in the data's units.

    ``result``, ``run_stats`` and the start are in the units descent ran in (z-scored x when
    ``scaled``); ``path`` is the same run in original units (the same object when not scaled).
    """

    result: GDResult
    path: GDResult
    run_stats: Stats
    w_start: np.ndarray
    b_start: float
    mu: np.ndarray
    sigma: np.ndarray
    scaled: bool


def fit_line(
    stats: Stats, w0: ArrayLike, b0: float, alpha: float, num_iters: int, *, scaled: bool = False, sequential: bool = False
) -> Fit:
    """Run descent from (w0, b0) (original units; a single w0 starts every feature there)."""
    w_in = as_weights(stats, w0)
    if scaled:
        run_stats, mu, sigma = scale_stats(stats)
        w_start, b_start = scale_params(w_in, b0, mu, sigma)
    else:
        run_stats, mu, sigma = stats, np.zeros(stats.n), np.ones(stats.n)
        w_start, b_start = w_in, float(b0)
    result = run_from_stats(run_stats, w_start, b_start, alpha, num_iters, sequential=sequential)
    path = result
    if scaled:
        with np.errstate(over="ignore", invalid="ignore"):
            w_hist, b_hist = unscale_params(result.w_history, result.b_history, mu, sigma)
        path = replace(result, w_history=frozen(w_hist), b_history=frozen(b_hist))
    return Fit(
        result=result, path=path, run_stats=run_stats, w_start=frozen(w_start), b_start=float(b_start),
        mu=frozen(mu), sigma=frozen(sigma), scaled=scaled,
    )
