"""The catalogue of one-parameter cost curves J(w), each with its exact dJ/dw and d2J/dw2.

Every curve is written three times, side by side: the cost, its slope and its curvature.

- bowl:        J = (w - 3)^2 + 1                 dJ/dw = 2 (w - 3)               minimum 3
- two_minima:  dJ/dw = 0.4 (w - 1)(w - 3.5)(w - 5) (factored, so the slope at 5 is exactly 0)
               J = 0.4 (w^4/4 - 9.5 w^3/3 + 13 w^2 - 17.5 w) + 8     minima 1 (deeper) and 5
- steep:       J = exp(w) - 2 w                  dJ/dw = exp(w) - 2              minimum ln 2
- plateau:     J = 1 - exp(-(w - 2)^2 / 2) + 0.002 (w - 2)^2
               dJ/dw = (w - 2) (exp(-(w - 2)^2 / 2) + 0.004)                   minimum 2

A typed formula becomes a Curve too (``curve_from_expression``); its minima are found where
the slope changes sign from - to +, refined by bisection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.expression import parse_expression

Fn = Callable[[ArrayLike], np.ndarray]


@dataclass(frozen=True)
class Curve:
    key: str
    name: str
    description: str
    latex: str
    cost: Fn
    slope: Fn
    curvature: Fn
    w_min: float
    w_max: float
    minima: tuple[float, ...]
    formula: str = ""  # the typed text of a student's own J(w), exactly as typed; "" for the catalogue's

    def point_at(self, fraction: float) -> float:
        """The w at ``fraction`` of the plotted range: w_min + fraction * (w_max - w_min)."""
        return self.w_min + fraction * (self.w_max - self.w_min)

    def clamp(self, w: float) -> float:
        """w moved into the plotted range [w_min, w_max] if it lies outside."""
        return float(min(max(w, self.w_min), self.w_max))

    def grid(self, count: int) -> np.ndarray:
        """``count`` evenly spaced w over the plotted range, ends included."""
        return np.linspace(self.w_min, self.w_max, count)

    def nearest_minimum(self, w: float, within: float = float("inf")) -> float | None:
        """The listed minimum closest to w, if it is at most ``within`` away (else None)."""
        if not self.minima:
            return None
        nearest = min(self.minima, key=lambda m: abs(m - w))
        return nearest if abs(nearest - w) <= within else None

    def other_starts(self, w0: float, inset: float = 0.08) -> list[float]:
        """Two starts ``inset`` in from each end of the range, leaving out one that is w0 itself."""
        return [w for w in (self.point_at(inset), self.point_at(1 - inset)) if abs(w - w0) > 1e-9]


def _vectorised(fn: Callable[[np.ndarray], np.ndarray]) -> Fn:
    def wrapped(w: ArrayLike) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(fn(np.asarray(w, dtype=float)), dtype=float)

    return wrapped


def _bowl() -> Curve:
    return Curve(
        key="bowl",
        name="Convex bowl",
        description="One minimum, the same shape everywhere: gradient descent always finds it if α is not too large.",
        latex=r"(w - 3)^2 + 1",
        cost=_vectorised(lambda w: (w - 3.0) ** 2 + 1.0),
        slope=_vectorised(lambda w: 2.0 * (w - 3.0)),
        curvature=_vectorised(lambda w: np.full_like(w, 2.0)),
        w_min=-2.0,
        w_max=8.0,
        minima=(3.0,),
    )


K2 = 0.4


def _two_minima() -> Curve:
    return Curve(
        key="two_minima",
        name="Two valleys",
        description="A deep valley at w = 1 and a shallower one at w = 5: where you start decides where you end.",
        latex=r"0.4\left(\tfrac{w^4}{4} - \tfrac{9.5\,w^3}{3} + 13 w^2 - 17.5 w\right) + 8",
        cost=_vectorised(lambda w: K2 * (w**4 / 4 - 9.5 * w**3 / 3 + 13 * w**2 - 17.5 * w) + 8.0),
        slope=_vectorised(lambda w: K2 * (w - 1.0) * (w - 3.5) * (w - 5.0)),
        curvature=_vectorised(lambda w: K2 * (3 * w**2 - 19 * w + 26)),
        w_min=-0.5,
        w_max=6.5,
        minima=(1.0, 5.0),
    )


def _steep() -> Curve:
    return Curve(
        key="steep",
        name="Steep wall",
        description="Gentle on the left, a steep wall on the right: a step size that is fine on one side overshoots on the other.",
        latex=r"e^{w} - 2w",
        cost=_vectorised(lambda w: np.exp(w) - 2.0 * w),
        slope=_vectorised(lambda w: np.exp(w) - 2.0),
        curvature=_vectorised(np.exp),
        w_min=-3.0,
        w_max=2.5,
        minima=(float(np.log(2.0)),),
    )


def _plateau() -> Curve:
    def bump(w: np.ndarray) -> np.ndarray:
        return np.exp(-((w - 2.0) ** 2) / 2.0)

    return Curve(
        key="plateau",
        name="Flat plateau",
        description="Far from the well the ground is almost flat: tiny slopes make tiny steps, so progress is slow.",
        latex=r"1 - e^{-(w-2)^2/2} + 0.002\,(w - 2)^2",
        cost=_vectorised(lambda w: 1.0 - bump(w) + 0.002 * (w - 2.0) ** 2),
        slope=_vectorised(lambda w: (w - 2.0) * (bump(w) + 0.004)),
        curvature=_vectorised(lambda w: bump(w) * (1.0 - (w - 2.0) ** 2) + 0.004),
        w_min=-6.0,
        w_max=8.0,
        minima=(2.0,),
    )


CURVES: dict[str, Curve] = {c.key: c for c in (_bowl(), _two_minima(), _steep(), _plateau())}


def get_curve(key: str) -> Curve:
    try:
        return CURVES[key]
    except KeyError:
        raise KeyError(f"no curve named {key!r}; the catalogue has {', '.join(CURVES)}") from None


def find_minima(slope: Fn, w_min: float, w_max: float, samples: int = 4001) -> tuple[float, ...]:
    """Interior points where dJ/dw goes from - to +, refined by bisection to ~1e-12 (a root
    within 1e-12 of the range from 0 is 0).

    Every bracket is halved at once (one slope evaluation per halving, 60 in all), so a curve
    with thousands of minima, sin(2000*w) say, costs no more slope evaluations than one with one.
    """
    w = np.linspace(w_min, w_max, samples)
    s = np.asarray(slope(w), dtype=float)
    brackets = np.flatnonzero(np.isfinite(s[:-1]) & np.isfinite(s[1:]) & (s[:-1] < 0) & (s[1:] >= 0))
    lo, hi = w[brackets], w[brackets + 1]
    for _ in range(60 if brackets.size else 0):
        mid = 0.5 * (lo + hi)
        below = np.asarray(slope(mid), dtype=float) < 0
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    found: list[float] = []
    for root in (0.5 * (lo + hi)).tolist():
        if abs(root) < 1e-12 * (w_max - w_min):  # bisection towards 0 stops at 1e-22, not 0
            root = 0.0
        if w_min < root < w_max and (not found or root - found[-1] > 1e-9):
            found.append(root)
    return tuple(found)


def is_minimum(cost: Fn, w: float) -> bool:
    """J is finite at w and just beside it, and no lower beside it: J(w) <= J(w +- h).

    A change of sign of dJ/dw is not enough: log(w)'s slope 1/w goes from - to + at 0, where
    J is -inf on the right and undefined on the left.
    """
    h = 1e-3 * max(1.0, abs(w))  # wide enough that an inflection (-w**3 at 0: J(h) = -1e-9) shows
    j = np.asarray(cost(np.array([w - h, w, w + h])), dtype=float)
    return bool(np.all(np.isfinite(j)) and j[1] <= min(j[0], j[2]) + 1e-14 * max(1.0, abs(j[1])))


def is_kink(slope: Fn, w: float) -> bool:
    """The slope jumps at w instead of passing through 0: |w| at 0, where dJ/dw is -1 then +1.

    At a smooth minimum dJ/dw(w +- h) shrinks with h (about J''(w) h); at a kink it does not:
    the slopes 1e-3 and 1e-6 beside w differ by a factor of far less than 1000.
    """
    scale = max(1.0, abs(w))
    wide, narrow = (np.asarray(slope(np.array([w - h * scale, w + h * scale])), dtype=float) for h in (1e-3, 1e-6))
    gap_wide, gap_narrow = float(np.ptp(wide)), float(np.ptp(narrow))
    return bool(np.isfinite(gap_wide) and np.isfinite(gap_narrow) and gap_narrow > 1e-9 and gap_wide < 10 * gap_narrow)


def true_minima(cost: Fn, slope: Fn, w_min: float, w_max: float) -> tuple[float, ...]:
    """``find_minima`` without the sign changes of dJ/dw that are not minima of J (see is_minimum)."""
    return tuple(m for m in find_minima(slope, w_min, w_max) if is_minimum(cost, m))


def curve_from_expression(text: str, w_min: float = -3.0, w_max: float = 3.0) -> Curve:
    """A Curve from a typed formula (raises ExpressionError, with the position, if it is not valid)."""
    expression = parse_expression(text)
    return Curve(
        key="custom",
        name="Your own formula",
        description="Your own J(w): its slope dJ/dw is computed exactly from the formula.",
        latex=expression.to_latex(),
        cost=expression.cost,
        slope=expression.slope,
        curvature=expression.curvature,
        w_min=w_min,
        w_max=w_max,
        minima=true_minima(expression.cost, expression.slope, w_min, w_max),
        formula=text,
    )
