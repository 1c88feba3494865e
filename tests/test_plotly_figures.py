"""The moving figures, without a browser: frames hold only what moves, at most 300 of them,
the first and the last iteration always in, every number finite, the surfaces about 60 x 60."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from gd_core import surface
from gd_core.curves import CURVES
from gd_core.descent import basins, run_descent
from gd_core.fit import fit_line
from gd_core.sums import summarize
from ui.charts.figure_dict import flat
from ui.charts.player import MAX_FRAMES, ReadyFigure, shown_iterations, timeline
from ui.charts.intuition import intuition_figure
from ui.charts.learning_rate import compare_figure
from ui.charts.cost_map import path_shape
from ui.charts.local_minimum import FRAME_LIMIT as LOCAL_MINIMUM_FRAMES, minima_figure
from ui.charts.regression import regression_figure


def numbers(values) -> np.ndarray:
    flat = np.asarray(values, dtype=object).ravel() if values is not None else np.array([])
    return np.array([v for v in flat if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)], dtype=float)


def array(value) -> np.ndarray:
    """A trace's array from a figure's dict: plotly writes large arrays as base64 ("bdata")."""
    if isinstance(value, dict) and "bdata" in value:
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value)


def traces(fig: ReadyFigure) -> list[dict]:
    return fig.to_dict()["data"]


def check_plotly_spelling(spec: dict) -> None:
    """The figure's traces and layout are written as plotly's graph objects write them: passing
    them through go.Figure (which checks every property and writes it its own way: a title as
    {"text": ...}, a named colour scale as its colours, numpy arrays as typed arrays, the default
    template added) changes nothing in the JSON the page is sent. A flat figure is sent without
    the template (ui.views.figure_2d gives it Streamlit's theme): the one go.Figure adds is left out."""
    still = {"data": spec["data"], "layout": spec["layout"]}
    sent = json.loads(pio.to_json(still, validate=False))
    rewritten = go.Figure(still).to_dict()
    if "template" not in spec["layout"]:
        assert flat(spec), "only a flat figure goes without the template st.plotly_chart fills in"
        rewritten["layout"].pop("template")
    assert json.loads(pio.to_json(rewritten, validate=False)) == sent


def check_player(fig: ReadyFigure, last_iteration: int) -> list[int]:
    """The frames, the slider and the buttons agree; returns the iterations the slider shows.
    The figure also goes through plotly's own checks, as graph objects, and to JSON."""
    spec = fig.to_dict()
    frames, layout = spec["frames"], spec["layout"]
    checked = go.Figure(spec)  # raises on any property plotly does not know
    check_plotly_spelling(spec)
    assert len(checked.frames) == len(frames) and json.loads(pio.to_json(dict(spec), validate=False))["frames"]  # a plain dict: the figure, not its text kept once sent (FigureDict)
    assert 2 <= len(frames) <= MAX_FRAMES
    slider = layout["sliders"][0]
    labels = [int(step["label"]) for step in slider["steps"]]
    assert len(labels) == len(frames) and labels[0] == 0 and labels[-1] == last_iteration
    assert labels == sorted(labels)
    assert [step["args"][0][0] for step in slider["steps"]] == [frame["name"] for frame in frames]
    assert {b["label"] for b in layout["updatemenus"][0]["buttons"]} == {"▶ Play", "❚❚ Pause"}
    assert len(layout["updatemenus"][1]["buttons"]) >= 3  # the speeds
    for frame in frames:
        assert len(frame["traces"]) == len(frame["data"]) < len(spec["data"])  # only the moving traces
        for index, trace in zip(frame["traces"], frame["data"]):
            assert trace.get("type", "scatter") == spec["data"][index]["type"]  # moves the trace it is meant for (no type: a scatter, as Plotly reads it)
            for axis in ("x", "y", "z"):
                values = numbers(trace.get(axis))
                assert np.all(np.isfinite(values)), f"frame {frame['name']} has a non-finite {axis}"
    return labels


def test_timeline_keeps_first_and_last() -> None:
    assert list(timeline(5)) == [0, 1, 2, 3, 4, 5]
    long = timeline(10_000)
    assert long[0] == 0 and long[-1] == 10_000 and len(long) <= MAX_FRAMES


@pytest.mark.parametrize("alpha", [0.1, 0.9, 1.5])
def test_intuition_has_one_frame_per_iteration(alpha: float) -> None:
    curve = CURVES["bowl"]
    run = run_descent(curve, 7.0, alpha, 200)
    fig = intuition_figure(curve.cost, (curve.w_min, curve.w_max), run)
    assert check_player(fig, run.iterations) == list(range(run.iterations + 1))


def test_learning_rate_runs_that_stop_early_stay_put() -> None:
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, 7.0, a, 500)) for a in (0.02, 0.5, 1.05)]
    fig = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0)
    check_player(fig, max(run.iterations for _, run in runs))
    last = fig.to_dict()["frames"][-1]["data"]
    assert last[0]["x"][0] == runs[0][1].w[-1] and last[2]["x"][0] == runs[1][1].w[-1]


