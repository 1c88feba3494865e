"""The batch-size lesson's sections: the figure of the three runs, and what they show in words.

Each function takes the runs it describes and draws one part of the page (pages/batches.py).
"""

from __future__ import annotations

import streamlit as st

from gd_core.minibatch_facts import BatchRuns, near_minimum
from gd_core.sums import Stats
from gd_core.wording import exact, number, plural
from ui.app import state
from ui.app.clicks import clicked_points
from ui.app.page import on_a_phone
from ui.app.present import figure_first, heading
from ui.cache import figure_texts, figures, runs
from ui.charts.batches import CLICK_NAME
from ui.controls.batches import BatchSettings
from ui.views.figure_2d import figure_2d
from ui.views.player import keyboard_player
from ui.words.batches import alpha_text, run_label, near_minimum_text, noise_text, one_epoch_text, walls_text
from ui.words.shown import shown


def start_from_click() -> None:
    """A click on the map of J(w, b) starts all three runs there (the start boxes and the URL follow).
    A selection callback runs before the rerun, so it may set the bound widgets."""
    for point in clicked_points(state.BATCHES_FIGURE, CLICK_NAME)[:1]:
        st.session_state[state.W0] = float(f"{float(point['x']):.4g}")
        st.session_state[state.B0] = float(f"{float(point['y']):.4g}")


def show_runs(key: tuple, x, y, stats: Stats, three: BatchRuns, x_title: str, y_title: str, settings: BatchSettings) -> None:
    """The figure (the three paths on J(w, b), the data, cost per update and per epoch), in one player."""
    before, place = figure_first()
    with before:
        for run in three.runs:
            if run.stop_reason == "diverged":
                st.warning(f"{run_label(run)} diverged at update {run.updates + 1:,}: its cost grew past every bound, so it stops there. "
                           "Try a smaller α.", icon=":material/warning:")
    heading("Three batch sizes on one map, one player", place)
    labelled = [(run_label(run), run) for run in three.runs]
    figure = figures.batches(key, x, y, stats, labelled, x_title, y_title, on_a_phone())
    with place:
        figure_2d(figure, state.BATCHES_FIGURE, on_click=start_from_click)
    with place:
        keyboard_player(state.BATCHES_FIGURE, figure_texts.batches(key, labelled))
    capped = [run for run in three.runs if run.stop_reason == "max_iters" and run.updates < run.epochs * run.updates_per_epoch]
    place.caption(
        "Press **Play**, or drag the slider: the player's clock is the examples used, so at every moment the three runs have "
        "seen the same data (an epoch is one pass over all of it). Batch: orange, solid line, square; mini-batch: green, dash-dotted, "
        "cross; stochastic: vermilion, dotted, circle; "
        f"the yellow diamond is the least-squares answer (w*, b*). Click the map to start there. Seed {settings.seed:d}: the same seed (it is in the link) "
        "gives the same shuffles and the same paths."
        + "".join(f" {run_label(run)} stopped after {plural(run.updates, 'update')} (the page's limit per run)." for run in capped)
    )


def what_the_runs_show(key: tuple, x, y, stats: Stats, three: BatchRuns, settings: BatchSettings) -> None:
    """Per epoch, near the minimum, and which α each batch size tolerates: every number from these runs."""
    st.subheader("What the three runs show")
    st.markdown(one_epoch_text(three.runs, stats.cost_star))
    near = [near_minimum(run, stats) for run in three.runs]
    st.markdown("**Near the minimum** (the full-data J over each run's last epoch, against J* of the least-squares line):")
    for run, n in zip(three.runs, near):
        st.markdown(f"- {near_minimum_text(run, n)}")
    if noise_text(near[0], near[2], settings.alpha):
        st.info(noise_text(near[0], near[2], settings.alpha), icon=":material/insights:")
    st.markdown("**Which α each tolerates**")
    # The sweep does not depend on the runs' α or epochs: its key leaves them out, so moving α reuses it.
    sweep_key = (key[0], settings.scale, settings.w0, settings.b0, settings.batch_size, settings.seed)
    mini_limits, sgd_limits = runs.batch_limits(sweep_key, x, y, stats, settings.w0, settings.b0, settings.batch_size, settings.seed)
    st.markdown(f"- {walls_text(mini_limits.batch, mini_limits.every_update)}")
    if 1 < three.mini.batch_size < three.mini.m:
        st.markdown(f"- {alpha_text(mini_limits)}")
    st.markdown(f"- {alpha_text(sgd_limits)}")
    st.caption(f"Every run above used α = {exact(settings.alpha)}. The sweep tried α from the safe bound upward, each 2^¼ times the last, "
               f"each for {plural(runs.SWEEP_EPOCHS, 'epoch')} (at most {runs.SWEEP_UPDATES:,} updates) from the same start; "
               "ending below its starting cost counts as tolerated.")


def cannot_start(run) -> None:
    """A start so far out that its cost is not a number: no run can begin there."""
    st.error(f"Gradient descent could not start at w = {number(float(run.w_history[0, 0]))}, b = {number(float(run.b_history[0]))}: "
             "the cost there is too large to compute. Pick a smaller start.", icon=":material/error:")


HIDDEN_NOTE = "The three runs and their chart appear once you commit an answer."  # the question box's note: no chart before it


def before_the_answer(three: BatchRuns) -> None:
    """Until an answer is committed: the start only (where all three begin, and its cost)."""
    first = three.batch
    st.info(
        f"Until you commit your answer, the three runs are hidden. All three start at w = {number(float(first.w_history[0, 0]))}, "
        f"b = {number(float(first.b_history[0]))}, where J(w, b) = {number(float(first.cost_history[0]))}; "
        f"in one epoch batch makes 1 update, the mini-batch {plural(three.mini.updates_per_epoch, 'update')} and stochastic "
        f"{plural(three.stochastic.updates_per_epoch, 'update')}. Commit an answer, or press *Just show me*.",
        icon=":material/visibility_off:",
    )


def x_axis_title(column: str, scaled: bool) -> str:
    """The data's x column as the runs see it (a column name: shown as its characters in a figure)."""
    return f"{column} (z-scored)" if scaled else column


def one_feature_only(count: int) -> None:
    """This lesson draws one feature: with several picked, say so."""
    st.info(f"This lesson draws the paths on the map of J(w, b), which needs one feature: {count:d} are picked. Keep one x column.",
            icon=":material/info:")


def rows_set_aside(source_label: str) -> None:
    st.info(f"‘{shown(source_label)}’ was set aside to save the server's memory; load it again above to run the three descents.", icon=":material/info:")
