"""The shapes of a lesson question: its answer form, its true answer, a graded response.

A question is asked before the run is shown (commit -> reveal -> explain). Its answer form is
one of three:

- ``ChoiceForm``: one of a few labelled options (left / right / stays);
- ``NumberForm``: a number in a unit, graded within a tolerance the truth states;
- ``ChoicesForm``: one option for each of several items (each alpha: creeps, converges, ...).

A response is read at the boundary (``read_response``) and refused with a plain message
(``ResponseError``) that says what would work. Every number a truth or a grade prints is
written by ``gd_core.wording``.

>>> form = NumberForm(unit="w", rule="within 0.1")
>>> read_response(form, " −2.5 ")
-2.5
>>> read_response(form, "nan")
Traceback (most recent call last):
...
gd_core.question_types.ResponseError: Type a number such as 2.5 or −0.4.
>>> read_response(ChoiceForm((Choice("left", "w moves left"), Choice("right", "w moves right"))), "up")
Traceback (most recent call last):
...
gd_core.question_types.ResponseError: Pick one of the answers: ‘w moves left’ (left) or ‘w moves right’ (right).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

MAX_RESPONSE_CHARS = 40  # a number or an option key: anything longer is not an answer
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


class ResponseError(ValueError):
    """A response that cannot be graded; the message says what to type instead."""


@dataclass(frozen=True)
class Choice:
    """One option: ``key`` is what a response carries (URL-safe), ``label`` what a student reads."""

    key: str
    label: str


@dataclass(frozen=True)
class ChoiceForm:
    """Pick one of ``options``."""

    options: tuple[Choice, ...]
    kind: Literal["choice"] = "choice"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def label(self, key: str) -> str:
        """The label of option ``key`` (the key itself when unknown)."""
        return next((option.label for option in self.options if option.key == key), key)


@dataclass(frozen=True)
class NumberForm:
    """Type a number in ``unit``; ``rule`` says in words how close counts as right."""

    unit: str
    rule: str
    kind: Literal["number"] = "number"


@dataclass(frozen=True)
class ChoicesForm:
    """Pick one of ``options`` for each of ``items`` (labels such as "α = 0.45")."""

    items: tuple[str, ...]
    options: tuple[Choice, ...]
    kind: Literal["choices"] = "choices"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def label(self, key: str) -> str:
        return next((option.label for option in self.options if option.key == key), key)


Form = ChoiceForm | NumberForm | ChoicesForm
Response = str | float | tuple[str, ...]


@dataclass(frozen=True)
class Truth:
    """What the run did, as the answer to a question.

    ``value``: the option key, the number, or one key per item; ``accepted``: every option key
    that counts as right (a choice; usually just ``value``); ``tolerance``: how far a number may
    be from ``value`` and still be right, with ``tolerance_rule`` saying why (``shown``: the
    number as the answer writes it, when not with 4 significant digits); ``answer``: the
    answer in one plain sentence; ``why``: one short explanation written from the run's facts;
    ``facts``: the numbers both sentences state, for a page or a test to read.
    """

    value: Response
    answer: str
    why: str
    facts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    accepted: tuple[str, ...] = ()
    tolerance: float | None = None
    tolerance_rule: str = ""
    shown: str = ""  # a number's value as the answer writes it (when more digits than wording.number's 4 are due)


def truth(value: Response, answer: str, why: str, facts: Mapping[str, Any] | None = None, **extra: Any) -> Truth:
    """A Truth with read-only facts; a choice's ``accepted`` defaults to its value."""
    if isinstance(value, str) and "accepted" not in extra:
        extra["accepted"] = (value,)
    return Truth(value, answer, why, MappingProxyType(dict(facts or {})), **extra)


@dataclass(frozen=True)
class Graded:
    """A graded response: ``correct``; ``gap`` (response − truth, numbers only); ``gap_sentence``
    (what was said against what happened); ``why`` (the truth's explanation); the ``truth``."""

    correct: bool
    gap: float | None
    gap_sentence: str
    why: str
    truth: Truth
    response: Response


@dataclass(frozen=True)
class Question:
    """One question of the lesson path.

    ``id`` is URL-safe (``ask=<id>``), ``lesson`` the page's key, ``order`` its place on the
    path, ``title`` a few words for the path's list. The functions take the lesson's context
    (gd_core.contexts and friends): ``write_prompt`` the question for these settings,
    ``make_form`` its answer form, ``find_truth`` the answer read off the context's run,
    ``applies`` whether it can be asked of this context at all. ``hides`` names what the page
    must keep out of sight until the answer is committed (``wall``: the limit 2 / J''(w*)).
    ``start`` names settings (the page's URL names) of a view the question applies to: the
    lesson path opens it there when the view on screen is one it does not apply to.
    """

    id: str
    lesson: str
    order: int
    title: str
    write_prompt: Callable[[Any], str]
    make_form: Callable[[Any], Form]
    find_truth: Callable[[Any], Truth]
    applies: Callable[[Any], bool] = lambda context: True
    hides: tuple[str, ...] = ()
    start: tuple[tuple[str, float], ...] = ()  # (setting, value): a view it applies to, for a path that reaches it from one it does not


def _options(options: Sequence[Choice]) -> str:
    listed = [f"‘{option.label}’ ({option.key})" for option in options]
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]


def read_number(text: object) -> float:
    """A typed number: digits with an optional sign, point and exponent (a real minus sign
    and a decimal comma are read too); refuses anything else, NaN, infinities and overflow."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text)[: MAX_RESPONSE_CHARS + 1].strip().replace("−", "-").replace(" ", "")
        if raw.count(",") == 1 and "." not in raw:
            raw = raw.replace(",", ".")
        if len(raw) > MAX_RESPONSE_CHARS or not _NUMBER.fullmatch(raw):
            raise ResponseError("Type a number such as 2.5 or −0.4.")
        value = float(raw)
    if not math.isfinite(value):
        raise ResponseError("Type a number such as 2.5 or −0.4.")
    return value


def _read_key(options: Sequence[Choice], text: object) -> str:
    key = str(text)[: MAX_RESPONSE_CHARS + 1].strip()
    if key not in {option.key for option in options}:
        raise ResponseError(f"Pick one of the answers: {_options(options)}.")
    return key


def read_response(form: Form, raw: object) -> Response:
    """The response to ``form`` read from what a page or a URL gave: a float for a number, an
    option key for a choice, a tuple of keys (a sequence, or text separated by commas) for
    choices. Raises ResponseError with a plain message."""
    if isinstance(form, NumberForm):
        return read_number(raw)
    if isinstance(form, ChoiceForm):
        return _read_key(form.options, raw)
    parts = str(raw)[: 64 * MAX_RESPONSE_CHARS].split(",") if isinstance(raw, str) else list(itertools.islice(raw, len(form.items) + 1))
    if len(parts) != len(form.items):
        raise ResponseError(f"Give one answer for each of the {len(form.items)}: {', '.join(form.items)}.")
    return tuple(_read_key(form.options, part) for part in parts)