def test_local_minimum_with_landscape() -> None:
    curve = CURVES["two_minima"]
    runs = [(f"w₀ = {w}", run_descent(curve, w, 0.1, 30, slope_tol=None, step_tol=None)) for w in (5.0, 0.06, 5.94)]
    starts = curve.grid(241)
    basin = basins(curve, starts, 0.1, 2000, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0), (4.0, 4.0)]), 0.5, 150)
    fig = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(60), paths)
    check_player(fig, 150)
    (mesh,) = [t for t in traces(fig) if t["type"] == "surface"]
    assert array(mesh["z"]).shape == (60, 60)
    # The page's defaults (30 iterations on the curve, 150 on the landscape): 78 frames, every one of
    # the curve's iterations among them, then the landscape's ever further apart (issue 26: bytes).
    shown = shown_iterations(fig)
    assert len(shown) == 78 and shown[:34] == list(range(34)) and shown[-1] == 150
    assert len(shown_iterations(minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(60),
                                              surface.descend(np.array([(-4.0, -4.0)]), 0.5, 1000)))) <= LOCAL_MINIMUM_FRAMES


def test_a_slider_step_names_its_frame_and_play_goes_on_from_the_current_one() -> None:
    """Play (no frame named) goes on from the frame on screen; a slider step names one frame, for
    which Plotly.animate has nothing to go on from, so its arguments leave "fromcurrent" out."""
    curve = CURVES["two_minima"]
    spec = intuition_figure(curve.cost, (curve.w_min, curve.w_max), run_descent(curve, 5.0, 0.1, 30)).to_dict()
    play = spec["layout"]["updatemenus"][0]["buttons"][0]
    assert play["label"].endswith("Play") and play["args"][0] is None and play["args"][1]["fromcurrent"] is True
    steps = spec["layout"]["sliders"][0]["steps"]
    assert [step["args"][0] for step in steps] == [[frame["name"]] for frame in spec["frames"]]
    assert all("fromcurrent" not in step["args"][1] and step["args"][1]["mode"] == "immediate" for step in steps)


def test_a_path_shape_keeps_a_cost_on_a_log_axis_down_to_its_smallest_value() -> None:
    """A still line drawn as a layout shape keeps 6 significant digits of every point: page 4's cost
    per iteration, drawn on a log axis, falls from about 1e5 to 1e-6 and below, and no point of it
    may become 0 (off a log axis: the line would drop out of the panel)."""
    cost = np.geomspace(8.5e4, 1e-9, 400)
    path = path_shape(np.arange(cost.size, dtype=float), cost, "x2", "y2", {})["path"]
    drawn = np.array([float(point.split(",")[1]) for point in path[1:].split("L")])
    assert drawn.shape == cost.shape and np.all(drawn > 0)
    assert np.allclose(drawn, cost, rtol=1e-5, atol=0)


@pytest.mark.parametrize("scaled", [False, True])
def test_regression_10000_iterations_on_a_million_rows(scaled: bool) -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 1_000_000)
    y = 3 * x + 2 + rng.normal(size=x.size)
    stats = summarize(x, y)
    fits = [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 10_000, scaled=scaled))]
    fits.append(("sequential", fit_line(stats, 0.0, 0.0, 0.01, 10_000, scaled=scaled, sequential=True)))
    fig = regression_figure(x, y, stats, fits, "x", "y")
    check_player(fig, 10_000)
    data = traces(fig)
    assert sum(array(t["x"]).size for t in data if t["type"] == "scatter" and t.get("name") == "data") <= 5_000
    (mesh,) = [t for t in data if t["type"] == "surface"]
    assert array(mesh["z"]).shape == (60, 60)
    (marks,) = [t for t in data if t["type"] == "scatter3d" and t.get("name") == "least squares (w*, b*)"]
    assert marks["marker"]["symbol"][0] == "diamond"  # the least-squares point comes first, each run's point after it
    assert np.allclose([marks["x"][0], marks["y"][0]], [stats.w_star[0], stats.b_star])


