"""How closely one simulated run reproduces a printed log, value by value, at the printed precision.

A logged value v_k, printed with half a unit h_k in its last digit, is reproduced by a simulated
value s_k when ``|s_k - v_k| <= tolerance_k`` (h_k plus float noise far below any printed digit);
the run's misfit is the largest ``|s_k - v_k| / tolerance_k`` over every logged value and field::

    misfit = max over logged values of |simulated - logged| / (half a unit in the last printed digit)

so misfit <= 1 reproduces every digit printed, and misfit <= 3 every digit but one unit of the last.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from gd_core.bug_catalogue import ENTRIES, Run
from gd_core.log_parse import LoggedField, ParsedLog
from gd_core.log_verdict import MATCH_LIMIT, EntryFit

Timing = Literal["after", "before"]
# Relative float noise. Every rule is an affine map of (w, b), so the student's per-row sums and
# the simulation's centred sums drift apart by about k * eps (2.2e-16) relative after k iterations,
# on a converging run and on a diverging one alike: under 2.2e-11 at MAX_SIM_ITERS. The centred
# sums' own start (w*, from a least-squares solve) adds about eps times the data's condition number.
# 1e-9 covers both with room, and stays 5,000 times below the half unit of a 6-digit print (5e-6).
FLOAT_NOISE = 1e-9
# A gradient shrinks by cancellation while the terms summed stay the size of the first ones: its
# rounding is measured against the field's first value, 1e3 times finer.
CANCELLATION = 1e-3
OVERFLOW = 1e200  # a logged value this large may sit where a simulated run has already blown up


Reading = tuple[Timing, int]  # (when the cost was logged, the number of the loop's first iteration)


def compared_fields(fields: tuple[str, ...], n_features: int) -> tuple[str, ...]:
    # A logged w or dj_dw is one number: with several features it cannot be told which.
    return tuple(f for f in fields if n_features == 1 or f not in ("w", "dj_dw"))


def tolerance(field: LoggedField) -> np.ndarray:
    """How far a simulated value may sit from each logged value v_k and still print as v_k::

        tol_k = half_unit_k + FLOAT_NOISE * (|v_k| + CANCELLATION * |v_0|)

    half_unit_k is half a unit in v_k's own last printed digit (7.93e+04: 50), so a value
    rounds to what was printed exactly when it lies within it; the float noise (far below any
    printed digit) lets a value that printed half-way, or a gradient that shrank to rounding
    noise, still match.
    """
    size = np.abs(field.values)
    return field.half_unit + FLOAT_NOISE * size + CANCELLATION * FLOAT_NOISE * float(size[0])


def aligned(run: Run, name: str, its: np.ndarray, timing: Timing, start: int) -> np.ndarray:
    """What ``run`` prints for ``name`` at the logged iterations (nan past its end)."""
    loop = its - start  # the loop's i (0, 1, ...) of each logged line
    simulated_all = getattr(run, name)
    index = loop + 1 if name in ("w", "b") or (name == "cost" and timing == "after") else loop
    simulated = np.full(its.size, np.nan)
    inside = index < simulated_all.shape[0]
    simulated[inside] = simulated_all[index[inside]]
    return simulated


def fit(log: ParsedLog, run: Run, timing: Timing, start: int, fields: tuple[str, ...]) -> EntryFit:
    its = log.iterations
    worst_ratio, worst_rel, worst = -1.0, 0.0, ""
    miss = np.zeros(its.size, dtype=bool)
    all_rel: list[np.ndarray] = []
    agree = 0
    with np.errstate(all="ignore"):
        for name in fields:
            logged_field = log.field(name)
            assert logged_field is not None
            logged = logged_field.values
            simulated = aligned(run, name, its, timing, start)
            size = np.abs(logged)
            tol = tolerance(logged_field)
            diff = np.abs(simulated - logged)
            # A run that has blown up matches nothing, except a logged value itself near overflow.
            excused = np.where(size >= OVERFLOW, 0.0, np.inf)
            ratio = np.where(np.isfinite(diff), diff / tol, excused)
            rel = np.where(np.isfinite(diff), diff / np.maximum(size, tol), excused)
            miss |= ratio > MATCH_LIMIT
            agree += int(np.count_nonzero(ratio <= MATCH_LIMIT))
            k = int(np.argmax(ratio))
            if ratio[k] > worst_ratio:
                shown = f"{simulated[k]:.4g}" if np.isfinite(simulated[k]) else "a run that had already blown up"
                worst_ratio, worst = float(ratio[k]), f"{name} at iteration {its[k]:,}: logged {logged[k]:.4g}, {run.name} gives {shown}"
            worst_rel = max(worst_rel, float(rel.max()))
            all_rel.append(rel)
    first_miss = int(its[np.argmax(miss)]) if miss.any() else None
    typical = float(np.median(np.concatenate(all_rel)))
    if log.blown_up_at is not None:
        # The log turned to nan or inf there: a run still far from overflow cannot be this one.
        k = log.blown_up_at - start + (1 if timing == "after" else 0)
        if k < run.cost.size and abs(run.cost[k]) < OVERFLOW:
            worst_ratio, worst_rel, typical = math.inf, math.inf, math.inf
            worst = f"the log blows up at iteration {log.blown_up_at:,}, where {run.name} has a cost of {run.cost[k]:.4g}"
            first_miss = log.blown_up_at if first_miss is None else min(first_miss, log.blown_up_at)
    return EntryFit(run.name, worst_ratio, worst_rel, typical, first_miss, worst, variant=run.variant,
                    agree=agree, values=its.size * len(fields))


def best_variants(fits: list[EntryFit]) -> list[EntryFit]:
    """One fit per entry: of the ways to write a mistake, the one that fits best."""
    best: dict[str, EntryFit] = {}
    for fit in rank(fits):
        best.setdefault(fit.name, fit)
    return list(best.values())


def rank(fits: list[EntryFit]) -> tuple[EntryFit, ...]:
    """Matches by misfit; then the others by their typical relative difference (a run that
    follows most of the log is closer than one that is off by less at its worst)."""
    order = {name: k for k, name in enumerate(ENTRIES)}
    return tuple(sorted(fits, key=lambda f: (
        not f.applicable, not f.matches, f.misfit if f.matches else f.typical_rel_diff, f.max_rel_diff, order[f.name],
    )))


def run_difference(log: ParsedLog, one: Run, other: Run, name: str, reading: Reading) -> float:
    """Largest relative difference between what two runs print for ``name`` at the logged iterations."""
    with np.errstate(all="ignore"):
        a, b = (aligned(run, name, log.iterations, *reading) for run in (one, other))
        if a.ndim > 1 or b.ndim > 1:
            return 0.0
        rel = np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), np.finfo(float).tiny)
    return float(np.nanmax(rel, initial=0.0)) if np.isfinite(rel).any() else math.inf
