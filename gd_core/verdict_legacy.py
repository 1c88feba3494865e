"""DEPRECATED: the verdicts the pages used before issue 14; use ``gd_core.verdict.classify_*``.

Kept, unchanged in behaviour, only until pages/learning_rate.py and pages/regression.py are
rewired to ``gd_core.verdict``; ``gd_core.verdict`` re-exports these names.

- converged:   the run stopped because the gradient (or the step) vanished;
- diverged:    the parameters or the cost left the range of finite numbers;
- oscillating: the limit was reached while the steps still flip sign (alpha near 2 / J'');
- creeping:    the limit was reached while every step still goes the same way (alpha too small).

A converged run whose steps flipped sign most of the time is said to converge "by oscillating".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Kind = Literal["converged", "oscillating", "diverged", "creeping"]


@dataclass(frozen=True)
class LegacyVerdict:
    kind: Kind
    text: str
    iterations: int
    oscillated: bool


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


def steps_growing(steps: np.ndarray) -> bool:
    """True when the steps of the last half of a run keep getting longer (a slow divergence)."""
    s = np.asarray(steps, dtype=float)
    size = np.abs(s) if s.ndim == 1 else np.sqrt(np.sum(s * s, axis=1))
    if size.size < 6:
        return False
    half = size[size.size // 2 :]
    return bool(half[-1] > 1.5 * half[0] and np.mean(np.diff(half) > 0) > 0.8)


def judge(stop_reason: str, steps: np.ndarray, num_iters: int, message: str = "") -> LegacyVerdict:
    """Turn a run's stop reason and steps into a Verdict a student can read."""
    k = int(np.asarray(steps).shape[0])
    oscillated = sign_flip_fraction(steps) > 0.5
    if stop_reason == "diverged":
        text = message or f"diverged at iteration {k + 1}"
        return LegacyVerdict("diverged", text, k, oscillated)
    if stop_reason == "converged":
        how = " by oscillating around the minimum" if oscillated else ""
        return LegacyVerdict("converged", f"converged in {k} iterations{how}", k, oscillated)
    if steps_growing(steps):
        return LegacyVerdict("diverged", f"diverging: every step is longer than the last after {num_iters} iterations", k, oscillated)
    if oscillated:
        return LegacyVerdict("oscillating", f"still oscillating after {num_iters} iterations", k, True)
    return LegacyVerdict("creeping", f"still creeping after {num_iters} iterations", k, False)


def judge_by_gap(
    cost_history: np.ndarray,
    j_best: float,
    steps: np.ndarray,
    stop_reason: str,
    num_iters: int,
    message: str = "",
    rel_tol: float = 1e-6,
) -> LegacyVerdict:
    """A verdict for a run whose best cost J* is known (linear regression: least squares).

    Converged at the first iteration k where J_k - J* <= rel_tol * (J_0 - J*): the run has
    closed all but a millionth of the gap it started with.
    """
    oscillated = sign_flip_fraction(steps) > 0.5
    if stop_reason == "diverged":
        return LegacyVerdict("diverged", message or "diverged", int(np.asarray(steps).shape[0]), oscillated)
    gap = np.asarray(cost_history, dtype=float) - j_best
    start_gap = float(gap[0])
    if start_gap <= 0:
        return LegacyVerdict("converged", "started at the minimum: converged in 0 iterations", 0, False)
    done = np.flatnonzero(gap <= rel_tol * start_gap)
    if done.size:
        k = int(done[0])
        how = " by oscillating around the minimum" if oscillated else ""
        return LegacyVerdict("converged", f"converged in {k} iterations{how}", k, oscillated)
    k = int(gap.size - 1)
    if steps_growing(steps) and gap[-1] > gap[0]:
        return LegacyVerdict("diverged", f"diverging: the cost grew from {cost_history[0]:.4g} to {cost_history[-1]:.4g}", k, oscillated)
    if oscillated:
        return LegacyVerdict("oscillating", f"still oscillating after {num_iters} iterations", k, True)
    return LegacyVerdict("creeping", f"still creeping after {num_iters} iterations", k, False)
