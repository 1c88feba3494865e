"""A class answers one lesson question together: the run the round asks about, and the spread.

A round is a question (gd_core.questions) asked of one view: a built-in cost curve and the
lesson's settings (``RoundView``); on pages 4 and 6 a built-in dataset (gd_core.class_data) and
the run's settings; on page 5 the find-the-bug exercise's number. Every student's device builds
the same context from the same view, so every answer is graded against the very run the
projector then plays.

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

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gd_core import class_data, questions as qs
from gd_core.contexts import intuition_context, learning_rate_context, local_minimum_context
from gd_core.minibatch_facts import three_runs
from gd_core.questions_batches import BatchesContext
from gd_core.questions_debug import debug_context
from gd_core.questions_fit import regression_context
from gd_core.scaling import scale_stats
from gd_core.sums import summarize
from gd_core.curves import CURVES
from gd_core.question_types import ChoiceForm, Form, NumberForm, ResponseError, read_response
from gd_core.sweep import suggested_alphas
from gd_core.descent import largest_stable_alpha

CURVE_LESSONS = ("intuition", "learning_rate", "local_minimum")  # built-in curves: a view fits in a few numbers
DATA_LESSONS = ("regression", "batches")  # a built-in dataset and the run's settings
CLASS_LESSONS = (*CURVE_LESSONS, "regression", "debug", "batches")  # page 5: the exercise's number
MAX_BINS = 8
MAX_UPDATES = 20_000  # lesson 6's limit per run (ui.cache.runs.MAX_UPDATES), so a round's runs are the page's


class RoundError(ValueError):
    """A round that cannot be asked: an unknown question, or one the class view does not offer."""


@dataclass(frozen=True)
class RoundView:
    """The settings a round's question is asked of: ``lesson``, a built-in ``curve`` key (pages
    1-3; "" else), the start ``w0``, ``alpha`` (nan on page 2, which compares ``alphas``) and the
    iteration limit ``iters`` (lesson 6: its epochs). Pages 4 and 6 add a built-in ``dataset``,
    the start ``b0`` and ``scale`` (z-scored x); lesson 6 its mini-batch size ``batch``; pages 5
    and 6 a ``seed`` (page 5: the exercise's number, its only setting)."""

    lesson: str
    curve: str
    w0: float
    alpha: float
    iters: int
    alphas: tuple[float, ...] = ()
    dataset: str = ""
    b0: float = 0.0
    scale: bool = False
    batch: int = 0
    seed: int = 0

    def as_params(self) -> dict[str, str | int | float]:
        """The view as short names and values (what the store keeps; no nan: page 2 has no alpha)."""
        if self.lesson == "debug":
            return {"lesson": self.lesson, "seed": self.seed}
        params: dict[str, str | int | float] = {"lesson": self.lesson, "curve": self.curve, "w0": self.w0, "iters": self.iters}
        if math.isfinite(self.alpha):
            params["alpha"] = self.alpha
        if self.alphas:
            params["alphas"] = ",".join(format(a, ".12g") for a in self.alphas)
        if self.lesson in DATA_LESSONS:
            params.update(dataset=self.dataset, b0=self.b0, scale=int(self.scale))
        if self.lesson == "batches":
            params.update(batch=self.batch, seed=self.seed)
        return params

    @staticmethod
    def from_params(params: Mapping[str, Any]) -> RoundView:
        """The view ``as_params`` wrote; RoundError when it is not one."""
        try:
            if params.get("lesson") == "debug":
                return RoundView("debug", "", math.nan, math.nan, 0, seed=int(params["seed"]))
            alphas = tuple(float(a) for a in str(params.get("alphas") or "").split(",") if a)
            return RoundView(
                str(params["lesson"]), str(params["curve"]), float(params["w0"]), _alpha(params), int(params["iters"]), alphas,
                str(params.get("dataset", "")), float(params.get("b0", 0.0)), bool(int(params.get("scale", 0))), int(params.get("batch", 0)),
                int(params.get("seed", 0)),
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
    """Whether the class view offers this question (one answer a student: every lesson's but page 2's four-part one)."""
    q = qs.BY_ID.get(question_id)
    return q is not None and q.lesson in CLASS_LESSONS and q.id != "learning_rate.behaviour"


def _alpha(params: Mapping[str, Any]) -> float:
    """The view's alpha; page 2's views have none: the one ``math.nan`` (a fresh ``float("nan")``
    equals nothing, itself included, so a view read back would miss every cache keyed on it)."""
    alpha = float(params.get("alpha", math.nan))
    return math.nan if math.isnan(alpha) else alpha


def round_context(question_id: str, view: RoundView) -> Any:
    """The context ``question_id`` is asked of in ``view``; RoundError when it cannot be asked there."""
    if not offered(question_id):
        raise RoundError(f"The class view does not offer the question {question_id[:60]!r}.")
    q = qs.question(question_id)
    if view.lesson != q.lesson or (view.lesson in CURVE_LESSONS and view.curve not in CURVES):
        raise RoundError(f"{q.id} is asked on the {q.lesson} lesson's views.")
    context = lesson_context(view)
    if not qs.applies(q, context):
        raise RoundError(f"{q.title} does not apply to this view; pick another question or view.")
    return context


def run_rows(view: RoundView) -> tuple[np.ndarray, np.ndarray, Any]:
    """Lesson 6: the dataset's rows and sums in the units its runs use (x z-scored with ``scale``,
    as ui.cache.runs.batch_rows does); KeyError for a dataset that is not built in."""
    x, y = class_data.rows(view.dataset)
    stats = summarize(x, y)
    if not view.scale:
        return x, y, stats
    scaled, mu, sigma = scale_stats(stats)
    return (x - mu[0]) / sigma[0], y, scaled


@functools.lru_cache(maxsize=8)  # server-wide, bounded (a page-4 run of 200,000 iterations holds ~10 MB): every student's page of a round asks for the same runs
def lesson_context(view: RoundView) -> Any:
    """The lesson's context (its runs) for ``view``; RoundError when the view cannot be run."""
    if view.lesson in CURVE_LESSONS:
        curve = CURVES[view.curve]
        if view.lesson == "intuition":
            return intuition_context(curve, view.w0, view.alpha, view.iters)
        if view.lesson == "learning_rate":
            return learning_rate_context(curve, view.w0, view.alphas or page_alphas(view.curve, view.w0), view.iters)
        return local_minimum_context(curve, view.w0, view.alpha, view.iters)
    try:
        if view.lesson == "debug":
            return debug_context(view.seed)
        if view.lesson == "regression":
            x, y = class_data.rows(view.dataset)
            return regression_context(summarize(x, y), view.w0, view.b0, view.alpha, view.iters, scaled=view.scale)
        x, y, stats = run_rows(view)
        runs = three_runs(x, y, stats, view.w0, view.b0, alpha=view.alpha, batch_size=view.batch, epochs=view.iters, seed=view.seed, max_updates=MAX_UPDATES)
        return BatchesContext(stats, runs)
    except KeyError:
        raise RoundError("A class round runs on a built-in dataset only.") from None
    except ValueError as error:
        raise RoundError(f"This view cannot be run: {str(error)[:200]}") from None


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
    context = round_context(question_id, view)
    truth = float(qs.truth(qs.question(question_id), context).value)
    if view.lesson in CURVE_LESSONS:
        low, high = CURVES[view.curve].w_min, CURVES[view.curve].w_max
    else:  # page 4: from the start to the least-squares w*
        low, high = sorted((view.w0, float(context.w_star)))
    width = max(high - low, 1.0)
    return float(min(low, truth) - width), float(max(high, truth) + width)


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
        if start > low:  # low / step underflowed to 0 (a subnormal low, found by hypothesis): one step lower
            start -= step
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


__all__ = ["CLASS_LESSONS", "CURVE_LESSONS", "Bar", "lesson_context", "run_rows", "RoundError", "RoundView", "answer_range", "canonical", "correct_count", "form_of", "number_bins", "offered",
           "page_alphas", "round_context", "tally"]
