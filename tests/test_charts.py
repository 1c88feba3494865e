"""Chart builders: plain Vega-Lite specs with bounded, finite data and a client-side slider."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from gd_core.curves import CURVES
from gd_core.descent import run_descent
from gd_core.linreg import cost_grid, run_from_stats, summarize
from ui.charts_1d import intuition_chart
from ui.charts_compare import compare_paths_chart, cost_history_chart
from ui.charts_regression import contour_window, cost_chart, fit_chart, path_frame
from ui.charts_surface import surface_chart


def datasets_are_finite_and_small(spec: dict, limit: int = 5_000) -> None:
    for name, frame in spec["datasets"].items():
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) <= limit, f"{name} sends {len(frame)} rows"
        numbers = frame.select_dtypes("number").to_numpy(dtype=float)
        assert np.all(np.isfinite(numbers)), f"{name} holds inf or NaN"
    json.dumps({k: v for k, v in spec.items() if k != "datasets"})  # the rest is plain JSON


@pytest.mark.parametrize("alpha", [0.1, 0.9, 1.5])
def test_1d_charts_for_converging_and_diverging_runs(alpha: float) -> None:
    curve = CURVES["bowl"]
    run = run_descent(curve, 7.0, alpha, 200)
    spec = intuition_chart(curve.cost, (curve.w_min, curve.w_max), run, 0)
    datasets_are_finite_and_small(spec)
    slider = spec["params"][0]
    assert slider["bind"]["input"] == "range" and slider["bind"]["max"] == run.w.size - 1
    x_domain = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert x_domain[1] - x_domain[0] <= 2.2 * (curve.w_max - curve.w_min) + 1e-9  # at most 60% wider each side
    runs = [(f"α = {a}", run_descent(curve, 7.0, a, 60)) for a in (0.02, 0.5, 1.05)]
    datasets_are_finite_and_small(compare_paths_chart(curve.cost, (curve.w_min, curve.w_max), runs))
    datasets_are_finite_and_small(cost_history_chart(runs, 1.0))


def test_regression_charts_send_at_most_5000_points_for_a_million_rows() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 1_000_000)
    y = 3 * x + 2 + rng.normal(size=x.size)
    stats = summarize(x, y)
    result = run_from_stats(stats, 0.0, 0.0, 0.01, 20_000)
    spec = fit_chart(x, y, result.w_history[:, 0], result.b_history, float(stats.w_star[0]), stats.b_star, "x", "y")
    datasets_are_finite_and_small(spec)
    datasets_are_finite_and_small(cost_chart([("run", result.cost_history)], stats.sse_star / (2 * stats.m)))
    gw, gb = contour_window([result.w_history[:, 0]], [result.b_history], float(stats.w_star[0]), stats.b_star)
    paths = path_frame("run", result.w_history[:, 0], result.b_history, result.cost_history)
    datasets_are_finite_and_small(surface_chart(gw, gb, cost_grid(stats, gw, gb), paths, marker=(1.0, 2.0)))
