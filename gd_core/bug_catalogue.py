"""The classic first-version mistakes in the course lab's gradient descent, each one simulated.

The lab's loop, which every entry changes in one place::

    for i in range(num_iters):
        dj_dw, dj_db = compute_gradient(x, y, w, b)      # 1/m sum err_i x_i, 1/m sum err_i
        b = b - alpha * dj_db
        w = w - alpha * dj_dw
        J_history.append(compute_cost(x, y, w, b))       # 1/(2m) sum err_i^2, after the update

Each entry names an update rule of ``gd_core.bug_rules``: from (w, b) it returns the new (w, b)
and the dj_dw, dj_db the buggy code would print. ``simulate`` runs one.

>>> run = simulate(ENTRIES["sign flipped"], summarize([1.0, 2.0], [300.0, 500.0]), 0.01, 2, 0.0, 0.0)
>>> run.w.tolist(), run.b.tolist()
([0.0, -6.5, -13.2225], [0.0, -4.0, -8.1375])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from gd_core.bug_rules import (
    b_with_dj_dw,
    correct,
    dj_db_with_x,
    missing_1_over_m,
    missing_x,
    not_reset,
    not_reset_sums,
    sequential_first_dj_dw,
    sequential_first_gradient,
    sign_flipped,
)
from gd_core.bug_rules import sequential_update as sequential
from gd_core.frozen import frozen
from gd_core.log_parse import course_line
from gd_core.loop import FLOAT_MAX, check_run, run_scalar
from gd_core.sums import Formulas, Stats, formulas, summarize  # noqa: F401  (summarize: for the doctest)
from gd_core.update import UpdateRule

__all__ = ["CATALOGUE", "ENTRIES", "NAMES", "BugEntry", "Formulas", "Run", "formulas", "printed_log", "simulate"]

MAX_SIM_ITERS = 100_000  # the lab itself stops recording the history there
MakeRule = Callable[[float, int], UpdateRule]  # (alpha, m) -> the rule (gd_core.bug_rules)


@dataclass(frozen=True)
class BugEntry:
    """One mistake: its name, where it sits in the lab's code, the buggy and the corrected line.

    ``cost_factor`` scales the printed cost (2 for a cost without the 1/2). The lines of
    ``α too large`` name the student's alpha: fill them with ``lines(alpha, limit)``.
    """

    name: str
    where: str
    buggy_line: str
    corrected_line: str
    explanation: str
    rule: MakeRule
    cost_factor: float = 1.0
    one_feature_only: bool = False
    variants: tuple[MakeRule, ...] = ()  # other ways to write it

    def lines(self, alpha: float, limit: float) -> tuple[str, str]:
        """(buggy, corrected) with this run's alpha and a safe one, half the stable limit."""
        safe = float(f"{0.5 * limit:.1g}")
        return (self.buggy_line.format(alpha=f"{alpha:g}", safe=f"{safe:g}", limit=f"{limit:.3g}"),
                self.corrected_line.format(alpha=f"{alpha:g}", safe=f"{safe:g}", limit=f"{limit:.3g}"))


CATALOGUE: tuple[BugEntry, ...] = (
    BugEntry("correct", "", "", "", "The code is right: its log is what the lab's own solution prints.", correct),
    BugEntry(
        "sign flipped", "gradient_descent",
        "b = b + alpha * dj_db\nw = w + alpha * dj_dw",
        "b = b - alpha * dj_db\nw = w - alpha * dj_dw",
        "Adding the gradient walks uphill: the cost grows at every iteration.", sign_flipped,
    ),
    BugEntry(
        "missing 1/m in the gradient", "compute_gradient",
        "return dj_dw, dj_db          # the sums, never divided by m",
        "dj_dw = dj_dw / m\ndj_db = dj_db / m\nreturn dj_dw, dj_db",
        "Without 1/m the gradient is m times too large, as if alpha were m times larger.", missing_1_over_m,
    ),
    BugEntry(
        "missing x in dJ/dw", "compute_gradient",
        "dj_dw_i = (f_wb - y[i])",
        "dj_dw_i = (f_wb - y[i]) * x[i]",
        "Without x[i], dj_dw is the mean error: w moves exactly like b and settles in the wrong place.", missing_x,
    ),
    BugEntry(
        "sequential update", "gradient_descent",
        "w = w - alpha * dj_dw\ndj_dw, dj_db = compute_gradient(x, y, w, b)   # b's gradient at the new w\nb = b - alpha * dj_db",
        "dj_dw, dj_db = compute_gradient(x, y, w, b)\nb = b - alpha * dj_db\nw = w - alpha * dj_dw",
        "b's gradient is taken after w has moved, so the two parameters no longer step together.", sequential,
        variants=(sequential_first_dj_dw, sequential_first_gradient),
    ),
    BugEntry(
        "gradient not reset each iteration", "gradient_descent",
        "dj_dw = 0\ndj_db = 0\nfor i in range(num_iters):       # the sums carry last iteration's values",
        "for i in range(num_iters):\n    dj_dw = 0                    # start the sums from 0 every iteration\n    dj_db = 0",
        "The sums start from last iteration's gradient instead of 0, so old gradients keep pushing.", not_reset,
        variants=(not_reset_sums,),
    ),
    BugEntry(
        "b updated with dJ/dw", "gradient_descent",
        "b = b - alpha * dj_dw",
        "b = b - alpha * dj_db",
        "b follows w's slope instead of its own.", b_with_dj_dw, one_feature_only=True,
    ),
    BugEntry(
        "x in dJ/db", "compute_gradient",
        "dj_db_i = (f_wb - y[i]) * x[i]",
        "dj_db_i = f_wb - y[i]",
        "With x[i], dj_db is the same sum as dj_dw: b takes w's step instead of its own.", dj_db_with_x,
        one_feature_only=True,
    ),
    BugEntry(
        "cost without the 1/2", "compute_cost",
        "total_cost = (1 / m) * cost",
        "total_cost = (1 / (2 * m)) * cost",
        "The parameters are right; every printed cost is twice the course's J(w, b).", correct, cost_factor=2.0,
    ),
    BugEntry(
        "α too large", "the call to gradient_descent",
        "alpha = {alpha}",
        "alpha = {safe}                 # below the stable limit {limit}",
        "The code is right, but alpha is above the stable limit 2 / λ_max: every step overshoots further.", correct,
    ),
)
ENTRIES = {entry.name: entry for entry in CATALOGUE}
NAMES = tuple(ENTRIES)


