"""The teacher picks what the class answers: a lesson question, asked of a view.

The view is the lesson's own first view (its defaults, moved to the question's start when the
question needs one, ``Question.start``), or the view the teacher last had on that lesson's page
in this session (kept by ui.app.kept_views): "pose one from the current view". Only built-in
curves travel: a typed formula or page 3's dropped starts are not part of a class's round.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from gd_core import questions as qs
from gd_core.class_round import CLASS_LESSONS, CURVE_LESSONS, RoundError, RoundView, offered, page_alphas, round_context
from gd_core.curves import CURVES
from gd_core.questions_fit import MAX_ITERS as MAX_FIT_ITERS
from ui.app import state
from ui.controls.batches import MAX_BATCH, MAX_EPOCHS
from ui.app.choices import BUILTIN, curve_label, dataset_label
from ui.app.lessons import BY_KEY
from ui.app.settings import BatchDefaults, CurveDefaults, DebugDefaults, RegressionDefaults
from ui.words.shown import MESSAGE_LIMIT, shown

OWN, DEFAULT = "own", "default"


def default_view(question_id: str) -> RoundView:
    """The lesson's first view for this question (at the question's start when it has one)."""
    q = qs.question(question_id)
    defaults = BY_KEY[q.lesson].defaults
    if isinstance(defaults, DebugDefaults):
        return RoundView("debug", "", math.nan, math.nan, 0, seed=defaults.seed)
    if isinstance(defaults, BatchDefaults):
        return RoundView("batches", "", defaults.w0, defaults.alpha, defaults.epochs, (), defaults.dataset, defaults.b0, defaults.scale,
                         defaults.batch_size, defaults.seed)
    if isinstance(defaults, RegressionDefaults):
        return RoundView("regression", "", defaults.w0, defaults.alpha, defaults.iters, (), defaults.dataset, defaults.b0)
    assert isinstance(defaults, CurveDefaults)
    curve = CURVES[defaults.curve]
    start = dict(q.start)
    w0 = float(start.get(state.W0, defaults.w0 if defaults.w0 is not None else curve.point_at(float(defaults.w0_at or 0.0))))
    alpha = float(start.get(state.ALPHA, defaults.alpha if defaults.alpha is not None else math.nan))
    iters = int(start.get(state.ITERS, defaults.iters))
    alphas = page_alphas(defaults.curve, w0) if q.lesson == "learning_rate" else ()
    return RoundView(q.lesson, defaults.curve, w0, alpha, iters, alphas)


def _one(kept: Mapping[str, list[str]], name: str, default: object) -> str:
    return str((kept.get(name) or [default])[0])


def own_data_view(lesson: str, kept: Mapping[str, list[str]]) -> RoundView | None:
    """Pages 4-6: the teacher's view when it is on a built-in dataset's default columns; else None
    (ValueError when a number does not read)."""
    base = default_view(next(q.id for q in qs.questions_for(lesson) if offered(q.id)))
    if lesson == "debug":
        seed = int(float(_one(kept, state.SEED, base.seed)))
        return replace(base, seed=seed) if 0 <= seed <= 999_999 else None
    labels = {dataset_label(key): key for key in BUILTIN}
    dataset = labels.get(_one(kept, state.DATASET, dataset_label(base.dataset)))
    columns = (kept.get(state.X) or [None], kept.get(state.Y) or [None])
    if dataset is None or len(columns[0]) > 1 or columns[0][0] not in (None, BUILTIN[dataset][2]) or columns[1][0] not in (None, BUILTIN[dataset][3]):
        return None
    view = replace(base, dataset=dataset, w0=float(_one(kept, state.W0, base.w0)), b0=float(_one(kept, state.B0, base.b0)),
                   alpha=float(_one(kept, state.ALPHA, base.alpha)), scale=_one(kept, state.SCALE, base.scale).lower() == "true")
    if lesson == "batches":
        view = replace(view, iters=int(float(_one(kept, state.EPOCHS, base.iters))), batch=int(float(_one(kept, state.BATCH, base.batch))),
                       seed=int(float(_one(kept, state.SEED, base.seed))))
    else:
        view = replace(view, iters=int(float(_one(kept, state.ITERS, base.iters))))
    return view if all(math.isfinite(v) for v in (view.w0, view.b0, view.alpha)) else None


def _within_page_limits(view: RoundView) -> bool:
    """Pages 4 and 6's own limits (their controls' ranges): a kept URL offers nothing beyond them."""
    if view.lesson == "batches":
        return 1 <= view.iters <= MAX_EPOCHS and 1 <= view.batch <= MAX_BATCH
    return view.lesson != "regression" or 1 <= view.iters <= MAX_FIT_ITERS


def own_view(lesson: str, kept: Mapping[str, list[str]] | None) -> RoundView | None:
    """The teacher's own view of ``lesson`` (its URL values kept in this session), when it is on a
    built-in curve or dataset and every number reads; else None."""
    if kept is None:
        return None
    if lesson not in CURVE_LESSONS:
        try:
            view = own_data_view(lesson, kept)
        except (ValueError, OverflowError):  # a kept value that is not a number, or int(inf)
            return None
        return view if view is None or _within_page_limits(view) else None
    base = default_view(next(q.id for q in qs.questions_for(lesson) if offered(q.id)))
    labels = {curve_label(key): key for key in CURVES}
    curve = labels.get((kept.get(state.CURVE) or [curve_label(base.curve)])[0])
    if curve is None:
        return None
    try:
        w0 = float((kept.get(state.W0) or [base.w0 if curve == base.curve else CURVES[curve].point_at(0.9)])[0])
        alpha = float((kept.get(state.ALPHA) or [base.alpha])[0])
        iters = int(float((kept.get(state.ITERS) or [base.iters])[0]))
        alphas = tuple(float(a) for a in (kept.get(state.ALPHAS) or [""])[0].split(",") if a.strip() and a.strip() != "auto")
    except (ValueError, OverflowError):
        return None
    if not all(math.isfinite(v) for v in (w0, *alphas)) or not 0 < iters <= 500:
        return None
    if lesson == "learning_rate":
        alpha, alphas = math.nan, alphas or page_alphas(curve, w0)
    return RoundView(lesson, curve, w0, alpha, iters, alphas)


def _title(question_id: str) -> str:
    q = qs.BY_ID[question_id]
    return f"{BY_KEY[q.lesson].title}: {q.title}"


def pick_round() -> tuple[str, RoundView] | None:
    """The question picker and the view to ask it of; None when the pick cannot be asked (said why)."""
    ids = [q.id for q in qs.QUESTIONS if offered(q.id)]
    question_id = st.selectbox("Question", ids, format_func=_title, key=state.CLASS_QUESTION,
                               help="Every lesson's questions, asked of one run that every student's phone builds the same (pages 4 and 6 on a built-in dataset).")
    lesson = qs.BY_ID[question_id].lesson
    mine = own_view(lesson, st.session_state.get(state.VIEWS, {}).get(lesson))
    choice = DEFAULT
    if mine is not None:
        choice = st.radio(
            "Asked of", [OWN, DEFAULT], horizontal=True, key=state.CLASS_VIEW_CHOICE,
            format_func=lambda c: "my view of that page (as I left it)" if c == OWN else "the lesson's first view",
        )
    view = mine if choice == OWN and mine is not None else default_view(question_id)
    try:
        context = round_context(question_id, view)
    except RoundError as error:
        st.warning(shown(error, MESSAGE_LIMIT), icon=":material/info:")
        return None
    st.markdown(shown(qs.prompt(qs.BY_ID[question_id], context), 4 * MESSAGE_LIMIT))
    return question_id, view


__all__ = ["CLASS_LESSONS", "default_view", "own_view", "pick_round"]
