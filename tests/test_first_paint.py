"""What a page's first load sends (issue 26): each page's first run under 150 kB, and the ways the
figures of pages 3 and 4 got smaller lose nothing a student can see or read.

bench/bench_first_paint.py measures the times; this checks sizes (bytes, not seconds)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import json

import numpy as np
import pytest
import websockets

from bench.bench_payload import rerun
from gd_core import surface
from gd_core.curves import CURVES
from gd_core.descent import basins, run_descent
from gd_core.fit import fit_line
from gd_core.sums import summarize
from tests.conftest import link_texts, start_app
from tests.test_app_lessons import open_page
from ui.app import state
from ui.charts.contours import contour_lines, contour_segments
from ui.charts.cost_map import path_shape
from ui.charts.local_minimum import minima_figure
from ui.charts.drawn_numbers import drawn
from ui.charts.player import Traces
from ui.charts.regression import regression_figure

FIRST_LOAD_LIMIT = 150_000  # bytes of websocket messages for a page's first run (issue 26)
PAGES = ["home", "intuition", "learning_rate", "local_minimum", "regression", "debug"]


async def first_loads(url: str) -> dict[str, int]:
    sizes = {}
    for page in PAGES:  # each a new session, opened as a shared link opens it (no query)
        async with websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None, origin=url) as ws:
            sizes[page] = await rerun(ws, page, "")
    return sizes


def test_every_page_first_load_is_under_150_kB() -> None:
    proc, url = start_app()
    try:
        # In its own thread: after a Playwright test in the same process, this thread has an event loop running.
        with ThreadPoolExecutor(max_workers=1) as pool:
            sizes = pool.submit(asyncio.run, first_loads(url)).result(timeout=300)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert all(size > 5_000 for size in sizes.values()), sizes  # each page did send its page
    assert all(size <= FIRST_LOAD_LIMIT for size in sizes.values()), sizes


@pytest.mark.parametrize(("page", "key", "query"), [("intuition", state.ITERATIONS_TABLE, {"predict": "false"}), ("regression", state.DATA_PREVIEW, {})])
def test_a_closed_table_is_not_sent_until_it_is_opened(page: str, key: str, query: dict) -> None:
    """A table loads Streamlit's data grid (1.2 MB of JavaScript) before the first figure: page 1's
    table of every update and page 4's data preview are sent once their expander is opened."""
    at = open_page(page, **query)
    assert not at.exception and not at.dataframe and not at.get("arrow_data_frame")
    at.session_state[key] = True
    at.run()
    assert not at.exception and len(at.dataframe) >= 1


def test_a_link_to_copy_loads_no_syntax_highlighter() -> None:
    """st.code loads Streamlit's syntax highlighter (1.5 MB of JavaScript): a lesson's links go in
    ui.app.link_box (text and a Copy button), and no lesson's default view draws an st.code."""
    for page in ("intuition", "learning_rate", "local_minimum", "regression"):
        at = open_page(page)
        assert not at.exception and not at.code, page
        links = link_texts(at.sidebar)
        assert links and all(link.startswith(("http", "(open the app")) or "?" in link for link in links), links


def test_a_drawn_number_keeps_a_hundred_thousandth_of_its_span_or_of_itself() -> None:
    rng = np.random.default_rng(1)
    for span in (1e-6, 1.0, 10.0, 2e5):
        values = rng.uniform(-span, span, 200) + rng.choice([0.0, 1e6], 200)
        for v in values:
            assert abs(drawn(float(v), span) - v) <= 0.5e-5 * min(span, abs(v)) * 10 + 1e-300
    assert drawn(7.472328858810819e-9, 85_000.0) == pytest.approx(7.472328858810819e-9, rel=1e-5)  # a log axis' small cost stays
    assert len(repr(drawn(-1.925823658, 10.0))) <= 9 and drawn(None, 1.0) is None and drawn(30, 1.0) == 30


def test_lean_frames_round_only_what_no_hover_shows() -> None:
    traces = Traces(lean=True)
    path = np.cumsum(np.random.default_rng(2).normal(size=50))
    traces.mover({"type": "scatter", "hoverinfo": "skip"}, lambda i: {"x": [float(path[i])], "y": [float(path[i]) / 3]})
    traces.mover({"type": "scatter", "hovertemplate": "w = %{x:.4f}<extra></extra>"}, lambda i: {"x": [float(path[i])], "y": [float(path[i]) / 3]})
    traces.mover({"type": "scatter3d", "hoverinfo": "skip"}, lambda i: {"x": [float(path[i])], "y": [0.0], "z": [1.0]})
    frames = traces.frames(np.arange(50))
    span = float(path.max() - path.min())
    for i, frame in enumerate(frames):
        skipped, hovered, three_d = frame["data"]
        assert "type" not in skipped and "type" not in hovered and three_d["type"] == "scatter3d"  # Plotly keeps a trace's type
        assert skipped["x"][0] == pytest.approx(path[i], abs=1e-5 * span) and skipped["x"][0] != path[i]
        assert hovered["x"][0] == path[i]  # read in the hover: as it is
        assert hovered["y"][0] == pytest.approx(path[i] / 3, abs=1e-5 * span / 3)  # not in the hover: drawn only
    plain = Traces()
    plain.mover({"type": "scatter", "hoverinfo": "skip"}, lambda i: {"x": [float(path[i])]})
    assert plain.frames(np.arange(3))[1]["data"][0] == {"type": "scatter", "x": [float(path[1])]}  # other pages' frames unchanged


