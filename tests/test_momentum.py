"""Momentum (gd_core.update.momentum) on a quadratic and on page 3's landscape (gd_core.momentum_landscape)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core import surface, update
from gd_core.loop import run_scalar
from gd_core.momentum_landscape import DEEPEST, SHALLOWEST, find_start, race, race_words
from gd_core.wording import MINUS
from ui.app.lessons import BY_KEY

DEFAULTS = BY_KEY["local_minimum"].defaults
inside = st.floats(-4.8, 4.8, allow_nan=False)


def _quadratic(curvature: float):
    """J(w) = curvature / 2 * w^2: dJ/dw = curvature * w."""
    return lambda p: (0.5 * curvature * p[0] ** 2, (curvature * p[0],))


def _by_hand(w0: float, alpha: float, beta: float, curvature: float, iters: int) -> list[float]:
    """The heavy-ball recurrence written out: v := beta * v + dJ/dw; w := w - alpha * v, from v = 0."""
    w, v, path = w0, 0.0, [w0]
    for _ in range(iters):
        v = beta * v + curvature * w
        w = w - alpha * v
        path.append(w)
    return path


@settings(max_examples=60, deadline=None)
@given(w0=st.floats(-100, 100), alpha=st.floats(0.001, 2.0), beta=st.floats(0.0, 0.99), curvature=st.floats(0.01, 10.0))
def test_momentum_on_a_quadratic_is_the_recurrence(w0: float, alpha: float, beta: float, curvature: float) -> None:
    trace = run_scalar(update.momentum(alpha, beta), _quadratic(curvature), (w0,), 60, limit=1e300)
    assert trace.columns[0] == _by_hand(w0, alpha, beta, curvature, trace.stopped_at if trace.stop == "diverged" else 60)[: len(trace.columns[0])]


@settings(max_examples=60, deadline=None)
@given(w0=st.floats(0.1, 100), beta=st.floats(0.0, 0.9), share=st.floats(0.05, 0.95), curvature=st.floats(0.1, 10.0))
def test_momentum_converges_below_the_heavy_ball_bound(w0: float, beta: float, share: float, curvature: float) -> None:
    """alpha * L < 2 (1 + beta) (the heavy ball's bound on J = L w^2 / 2): w -> 0. Here alpha * L
    runs from 5 % to 95 % of the bound, where w shrinks by a factor of at most 0.95 per update."""
    alpha = share * 2 * (1 + beta) / curvature
    trace = run_scalar(update.momentum(alpha, beta), _quadratic(curvature), (w0,), 2000, limit=1e300)
    assert abs(trace.columns[0][-1]) <= 1e-8 * w0


@settings(max_examples=40, deadline=None)
@given(w0=st.floats(0.1, 100), beta=st.floats(0.0, 0.9), over=st.floats(1.05, 1.5), curvature=st.floats(0.1, 10.0))
def test_momentum_grows_above_the_heavy_ball_bound(w0: float, beta: float, over: float, curvature: float) -> None:
    alpha = over * 2 * (1 + beta) / curvature
    trace = run_scalar(update.momentum(alpha, beta), _quadratic(curvature), (w0,), 300, limit=1e300)
    assert abs(trace.columns[0][-1]) > 10 * w0


@settings(max_examples=30, deadline=None)
@given(starts=st.lists(st.tuples(inside, inside), min_size=1, max_size=6), alpha=st.floats(0.01, 2.0), iters=st.integers(1, 120))
def test_momentum_with_beta_zero_is_plain_descent_on_the_landscape(starts: list, alpha: float, iters: int) -> None:
    plain = surface.descend(np.array(starts), alpha, iters)
    heavy = surface.descend(np.array(starts), alpha, iters, beta=0.0)
    for a, b in ((plain.w, heavy.w), (plain.b, heavy.b), (plain.cost, heavy.cost)):
        assert np.array_equal(a, b)  # number for number, not approximately
    both = race(starts[0], alpha, 0.0, iters).paths
    assert np.array_equal(both.w[:, 0], plain.w[:, 0]) and np.array_equal(both.w[:, 1], plain.w[:, 0])
    assert np.array_equal(both.b[:, 1], plain.b[:, 0])


@settings(max_examples=20, deadline=None)
@given(start=st.tuples(inside, inside), beta=st.floats(0.0, 0.99), iters=st.integers(1, 100))
def test_a_race_is_two_separate_runs(start: tuple, beta: float, iters: int) -> None:
    """The race runs both rules in one vectorised loop (betas 0 and beta): each column is what its rule gives alone."""
    both = race(start, 0.5, beta, iters).paths
    alone = surface.descend(np.array([start]), 0.5, iters, beta=beta)
    assert np.array_equal(both.w[:, 1], alone.w[:, 0]) and np.array_equal(both.b[:, 1], alone.b[:, 0])


def test_valleys_are_listed_deepest_first() -> None:
    bottoms = surface.descend(surface.VALLEYS[:, 1:3], 0.2, 3000)
    depth = surface.cost(bottoms.w[-1], bottoms.b[-1])
    assert list(np.argsort(depth)) == [0, 1, 2] and surface.DEPTH[DEEPEST] == "deepest" and surface.DEPTH[SHALLOWEST] == "shallowest"


def test_the_default_start_is_the_one_the_search_finds() -> None:
    assert find_start(DEFAULTS.surface_alpha, DEFAULTS.beta, DEFAULTS.surface_iters) == DEFAULTS.race_start


def test_the_default_race_shows_the_lesson() -> None:
    """At first load plain descent settles in the shallowest valley and momentum in the deepest,
    and so do the starts around it (the search's robustness, checked here with the real runs)."""
    r = race(DEFAULTS.race_start, DEFAULTS.surface_alpha, DEFAULTS.beta, DEFAULTS.surface_iters)
    assert (r.plain.valley, r.heavy.valley, r.outcome) == (SHALLOWEST, DEEPEST, "deeper")
    assert r.heavy.cost < r.plain.cost
    w0, b0 = DEFAULTS.race_start
    nudged = [(w0 + dw, b0 + db) for dw in (-0.1, 0.0, 0.1) for db in (-0.1, 0.0, 0.1)]
    for start in nudged:
        n = race(start, DEFAULTS.surface_alpha, DEFAULTS.beta, DEFAULTS.surface_iters)
        assert (n.plain.valley, n.heavy.valley) == (SHALLOWEST, DEEPEST), start
    # and with no momentum at all the two stay together in the shallow valley
    assert race(DEFAULTS.race_start, DEFAULTS.surface_alpha, 0.0, DEFAULTS.surface_iters).outcome == "same"


def test_find_start_says_none_when_no_start_does_it() -> None:
    assert find_start(0.5, 0.0, 150) is None  # beta = 0: momentum is plain descent, it never ends elsewhere


def _numbers(text: str) -> list[float]:
    return [float(x.replace(MINUS, "-")) for x in re.findall(r"[−-]?\d+(?:\.\d+)?", text)]


def _check_words(r) -> str:
    """The sentence's numbers and valley names against the runs they describe; returns the sentence."""
    words = race_words(r)
    plain_part, heavy_part = words.split("; momentum")
    for part, k, end in ((plain_part, 0, r.plain), (heavy_part, 1, r.heavy)):
        h, w, b = _numbers(part.split("H = ")[1])[:3]
        last_w, last_b = float(r.paths.w[-1, k]), float(r.paths.b[-1, k])
        assert w == pytest.approx(last_w, abs=0.01, rel=0.01) and b == pytest.approx(last_b, abs=0.01, rel=0.01)
        assert h == pytest.approx(float(surface.cost(last_w, last_b)), abs=0.01, rel=0.01)  # H recomputed from the run's last point
        named = [name for name in surface.DEPTH if f"the {name} valley" in part]
        assert named == ([] if end.valley < 0 else [surface.DEPTH[end.valley]])
    if "through the valley plain descent settles in" in words:  # within its width of the centre, on the way
        _, wk, bk, width = surface.VALLEYS[r.plain.valley]
        assert min(np.hypot(w - wk, b - bk) for w, b in zip(r.paths.w[:, 1], r.paths.b[:, 1])) <= width
    return words


@pytest.mark.parametrize("beta, said", [(0.9, "through the valley plain descent settles in"), (0.5, "same valley"), (0.0, "the two paths are one"), (0.99, "has not settled")])
def test_race_words_are_read_off_the_runs(beta: float, said: str) -> None:
    r = race(DEFAULTS.race_start, DEFAULTS.surface_alpha, beta, DEFAULTS.surface_iters)
    assert said in _check_words(r)
    if beta == 0.0:
        assert np.array_equal(r.paths.w[:, 0], r.paths.w[:, 1])
    if said == "has not settled":
        assert r.heavy.valley == -1 and r.plain.valley == SHALLOWEST


@settings(max_examples=25, deadline=None)
@given(start=st.tuples(inside, inside), beta=st.floats(0.0, 0.99), alpha=st.floats(0.05, 1.0))
def test_race_words_hold_from_any_start(start: tuple, beta: float, alpha: float) -> None:
    r = race(start, alpha, beta, 150)
    words = _check_words(r)
    deeper_said = "into a deeper" in words
    assert deeper_said == (r.outcome == "deeper") and (r.outcome != "deeper" or r.heavy.cost < r.plain.cost)


def test_the_question_context_races_from_the_page_default() -> None:
    from gd_core import contexts

    assert (contexts.RACE_START, contexts.BETA) == (DEFAULTS.race_start, DEFAULTS.beta)
    assert (contexts.SURFACE_ALPHA, contexts.SURFACE_ITERS) == (DEFAULTS.surface_alpha, DEFAULTS.surface_iters)
