"""The runs a 1-D lesson page plays, gathered once, so its questions and its reveal share them.

Each page builds its context from its settings with one function; the page draws from the
context's runs, and every question's truth is read off those same runs:

- ``intuition_context(curve, w0, alpha, iters)``: page 1's run, stopped by the page's rule
  (``run_descent(curve, w0, alpha, iters, rule=page_rule(curve), minima=curve.minima)``) and
  its verdict (``classify_descent``);
- ``learning_rate_context(curve, w0, alphas, iters)``: page 2's run and verdict per alpha, the
  limit alpha_max = 2 / J''(w*) at the minimum nearest w0, and the sweep over alpha;
- ``local_minimum_context(curve, w0, alpha, iters)``: page 3's run of every iteration (even at
  a minimum: the page shows that nothing moves there) and its verdict by the page's rule.

A page that already has a run (from its cache) passes it in, and the context checks that it
belongs to these settings; without one the context makes it.

>>> from gd_core.curves import CURVES
>>> context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
>>> context.run.w[:2].tolist(), context.verdict.kind
([7.0, 6.2], 'converged')
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gd_core.curves import Curve
from gd_core.descent import DescentRun, largest_stable_alpha, run_descent
from gd_core.stop_rule import StopRule, stop_rule
from gd_core.momentum_landscape import Race, race
from gd_core.surface import SurfacePaths, descend
from gd_core.sweep import AlphaSweep, sweep_alphas, sweep_range
from gd_core.verdict import Verdict, classify_descent

SWEEP_ITERS = 500  # page 2's sweep: each alpha runs this long (ui.lessons: sweep_iters)
MAX_ALPHAS = 8
MAX_SURFACE_ITERS = 400  # page 3's slider goes to 400


def page_rule(curve: Curve) -> StopRule:
    """The stop rule every 1-D page states: a step under 1/1000 of the curve's plotted range."""
    return stop_rule(curve.w_min, curve.w_max)


def page_run(curve: Curve, w0: float, alpha: float, iters: int, *, every_step: bool = False, alpha_limit: float | None = None) -> tuple[DescentRun, Verdict]:
    """The run a page plays and its verdict, as ``ui.runs.descent`` makes them: stopped by the
    page's rule, or (``every_step``) run for every iteration; judged by the page's rule."""
    rule = page_rule(curve)
    stop = {"slope_tol": None, "step_tol": None} if every_step else {"rule": rule, "minima": tuple(curve.minima)}
    run = run_descent(curve, float(w0), float(alpha), int(iters), **stop)
    return run, classify_descent(run, curve, alpha_limit, rule=rule)


def _given(judged: tuple[DescentRun, Verdict] | None, curve: Curve, w0: float, alpha: float, iters: int, **options) -> tuple[DescentRun, Verdict]:
    if judged is None:
        return page_run(curve, w0, alpha, iters, **options)
    run = judged[0]
    if float(run.w[0]) != float(w0) or run.alpha != float(alpha) or run.num_iters not in (int(iters), 0):
        raise ValueError(f"the run given starts at w0 = {float(run.w[0])!r} with alpha = {run.alpha!r}, not these settings")
    return judged


@dataclass(frozen=True)
class IntuitionContext:
    """Page 1: one run of w := w - alpha * dJ/dw from w0, and its verdict."""

    curve: Curve
    w0: float
    alpha: float
    iters: int
    rule: StopRule
    run: DescentRun
    verdict: Verdict
    lesson: str = "intuition"


def intuition_context(curve: Curve, w0: float, alpha: float, iters: int, *, judged: tuple[DescentRun, Verdict] | None = None) -> IntuitionContext:
    """Page 1's context: its run (``judged``, the page's cached (run, verdict), or made here)."""
    run, verdict = _given(judged, curve, w0, alpha, iters)
    return IntuitionContext(curve, float(w0), float(alpha), int(iters), page_rule(curve), run, verdict)


@dataclass(frozen=True)
class LearningRateContext:
    """Page 2: one run and verdict per alpha from the same start, the limit 2 / J''(w*) at the
    minimum ``w_star`` nearest w0 (inf: none), and the sweep over alpha (``SWEEP_ITERS`` each)."""

    curve: Curve
    w0: float
    alphas: tuple[float, ...]
    iters: int
    rule: StopRule
    runs: tuple[DescentRun, ...]
    verdicts: tuple[Verdict, ...]
    w_star: float | None
    alpha_limit: float
    sweep: AlphaSweep
    lesson: str = "learning_rate"


@functools.lru_cache(maxsize=32)  # server-wide, bounded: the same sweep ui.runs.sweep makes, for a page without it
def _sweep(curve: Curve, w0: float, alpha_limit: float, iters: int) -> AlphaSweep:
    return sweep_alphas(curve, w0, sweep_range(alpha_limit), iters, rule=page_rule(curve), minima=tuple(curve.minima))