def test_regression_frames_move_few_traces() -> None:
    """Every frame re-reads every trace of the figure: the still lines (least squares, the cost curve,
    the contours, the path on the map) are layout shapes, and each panel's moving points share one trace."""
    x = np.linspace(0, 10, 50)
    y = 3 * x + 2 + np.random.default_rng(0).normal(size=x.size)
    stats = summarize(x, y)
    fig = regression_figure(x, y, stats, [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 10_000))], "x", "y")
    spec = fig.to_dict()
    assert len(spec["data"]) <= 8 and len(spec["frames"][0]["traces"]) <= 4
    paths = [s for s in spec["layout"]["shapes"] if s["type"] == "path"]
    assert len(paths) == 3 and all(s["path"].startswith("M") for s in paths)  # the cost curve, the contour lines, the path on the map


def test_a_diverging_regression_run_stays_finite() -> None:
    stats = summarize([1.0, 2.0, 3.0], [300.0, 500.0, 800.0])
    fit = fit_line(stats, 0.0, 0.0, 5.0, 1_000)
    assert fit.result.stop_reason == "diverged"
    check_player(regression_figure(np.array([1.0, 2.0, 3.0]), np.array([300.0, 500.0, 800.0]), stats, [("run", fit)], "x", "y"), fit.result.cost_history.size - 1)


def test_a_diverging_point_stays_on_the_curve_panel() -> None:
    """Page 2: a run that leaves the panel is held at its edge, as a triangle with its w written beside it."""
    curve = CURVES["bowl"]
    runs = [(f"α = {a}", run_descent(curve, -1.5, a, 60)) for a in (0.02, 1.1)]
    spec = compare_figure(curve.cost, (curve.w_min, curve.w_max), runs, 1.0).to_dict()
    (x_lo, x_hi), (y_lo, y_hi) = spec["layout"]["xaxis"]["range"], spec["layout"]["yaxis"]["range"]
    for frame in spec["frames"]:
        for point in frame["data"][0::2]:  # each run's point on the curve (its cost marker follows it)
            assert x_lo <= point["x"][0] <= x_hi and y_lo <= point["y"][0] <= y_hi, frame["name"]
    last = spec["frames"][-1]["data"][2]
    assert last["marker"]["symbol"].startswith("triangle") and last["text"][0].startswith("w = ")
    assert abs(last["customdata"][0][0] - runs[1][1].w[-1]) < 1e-9 * abs(runs[1][1].w[-1])  # the hover keeps the true w
    assert spec["frames"][-1]["data"][0]["marker"]["symbol"] == "circle"  # the slow run is still on the panel


def test_the_written_update_sits_above_the_curve() -> None:
    """Page 1: the update with its numbers is drawn from the plot's top edge upwards, never over the curve."""
    curve = CURVES["two_minima"]
    spec = intuition_figure(curve.cost, (curve.w_min, curve.w_max), run_descent(curve, 0.2, 0.1, 10)).to_dict()
    top = spec["layout"]["yaxis"]["range"][1]
    text = spec["data"][-1]
    assert text["mode"] == "text" and text["textposition"] == "top right"
    assert all(frame["data"][-1]["y"] == [top] and "w = " in frame["data"][-1]["text"][0] for frame in spec["frames"])


def test_minima_diamonds_are_drawn_over_the_moving_points() -> None:
    curve = CURVES["two_minima"]
    runs = [("w₀ = 5", run_descent(curve, 5.0, 0.1, 30))]
    basin = basins(curve, curve.grid(61), 0.1, 500, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0)]), 0.5, 50)
    spec = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(60), paths).to_dict()
    (diamonds,) = [k for k, t in enumerate(spec["data"]) if t.get("name") == "minima"]
    assert diamonds > max(spec["frames"][0]["traces"])
    assert spec["data"][diamonds]["marker"]["symbol"] == "diamond-open"


