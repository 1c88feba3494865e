"""A learning rate chosen from the data's own stable limit, and how many iterations it needs.

The cost is a quadratic bowl: with delta = (w - w*, b - b*) and H the Hessian of J
(``gd_core.sums.hessian``), J - J* = 1/2 delta^T H delta, and one step of gradient descent is
delta := (I - alpha H) delta. Along H's eigenvectors (eigenvalues lambda_i, start components c_i)::

    J_k - J* = 1/2 * sum_i lambda_i c_i^2 (1 - alpha lambda_i)^(2k)

so a run is stable for alpha < 2 / lambda_max (the stable limit), and the slowest mode shrinks
by |1 - alpha lambda_min| per step. The rule:

- alpha: half the stable limit, rounded down to 1, 2 or 5 x 10^k (between 0.2 and 0.5 of it);
- iterations: the first k at which the stop rule of ``regression_verdict`` holds (J_k - J* <= 1e-6 (J_0 - J*)
  and a step of (w, b) under 1/1000 of the start's distance to (w*, b*)), from the formula above; past the cap (200,000, the page's maximum) the run will still be
  creeping, and feature scaling is the fix when the scaled problem converges within the cap;
- "watch it diverge": a round alpha about 1.2 to 1.6 times the limit, where the fastest mode
  grows by at least 1.4 per step;
- the limit as printed is rounded down (never up), so an alpha typed from it is stable.

>>> from gd_core.sums import summarize
>>> choice = suggest_alpha(summarize([1.0, 2.0], [300.0, 500.0]))  # the course lab's two houses
>>> choice.alpha, choice.stable_limit_shown, choice.diverge_alpha, choice.iterations_needed
(0.2, 0.583, 0.8, 176)
>>> choice.alpha_text
'α = 0.2 was chosen for this data: its stable limit is 0.583. Try 0.8 to watch it diverge.'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.scaling import scale_params, scale_stats
from gd_core.sums import Stats, as_weights, hessian
from gd_core.verdict import REG_STEP_SHARE
from gd_core.wording import MINUS, exact, limit as limit_text

MAX_ITERS = 200_000  # the page's iteration limit
MIN_ITERS = 100  # enough for a visible cost curve, and for a diverging run to show itself
REL_TOL = 1e-6  # regression_verdict's stop rule: all but a millionth of the starting gap closed


@dataclass(frozen=True)
class AlphaChoice:
    alpha: float  # the learning rate to start with
    stable_limit: float  # 2 / lambda_max: at or above it the run diverges
    stable_limit_shown: float  # the limit as written (gd_core.wording.limit): rounded down
    diverge_alpha: float  # a round alpha just above the limit, to watch the run diverge
    iterations: int  # what to set the iteration control to (a round number, MIN_ITERS to the cap)
    iterations_needed: int | None  # the gap rule's k at alpha; None: more than the cap
    max_iters: int  # the cap
    slowest_rate: float  # |1 - alpha lambda_min|: how much the slowest mode keeps per step
    scale_features: bool  # creeping, and feature scaling would converge within the cap

    @property
    def creeping(self) -> bool:
        """True when even the cap of iterations leaves more than a millionth of the gap."""
        return self.iterations_needed is None

    @property
    def alpha_text(self) -> str:
        return (
            f"α = {exact(self.alpha)} was chosen for this data: its stable limit is {limit_text(self.stable_limit)}. "
            f"Try {exact(self.diverge_alpha)} to watch it diverge."
        )

    @property
    def iterations_text(self) -> str:
        if self.iterations_needed is not None:
            return (
                f"At this α, {self.iterations_needed:,} iterations close all but a millionth of the gap "
                "between the starting cost and the minimum."
            )
        fix = (
            "turn on feature scaling, which makes one α suit every direction."
            if self.scale_features
            else "the features nearly repeat each other; drop one of them."
        )
        return f"At this α the run will still be creeping after {self.max_iters:,} iterations: {fix}"


def _decimal(mantissa: int, exponent: int) -> float:
    return float(f"{mantissa}e{exponent}")  # the shortest float for it: 2e-07, not 1.9999999999999998e-07


def _denoise(value: float) -> float:
    # 12 significant digits: a limit of exactly 2 computed as 1.9999999999999996 is still 2.
    return float(f"{value:.12g}")


def round_down_125(value: float) -> float:
    """The largest 1, 2 or 5 x 10^k that is <= value (value > 0, to 12 significant digits)."""
    value = _denoise(value)
    exponent = math.floor(math.log10(value))
    for exp in (exponent + 1, exponent, exponent - 1):
        for mantissa in (5, 2, 1):
            candidate = _decimal(mantissa, exp)
            if candidate <= value:
                return candidate
    return _decimal(5, exponent - 2)


def round_down(value: float, digits: int = 2) -> float:
    """value to ``digits`` significant digits, rounded towards zero (value > 0); never above value
    (taken to 12 significant digits)."""
    value = _denoise(value)
    exponent = math.floor(math.log10(value)) - digits + 1
    mantissa = math.floor(value / 10.0**exponent)
    while mantissa > 0 and _decimal(mantissa, exponent) > value:
        mantissa -= 1
    return _decimal(mantissa, exponent) if mantissa > 0 else _decimal(1, exponent - 1)


def round_up(value: float, digits: int = 1) -> float:
    """value to ``digits`` significant digits, rounded away from zero (value > 0); never below value
    (taken to 12 significant digits)."""
    value = _denoise(value)
    exponent = math.floor(math.log10(value)) - digits + 1
    mantissa = math.ceil(value / 10.0**exponent)
    while _decimal(mantissa, exponent) < value:
        mantissa += 1
    return _decimal(mantissa, exponent)


def diverge_alpha_for(limit: float) -> float:
    """A round alpha 1.2 to 1.6 times the stable limit: one significant digit when that is close enough."""
    one_digit = round_up(1.2 * limit, 1)
    return one_digit if one_digit <= 1.6 * limit else round_up(1.2 * limit, 2)


def _modes(stats: Stats, w_in: ArrayLike, b_in: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lambda_i, lambda_i c_i^2, c_i^2): H's eigenvalues, each mode's share of 2 (J_0 - J*), and
    of |delta_0|^2 (the start's squared distance to (w*, b*))."""
    lam, vectors = np.linalg.eigh(hessian(stats))
    lam = np.clip(lam, 0.0, None)  # H is positive semi-definite; rounding can dip below 0
    w = np.broadcast_to(np.asarray(w_in, dtype=float).reshape(-1), (stats.n,))
    delta = np.append(w - stats.w_star, float(b_in) - stats.b_star)
    c = vectors.T @ delta
    return lam, lam * c * c, c * c


