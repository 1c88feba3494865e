"""The round's run on the projector: the lesson's own moving figure for the round's view, the
right answer written from that run, and the class's rounds beside it (how many were right).

The figure is the one the lesson page plays for the same settings, from the same shared cache
(ui.cache.figures): page 1's curve and point, page 2's alphas side by side, page 3's starts and
landscape. Play runs in the browser, as on the lesson pages.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from gd_core import questions as qs
from gd_core.class_round import CURVE_LESSONS, RoundView, round_context
from gd_core.descent import lowest_cost
from gd_core.reveal import start_only
from gd_core.wording import plural
from ui.app import state
from ui.app.present import present_mode
from ui.cache import figure_texts, figures, runs
from ui.controls.landscape import landscape_map
from ui.controls.curve import curve_id
from ui.views.class_lessons import data_run, data_start
from ui.views.figure_2d import figure_2d
from ui.views.player import keyboard_player
from ui.words.figure_text import in_class
from ui.words.shown import MESSAGE_LIMIT, shown


def play_figure(view: RoundView, context, *, hidden: bool = False, narrow: bool = False, question_id: str = "") -> None:
    """The lesson's moving figure for ``context`` (the round's run); ``hidden``: its start alone,
    as the lesson shows it before an answer (nothing later is in the page's data). Pages 4-6:
    ui.views.class_lessons."""
    if view.lesson not in CURVE_LESSONS:
        (data_start if hidden else data_run)(question_id, view, context)
        return
    curve, compact = context.curve, present_mode()
    cid = curve_id(curve)
    if view.lesson == "intuition":
        key = (cid, context.alpha, context.w0, context.iters)
        figure = figures.intuition(key, curve, context.run, hidden, None, compact, in_class=True)
        words = figure_texts.intuition(key, figure, curve, context.run, hidden, None)
    elif view.lesson == "learning_rate":
        key = (cid, context.w0, context.iters, context.alphas)
        labelled = [(f"α = {alpha:g}", run) for alpha, run in zip(context.alphas, context.runs)]
        figure = figures.learning_rate(key, curve, labelled, lowest_cost(curve, curve.minima, list(context.runs)), hidden, compact, in_class=True)
        words = figure_texts.learning_rate(key, figure, labelled, hidden, (None,) * len(labelled))
    else:
        starts = [(f"w₀ = {context.w0:g}", context.run)] + [
            (f"w₀ = {w:g}", runs.descent(cid, curve, w, context.alpha, context.iters, every_step=True)[0]) for w in curve.other_starts(context.w0)
        ]
        key = (cid, context.alpha, context.w0, context.iters, (context.surface_start,), context.surface_alpha, context.surface_iters)
        basin = runs.basins(cid, curve, context.alpha)
        paths = start_only(context.surface_path) if hidden else context.surface_path
        drawn = [(label, start_only(r)) for label, r in starts] if hidden else starts
        figure = figures.local_minimum(key, curve, drawn, basin, landscape_map(), paths, narrow, False, compact, hidden, None, clicks=False)
        words = figure_texts.local_minimum(key, figure, drawn, paths, hidden, tuple(basin.minima), None)
    figure_2d(figure, state.CLASS_FIGURE)
    keyboard_player(state.CLASS_FIGURE, in_class(words) if hidden else words)  # as on the lesson page: Tab reaches Play, the figure in words
    if not hidden:
        st.caption("Press **Play** (or Space in projector mode): the run the class answered about.")


def show_run(question_id: str, view: RoundView, rounds: Sequence[tuple[str, Sequence[str]]], beside=None) -> None:
    """The run, the answer and each round's share of right answers (``rounds``: (name, answers));
    ``beside``: what else to draw under them (the rounds' chart), in the column beside the figure."""
    q = qs.question(question_id)
    context = round_context(question_id, view)
    truth = qs.truth(q, context)
    figure_col, words_col = st.columns([5, 2] if view.lesson in ("regression", "batches") else [3, 2], gap="large")  # pages 4 and 6: four panels need the room
    with figure_col:
        play_figure(view, context, question_id=question_id)
    with words_col:
        st.success(shown(truth.answer, 4 * MESSAGE_LIMIT), icon=":material/check_circle:")
        st.caption("Why: " + shown(truth.why, 4 * MESSAGE_LIMIT))
        for name, answers in rounds:
            right = sum(_right(q, context, a) for a in answers)
            share = f"{100 * right / len(answers):.0f}%" if answers else "no answers"
            st.markdown(f"**{name}**: {plural(right, 'right answer')} of {len(answers):d} ({share})")
        if beside is not None:
            beside()


def _right(q, context, answer: str) -> bool:
    try:
        return qs.grade(q, context, answer).correct
    except ValueError:
        return False


def right_labels(question_id: str, view: RoundView, bars: Sequence) -> list[str]:
    """The labels of the bars that hold a right answer (an accepted option; the bin holding the number)."""
    q = qs.question(question_id)
    context = round_context(question_id, view)
    truth = qs.truth(q, context)
    labels = []
    for bar in bars:
        if isinstance(bar.key, str):
            if bar.key in truth.accepted:
                labels.append(bar.label)
        elif bar.key[0] <= float(truth.value) <= bar.key[1]:
            labels.append(bar.label)
    return labels
