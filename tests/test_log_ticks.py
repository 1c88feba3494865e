"""Every log axis is labelled at powers of ten only, written as such (10⁻⁵), never with SI
prefixes (10B, 100k, 10µ) or minor labels between decades (2, 5, 1000)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from gd_core.curves import CURVES
from gd_core.descent import run_descent
from gd_core.sweep import sweep_alphas, sweep_range
from gd_core.fit import fit_line
from gd_core.log_match import diagnose
from gd_core.log_parse import parse_log
from gd_core.sums import summarize
from tests.test_charts_debug import X, Y, course_log
from ui.charts.learning_rate import sweep_chart
from ui.charts.debug import debug_chart
from ui.charts.regression_parts import cost_chart
from ui.charts.log_ticks import decades, power_of_ten
from ui.charts.learning_rate import compare_figure
from ui.charts.regression import regression_figure

POWER = re.compile(r"^10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
EXPONENT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def exponent(text: str) -> int:
    assert POWER.match(text), f"tick label {text!r} is not a power of ten"
    return int(text[2:].translate(EXPONENT))


def check_plotly_axis(axis: dict, values) -> None:
    """Ticks given, at decades, labelled as the power they are, spanning the values drawn."""
    assert axis["type"] == "log" and axis["tickmode"] == "array"
    assert 2 <= len(axis["tickvals"]) <= 6
    for value, text in zip(axis["tickvals"], axis["ticktext"], strict=True):
        assert value == 10.0 ** exponent(text)
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    low, high = axis["range"]
    assert low <= math.log10(v.min()) and math.log10(v.max()) <= high


def vega_labels(axis: dict, scale: dict) -> list[str]:
    """What the axis's labelExpr writes for each of its values (it indexes a list by the exponent)."""
    match = re.fullmatch(r"\[(.*)\]\[round\(log\(datum\.value\) / LN10\) - \((-?\d+)\)\]", axis["labelExpr"])
    assert match, axis["labelExpr"]
    texts, low = [t.strip(" '") for t in match.group(1).split(",")], int(match.group(2))
    assert scale["type"] == "log" and scale["domain"] == [10.0**low, 10.0 ** (low + len(texts) - 1)]
    labels = [texts[round(math.log10(v)) - low] for v in axis["values"]]
    for v, text in zip(axis["values"], labels):
        assert v == 10.0 ** exponent(text)
    assert 2 <= len(labels) <= 6
    return labels


def test_decades() -> None:
    assert decades([2.0, 5.0]) == (0, 1, [0, 1])  # a small CSV's costs: 10⁰ and 10¹, nothing between
    low, high, ticks = decades([1e-16, 3e9])
    assert (low, high) == (-16, 10) and len(ticks) <= 6 and all(t % 6 == 0 for t in ticks)
    assert power_of_ten(-5) == "10⁻⁵" and power_of_ten(0) == "10⁰" and power_of_ten(12) == "10¹²"


def test_page_2_cost_panel() -> None:
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, -1.5, a, 60)) for a in (0.01, 0.1, 0.5, 1.05)]
    spec = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0).to_dict()
    check_plotly_axis(spec["layout"]["yaxis2"], np.concatenate([run.cost - 1.0 for _, run in runs]))


def test_page_2_sweep() -> None:
    sweep = sweep_alphas(CURVES["bowl"], 7.0, sweep_range(1.0), 500)
    spec = sweep_chart(sweep.alphas, sweep.iterations, sweep.diverged, 1.0, 500)
    x = spec["layer"][0]["encoding"]["x"]
    labels = vega_labels(x["axis"], x["scale"])
    assert x["scale"]["domain"][0] <= sweep.alphas.min() and sweep.alphas.max() <= x["scale"]["domain"][1]
    assert "10⁰" in labels


@pytest.mark.parametrize("y", [[2.0, 3.0, 5.0], [300.0, 500.0, 800.0]])
def test_page_4_cost_axes_on_a_small_csv(y) -> None:
    x = np.array([1.0, 2.0, 3.0])
    stats = summarize(x, np.array(y))
    fit = fit_line(stats, 0.0, 0.0, 0.01, 1_000)
    spec = regression_figure(x, np.array(y), stats, [("simultaneous", fit)], "x", "y").to_dict()
    check_plotly_axis(spec["layout"]["yaxis2"], fit.result.cost_history)
    chart = cost_chart([("run", fit.result.cost_history)], stats.sse_star / (2 * stats.m))
    encoding = chart["layer"][0]["encoding"]["y"]
    vega_labels(encoding["axis"], encoding["scale"])


def test_page_5_cost_axis() -> None:
    log = parse_log(course_log("correct", 0.01, 1_000, 10))
    spec = debug_chart(log, diagnose(log, summarize(X, Y), 0.01, 1_000), "cost")
    encoding = spec["layer"][0]["encoding"]["y"]
    vega_labels(encoding["axis"], encoding["scale"])
    assert "axis" not in debug_chart(log, diagnose(log, summarize(X, Y), 0.01, 1_000), "w")["layer"][0]["encoding"]["y"]


def test_page_4_surface_writes_its_cost_in_full() -> None:
    x, y = np.array([1.0, 2.0]), np.array([300.0, 500.0])
    stats = summarize(x, y)
    spec = regression_figure(x, y, stats, [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 100))], "x", "y").to_dict()
    z = spec["layout"]["scene"]["zaxis"]
    assert z["exponentformat"] == "none" and z["separatethousands"]  # no SI prefix ("100k") on a cost
