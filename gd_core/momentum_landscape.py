"""Plain descent and momentum from one start on the landscape H(w, b) (gd_core.surface), side by side.

Plain descent moves (w, b) := (w, b) - alpha * grad H and settles in the first valley it rolls
into. Momentum (gd_core.update.momentum) keeps a velocity, from v = 0::

    v_w := beta * v_w + dH/dw,    w := w - alpha * v_w
    v_b := beta * v_b + dH/db,    b := b - alpha * v_b

so a start that picked up speed on the way down can roll through a shallow valley and over the
ridge into a deeper one. ``race`` runs both from one start with the same alpha and iterations
(one vectorised run: plain descent is momentum with beta = 0, number for number);
``find_start`` searches the map for a start where plain descent settles in the shallowest
valley and momentum in the deepest (the page's first view); ``race_words`` says what both did.

>>> r = race((0.0, 4.5), 0.5, 0.9, 150)
>>> r.plain.valley, r.heavy.valley, r.outcome
(2, 0, 'deeper')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core import surface
from gd_core.surface import SurfacePaths
from gd_core.wording import exact, number, plural

SHALLOWEST, DEEPEST = len(surface.VALLEYS) - 1, 0  # VALLEYS is ordered deepest first (surface.DEPTH)


@dataclass(frozen=True)
class End:
    """Where one run ended: its last (w, b), H there, and the valley it settled in (-1: none)."""

    w: float
    b: float
    cost: float
    valley: int


@dataclass(frozen=True)
class Race:
    """Both runs from ``start``: ``paths`` column 0 is plain descent, column 1 momentum."""

    start: tuple[float, float]
    alpha: float
    beta: float
    iters: int
    paths: SurfacePaths
    plain: End
    heavy: End

    @property
    def through(self) -> bool:
        """Whether momentum's path crossed the valley plain descent settled in (came within that
        valley's width s_k of its centre) on its way elsewhere."""
        if self.plain.valley < 0 or self.heavy.valley == self.plain.valley:
            return False
        _, wk, bk, s = surface.VALLEYS[self.plain.valley]
        return bool(np.min(np.hypot(self.paths.w[:, 1] - wk, self.paths.b[:, 1] - bk)) <= s)

    @property
    def outcome(self) -> str:
        """'deeper' / 'shallower': momentum settled in a deeper / shallower valley than plain
        descent; 'same': in the same one; 'unsettled': one of the two has not settled."""
        if self.plain.valley < 0 or self.heavy.valley < 0:
            return "unsettled"
        if self.plain.valley == self.heavy.valley:
            return "same"
        return "deeper" if self.heavy.cost < self.plain.cost else "shallower"


def race(start: tuple[float, float], alpha: float, beta: float, iters: int) -> Race:
    """Plain descent and momentum ``beta`` from ``start``, ``iters`` updates of ``alpha`` each."""
    start = (float(start[0]), float(start[1]))
    paths = surface.descend(np.array([start, start]), alpha, iters, beta=np.array([0.0, float(beta)]))
    where = surface.settled(paths)
    ends = [End(float(paths.w[-1, k]), float(paths.b[-1, k]), float(paths.cost[-1, k]), int(where.valley[k])) for k in (0, 1)]
    return Race(start, float(alpha), float(beta), int(iters), paths, ends[0], ends[1])


def find_start(alpha: float, beta: float, iters: int, spacing: float = 0.25) -> tuple[float, float] | None:
    """A start on a grid of ``spacing`` over the map where plain descent settles in the shallowest
    valley and momentum ``beta`` in the deepest, the one with the most grid neighbours (of 24,
    within two grid steps) that do the same: a start whose lesson survives a small nudge. None
    when no start does it."""
    lo, hi = surface.W_RANGE[0] + spacing, surface.W_RANGE[1] - spacing
    grid = np.arange(lo, hi + spacing / 2, spacing)
    w, b = np.meshgrid(grid, grid)  # [i, j] = (w_j, b_i)
    starts = np.column_stack([w.ravel(), b.ravel()])
    plain = surface.settled(surface.descend(starts, alpha, iters)).valley
    heavy = surface.settled(surface.descend(starts, alpha, iters, beta=beta)).valley
    good = ((plain == SHALLOWEST) & (heavy == DEEPEST)).reshape(w.shape)
    if not good.any():
        return None
    padded = np.pad(good, 2).astype(int)
    n = good.shape[0]
    around = sum(padded[2 + di:2 + di + n, 2 + dj:2 + dj + n] for di in range(-2, 3) for dj in range(-2, 3)) - good
    score = np.where(good, around, -1)
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)  # the first best, row by row: the same start every time
    return round(float(grid[j]), 2), round(float(grid[i]), 2)


def _end_words(end: End, iters: int) -> str:
    at = f"H = {number(end.cost, 3)} (w = {number(end.w, 3)}, b = {number(end.b, 3)})"
    if end.valley < 0:
        return f"has not settled after {plural(iters, 'iteration')}, at {at}"
    return f"settles in the {surface.DEPTH[end.valley]} valley at {at}"


def race_words(r: Race) -> str:
    """What both runs did, from their ends: 'From (w, b) = (0, 4.5), with α = 0.5 and 150
    iterations: plain descent settles in the shallowest valley at H = −1.07 (...); momentum with
    β = 0.9 settles in the deepest valley at H = −2.76 (...): ...'."""
    said = {
        "deeper": ("the speed it gathered carried it through the valley plain descent settles in and over a ridge into a deeper one." if r.through
                   else "the speed it gathered carried it over a ridge into a deeper valley."),
        "shallower": ("the speed it gathered carried it through the deeper valley and on into a shallower one: momentum can overshoot a good valley too."
                      if r.through else "the speed it gathered carried it over a ridge into a shallower valley: momentum can overshoot a good valley too."),
        "same": "momentum ends in the same valley as plain descent." if r.beta > 0 else "with β = 0 momentum is plain descent: the two paths are one.",
        "unsettled": "try more iterations to see where it settles.",
    }[r.outcome]
    return (
        f"From (w, b) = ({number(r.start[0])}, {number(r.start[1])}), with α = {exact(r.alpha)} and {plural(r.iters, 'iteration')}: "
        f"plain descent {_end_words(r.plain, r.iters)}; momentum with β = {exact(r.beta)} {_end_words(r.heavy, r.iters)}: {said}"
    )
