"""Chart builder for the debug lesson: the pasted values over the matching run and the correct run.

A pure function from a parsed log and its diagnosis to a Vega-Lite spec. Runs are thinned to a
few thousand points (denser at the start, where the mistakes show first), and only finite
values are sent, so a run that blew up ends where its numbers did.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gd_core.bug_catalogue import Run
from gd_core.log_match import Diagnosis
from gd_core.log_parse import FIELDS, ParsedLog
from ui.charts.regression_parts import frame_indices
from ui.charts.log_ticks import vega_log_scale
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal_color, say_marks
from ui.charts.style import CORRECT_COLOR, LOG_COLOR, MATCH_COLOR

MAX_RUN_POINTS = 1_000
MAX_LOG_POINTS = 1_000
DASHES, LINES = ([1, 0], [6, 4]), ("solid line", "dashed line")  # the first run's line, the second's: told apart without colour
TITLES = {"cost": "cost J(w, b)", "dj_dw": "dj_dw", "dj_db": "dj_db", "w": "w", "b": "b"}


def run_values(run: Run, name: str, timing: str) -> np.ndarray:
    """What the run would print for ``name`` at iterations 0, 1, 2, ... (as the log is aligned)."""
    if name in ("dj_dw", "dj_db"):
        return np.asarray(getattr(run, name))
    values = np.asarray(getattr(run, name))
    return values if name == "cost" and timing == "before" else values[1:]


def _run_frame(label: str, values: np.ndarray, last: int, start: int) -> pd.DataFrame:
    values = values[: last + 1]
    if values.ndim > 1 or values.size == 0:
        return pd.DataFrame({"series": [], "iteration": [], "value": []})
    idx = frame_indices(values.size - 1, MAX_RUN_POINTS)
    kept = idx[np.isfinite(values[idx])]
    # int32 iterations (the page runs at most 100,000): 4 bytes a point less to send than int64
    return pd.DataFrame({"series": label, "iteration": (kept + start).astype(np.int32), "value": values[kept]})


def drawn_lines(diagnosis: Diagnosis) -> list[str]:
    """The series ``debug_chart`` draws as lines, in order: solid first, then dashed. The best
    entry's run (named "closest: ..." when it is no match); then the correct run, unless the best
    entry is correct code already ('correct', and 'α too large', whose run is the correct run)."""
    best = diagnosis.best.name
    match_label = best if diagnosis.matched else f"closest: {best}"
    return [match_label, *(["correct"] if best not in ("correct", "α too large") else [])]


def chart_key(diagnosis: Diagnosis) -> str:
    """The chart's key in words, for what ``debug_chart`` draws from this diagnosis."""
    best = f"'{diagnosis.best.name}'"
    run = f"the run of {best}" if diagnosis.matched else f"the closest entry's run ({best})"
    words = [f"{mark.capitalize()}: {'the correct code with the same settings' if label == 'correct' else run}." for label, mark in zip(drawn_lines(diagnosis), LINES)]
    return " ".join(["Dots: your log.", *words])