def page_sweep(curve: Curve, w0: float, alpha_limit: float, iters: int = SWEEP_ITERS) -> AlphaSweep:
    """Page 2's sweep (``ui.runs.sweep``'s): 70 alphas from limit / 200 to 1.4 x the limit."""
    try:
        return _sweep(curve, float(w0), float(alpha_limit), int(iters))
    except TypeError:  # a curve that cannot be hashed: swept every time
        return _sweep.__wrapped__(curve, float(w0), float(alpha_limit), int(iters))


def learning_rate_context(
    curve: Curve, w0: float, alphas: Sequence[float], iters: int, *,
    judged: Sequence[tuple[DescentRun, Verdict]] | None = None, sweep: AlphaSweep | None = None,
) -> LearningRateContext:
    """Page 2's context. ``judged`` (one (run, verdict) per alpha) and ``sweep`` are the page's
    cached ones when it has them; otherwise they are made here, as the page makes them."""
    alphas = tuple(float(a) for a in alphas)
    if not 1 <= len(alphas) <= MAX_ALPHAS:
        raise ValueError(f"page 2 compares 1 to {MAX_ALPHAS} learning rates, got {len(alphas)}")
    if judged is not None and len(judged) != len(alphas):
        raise ValueError(f"one (run, verdict) per alpha: {len(alphas)} alphas, {len(judged)} runs")
    w_star = curve.nearest_minimum(float(w0))
    limit = largest_stable_alpha(curve, w_star) if w_star is not None else float("inf")
    pairs = [
        _given(judged[i] if judged is not None else None, curve, w0, alpha, iters, alpha_limit=limit) for i, alpha in enumerate(alphas)
    ]
    sweep = sweep if sweep is not None else page_sweep(curve, w0, limit)
    return LearningRateContext(
        curve, float(w0), alphas, int(iters), page_rule(curve), tuple(r for r, _ in pairs), tuple(v for _, v in pairs), w_star, limit, sweep,
    )


SURFACE_START, SURFACE_ALPHA, SURFACE_ITERS = (-4.0, -4.0), 0.5, 150  # page 3's landscape: its first start, its defaults
RACE_START, BETA = (-1.25, 4.25), 0.9  # page 3's momentum race (ui.app.lessons holds the same: tests/test_momentum.py)


@dataclass(frozen=True)
class LocalMinimumContext:
    """Page 3: one run of every iteration from w0 (nothing stops it at a minimum), its verdict,
    and one start on the 2-D landscape H(w, b) (gd_core.surface) with its path."""

    curve: Curve
    w0: float
    alpha: float
    iters: int
    rule: StopRule
    run: DescentRun
    verdict: Verdict
    surface_start: tuple[float, float]
    surface_alpha: float
    surface_iters: int
    surface_path: SurfacePaths
    race: Race  # plain descent against momentum from one start, with surface_alpha and surface_iters (gd_core.momentum_landscape)
    lesson: str = "local_minimum"

    @property
    def moved(self) -> float:
        """How far w ever got from w0: max_k |w_k - w0|."""
        return float(np.max(np.abs(np.asarray(self.run.w) - self.w0)))


@functools.lru_cache(maxsize=64)  # server-wide, bounded: a start's path on the landscape is the same for every student
def _surface_path(start: tuple[float, float], alpha: float, iters: int) -> SurfacePaths:
    return descend(np.array([start]), alpha, iters)


@functools.lru_cache(maxsize=64)  # server-wide, bounded: likewise the momentum race
def _race(start: tuple[float, float], alpha: float, beta: float, iters: int) -> Race:
    return race(start, alpha, beta, iters)


def local_minimum_context(
    curve: Curve, w0: float, alpha: float, iters: int, *, judged: tuple[DescentRun, Verdict] | None = None,
    surface_start: tuple[float, float] = SURFACE_START, surface_alpha: float = SURFACE_ALPHA, surface_iters: int = SURFACE_ITERS,
    race_start: tuple[float, float] = RACE_START, beta: float = BETA,
) -> LocalMinimumContext:
    """Page 3's context: its run of every iteration (``judged``: the page's cached one), the
    path of ``surface_start`` on the landscape (the start the page asks about, e.g. the last dropped),
    and the momentum race from ``race_start`` with ``beta``."""
    run, verdict = _given(judged, curve, w0, alpha, iters, every_step=True)
    start = (float(surface_start[0]), float(surface_start[1]))
    if not (np.isfinite(start).all() and np.isfinite(surface_alpha) and surface_alpha >= 0 and 0 <= surface_iters <= MAX_SURFACE_ITERS):
        raise ValueError(f"a landscape start needs finite (w, b), alpha >= 0 and 0 to {MAX_SURFACE_ITERS} iterations")
    if not (np.isfinite(race_start).all() and 0 <= beta < 1):
        raise ValueError("the momentum race needs a finite start and 0 <= beta < 1")
    path = _surface_path(start, float(surface_alpha), int(surface_iters))
    raced = _race((float(race_start[0]), float(race_start[1])), float(surface_alpha), float(beta), int(surface_iters))
    return LocalMinimumContext(
        curve, float(w0), float(alpha), int(iters), page_rule(curve), run, verdict, start, float(surface_alpha), int(surface_iters), path, raced,
    )