def test_lean_frames_leave_out_an_axis_no_frame_changes() -> None:
    """A moving line whose ends stay on a fixed x range: its x is in the trace, not in any frame
    (Plotly.animate keeps what a frame does not name); an axis that moves in one frame stays in all."""
    traces = Traces(lean=True)
    traces.mover({"type": "scatter", "hoverinfo": "skip"}, lambda i: {"x": [-1.5, 2.5], "y": [0.25 * i, 1.0 - 0.5 * i]})
    traces.mover({"type": "scatter", "hoverinfo": "skip"}, lambda i: {"x": [0.0, 1.0 if i < 9 else 2.0], "y": [3.0, 3.0]})
    frames = traces.frames(np.arange(10))
    assert traces.data[0]["x"] == [-1.5, 2.5] and traces.data[1]["y"] == [3.0, 3.0]
    assert all("x" not in f["data"][0] and "y" in f["data"][0] for f in frames)
    assert all("x" in f["data"][1] and "y" not in f["data"][1] for f in frames)
    assert frames[9]["data"][1]["x"] == [0.0, 2.0]
    plain = Traces()
    plain.mover({"type": "scatter", "hoverinfo": "skip"}, lambda i: {"x": [-1.5, 2.5]})
    assert plain.frames(np.arange(3))[2]["data"][0] == {"type": "scatter", "x": [-1.5, 2.5]}  # other figures' frames unchanged


def test_a_path_drops_only_points_that_repeat_the_one_before() -> None:
    x, y = np.array([0.0, 1.0, 1.0, 1.0, 2.0, 2.0]), np.array([0.0, 2.0, 2.0, 2.0, 23.0, 23.0000000001])
    assert path_shape(x, y, "x", "y", {})["path"] == "M0,0L1,2L2,23"
    assert path_shape(np.array([1.0, 1.0, 1.0]), np.array([2.0, 2.0, 23.0]), "x", "y", {})["path"] == "M1,2L1,2L1,23"  # "L1,2" is not "L1,23"


def test_contour_lines_pass_through_every_segment_once() -> None:
    w, b, z = surface.cost_map(40)
    segments = contour_segments(w, b, z, np.linspace(z.min(), z.max(), 12)[1:-1])
    xs, ys = contour_lines(segments)
    drawn_pairs = {frozenset([(xs[i], ys[i]), (xs[i + 1], ys[i + 1])]) for i in range(xs.size - 1) if np.isfinite(xs[i]) and np.isfinite(xs[i + 1])}
    for row in segments.itertuples():
        assert frozenset([(row.w, row.b), (row.w2, row.b2)]) in drawn_pairs
    assert np.isfinite(xs).sum() < 0.6 * 2 * len(segments)  # about half the points of one piece per segment


def test_without_the_3d_panel_pages_3_and_4_figures_are_far_smaller() -> None:
    curve = CURVES["two_minima"]
    runs = [(f"w₀ = {w}", run_descent(curve, w, 0.1, 30)) for w in (5.0, 0.06, 5.94)]
    basin = basins(curve, curve.grid(241), 0.1, 2000, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0)]), 0.5, 150)
    args = (curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(60), paths)
    page_3 = [len(json.dumps(minima_figure(*args, three_d=d).to_dict(), default=str)) for d in (True, False)]
    stats = summarize(np.array([1.0, 2.0]), np.array([300.0, 500.0]))
    fits = [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 10_000))]
    page_4 = [len(json.dumps(regression_figure(np.array([1.0, 2.0]), np.array([300.0, 500.0]), stats, fits, "x", "y", three_d=d).to_dict(), default=str)) for d in (True, False)]
    assert page_3[1] < 0.6 * page_3[0] and page_4[1] < 0.7 * page_4[0], (page_3, page_4)


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("narrow", [False, True])
def test_every_layout_draws_without_the_3d_panel(narrow: bool, compact: bool) -> None:
    """A phone (one column: no row for the 3-D panel), a laptop and projector mode, pages 3 and 4."""
    curve = CURVES["two_minima"]
    runs = [("w₀ = 5", run_descent(curve, 5.0, 0.1, 30))]
    basin = basins(curve, curve.grid(61), 0.1, 500, curve.minima)
    paths = surface.descend(np.array([(-4.0, -4.0)]), 0.5, 40)
    page_3 = minima_figure(curve.cost, (curve.w_min, curve.w_max), runs, basin, surface.cost_map(30), paths, narrow=narrow, compact=compact, three_d=False).to_dict()
    stats = summarize(np.array([1.0, 2.0]), np.array([300.0, 500.0]))
    fits = [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 100))]
    page_4 = regression_figure(np.array([1.0, 2.0]), np.array([300.0, 500.0]), stats, fits, "x", "y", narrow=narrow, compact=compact, three_d=False).to_dict()
    for spec in (page_3, page_4):
        assert "scene" not in spec["layout"] and not {t["type"] for t in spec["data"]} & {"surface", "scatter3d"}
        titles = [a["text"] for a in spec["layout"]["annotations"]]
        assert any("from above" in t for t in titles)
        assert any("to draw it" in t for t in titles) != narrow  # a phone has no cell for it: no title
