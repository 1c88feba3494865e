"""The classic first-version mistakes in the course lab's gradient descent, each one simulated.

The lab's loop, which every entry changes in one place::

    for i in range(num_iters):
        dj_dw, dj_db = compute_gradient(x, y, w, b)      # 1/m sum err_i x_i, 1/m sum err_i
        b = b - alpha * dj_db
        w = w - alpha * dj_dw
        J_history.append(compute_cost(x, y, w, b))       # 1/(2m) sum err_i^2, after the update

Each entry is an update rule: from (w, b) it returns the new (w, b) and the dj_dw, dj_db the
buggy code would print. The formulas come from ``gd_core.sums`` (the gradient from the centred
sums, so an iteration costs the same for 2 rows or 2 million); with ``S = m * gradient`` for the
undivided sums and ``c`` the mean residual 1/m sum err_i, every mistake is a few flops.

>>> run = simulate(ENTRIES["sign flipped"], summarize([1.0, 2.0], [300.0, 500.0]), 0.01, 2, 0.0, 0.0)
>>> run.w.tolist(), run.b.tolist()
([0.0, -6.5, -13.2225], [0.0, -4.0, -8.1375])
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from gd_core.frozen import frozen
from gd_core.log_parse import course_line
from gd_core.sums import Stats, summarize  # noqa: F401  (summarize: for the doctest)

__all__ = ["CATALOGUE", "ENTRIES", "NAMES", "BugEntry", "Formulas", "Run", "formulas", "printed_log", "simulate"]

MAX_SIM_ITERS = 100_000  # the lab itself stops recording the history there
_HUGE = sys.float_info.max


@dataclass(frozen=True)
class Formulas:
    """J, its gradient and the mean residual at (w, b), for one feature (floats) or several (arrays)."""

    m: int
    n: int
    gradient: Callable[[Any, float], tuple[Any, float]]  # (dJ/dw, dJ/db)
    cost: Callable[[Any, float], float]  # 1/(2m) sum err_i^2
    mean_error: Callable[[Any, float], float]  # c = 1/m sum err_i = dJ/db


def formulas(stats: Stats) -> Formulas:
    """dJ/dw = Sxx (w - w*) / m + x_bar c,  dJ/db = c,  J = ((w - w*)^T Sxx (w - w*) + SSE*) / (2m) + c^2 / 2."""
    m = stats.m
    if stats.n == 1:
        # Plain floats: an iteration is a dozen flops, and numpy's call overhead would dominate.
        sxx_m, x_bar, w_star = float(stats.sxx[0, 0]) / m, float(stats.x_bar[0]), float(stats.w_star[0])
        y_bar, sse_m = stats.y_bar, stats.sse_star / m

        def gradient(w: Any, b: float) -> tuple[Any, float]:
            c = x_bar * w + b - y_bar
            return sxx_m * (w - w_star) + x_bar * c, c

        def cost(w: Any, b: float) -> float:
            c, d = x_bar * w + b - y_bar, w - w_star
            return 0.5 * (sxx_m * d * d + sse_m + c * c)

        def mean_error(w: Any, b: float) -> float:
            return x_bar * w + b - y_bar

        return Formulas(m, 1, gradient, cost, mean_error)

    sxx_m_a, x_bar_a, w_star_a = stats.sxx / m, stats.x_bar, stats.w_star
    y_bar, sse_m = stats.y_bar, stats.sse_star / m

    def gradient_n(w: Any, b: float) -> tuple[Any, float]:
        c = float(x_bar_a @ w) + b - y_bar
        return sxx_m_a @ (w - w_star_a) + x_bar_a * c, c

    def cost_n(w: Any, b: float) -> float:
        c, d = float(x_bar_a @ w) + b - y_bar, w - w_star_a
        return float(0.5 * (d @ sxx_m_a @ d + sse_m + c * c))

    def mean_error_n(w: Any, b: float) -> float:
        return float(x_bar_a @ w) + b - y_bar

    return Formulas(m, stats.n, gradient_n, cost_n, mean_error_n)


# --- the update rules: (f, w, b, alpha, carry) -> (w, b, dj_dw, dj_db, carry) ------------------

Step = tuple[Any, float, Any, float, Any]


def correct(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """The lab's loop: ``b = b - alpha * dj_db`` and ``w = w - alpha * dj_dw``, from the same (w, b)."""
    dj_dw, dj_db = f.gradient(w, b)
    return w - alpha * dj_dw, b - alpha * dj_db, dj_dw, dj_db, carry


