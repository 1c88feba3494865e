"""The debug lesson's chart: bounded, finite data; the log over the matching and the correct run."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from gd_core.bug_catalogue import ENTRIES, simulate
from gd_core.log_match import diagnose
from gd_core.log_parse import course_line, parse_log
from gd_core.sums import summarize
from ui.charts.debug import debug_chart

X, Y = np.array([1.0, 2.0]), np.array([300.0, 500.0])


def course_log(name: str, alpha: float, num_iters: int, every: int) -> str:
    run = simulate(ENTRIES[name], summarize(X, Y), alpha, num_iters, 0.0, 0.0)
    last = run.iterations
    return "\n".join(
        course_line(i, run.cost[i + 1], run.dj_dw[i], run.dj_db[i], run.w[i + 1], run.b[i + 1]) for i in range(0, last, every)
    )


def finite_and_small(spec: dict, limit: int = 5_000) -> None:
    for name, frame in spec["datasets"].items():
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) <= limit, f"{name} sends {len(frame)} rows"
        assert np.all(np.isfinite(frame.select_dtypes("number").to_numpy(dtype=float))), f"{name} holds inf or NaN"
    json.dumps({k: v for k, v in spec.items() if k != "datasets"})


@pytest.mark.parametrize(
    ("name", "alpha", "num_iters", "said_alpha"),
    [
        ("correct", 0.01, 10_000, 0.01),  # a match: correct
        ("sign flipped", 0.01, 1_000, 0.01),  # a match: a mistake, over the correct run
        ("correct", 0.9, 2_000, 0.9),  # alpha too large: blows up
        ("correct", 0.013, 1_000, 0.01),  # none of these
    ],
)
def test_chart_for_each_verdict(name: str, alpha: float, num_iters: int, said_alpha: float) -> None:
    log = parse_log(course_log(name, alpha, num_iters, max(num_iters // 100, 1)))
    diagnosis = diagnose(log, summarize(X, Y), said_alpha, num_iters)
    for field in log.fields:
        spec = debug_chart(log, diagnosis, field)
        finite_and_small(spec)
        series = set(spec["datasets"]["runs"]["series"])
        assert set(spec["datasets"]["pasted"]["series"]) == {"your log"}
        if diagnosis.name in ("correct", "α too large"):
            assert series == {diagnosis.name}
        elif diagnosis.matched:
            assert series == {diagnosis.name, "correct"}
        else:
            assert series == {f"closest: {diagnosis.best.name}"} | ({"correct"} if diagnosis.best.name != "correct" else set())
        y_scale = spec["layer"][0]["encoding"]["y"]["scale"]
        assert (y_scale.get("type") == "log") == (field == "cost")


def test_chart_refuses_a_field_the_log_lacks() -> None:
    log = parse_log("Iteration 0: Cost 7.93e+04\nIteration 1: Cost 7.39e+04")
    diagnosis = diagnose(log, summarize(X, Y), 0.01, 10)
    with pytest.raises(ValueError, match="has no w"):
        debug_chart(log, diagnosis, "w")


def test_the_course_logs_five_charts_stay_small_and_keep_the_start_and_the_end() -> None:
    """Issue 26: the five charts of the course lab's log (10,000 iterations, two runs) were 168 kB
    of Arrow; each run's line keeps every one of its first 100 iterations and its last."""
    from ui.charts.vega_lite import with_arrow_data
    from ui.views.debug import COURSE_LOG

    log = parse_log(COURSE_LOG.read_text(encoding="utf-8"))
    diagnosis = diagnose(log, summarize(X, Y), 0.01, 10_000, 0.0, 0.0)
    specs = [debug_chart(log, diagnosis, name) for name in ("cost", "dj_dw", "dj_db", "w", "b")]
    sent = sum(len(data) for spec in specs for data in with_arrow_data(spec)["datasets"].values())
    assert sent <= 120_000, sent
    for spec in specs:
        for _, run in spec["datasets"]["runs"].groupby("series"):
            iterations = run["iteration"].to_numpy()
            assert set(range(100)) <= set(iterations.tolist()) and iterations.max() in (9_999, 10_000)
