"""The update rules of the classic first-version mistakes, each an ``UpdateRule`` (gd_core.update).

The lab's loop, which every rule changes in one place::

    for i in range(num_iters):
        dj_dw, dj_db = compute_gradient(x, y, w, b)      # 1/m sum err_i x_i, 1/m sum err_i
        b = b - alpha * dj_db
        w = w - alpha * dj_dw

Each function here takes the run's alpha and m and returns the rule: from params = (w, b) and
the gradient there (from ``gd_core.sums.formulas``) it gives the new (w, b); what the buggy code
would print as dj_dw, dj_db is its state (``UpdateRule.printed``). With ``S = m * gradient``
for the undivided sums and ``c`` the mean residual 1/m sum err_i, every mistake is a few flops.
``gd_core.bug_catalogue`` names them.

>>> f = formulas(summarize([1.0, 2.0], [300.0, 500.0]))
>>> rule = sign_flipped(0.01, f.m)
>>> rule.step(f.gradient((0.0, 0.0)), rule.init((0.0, 0.0)), (0.0, 0.0), f.gradient)[0]
(-6.5, -4.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gd_core.sums import formulas, summarize  # noqa: F401  (for the doctest)
from gd_core.update import Gradient, Grads, Params, UpdateRule, sequential, simultaneous

__all__ = [
    "b_with_dj_dw", "correct", "dj_db_with_x", "missing_1_over_m", "missing_x", "not_reset", "not_reset_sums",
    "sequential_update", "sequential_first_dj_dw", "sequential_first_gradient", "sign_flipped",
]


def _printed(grads: Grads, state: Any) -> Grads:
    return state


def _rule(name: str, step: Any, init: Any = None) -> UpdateRule:
    """A mistake whose state is what it prints (and, for the sums not reset, what it carries)."""
    return UpdateRule(name, init or (lambda params: None), step, printed=_printed)


def correct(alpha: float, m: int) -> UpdateRule:
    """The lab's loop: ``b = b - alpha * dj_db`` and ``w = w - alpha * dj_dw``, from the same (w, b)."""
    return simultaneous(alpha)


def sequential_update(alpha: float, m: int) -> UpdateRule:
    """Buggy ``w = w - alpha * dj_dw``, then ``dj_dw, dj_db = compute_gradient(x, y, w, b)`` at the
    new w, then ``b = b - alpha * dj_db``; corrected: one compute_gradient, then both updates.

    The printed dj_dw, dj_db are the second call's (``gd_core.update.sequential``).
    """
    return sequential(alpha)


def sign_flipped(alpha: float, m: int) -> UpdateRule:
    """Buggy ``w = w + alpha * dj_dw`` (and b); corrected ``w = w - alpha * dj_dw``: it walks uphill."""

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        return (params[0] + alpha * grads[0], params[1] + alpha * grads[1]), grads

    return _rule("sign flipped", step)


def missing_1_over_m(alpha: float, m: int) -> UpdateRule:
    """Buggy ``return dj_dw, dj_db`` on the sums; corrected ``dj_dw = dj_dw / m`` (and dj_db) first.

    dj_dw = sum_i err_i x_i, dj_db = sum_i err_i: as if alpha were m times larger.
    """
    plain = simultaneous(alpha).step

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        sums = (m * grads[0], m * grads[1])
        return plain(sums, state, params, gradient)[0], sums

    return _rule("missing 1/m", step)


def missing_x(alpha: float, m: int) -> UpdateRule:
    """Buggy ``dj_dw_i = (f_wb - y[i])``; corrected ``dj_dw_i = (f_wb - y[i]) * x[i]``.

    dj_dw = 1/m sum_i err_i = dj_db (every feature's), so w moves exactly like b.
    """
    plain = simultaneous(alpha).step

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        c = grads[1]
        dj_dw = np.full(params[0].shape, c) if isinstance(params[0], np.ndarray) else c
        return plain((dj_dw, c), state, params, gradient)[0], (dj_dw, c)

    return _rule("missing x", step)


def sequential_first_dj_dw(alpha: float, m: int) -> UpdateRule:
    """The same mistake written ``dj_dw, dj_db = compute_gradient(x, y, w, b)``, ``w = w - alpha * dj_dw``,
    ``_, dj_db = compute_gradient(x, y, w, b)``, ``b = b - alpha * dj_db``: the printed dj_dw is the first call's."""
    rule = sequential(alpha)

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        new, second = rule.step(grads, state, params, gradient)
        return new, (grads[0], second[1])

    return _rule("sequential, first dj_dw", step)


def sequential_first_gradient(alpha: float, m: int) -> UpdateRule:
    """The same mistake written ``w = w - alpha * dj_dw``, then ``b = b - alpha * compute_gradient(x, y, w, b)[1]``:
    both printed gradients are the first call's, b's step is the second's."""
    rule = sequential(alpha)

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        return rule.step(grads, state, params, gradient)[0], grads

    return _rule("sequential, first gradient", step)


def not_reset(alpha: float, m: int) -> UpdateRule:
    """Buggy ``dj_dw = 0`` and ``dj_db = 0`` once, before ``for i in range(num_iters):``; corrected:
    reset them at the start of every iteration (as compute_gradient does).

    The lab divides the sums in place (``dj_dw = dj_dw / m``), so what carries over is last
    iteration's gradient: dj_dw_k = (dj_dw_{k-1} + sum_i err_i x_i) / m, and dj_db alike.
    """
    plain = simultaneous(alpha).step

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        carried = ((state[0] + m * grads[0]) / m, (state[1] + m * grads[1]) / m)
        return plain(carried, state, params, gradient)[0], carried

    return _rule("not reset", step, lambda params: (0.0, 0.0))


def not_reset_sums(alpha: float, m: int) -> UpdateRule:
    """The same mistake, written with the division in the update: ``w = w - alpha * dj_dw / m``.

    Then the undivided sums themselves pile up: dj_dw_k = dj_dw_{k-1} + sum_i err_i x_i (printed
    as they are), and each update uses dj_dw_k / m.
    """

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        sums = (state[0] + m * grads[0], state[1] + m * grads[1])
        return (params[0] - alpha * sums[0] / m, params[1] - alpha * sums[1] / m), sums

    return _rule("not reset, sums", step, lambda params: (0.0, 0.0))


def dj_db_with_x(alpha: float, m: int) -> UpdateRule:
    """Buggy ``dj_db_i = (f_wb - y[i]) * x[i]``; corrected ``dj_db_i = f_wb - y[i]`` (one feature).

    dj_db = 1/m sum_i err_i x_i = dj_dw: b takes w's step, and the printed dj_db equals dj_dw.
    """
    plain = simultaneous(alpha).step

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        both = (grads[0], grads[0])
        return plain(both, state, params, gradient)[0], both

    return _rule("x in dJ/db", step)


def b_with_dj_dw(alpha: float, m: int) -> UpdateRule:
    """Buggy ``b = b - alpha * dj_dw``; corrected ``b = b - alpha * dj_db``: b follows w's slope."""
    plain = simultaneous(alpha).step

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        return plain((grads[0], grads[0]), state, params, gradient)[0], grads

    return _rule("b with dJ/dw", step)