def test_still_arrays_are_sent_as_typed_arrays() -> None:
    """A figure's still numbers (the curve, the map's click grid, the surface) go as base64 typed
    arrays, as plotly sends numpy arrays: as JSON numbers they would be about twice the bytes. The
    click grid's, which its hover shows to 4 digits, as 32-bit floats: half the bytes again, and
    every node where it was to 7 significant digits."""
    curve = CURVES["two_minima"]
    runs = [("w₀ = 5", run_descent(curve, 5.0, 0.1, 30))]
    basin = basins(curve, curve.grid(61), 0.1, 500, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0)]), 0.5, 50)
    spec = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(60), paths).to_dict()
    (mesh,) = [t for t in spec["data"] if t["type"] == "surface"]
    (grid,) = [t for t in spec["data"] if t.get("legendgroup") == "drop a start"]
    assert mesh["z"]["dtype"] == "f8" and mesh["z"]["shape"] == "60, 60"
    assert all(grid[key]["dtype"] == "f4" for key in ("x", "y", "customdata"))
    gw, gb, gz = surface.cost_map(60)
    sent = {key: np.frombuffer(base64.b64decode(grid[key]["bdata"]), dtype="<f4") for key in ("x", "y", "customdata")}
    ww, bb = np.meshgrid(gw[::2], gb[::2])
    for key, exact in (("x", ww), ("y", bb), ("customdata", gz[::2, ::2])):
        assert sent[key].shape == (exact.size,)
        assert np.allclose(sent[key], exact.ravel(), rtol=1e-6, atol=1e-6)
    stats = summarize([1.0, 2.0, 3.0], [300.0, 500.0, 800.0])
    fit = fit_line(stats, 0.0, 0.0, 0.01, 100)
    data = regression_figure(np.array([1.0, 2.0, 3.0]), np.array([300.0, 500.0, 800.0]), stats, [("run", fit)], "x", "y").to_dict()["data"]
    assert data[0]["name"] == "data" and data[0]["x"]["dtype"] == "f8"
    assert intuition_figure(curve.cost, (curve.w_min, curve.w_max), runs[0][1]).to_dict()["data"][0]["y"]["dtype"] == "f8"


def test_the_data_panel_shows_where_the_line_starts() -> None:
    """Page 4 on the course's data: the line starts at w = b = 0 (y = 0, under the points) and is in
    view from iteration 0; a start far off is not, so the points keep the panel."""
    x, y = np.array([1.0, 2.0]), np.array([300.0, 500.0])
    stats = summarize(x, y)

    def y_range(w0: float, b0: float) -> list[float]:
        fig = regression_figure(x, y, stats, [("simultaneous", fit_line(stats, w0, b0, 0.01, 1_000))], "x", "y")
        return fig.to_dict()["layout"]["yaxis"]["range"]

    low, high = y_range(0.0, 0.0)
    assert low < 0.0 and high > 500.0  # the start line (y = 0) and every point
    low, high = y_range(0.0, -1e6)
    assert low > -1_000 and high > 500.0  # a start a million below stays out of view


def test_on_a_phone_the_panels_stack_in_one_column() -> None:
    """Pages 3 and 4 on a phone (ui.app.page.on_a_phone): each panel, the 3-D one too, gets the
    screen's width, one under another, in the same order and with the same axis names."""
    x, y = np.array([1.0, 2.0, 3.0]), np.array([300.0, 500.0, 650.0])
    stats = summarize(x, y)
    curve = CURVES["two_minima"]
    runs = [("w₀ = 5", run_descent(curve, 5.0, 0.1, 30))]
    basin = basins(curve, curve.grid(61), 0.1, 200, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0)]), 0.5, 40)
    for scaled in (False, True):
        fits = [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 500, scaled=scaled))]
        wide = regression_figure(x, y, stats, fits, "x", "y").to_dict()["layout"]
        tall = regression_figure(x, y, stats, fits, "x", "y", narrow=True).to_dict()["layout"]
        panels = [k for k in tall if k.startswith("xaxis")]
        assert sorted(panels) == sorted(k for k in wide if k.startswith("xaxis"))  # the same panels
        assert all(tall[k]["domain"] == [0.0, 1.0] for k in panels) and tall["scene"]["domain"]["x"] == [0.0, 1.0]
        tops = [tall["y" + k[1:]]["domain"][1] for k in sorted(panels, key=lambda k: int(k[5:] or 1))]
        assert tops == sorted(tops, reverse=True)  # data, cost, map (then the scaled map) from the top down
        assert tall["height"] > wide["height"]
    wide = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(30), paths).to_dict()["layout"]
    tall = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(30), paths, narrow=True).to_dict()["layout"]
    assert all(tall[k]["domain"] == [0.0, 1.0] for k in ("xaxis", "xaxis2", "xaxis3")) and tall["scene"]["domain"]["x"] == [0.0, 1.0]
    assert wide["scene"]["domain"]["x"][0] > 0.5 and tall["height"] > wide["height"]
