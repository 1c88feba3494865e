"""The update rules of the classic first-version mistakes, each a pure function of (w, b).

The lab's loop, which every rule changes in one place::

    for i in range(num_iters):
        dj_dw, dj_db = compute_gradient(x, y, w, b)      # 1/m sum err_i x_i, 1/m sum err_i
        b = b - alpha * dj_db
        w = w - alpha * dj_dw

Each rule takes (f, w, b, alpha, carry) and returns the new (w, b), the dj_dw, dj_db the
buggy code would print, and what it carries to the next iteration. The formulas come from
``gd_core.sums`` (the gradient from the centred sums, so an iteration costs the same for 2 rows
or 2 million); with ``S = m * gradient`` for the undivided sums and ``c`` the mean residual
1/m sum err_i, every mistake is a few flops. ``gd_core.bug_catalogue`` names them.

>>> f = formulas(summarize([1.0, 2.0], [300.0, 500.0]))
>>> correct(f, 0.0, 0.0, 0.01, None)[:4]
(6.5, 4.0, -650.0, -400.0)
>>> [round(v, 6) for v in sequential(f, 0.0, 0.0, 0.01, None)[:4]]
[6.5, 3.9025, -633.75, -390.25]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gd_core.sums import Stats, summarize  # noqa: F401  (summarize: for the doctest)

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


def sequential_first_dj_dw(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """The same mistake written ``dj_dw, dj_db = compute_gradient(x, y, w, b)``, ``w = w - alpha * dj_dw``,
    ``_, dj_db = compute_gradient(x, y, w, b)``, ``b = b - alpha * dj_db``: the printed dj_dw is the first call's."""
    dj_dw, _ = f.gradient(w, b)
    w = w - alpha * dj_dw
    _, dj_db = f.gradient(w, b)
    return w, b - alpha * dj_db, dj_dw, dj_db, carry


def sequential_first_gradient(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """The same mistake written ``w = w - alpha * dj_dw``, then ``b = b - alpha * compute_gradient(x, y, w, b)[1]``:
    both printed gradients are the first call's, b's step is the second's."""
    dj_dw, dj_db = f.gradient(w, b)
    w = w - alpha * dj_dw
    _, dj_db_new = f.gradient(w, b)
    return w, b - alpha * dj_db_new, dj_dw, dj_db, carry


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


def dj_db_with_x(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``dj_db_i = (f_wb - y[i]) * x[i]``; corrected ``dj_db_i = f_wb - y[i]`` (one feature).

    dj_db = 1/m sum_i err_i x_i = dj_dw: b takes w's step, and the printed dj_db equals dj_dw.
    """
    dj_dw, _ = f.gradient(w, b)
    return w - alpha * dj_dw, b - alpha * dj_dw, dj_dw, dj_dw, carry


def b_with_dj_dw(f: Formulas, w: Any, b: float, alpha: float, carry: Any) -> Step:
    """Buggy ``b = b - alpha * dj_dw``; corrected ``b = b - alpha * dj_db``: b follows w's slope."""
    dj_dw, dj_db = f.gradient(w, b)
    return w - alpha * dj_dw, b - alpha * dj_dw, dj_dw, dj_db, carry
