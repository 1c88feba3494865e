"""Each moving figure's text alternative (ui.words.figure_text), as the keyboard player
(ui.views.player) receives it, checked against the run the page draws: the description names the
run's start, end and verdict; a row per frame of the player, labelled with the frame's iteration
and holding the run's numbers there; before a prediction, the start only."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from gd_core.contexts import intuition_context
from gd_core.reveal import start_only
from ui.app.state import keyboard_player_key
from ui.words.figure_text import ANSWER_FIRST, intuition_text, regression_text
from ui.words.text import fmt

from tests.test_app_lessons import figure, open_page
from tests.test_app_predict_1d import PAGE1, commit, page1_run

FIGURE_KEYS = {"intuition": "intuition_player", "learning_rate": "learning_rate_player", "local_minimum": "minima_click", "regression": "regression_click"}


def player_data(at: AppTest) -> dict:
    """What the page hands its keyboard player: the figure's words and numbers."""
    found = [json.loads(el.proto.bytes) for el in at.get("bidi_component") if el.proto.component_name == "gd_keyboard_player"]
    assert len(found) == 1, "one keyboard player under the page's one moving figure"
    return found[0]


def sentences(data: dict) -> list[str]:
    """Each frame's sentence as the player writes it from the data (ui/views/player.js line())."""
    return [f"{data['moment'].replace('{shown}', row[0])}: " + ", ".join(f"{c} = {v}" for c, v in zip(data["columns"][1:], row[1:])) + "." for row in data["rows"]]


def slider_labels(spec: dict) -> list[str]:
    sliders = spec["layout"].get("sliders") or []
    return [step["label"] for step in sliders[0]["steps"]] if sliders else []