def sign_flipped(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``w = w + alpha * dj_dw`` (and b); corrected ``w = w - alpha * dj_dw``: it walks uphill."""
    dj_dw, dj_db = f.gradient(w, b)
    return w + alpha * dj_dw, b + alpha * dj_db, dj_dw, dj_db, carry


def missing_1_over_m(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``return dj_dw, dj_db`` on the sums; corrected ``dj_dw = dj_dw / m`` (and dj_db) first.

    dj_dw = sum_i err_i x_i, dj_db = sum_i err_i: as if alpha were m times larger.
    """
    dj_dw, dj_db = f.gradient(w, b)
    dj_dw, dj_db = f.m * dj_dw, f.m * dj_db
    return w - alpha * dj_dw, b - alpha * dj_db, dj_dw, dj_db, carry


def missing_x(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``dj_dw_i = (f_wb - y[i])``; corrected ``dj_dw_i = (f_wb - y[i]) * x[i]``.

    dj_dw = 1/m sum_i err_i = dj_db (every feature's), so w moves exactly like b.
    """
    c = f.mean_error(w, b)
    dj_dw = c if f.n == 1 else np.full(f.n, c)
    return w - alpha * dj_dw, b - alpha * c, dj_dw, c, carry


def sequential(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``w = w - alpha * dj_dw``, then ``dj_dw, dj_db = compute_gradient(x, y, w, b)`` at the
    new w, then ``b = b - alpha * dj_db``; corrected: one compute_gradient, then both updates.

    The printed dj_dw, dj_db are the second call's.
    """
    dj_dw, _ = f.gradient(w, b)
    w = w - alpha * dj_dw
    dj_dw, dj_db = f.gradient(w, b)
    return w, b - alpha * dj_db, dj_dw, dj_db, carry


def not_reset(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``dj_dw = 0`` and ``dj_db = 0`` once, before ``for i in range(num_iters):``; corrected:
    reset them at the start of every iteration (as compute_gradient does).

    The lab divides the sums in place (``dj_dw = dj_dw / m``), so what carries over is last
    iteration's gradient: dj_dw_k = (dj_dw_{k-1} + sum_i err_i x_i) / m, and dj_db alike.
    """
    dj_dw, dj_db = f.gradient(w, b)
    last_dw, last_db = carry if carry is not None else (0.0, 0.0)
    dj_dw, dj_db = (last_dw + f.m * dj_dw) / f.m, (last_db + f.m * dj_db) / f.m
    return w - alpha * dj_dw, b - alpha * dj_db, dj_dw, dj_db, (dj_dw, dj_db)


def not_reset_sums(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """The same mistake, written with the division in the update: ``w = w - alpha * dj_dw / m``.

    Then the undivided sums themselves pile up: dj_dw_k = dj_dw_{k-1} + sum_i err_i x_i (printed
    as they are), and each update uses dj_dw_k / m.
    """
    dj_dw, dj_db = f.gradient(w, b)
    last_dw, last_db = carry if carry is not None else (0.0, 0.0)
    sum_dw, sum_db = last_dw + f.m * dj_dw, last_db + f.m * dj_db
    return w - alpha * sum_dw / f.m, b - alpha * sum_db / f.m, sum_dw, sum_db, (sum_dw, sum_db)


def b_with_dj_dw(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``b = b - alpha * dj_dw``; corrected ``b = b - alpha * dj_db``: b follows w's slope."""
    dj_dw, dj_db = f.gradient(w, b)
    return w - alpha * dj_dw, b - alpha * dj_dw, dj_dw, dj_db, carry


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
    rule: Callable[[Formulas, Any, float, float, Any], Step]
    cost_factor: float = 1.0
    one_feature_only: bool = False
    variants: tuple[Callable[[Formulas, Any, float, float, Any], Step], ...] = ()  # other ways to write it

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
    if not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    num_iters = min(int(num_iters), MAX_SIM_ITERS)
    f = formulas(stats)
    if entry.one_feature_only and f.n > 1:
        raise ValueError(f"'{entry.name}' is a one-feature mistake; x has {f.n} features")
    w: Any = float(np.asarray(w_in, dtype=float).reshape(-1)[0]) if f.n == 1 else (
        np.broadcast_to(np.asarray(w_in, dtype=float).reshape(-1), (f.n,)).copy())
    b = float(b_in)
    rule, factor = (entry.rule, *entry.variants)[variant], entry.cost_factor
    ws, bs, costs, dws, dbs = [w], [b], [factor * f.cost(w, b)], [], []
    carry = None
    blew_up_at = None
    with np.errstate(all="ignore"):
        for i in range(num_iters):
            w, b, dj_dw, dj_db, carry = rule(f, w, b, alpha, carry)
            cost = factor * f.cost(w, b)
            if not cost <= _HUGE:  # inf or nan
                blew_up_at = i
                break
            ws.append(w)
            bs.append(b)
            costs.append(cost)
            dws.append(dj_dw)
            dbs.append(dj_db)
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