def debug_chart(log: ParsedLog, diagnosis: Diagnosis, name: str = "cost", height: int = 320) -> Spec:
    """The logged ``name`` as dots, the closest entry's run and the correct run as lines."""
    if name not in FIELDS or log.field(name) is None:
        raise ValueError(f"the log has no {name}; it has {', '.join(log.fields)}")
    logged = log.field(name)
    assert logged is not None
    pick = frame_indices(log.iterations.size - 1, MAX_LOG_POINTS)
    pasted = pd.DataFrame({"series": "your log", "iteration": log.iterations[pick], "value": logged.values[pick]})
    last = max(int(log.iterations[-1]), diagnosis.correct_run.iterations - 1)
    best = diagnosis.best.name
    match_label, *with_correct = drawn_lines(diagnosis)
    start = diagnosis.numbered_from  # the log's iteration numbers, for the runs too
    runs = [_run_frame(match_label, run_values(diagnosis.best_run, name, diagnosis.timing), last, start)]
    if with_correct:
        runs.append(_run_frame("correct", run_values(diagnosis.correct_run, name, diagnosis.timing), last, start))
    lines = pd.concat(runs, ignore_index=True)
    labels = [match_label, *(["correct"] if with_correct else []), "your log"]
    colors = [MATCH_COLOR, CORRECT_COLOR] if with_correct else [CORRECT_COLOR if best == "correct" else MATCH_COLOR]
    everything = np.concatenate([pasted["value"].to_numpy(float), lines["value"].to_numpy(float)])
    log_scale = name == "cost" and everything.size > 0 and bool(np.all(everything > 0))
    scale, axis = vega_log_scale(everything) if log_scale else ({"zero": False}, {})
    title = TITLES[name] + ("  (log scale)" if log_scale else "")
    color = nominal_color("series", labels, [*colors, LOG_COLOR], title=None)
    # Long names: above the plot, in full, rather than beside it and cut short.
    color["legend"] = {"orient": "top", "direction": "horizontal", "title": None, "labelLimit": 0}
    say_marks(color, {**dict(zip(labels[:-1], LINES)), "your log": "dots"})
    tooltip = [field("series", "nominal"), field("iteration"), field("value", title=name, format=".6g")]
    # One line layer per run (a dash pattern as an encoding would hide the legend it shares).
    layers = [
        layer_of(
            "runs", {"type": "line", "strokeWidth": 2, "clip": True, "strokeDash": dash},
            {"x": field("iteration", title="iteration"), "y": field("value", title=title, scale=scale, **({"axis": axis} if axis else {})), "color": color,
             "tooltip": tooltip},
            [{"filter": {"field": "series", "equal": label}}],
        )
        for label, dash in zip(labels[:-1], DASHES)
    ]
    layers.append(
        layer_of(
            "pasted", {"type": "point", "filled": True, "size": 60, "opacity": 0.9, "clip": True},
            {"x": field("iteration"), "y": field("value", scale=scale), "color": color, "tooltip": tooltip},
        )
    )
    return chart(layers, {"runs": lines, "pasted": pasted}, height=height)


def fix_chart(buggy: Run, fixed: Run, height: int = 280) -> Spec:
    """Find the bug's reveal: the cost each run prints after every update (iteration 0, 1, ...),
    the buggy code's and the fixed code's on one chart (a log scale when every cost is positive).
    A run that blew up ends at its last finite cost."""
    labels = ["buggy code", "fixed code"]
    frames = []
    for label, run in zip(labels, (buggy, fixed)):
        costs = np.asarray(run.cost, dtype=float)[1:]  # the cost after update i, as the log prints it at iteration i
        idx = frame_indices(costs.size - 1, MAX_RUN_POINTS) if costs.size else np.zeros(0, dtype=int)
        kept = idx[np.isfinite(costs[idx])]
        frames.append(pd.DataFrame({"series": label, "iteration": kept.astype(np.int32), "value": costs[kept]}))
    lines = pd.concat(frames, ignore_index=True)
    values = lines["value"].to_numpy(float)
    log_scale = values.size > 0 and bool(np.all(values > 0))
    scale, axis = vega_log_scale(values) if log_scale else ({"zero": False}, {})
    title = TITLES["cost"] + ("  (log scale)" if log_scale else "")
    color = nominal_color("series", labels, [MATCH_COLOR, CORRECT_COLOR], title=None)
    color["legend"] = {"orient": "top", "direction": "horizontal", "title": None, "labelLimit": 0}
    say_marks(color, dict(zip(labels, LINES)))
    tooltip = [field("series", "nominal"), field("iteration"), field("value", title="cost", format=".6g")]
    layers = [
        layer_of(
            "runs", {"type": "line", "strokeWidth": 2, "clip": True, "strokeDash": dash},
            {"x": field("iteration", title="iteration"), "y": field("value", title=title, scale=scale, **({"axis": axis} if axis else {})),
             "color": color, "tooltip": tooltip},
            [{"filter": {"field": "series", "equal": label}}],
        )
        for label, dash in zip(labels, DASHES)
    ]
    return chart(layers, {"runs": lines}, height=height)
