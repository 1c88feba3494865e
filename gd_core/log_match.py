"""Which mistake reproduces a printed log: every catalogue entry, simulated and compared.

Each entry of ``gd_core.bug_catalogue`` (each way of writing it) runs on the same data and
settings as the student's code. A logged value v, printed with half a unit h in its last digit,
is matched by a simulated value s when ``|s - v| <= h`` (plus float noise: ``log_fit.tolerance``);
an entry's *misfit* is the largest ``|s - v| / h`` over every logged value and field, so a
misfit <= 1 means the entry reproduces every digit printed::

    misfit = max over logged values of |simulated - logged| / (half a unit in the last printed digit)

The ranking, closest first, gives the verdict's kind (``log_verdict.classify``): one entry within
the printed precision is named; two within it, or a best one unit off in the last digit, are
"probably" that entry, with the alternative and what would tell them apart.

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

import numpy as np
from numpy.typing import ArrayLike

from gd_core.bug_catalogue import CATALOGUE, ENTRIES, MAX_SIM_ITERS, BugEntry, Run, simulate
from gd_core.loop import check_run
from gd_core.log_parse import FIELDS, LogError, ParsedLog, parse_log  # noqa: F401  (parse_log: doctest)
from gd_core.log_fit import FLOAT_NOISE, Reading, Timing, best_variants, compared_fields, fit, rank, run_difference
from gd_core.log_fit import tolerance  # noqa: F401  (a name of this module's: the rule of a match)
from gd_core.log_verdict import MATCH_LIMIT, NONE_OF_THESE, EntryFit, Finding, Kind, classify, sentence
from gd_core.sums import Stats, cost_from_stats, largest_stable_alpha, summarize  # noqa: F401

__all__ = ["MATCH_LIMIT", "NONE_OF_THESE", "Diagnosis", "EntryFit", "diagnose", "tolerance"]

SEPARATE = 1e-6  # relative: two runs whose printed fields differ by more than this can be told apart


@dataclass(frozen=True)
class Diagnosis:
    """The verdict: the ranking, its finding (kind and facts), the runs to draw."""

    ranking: tuple[EntryFit, ...]  # applicable entries, closest first, then the others
    finding: Finding  # the kind of verdict and the facts its sentence is written from
    timing: Timing  # the logged cost is the one after (the lab) or before the update
    numbered_from: int  # 0 (the lab's loop) or 1 (a log that counts iterations from 1)
    timing_note: str
    alpha: float
    alpha_limit: float
    best_run: Run  # the closest entry's run
    correct_run: Run  # correct code with these settings (diverges when alpha is too large)
    compared: str  # which fields and iterations were compared

    @property
    def kind(self) -> Kind:
        return self.finding.kind

    @property
    def best(self) -> EntryFit:
        return self.ranking[0]

    @property
    def runner_up(self) -> EntryFit:
        return self.ranking[1]

    @property
    def matched(self) -> bool:
        """The best entry reproduces every printed digit (alone or not)."""
        return self.best.matches

    @property
    def also_match(self) -> tuple[str, ...]:
        """Other entries that reproduce every printed digit as well."""
        return tuple(f.name for f in self.ranking[1:] if f.matches)

    @property
    def leaves_correct_at(self) -> int | None:
        return self.finding.leaves_correct_at

    @property
    def name(self) -> str:
        """The entry the verdict names, for sure or probably; or 'none of these'."""
        return self.finding.named

    @property
    def verdict(self) -> str:
        """The verdict in plain sentences."""
        return sentence(self.finding)

    @property
    def entry(self) -> BugEntry:
        """The closest entry: its ``where`` and ``lines`` point at the code to fix."""
        return ENTRIES[self.best.name]

    @property
    def candidates(self) -> tuple[BugEntry, ...]:
        """The closest entry, then the alternatives the verdict names beside it."""
        return tuple(ENTRIES[f.name] for f in (self.best, *self.finding.alternatives))

    @property
    def lines(self) -> tuple[str, str]:
        """(buggy line, corrected line) of the closest entry, for these settings."""
        return self.entry.lines(self.alpha, self.alpha_limit)


def _not_applicable(entry: BugEntry, alpha: float, limit: float, n_features: int) -> str:
    if entry.name == "correct" and alpha > limit:
        return f"α = {alpha:g} is above the stable limit {limit:.3g}: correct code blows up, which is 'α too large'."
    if entry.name == "α too large" and alpha <= limit:
        return f"α = {alpha:g} is below the stable limit {limit:.3g}."
    if entry.one_feature_only and n_features > 1:
        return f"{entry.name} needs one feature; x has {n_features}."
    return ""


def _check(log: ParsedLog, stats: Stats, alpha: float, w_in: ArrayLike, b_in: float) -> tuple[str, ...]:
    """The fields to compare; raises for settings that cannot run or a log that cannot be judged."""
    check_run(alpha, 0)
    if log.iterations[-1] + 1 > MAX_SIM_ITERS:
        raise LogError(f"the log goes to iteration {log.iterations[-1]:,}; the page simulates up to {MAX_SIM_ITERS:,} iterations.")
    with np.errstate(all="ignore"):
        w = np.broadcast_to(np.asarray(w_in, dtype=float).reshape(-1), (stats.n,))
        start_cost = cost_from_stats(stats, w, float(b_in))
    if not math.isfinite(start_cost):
        raise ValueError("the initial w and b are so large that the cost overflows; start nearer 0")
    fields = compared_fields(log.fields, stats.n)
    if not fields:
        raise LogError("the log holds only w or dj_dw, and with several features those are one number per feature. Log the cost.")
    return fields


def _simulate_all(
    stats: Stats, alpha: float, limit: float, steps: int, w_in: ArrayLike, b_in: float
) -> tuple[dict[tuple[str, int], Run], list[EntryFit]]:
    """Every applicable entry's run, each way of writing it; the entries that do not apply."""
    runs: dict[tuple[str, int], Run] = {}
    skipped: list[EntryFit] = []
    for entry in CATALOGUE:
        reason = _not_applicable(entry, alpha, limit, stats.n)
        if reason:
            skipped.append(EntryFit(entry.name, math.inf, math.inf, math.inf, None, "", applicable=False, reason=reason))
            continue
        for variant in range(1 + len(entry.variants)):
            runs[entry.name, variant] = simulate(entry, stats, alpha, steps, w_in, b_in, variant)
    return runs, skipped


