"""A class answers one lesson question together: the run the round asks about, and the spread.

A round is a question (gd_core.questions) asked of one view: a built-in cost curve and the
lesson's settings (``RoundView``). Every student's device builds the same context from the same
view, so every answer is graded against the very run the projector then plays.

- ``round_context(question_id, view)``: the context (gd_core.contexts) the question is asked of;
- ``canonical(question_id, view, raw)``: a response read and checked against the question's form
  (ResponseError with a plain message otherwise), written as the text the store keeps: an option
  key, or a number with up to 12 significant digits;
- ``tally(form, answers)``: the histogram's bars, counts only (no names): each option in the
  form's order, or for a number a few bins with round edges over every answer given
  (``number_bins``), the same edges for both rounds when given both rounds' answers.

>>> view = RoundView("intuition", "bowl", 7.0, 0.1, 30)
>>> canonical("intuition.direction", view, " left ")
'left'
>>> canonical("intuition.first_step", view, "6,25")
'6.25'
>>> [(bar.label, bar.count) for bar in tally(form_of("intuition.direction", view), ["left", "left", "right"])][:2]
[('w moves left (to a smaller w)', 2), ('w moves right (to a larger w)', 1)]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gd_core import questions as qs
from gd_core.contexts import intuition_context, learning_rate_context, local_minimum_context
from gd_core.curves import CURVES
from gd_core.question_types import ChoiceForm, Form, NumberForm, ResponseError, read_response
from gd_core.sweep import suggested_alphas
from gd_core.descent import largest_stable_alpha

CLASS_LESSONS = ("intuition", "learning_rate", "local_minimum")  # built-in curves: a view fits in a few numbers
MAX_BINS = 8


class RoundError(ValueError):
    """A round that cannot be asked: an unknown question, or one the class view does not offer."""


@dataclass(frozen=True)
class RoundView:
    """The settings a round's question is asked of: ``lesson``, a built-in ``curve`` key, the start
    ``w0``, ``alpha`` (nan on page 2, which compares ``alphas``) and the iteration limit ``iters``."""

    lesson: str
    curve: str
    w0: float
    alpha: float
    iters: int
    alphas: tuple[float, ...] = ()

    def as_params(self) -> dict[str, str | int | float]:
        """The view as short names and values (what the store keeps; no nan: page 2 has no alpha)."""
        params: dict[str, str | int | float] = {"lesson": self.lesson, "curve": self.curve, "w0": self.w0, "iters": self.iters}
        if math.isfinite(self.alpha):
            params["alpha"] = self.alpha
        if self.alphas:
            params["alphas"] = ",".join(format(a, ".12g") for a in self.alphas)
        return params

    @staticmethod
    def from_params(params: Mapping[str, Any]) -> RoundView:
        """The view ``as_params`` wrote; RoundError when it is not one."""
        try:
            alphas = tuple(float(a) for a in str(params.get("alphas") or "").split(",") if a)
            return RoundView(
                str(params["lesson"]), str(params["curve"]), float(params["w0"]), float(params.get("alpha", "nan")), int(params["iters"]), alphas,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise RoundError("This round's settings cannot be read.") from error


def page_alphas(curve_key: str, w0: float) -> tuple[float, ...]:
    """Page 2's default learning rates for this start (the ones its alphas box suggests)."""
    curve = CURVES[curve_key]
    w_star = curve.nearest_minimum(w0)
    limit = largest_stable_alpha(curve, w_star) if w_star is not None else float("inf")
    return tuple(float(a) for a in suggested_alphas(limit))


def offered(question_id: str) -> bool:
    """Whether the class view offers this question (a lesson on a built-in curve, one answer a student)."""
    q = qs.BY_ID.get(question_id)
    return q is not None and q.lesson in CLASS_LESSONS and q.id != "learning_rate.behaviour"


def round_context(question_id: str, view: RoundView) -> Any:
    """The context ``question_id`` is asked of in ``view``; RoundError when it cannot be asked there."""
    if not offered(question_id):
        raise RoundError(f"The class view does not offer the question {question_id[:60]!r}.")
    q = qs.question(question_id)
    if view.lesson != q.lesson or view.curve not in CURVES:
        raise RoundError(f"{q.id} is asked on the {q.lesson} lesson's curves.")
    curve = CURVES[view.curve]
    if view.lesson == "intuition":
        context = intuition_context(curve, view.w0, view.alpha, view.iters)
    elif view.lesson == "learning_rate":
        context = learning_rate_context(curve, view.w0, view.alphas or page_alphas(view.curve, view.w0), view.iters)
    else:
        context = local_minimum_context(curve, view.w0, view.alpha, view.iters)
    if not qs.applies(q, context):
        raise RoundError(f"{q.title} does not apply to this view; pick another question or view.")
    return context


