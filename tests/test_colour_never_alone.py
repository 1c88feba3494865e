"""Colour never carries a meaning alone (issue 23): wherever colours tell runs, outcomes or
valleys apart, every category also differs in something a colour-blind student sees — its
marker shape, its dash pattern or a written label. One test per figure that does so: page 2's
alphas and sweep outcomes, page 3's valleys and landscape starts, page 4's two update orders
(moving figure and cost chart) and its parameters, page 5's runs ("correct" against
"closest") and Find the bug's buggy and fixed code."""

from __future__ import annotations

import numpy as np
import pytest

from gd_core import surface
from gd_core.basins import Basins
from gd_core.bug_catalogue import ENTRIES, simulate
from gd_core.curves import CURVES
from gd_core.descent import run_descent
from gd_core.fit import fit_line
from gd_core.log_match import diagnose
from gd_core.log_parse import course_line, parse_log
from gd_core.sums import summarize
from ui.charts import style
from ui.charts.debug import chart_key, debug_chart, fix_chart
from ui.charts.learning_rate import compare_figure, sweep_chart
from ui.charts.local_minimum import BASIN_GROUP, minima_figure
from ui.charts.regression import regression_figure
from ui.charts.regression_parts import cost_chart, parameter_chart

ALPHAS = (0.02, 0.45, 0.9, 1.1, 0.3, 0.6)  # six runs: every entry of page 2's palette


def all_differ(cues: list) -> bool:
    return len(cues) == len(set(cues))


def cue(trace: dict) -> tuple:
    """What tells a Plotly trace apart without its colour: how it is drawn, its marker, its dash."""
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    symbol = marker.get("symbol", "circle")
    return trace.get("mode", "markers"), tuple(symbol) if isinstance(symbol, list) else symbol, line.get("dash", "solid")


# Page 2: the alphas, on the moving figure and before the prediction; the sweep's outcomes.


@pytest.mark.parametrize("n", [2, 4, 6])
def test_page_2_every_alpha_has_its_own_marker_and_dash(n: int) -> None:
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, -1.5, a, 60)) for a in ALPHAS[:n]]
    spec = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0).to_dict()
    legend = [t for t in spec["data"] if t.get("name", "").startswith("α") and t.get("showlegend", True)]
    assert [t["name"] for t in legend] == [label for label, _ in runs]
    assert all_differ([cue(t) for t in legend]), [cue(t) for t in legend]  # the legend shows each run's marker and dash
    moving = [spec["data"][i] for i in spec["frames"][0]["traces"]]
    for axis in ("x", "x2"):  # each run's point on the curve and on its cost history
        points = [t for t in moving if t.get("xaxis", "x") == axis]
        assert len(points) == n and all_differ([t["marker"]["symbol"] for t in points])
    for frame in spec["frames"]:  # in every frame, a point still on the panel keeps its run's marker
        on_curve = frame["data"][0::2]
        inside = [p["marker"]["symbol"] for p in on_curve if not p["marker"]["symbol"].startswith("triangle")]
        assert all_differ(inside), frame["name"]


def test_page_2_an_alpha_that_left_the_panel_is_named_in_words() -> None:
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, -1.5, a, 60)) for a in (1.05, 1.1)]  # both run away, side by side
    spec = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0).to_dict()
    last = spec["frames"][-1]["data"][0::2]
    assert all(p["marker"]["symbol"].startswith("triangle") for p in last)
    assert [p["text"][0].endswith(f"({label})") for p, (label, _) in zip(last, runs)] == [True, True]


def test_page_2_before_the_prediction_every_alpha_has_its_own_marker() -> None:
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, -1.5, a, 60)) for a in ALPHAS[:4]]
    spec = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0, hidden=True).to_dict()
    starts = [t for t in spec["data"] if t.get("name", "").startswith("α")]
    assert len(starts) == 4 and all_differ([t["marker"]["symbol"] for t in starts])


def test_page_2_sweep_outcomes_have_a_shape_each_in_one_legend() -> None:
    alphas = np.geomspace(0.01, 2.0, 30)
    diverged = alphas > 1.0
    iterations = np.where(alphas < 0.02, 500, 20)
    spec = sweep_chart(alphas, iterations, diverged, 1.0, 500)
    (dots,) = [layer for layer in spec["layer"] if layer["data"]["name"] == "sweep"]
    color, shape = dots["encoding"]["color"], dots["encoding"]["shape"]
    assert dots["mark"]["type"] == "point"  # a "circle" mark would draw every shape as a circle
    assert shape["field"] == color["field"] and shape["scale"]["domain"] == color["scale"]["domain"] and shape.get("title") == color.get("title")
    assert len(shape["scale"]["domain"]) == 3 and all_differ(shape["scale"]["range"])
    assert not {"converged", "did not converge", "diverged"} - set(spec["datasets"]["sweep"]["outcome"])


# Page 3: where each start ends (every kind of dot), the runs, the landscape's starts.


