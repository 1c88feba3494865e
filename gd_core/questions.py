"""Predict, then see: the lesson path of questions, and the one function that grades an answer.

A page asks before it shows (commit -> reveal -> explain)::

    context = intuition_context(curve, w0, alpha, iters)    # the run the page will play
    q = question("intuition.direction")                     # from ask=<id>, or the lesson's list
    prompt(q, context), form(q, context)                    # ask, with its answer form
    graded = grade(q, context, "left")                      # ResponseError: show its message
    graded.correct, graded.gap_sentence, graded.why         # then play context.run

Every truth is read off the context's run, never written in advance. Grading, by form:

- a choice is right when its key is one the truth accepts;
- a number is right when |response - truth| <= the truth's tolerance (its rule in words);
- choices (one per item) are right when every item is.

>>> from gd_core.contexts import intuition_context
>>> from gd_core.curves import CURVES
>>> context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
>>> graded = grade(question("intuition.first_step"), context, "6.25")
>>> graded.correct, graded.gap_sentence
(True, 'Right: you said w = 6.25, the answer is w = 6.2, 0.05 off (within 0.1, 1/100 of the plotted range of w (−2 to 8)).')
>>> next_question("intuition.direction").id
'intuition.first_step'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from gd_core import questions_1d, questions_batches, questions_debug, questions_fit, questions_minima, questions_rates
from gd_core.question_types import (
    ChoiceForm, ChoicesForm, Form, Graded, NumberForm, Question, Response, ResponseError, Truth, read_response,
)
from gd_core.wording import exact, number, quoted

__all__ = [
    "LESSONS", "QUESTIONS", "BY_ID", "Graded", "Question", "QuestionError", "ResponseError", "Truth",
    "applies", "asked", "form", "grade", "next_question", "prompt", "question", "questions_for", "truth",
]

LESSONS = ("intuition", "learning_rate", "local_minimum", "regression", "debug", "batches")
QUESTIONS: tuple[Question, ...] = tuple(sorted((*questions_1d.QUESTIONS, *questions_rates.QUESTIONS, *questions_minima.QUESTIONS, *questions_fit.QUESTIONS, *questions_debug.QUESTIONS, *questions_batches.QUESTIONS), key=lambda q: q.order))
BY_ID: Mapping[str, Question] = MappingProxyType({q.id: q for q in QUESTIONS})
NUMBER_NOISE = 1e-12  # relative: a response equal to the truth to rounding is within any tolerance


class QuestionError(ValueError):
    """An unknown question id (a bad ``ask=``), or a question put to another lesson's context."""


def question(question_id: object) -> Question:
    """The question with this id; QuestionError, naming the lesson path's ids, for any other."""
    key = str(question_id)[:200]
    if key in BY_ID:
        return BY_ID[key]
    firsts = ", ".join(questions_for(lesson)[0].id for lesson in LESSONS if questions_for(lesson))
    raise QuestionError(f"There is no question {quoted(key)}. Each lesson's first question is one of: {firsts}.")


def questions_for(lesson: str) -> tuple[Question, ...]:
    """The lesson's questions, in path order."""
    return tuple(q for q in QUESTIONS if q.lesson == lesson)


def next_question(question_id: str) -> Question | None:
    """The question after this one on the lesson path (None after the last)."""
    index = QUESTIONS.index(question(question_id))
    return QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None


def _check(q: Question, context: Any) -> None:
    if getattr(context, "lesson", None) != q.lesson:
        raise QuestionError(f"{q.id} is a question of the {q.lesson} lesson, not of {getattr(context, 'lesson', 'this page')}.")


def applies(q: Question, context: Any) -> bool:
    """Whether ``q`` can be asked of this context (how many iterations until it converges is
    asked only of a run that converges)."""
    _check(q, context)
    return bool(q.applies(context))


def asked(context: Any) -> tuple[Question, ...]:
    """The lesson's questions that apply to this context, in path order."""
    return tuple(q for q in questions_for(context.lesson) if q.applies(context))


def prompt(q: Question, context: Any) -> str:
    """The question, written for these settings."""
    _check(q, context)
    return q.write_prompt(context)


def form(q: Question, context: Any) -> Form:
    """Its answer form: options, or a number's unit and rule."""
    _check(q, context)
    return q.make_form(context)


def truth(q: Question, context: Any) -> Truth:
    """The answer, read off the context's run(s)."""
    _check(q, context)
    if not q.applies(context):
        raise QuestionError(f"{q.id} does not apply to these settings.")
    return q.find_truth(context)


def _with_unit(text: str, unit: str) -> str:
    return f"{unit} = {text}" if unit in ("w", "b", "α", "|w − w*|") else f"{text} {unit}"


def _number_sentence(value: float, t: Truth, unit: str, correct: bool) -> str:
    gap = value - float(t.value)
    said = f"you said {_with_unit(exact(value), unit)}, the answer is {_with_unit(t.shown or number(float(t.value)), unit)}"
    if correct:
        return f"Right: {said}, {number(abs(gap))} off ({t.tolerance_rule})."
    side = "too high" if gap > 0 else "too low"
    return f"Not quite: {said}, {number(abs(gap))} {side}; right means {t.tolerance_rule}."


def _choices_sentence(f: ChoicesForm, said: tuple[str, ...], t: Truth) -> tuple[bool, str]:
    wrong = [(item, mine, real) for item, mine, real in zip(f.items, said, t.value) if mine != real]
    right = len(f.items) - len(wrong)
    if not wrong:
        return True, f"Right: all {len(f.items)}."
    misses = "; ".join(f"{item}: you said {mine}, it {real}" for item, mine, real in wrong)
    return False, f"{right} of {len(f.items)} right. {misses}."


def grade(q: Question, context: Any, response: object) -> Graded:
    """Grade a response (raw text or value): ResponseError, with a plain message, when it cannot
    be read; QuestionError when the question is another lesson's or does not apply (``applies``)."""
    f = form(q, context)
    value: Response = read_response(f, response)
    t = truth(q, context)
    gap = None
    if isinstance(f, NumberForm):
        gap = float(value) - float(t.value)
        correct = abs(gap) <= float(t.tolerance or 0.0) + NUMBER_NOISE * max(1.0, abs(float(t.value)))
        sentence = _number_sentence(float(value), t, f.unit, correct)
    elif isinstance(f, ChoiceForm):
        correct = value in t.accepted
        sentence = f"Right. {t.answer}" if correct else f"Not quite: you picked ‘{f.label(str(value))}’. {t.answer}"
    else:
        correct, sentence = _choices_sentence(f, tuple(value), t)
    return Graded(correct=correct, gap=gap, gap_sentence=sentence, why=t.why, truth=t, response=value)
