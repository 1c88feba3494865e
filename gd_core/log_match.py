"""Which mistake reproduces a printed log: every catalogue entry, simulated and compared.

Each entry of ``gd_core.bug_catalogue`` runs on the same data and settings as the student's
code. A logged value v, printed with half a unit h in its last digit, is matched by a simulated
value s when ``|s - v| <= h``; an entry's *misfit* is the largest ``|s - v| / h`` over every
logged value and field, so a misfit <= 1 means the entry reproduces every digit printed::

    misfit = max over logged values of |simulated - logged| / (half a unit in the last printed digit)

The lab prints the cost, w and b *after* the update of iteration i, and the dj_dw, dj_db that
made it; some students log the cost before the update (at the top of the loop), or count the
iterations from 1. Each reading is tried (the cost's timing only when not given) and the one
that fits best is kept. ``correct`` and ``α too large`` are the same code: which of the two
applies depends on whether alpha is above the stable limit 2 / λ_max of J(w, b).

>>> log = parse_log("Iteration 0: Cost 7.93e+04\\nIteration 1: Cost 7.39e+04\\nIteration 2: Cost 6.90e+04")
>>> diagnose(log, summarize([1.0, 2.0], [300.0, 500.0]), 0.01, 3, 0.0, 0.0).name
'correct'
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from gd_core.bug_catalogue import CATALOGUE, ENTRIES, MAX_SIM_ITERS, BugEntry, Run, simulate
from gd_core.log_parse import LogError, ParsedLog, parse_log  # noqa: F401  (parse_log: for the doctest)
from gd_core.sums import Stats, cost_from_stats, largest_stable_alpha, summarize  # noqa: F401

Timing = Literal["after", "before"]
MATCH_LIMIT = 1.0  # within half a unit of the last printed digit
FLOAT_NOISE = 1e-9  # relative: another order of the same sums, over thousands of iterations
OVERFLOW = 1e200  # a logged value this large may sit where a simulated run has already blown up
NONE_OF_THESE = "none of these"


@dataclass(frozen=True)
class EntryFit:
    """How well one entry reproduces the log (``misfit`` <= 1: every printed digit)."""

    name: str
    misfit: float  # largest |simulated - logged| / half a unit in the last printed digit; inf: n/a
    max_rel_diff: float  # largest |simulated - logged| / |logged|
    typical_rel_diff: float  # the median of |simulated - logged| / |logged|: how close, when it does not match
    first_miss: int | None  # first logged iteration with a value off by more than the printed precision
    worst: str  # the worst value, in words
    applicable: bool = True
    reason: str = ""  # why the entry does not apply to these settings
    variant: int = 0  # which way of writing the mistake fits best (``BugEntry.variants``)

    @property
    def matches(self) -> bool:
        return self.applicable and self.misfit <= MATCH_LIMIT


@dataclass(frozen=True)
class Diagnosis:
    """The verdict: the ranking, the best match (or none of these), the runner-up, the runs to draw."""

    ranking: tuple[EntryFit, ...]  # applicable entries, closest first, then the others
    matched: bool
    also_match: tuple[str, ...]  # other entries that reproduce the log as well
    timing: Timing  # the logged cost is the one after (the lab) or before the update
    numbered_from: int  # 0 (the lab's loop) or 1 (a log that counts iterations from 1)
    timing_note: str
    leaves_correct_at: int | None  # first logged iteration off the correct run; None if it never is
    alpha: float
    alpha_limit: float
    best_run: Run  # the closest entry's run
    correct_run: Run  # correct code with these settings (diverges when alpha is too large)
    compared: str  # which fields and iterations were compared
    verdict: str  # the verdict in plain sentences

    @property
    def best(self) -> EntryFit:
        return self.ranking[0]

    @property
    def runner_up(self) -> EntryFit:
        return self.ranking[1]

    @property
    def name(self) -> str:
        """The matching entry's name, or 'none of these'."""
        return self.best.name if self.matched else NONE_OF_THESE

    @property
    def entry(self) -> BugEntry:
        """The closest entry: its ``where`` and ``lines`` point at the code to fix."""
        return ENTRIES[self.best.name]

    @property
    def lines(self) -> tuple[str, str]:
        """(buggy line, corrected line) of the closest entry, for these settings."""
        return self.entry.lines(self.alpha, self.alpha_limit)


def _compared_fields(log: ParsedLog, n_features: int) -> tuple[str, ...]:
    # A logged w or dj_dw is one number: with several features it cannot be told which.
    return tuple(f for f in log.fields if n_features == 1 or f not in ("w", "dj_dw"))


