"""Linear regression on your data: batch gradient descent on J(w, b), against least squares."""

from contextlib import nullcontext

import streamlit as st

from gd_core.questions_fit import regression_context
from gd_core.reveal import start_only
from gd_core.sums import cost_from_stats, fit_summary
from ui.app import state
from ui.cache import figure_texts, figures, runs
from ui.controls.data_source import choose_data, prepare, rerun_if_set_aside
from ui.controls.uploads import show_upload_help
from ui.controls.surface3d import surface_toggle
from ui.app.challenge import hidden
from ui.app.present import controls_place, figure_first, heading, intro_place, present_mode
from ui.app.page import end_lesson, live_part, on_a_phone, open_lesson
from ui.views.figure_2d import figure_2d
from ui.views.challenge import challenge
from ui.views.hand_fit import hand_fit, hand_line
from ui.views.player import keyboard_player, verdict_words
from ui.views.predict import ledger, predict_first
from ui.views.regression import (
    DIVERGES, descent_controls, downloads, figure_mark, first_update, fit_metrics, sequential_note, start_caption, start_cost, start_from_click, verdict_banner,
)
from ui.words import formulas
from ui.words.captions import BATCH_TEXT, cost_chart_caption
from ui.words.chart_text import described, lines_text
from ui.words.shown import MESSAGE_LIMIT, shown, shown_plain

lesson = open_lesson("regression")
with intro_place():
    st.markdown(
        "Batch gradient descent fits $f(x) = w\\,x + b$ by making the cost $J(w,b)$ smaller, one "
        "**simultaneous** update of $w$ and $b$ at a time. Bring your own data, or start with a built-in dataset."
    )
    st.caption(BATCH_TEXT)
    st.latex(formulas.REGRESSION_COST)

with controls_place("Data"):
    source = choose_data()
if source is None:
    show_upload_help()
    end_lesson()

ready = prepare(source)
if ready is None:
    end_lesson()
source, prepared = ready
stats = prepared.stats
x_names = source.x_columns


def run_and_show() -> None:
    """The descent controls, the fit and everything drawn from it (a control's change reruns only this, not the data)."""
    rerun_if_set_aside(source)
    with controls_place("Gradient descent"):
        settings, rate_note = descent_controls(lesson.defaults, stats, source.data_id, source.is_default)

    # --- run: the simultaneous update, and on request the sequential (wrong) one beside it ----------
    start = (settings.w0, settings.b0, settings.alpha, settings.iters, settings.scale)
    fit, verdict = runs.fit(source.data_id, stats, *start, sequential=False)
    sequential = runs.fit(source.data_id, stats, *start, sequential=True)[0]  # drawn when compared; a question asks about it
    fits = [("simultaneous", fit)] + ([("sequential (wrong)", sequential)] if settings.compare else [])
    if fit.result.stop_reason == "not_finite":
        rate_note(False)
        st.error(f"Gradient descent could not start: {shown(fit.result.message, MESSAGE_LIMIT)}.", icon=":material/error:")
        end_lesson()

    # --- predict first: the questions (and a challenge link's goal) are asked of these very fits ------
    key = (source.data_id, settings)
    goal_place, predict_place = st.container(), st.container()
    fit_place = st.container() if on_a_phone() or present_mode() else nullcontext()  # on a phone and a projector the figure comes before the fit by hand
    hand_place = st.container()
    with hand_place:  # the line set by hand (None: the fit by hand is off); a "hand" goal checks its J
        line = hand_line(stats, settings.scale)
    context = regression_context(
        stats, settings.w0, settings.b0, settings.alpha, settings.iters, scaled=settings.scale, judged=(fit, verdict), sequential_fit=sequential,
        hand_cost=None if line is None else cost_from_stats(stats, [line.w], line.b),
    )
    with predict_place:
        asked = predict_first(context, key)
    with goal_place:  # a new line by hand is one more try, but not a new run to predict
        challenge(lesson, context, key if line is None else (*key, line), shown_now=asked.shown)
    before_answer = not asked.shown
    rate_note(before_answer and "wall" in asked.question.hides)  # the stable limit is the answer to "does it diverge?"
    if before_answer:  # before the answer: the start only
        fits = [(label, start_only(f)) for label, f in fits]

    if line is not None:  # its residuals, squares and sum; its button makes the line descent's start
        with hand_place:
            hand_fit(line, source.data_id, stats, prepared, x_names[0], source.y_column, (settings.w0, settings.b0),
                     before_answer=before_answer, lstsq_hidden=hidden("lstsq"))

    with fit_place:
        show_fit(settings, fit, verdict, fits, asked, key)
    ledger(lesson.key)


