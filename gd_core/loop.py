"""The loop that runs an update rule (``gd_core.update``), the one divergence policy, the one alpha check.

``run_scalar`` runs one start on plain numbers (a cost curve J(w), a line's J(w, b), a
simulated buggy run); ``gd_core.loop_many.run_many`` runs many starts or many alphas at once
on numpy arrays. Both do, per iteration::

    params, state = rule.step(grads, state, params, gradient)
    then stop if the run has diverged (below), or met its caller's convergence test

Divergence, the one policy: a run has diverged once the number it watches is not a finite
float or its size passes the limit, ``not |value| <= limit`` (so nan and inf count too). The
state that passed is refused: a run's history holds finite values only. Which number a loop
watches, and its limit, are set here and nowhere else:

========================  =================================  ===========================================
loop                      watches                            limit
========================  =================================  ===========================================
1-D curve (run_descent,   w (and J, dJ/dw must be finite)    ``W_LIMIT`` = 1e6: a lesson's curve spans a
basins, sweep_alphas)                                        few units; nothing comes back from 1e6
2-D landscape (surface)   w and b                            ``PICTURE_LIMIT`` = 1e3: the start stays
                                                             where it left the picture
a line's J(w, b) (linreg) J                                  ``COST_GROWTH`` x max(J_0, 1) = 1e30 x ...
a student's run           J                                  ``FLOAT_MAX``: where their own log shows
(bug_catalogue)                                              inf, so the simulation stops there too
========================  =================================  ===========================================

>>> past(float("nan"), 1.0), past(-2.0, 1.0), past(1.0, 1.0)
(True, True, False)
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gd_core.frozen import StopReason
from gd_core.update import Grads, Params, UpdateRule

W_LIMIT = 1e6
PICTURE_LIMIT = 1e3
COST_GROWTH = 1e30
FLOAT_MAX = sys.float_info.max


def past(value: Any, limit: float) -> Any:
    """The divergence test: ``value`` is not finite or its size passes ``limit`` (elementwise on arrays)."""
    if isinstance(value, np.ndarray):
        return ~(np.abs(value) <= limit)
    return not abs(value) <= limit


def cost_limit(cost0: float) -> float:
    """The limit a line's cost may not pass: COST_GROWTH x max(J_0, 1)."""
    return COST_GROWTH * max(cost0, 1.0)


def check_run(alpha: float, num_iters: int) -> None:
    """The one check of a run's settings, with what to do about a bad one.

    >>> check_run(-0.1, 10)
    Traceback (most recent call last):
    ...
    ValueError: alpha must be a finite number >= 0, got -0.1: pick a small positive learning rate such as 0.01
    """
    if not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}: pick a small positive learning rate such as 0.01")
    if num_iters < 0:
        raise ValueError(f"num_iters must be >= 0, got {num_iters!r}: pick how many updates to run, such as 1000")


# --- one start, plain numbers ---------------------------------------------------------------------

Evaluate = Callable[[Params], tuple[float, Grads]]  # params -> (J, grads) there
Before = Callable[[int, Grads], "str | None"]  # (iteration, grads) -> why it converged, or None
After = Callable[[int, Params, Params, Grads], "str | None"]  # (iteration, old, new, old grads) -> ...


@dataclass(frozen=True)
class Trace:
    """What ``run_scalar`` saw: ``columns[j][k]`` (parameter j: w, then b) and ``cost[k]`` after
    k updates (the start first); with ``keep``, ``grads[j][k]`` there and ``printed[j][k]``, the
    gradients update k + 1 shows (``UpdateRule.printed``), one list per parameter too.

    ``stop`` says why it ended at iteration ``stopped_at`` (1-based; ``message`` from the
    convergence test that fired); a ``"diverged"`` run keeps the refused (params, J, grads) in
    ``refused``.
    """

    columns: tuple
    cost: list
    grads: tuple
    printed: tuple
    stop: StopReason
    stopped_at: int
    message: str
    refused: tuple | None


