"""Many learning rates from one start, all at once: how many iterations each needs, and the fastest.

``sweep_alphas`` runs the same start with every alpha (vectorised over alphas), as
``run_descent`` does; with a ``StopRule`` it counts a run as converged at the first step under
the rule's step tolerance that lands within its distance of a minimum (the rule every page
states), else at the first |dJ/dw| < slope_tol. ``fastest_alpha`` is the alpha of a sweep that
met the rule in the fewest iterations: what advice to "raise alpha" aims at.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core import update
from gd_core.cost_curve import CostCurve
from gd_core.loop import W_LIMIT
from gd_core.loop_many import run_many
from gd_core.stop_rule import StopRule

# Fractions of the stable limit that show the four behaviours side by side: creeping (far
# below), converging, oscillating (just below) and diverging (just above).
LIMIT_FRACTIONS = (0.02, 0.45, 0.9, 1.05)
# Without a limit (no minimum with positive curvature), a spread over three decades.
NO_LIMIT_ALPHAS = (0.01, 0.05, 0.1, 0.5)


def suggested_alphas(alpha_max: float) -> list[float]:
    """Four learning rates to compare: ``LIMIT_FRACTIONS`` of the limit, to 2 significant digits.

    >>> suggested_alphas(1.0)
    [0.02, 0.45, 0.9, 1.1]
    """
    if not np.isfinite(alpha_max):
        return list(NO_LIMIT_ALPHAS)
    return [float(f"{f * alpha_max:.2g}") for f in LIMIT_FRACTIONS]


def sweep_range(alpha_max: float, count: int = 70) -> np.ndarray:
    """The alphas a sweep tries: log-spaced from limit / 200 to 1.4 x the limit (or 1e-3 to 2)."""
    if np.isfinite(alpha_max):
        return np.geomspace(alpha_max / 200, alpha_max * 1.4, count)
    return np.geomspace(1e-3, 2.0, count)



@dataclass(frozen=True)
class AlphaSweep:
    """For each alpha: how many iterations until it converged (by the sweep's rule), and whether it diverged.

    ``iterations[j] == num_iters`` (and not diverged) means it had not converged by then.
    """

    alphas: np.ndarray
    iterations: np.ndarray
    diverged: np.ndarray
    num_iters: int


def sweep_alphas(
    curve: CostCurve,
    w0: float,
    alphas: np.ndarray,
    num_iters: int,
    *,
    slope_tol: float = 1e-6,
    w_limit: float = W_LIMIT,
    rule: StopRule | None = None,
    minima: tuple[float, ...] = (),
) -> AlphaSweep:
    """Run the same start with every alpha at once (vectorised over alphas), as in run_descent
    (with ``rule``, converged as run_descent's rule says: a step under its tolerance near one of
    ``minima``; without, |dJ/dw| < slope_tol before a step)."""
    alpha = np.asarray(alphas, dtype=float)
    centres = np.asarray(minima, dtype=float)
    after = None
    if rule is not None and centres.size:

        def after(old: tuple, new: tuple, idx: np.ndarray) -> np.ndarray:
            near = np.min(np.abs(new[0][:, None] - centres[None, :]), axis=1) <= rule.near_tol
            return (np.abs(new[0] - old[0]) < rule.step_tol) & near

    many = run_many(
        update.simultaneous(alpha), lambda params: (curve.slope(params[0]),), (np.full(alpha.shape, float(w0)),),
        num_iters, limit=w_limit, cost=lambda params: curve.cost(params[0]), after=after,
        before=None if rule is not None else lambda grads: np.abs(grads[0]) < slope_tol,
    )
    iterations, diverged = many.stopped_at, many.diverged
    for array in (alpha, iterations, diverged):
        array.setflags(write=False)
    return AlphaSweep(alphas=alpha, iterations=iterations, diverged=diverged, num_iters=int(num_iters))


def fastest_alpha(sweep: AlphaSweep) -> tuple[float, int] | None:
    """(alpha, iterations) of the sweep's run that converged in the fewest iterations (the
    smallest such alpha on a tie); None when none converged."""
    converged = ~np.asarray(sweep.diverged) & (np.asarray(sweep.iterations) < sweep.num_iters)
    if not converged.any():
        return None
    best = np.flatnonzero(converged)[np.argmin(np.asarray(sweep.iterations)[converged])]
    return float(sweep.alphas[best]), int(sweep.iterations[best])
