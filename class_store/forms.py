"""What a round asks, kept as text in the database, and an answer checked against it.

A round asks one lesson question (``gd_core.questions``) of one view: ``Asked`` holds the
question's id, the view's settings (the page's URL names and values, so that every student's
page builds the same run) and the answer form the teacher's page computed for that view
(``gd_core.questions.form(question, context)``). The store keeps the form as JSON, so it checks
answers without rebuilding the run, with ``gd_core.question_types.read_response`` (the same
reading as a student's own page) and, for a number, the round's ``answer_range``.

An answer is kept as canonical text: an option key (``left``), keys joined by commas for one
option per item (``converges,diverges``), or a number's shortest repr (``6.25``).

>>> from gd_core.question_types import Choice, ChoiceForm
>>> asked = Asked("intuition.direction", {"w0": "7"}, ChoiceForm((Choice("left", "left"), Choice("right", "right"))))
>>> form_from_json(form_to_json(asked.form)) == asked.form
True
>>> check_answer(asked.form, None, " left ")
('left', None)
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from gd_core.question_types import Choice, ChoiceForm, ChoicesForm, Form, NumberForm, Response, ResponseError, read_response
from gd_core.questions import QuestionError, question
from gd_core.wording import number

from class_store.errors import AnswerRefused, SetupError

MAX_PARAMS = 40  # settings of one view: far more than any page has
MAX_PARAMS_JSON = 4000  # characters of the settings, as JSON
MAX_FORM_JSON = 8000  # characters of the answer form, as JSON (page 5's line form is the longest)
MAX_NUMBER = 1e12  # no range may reach past this: a histogram of such numbers says nothing
_KEY = re.compile(r"[A-Za-z0-9_.:+-]{1,40}")
# A number form's range when the page gives none, by unit: a count or a distance is never negative.
DEFAULT_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType({
    "iterations": (0.0, 1e6),
    "|w − w*|": (0.0, 1e6),
    "α": (0.0, 1e6),
})
DEFAULT_RANGE = (-1e6, 1e6)

ParamValue = str | int | float | bool


@dataclass(frozen=True)
class Asked:
    """What a round asks: ``question_id`` (``gd_core.questions``), ``params`` the view's settings
    by URL name (what the student's page needs to build the same context), ``form`` the answer
    form for that view, and for a number form the lowest and highest answer accepted
    (``answer_range``; None: ``DEFAULT_RANGES`` by unit, else ``DEFAULT_RANGE``)."""

    question_id: str
    params: Mapping[str, ParamValue]
    form: Form
    answer_range: tuple[float, float] | None = None


def number_range(form: Form, answer_range: tuple[float, float] | None) -> tuple[float, float] | None:
    """The range a number answer must fall in (None for a choice form)."""
    if not isinstance(form, NumberForm):
        return None
    if answer_range is not None:
        return (float(answer_range[0]), float(answer_range[1]))
    return DEFAULT_RANGES.get(form.unit, DEFAULT_RANGE)


def checked(asked: Asked) -> Asked:
    """``asked`` with its settings copied read-only; SetupError in plain words for an unknown
    question, settings that are not short names and values, a form without options, or a range
    that is not lo < hi within ±MAX_NUMBER."""
    if not isinstance(asked, Asked):
        raise SetupError("A round asks an Asked(question_id, params, form).")
    try:
        question(asked.question_id)
    except QuestionError as error:
        raise SetupError(str(error)) from None
    params = dict(asked.params)
    if len(params) > MAX_PARAMS:
        raise SetupError(f"A view has at most {MAX_PARAMS} settings; this one has {len(params)}.")
    for name, value in params.items():
        if not isinstance(name, str) or not _KEY.fullmatch(name):
            raise SetupError("A setting's name is a URL name of up to 40 letters, digits, _ . : + or -.")
        if not isinstance(value, (str, int, float, bool)) or (isinstance(value, float) and not math.isfinite(value)):
            raise SetupError(f"The setting {name} is not a finite number, a word or true/false.")
    if len(json.dumps(params, ensure_ascii=False)) > MAX_PARAMS_JSON:
        raise SetupError(f"The view's settings are longer than {MAX_PARAMS_JSON} characters.")
    _check_form(asked.form)
    bounds = number_range(asked.form, asked.answer_range)
    if bounds is not None:
        lo, hi = bounds
        if not (math.isfinite(lo) and math.isfinite(hi) and -MAX_NUMBER <= lo < hi <= MAX_NUMBER):
            raise SetupError(f"A number's range goes from a lower to a higher number within ±{number(MAX_NUMBER)}.")
    elif asked.answer_range is not None:
        raise SetupError("Only a number question has a range.")
    return Asked(asked.question_id, MappingProxyType(params), asked.form, bounds)


def _check_form(form: Form) -> None:
    if isinstance(form, NumberForm):
        return
    if not isinstance(form, (ChoiceForm, ChoicesForm)) or not form.options:
        raise SetupError("A question's form needs at least one option.")
    keys = [option.key for option in form.options]
    if len(set(keys)) != len(keys) or not all(_KEY.fullmatch(key) for key in keys):
        raise SetupError("Each option's key is different and URL-safe (letters, digits, _ . : + -).")
    if isinstance(form, ChoicesForm) and not form.items:
        raise SetupError("A question with one answer per item needs at least one item.")
    if len(form_to_json(form)) > MAX_FORM_JSON:
        raise SetupError(f"The question's options are longer than {MAX_FORM_JSON} characters.")


def form_to_json(form: Form) -> str:
    """The form as JSON text: its kind, and its options, items, unit and rule."""
    if isinstance(form, NumberForm):
        data: dict[str, Any] = {"kind": "number", "unit": form.unit, "rule": form.rule}
    else:
        data = {"kind": form.kind, "options": [[o.key, o.label] for o in form.options]}
        if isinstance(form, ChoicesForm):
            data["items"] = list(form.items)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def form_from_json(text: str) -> Form:
    """The form ``form_to_json`` wrote."""
    data = json.loads(text)
    if data["kind"] == "number":
        return NumberForm(data["unit"], data["rule"])
    options = tuple(Choice(key, label) for key, label in data["options"])
    if data["kind"] == "choices":
        return ChoicesForm(tuple(data["items"]), options)
    return ChoiceForm(options)


def check_answer(form: Form, answer_range: tuple[float, float] | None, raw: object) -> tuple[str, float | None]:
    """An answer read as the student's page reads it, as (canonical text, number or None);
    AnswerRefused with the page's own message, or the range in words, when it is not one."""
    try:
        value = read_response(form, raw)
    except ResponseError as error:
        raise AnswerRefused(str(error)) from None
    except (TypeError, ValueError, OverflowError):  # not text, a number or a sequence of keys at all
        raise AnswerRefused("This answer cannot be read; pick or type it again.") from None
    if isinstance(form, NumberForm):
        x = float(value)  # type: ignore[arg-type]
        lo, hi = number_range(form, answer_range) or DEFAULT_RANGE
        if not lo <= x <= hi:
            raise AnswerRefused(f"Give a number from {number(lo)} to {number(hi)} ({form.unit}); {number(x)} is outside.")
        return repr(x + 0.0), x  # + 0.0: -0.0 is kept as 0.0
    if isinstance(form, ChoicesForm):
        return ",".join(value), None  # type: ignore[arg-type]
    return str(value), None


def response_of(form: Form, text: str) -> Response:
    """The response a stored answer stands for: a float, a key, or one key per item."""
    if isinstance(form, NumberForm):
        return float(text)
    if isinstance(form, ChoicesForm):
        return tuple(text.split(","))
    return text


def asked_to_json(asked: Asked) -> str:
    """``asked`` (checked) as JSON text: question id, settings, form and range."""
    data = {
        "question_id": asked.question_id, "params": dict(asked.params), "form": json.loads(form_to_json(asked.form)),
        "range": list(asked.answer_range) if asked.answer_range is not None else None,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def asked_from_json(text: str) -> Asked:
    """The Asked that ``asked_to_json`` wrote."""
    data = json.loads(text)
    bounds = data["range"]
    form = form_from_json(json.dumps(data["form"]))
    return Asked(data["question_id"], MappingProxyType(data["params"]), form, (float(bounds[0]), float(bounds[1])) if bounds else None)
