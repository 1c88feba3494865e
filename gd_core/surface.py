"""A hilly cost surface in two parameters, J(w, b), with several valleys.

The lesson's picture: a bowl tilted into a landscape, with three valleys of different depth::

    J(w, b) = 0.04 (w^2 + b^2) - sum_k a_k exp(-((w - w_k)^2 + (b - b_k)^2) / (2 s_k^2))

and its gradient, term by term (g_k is the k-th exponential)::

    dJ/dw = 0.08 w + sum_k a_k g_k (w - w_k) / s_k^2
    dJ/db = 0.08 b + sum_k a_k g_k (b - b_k) / s_k^2

Gradient descent moves every start downhill (w, b) := (w, b) - alpha * grad J, and each start
settles in the valley whose basin it began in. With momentum (``beta``, gd_core.update.momentum)
a start carries a velocity v := beta * v + grad J and moves (w, b) := (w, b) - alpha * v: it can
roll through a shallow valley and over the ridge beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core import update
from gd_core.loop import PICTURE_LIMIT
from gd_core.loop_many import run_many

BOWL = 0.04
# (a_k, w_k, b_k, s_k): depth, centre and width of each valley.
VALLEYS = np.array(
    [
        [3.0, -2.0, -1.5, 1.2],
        [2.0, 2.5, 1.5, 1.0],
        [1.4, -1.0, 2.8, 0.8],
    ]
)
DEPTH = ("deepest", "middle", "shallowest")  # VALLEYS' order (tests/test_surface.py checks it on their bottoms)
SETTLED_SHARE = 1 / 200  # of the map's width: a last step under this has settled
W_RANGE = (-5.0, 5.0)
B_RANGE = (-5.0, 5.0)


def cost(w: ArrayLike, b: ArrayLike) -> np.ndarray:
    """J(w, b), vectorised over matching arrays of w and b."""
    w_a, b_a = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    total = BOWL * (w_a**2 + b_a**2)
    for a, wk, bk, s in VALLEYS:
        total = total - a * np.exp(-((w_a - wk) ** 2 + (b_a - bk) ** 2) / (2 * s * s))
    return total


def gradient(w: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(dJ/dw, dJ/db), vectorised."""
    w_a, b_a = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    dj_dw, dj_db = 2 * BOWL * w_a, 2 * BOWL * b_a
    for a, wk, bk, s in VALLEYS:
        g = a * np.exp(-((w_a - wk) ** 2 + (b_a - bk) ** 2) / (2 * s * s)) / (s * s)
        dj_dw = dj_dw + g * (w_a - wk)
        dj_db = dj_db + g * (b_a - bk)
    return dj_dw, dj_db


def cost_map(count: int = 50) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(w, b, J) on a count x count grid over W_RANGE x B_RANGE; J[i, j] = J(w[j], b[i])."""
    w, b = np.linspace(*W_RANGE, count), np.linspace(*B_RANGE, count)
    return w, b, cost(*np.meshgrid(w, b))


def random_starts(rng: np.random.Generator, count: int, margin: float = 0.2) -> list[tuple[float, float]]:
    """``count`` starts (w0, b0) drawn uniformly inside the map, ``margin`` from its edges, to 2 decimals."""
    low = (W_RANGE[0] + margin, B_RANGE[0] + margin)
    high = (W_RANGE[1] - margin, B_RANGE[1] - margin)
    return [(round(float(w), 2), round(float(b), 2)) for w, b in rng.uniform(low, high, size=(count, 2))]


@dataclass(frozen=True)
class SurfacePaths:
    """``w[i, k]``, ``b[i, k]``: start k after i iterations; ``cost`` likewise."""

    w: np.ndarray
    b: np.ndarray
    cost: np.ndarray
    alpha: float


def descend(starts: ArrayLike, alpha: float, num_iters: int, beta: ArrayLike | None = None) -> SurfacePaths:
    """Run (w, b) := (w, b) - alpha * grad J from every (w0, b0) row of ``starts`` at once; with
    ``beta``, momentum: v := beta * v + grad J, (w, b) := (w, b) - alpha * v, from v = 0 (an
    array of betas: one per start)."""
    points = np.asarray(starts, dtype=float).reshape(-1, 2)
    many = run_many(
        update.simultaneous(alpha) if beta is None else update.momentum(alpha, beta), lambda params: gradient(*params), (points[:, 0], points[:, 1]), num_iters,
        limit=PICTURE_LIMIT, keep_path=True,  # a start thrown far away stays where it left the picture
    )
    w_path, b_path = np.array([p[0] for p in many.path]), np.array([p[1] for p in many.path])
    c = cost(w_path, b_path)
    for array in (w_path, b_path, c):
        array.setflags(write=False)
    return SurfacePaths(w=w_path, b=b_path, cost=c, alpha=float(alpha))


@dataclass(frozen=True)
class Settled:
    """Per start (column of a SurfacePaths): ``valley``, the index in VALLEYS of the valley it
    settled in (-1: none); ``nearest``, the valley whose centre is nearest its last point, and
    ``distance`` to it; ``last_step``, how far its last update moved it."""

    valley: np.ndarray
    nearest: np.ndarray
    distance: np.ndarray
    last_step: np.ndarray


def settled(paths: SurfacePaths) -> Settled:
    """Where each start settled: its last point within a valley's width s_k of that valley's
    centre, and its last step shorter than SETTLED_SHARE of the map's width (else -1)."""
    w, b = paths.w[-1], paths.b[-1]
    last = np.hypot(w - paths.w[-2], b - paths.b[-2]) if paths.w.shape[0] > 1 else np.zeros(w.shape)
    distance = np.hypot(VALLEYS[:, 1][:, None] - w, VALLEYS[:, 2][:, None] - b)  # (valley, start)
    nearest = np.argmin(distance, axis=0)
    gap = distance[nearest, np.arange(w.size)]
    ok = (gap <= VALLEYS[nearest, 3]) & (last < SETTLED_SHARE * (W_RANGE[1] - W_RANGE[0]))
    return Settled(np.where(ok, nearest, -1), nearest, gap, last)