def _choose_reading(fits_by: dict[Reading, list[EntryFit]]) -> Reading:
    """Among readings that fit, the lab's (after, from 0) comes first; else the closest."""
    best_of = {r: min(f.misfit for f in fits) for r, fits in fits_by.items()}
    # Where nothing fits, the better reading is the one some entry follows for longer.
    follows = {r: max(math.inf if f.first_miss is None else f.first_miss for f in fits) for r, fits in fits_by.items()}
    return min(fits_by, key=lambda r: (
        best_of[r] > MATCH_LIMIT, -follows[r], 0.0 if best_of[r] <= MATCH_LIMIT else best_of[r], r[1], r[0] != "after",
    ))


def _finding(
    log: ParsedLog, ranking: tuple[EntryFit, ...], runs: dict[tuple[str, int], Run], reading: Reading, leaves: int | None, n: int
) -> Finding:
    """The verdict's kind and facts: for tied or close entries, what would tell them apart."""
    kind, alternatives = classify(ranking)
    best = ranking[0]
    runner_up = next((f for f in ranking[1:] if f.applicable), None)
    tell_apart: tuple[str, ...] = ()
    digits: int | None = None
    if kind in ("tie", "close"):
        best_run = runs[best.name, best.variant]
        others = [runs[f.name, f.variant] for f in alternatives]
        unlogged = [f for f in compared_fields(FIELDS, n) if f not in log.fields]
        if kind == "tie":
            tell_apart = tuple(f for f in unlogged if any(run_difference(log, best_run, o, f, reading) > SEPARATE for o in others))
        logged = max(run_difference(log, best_run, o, f, reading) for o in others for f in compared_fields(log.fields, n))
        if 10 * FLOAT_NOISE < logged < math.inf:
            digits = min(17, math.ceil(math.log10(10 / logged)))  # then they differ by two half units or more
    return Finding(kind, best, runner_up, alternatives, leaves, tell_apart, digits)


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
    fields = _check(log, stats, alpha, w_in, b_in)
    limit = largest_stable_alpha(stats)
    steps = max(int(num_iters), int(log.iterations[-1]) + 1)
    runs, skipped = _simulate_all(stats, alpha, limit, steps, w_in, b_in)
    correct_run = runs.get(("correct", 0)) or dataclasses.replace(runs["α too large", 0], name="correct")

    # Readings of the log: the cost logged after or before the update; the loop counted from 0
    # (the lab) or, when the log starts at 1 or later, from 1 (print(i + 1), range(1, n + 1)).
    timings: tuple[Timing, ...] = (timing,) if timing else ("after", "before")
    readings = [(t, start) for start in ((0, 1) if log.iterations[0] >= 1 else (0,)) for t in timings]
    fits_by = {r: best_variants([fit(log, run, *r, fields) for run in runs.values()]) for r in readings}
    chosen = _choose_reading(fits_by)
    fitting = sum(min(f.misfit for f in fits) <= MATCH_LIMIT for fits in fits_by.values())
    ranking = rank(fits_by[chosen] + skipped)
    best = ranking[0]
    leaves = fit(log, correct_run, *chosen, fields).first_miss
    return Diagnosis(
        ranking=ranking,
        finding=_finding(log, ranking, runs, chosen, leaves, stats.n),
        timing=chosen[0],
        numbered_from=chosen[1],
        timing_note=_timing_note(chosen, timing, fitting),
        alpha=float(alpha),
        alpha_limit=limit,
        best_run=runs[best.name, best.variant],
        correct_run=correct_run,
        compared=f"{', '.join(fields)} at {log.iterations.size:,} logged iterations",
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
