"""The two-parameter landscape and the contour helper used to draw it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core import surface
from ui.charts.contours import contour_segments


@settings(max_examples=60, deadline=None)
@given(w=st.floats(-5, 5), b=st.floats(-5, 5))
def test_gradient_matches_finite_differences(w: float, b: float) -> None:
    h = 1e-6
    dj_dw, dj_db = surface.gradient(w, b)
    fd_w = (surface.cost(w + h, b) - surface.cost(w - h, b)) / (2 * h)
    fd_b = (surface.cost(w, b + h) - surface.cost(w, b - h)) / (2 * h)
    assert float(dj_dw) == pytest.approx(float(fd_w), abs=1e-6)
    assert float(dj_db) == pytest.approx(float(fd_b), abs=1e-6)


def test_different_starts_reach_different_valleys() -> None:
    paths = surface.descend([[-4, -4], [4, 4], [-3, 4.5]], alpha=0.3, num_iters=400)
    ends = np.column_stack([paths.w[-1], paths.b[-1]])
    valleys = surface.VALLEYS[:, 1:3]
    nearest = [int(np.argmin(np.hypot(*(valleys - end).T))) for end in ends]
    assert sorted(nearest) == [0, 1, 2]
    assert np.all(np.diff(paths.cost, axis=0) <= 1e-12)  # small alpha: the cost never rises


def test_contour_of_a_circle() -> None:
    w = np.linspace(-1, 1, 41)
    b = np.linspace(-1, 1, 41)
    ww, bb = np.meshgrid(w, b)
    segments = contour_segments(w, b, ww**2 + bb**2, np.array([0.25]))
    radii = np.hypot(np.r_[segments.w, segments.w2], np.r_[segments.b, segments.b2])
    assert 60 < len(segments) < 120
    np.testing.assert_allclose(radii, 0.5, atol=1e-3)


def test_the_landscape_formula_on_screen_is_the_one_computed() -> None:
    # Page 3 writes H(w, b) as ui.words.formulas.LANDSCAPE: its bowl is gd_core.surface's.
    from ui.words.formulas import LANDSCAPE

    assert LANDSCAPE.startswith(f"H(w,b) = {surface.BOWL:g}\\,(w^2+b^2) - \\sum_k a_k")
