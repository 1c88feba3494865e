"""Local-minimum fixed point: at a minimum the step is zero; different starts, different minima."""

import streamlit as st

from gd_core.contexts import local_minimum_context
from gd_core.reveal import start_only
from gd_core.run_facts import steps_shrink
from ui.app import state
from ui.app.clicks import clicked_points
from ui.cache import figure_texts, figures, runs
from ui.controls.curve import curve_id, curve_settings, formula_problem_here, stop_unless_finite_start
from ui.controls.surface3d import surface_toggle
from ui.controls.landscape import add_start, hills_sentence, iterations_sentence, landscape_controls, landscape_map, landscape_paths, momentum_control
from ui.app.challenge import hidden
from ui.app.present import controls_place, heading, intro_place, present_mode
from ui.app.page import live_part, on_a_phone, open_lesson
from ui.views.figure_2d import figure_2d
from ui.views.challenge import challenge
from ui.charts.local_minimum import BASIN_GROUP, LANDSCAPE_GROUP, end_words
from ui.words import formulas
from ui.words.text import exact, fmt, step_equation
from ui.words.captions import steps_caption
from ui.views.local_minimum import figure_mark, race_figure, race_sentence, start_caption
from ui.views.predict import ledger, predict_first
from ui.views.player import keyboard_player, verdict_words
from ui.views.verdicts import show_verdict

lesson = open_lesson("local_minimum")


def pick_start() -> None:
    # Runs before the rerun (of the live part), so setting the bound w0 widget's value here is
    # allowed. A click on the curve's dots picks w0; a click on the landscape drops a start there.
    for point in clicked_points(state.MINIMA_CLICK, BASIN_GROUP, LANDSCAPE_GROUP):
        if point["legendgroup"] == BASIN_GROUP:
            st.session_state[state.W0] = round(float(point["x"]), 3)
        else:
            add_start(point["x"], point["y"])


with intro_place():
    st.markdown(
        "At a local minimum the slope is zero, so the update is w := w − α × 0 and **w does not move**. "
        "Near a minimum the slope is small, so the steps shrink **by themselves** although α stays fixed. "
        "And which minimum you reach depends on **where you start**."
    )


def run_and_show() -> None:
    """The controls, the runs and everything drawn from them (a control's change reruns only this)."""
    with controls_place():
        curve, settings = curve_settings(lesson.defaults)
    formula_problem_here()

    # Run every iteration, even at a minimum, to show that nothing moves there.
    run, verdict = runs.descent(curve_id(curve), curve, settings.w0, settings.alpha, settings.iters, every_step=True)
    stop_unless_finite_start(run)
    slope0 = float(run.slope[0])

    step_runs = [(f"w₀ = {fmt(settings.w0)}", run)] + [
        (f"w₀ = {fmt(w)}", runs.descent(curve_id(curve), curve, w, settings.alpha, settings.iters, every_step=True)[0])
        for w in curve.other_starts(settings.w0)
    ]
    basin = runs.basins(curve_id(curve), curve, settings.alpha)

    goal_slot = st.container()  # a challenge link's goal on top, checked once the question is answered
    question_slot = st.container()  # the question first, filled once the landscape's controls are read
    heading("Watch every start roll downhill, in one and in two parameters")
    figure_slot = st.container()  # first after the question (a phone shows it on arrival), filled once its controls are read
    surface_starts, surface_alpha, surface_iters = landscape_controls(lesson.defaults.surface_alpha, lesson.defaults.surface_iters)
    st.latex(formulas.LANDSCAPE)
    beta = momentum_control(lesson.defaults.beta)
    paths = landscape_paths(surface_starts, surface_alpha, surface_iters)
    key = (curve_id(curve), settings.alpha, settings.w0, settings.iters, surface_starts, surface_alpha, surface_iters, beta)
    # The questions are asked of the runs drawn: this run, and the newest start on the landscape.
    context = local_minimum_context(
        curve, settings.w0, settings.alpha, settings.iters, judged=(run, verdict),
        surface_start=surface_starts[-1], surface_alpha=surface_alpha, surface_iters=surface_iters, race_start=lesson.defaults.race_start, beta=beta,
    )
    race = context.race  # plain descent against momentum from one start: the race the momentum question grades
    with question_slot:
        asked = predict_first(context, key)
    with goal_slot:
        challenge(lesson, context, (curve_id(curve), settings.alpha, settings.w0, settings.iters), shown_now=asked.shown)
    no_minima = hidden("minimum")  # after the check: a goal met this run shows them
    before_answer, mark = not asked.shown, figure_mark(asked, context)
    drawn = [(label, start_only(r)) for label, r in step_runs] if before_answer else step_runs  # before the answer: the starts only
    chart_slot = figure_slot.container()  # the chart first, its 3-D switch under it (read first: the figure depends on it)
    with figure_slot:
        three_d = surface_toggle()  # the WebGL scene on request: the first screen without it (issue 26)
    figure = figures.local_minimum(
        key, curve, drawn, basin, landscape_map(), start_only(paths) if before_answer else paths, on_a_phone(), no_minima, present_mode(), before_answer, mark,
        race_figure(race, before_answer), three_d,
    )
    with chart_slot:
        figure_2d(figure, state.MINIMA_CLICK, on_click=pick_start)
    with chart_slot:
        minima = () if no_minima else tuple(basin.minima)
        words = figure_texts.local_minimum(key, figure, drawn, paths if not before_answer else start_only(paths), before_answer, minima, verdict_words(verdict))
        keyboard_player(state.MINIMA_CLICK, words)
    caption = start_caption(asked, three_d) if before_answer else played_caption(step_runs, basin, settings.alpha, paths, no_minima, three_d)
    figure_slot.caption(caption)
    figure_slot.markdown(hills_sentence(() if no_minima else tuple(basin.minima)))
    st.markdown(race_sentence(race, before_answer))

    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader(f"Starting at w₀ = {fmt(settings.w0)}")
        st.latex(formulas.slope_at(settings.w0, slope0))
        st.latex(step_equation(settings.alpha, slope0, latex=True, solved=not before_answer))  # the step's result says whether w moves
    with right:
        if before_answer:
            st.caption("What the run does (where it ends, how its steps change) is shown once you commit your answer.")
        else:
            show_verdict(verdict)
        if curve.minima and not no_minima:
            st.markdown("Local minima of this curve: " + ", ".join(f"w = {fmt(m)}" for m in curve.minima))
    ledger(lesson.key)



def played_caption(step_runs: list, basin, alpha: float, paths, no_minima: bool, three_d: bool) -> str:
    """Under the figure once the runs play: what the colours, shapes and dots say."""
    ends = "; ".join(f"{label} {end_words(r, basin.minima)}" for label, r in step_runs)
    return (
        f"Press **Play**: every start moves at once. {steps_caption(alpha, all(steps_shrink(r) for _, r in step_runs))} "
        f"Colour and shape say where a run ends, one per minimum (an x: at none), on the moving starts{'' if no_minima else f' ({ends})'} and on the dots: "
        f"each dot is a start w₀, coloured by where gradient descent with α = {exact(alpha)} goes from there "
        f"in {runs.BASIN_ITERS:,} iterations (click one to start there){'' if no_minima else '; diamonds mark the minima'}. "
        f"{iterations_sentence(max(r.iterations for _, r in step_runs), int(paths.w.shape[0] - 1))} "
        "On the landscape, click anywhere to drop a start (the last 8 are kept)" + ("; drag the surface to turn it." if three_d else ".")
    )


live_part(run_and_show)