def _fit(log: ParsedLog, run: Run, timing: Timing, start: int, fields: tuple[str, ...]) -> EntryFit:
    its = log.iterations
    loop = its - start  # the loop's i (0, 1, ...) of each logged line
    worst_ratio, worst_rel, worst = -1.0, 0.0, ""
    miss = np.zeros(its.size, dtype=bool)
    all_rel: list[np.ndarray] = []
    with np.errstate(all="ignore"):
        for name in fields:
            logged_field = log.field(name)
            assert logged_field is not None
            logged = logged_field.values
            simulated_all = getattr(run, name)
            index = loop + 1 if name in ("w", "b") or (name == "cost" and timing == "after") else loop
            simulated = np.full(its.size, np.nan)
            inside = index < simulated_all.shape[0]
            simulated[inside] = simulated_all[index[inside]]
            size = np.abs(logged)
            # Half a unit, plus float noise (relative, and against the field's first value for a
            # gradient that has shrunk by cancellation): a value printed half-way must still match.
            tol = logged_field.half_unit + FLOAT_NOISE * size + 1e-3 * FLOAT_NOISE * float(size[0])
            diff = np.abs(simulated - logged)
            # A run that has blown up matches nothing, except a logged value itself near overflow.
            excused = np.where(size >= OVERFLOW, 0.0, np.inf)
            ratio = np.where(np.isfinite(diff), diff / tol, excused)
            rel = np.where(np.isfinite(diff), diff / np.maximum(size, tol), excused)
            miss |= ratio > MATCH_LIMIT
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
    return EntryFit(run.name, worst_ratio, worst_rel, typical, first_miss, worst, variant=run.variant)


def _not_applicable(entry: BugEntry, alpha: float, limit: float, n_features: int) -> str:
    if entry.name == "correct" and alpha > limit:
        return f"α = {alpha:g} is above the stable limit {limit:.3g}: correct code blows up, which is 'α too large'."
    if entry.name == "α too large" and alpha <= limit:
        return f"α = {alpha:g} is below the stable limit {limit:.3g}."
    if entry.one_feature_only and n_features > 1:
        return f"b updated with dJ/dw needs one feature; x has {n_features}."
    return ""


def _best_variants(fits: list[EntryFit]) -> list[EntryFit]:
    """One fit per entry: of the ways to write a mistake, the one that fits best."""
    best: dict[str, EntryFit] = {}
    for fit in _rank(fits):
        best.setdefault(fit.name, fit)
    return list(best.values())


def _rank(fits: list[EntryFit]) -> tuple[EntryFit, ...]:
    """Matches by misfit; then the others by their typical relative difference (a run that
    follows most of the log is closer than one that is off by less at its worst)."""
    order = {name: k for k, name in enumerate(ENTRIES)}
    return tuple(sorted(fits, key=lambda f: (
        not f.applicable, not f.matches, f.misfit if f.matches else f.typical_rel_diff, f.max_rel_diff, order[f.name],
    )))


def _percent(rel: float) -> str:
    """0.0022 -> '0.22%', 2.0 -> '200%', 5e12 -> '5e+12 times the logged value'."""
    if not math.isfinite(rel):
        return "a run that blew up"
    if rel >= 100:
        return f"{rel:.2g} times the logged value"
    return f"{100 * rel:.2g}%" if rel < 0.1 else f"{100 * rel:,.0f}%"


