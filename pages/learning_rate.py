"""Learning-rate pitfalls: several alphas side by side, their costs, and the divergence wall."""

import math
import streamlit as st

from gd_core.contexts import learning_rate_context
from gd_core.descent import curvature_at, largest_stable_alpha, lowest_cost
from gd_core.sweep import suggested_alphas
from ui.app import state
from ui.cache import figure_texts, figures, runs
from ui.controls.alphas import parse_alphas
from ui.controls.curve import curve_id, curve_settings, formula_problem_here, stop_unless_finite_start
from ui.app.challenge import hidden
from ui.app.present import controls_place, figure_first, heading, intro_place, present_mode
from ui.app.page import live_part, open_lesson
from ui.views.challenge import challenge
from ui.views.figure_2d import figure_2d
from ui.words.stable_limit import WHY, limit_latex, limit_sentence
from ui.words.text import fmt
from ui.words.captions import sweep_caption
from ui.words.chart_text import described, sweep_text
from ui.views.predict import ledger, predict_first
from ui.views.predicted import card_notes, guessed_alpha
from ui.views.player import keyboard_player, verdict_words
from ui.views.verdicts import rule_caption, verdict_line

lesson = open_lesson("learning_rate")

with intro_place():
    st.markdown(
        "The learning rate α sets the size of every step. Too small and descent **crawls**; too large "
        "and it **overshoots** the minimum, bouncing from side to side, and past a limit it **diverges**."
    )


def run_and_show() -> None:
    """The controls, the runs and everything drawn from them (a control's change reruns only this)."""
    controls = controls_place()  # one row in projector mode, the curve's settings and the alphas
    with controls:
        curve, settings = curve_settings(lesson.defaults)
    formula_problem_here()

    w_star = curve.nearest_minimum(settings.w0)
    alpha_max = largest_stable_alpha(curve, w_star) if w_star is not None else float("inf")

    with controls:
        alphas = parse_alphas(suggested_alphas(alpha_max))

    judged = []  # (label, run, verdict) per alpha
    for alpha in alphas:
        run, verdict = runs.descent(curve_id(curve), curve, settings.w0, alpha, settings.iters, alpha_limit=alpha_max)
        judged.append((f"α = {alpha:g}", run, verdict))
    stop_unless_finite_start(judged[0][1])
    sweep_iters = lesson.defaults.sweep_iters
    sweep, facts = runs.sweep(curve_id(curve), curve, settings.w0, alpha_max, w_star, sweep_iters)
    key = (curve_id(curve), settings.w0, settings.iters, tuple(alphas))
    context = learning_rate_context(curve, settings.w0, alphas, settings.iters, judged=[(r, v) for _, r, v in judged], sweep=sweep)

    # The goal of a challenge link on top; the question under the figure (a phone shows the figure
    # on arrival), the limit above it unless the question or a challenge hides it: drawn into places
    # kept for them, in the order they read (in projector mode the figure first).
    goal_place = st.container()
    limit_place, chart_place = figure_first()
    heading("Every α on the curve and on its cost, iteration by iteration", chart_place)
    asked = predict_first(context, key)
    with goal_place:
        challenge(lesson, context, key, shown_now=asked.shown)
    wall_hidden = hidden("wall") or (not asked.shown and asked.question is not None and "wall" in asked.question.hides)
    if math.isfinite(alpha_max) and not wall_hidden:
        with limit_place:
            st.markdown(limit_sentence(alpha_max, w_star))
            st.latex(limit_latex(alpha_max, curvature_at(curve, w_star), w_star))
            st.caption(WHY)

    j_min = lowest_cost(curve, curve.minima, [run for _, run, _ in judged])
    chart = figures.learning_rate(key, curve, [(label, run) for label, run, _ in judged], j_min, not asked.shown, present_mode())
    with chart_place:
        figure_2d(chart, state.LEARNING_RATE_FIGURE)
        drawn = [(label, run) for label, run, _ in judged]
        words = tuple(verdict_words(v) for _, _, v in judged)
        keyboard_player(state.LEARNING_RATE_FIGURE, figure_texts.learning_rate(key, chart, drawn, not asked.shown, words))
        if asked.shown:
            st.caption(
                "Press **Play**: every α takes its steps at the same time. Right: J(w) − J(w*), the cost above the lowest "
                "minimum, on a log scale: a straight fall is steady progress."
            )
        else:
            st.caption("Every α starts at the same w. Answer the question below and every α takes its steps here.")
    if asked.shown:  # before a prediction: no paths, no verdicts, no sweep
        show_outcome(judged, asked, (curve_id(curve), settings.w0), sweep, facts, alpha_max)
    ledger(lesson.key)


def show_outcome(judged: list, asked, sweep_key: tuple, sweep, facts, alpha_max: float) -> None:
    """Each alpha's verdict card (with what the student said of it), and unless a challenge hides
    the wall, the sweep: how many iterations each alpha needs."""
    cols = st.columns(len(judged))
    for col, (label, run, verdict), note in zip(cols, judged, card_notes(asked, len(judged))):
        with col.container(border=True):
            st.markdown(f"**{label}**")
            verdict_line(verdict)
            if not hidden("minimum"):
                st.caption(f"final w = {fmt(run.final_w)}, J = {fmt(float(run.cost[-1]))}")
            if note is not None:
                said, right = note
                st.markdown(f"{':material/check:' if right else ':material/close:'} {said}")
    rule_caption(judged[0][2].rule)
    if hidden("wall"):
        return  # the sweep marks the limit and says which α diverge
    sweep_iters = lesson.defaults.sweep_iters
    st.subheader("How many iterations does each α need?")
    guess = guessed_alpha(asked)
    words = sweep_text(sweep.alphas, sweep.iterations, sweep.diverged, alpha_max, sweep_iters)
    st.vega_lite_chart(spec=described(figures.sweep((*sweep_key, sweep_iters), sweep, alpha_max, sweep_iters, guess), words), width="stretch")
    st.caption(sweep_caption(facts, sweep_iters))

live_part(run_and_show)
