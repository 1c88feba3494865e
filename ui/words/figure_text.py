"""A moving figure in words, for a screen reader: what is drawn, where it starts and ends, the
verdict, and the numbers behind every frame of its player.

A ``FigureText`` is computed from the very runs a figure draws, at the very iterations its frames
show (read from the figure: ui.views.player), so the words and the picture cannot disagree.
Before a prediction is committed (``hidden``) it says only what the start-only figure shows: the
start, never where a run goes. A verdict hidden by a challenge is passed as None and not named.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from gd_core.descent import DescentRun
from gd_core.minibatch import MiniBatchRun
from gd_core.surface import SurfacePaths
from gd_core.wording import plural
from ui.words.text import fmt

ANSWER_FIRST = "Where it goes is shown once you answer the question."
IN_CLASS = "Where it goes is shown on the teacher's screen once the class has answered."  # the class view's student: their answer plays nothing


def in_class(words: FigureText) -> FigureText:
    """A start's words for the class view's student (``ANSWER_FIRST`` is not true there)."""
    return replace(words, summary=words.summary.replace(ANSWER_FIRST, IN_CLASS))


@dataclass(frozen=True)
class FigureText:
    """``summary``: the figure in sentences. ``columns`` and ``rows``: the numbers behind each
    frame, a row per frame (its first cell the iteration the frame shows); ``last``: the run's
    last iteration. No rows when nothing moves (before a prediction)."""

    label: str
    summary: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    last: int = 0
    moment: str = "Iteration {shown} of {last}"  # what a frame shows, before its numbers (the player's slider reads it too)

    def line(self, k: int) -> str:
        """Frame ``k`` as one sentence: 'Iteration 12 of 30: w = 1.2, J(w) = 0.45.'"""
        row = self.rows[k]
        values = ", ".join(f"{name} = {value}" for name, value in zip(self.columns[1:], row[1:]))
        return f"{self.moment.format(shown=row[0], last=self.last)}: {values}."

    @cached_property
    def json(self) -> bytes:
        """Everything above as one JSON object, made once: a page sends it on every rerun, and
        made anew each time, 300 rows of numbers would cost the rerun a few milliseconds. Each
        frame's sentence is not sent: the player writes ``line(k)`` from ``moment`` (its
        iteration as "{shown}") and the row (page 3's first load: 64 of 76 kB were the rows
        twice, as cells and as sentences; issue 26)."""
        moment = self.moment.format(shown="{shown}", last=self.last)
        fields = {"label": self.label, "summary": self.summary, "columns": self.columns, "rows": self.rows, "moment": moment, "last": self.last}
        return json.dumps(fields, ensure_ascii=False).encode()


def _at(values: np.ndarray, i: int) -> float:
    """Row i of a history, or its last row when the run stopped before iteration i."""
    return float(values[min(int(i), len(values) - 1)])


def _verdict(verdict: str | None) -> str:
    if not verdict:
        return ""
    return " Verdict: " + (verdict if verdict.endswith((".", "!", "?")) else verdict + ".")


def _rows(iterations: Sequence[int], columns: Sequence[np.ndarray]) -> tuple[tuple[str, ...], ...]:
    return tuple((f"{int(i):,}", *(fmt(_at(c, i)) for c in columns)) for i in iterations)


def _went(run: DescentRun, cost: str = "J") -> str:
    """'from w = 2 (J = 4) to w = 0.01 (J = 0.0001) in 30 iterations'."""
    return (f"from w = {fmt(float(run.w[0]))} ({cost} = {fmt(float(run.cost[0]))}) to w = {fmt(run.final_w)} "
            f"({cost} = {fmt(float(run.cost[-1]))}) in {plural(run.iterations, 'iteration')}")


def intuition_text(curve_name: str, run: DescentRun, iterations: Sequence[int], *, hidden: bool, verdict: str | None = None) -> FigureText:
    """Page 1: the point on J(w), its tangent and its step, iteration by iteration."""
    label = f"The cost curve J(w) ({curve_name}) with gradient descent's point on it"
    w0, j0, s0 = float(run.w[0]), float(run.cost[0]), float(run.slope[0])
    start = f"The point starts at w = {fmt(w0)}, where J(w) = {fmt(j0)} and the slope dJ/dw = {fmt(s0)}; its tangent is drawn there."
    if hidden:
        return FigureText(label, f"{label}. {start} {ANSWER_FIRST}")
    summary = f"{label}, its tangent and the step each update takes. Over the run, w goes {_went(run)}.{_verdict(verdict)}"
    return FigureText(label, summary, ("iteration", "w", "J(w)", "dJ/dw"), _rows(iterations, [run.w, run.cost, run.slope]), run.iterations)


def learning_rate_text(runs: Sequence[tuple[str, DescentRun]], iterations: Sequence[int], *, hidden: bool, verdicts: Sequence[str | None] = ()) -> FigureText:
    """Page 2: every alpha's point on J(w) and its cost J(w) − J(w*) per iteration."""
    label = f"{plural(len(runs), 'learning rate')} side by side: each one's point on J(w), and its cost per iteration"
    w0 = float(runs[0][1].w[0])
    if hidden:
        return FigureText(label, f"{label}. Every α starts at w = {fmt(w0)}, where J(w) = {fmt(float(runs[0][1].cost[0]))}. {ANSWER_FIRST}")
    said = " ".join(
        f"{name}: w goes {_went(run)}.{_verdict(verdict)}" for (name, run), verdict in zip(runs, [*verdicts, *[None] * len(runs)])
    )
    columns = ["iteration"]
    values = []
    for name, run in runs:
        columns += [f"w ({name})", f"J ({name})"]
        values += [run.w, run.cost]
    last = max(run.iterations for _, run in runs)
    return FigureText(label, f"{label}. {said}", tuple(columns), _rows(iterations, values), last)


