"""Predict, then see on pages 1 and 2 and the home page's lesson path (AppTest).

Before the student commits, the page holds no outcome: the figure is made from the start only
(no frame, no later w anywhere in its JSON, so nothing can be read off a hover), no verdict,
no table, no answer. After committing: the whole run, the verdict, the graded sentence and the
prediction drawn beside the result. A bad ``ask=`` gets the link note.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st_
from streamlit.testing.v1 import AppTest

from gd_core.contexts import intuition_context, learning_rate_context
from gd_core.curves import CURVES
from gd_core.descent import largest_stable_alpha
from gd_core.questions import QUESTIONS, grade, question
from gd_core.sweep import suggested_alphas
from ui.app import state
from ui.charts.cost_curve import Ghost
from ui.charts.intuition import intuition_figure
from ui.charts.learning_rate import compare_figure

from tests.conftest import ROOT, read_back, plotly_charts
from tests.test_app_lessons import all_text, figure, open_page

BOWL = CURVES["bowl"]
PAGE1 = dict(curve=BOWL, w0=7.0, alpha=0.1, iters=30)  # page 1's defaults (ui.app.lessons)
VERDICT_WORDS = ("converged in", "creeping after", "diverged after", "diverging:", "swinging", "oscillating", "final w")  # as verdicts write them


def numbers(value: object) -> list[float]:
    """Every number in a figure's dict, typed arrays ("bdata") decoded."""
    if isinstance(value, dict):
        if "bdata" in value:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).astype(float).ravel().tolist()
        return [x for v in value.values() for x in numbers(v)]
    if isinstance(value, list):
        return [x for v in value for x in numbers(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [float(value)]
    return []


def run_ws_in(spec: dict, ws: np.ndarray, legs: bool = False) -> set[float]:
    """The run's w values found among the w coordinates (x) of the figure's traces and frames;
    without ``legs``, not counting the tangent's run-and-rise legs, whose corner is one run
    length from the point and may fall on a w of the run by chance (on page 1's defaults the
    run drawn is 0.8 long, and so is the first step). What else a figure holds is checked by
    ``still_part``: before a prediction it is the same for any alpha."""
    traces = [t for t in spec["data"] if legs or t.get("name") != "run and rise"]
    traces += [t for f in spec.get("frames", []) for t in f["data"]]
    found = set(numbers([t.get("x", []) for t in traces]))
    return {float(w) for w in ws if float(w) in found}


def still_part(spec: dict) -> str:
    """The figure less its frames and player, as JSON: what a page before a prediction holds."""
    return json.dumps({k: v for k, v in spec.items() if k != "frames"}, sort_keys=True)


def outcome_words(at: AppTest) -> list[str]:
    """The verdict words on the page: in its text, and in what its figures write (not in the
    template Plotly puts in every figure, which names a "diverging" colour scale)."""
    figures = [json.dumps(json.loads(chart.proto.spec)["data"]) for chart in plotly_charts(at)]
    words = "\n".join([read_back(t) for t in all_text(at).split("\n") if not t.startswith('{"data"')] + figures).lower()
    return [word for word in VERDICT_WORDS if word in words]


def page1_run():
    return intuition_context(PAGE1["curve"], PAGE1["w0"], PAGE1["alpha"], PAGE1["iters"]).run


def commit(at: AppTest, qid: str, answer: object) -> AppTest:
    if isinstance(answer, tuple):
        for i, item in enumerate(answer):
            at.selectbox(key=f"answer:{qid}:{i}").set_value(item)
    elif qid in ("intuition.first_step", "intuition.iterations", "learning_rate.largest_alpha"):
        at.text_input(key=f"answer:{qid}").set_value(str(answer))
    else:
        at.radio(key=f"answer:{qid}").set_value(answer)
    return at.button(key="predict_commit").click().run()


def assert_page1_hidden(at: AppTest) -> None:
    assert not at.exception, at.exception
    spec = figure(at)
    assert not spec.get("frames") and "sliders" not in spec["layout"]  # no player: nothing to play
    assert run_ws_in(spec, page1_run().w) == {PAGE1["w0"]}  # the start, and no later w
    other = intuition_context(BOWL, PAGE1["w0"], 0.37, 7).run  # another alpha: another run from the same start
    assert still_part(spec) == still_part(intuition_figure(BOWL.cost, (BOWL.w_min, BOWL.w_max), other, hidden=True).spec)
    corner = spec["data"][-1]["text"][0]
    assert "Predict first" in corner and "stopped here" not in corner and "update 1 of" not in corner
    assert outcome_words(at) == []
    assert not at.dataframe and not any("Every iteration" in e.label for e in at.expander)


def assert_page1_shown(at: AppTest) -> None:
    assert not at.exception, at.exception
    run = page1_run()
    spec = figure(at)
    assert len(spec["frames"]) == run.w.size
    assert run_ws_in(spec, run.w, legs=True) == {float(w) for w in run.w}
    assert "converged in 21 iterations" in all_text(at)
    at.session_state[state.ITERATIONS_TABLE] = True  # the table opened: its count
    at.run()
    assert any(c.value == "This run: 21 updates, one row each." for e in at.expander for c in e.caption)


# --- page 1 ---------------------------------------------------------------------------------------


def test_page1_first_step_hidden_then_a_wrong_answer_reveals_with_its_ghost() -> None:
    at = open_page("intuition", ask="intuition.first_step")
    assert at.selectbox(key="ask").value == "intuition.first_step"  # the question the link asked
    assert_page1_hidden(at)
    assert "Where does the first update land" in read_back(all_text(at))
    at = commit(at, "intuition.first_step", "5")
    assert_page1_shown(at)
    graded = grade(question("intuition.first_step"), intuition_context(**PAGE1), "5")
    assert not graded.correct
    assert read_back(at.warning[0].value) == graded.gap_sentence  # "Not quite: you said w = 5, the answer is w = 6.2, ..."
    assert "answer is w = 6.2" in graded.gap_sentence
    spec = figure(at)
    ghost = [i for i, t in enumerate(spec["data"]) if t.get("legendgroup") == "ghost"]
    assert ghost and spec["data"][ghost[0]]["name"] == "your prediction" and spec["data"][ghost[0]]["x"] == [5.0, 5.0]
    assert [spec["data"][i]["text"] for i in ghost if "text" in spec["data"][i]] == [["you said w = 5"]]
    assert not any(i in frame["traces"] for i in ghost for frame in spec["frames"])  # drawn once, not moved by the player
    assert [e.label for e in at.expander if "Your predictions" in e.label] == ["Your predictions: 0 of 1 right"]  # the ledger


def test_page1_direction_right_answer_and_the_ghost_arrow() -> None:
    at = open_page("intuition")
    assert at.selectbox(key="ask").value == "intuition.direction"  # the lesson's first question by default
    assert_page1_hidden(at)
    at = commit(at, "intuition.direction", "left")
    assert_page1_shown(at)
    assert read_back(at.success[0].value).startswith("Right. w moves left: the first step is −0.8.")
    assert "slope dJ/dw is 8, positive" in read_back(at.caption[0].value + "".join(c.value for c in at.caption))
    ghost = [t for t in figure(at)["data"] if t.get("legendgroup") == "ghost"]
    assert ghost[0]["text"] == ["you said: w moves left"] and ghost[0]["marker"]["symbol"] == "triangle-left"
    assert ghost[0]["x"][0] < PAGE1["w0"]  # beside the start, on the side said


def test_page1_a_new_setting_hides_the_new_run_until_a_new_commit() -> None:
    at = commit(open_page("intuition"), "intuition.direction", "right")
    assert at.warning and read_back(at.warning[0].value).startswith("Not quite: you picked ‘w moves right")
    assert figure(at)["frames"]
    at.number_input(key="alpha").set_value(0.3).run()
    assert not at.exception and not figure(at).get("frames")
    assert outcome_words(at) == []
    at.number_input(key="alpha").set_value(0.1).run()  # the committed view again: still revealed
    assert_page1_shown(at)
    at.button(key="predict_again").click().run()  # Ask me again: hidden, the form empty
    assert_page1_hidden(at)
    assert at.radio(key="answer:intuition.direction").value is None


def test_page1_next_question_is_a_button_on_the_same_page_and_its_id_goes_in_the_url() -> None:
    at = commit(open_page("intuition"), "intuition.direction", "left")
    at.button(key="predict_next").click().run()
    assert not at.exception
    assert at.selectbox(key="ask").value == "intuition.first_step" and at.query_params["ask"] == "intuition.first_step"
    assert_page1_hidden(at)


def test_page1_commit_without_an_answer_or_with_no_number_says_so_and_keeps_it_hidden() -> None:
    at = open_page("intuition", ask="intuition.first_step")
    at.button(key="predict_commit").click().run()
    assert "Give an answer first" in at.error[0].value
    assert_page1_hidden(at)
    at = commit(at, "intuition.first_step", "six")
    assert "Type a number" in read_back(at.error[0].value)
    assert_page1_hidden(at)
    assert not [e for e in at.expander if e.label.startswith("Your predictions")]  # nothing went in the ledger


def test_page1_just_show_me_reveals_without_a_ledger_entry() -> None:
    at = open_page("intuition")
    at.button(key="predict_skip").click().run()
    assert_page1_shown(at)
    assert any("Shown without a prediction" in c.value for c in at.caption)
    assert not any(t.get("legendgroup") == "ghost" for t in figure(at)["data"])
    assert not any("Your predictions" in e.label for e in at.expander)


@pytest.mark.parametrize("ask", ["nonsense", "learning_rate.behaviour", "<b>x</b>"])
def test_page1_a_bad_ask_gets_the_link_note_not_a_traceback(ask: str) -> None:
    at = open_page("intuition", ask=ask)
    assert not at.exception
    assert at.selectbox(key="ask").value == "intuition.direction"
    note = read_back(at.warning[0].value)
    assert note.startswith("This link asked for something the page cannot show") and "ask = ‘" in note
    assert_page1_hidden(at)


def test_page1_predict_off_shows_everything_at_once() -> None:
    at = open_page("intuition", predict="false")
    assert not at.get("selectbox") or all(s.key != "ask" for s in at.selectbox)
    assert_page1_shown(at)
    assert not at.warning  # predict=false is a setting of the page, not a bad link value


def test_page1_a_question_that_does_not_apply_shows_the_run() -> None:
    at = open_page("intuition", ask="intuition.iterations", alpha="1.5", iters="50")  # a diverging run
    assert not at.exception
    assert "does not apply" in at.info[0].value
    assert figure(at)["frames"] and "diverged after 17 updates" in all_text(at)
    # No dead end: the path goes on to the next question, page 2's first, by its link.
    links = [e for e in at.get("page_link") if "Next" in e.proto.label]
    assert len(links) == 1 and "learning_rate.behaviour" in str(links[0].proto.query_string or links[0].proto)


def test_reopen_from_the_ledger_shows_the_view_it_was_committed_for() -> None:
    at = commit(open_page("intuition", ask="intuition.first_step"), "intuition.first_step", "6.2")
    assert read_back(at.success[0].value).startswith("Right: you said w = 6.2")
    at.number_input(key="alpha").set_value(0.3).run()  # another view, another question
    at.selectbox(key="ask").set_value("intuition.direction").run()
    assert not figure(at).get("frames")
    at.button(key="reopen:1").click().run()  # on the same page
    assert not at.exception
    assert at.number_input(key="alpha").value == 0.1 and at.selectbox(key="ask").value == "intuition.first_step"
    assert_page1_shown(at)
    assert read_back(at.success[0].value).startswith("Right: you said w = 6.2")
    # from another page: home lists the ledger, and Reopen comes back to this view
    at.number_input(key="w0").set_value(-1.0).run()
    at.switch_page("pages/home.py").run()
    assert any("Your predictions: 1 of 1 right" in e.label for e in at.expander)
    at.button(key="reopen:1").click().run()  # st.switch_page to page 1 with the view's URL (the view was page 1's defaults)
    assert not at.exception and dict(at.query_params) == {"ask": "intuition.first_step"}
    at.switch_page("pages/intuition.py").run()  # (AppTest does not follow a script's st.switch_page: a browser does)
    assert at.number_input(key="w0").value == 7.0 and at.number_input(key="alpha").value == 0.1
    assert_page1_shown(at)


# --- the figure itself, over generated settings -------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    w0=st_.integers(-200, 800).map(lambda k: k / 100),
    alpha=st_.integers(1, 1200).map(lambda k: k / 1000),
    iters=st_.integers(1, 40),
)
def test_page1_figure_before_commit_holds_one_w_of_the_run_and_after_all(w0: float, alpha: float, iters: int) -> None:
    run = intuition_context(BOWL, w0, alpha, iters).run
    rng = (BOWL.w_min, BOWL.w_max)
    before = intuition_figure(BOWL.cost, rng, run, hidden=True).spec
    assert run_ws_in(before, run.w) == {w0}
    assert "frames" not in before
    other = intuition_context(BOWL, w0, alpha / 2, iters + 3).run  # the start is all it is made of
    assert still_part(before) == still_part(intuition_figure(BOWL.cost, rng, other, hidden=True).spec)
    after = intuition_figure(BOWL.cost, rng, run, ghost=Ghost("your prediction: w = 0", w=0.0)).spec
    assert run_ws_in(after, run.w, legs=True) == {float(w) for w in run.w}
    assert len(after["frames"]) == run.w.size


# --- page 2 ---------------------------------------------------------------------------------------------


def page2_context():
    w_star = BOWL.nearest_minimum(-1.5)
    return learning_rate_context(BOWL, -1.5, suggested_alphas(largest_stable_alpha(BOWL, w_star)), 60)


def assert_page2_hidden(at: AppTest, wall: bool) -> None:
    assert not at.exception, at.exception
    spec = figure(at)
    assert not spec.get("frames") and "sliders" not in spec["layout"]
    ws = np.concatenate([r.w for r in page2_context().runs])
    assert run_ws_in(spec, ws) == {-1.5}
    names = [t.get("name") for t in spec["data"]]
    assert all(f"α = {a:g}" in names for a in page2_context().alphas)  # each alpha's label
    text = all_text(at).lower()
    assert outcome_words(at) == []
    assert not at.get("vega_lite_chart")  # no sweep
    assert ("any α above 1 makes each" in text) == wall


def test_page2_behaviour_hidden_then_graded_on_each_card() -> None:
    at = open_page("learning_rate")
    assert at.selectbox(key="ask").value == "learning_rate.behaviour"
    assert_page2_hidden(at, wall=True)  # this question does not hide the limit
    at = commit(at, "learning_rate.behaviour", ("creeps", "converges", "converges", "diverges"))
    assert not at.exception
    assert len(figure(at)["frames"]) > 1 and at.get("vega_lite_chart")
    text = all_text(at)
    for word in ("creeping", "diverg", "converged in"):
        assert word in text
    assert read_back(at.warning[0].value) == "3 of 4 right. α = 0.9: you said converges, it oscillates."
    assert "You said: converges; it oscillates." in text and "You said: creeps." in text


def test_page2_all_right() -> None:
    truth = page2_context()
    kinds = grade(question("learning_rate.behaviour"), truth, ",".join(["creeps"] * 4)).truth.value
    at = commit(open_page("learning_rate"), "learning_rate.behaviour", tuple(kinds))
    assert read_back(at.success[0].value) == "Right: all 4."


def test_page2_largest_alpha_hides_the_wall_until_commit() -> None:
    at = commit(open_page("learning_rate"), "learning_rate.behaviour", ("creeps", "converges", "oscillates", "diverges"))
    assert [d.name for d in at.get("vega_lite_chart")[0].proto.datasets] == ["sweep", "wall"]  # no guess for another question
    at = open_page("learning_rate", ask="learning_rate.largest_alpha")
    assert_page2_hidden(at, wall=False)
    assert not any("2 / J''" in l.value or "alpha" in l.value for l in at.latex)
    at = commit(at, "learning_rate.largest_alpha", "0.9")
    assert not at.exception
    assert "any α above 1 makes each" in all_text(at)
    assert read_back(at.warning[0].value).startswith("Not quite: you said α = 0.9, the answer is α = 1")
    sweep = at.get("vega_lite_chart")[0].proto
    assert [d.name for d in sweep.datasets] == ["sweep", "wall", "guess"]  # the guess beside the wall
    assert "your prediction: α = 0.900" in sweep.datasets[2].data.data.decode("utf-8", "replace")


def test_page2_predict_off_is_the_page_as_before() -> None:
    at = open_page("learning_rate", predict="false")
    assert not at.exception and figure(at)["frames"] and at.get("vega_lite_chart")
    assert "creeping" in all_text(at)


def test_page2_a_bad_ask_gets_the_link_note() -> None:
    at = open_page("learning_rate", ask="intuition.direction")
    assert not at.exception and "ask = ‘intuition.direction’" in read_back(at.warning[0].value)
    assert_page2_hidden(at, wall=True)


# --- home --------------------------------------------------------------------------------------------------


def test_home_lists_the_lesson_path_each_question_a_link() -> None:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception
    assert any(s.value == "Predict, then see: the lesson path" for s in at.subheader)
    links = [link.proto for link in at.get("page_link") if link.proto.query_string.startswith("ask=")]
    # every question, in path order (with the start it is asked from, when it has one)
    assert [p.query_string for p in links] == [f"ask={q.id}" + "".join(f"&{k}={v:g}" for k, v in q.start) for q in QUESTIONS]
    for n, (proto, q) in enumerate(zip(links, QUESTIONS), start=1):
        assert read_back(proto.label) == f"{n}. {q.title}" and proto.page == q.lesson
    assert len(at.get("page_link")) >= len(QUESTIONS) + 5  # the lessons' own links are still there
    assert not any("Your predictions" in e.label for e in at.expander)  # no ledger before any prediction
