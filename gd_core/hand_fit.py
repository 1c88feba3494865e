"""A line set by hand: its angle and height mapped to (w, b), its cost written out as a sum.

A raw slope control is unfriendly (PhET's Least-Squares Regression drives the slope by an
angle): the right slope for houses in 1000 sqft is 200, for cars by weight -0.008. So a student
sets the line's **angle** and its **height in the middle of the data** (at the mean x), and the
line is, in the data's own units::

    w = tan(angle) * s_y / s_x          s_x, s_y: the standard deviations of x and y
    b = height - w * x_bar              the line passes through (x_bar, height)

An angle of 0 is flat, 45 degrees rises one standard deviation of y per standard deviation of
x, whatever the units; turning the line keeps it through the middle of the data. Back::

    angle = atan(w * s_x / s_y),        height = w * x_bar + b

Its cost is the course's sum of squared residuals, r_i = f(x_i) - y_i = w x_i + b - y_i::

    J(w, b) = (r_1^2 + r_2^2 + ... + r_m^2) / (2m)

``hand_sum`` writes the first rows' terms out and gives the rest's total from the data's sums
(gd_core.sums), whose J is the one the page shows.

>>> from gd_core.sums import summarize
>>> stats = summarize([1.0, 2.0], [300.0, 500.0])
>>> w, b = line_from_angle(stats, 45.0, 400.0)
>>> round(w, 6), round(b, 6)
(200.0, 100.0)
>>> round(angle_of(stats, w), 6), round(height_of(stats, w, b), 6)
(45.0, 400.0)
>>> s = hand_sum(stats, [1.0, 2.0], [300.0, 500.0], 150.0, 100.0)
>>> s.residuals.tolist(), s.rest, s.cost
([-50.0, -100.0], 0.0, 3125.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen
from gd_core.sums import Stats, cost_from_stats

MAX_ANGLE = 89.0  # degrees: a vertical line has no slope
HEAD = 3  # rows written out in the sum


def spreads(stats: Stats) -> tuple[float, float]:
    """(s_x, s_y): the standard deviations of the first feature and of y (1 where one is 0, so a
    constant column still maps angle to w).

    s_y^2 = (SSE* + w* . Sxy) / m: the total sum of squares is the least-squares line's error plus
    what it explains, so the sums give it without the rows."""
    s_x = math.sqrt(max(float(stats.sxx[0, 0]), 0.0) / stats.m)
    s_y = math.sqrt(max(stats.sse_star + float(stats.w_star @ stats.sxy), 0.0) / stats.m)
    return (s_x or 1.0), (s_y or 1.0)


def line_from_angle(stats: Stats, angle: float, height: float) -> tuple[float, float]:
    """(w, b) of the line at ``angle`` degrees through (x_bar, ``height``): w = tan(angle) s_y / s_x, b = height - w x_bar."""
    s_x, s_y = spreads(stats)
    w = math.tan(math.radians(angle)) * s_y / s_x
    return w, height - w * float(stats.x_bar[0])


def angle_of(stats: Stats, w: float) -> float:
    """The angle (degrees) of slope ``w``: atan(w s_x / s_y)."""
    s_x, s_y = spreads(stats)
    return math.degrees(math.atan(w * s_x / s_y))


def height_of(stats: Stats, w: float, b: float) -> float:
    """The line's height at the mean x: w x_bar + b."""
    return w * float(stats.x_bar[0]) + b


@dataclass(frozen=True)
class HandSum:
    """J(w, b) written out: the first rows' residuals r_i = w x_i + b - y_i (``x``, ``y``, ``residuals``),
    the total of the other rows' squared residuals (``rest``), and the whole sum and cost::

        sse = sum(residuals^2) + rest,   cost = sse / (2m)
    """

    w: float
    b: float
    m: int
    x: np.ndarray
    y: np.ndarray
    residuals: np.ndarray
    rest: float
    sse: float
    cost: float
    cost_star: float  # the least-squares line's J*, the lowest any line reaches
    distance: float  # |(w, b) - (w*, b*)| = sqrt((w - w*)^2 + (b - b*)^2)

    @property
    def gap(self) -> float:
        """How much more your line costs than the least-squares line: J(w, b) - J*."""
        return self.cost - self.cost_star


def hand_sum(stats: Stats, x_head: ArrayLike, y_head: ArrayLike, w: float, b: float) -> HandSum:
    """The sum for the line (w, b): ``x_head``, ``y_head`` are the data's first rows (one feature),
    written out; the other m - len(x_head) rows' squares come from the data's sums,
    rest = 2m J(w, b) - sum(head squares) (0 when every row is written out)."""
    x = np.asarray(x_head, dtype=float).reshape(-1)[:HEAD]
    y = np.asarray(y_head, dtype=float).reshape(-1)[:HEAD]
    residuals = w * x + b - y
    cost = cost_from_stats(stats, np.array([w]), b)
    sse = 2 * stats.m * cost
    head = float(residuals @ residuals)
    rest = 0.0 if stats.m <= x.size else max(sse - head, 0.0)
    distance = math.hypot(w - float(stats.w_star[0]), b - stats.b_star)
    return HandSum(w, b, stats.m, frozen(x), frozen(y), frozen(residuals), rest, head + rest if stats.m <= x.size else sse, cost, stats.cost_star, distance)


def residual_squares(x: ArrayLike, y: ArrayLike, w: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Each point's residual r_i = w x_i + b - y_i and its square r_i^2 (the area of its square)."""
    r = w * np.asarray(x, dtype=float) + b - np.asarray(y, dtype=float)
    return r, r * r
