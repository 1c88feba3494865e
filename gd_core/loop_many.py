"""The vectorised loop: many starts, or many alphas, run by one update rule at once on numpy arrays.

Each entry of the parameter arrays is one run; a run stops on its own (converged, or diverged by
``gd_core.loop``'s one policy, ``past``) and keeps its last params while the others go on.

>>> from gd_core.update import simultaneous
>>> many = run_many(simultaneous(np.array([0.1, 1.5])), lambda p: (2 * p[0],), (np.array([1.0, 1.0]),), 60, limit=1e6)
>>> many.diverged.tolist(), many.stopped_at.tolist()
([False, True], [60, 20])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gd_core.loop import FLOAT_MAX, past
from gd_core.update import Grads, Params, UpdateRule


@dataclass(frozen=True)
class Many:
    """What ``run_many`` saw, per run: its last params (``params``, one array per parameter),
    the iteration it stopped at (``stopped_at``; ``num_iters`` if it never did), whether it
    diverged or converged, its last two steps (with ``steps``), and (with ``keep_path``) every
    iteration's params, a stopped run staying where it stopped."""

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
    """Run ``rule`` from every start at once; only the runs still going are evaluated.

    Per iteration: ``before(grads)`` marks runs converged before they step; the rule steps; a
    run whose new params (or ``cost`` there, or its gradient) are ``past`` the limit is refused
    and stops where it was, diverged; ``after(old, new, idx)`` marks runs converged after a
    kept step; ``halt(grads)`` (the gradients of the runs that stepped) ends them all.
    """
    params = tuple(np.array(p, dtype=float) for p in params)
    shape = params[0].shape
    state = rule.init(params)
    stopped_at = np.full(shape, num_iters, dtype=int)
    diverged, converged, active = np.zeros(shape, bool), np.zeros(shape, bool), np.ones(shape, bool)
    last, previous = tuple(np.zeros(shape) for _ in params), tuple(np.zeros(shape) for _ in params)
    grads = tuple(np.zeros(shape) for _ in params)  # a stopped run's entry goes stale: never written back
    path = [tuple(p.copy() for p in params)] if keep_path else None

    def stop(idx: np.ndarray, at: int, flag: np.ndarray) -> None:
        stopped_at[idx], flag[idx], active[idx] = at, True, False

    with np.errstate(all="ignore"):
        for i in range(num_iters + 1):
            idx = np.flatnonzero(active)
            if idx.size == 0 or (i == num_iters and before is None):
                break
            whole = idx.size == active.size  # every run still going: no indexing (the common case)
            grads_idx = tuple(np.asarray(g, dtype=float) for g in gradient(params if whole else tuple(p[idx] for p in params)))
            if before is not None:
                done = before(grads_idx)
                stop(idx[done], i, converged)
                if done.any():
                    whole, idx, grads_idx = False, idx[~done], tuple(g[~done] for g in grads_idx)
            if i == num_iters:
                break
            if not whole:
                for g, g_idx in zip(grads, grads_idx):
                    g[idx] = g_idx
            new, new_state = rule.step(grads_idx if whole else grads, state, params, gradient)
            new_idx = new if whole else tuple(p[idx] for p in new)
            bad = _refused(new_idx, grads_idx, cost, limit)
            stop(idx[bad], i + 1, diverged)
            if after is not None:
                stop(idx[after(params if whole else tuple(p[idx] for p in params), new_idx, idx) & ~bad], i + 1, converged)
            _write_back(idx[~bad], params, new, state, new_state, (last, previous) if steps else None)
            if path is not None:
                path.append(tuple(p.copy() for p in params))
            if halt is not None and halt(tuple(g[~bad] for g in grads_idx)):
                break
    if path is not None:
        path += [path[-1]] * (num_iters + 1 - len(path))
    return Many(params, stopped_at, diverged, converged, last, previous, path)


def _refused(new: Params, grads: Grads, cost: Callable[[Params], np.ndarray] | None, limit: float) -> np.ndarray:
    """The divergence policy on arrays: a parameter past the limit, a gradient or (if watched) J not finite."""
    bad = np.zeros(new[0].shape, dtype=bool)
    for p, g in zip(new, grads):
        bad |= past(p, limit) | ~np.isfinite(g)
    if cost is not None:
        bad |= past(np.asarray(cost(new), dtype=float), FLOAT_MAX)
    return bad


def _write_back(ok: np.ndarray, params: tuple, new: tuple, state: tuple, new_state: tuple, steps: tuple | None) -> None:
    """Move the kept runs (``ok``) to their new params and state, and note their steps."""
    for k, (p, n) in enumerate(zip(params, new)):
        if steps is not None:
            last, previous = steps[0][k], steps[1][k]
            previous[ok] = last[ok]
            last[ok] = n[ok] - p[ok]
        p[ok] = n[ok]
    for s, n in zip(state, new_state):
        s[ok] = n[ok]