def show_fit(settings, fit, verdict, fits, asked, key: tuple) -> None:
    """What happened and the numbers it learned; before the answer, the start only (``fits`` cut to it)."""
    before_answer, alpha_max = not asked.shown, verdict.alpha_limit
    no_lstsq, no_wall = hidden("lstsq"), hidden("wall")
    before, figure_place = figure_first()
    if not before_answer:
        with before:
            verdict_banner(verdict, settings.alpha, alpha_max, settings.scale)

    if stats.n == 1:
        heading("The line, its cost and J(w, b), iteration by iteration", figure_place)
        met_at = verdict.iterations if verdict.kind == "converged" and not before_answer else None  # where the stop rule was met
        chart_place = figure_place.container()  # the chart first, its 3-D switch under it (read first: the figure depends on it)
        with figure_place:  # the WebGL scene on request: the first screen without it (issue 26); before the answer no map at all
            three_d = not before_answer and surface_toggle()
        figure = figures.regression(
            key, prepared.x_sample, prepared.y_sample, stats, fits, x_names[0], source.y_column, on_a_phone(), met_at, no_lstsq, present_mode(),
            before_answer, figure_mark(asked), three_d,
        )
        with chart_place:
            figure_2d(figure, state.REGRESSION_CLICK, on_click=start_from_click)
        with chart_place:
            keyboard_player(state.REGRESSION_CLICK, figure_texts.regression(key, figure, fits, stats.m, before_answer, verdict_words(verdict)))
    if stats.n == 1 and before_answer:
        figure_place.caption(start_caption(fits[0][1], prepared.x_sample.size, stats.m))
    elif before_answer:
        st.subheader("Cost per iteration")
        st.info(start_cost(fits[0][1]), icon=":material/visibility_off:")
    elif stats.n == 1:
        figure_place.caption(
            "Press **Play**, or drag the iteration slider: the solid red line, the marker on the cost and the point on J(w, b) "
            + ("(the sequential update's: dotted, orange, square markers) " if len(fits) > 1 else "")
            + ("show the same iteration. " if no_lstsq else f"show the same iteration. Dashed: the exact least-squares line, w* = {stats.w_star[0]:.6g}, b* = {stats.b_star:.6g}; "
               "the diamond is the same answer on the map. ")
            + ("Click the map to start there; drag the surface to turn it." if three_d else "Click the map to start there.")
            + (f" Showing {prepared.x_sample.size:,} of {stats.m:,} rows; the fit uses all of them." if prepared.x_sample.size < stats.m else "")
            + "\n\n"  # one caption, two paragraphs: the figure, then its cost
            + cost_chart_caption(stats.cost_star, alpha_max, settings.alpha, floor_shown=not no_lstsq, limit_shown=not no_wall)
            + (f" Scaling: x' = (x − {float(fit.mu[0]):.4g}) / {float(fit.sigma[0]):.4g}." if fit.scaled else "")
        )
    else:
        st.subheader("Cost per iteration")
        costs = lines_text("Cost J(w, b)", [(f"{label} update", f.result.cost_history) for label, f in fits])
        st.vega_lite_chart(spec=described(figures.costs(key, fits, 0.0 if no_lstsq else stats.cost_star), costs), width="stretch")
        st.caption(cost_chart_caption(stats.cost_star, alpha_max, settings.alpha, floor_shown=not no_lstsq, limit_shown=not no_wall))
        st.subheader("Each parameter per iteration")
        history = [(f"w[{shown_plain(name, 30)}]", fit.path.w_history[:, j]) for j, name in enumerate(x_names)] + [("b", fit.path.b_history)]
        st.vega_lite_chart(spec=described(figures.parameters(key, fit, tuple(x_names)), lines_text("Each parameter", history)), width="stretch")
        st.info("The moving view and the map of J(w, b) show one feature at a time: pick a single x column to see them.", icon=":material/info:")
    if not before_answer:
        if settings.compare:
            sequential_note(fit, settings.alpha)
        fit_metrics(fit, fit_summary(stats, fit.path.w, fit.path.b), verdict.kind)

    with st.expander("The first update, with its numbers", expanded=True):
        # Before the answer to "does it diverge?", the first step's size would give it away.
        first_update(fit, settings.alpha, solved=not (before_answer and asked.question.id == DIVERGES))

    if not before_answer:
        downloads(stats, fit, x_names)


live_part(run_and_show)