def _first_k(falls_under: Callable[[int], bool], max_iters: int) -> int | None:
    """The first k in 0..max_iters where ``falls_under(k)`` holds, for a condition that, once
    true, stays true (each mode only shrinks); None when it does not hold by max_iters."""
    if not falls_under(max_iters):
        return None
    low, high = -1, max_iters  # falls_under(high) holds, falls_under(low) does not (or low = -1)
    while high - low > 1:
        mid = (low + high) // 2
        if falls_under(mid):
            high = mid
        else:
            low = mid
    return high


def iterations_to_converge(
    stats: Stats, alpha: float, w_in: ArrayLike = 0.0, b_in: float = 0.0, *, rel_tol: float = REL_TOL, max_iters: int = MAX_ITERS
) -> int | None:
    """The first k at which regression_verdict's stop rule holds from (w_in, b_in), or None past
    max_iters: J_k - J* <= rel_tol (J_0 - J*) and the step into row k moved (w, b) by at most
    REG_STEP_SHARE of the start's distance |delta_0| to (w*, b*). Along H's modes the step into
    row k is -alpha lambda_i c_i (1 - alpha lambda_i)^(k-1), so::

        |step_k|^2 = sum_i alpha^2 lambda_i^2 c_i^2 (1 - alpha lambda_i)^(2(k-1))

    Both fall with k, so the rule first holds at the later of the two first k's. Exact for the
    quadratic J, up to rounding. None as well when alpha is at or above the stable limit.
    """
    lam, weight, c2 = _modes(stats, w_in, b_in)
    if alpha * lam[-1] >= 2.0:
        return None
    total = float(weight.sum())
    if total <= 0:
        return 0
    rate2 = (1.0 - alpha * lam) ** 2
    share = weight / total
    step2 = alpha**2 * lam**2 * c2
    reach2 = (REG_STEP_SHARE**2) * float(c2.sum())

    def gap_closed(k: int) -> bool:
        with np.errstate(under="ignore", over="ignore"):
            return float(share @ rate2**k) <= rel_tol

    def step_small(k: int) -> bool:  # row 0 has no step into it
        with np.errstate(under="ignore", over="ignore"):
            return k >= 1 and float(step2 @ rate2 ** (k - 1)) <= reach2

    if gap_closed(0):
        return 0
    first_gap, first_step = _first_k(gap_closed, max_iters), _first_k(step_small, max_iters)
    return None if first_gap is None or first_step is None else max(first_gap, first_step)