@dataclass(frozen=True)
class Run:
    """A simulated run. States include the start: ``w[k], b[k], cost[k]`` after k updates;
    ``dj_dw[k], dj_db[k]`` are the values printed at iteration k (length one less).
    A run that blows up stops at its last finite state (``blew_up_at``, else None)."""

    name: str
    w: np.ndarray
    b: np.ndarray
    cost: np.ndarray
    dj_dw: np.ndarray
    dj_db: np.ndarray
    blew_up_at: int | None
    variant: int = 0  # which way of writing the mistake (``BugEntry.variants``)

    @property
    def iterations(self) -> int:
        return int(self.cost.size - 1)


def simulate(
    entry: BugEntry, stats: Stats, alpha: float, num_iters: int, w_in: ArrayLike, b_in: float, variant: int = 0
) -> Run:
    """Run ``entry``'s update rule ``num_iters`` times from (w_in, b_in); never raises on overflow.

    ``variant`` k > 0 runs ``entry.variants[k - 1]``, another way of writing the same mistake.
    """
    check_run(alpha, 0)
    num_iters = min(int(num_iters), MAX_SIM_ITERS)
    f = formulas(stats)
    if entry.one_feature_only and f.n > 1:
        raise ValueError(f"'{entry.name}' is a one-feature mistake; x has {f.n} features")
    w: Any = float(np.asarray(w_in, dtype=float).reshape(-1)[0]) if f.n == 1 else (
        np.broadcast_to(np.asarray(w_in, dtype=float).reshape(-1), (f.n,)).copy())
    rule, factor = (entry.rule, *entry.variants)[variant](alpha, f.m), entry.cost_factor
    # The student's float overflowed where the factor x J does: stop there (gd_core.loop).
    trace = run_scalar(rule, f.evaluate, (w, float(b_in)), num_iters, limit=FLOAT_MAX / factor, keep=True)
    blew_up_at = trace.stopped_at - 1 if trace.stop == "diverged" else None
    ws, bs = trace.columns
    dws, dbs = trace.printed
    costs = [factor * cost for cost in trace.cost]
    return Run(entry.name, frozen(ws), frozen(bs), frozen(costs), frozen(dws), frozen(dbs), blew_up_at, variant)


def printed_log(run: Run, num_iters: int) -> str:
    """What the lab's loop prints for ``run``: every ceil(num_iters / 10)-th iteration, the cost
    and (w, b) after that iteration's update, and the gradients that made it (one feature).

    >>> from gd_core.sums import summarize
    >>> run = simulate(ENTRIES["correct"], summarize([1.0, 2.0], [300.0, 500.0]), 0.01, 10, 0.0, 0.0)
    >>> printed_log(run, 10).splitlines()[0]
    'Iteration    0: Cost 7.93e+04  dj_dw: -6.500e+02, dj_db: -4.000e+02   w:  6.500e+00, b: 4.00000e+00'
    """
    every = math.ceil(num_iters / 10)
    lines = []
    for i in range(0, min(num_iters, run.dj_dw.shape[0]), every):
        w, dj_dw = np.asarray(run.w[i + 1]).reshape(-1)[0], np.asarray(run.dj_dw[i]).reshape(-1)[0]
        lines.append(course_line(i, float(run.cost[i + 1]), float(dj_dw), float(run.dj_db[i]), float(w), float(run.b[i + 1])))
    return "\n".join(lines)
