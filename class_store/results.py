"""What the store hands back: frozen dataclasses, counts without names.

A ``Spread`` is one round's histogram: how many answered, and per option (a choice), per item
and option (one option per item), or per bin with the sorted values (a number). It never holds a
session id. ``spread_of`` makes it from the round's stored answers.

>>> from gd_core.question_types import Choice, ChoiceForm
>>> form = ChoiceForm((Choice("left", "Left"), Choice("right", "Right")))
>>> s = spread_of(1, "closed", form, [("left", None), ("left", None), ("right", None)])
>>> s.total, [(o.key, o.count) for o in s.options]
(3, [('left', 2), ('right', 1)])
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from gd_core.question_types import ChoiceForm, ChoicesForm, Form, NumberForm, Response

from class_store.forms import Asked

RoundState = Literal["open", "closed", "revealed"]
NUMBER_BINS = 10  # a number round's histogram: at most this many equal bins over the answers' span


@dataclass(frozen=True)
class NewClass:
    """A class just made: ``code`` for the students, ``secret`` for the teacher's link only
    (shown once: the store keeps its hash), ``expires_at`` (seconds since 1970, UTC)."""

    code: str
    secret: str
    expires_at: float


@dataclass(frozen=True)
class Round:
    """A round: its ``number`` (1, 2, ...), ``state``, what it ``asked``, when it opened, closed
    and was revealed (None: not yet), and how many sessions have answered it."""

    number: int
    state: RoundState
    asked: Asked
    opened_at: float
    closed_at: float | None
    revealed_at: float | None
    answers: int


@dataclass(frozen=True)
class OptionCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Bin:
    """Answers with ``lo <= x < hi`` (the last bin includes its ``hi``)."""

    lo: float
    hi: float
    count: int


@dataclass(frozen=True)
class Spread:
    """One round's answers, counted. ``kind`` is the form's: ``choice`` fills ``options`` (every
    option, in the form's order, zeros included); ``choices`` fills ``items`` (item label, its
    options counted); ``number`` fills ``bins`` and ``values`` (sorted)."""

    round: int
    state: RoundState
    kind: Literal["choice", "choices", "number"]
    total: int
    options: tuple[OptionCount, ...] = ()
    items: tuple[tuple[str, tuple[OptionCount, ...]], ...] = ()
    bins: tuple[Bin, ...] = ()
    values: tuple[float, ...] = ()


@dataclass(frozen=True)
class Answered:
    """An answer kept: the ``round`` it counts in, its ``value`` as read, and whether it
    ``replaced`` this session's earlier answer in that round."""

    round: int
    value: Response
    replaced: bool


@dataclass(frozen=True)
class TeacherView:
    """Everything the teacher's page shows: the join ``code``, expiry, the question the next
    round asks (``asked``), every round and its spread (same order)."""

    code: str
    expires_at: float
    asked: Asked
    rounds: tuple[Round, ...]
    spreads: tuple[Spread, ...]


@dataclass(frozen=True)
class StudentView:
    """What a student's page shows: the ``code``, expiry, the latest ``round`` (None before the
    first), this session's answer in it (``mine``), and the spreads of the revealed rounds
    (``revealed_rounds``: those rounds, same order, so a page can pair a re-vote with its first vote)."""

    code: str
    expires_at: float
    round: Round | None
    mine: Response | None
    revealed: tuple[Spread, ...]
    revealed_rounds: tuple[Round, ...] = ()


def _counted(form: ChoiceForm | ChoicesForm, counter: Counter[str]) -> tuple[OptionCount, ...]:
    return tuple(OptionCount(o.key, o.label, counter.get(o.key, 0)) for o in form.options)


def _bins(values: list[float]) -> tuple[Bin, ...]:
    if not values:
        return ()
    lo, hi = values[0], values[-1]
    if lo == hi:
        return (Bin(lo, hi, len(values)),)
    width = (hi - lo) / NUMBER_BINS
    counts = [0] * NUMBER_BINS
    for x in values:
        counts[min(NUMBER_BINS - 1, math.floor((x - lo) / width))] += 1
    return tuple(Bin(lo + k * width, hi if k == NUMBER_BINS - 1 else lo + (k + 1) * width, n) for k, n in enumerate(counts))


def spread_of(number: int, state: RoundState, form: Form, rows: Iterable[tuple[str, float | None]]) -> Spread:
    """The spread of one round from its answers' (canonical text, number) pairs."""
    rows = list(rows)
    if isinstance(form, NumberForm):
        values = sorted(float(x) for _, x in rows if x is not None)
        return Spread(number, state, "number", len(rows), bins=_bins(values), values=tuple(values))
    if isinstance(form, ChoicesForm):
        per_item: list[Counter[str]] = [Counter() for _ in form.items]
        for text, _ in rows:
            for k, key in enumerate(text.split(",")[: len(form.items)]):
                per_item[k][key] += 1
        items = tuple((item, _counted(form, per_item[k])) for k, item in enumerate(form.items))
        return Spread(number, state, "choices", len(rows), items=items)
    return Spread(number, state, "choice", len(rows), options=_counted(form, Counter(text for text, _ in rows)))
