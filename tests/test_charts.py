"""Vega-Lite chart builders (views that show no iteration): plain specs with bounded, finite data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from gd_core.curves import CURVES
from gd_core.sweep import sweep_alphas, sweep_range
from gd_core.linreg import run_from_stats, summarize
from ui.charts.learning_rate import sweep_chart
from ui.charts.regression_parts import contour_window, cost_chart, parameter_chart
from ui.charts.contours import contour_segments


def datasets_are_finite_and_small(spec: dict, limit: int = 5_000) -> None:
    for name, frame in spec["datasets"].items():
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) <= limit, f"{name} sends {len(frame)} rows"
        numbers = frame.select_dtypes("number").to_numpy(dtype=float)
        assert np.all(np.isfinite(numbers)), f"{name} holds inf or NaN"
    json.dumps({k: v for k, v in spec.items() if k != "datasets"})  # the rest is plain JSON


def test_sweep_chart_is_finite_and_marks_the_wall() -> None:
    curve = CURVES["bowl"]
    sweep = sweep_alphas(curve, 7.0, sweep_range(1.0), 500)
    spec = sweep_chart(sweep.alphas, sweep.iterations, sweep.diverged, 1.0, 500)
    datasets_are_finite_and_small(spec)
    assert "wall" in spec["datasets"]


def test_regression_charts_send_at_most_5000_points_for_a_million_rows() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 1_000_000)
    y = 3 * x + 2 + rng.normal(size=x.size)
    stats = summarize(x, y)
    result = run_from_stats(stats, 0.0, 0.0, 0.01, 20_000)
    datasets_are_finite_and_small(cost_chart([("run", result.cost_history)], stats.sse_star / (2 * stats.m)))
    datasets_are_finite_and_small(parameter_chart(result.w_history, result.b_history, ["x"]))
    gw, gb = contour_window([result.w_history[:, 0]], [result.b_history], float(stats.w_star[0]), stats.b_star)
    assert gw.size == gb.size == 40 and gw[0] <= float(stats.w_star[0]) <= gw[-1]


def test_contour_segments_of_a_bowl_are_rings_at_their_level() -> None:
    w = b = np.linspace(-1.0, 1.0, 41)
    z = np.add.outer(b**2, w**2)
    segments = contour_segments(w, b, z, np.array([0.25]))
    radius = np.hypot(segments[["w", "w2"]].to_numpy(), segments[["b", "b2"]].to_numpy())
    assert len(segments) > 20 and np.allclose(radius, 0.5, atol=0.01)