def every_kind_of_basin() -> Basins:
    """Starts of every kind: two minima reached, on their way to each, diverged, stopped at none."""
    starts = np.linspace(-1.0, 7.0, 6)
    return Basins(
        starts=starts, final_w=starts, minima=(1.0, 5.0),
        minimum_index=np.array([0, 1, -1, -1, -1, -1]), heading_to=np.array([-1, -1, 0, 1, -1, -1]),
        diverged=np.array([False, False, False, False, True, False]),
    )


def test_page_3_every_kind_of_dot_has_its_own_marker() -> None:
    curve = CURVES["two_minima"]
    runs = [(f"w₀ = {w}", run_descent(curve, w, 0.1, 30)) for w in (5.0, 0.06)]
    paths = surface.descend(np.array([(-4.0, -4.0), (4.0, 4.0)]), 0.5, 20)
    spec = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, every_kind_of_basin(), surface.cost_map(30), paths).to_dict()
    dots = [t for t in spec["data"] if t.get("legendgroup") == BASIN_GROUP]
    assert [t["name"] for t in dots] == [
        "ends at w = 1", "ends at w = 5", "on its way to w = 1", "on its way to w = 5", "runs away (diverges)", "stops at no minimum",
    ]
    assert all_differ([t["marker"]["symbol"] for t in dots]), [t["marker"]["symbol"] for t in dots]


@pytest.mark.parametrize("k", [2, 5, 8])
def test_page_3_every_start_on_the_landscape_has_its_own_marker(k: int) -> None:
    curve = CURVES["two_minima"]
    runs = [("w₀ = 5", run_descent(curve, 5.0, 0.1, 30))]
    starts = np.column_stack([np.linspace(-4, 4, k), np.linspace(4, -3, k)])
    paths = surface.descend(starts, 0.5, 20)
    spec = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, every_kind_of_basin(), surface.cost_map(30), paths).to_dict()
    moving = [spec["data"][i] for i in spec["frames"][0]["traces"]]
    for ball in [t for t in moving if t.get("xaxis") == "x3" or t["type"] == "scatter3d"]:
        symbols = ball["marker"]["symbol"]
        assert len(symbols) == k and all_differ(symbols)
        assert set(symbols) <= {"circle", "circle-open", "cross", "diamond", "diamond-open", "square", "square-open", "x"}  # scatter3d draws these only
        # An open marker is drawn by its outline: in its start's colour, never white on a light map.
        rims = ball["marker"]["line"]["color"]
        assert all(rim == colour for rim, colour, symbol in zip(rims, ball["marker"]["color"], symbols) if symbol.endswith("-open"))


# Page 4: simultaneous against sequential updates; the parameters.


def test_page_4_the_two_update_orders_differ_in_dash_and_marker_everywhere() -> None:
    x = np.linspace(0, 10, 40)
    y = 3 * x + 2 + np.random.default_rng(0).normal(size=x.size)
    stats = summarize(x, y)
    fits = [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 500)), ("sequential", fit_line(stats, 0.0, 0.0, 0.01, 500, sequential=True))]
    spec = regression_figure(x, y, stats, fits, "x", "y").to_dict()
    lines = [t for t in spec["data"] if t.get("name") in ("simultaneous update", "sequential update")]
    assert len(lines) == 2 and all_differ([t["line"]["dash"] for t in lines])
    run_colours = set(style.RUN_COLORS)
    costs = [s for s in spec["layout"]["shapes"] if s.get("xref") == "x2" and s["line"]["color"] in run_colours]
    paths_on_map = [s for s in spec["layout"]["shapes"] if s.get("xref") == "x3" and s["line"]["color"] in run_colours]
    for shapes in (costs, paths_on_map):
        assert len(shapes) == 2 and all_differ([s["line"].get("dash", "solid") for s in shapes])
    in_3d = [t for t in spec["data"] if t.get("name", "").startswith("path, ")]
    assert len(in_3d) == 2 and all_differ([t["line"].get("dash", "solid") for t in in_3d])
    moving = [spec["data"][i] for i in spec["frames"][0]["traces"]]
    for points in [t for t in moving if t.get("mode") == "markers"]:
        symbols = points["marker"]["symbol"]
        runs = symbols[-2:]  # every run's point, after the least-squares diamond where there is one
        assert all_differ(list(runs)) and "diamond" not in runs


def test_page_4_cost_chart_and_parameter_chart_dash_each_series_in_one_legend() -> None:
    history = np.geomspace(100.0, 1.0, 50)
    spec = cost_chart([("simultaneous", history), ("sequential", history * 1.1)], 0.5)
    encoding = spec["layer"][0]["encoding"]
    assert encoding["strokeDash"]["field"] == encoding["color"]["field"] == "run"
    assert encoding["strokeDash"]["scale"]["domain"] == encoding["color"]["scale"]["domain"]
    assert all_differ([tuple(d) for d in encoding["strokeDash"]["scale"]["range"][:2]])
    w_history = np.cumsum(np.ones((20, 3)), axis=0) * [1.0, 2.0, 3.0]
    spec = parameter_chart(w_history, np.arange(20.0), ["size", "rooms", "age"])
    encoding = spec["layer"][0]["encoding"]
    domain = encoding["color"]["scale"]["domain"]
    assert domain == encoding["strokeDash"]["scale"]["domain"] == ["w[size]", "w[rooms]", "w[age]", "b"]
    assert all_differ([tuple(d) for d in encoding["strokeDash"]["scale"]["range"][: len(domain)]])
    assert encoding["color"]["scale"]["range"][: len(domain)] == style.SERIES_COLORS[: len(domain)]  # the style module's palette, not Vega's default


