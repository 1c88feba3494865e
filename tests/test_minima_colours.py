"""Page 3's colours mean one thing: where a run ends. A moving start, its path and its step
sizes take the colour of the minimum it ends at, the colour of the dots that end there too,
with a marker shape as a second cue; a run that ends at no minimum has its own colour and an x.
The curve J(w) and the landscape are named apart, and the curve panel says when its runs have
stopped while the landscape's go on."""

from __future__ import annotations

import numpy as np
import pytest

from gd_core import surface
from gd_core.curves import CURVES
from gd_core.descent import basins, run_descent
from ui.charts.local_minimum import minima_figure

CURVE = CURVES["two_minima"]  # minima at w = 1 and w = 5


def figure(starts, alpha: float = 0.1, iters: int = 30, landscape_iters: int = 150) -> tuple[dict, list]:
    runs = [(f"w₀ = {w}", run_descent(CURVE, w, alpha, iters, slope_tol=None, step_tol=None)) for w in starts]
    basin = basins(CURVE, CURVE.grid(241), alpha, 2000, CURVE.minima)
    paths = surface.descend(np.array([(-4.0, -4.0), (4.0, 4.0)]), 0.5, landscape_iters)
    spec = minima_figure(CURVE.cost, (CURVE.w_min, CURVE.w_max), runs, basin, surface.cost_map(60), paths).to_dict()
    return spec, runs


def dots(spec: dict) -> dict[str, dict]:
    """The curve's dots, by legend name: 'ends at w = 1', 'ends at w = 5', ..."""
    return {t["name"]: t["marker"] for t in spec["data"] if t.get("legendgroup") == "pick a start w0"}


def steps(spec: dict) -> list[dict]:
    return [t for t in spec["data"] if t.get("xaxis") == "x2" and t.get("mode") == "lines+markers"]


@pytest.mark.parametrize("starts", [(5.0, 0.06, 5.94), (0.06, 3.2, 6.3), (1.0, 2.9, 3.1)])
def test_every_run_has_the_colour_and_shape_of_where_it_ends(starts) -> None:
    spec, runs = figure(starts)
    by_end = dots(spec)
    step_traces = steps(spec)
    assert len(step_traces) == len(runs)
    for (label, run), trace in zip(runs, step_traces):
        end = min(CURVE.minima, key=lambda m: abs(m - run.w[-1]))
        assert abs(run.w[-1] - end) < 5e-3, "these starts all settle in 30 iterations"
        name = f"ends at w = {end:g}"
        assert trace["name"] == f"{label}: {name}"  # the legend says it in words
        assert trace["line"]["color"] == trace["marker"]["color"] == by_end[name]["color"]
        assert trace["marker"]["symbol"] == by_end[name]["symbol"]
    colours = {m["color"] for name, m in by_end.items() if name.startswith("ends at")}
    shapes = {m["symbol"] for name, m in by_end.items() if name.startswith("ends at")}
    assert len(colours) == len(shapes) == 2  # one colour and one shape per minimum


def test_the_moving_starts_share_their_runs_colours() -> None:
    spec, runs = figure((5.0, 0.06, 5.94))
    step_traces = steps(spec)
    moving = [spec["data"][i] for i in spec["frames"][0]["traces"]]
    (ring,) = [t["marker"] for t in moving if t.get("xaxis") == "x" and t["mode"] == "markers"]
    assert ring["color"] == [t["line"]["color"] for t in step_traces]
    assert ring["symbol"] == [t["marker"]["symbol"] for t in step_traces]


def test_a_run_that_ends_at_no_minimum_says_so_with_its_own_colour_and_an_x() -> None:
    spec, runs = figure((0.06, 3.0), alpha=0.01, iters=5)  # 5 small steps: nowhere near a minimum yet
    assert len(steps(spec)) == len(runs)
    for (label, _), trace in zip(runs, steps(spec)):
        assert trace["name"] == f"{label}: not settled after 5 iterations"
        assert trace["marker"]["symbol"] == "x"
        assert trace["line"]["color"] not in {m["color"] for m in dots(spec).values()}


def test_the_landscape_is_named_apart_and_the_curve_says_when_its_runs_stopped() -> None:
    spec, _ = figure((5.0, 0.06, 5.94), iters=30, landscape_iters=150)
    titles = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "H(w, b) from above" in titles and "H(w, b) in 3-D" in titles and "J(w)" in titles and "J(w, b)" not in titles
    assert spec["layout"]["scene"]["zaxis"]["title"]["text"] == "H"
    said = {}
    for frame, step in zip(spec["frames"], spec["layout"]["sliders"][0]["steps"]):
        texts = [t for d in frame["data"] for t in (d.get("text") or [])]
        said[int(step["label"])] = " ".join(texts)
    assert all("stopped" not in text for i, text in said.items() if i <= 30)
    assert all("stopped at iteration 30" in text and "go on to 150" in text for i, text in said.items() if i > 30)
