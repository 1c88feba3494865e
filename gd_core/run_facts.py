"""Facts about runs that captions depend on, each computed from the numbers of the run.

A caption is shown only when its fact holds for the run on screen:

- ``steps_shrink(run)``: every step is no longer than the one before ("the steps get
  smaller because the slope does", step = -alpha * dJ/dw);
- ``describe_sweep(sweep, alpha_limit, curve)``: which alpha of a sweep was fastest, and what
  runs above the limit 2 / J''(w*) did (diverged, kept jumping, or settled in another valley);
- ``condition_number(stats)``: lambda_max / lambda_min of the Hessian of J(w, b); large means
  a long, narrow valley where no single alpha suits every direction (scaling is the fix);
- ``update_factor(stats, alpha, sequential)``: the spectral radius of one update of linear
  regression, the factor by which the error shrinks (< 1) or grows (> 1) per step;
- ``sequential_same_as_simultaneous(stats)``: with mean(x) = 0 (scaled x) dJ/db does not
  depend on w, so the sequential update gives exactly the simultaneous one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core.descent import CostCurve, DescentRun, run_descent
from gd_core.stop_rule import StopRule
from gd_core.sweep import AlphaSweep
from gd_core.sums import Stats, hessian

# The step sizes may wobble by rounding at the last digits; a shrink is a shrink beyond that.
_ROUNDING = 1e-12


def steps_shrink(run: DescentRun) -> bool:
    """True when every step is no longer than the one before: |step[k+1]| <= |step[k]|.

    A run with no step, or whose steps are all 0, has nothing that shrinks: False.

    >>> from gd_core.curves import CURVES
    >>> steps_shrink(run_descent(CURVES["bowl"], 7.0, 0.1, 30))
    True
    >>> steps_shrink(run_descent(CURVES["plateau"], 5.0, 0.1, 30))   # the slope grows near the well
    False
    """
    size = np.abs(np.asarray(run.step, dtype=float))
    if size.size == 0 or not np.any(size > 0):
        return False
    return bool(np.all(size[1:] <= size[:-1] * (1 + _ROUNDING) + _ROUNDING * np.max(size)))


@dataclass(frozen=True)
class SweepFacts:
    """What a sweep over alpha shows; every field is read off the sweep's own runs.

    ``fastest_alpha`` converged in the fewest iterations (None: none converged);
    ``slower_after_fastest``: some converging alpha above the fastest needed more iterations;
    above the limit, each run is counted once as ``diverged_above``, ``stuck_above`` (neither
    converged nor diverged: kept jumping) or ``converged_above`` (converged anyway; with
    ``other_valley_above`` of those at a different minimum than w*); ``diverged_below``
    counts runs that diverged with alpha under the limit (a start far from w*).
    """

    fastest_alpha: float | None
    fastest_iterations: int | None
    slower_after_fastest: bool
    above_limit: int
    diverged_above: int
    stuck_above: int
    converged_above: int
    other_valley_above: int
    diverged_below: int
    alpha_limit: float


def describe_sweep(
    sweep: AlphaSweep, alpha_limit: float, curve: CostCurve | None = None, w0: float | None = None,
    w_star: float | None = None, *, rule: StopRule | None = None, minima: tuple[float, ...] = (),
) -> SweepFacts:
    """Facts of a sweep (see SweepFacts). ``curve``, ``w0`` and ``w_star`` let it tell a run
    that converged in another valley from one that converged at w* (it re-runs those few, by
    the sweep's own ``rule`` and ``minima`` when it had them)."""
    alphas = np.asarray(sweep.alphas, dtype=float)
    iters = np.asarray(sweep.iterations, dtype=int)
    diverged = np.asarray(sweep.diverged, dtype=bool)
    converged = ~diverged & (iters < sweep.num_iters)
    fastest_alpha = fastest_iters = None
    slower = False
    if converged.any():
        best = np.flatnonzero(converged)[np.argmin(iters[converged])]
        fastest_alpha, fastest_iters = float(alphas[best]), int(iters[best])
        later = converged & (alphas > alphas[best])
        slower = bool(np.any(iters[later] > fastest_iters))
    above = alphas > alpha_limit
    other = 0
    if curve is not None and w0 is not None and w_star is not None:
        for alpha in alphas[above & converged]:
            run = run_descent(curve, w0, float(alpha), sweep.num_iters, rule=rule, minima=minima)
            within = rule.near_tol if rule is not None else 1e-3 * max(1.0, abs(w_star))
            other += abs(run.final_w - w_star) > within
    return SweepFacts(
        fastest_alpha=fastest_alpha,
        fastest_iterations=fastest_iters,
        slower_after_fastest=slower,
        above_limit=int(above.sum()),
        diverged_above=int((above & diverged).sum()),
        stuck_above=int((above & ~diverged & ~converged).sum()),
        converged_above=int((above & converged).sum()),
        other_valley_above=int(other),
        diverged_below=int((~above & diverged).sum()),
        alpha_limit=float(alpha_limit),
    )


def hessian_eigenvalues(stats: Stats) -> np.ndarray:
    """The eigenvalues of the Hessian of J(w, b), smallest first (see ``sums.hessian``)."""
    return np.linalg.eigvalsh(hessian(stats))


def condition_number(stats: Stats) -> float:
    """lambda_max / lambda_min of the Hessian of J(w, b); ``inf`` when a direction is flat.

    Gradient descent at its best alpha shrinks the slowest direction of the error by only
    about (1 - 2 / condition) per step, so a large condition number means slow progress
    whatever alpha is (z-score scaling of x makes it small).
    """
    eigenvalues = hessian_eigenvalues(stats)
    top = float(eigenvalues[-1])
    low = float(eigenvalues[0])
    if low <= top * 1e-15:
        return float("inf")
    return top / low


def update_matrix(stats: Stats, alpha: float, sequential: bool = False) -> np.ndarray:
    """The matrix M of one update acting on the error e = (w - w*, b - b*): e_next = M e.

    Simultaneous: M = I - alpha * H. Sequential (w first, then dJ/db at the new w), with
    H = [[A, x_bar], [x_bar^T, 1]]::

        e_w' = (I - alpha A) e_w - alpha x_bar e_b
        e_b' = (1 - alpha) e_b - alpha x_bar . e_w'
    """
    h = hessian(stats)
    n = stats.n
    simultaneous = np.eye(n + 1) - alpha * h
    if not sequential:
        return simultaneous
    x_bar = np.asarray(stats.x_bar, dtype=float)
    m = np.empty((n + 1, n + 1))
    m[:n, :] = simultaneous[:n, :]
    m[n, :] = -alpha * x_bar @ m[:n, :]
    m[n, n] += 1.0 - alpha
    return m


def update_factor(stats: Stats, alpha: float, sequential: bool = False) -> float:
    """The spectral radius of ``update_matrix``: the error shrinks per step by this factor in
    the long run when it is below 1, and grows when it is above 1.

    >>> from gd_core.sums import summarize
    >>> stats = summarize([1.0, 2.0], [300.0, 500.0])
    >>> round(update_factor(stats, 0.01), 4), update_factor(stats, 0.7) > 1
    (0.9993, True)
    """
    if not sequential:  # from H's eigenvalues directly: 1 - alpha * lambda_min keeps its digits
        eigenvalues = hessian_eigenvalues(stats)
        return float(max(abs(1.0 - alpha * eigenvalues[0]), abs(1.0 - alpha * eigenvalues[-1])))
    return float(np.max(np.abs(np.linalg.eigvals(update_matrix(stats, alpha, sequential)))))


def sequential_same_as_simultaneous(stats: Stats) -> bool:
    """True when mean(x) = 0 for every feature: then dJ/db = b - mean(y) does not involve w,
    and updating w first changes nothing (the two runs are identical)."""
    return bool(np.all(np.asarray(stats.x_bar) == 0))


def sign_flip_fraction(steps: np.ndarray) -> float:
    """Share of consecutive steps (last half of the run) whose sign flips; 0 when too short.

    ``steps`` is (k,) for one parameter or (k, p) for several: a step counts as flipped when
    its direction turns by more than 90 degrees (negative dot product with the previous one).
    """
    s = np.asarray(steps, dtype=float)
    if s.ndim == 1:
        s = s[:, None]
    s = s[s.shape[0] // 2 :]
    if s.shape[0] < 3:
        return 0.0
    dots = np.einsum("ij,ij->i", s[1:], s[:-1])
    return float(np.mean(dots < 0))