def diagnose(
    log: ParsedLog,
    stats: Stats,
    alpha: float,
    num_iters: int,
    w_in: ArrayLike = 0.0,
    b_in: float = 0.0,
    *,
    timing: Timing | None = None,
) -> Diagnosis:
    """Simulate every entry with these settings and rank them by misfit against ``log``.

    ``timing`` says whether the logged cost comes after the update of its iteration (the lab)
    or before it; None tries both and keeps the one that fits better. w and b are always read as
    after the update, dj_dw and dj_db as the gradient that made it (the lab's print line).
    Raises ValueError for settings that cannot run, LogError for a log beyond MAX_SIM_ITERS.
    """
    if not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    if log.iterations[-1] + 1 > MAX_SIM_ITERS:
        raise LogError(f"the log goes to iteration {log.iterations[-1]:,}; the page simulates up to {MAX_SIM_ITERS:,} iterations.")
    n_features = stats.n
    with np.errstate(all="ignore"):
        start_cost = cost_from_stats(stats, np.broadcast_to(np.asarray(w_in, dtype=float).reshape(-1), (n_features,)), float(b_in))
    if not math.isfinite(start_cost):
        raise ValueError("the initial w and b are so large that the cost overflows; start nearer 0")
    limit = largest_stable_alpha(stats)
    steps = max(int(num_iters), int(log.iterations[-1]) + 1)
    fields = _compared_fields(log, n_features)
    if not fields:
        raise LogError("the log holds only w or dj_dw, and with several features those are one number per feature. Log the cost.")

    runs: dict[tuple[str, int], Run] = {}
    skipped: list[EntryFit] = []
    for entry in CATALOGUE:
        reason = _not_applicable(entry, alpha, limit, n_features)
        if reason:
            skipped.append(EntryFit(entry.name, math.inf, math.inf, math.inf, None, "", applicable=False, reason=reason))
        else:
            for variant in range(1 + len(entry.variants)):
                runs[entry.name, variant] = simulate(entry, stats, alpha, steps, w_in, b_in, variant)
    correct_run = runs.get(("correct", 0)) or dataclasses.replace(runs["α too large", 0], name="correct")

    # Readings of the log: the cost logged after or before the update; the loop counted from 0
    # (the lab) or, when the log starts at 1 or later, from 1 (print(i + 1), range(1, n + 1)).
    timings: tuple[Timing, ...] = (timing,) if timing else ("after", "before")
    readings = [(t, start) for start in ((0, 1) if log.iterations[0] >= 1 else (0,)) for t in timings]
    fits_by = {r: _best_variants([_fit(log, run, *r, fields) for run in runs.values()]) for r in readings}
    best_of = {r: min(f.misfit for f in fits) for r, fits in fits_by.items()}
    # Where nothing fits, the better reading is the one some entry follows for longer.
    follows = {r: max(math.inf if f.first_miss is None else f.first_miss for f in fits) for r, fits in fits_by.items()}
    # Among readings that fit, the lab's (after, from 0) comes first; else the closest.
    chosen = min(readings, key=lambda r: (
        best_of[r] > MATCH_LIMIT, -follows[r], 0.0 if best_of[r] <= MATCH_LIMIT else best_of[r], r[1], r[0] != "after",
    ))
    timing_note = _timing_note(chosen, timing, sum(best <= MATCH_LIMIT for best in best_of.values()))
    ranking = _rank(fits_by[chosen] + skipped)
    best = ranking[0]
    matched = best.matches
    also = tuple(f.name for f in ranking[1:] if f.matches)
    leaves = _fit(log, correct_run, *chosen, fields).first_miss
    compared = f"{', '.join(fields)} at {log.iterations.size:,} logged iterations"
    return Diagnosis(
        ranking=ranking,
        matched=matched,
        also_match=also,
        timing=chosen[0],
        numbered_from=chosen[1],
        timing_note=timing_note,
        leaves_correct_at=leaves,
        alpha=float(alpha),
        alpha_limit=limit,
        best_run=runs[best.name, best.variant],
        correct_run=correct_run,
        compared=compared,
        verdict=_verdict(ranking, matched, also, leaves),
    )


def _timing_note(chosen: tuple[Timing, int], told: Timing | None, fitting: int) -> str:
    timing, start = chosen
    counted = " Its iterations are counted from 1 (the lab counts from 0)." if start else ""
    if told:
        said = f"As set, the logged cost is the one {timing} the update of its iteration."
    elif fitting > 1:
        said = f"The numbers fit more than one reading of the log; the closest to the lab's was kept (cost {timing} the update)."
    elif fitting == 1:
        said = f"Detected: the logged cost is the one {timing} the update of its iteration" + (
            " (as in the lab)." if timing == "after" else " (the lab prints it after)."
        )
    else:
        said = f"No reading fits; compared with the cost logged {timing} the update, which comes closer."
    return said + counted


def _verdict(ranking: tuple[EntryFit, ...], matched: bool, also: tuple[str, ...], leaves: int | None) -> str:
    best, runner_up = ranking[0], ranking[1]
    if matched:
        said = (
            f"Your log matches '{best.name}': every logged value agrees with it to the digits printed "
            f"(largest relative difference {_percent(best.max_rel_diff)})."
        )
        if also:
            said += f" {', '.join(repr(a) for a in also)} fit{'s' if len(also) == 1 else ''} as well: log more fields (dj_dw, dj_db, w, b) to tell them apart."
        elif runner_up.applicable:
            said += f" The runner-up, '{runner_up.name}', is off by up to {_percent(runner_up.max_rel_diff)} ({runner_up.worst})."
        return said
    said = "None of these reproduces your log."
    if leaves is not None:
        said += f" It leaves the correct run at iteration {leaves:,}."
    said += (
        f" The closest is '{best.name}', typically off by {_percent(best.typical_rel_diff)} (at worst {best.worst}). "
        "Check that the data, α, the iterations and the initial w and b are the ones your code ran with."
    )
    return said