def local_minimum_text(
    runs: Sequence[tuple[str, DescentRun]], paths: SurfacePaths, iterations: Sequence[int], *, hidden: bool, minima: Sequence[float] = (), verdict: str | None = None,
) -> FigureText:
    """Page 3: several starts rolling down J(w), and paths on the landscape H(w, b)."""
    count = int(paths.w.shape[1])
    label = f"{plural(len(runs), 'start')} on the curve J(w), and {plural(count, 'path')} on the landscape H(w, b)"
    starts = ", ".join(fmt(float(run.w[0])) for _, run in runs)
    corners = "; ".join(f"({fmt(float(paths.w[0, k]))}, {fmt(float(paths.b[0, k]))})" for k in range(count))
    where = f"The starts on J(w) are at w = {starts}. The paths on H(w, b) start at (w, b) = {corners}."
    if hidden:
        return FigureText(label, f"{label}. {where} {ANSWER_FIRST}")
    ends = " ".join(f"The start {name} goes {_went(run)}." for name, run in runs)
    minima_words = f" The curve's local minima are at w = {', '.join(fmt(m) for m in minima)}." if minima else ""
    last_path = int(paths.w.shape[0] - 1)
    path_ends = "; ".join(f"({fmt(float(paths.w[-1, k]))}, {fmt(float(paths.b[-1, k]))})" for k in range(count))
    summary = (f"{label}. {where} {ends}{_verdict(verdict)}{minima_words} "
               f"After {plural(last_path, 'iteration')} the paths on H(w, b) are at (w, b) = {path_ends}.")
    columns = ["iteration", *(f"w ({name})" for name, _ in runs), *(f"path {k + 1} (w, b)" for k in range(count))]
    rows = tuple(
        (f"{int(i):,}", *(fmt(_at(run.w, i)) for _, run in runs),
         *(f"({fmt(_at(paths.w[:, k], i))}, {fmt(_at(paths.b[:, k], i))})" for k in range(count)))
        for i in iterations
    )
    return FigureText(label, summary, tuple(columns), rows, max(max(run.iterations for _, run in runs), last_path))


