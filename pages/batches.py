"""The batch-size lesson: batch, mini-batch and stochastic descent on the same data, on one map, in one player."""

import streamlit as st

from gd_core.questions_batches import BatchesContext
from ui.app.page import end_lesson, live_part, open_lesson
from ui.app.present import controls_place, intro_place
from ui.cache import runs
from ui.controls.batches import batch_controls
from ui.controls.data_source import choose_data, prepare, rerun_if_set_aside
from ui.controls.uploads import show_upload_help
from ui.views.predict import ledger, predict_first
from ui.views.batches import HIDDEN_NOTE, before_the_answer, cannot_start, one_feature_only, rows_set_aside, show_runs, what_the_runs_show, x_axis_title
from ui.words import formulas

lesson = open_lesson("batches")
with intro_place():
    st.markdown(
        "The course's gradient descent is **batch** descent: every update uses all $m$ examples. Two other kinds use fewer: "
        "**mini-batch** descent takes $B$ examples at a time and **stochastic** descent one. Each pass over the shuffled data "
        "(an **epoch**) then makes $m/B$ updates instead of one. Here all three run on the same data, from the same start, "
        "with the same α."
    )
    for line in formulas.MINIBATCH_UPDATE:
        st.latex(line)

with controls_place("Data"):
    source = choose_data(lesson.defaults.dataset)
if source is None:
    show_upload_help()
    end_lesson()
table = source.data  # a mini-batch reads rows: the table itself, not only its sums (None: set aside)
ready = prepare(source)
if ready is None:
    end_lesson()
source, prepared = ready
if len(source.x_columns) != 1:
    one_feature_only(len(source.x_columns))
    end_lesson()
if table is None or source.key != ready[0].key:
    rows_set_aside(source.label)
    end_lesson()


def run_and_show() -> None:
    """The descent controls, the three runs and what they show (a control's change reruns only this)."""
    rerun_if_set_aside(source)
    with controls_place("Gradient descent"):
        settings = batch_controls(lesson.defaults, prepared.stats.m)
    rows_key = (source.data_id, settings.scale)
    x, y, stats = runs.batch_rows(rows_key, table.frame, tuple(source.x_columns), source.y_column, source.drop_missing, prepared.stats, settings.scale)
    key = (source.data_id, settings)
    three = runs.batch_runs(key, x, y, stats, settings.w0, settings.b0, settings.alpha, settings.batch_size, settings.epochs, settings.seed)
    if three.batch.stop_reason == "not_finite":
        cannot_start(three.batch)
        end_lesson()
    # the question is asked of these very runs; until it is answered no chart is drawn (before_the_answer)
    asked = predict_first(BatchesContext(stats, three), key, hidden_note=HIDDEN_NOTE)
    if asked.shown:
        show_runs(key, x, y, stats, three, x_axis_title(source.x_columns[0], settings.scale), source.y_column, settings)
        what_the_runs_show(key, x, y, stats, three, settings)
    else:
        before_the_answer(three)
    ledger(lesson.key)


live_part(run_and_show)