class _Record:
    """What run_scalar keeps as it goes, one list per parameter (and per gradient), never a
    tuple per iteration: kept tuples wake the garbage collector every 700 iterations, and its
    full passes over them grow with the run (a fifth of a line's run, most of a simulation's)."""

    def __init__(self, params: Params, cost: float, grads: Grads, keep: bool) -> None:
        self.n, self.keep = len(params), keep
        self.columns, self.costs = tuple([p] for p in params), [cost]
        self.grads, self.printed = ([grads[0]], [grads[-1]]), ([], [])

    def trace(self, stop: StopReason, i: int, message: str = "", refused: tuple | None = None) -> Trace:
        grads = self.grads[:self.n] if self.keep else ()
        return Trace(self.columns, self.costs, grads, self.printed[:self.n], stop, i, message, refused)


def run_scalar(
    rule: UpdateRule,
    evaluate: Evaluate,
    params: Params,
    num_iters: int,
    *,
    limit: float,
    watch: Callable[[Params, float, Grads], float] | None = None,
    before: Before | None = None,
    after: After | None = None,
    keep: bool = False,
) -> Trace:
    """Run ``rule`` from ``params``, (w,) or (w, b), for at most ``num_iters`` updates, on floats
    (or small arrays). Each iteration: ``before`` may stop it (converged); the rule steps; the
    new state is refused if ``past(watch(params, J, grads), limit)`` (J itself without
    ``watch``), else kept, and ``after`` may stop it. ``keep``: keep the gradients and what each
    update prints too.
    """
    if len(params) not in (1, 2):
        raise ValueError(f"run_scalar runs (w,) or (w, b), got {len(params)} parameters")
    cost, grads = evaluate(params)
    state, step, printed_by = rule.init(params), rule.step, rule.printed
    record = _Record(params, cost, grads, keep)
    keep_w, keep_b, keep_cost = record.columns[0].append, record.columns[-1].append, record.costs.append
    # With one parameter, the second lists of gradients and printed ones get its first again: unused.
    keep_dw, keep_db, print_dw, print_db = (*(c.append for c in record.grads), *(c.append for c in record.printed))
    two = len(params) == 2

    def gradient(p: Params) -> Grads:
        return evaluate(p)[1]

    with np.errstate(all="ignore"):
        if before is None and after is None and watch is None and not keep and two:
            # The same iteration with no hook (a line's J(w, b) without tol): a tenth faster, and
            # tests/test_update.py holds it to the numbers of the loop below.
            for i in range(1, num_iters + 1):
                new, state = step(grads, state, params, gradient)
                new_cost, grads = evaluate(new)
                if not new_cost <= limit:  # past(J, limit), J >= 0
                    return record.trace("diverged", i, "", (new, new_cost, grads))
                keep_w(new[0])
                keep_b(new[1])
                keep_cost(new_cost)
                params = new
            return record.trace("max_iters", num_iters)
        for i in range(1, num_iters + 1):
            if before is not None and (message := before(i, grads)) is not None:
                return record.trace("converged", i, message)
            new, state = step(grads, state, params, gradient)
            new_cost, new_grads = evaluate(new)
            watched = new_cost if watch is None else watch(new, new_cost, new_grads)
            if not -limit <= watched <= limit:  # past(watched, limit), written out: it runs every iteration
                return record.trace("diverged", i, "", (new, new_cost, new_grads))
            if keep:
                printed = printed_by(grads, state)
                print_dw(printed[0])
                print_db(printed[-1])
                keep_dw(new_grads[0])
                keep_db(new_grads[-1])
            keep_w(new[0])
            if two:
                keep_b(new[1])
            keep_cost(new_cost)
            if after is not None and (message := after(i, params, new, grads)) is not None:
                return record.trace("converged", i, message)
            params, grads = new, new_grads
    return record.trace("max_iters", num_iters)
