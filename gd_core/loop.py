"""The two loops that run an update rule (``gd_core.update``), the one divergence policy, the one alpha check.

``run_scalar`` runs one start on plain numbers (a cost curve J(w), a line's J(w, b), a
simulated buggy run); ``run_many`` runs many starts or many alphas at once on numpy arrays.
Both do, per iteration::

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
    k updates (the start first); with ``keep``, ``grads[k]`` there and ``printed[k]``, the
    gradients update k + 1 shows (``UpdateRule.printed``).

    ``stop`` says why it ended at iteration ``stopped_at`` (1-based; ``message`` from the
    convergence test that fired); a ``"diverged"`` run keeps the refused (params, J, grads) in
    ``refused``.
    """

    columns: tuple
    cost: list
    grads: list
    printed: list
    stop: StopReason
    stopped_at: int
    message: str
    refused: tuple | None


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
    """Run ``rule`` from ``params`` for at most ``num_iters`` updates, on floats (or small arrays).

    Each iteration: ``before`` may stop it (converged); the rule steps; the new state is
    evaluated and refused if ``past(watch(params, J, grads), limit)`` (without ``watch``, J is
    watched); else it is kept, and ``after`` may stop it (converged). With ``keep``, the
    gradients and what each update prints are kept too.
    """
    cost, grads = evaluate(params)
    state = rule.init(params)
    step, printed_by = rule.step, rule.printed

    def gradient(p: Params) -> Grads:
        return evaluate(p)[1]

    if len(params) not in (1, 2):
        raise ValueError(f"run_scalar runs (w,) or (w, b), got {len(params)} parameters")
    # One list per parameter, not a tuple per iteration: kept tuples would wake the garbage
    # collector every 700 iterations (a fifth of the run's time on one feature).
    columns, costs, grads_seen, shown = tuple([p] for p in params), [cost], [grads], []
    keep_w, keep_b = columns[0].append, columns[1].append if len(params) == 2 else None

    def record(grads: Grads, state: object, new_grads: Grads) -> None:
        shown.append(printed_by(grads, state))
        grads_seen.append(new_grads)

    keep_cost, extra = costs.append, record if keep else None

    def trace(stop: StopReason, i: int, message: str = "", refused: tuple | None = None) -> Trace:
        return Trace(columns, costs, grads_seen if keep else [], shown, stop, i, message, refused)

    with np.errstate(all="ignore"):
        for i in range(1, num_iters + 1):
            if before is not None and (message := before(i, grads)) is not None:
                return trace("converged", i, message)
            new, state = step(grads, state, params, gradient)
            new_cost, new_grads = evaluate(new)
            watched = new_cost if watch is None else watch(new, new_cost, new_grads)
            if not -limit <= watched <= limit:  # past(watched, limit), written out: it runs every iteration
                return trace("diverged", i, "", (new, new_cost, new_grads))
            if extra is not None:
                extra(grads, state, new_grads)
            keep_w(new[0])
            if keep_b is not None:
                keep_b(new[1])
            keep_cost(new_cost)
            if after is not None and (message := after(i, params, new, grads)) is not None:
                return trace("converged", i, message)
            params, grads = new, new_grads
    return trace("max_iters", num_iters)


# --- many starts (or many alphas) at once, on arrays ---------------------------------------------


@dataclass(frozen=True)
class Many:
    """What ``run_many`` saw, per start: its last params (``params``, one array per parameter),
    the iteration it stopped at (``stopped_at``; ``num_iters`` if it never did), whether it
    diverged or converged, its last two steps, and (``keep_path``) every iteration's params."""

    params: tuple
    stopped_at: np.ndarray
    diverged: np.ndarray
    converged: np.ndarray
    last_step: tuple
    previous_step: tuple
    path: list | None


def run_many(
    rule: UpdateRule,
    gradient: Callable[[Params], Grads],
    params: Params,
    num_iters: int,
    *,
    limit: float,
    cost: Callable[[Params], np.ndarray] | None = None,
    before: Callable[[Grads], np.ndarray] | None = None,
    after: Callable[[Params, Params, np.ndarray], np.ndarray] | None = None,
    halt: Callable[[Grads], bool] | None = None,
    keep_path: bool = False,
    steps: bool = False,
) -> Many:
    """Run ``rule`` from every start at once (each entry of the arrays in ``params`` is one run).

    Only the runs still going are evaluated. Per iteration: ``before(grads)`` marks runs
    converged before they step; the rule steps; a run whose new params (or ``cost`` there, or
    its gradient) are ``past`` the limit is refused and stops where it was, diverged;
    ``after(old, new, idx)`` marks runs converged after a kept step; ``halt(grads)`` (the
    gradients of the runs that stepped) ends them all. A stopped run keeps its last params.
    With ``steps``, each run's last two steps are kept (else they stay 0).
    """
    params = tuple(np.array(p, dtype=float) for p in params)
    shape = params[0].shape
    state = rule.init(params)
    stopped_at = np.full(shape, num_iters, dtype=int)
    diverged = np.zeros(shape, dtype=bool)
    converged = np.zeros(shape, dtype=bool)
    active = np.ones(shape, dtype=bool)
    last = tuple(np.zeros(shape) for _ in params)
    previous = tuple(np.zeros(shape) for _ in params)
    path = [tuple(p.copy() for p in params)] if keep_path else None
    grads = tuple(np.zeros(shape) for _ in params)
    with np.errstate(all="ignore"):
        for i in range(num_iters + 1):
            idx = np.flatnonzero(active)
            if idx.size == 0 or (i == num_iters and before is None):
                break
            grads_idx = tuple(np.asarray(g, dtype=float) for g in gradient(tuple(p[idx] for p in params)))
            if before is not None:
                done = before(grads_idx)
                stopped_at[idx[done]], converged[idx[done]], active[idx[done]] = i, True, False
                idx, grads_idx = idx[~done], tuple(g[~done] for g in grads_idx)
            if i == num_iters:
                break
            for g, g_idx in zip(grads, grads_idx):  # a stopped run's entry is stale: never written back
                g[idx] = g_idx
            new, new_state = rule.step(grads, state, params, gradient)
            new_idx = tuple(p[idx] for p in new)
            bad = np.zeros(idx.shape, dtype=bool)
            for p, g in zip(new_idx, grads_idx):
                bad |= past(p, limit) | ~np.isfinite(g)
            if cost is not None:
                bad |= past(np.asarray(cost(new_idx), dtype=float), FLOAT_MAX)
            stopped_at[idx[bad]], diverged[idx[bad]], active[idx[bad]] = i + 1, True, False
            ok = idx[~bad]
            if after is not None:
                met = after(tuple(p[idx] for p in params), new_idx, idx) & ~bad
                stopped_at[idx[met]], converged[idx[met]], active[idx[met]] = i + 1, True, False
            for p, n, s_last, s_prev in zip(params, new, last, previous):
                if steps:
                    s_prev[ok] = s_last[ok]
                    s_last[ok] = n[ok] - p[ok]
                p[ok] = n[ok]
            for s, n in zip(state, new_state):
                s[ok] = n[ok]
            if path is not None:
                path.append(tuple(p.copy() for p in params))
            if halt is not None and halt(tuple(g[~bad] for g in grads_idx)):
                break
    if path is not None:  # a run that stopped stays where it stopped
        path += [path[-1]] * (num_iters + 1 - len(path))
    return Many(params, stopped_at, diverged, converged, last, previous, path)
