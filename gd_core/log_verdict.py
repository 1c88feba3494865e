"""Page 5's verdict on a log, as data (a kind and its facts), and the one function that words it.

Each catalogue entry's fit is measured in half units of the last printed digit (``misfit``, see
``gd_core.log_fit``): misfit <= 1 reproduces every digit printed; misfit < NEAR_LIMIT = 3 (under
1.5 units) means every simulated value rounds to the printed digits or to one unit off in the last.
From the ranking, closest first:

- ``match``: the best reproduces every printed digit and no other entry comes within NEAR_LIMIT;
- ``tie``:   two or more reproduce every printed digit (the log cannot tell them apart);
- ``close``: the best reproduces every digit, the runner-up all but one unit of the last digit;
- ``near``:  none reproduces every digit, the best misses by at most one unit of the last digit;
- ``none``:  none comes that close.

``match`` names the entry; ``tie``, ``close`` and ``near`` say "probably" and name the alternative.

>>> fit = EntryFit("correct", 0.4, 1e-4, 1e-5, None, "", agree=50, values=50)
>>> other = EntryFit("sign flipped", 900.0, 0.2, 0.1, 0, "w at iteration 0: logged 6.5, sign flipped gives -6.5")
>>> finding = Finding("match", fit, other, (), None, (), None)
>>> headline(finding), sentence(finding).split(":")[0]
('correct', "Your log matches 'correct'")
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MATCH_LIMIT = 1.0  # within half a unit of the last printed digit: rounds to what was printed
NEAR_LIMIT = 3.0  # below it (1.5 units): rounds to what was printed or one unit off in its last digit
NONE_OF_THESE = "none of these"
AGREES = "agrees with every logged value to the digits printed"
Kind = Literal["match", "tie", "close", "near", "none"]
PROBABLY: tuple[Kind, ...] = ("tie", "close", "near")


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
    agree: int = 0  # how many logged values it reproduces to the digits printed
    values: int = 0  # how many logged values were compared

    @property
    def matches(self) -> bool:
        return self.applicable and self.misfit <= MATCH_LIMIT

    @property
    def near(self) -> bool:
        """Off by at most one unit in the last printed digit (and so not a match)."""
        return self.applicable and MATCH_LIMIT < self.misfit < NEAR_LIMIT


@dataclass(frozen=True)
class Finding:
    """The verdict's facts. ``alternatives``: for ``tie`` the other entries that reproduce every
    digit, for ``close`` and ``near`` the runner-up when it is near too. ``tell_apart``: fields
    the log lacks in which the alternatives' runs differ; ``digits_to_tell``: the significant
    digits at which the logged fields would differ (None: they never do, beyond float noise)."""

    kind: Kind
    best: EntryFit
    runner_up: EntryFit | None  # the next applicable entry, if any
    alternatives: tuple[EntryFit, ...]
    leaves_correct_at: int | None  # first logged iteration off the correct run; None if it never is
    tell_apart: tuple[str, ...]
    digits_to_tell: int | None

    @property
    def named(self) -> str:
        """The entry the verdict names (for sure or probably), or 'none of these'."""
        return NONE_OF_THESE if self.kind == "none" else self.best.name


def classify(ranking: tuple[EntryFit, ...]) -> tuple[Kind, tuple[EntryFit, ...]]:
    """The kind of verdict and its alternatives, from a ranking (closest first)."""
    best, others = ranking[0], [f for f in ranking[1:] if f.applicable]
    runner_up = others[0] if others else None
    if best.matches:
        tied = tuple(f for f in others if f.matches)
        if tied:
            return "tie", tied
        if runner_up is not None and runner_up.near:
            return "close", (runner_up,)
        return "match", ()
    if best.near:
        return "near", tuple(f for f in others[:1] if f.near)
    return "none", ()


def percent(rel: float) -> str:
    """0.0022 -> '0.22%', 2.0 -> '200%', 5e12 -> '5e+12 times the logged value'."""
    if not math.isfinite(rel):
        return "a run that blew up"
    if rel >= 100:
        return f"{rel:.2g} times the logged value"
    return f"{100 * rel:.2g}%" if rel < 0.1 else f"{100 * rel:,.0f}%"


def headline(finding: Finding) -> str:
    """'sequential update', 'probably sequential update' or 'none of these'."""
    return f"probably {finding.named}" if finding.kind in PROBABLY else finding.named


def _names(fits: tuple[EntryFit, ...]) -> str:
    quoted = [f"'{f.name}'" for f in fits]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _fields(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _how_to_tell(finding: Finding) -> str:
    if finding.tell_apart:
        return f" Print {_fields(finding.tell_apart)} too to tell them apart."
    if finding.digits_to_tell is not None:
        return f" They differ only below the digits printed: {_more_digits(finding.digits_to_tell)} to tell them apart."
    return " On this data they print the same numbers: either mistake gives this log."


def _more_digits(digits: int) -> str:
    return f"print {digits} significant digits (the format 0.{digits - 1}e)"


def _runner_up(fit: EntryFit | None, label: str) -> str:
    if fit is None:
        return ""
    return f" {label}, '{fit.name}', is off by up to {percent(fit.max_rel_diff)} ({fit.worst})."


def sentence(finding: Finding) -> str:
    """The verdict in plain sentences, written from ``finding`` alone."""
    best, kind = finding.best, finding.kind
    every = f"{AGREES} (largest relative difference {percent(best.max_rel_diff)})"
    if kind == "match":
        return f"Your log matches '{best.name}': it {every}." + _runner_up(finding.runner_up, "The runner-up")
    if kind == "tie":
        each = "both agree" if len(finding.alternatives) == 1 else f"all {len(finding.alternatives) + 1} agree"
        return (f"Your log is probably {_names((best, *finding.alternatives))}: {each}{AGREES.removeprefix('agrees')}."
                + _how_to_tell(finding))
    if kind == "close":
        near = finding.alternatives[0]
        return (f"Your log is probably '{best.name}': it {every}. But '{near.name}' reproduces them too, to within one "
                f"unit of the last printed digit ({near.worst})" + (
                    f": {_more_digits(finding.digits_to_tell)} to be sure." if finding.digits_to_tell else "."))
    if kind == "near":
        also = (f" '{finding.alternatives[0].name}' comes as close ({finding.alternatives[0].worst})." if finding.alternatives
                else _runner_up(finding.runner_up, "The next closest"))
        return (f"Your log is probably '{best.name}': no entry reproduces every printed digit, but '{best.name}' does "
                f"to within one unit of the last digit ({best.worst}).{also} Check that the data, α and the initial w "
                "and b are exactly the ones your code ran with.")
    said = "None of these reproduces your log."
    if finding.leaves_correct_at is not None:
        said += f" It leaves the correct run at iteration {finding.leaves_correct_at:,}."
    return said + (
        f" The closest is '{best.name}', which reproduces {best.agree:,} of the {best.values:,} logged values to the digits "
        f"printed (at worst {best.worst}). Check that the data, α, the iterations and the initial w and b are the ones "
        "your code ran with."
    )