def test_page1_describes_its_run_and_numbers_every_frame() -> None:
    at = open_page("intuition", predict="false")
    assert not at.exception, at.exception
    data, spec, run = player_data(at), figure(at), page1_run()
    assert data["chart"] == FIGURE_KEYS["intuition"]
    summary = data["summary"]
    for value in (run.w[0], run.cost[0], run.final_w, run.cost[-1]):
        assert fmt(float(value)) in summary, (fmt(float(value)), summary)
    verdict = at.success[0].value
    assert "converged in" in summary and summary.split("Verdict: ")[1].rstrip(".") in verdict
    labels = slider_labels(spec)
    assert [row[0] for row in data["rows"]] == labels and len(sentences(data)) == len(labels) > 2
    for k in (0, len(labels) // 2, len(labels) - 1):
        i = int(labels[k])
        assert data["rows"][k][1:] == [fmt(float(run.w[i])), fmt(float(run.cost[i])), fmt(float(run.slope[i]))]
        assert sentences(data)[k] == f"Iteration {i} of {run.iterations}: w = {fmt(float(run.w[i]))}, J(w) = {fmt(float(run.cost[i]))}, dJ/dw = {fmt(float(run.slope[i]))}."


def test_page1_before_a_prediction_describes_the_start_only() -> None:
    at = open_page("intuition", ask="intuition.first_step")
    run = page1_run()
    data = player_data(at)
    assert data["rows"] == [] and sentences(data) == []  # no player: nothing moves before the answer
    assert fmt(float(run.w[0])) in data["summary"] and ANSWER_FIRST in data["summary"]
    later = {fmt(float(w)) for w in run.w[1:]} - {fmt(float(run.w[0]))}
    assert not [w for w in later if w in data["summary"]], "the description gives away where the run goes"
    assert "Verdict" not in data["summary"]
    at = commit(at, "intuition.first_step", "5")  # once answered, the run and its numbers
    data = player_data(at)
    assert fmt(run.final_w) in data["summary"] and len(data["rows"]) == len(slider_labels(figure(at)))


@pytest.mark.parametrize("page, query", [
    ("learning_rate", {"iters": "60"}),
    ("local_minimum", {"iters": "20", "surface_iters": "100"}),
    ("regression", {"iters": "300"}),
])
def test_every_moving_figure_has_a_row_per_frame(page: str, query: dict) -> None:
    at = open_page(page, predict="false", **query)
    assert not at.exception, at.exception
    data, labels = player_data(at), slider_labels(figure(at))
    assert data["chart"] == FIGURE_KEYS[page]
    assert [row[0] for row in data["rows"]] == labels and len(labels) > 2
    assert all(len(row) == len(data["columns"]) for row in data["rows"])
    assert sentences(data)[-1].startswith(f"Iteration {labels[-1]} of {data['last']}: ")
    assert data["label"] and data["summary"].startswith(data["label"])


def test_the_words_follow_the_run_given() -> None:
    """Unit level: the sentence of a frame is its row; hidden text names no later w."""
    run = intuition_context(PAGE1["curve"], PAGE1["w0"], 0.37, 7).run
    text = intuition_text("Convex bowl", run, [0, 3, run.iterations], hidden=False, verdict="converged")
    assert text.rows[1] == ("3", fmt(float(run.w[3])), fmt(float(run.cost[3])), fmt(float(run.slope[3])))
    assert text.line(1) == f"Iteration 3 of {run.iterations}: w = {text.rows[1][1]}, J(w) = {text.rows[1][2]}, dJ/dw = {text.rows[1][3]}."
    assert text.summary.endswith("Verdict: converged.")
    hidden = intuition_text("Convex bowl", start_only(run), [], hidden=True, verdict="converged")
    assert fmt(run.final_w) not in hidden.summary and "Verdict" not in hidden.summary and not hidden.rows


def test_regression_words_name_each_update_rule() -> None:
    w, b, cost = np.array([0.0, 1.0, 2.0]), np.array([0.0, 0.5, 0.75]), np.array([9.0, 4.0, 1.0])
    text = regression_text([("simultaneous", w, b, cost), ("sequential (wrong)", w * 2, b, cost)], 5, [0, 2], hidden=False)
    assert text.columns == ("iteration", "w (simultaneous)", "b (simultaneous)", "J (simultaneous)", "w (sequential (wrong))", "b (sequential (wrong))", "J (sequential (wrong))")
    assert text.rows[1] == ("2", fmt(2.0), fmt(0.75), fmt(1.0), fmt(4.0), fmt(0.75), fmt(1.0))
    assert "5 points" in text.summary and f"w = {fmt(4.0)}" in text.summary
    assert keyboard_player_key("regression_click") == "regression_click_keyboard"


def description(chart) -> str:
    return json.loads(chart.proto.spec).get("description", "")


def test_every_still_chart_has_a_description_from_its_numbers() -> None:
    """Page 2's sweep, page 5's log charts and the find-the-bug reveal carry a text alternative
    (Vega writes it as the chart's aria-label) naming what they draw and their numbers."""
    from gd_core.questions_debug import MISTAKES, debug_context
    from tests import test_app_debug, test_app_find_the_bug as bug

    at = open_page("learning_rate", predict="false", iters="60")
    (sweep,) = at.get("vega_lite_chart")
    words = description(sweep)
    counts = [int(n) for n in re.findall(r"(\d+) (?:converge|do not|diverge)", words)]
    assert words.startswith("Iterations to converge against the learning rate α") and sum(counts) > 10, words
    assert "stable limit 2 / J''(w*) = " in words

    at = test_app_debug.open_page()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 5 and all(description(c) for c in charts)
    assert description(charts[0]).startswith("cost J(w, b) per iteration. ") and "your log: from " in description(charts[0])

    context = debug_context(bug.DEFAULT_SEED)
    at = bug.commit(bug.open_page(ask="debug.mistake"), "debug.mistake", MISTAKES[context.entry.name][0])
    (chart,) = bug.exercise(at).get("vega_lite_chart")
    fixed = context.fixed_run.cost[1:]
    assert f"fixed code: from {fmt(float(fixed[0]))} at iteration 0 to {fmt(float(fixed[-1]))} at iteration {fixed.size - 1:,}" in description(chart)


def test_sweep_words_count_each_outcome() -> None:
    from ui.words.chart_text import lines_text, sweep_text

    words = sweep_text(np.array([0.01, 0.1, 1.0, 2.5]), np.array([500, 40, 3, 500]), np.array([False, False, False, True]), 2.0, 500)
    assert "for 4 values of α from 0.010 to 2.500: 2 converge, 1 do not within 500 iterations, 1 diverge." in words, words
    assert f"The fewest iterations, 3, at α = {fmt(1.0)}." in words and "2 / J''(w*) = 2" in words
    blown = lines_text("Cost", [("run", np.array([4.0, 9.0, np.inf]))])
    assert blown == f"Cost per iteration. run: from {fmt(4.0)} at iteration 0 to {fmt(9.0)} at iteration 1 (its numbers stop being finite after iteration 1)."


def test_lesson6_describes_its_three_runs_and_numbers_every_moment() -> None:
    """Lesson 6's player clock is the examples used: each frame's line names that moment and every
    run's update, w, b and J there, read against the runs made here from the data file."""
    from tests import test_app_batches as lesson6

    at = lesson6.open_page()
    assert not at.exception, at.exception
    data, labels = player_data(at), slider_labels(lesson6.figure(at))
    runs, _ = lesson6.auto_mpg_runs()
    assert data["chart"] == "batches_player"
    summary = data["summary"]
    first = runs.batch
    for value in (first.w_history[0, 0], first.b_history[0], first.cost_history[0]):
        assert fmt(float(value)) in summary, (fmt(float(value)), summary)
    for run in runs.runs:
        assert f"w = {fmt(float(run.w_history[-1, 0]))}, b = {fmt(float(run.b_history[-1]))}, J(w, b) = {fmt(float(run.cost_history[-1]))}" in summary
    assert [f"{row[0]} examples used" for row in data["rows"]] == [label.split(", epoch")[0] for label in labels]
    assert len(data["rows"]) == len(labels) > 2 and all(len(row) == len(data["columns"]) == 13 for row in data["rows"])
    for k in (1, len(labels) // 2, len(labels) - 1):
        used = int(data["rows"][k][0].replace(",", ""))
        line = sentences(data)[k]
        assert line.startswith(f"{used:,} of {runs.batch.seen[-1]:,} examples used: "), line
        for run in runs.runs:
            u = int(np.searchsorted(run.seen, used, side="right") - 1)  # the update each run had made by then
            name = "batch" if run is runs.batch else "stochastic" if run is runs.stochastic else "mini-batch"
            said = (f"update ({name}) = {u:,}, w ({name}) = {fmt(float(run.w_history[u, 0]))}, b ({name}) = {fmt(float(run.b_history[u]))}, "
                    f"J ({name}) = {fmt(float(run.cost_history[u]))}")
            assert said in line, (said, line)


def test_lesson6_before_an_answer_has_no_player_and_names_only_the_start() -> None:
    from tests import test_app_batches as lesson6

    at = lesson6.open_page(predict="true", ask="batches.closest_after_one_epoch")
    assert not at.exception, at.exception
    assert not [el for el in at.get("bidi_component") if el.proto.component_name == "gd_keyboard_player"]  # nothing drawn, nothing to play
    runs, _ = lesson6.auto_mpg_runs()
    page = lesson6.texts(at)
    from gd_core.wording import number

    assert number(float(runs.batch.cost_history[0])) in page  # the start, in words
    ends = {fmt(float(run.cost_history[-1])) for run in runs.runs}
    assert not [end for end in ends if end in page], "the page gives away where the runs end"
