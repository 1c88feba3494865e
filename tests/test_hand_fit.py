"""gd_core.hand_fit: the angle <-> w mapping, and the written-out sum against the per-row cost."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.hand_fit import HEAD, angle_of, hand_sum, height_of, line_from_angle, residual_squares, spreads
from gd_core.linreg import compute_cost
from gd_core.sums import summarize
from ui.words.formulas import hand_sum_lines

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
scales = st.floats(min_value=1e-3, max_value=1e4)


@st.composite
def datasets(draw, min_rows: int = 2, max_rows: int = 40):
    """x and y with some spread, at any scale and offset (x around 1e3 with spread 1e-2, say)."""
    m = draw(st.integers(min_rows, max_rows))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = draw(finite) + draw(scales) * rng.standard_normal(m)
    y = draw(finite) + draw(scales) * rng.standard_normal(m) + draw(finite) * (x - x.mean())
    return x, y


@settings(max_examples=150, deadline=None)
@given(datasets(), st.floats(min_value=-89.0, max_value=89.0), finite)
def test_angle_and_height_round_trip_through_w_and_b(data, angle: float, height: float) -> None:
    stats = summarize(*data)
    w, b = line_from_angle(stats, angle, height)
    assert math.isclose(angle_of(stats, w), angle, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(height_of(stats, w, b), height, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, abs(w * float(stats.x_bar[0]))))


@settings(max_examples=100, deadline=None)
@given(datasets())
def test_45_degrees_rises_one_spread_of_y_per_spread_of_x_and_the_best_angle_is_atan_r(data) -> None:
    x, y = data
    stats = summarize(x, y)
    s_x, s_y = spreads(stats)
    assert math.isclose(s_x, float(np.std(x)), rel_tol=1e-9) and math.isclose(s_y, float(np.std(y)), rel_tol=1e-6)
    w, _ = line_from_angle(stats, 45.0, 0.0)
    assert math.isclose(w, s_y / s_x, rel_tol=1e-12)
    r = float(np.corrcoef(x, y)[0, 1])
    assert math.isclose(angle_of(stats, float(stats.w_star[0])), math.degrees(math.atan(r)), abs_tol=1e-6)


@settings(max_examples=150, deadline=None)
@given(datasets(min_rows=1, max_rows=60), st.floats(-89.0, 89.0), finite)
def test_the_written_sum_over_2m_is_the_cost_row_by_row(data, angle: float, height: float) -> None:
    """The oracle: the first rows' squares written out plus the rest, over 2m, is the lab's
    per-row compute_cost (the page's J comes from the sums, not the rows)."""
    x, y = data
    stats = summarize(x, y)
    w, b = line_from_angle(stats, angle, height)
    s = hand_sum(stats, x[:HEAD], y[:HEAD], w, b)
    per_row = compute_cost(x, y, w, b)
    r, squares = residual_squares(x, y, w, b)
    assert np.allclose(s.residuals, r[:HEAD], rtol=1e-12, atol=1e-9 * max(1.0, float(np.max(np.abs(y)))))
    tol = 1e-7 * (per_row + float(np.mean(y * y)) + 1e-12)
    assert math.isclose(float(s.residuals @ s.residuals) + s.rest, s.sse, rel_tol=1e-9, abs_tol=tol * stats.m)
    assert math.isclose(s.sse / (2 * stats.m), per_row, rel_tol=1e-7, abs_tol=tol)
    assert math.isclose(s.cost, per_row, rel_tol=1e-7, abs_tol=tol)
    assert math.isclose(float(squares[HEAD:].sum()), s.rest, rel_tol=1e-6, abs_tol=tol * stats.m)


def test_the_sum_as_written_adds_up_on_the_course_houses() -> None:
    stats = summarize([1.0, 2.0], [300.0, 500.0])
    s = hand_sum(stats, [1.0, 2.0], [300.0, 500.0], 150.0, 100.0)
    lines = hand_sum_lines(s.w, s.b, s.m, s.x, s.y, s.residuals, s.rest, s.sse, s.cost)
    assert lines[0].endswith(r"= 150 \cdot 1 + 100 - 300 = −50")
    assert lines[-1] == r"= \frac{1}{2 \cdot 2}\Big[(−50)^2 + (−100)^2\Big] = \frac{12500}{4} = 3125"
    assert "other" not in lines[1]  # both rows are written out
    assert s.gap == 3125.0 and math.isclose(s.distance, math.hypot(50.0, 0.0))


def test_a_constant_column_still_maps_an_angle() -> None:
    stats = summarize([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])  # s_x = 0
    w, b = line_from_angle(stats, 45.0, 2.0)
    assert math.isfinite(w) and math.isfinite(b) and math.isclose(angle_of(stats, w), 45.0)


def test_each_square_is_square_on_screen_and_its_side_is_the_residual() -> None:
    """The data panel ties one unit of y to ``scaleratio`` units of x in pixels, so a square |r| high
    is |r| * scaleratio wide; each sits on its residual segment, between the point and the line."""
    import re

    from ui.charts.hand_fit import MAX_SQUARES, hand_figure

    rng = np.random.default_rng(3)
    x = rng.uniform(1000, 5000, 400)
    y = 50 - 0.008 * x + rng.normal(0, 4, x.size)
    stats = summarize(x, y)
    w, b = line_from_angle(stats, -30.0, 20.0)
    spec = hand_figure(x, y, stats, w, b, "weight", "mpg", show_maps=False, show_lstsq=False).spec
    ratio = spec["layout"]["yaxis"]["scaleratio"]
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"
    path = next(s for s in spec["layout"]["shapes"] if s.get("fillcolor"))["path"]
    squares = re.findall(r"M([^L]+)L([^L]+)L([^L]+)L([^Z]+)Z", path)
    assert len(squares) == MAX_SQUARES
    for corners in squares:
        (x0, y0), (x1, _), (_, y2), _ = [tuple(map(float, c.split(","))) for c in corners]
        side = abs(y2 - y0)
        i = int(np.argmin(np.abs(x - x0) + np.abs(y - y0)))  # the point the square hangs from
        assert math.isclose(side, abs(w * x[i] + b - y[i]), rel_tol=1e-4)
        assert math.isclose(abs(x1 - x0), side * ratio, rel_tol=1e-4)
    assert [t["name"] for t in spec["data"]] == ["data", "your line"]  # no map, no least squares