def _round_iterations(needed: int, max_iters: int) -> int:
    # A little room for rounding in the run, then a round number (600, 1300, 20000).
    wanted = max(MIN_ITERS, needed + 1 + math.ceil(0.05 * needed))
    leading = int(str(wanted)[0])
    return min(max_iters, int(round_up(float(wanted), 1 if leading >= 2 else 2)))


def _scaled_start(stats: Stats, w_in: ArrayLike, b_in: float) -> tuple[Stats, np.ndarray, float]:
    scaled, mu, sigma = scale_stats(stats)
    w_s, b_s = scale_params(as_weights(stats, w_in), b_in, mu, sigma)
    return scaled, w_s, b_s


def suggest_alpha(stats: Stats, w_in: ArrayLike = 0.0, b_in: float = 0.0, *, max_iters: int = MAX_ITERS) -> AlphaChoice:
    """The learning rate, iterations and "watch it diverge" alpha for a run from (w_in, b_in).

    ``w_in`` is one number for every feature, or one per feature. See the module docstring.
    """
    lam = np.clip(np.linalg.eigvalsh(hessian(stats)), 0.0, None)
    limit = float(2.0 / lam[-1])
    alpha = round_down_125(limit / 2)
    needed = iterations_to_converge(stats, alpha, w_in, b_in, max_iters=max_iters)
    scale_helps = False
    if needed is None:
        try:
            scaled, w_s, b_s = _scaled_start(stats, w_in, b_in)
        except ValueError:  # a constant feature cannot be scaled
            scaled = None
        if scaled is not None:
            scaled_alpha = round_down_125(float(np.linalg.eigvalsh(hessian(scaled))[-1]) ** -1)
            scale_helps = iterations_to_converge(scaled, scaled_alpha, w_s, b_s, max_iters=max_iters) is not None
    return AlphaChoice(
        alpha=alpha,
        stable_limit=limit,
        stable_limit_shown=float(limit_text(limit).replace(MINUS, "-")),
        diverge_alpha=diverge_alpha_for(limit),
        iterations=max_iters if needed is None else _round_iterations(needed, max_iters),
        iterations_needed=needed,
        max_iters=max_iters,
        slowest_rate=float(abs(1.0 - alpha * lam[0])),
        scale_features=scale_helps,
    )


def suggest_alpha_scaled(stats: Stats, w_in: ArrayLike = 0.0, b_in: float = 0.0, *, max_iters: int = MAX_ITERS) -> AlphaChoice:
    """``suggest_alpha`` for the z-scored problem (``scale_stats``), from a start in original units.

    Raises ValueError for a constant feature, which cannot be scaled.
    """
    scaled, w_s, b_s = _scaled_start(stats, w_in, b_in)
    return suggest_alpha(scaled, w_s, b_s, max_iters=max_iters)