def form_of(question_id: str, view: RoundView) -> Form:
    return qs.form(qs.question(question_id), round_context(question_id, view))


def answer_range(question_id: str, view: RoundView) -> tuple[float, float] | None:
    """The numbers a class may answer (the store refuses others, saying this range): for a w, the
    curve's plotted range widened by its width on each side (a step may overshoot it), and wider
    still to hold the right answer; None (the store's default by unit) for another number.

    >>> answer_range("intuition.first_step", RoundView("intuition", "bowl", 7.0, 0.1, 30))
    (-12.0, 18.0)
    """
    form = form_of(question_id, view)
    if not isinstance(form, NumberForm) or form.unit != "w":
        return None
    curve = CURVES[view.curve]
    truth = float(qs.truth(qs.question(question_id), round_context(question_id, view)).value)
    width = curve.w_max - curve.w_min
    return float(min(curve.w_min, truth) - width), float(max(curve.w_max, truth) + width)


def canonical(question_id: str, view: RoundView, raw: object) -> str:
    """The response as the store keeps it; ResponseError (its message for the student) when it
    does not answer this question."""
    value = read_response(form_of(question_id, view), raw)
    return format(value, ".12g") if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Bar:
    """One bar of the spread: ``label`` (an option's, or a number range's) and how many said it;
    ``key`` the option key or the bin's (low, high)."""

    label: str
    count: int
    key: Any


def _nice(step: float) -> float:
    exponent = math.floor(math.log10(step))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * 10**exponent >= step:
            return factor * 10**exponent
    return 10 ** (exponent + 1)


def number_bins(values: Sequence[float]) -> np.ndarray:
    """At most ``MAX_BINS`` bins of one round width covering ``values``: their edges.

    >>> number_bins([6.25, 6.2, 5.0, 7.9]).tolist()
    [5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0]
    """
    finite = np.asarray([v for v in values if math.isfinite(v)], dtype=float)
    if finite.size == 0:
        return np.array([])
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12 * max(1.0, abs(low)):
        step = _nice(max(abs(low) * 0.1, 1e-9))
        start = math.floor(low / step) * step
        return start + step * np.arange(2 if start + step > high else 3)
    step = _nice((high - low) / MAX_BINS)
    while True:  # a start rounded down may need one more bin: then the next round width
        start = math.floor(low / step) * step
        count = max(1, math.ceil((high - start) / step))
        if start + count * step <= high:
            count += 1
        if count <= MAX_BINS:
            return start + step * np.arange(count + 1)
        step = _nice(step * 1.01)


def _range_label(low: float, high: float) -> str:
    return f"{low:.4g} to {high:.4g}"


def tally(form: Form, answers: Iterable[str], edges: np.ndarray | None = None) -> list[Bar]:
    """The bars of the spread of ``answers`` (stored responses). A number's bins are ``edges``
    (``number_bins`` over every round's answers, so rounds compare) or its own."""
    given = list(answers)
    if isinstance(form, ChoiceForm):
        counts = Counter(given)
        return [Bar(option.label, counts.get(option.key, 0), option.key) for option in form.options]
    if not isinstance(form, NumberForm):
        raise RoundError("the class view shows one answer a student")
    values = [float(v) for v in given]
    edges = number_bins(values) if edges is None else edges
    if len(edges) < 2:
        return []
    counts_array, _ = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges) if values else (np.zeros(len(edges) - 1, int), None)
    return [Bar(_range_label(lo, hi), int(c), (float(lo), float(hi))) for lo, hi, c in zip(edges[:-1], edges[1:], counts_array)]


def correct_count(question_id: str, view: RoundView, answers: Iterable[str]) -> int:
    """How many of ``answers`` the question grades right (on the round's own run)."""
    q = qs.question(question_id)
    context = round_context(question_id, view)
    right = 0
    for answer in answers:
        try:
            right += qs.grade(q, context, answer).correct
        except ResponseError:
            continue
    return right


__all__ = ["CLASS_LESSONS", "Bar", "RoundError", "RoundView", "answer_range", "canonical", "correct_count", "form_of", "number_bins", "offered",
           "page_alphas", "round_context", "tally"]