# Page 5: "correct" against "closest", and Find the bug's buggy against fixed code.

X, Y = np.array([1.0, 2.0]), np.array([300.0, 500.0])


def labelled_marks(spec: dict) -> dict[str, str]:
    """What the colour legend writes after each series' name (its mark), read from its labelExpr."""
    expr = spec["layer"][0]["encoding"]["color"]["legend"]["labelExpr"]
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    return {label: mark for label in domain for mark in ["solid line", "dashed line", "dots"] if f'"{label}: {mark}"' in expr}


def test_page_5_correct_and_closest_differ_in_dash_and_the_legend_says_so() -> None:
    run = simulate(ENTRIES["sign flipped"], summarize(X, Y), 0.01, 1_000, 0.0, 0.0)
    log = parse_log("\n".join(course_line(i, run.cost[i + 1], run.dj_dw[i], run.dj_db[i], run.w[i + 1], run.b[i + 1]) for i in range(0, 1_000, 10)))
    diagnosis = diagnose(log, summarize(X, Y), 0.013, 1_000)  # not the alpha used: the closest, not a match
    spec = debug_chart(log, diagnosis, "cost")
    runs = [layer for layer in spec["layer"] if layer["data"]["name"] == "runs"]
    assert len(runs) == 2 and all_differ([tuple(layer["mark"]["strokeDash"]) for layer in runs])
    assert spec["layer"][-1]["mark"]["type"] == "point"  # the log: dots
    marks = labelled_marks(spec)
    names = [layer["transform"][0]["filter"]["equal"] for layer in runs]
    assert names[0].startswith("closest: ") and names[1] == "correct"
    assert marks == {names[0]: "solid line", "correct": "dashed line", "your log": "dots"}
    solid, dashed = (tuple(layer["mark"]["strokeDash"]) for layer in runs)
    assert solid == (1, 0) and dashed != (1, 0)  # what the legend says is what is drawn
    # and what the caption under the chart says
    assert chart_key(diagnosis) == f"Dots: your log. Solid line: the closest entry's run ('{diagnosis.best.name}'). Dashed line: the correct code with the same settings."


def test_page_5_a_correct_log_has_one_solid_line_and_the_caption_says_so() -> None:
    run = simulate(ENTRIES["correct"], summarize(X, Y), 0.01, 1_000, 0.0, 0.0)
    log = parse_log("\n".join(course_line(i, run.cost[i + 1], run.dj_dw[i], run.dj_db[i], run.w[i + 1], run.b[i + 1]) for i in range(0, 1_000, 10)))
    diagnosis = diagnose(log, summarize(X, Y), 0.01, 1_000)
    spec = debug_chart(log, diagnosis, "cost")
    assert [layer["transform"][0]["filter"]["equal"] for layer in spec["layer"] if layer["data"]["name"] == "runs"] == ["correct"]
    assert labelled_marks(spec) == {"correct": "solid line", "your log": "dots"}
    assert chart_key(diagnosis) == "Dots: your log. Solid line: the correct code with the same settings."


def test_find_the_bug_buggy_and_fixed_code_differ_in_dash_and_the_legend_says_so() -> None:
    stats = summarize(X, Y)
    spec = fix_chart(simulate(ENTRIES["sign flipped"], stats, 0.01, 100, 0.0, 0.0), simulate(ENTRIES["correct"], stats, 0.01, 100, 0.0, 0.0))
    runs = spec["layer"]
    assert all_differ([tuple(layer["mark"]["strokeDash"]) for layer in runs])
    assert labelled_marks(spec) == {"buggy code": "solid line", "fixed code": "dashed line"}


# The style module: each list of cues is as long as the colours it doubles, with no repeat.


@pytest.mark.parametrize(("colours", "cues"), [
    ("PALETTE", "RUN_SYMBOLS"), ("PALETTE", "RUN_DASHES"), ("OUTCOME_COLORS", "OUTCOME_SHAPES"), ("BASIN_COLORS", "BASIN_SYMBOLS"),
    ("PATH_COLORS", "PATH_SYMBOLS"), ("RUN_COLORS", "FIT_DASHES"), ("RUN_COLORS", "FIT_SYMBOLS"),
])
def test_every_colour_list_has_a_second_cue_of_its_length(colours: str, cues: str) -> None:
    colour_list, cue_list = getattr(style, colours), getattr(style, cues)
    assert len(cue_list) >= len(colour_list) and all_differ(list(cue_list))
    assert all_differ(list(colour_list))