def regression_text(
    fits: Sequence[tuple[str, np.ndarray, np.ndarray, np.ndarray]], points: int, iterations: Sequence[int], *, hidden: bool, verdict: str | None = None,
) -> FigureText:
    """Page 4: the data with the line f(x) = w x + b, its cost per iteration and J(w, b).
    ``fits``: (name, w history, b history, cost history) per update rule, the reported one first."""
    label = f"The data ({plural(points, 'point')}) with the line f(x) = w x + b that gradient descent fits, and its cost J(w, b)"
    name, w, b, cost = fits[0]
    start = f"The line starts at w = {fmt(float(w[0]))}, b = {fmt(float(b[0]))}, where J(w, b) = {fmt(float(cost[0]))}."
    if hidden:
        return FigureText(label, f"{label}. {start} {ANSWER_FIRST}")
    ends = " ".join(
        f"With the {n} update the line ends at w = {fmt(float(fw[-1]))}, b = {fmt(float(fb[-1]))}, J(w, b) = {fmt(float(fc[-1]))}, "
        f"after {plural(fc.size - 1, 'iteration')}."
        for n, fw, fb, fc in fits
    )
    summary = f"{label}; the cost per iteration beside it, and J(w, b) as a map and a surface. {start} {ends}{_verdict(verdict)}"
    one = len(fits) == 1
    columns = ["iteration"]
    values = []
    for n, fw, fb, fc in fits:
        columns += ["w", "b", "J(w, b)"] if one else [f"w ({n})", f"b ({n})", f"J ({n})"]
        values += [fw, fb, fc]
    return FigureText(label, summary, tuple(columns), _rows(iterations, values), max(fc.size - 1 for *_, fc in fits))


def _run_went(name: str, run: MiniBatchRun) -> str:
    """'The batch (all 50 examples) run ends at w = 1.9, b = 0.1, J(w, b) = 0.5 after 10 updates (10 epochs).'"""
    stopped = " (it diverged there)" if run.stop_reason == "diverged" else ""
    return (f"The {name} run ends at w = {fmt(float(run.w_history[-1, 0]))}, b = {fmt(float(run.b_history[-1]))}, "
            f"J(w, b) = {fmt(float(run.cost_history[-1]))} after {plural(run.updates, 'update')} "
            f"({plural(int(run.epoch_ends.size - 1), 'whole epoch')}){stopped}.")


def batches_text(runs: Sequence[tuple[str, MiniBatchRun]], examples: Sequence[int], updates: Sequence[np.ndarray]) -> FigureText:
    """Page 6: batch, mini-batch and stochastic descent on the map of J(w, b), the data's lines and
    the cost per update and per epoch. The player's clock is the examples used: ``examples`` per
    frame, and ``updates`` (one array per run) the update each run had made by then. Drawn only
    once an answer is committed (before it, the page says the start in words and draws nothing)."""
    names = ", ".join(name for name, _ in runs)
    label = f"Gradient descent three ways on the same data ({names}): their paths on the map of J(w, b), the data with each run's line, and the cost per update and per epoch"
    first = runs[0][1]
    start = (f"All three start at w = {fmt(float(first.w_history[0, 0]))}, b = {fmt(float(first.b_history[0]))}, "
             f"where J(w, b) = {fmt(float(first.cost_history[0]))}.")
    clock = f"The player's clock is the examples used, from 0 to {int(examples[-1]):,}: at each moment the three runs have seen the same data."
    summary = f"{label}. {start} {' '.join(_run_went(name, run) for name, run in runs)} {clock}"
    columns = ["examples used"]
    for name, _ in runs:
        short = name.split(" (")[0]  # 'mini-batch (B = 16)': 'mini-batch', a column's name short enough to read out
        columns += [f"update ({short})", f"w ({short})", f"b ({short})", f"J ({short})"]
    rows = tuple(
        (f"{int(e):,}", *(cell for (_, run), at in zip(runs, updates) for cell in (
            f"{int(at[k]):,}", fmt(_at(run.w_history[:, 0], at[k])), fmt(_at(run.b_history, at[k])), fmt(_at(run.cost_history, at[k])))))
        for k, e in enumerate(examples)
    )
    return FigureText(label, summary, tuple(columns), rows, int(examples[-1]), moment="{shown} of {last:,} examples used")
