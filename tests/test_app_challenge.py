"""AppTest: challenge links, made by the panel and opened in a fresh session; projector mode.

The round trip: a teacher's view, the panel's goal, locks and hides -> the link -> a new session
opens it -> a run that misses the goal says "Not yet", one that meets it says "Met in N tries";
locked controls are disabled with the link's values; what the link hides is in neither the
page's text nor its figure's JSON until the goal is met; a bad value gets its message.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from ui.app import state
from tests.conftest import link_texts, read_back, plotly_charts
from tests.test_app_lessons import all_text, figure
from tests.test_app_lessons import open_page as open_lesson_page


def open_page(page: str, **query: str):
    """A lesson page opened as a challenge link opens it: the panel's links turn the questions off
    (``predict=false``: a challenge is its own question), so these do too unless a test says."""
    return open_lesson_page(page, **{"predict": "false", **query})


def panel_link(at) -> dict[str, str]:
    """The panel's link (the link box that holds a goal), as its URL parameters."""
    links = [c for c in link_texts(at) if "goal=" in c]
    assert len(links) == 1, links
    return dict(parse_qsl(urlsplit(links[0]).query))


def goal_box(at) -> str:
    return "\n".join(read_back(x.value) for x in [*at.info, *at.success, *at.warning])


def test_a_challenge_made_by_the_panel_round_trips_not_yet_then_met_in_two_tries() -> None:
    teacher = open_page("intuition")
    teacher.number_input(key="alpha").set_value(0.2).run()  # the view the teacher prepares
    assert not [s for s in teacher.selectbox if s.key == state.PANEL_GOAL] and len(link_texts(teacher)) == 1  # closed: no goal, no challenge link
    teacher.session_state[state.CHALLENGE_PANEL] = True  # the panel opened: its controls are drawn
    teacher.run()
    teacher.selectbox(key=state.PANEL_GOAL).set_value("converge").run()
    prefilled = next(n for n in teacher.number_input if n.label == "Iterations at most (N)")
    converged_in = prefilled.value  # filled in from the teacher's run
    prefilled.set_value(converged_in - 3).run()
    teacher.multiselect(key=state.PANEL_LOCKS).set_value(["alpha"]).run()
    teacher.multiselect(key=state.PANEL_HIDES).set_value(["minimum"]).run()
    params = panel_link(teacher)
    assert params == {"alpha": "0.2", "goal": f"converge:{converged_in - 3}", "lock": "alpha", "hide": "minimum", "predict": "false"}

    student = open_page("intuition", **params)  # a fresh session
    assert not student.exception
    assert any(m.value.startswith("**Challenge:** Converge within") for m in student.markdown)
    box = goal_box(student)
    assert f"Not yet: converged in {converged_in} iterations" in box and "Try 1" in box
    alpha = student.number_input(key="alpha")
    assert alpha.disabled and alpha.value == 0.2  # locked, with the link's value
    assert "w* =" not in all_text(student)  # the verdict names the minimum: hidden

    student.number_input(key="w0").set_value(3.5).run()  # a start nearer the minimum: fewer iterations
    box = goal_box(student)
    assert "Met in 2 tries." in box, box
    assert "w* =" in all_text(student)  # shown once met
    student.number_input(key="w0").set_value(3.5).run()  # the same view again is not a new try
    assert "Met in 2 tries." in goal_box(student)


def test_closing_the_challenge_panel_keeps_the_teachers_choices() -> None:
    teacher = open_page("intuition")
    teacher.session_state[state.CHALLENGE_PANEL] = True
    teacher.run()
    teacher.selectbox(key=state.PANEL_GOAL).set_value("converge").run()
    teacher.multiselect(key=state.PANEL_LOCKS).set_value(["alpha"]).run()
    teacher.multiselect(key=state.PANEL_HIDES).set_value(["minimum"]).run()
    teacher.session_state[state.CHALLENGE_PANEL] = False  # closed: its widgets are not drawn
    teacher.run()
    teacher.run()
    teacher.session_state[state.CHALLENGE_PANEL] = True  # opened again
    teacher.run()
    assert teacher.selectbox(key=state.PANEL_GOAL).value == "converge"
    assert teacher.multiselect(key=state.PANEL_LOCKS).value == ["alpha"]
    assert teacher.multiselect(key=state.PANEL_HIDES).value == ["minimum"]


def test_page_3_hides_the_minima_from_its_figure_until_the_valley_goal_is_met() -> None:
    at = open_page("local_minimum", goal="valley:1", hide="minimum", lock="curve")
    assert not at.exception
    assert "Not yet: the run ends at w = 5" in goal_box(at)
    assert at.selectbox(key="curve").disabled
    spec = json.dumps(figure(at))
    assert '"minima"' not in spec and "ends at w =" not in spec and "on its way to w =" not in spec
    text = all_text(at)
    assert "Local minima of this curve" not in text and "diamonds mark the minima" not in text and "w* =" not in text
    assert "A deep valley at w = 1" not in text  # the curve's description (sidebar) names its minima
    at.number_input(key="w0").set_value(0.0).run()
    assert "Met in 2 tries." in goal_box(at)
    spec = json.dumps(figure(at))
    assert '"minima"' in spec and "ends at w =" in spec
    assert "Local minima of this curve" in all_text(at) and "A deep valley at w = 1" in all_text(at)  # the description too, in the run that met it


def test_page_4_hides_the_least_squares_line_and_the_wall_until_met() -> None:
    at = open_page("regression", goal="converge:2000", hide="lstsq,wall")
    assert not at.exception
    assert "Not yet: converged in 3,531 iterations, more than 2,000." in goal_box(at)
    spec = figure(at)
    text = json.dumps(spec) + all_text(at)
    assert "least squares" not in text and "w* =" not in text and "Stable limit" not in text and "stable limit is 0" not in text
    assert spec["layout"]["shapes"] and all(s.get("line", {}).get("dash") != "dash" for s in spec["layout"]["shapes"])
    assert [m.value for m in at.metric if m.label == "Distance to least squares"] == ["hidden"]
    at.number_input(key="alpha").set_value(0.1).run()  # faster, still stable
    assert "Met in 2 tries." in goal_box(at), goal_box(at)
    text = json.dumps(figure(at)) + all_text(at)
    assert "least squares" in text and "w* =" in text and "Stable limit" in text
    assert "This data's stable limit is" in text  # the note under α, drawn before the check, shown in the run that met it


def test_page_2_limit_goal_hides_the_wall_until_an_alpha_is_at_it() -> None:
    at = open_page("learning_rate", goal="limit", hide="wall", alphas="0.1, 0.5")
    assert not at.exception
    assert "Not yet: of the 2 α compared, 2 are too small" in goal_box(at)
    text = all_text(at)
    assert "any α above" not in text and "\\frac{2}" not in text and not at.get("vega_lite_chart")  # no limit sentence, no sweep with its wall
    at.text_input(key="alphas").set_value("0.1, 1.0").run()
    assert "Met in 2 tries." in goal_box(at)
    assert "any α above 1" in all_text(at) and at.get("vega_lite_chart")


@pytest.mark.parametrize("page, query, says", [
    ("intuition", {"goal": "converge:abc"}, "A converge goal needs a whole number"),
    ("intuition", {"goal": "converge:80", "lock": "beta"}, "Lock controls by their names from"),
    ("intuition", {"goal": "converge:80", "hide": "answer"}, "Hide things by their names from"),
    ("intuition", {"goal": "limit", "hide": "lstsq"}, "This page does not show lstsq"),
    ("regression", {"goal": "valley:3"}, "A valley goal is not checked on this page"),
    ("learning_rate", {"lock": "alpha"}, "A goal is one of"),
])
def test_a_bad_challenge_value_gets_its_message_and_the_page_works(page, query, says) -> None:
    at = open_page(page, **query)
    assert not at.exception
    assert any(says in read_back(w.value) and "works as usual" in w.value for w in at.warning), [w.value for w in at.warning]
    assert plotly_charts(at)  # the page is drawn, without the challenge
    assert not any(m.value.startswith("**Challenge:**") for m in at.markdown)


def test_projector_mode_puts_the_controls_in_the_main_area() -> None:
    at = open_page("intuition", present="true")
    assert not at.exception
    keys = {"curve", "alpha", "w0", "iters"}
    in_sidebar = {w.key for kind in ("selectbox", "number_input", "slider") for w in getattr(at.sidebar, kind)}
    in_main = {w.key for kind in ("selectbox", "number_input", "slider") for w in getattr(at.main, kind)}
    assert keys <= in_main and not keys & in_sidebar
    assert at.toggle(key=state.PRESENT).value is True
    at.toggle(key=state.PRESENT).set_value(False).run()  # back to the sidebar
    in_sidebar = {w.key for kind in ("selectbox", "number_input", "slider") for w in getattr(at.sidebar, kind)}
    assert keys <= in_sidebar


def test_page_5_shows_a_bug_goal_and_hides_its_diagnosis() -> None:
    at = open_page("debug", goal="bug", hide="verdict")
    assert not at.exception
    assert any(m.value.startswith("**Challenge:** Name the mistake") for m in at.markdown)
    assert "hidden until the challenge's goal is met" in goal_box(at)
    assert "Your log matches" not in all_text(at)  # the diagnosis names the mistake: not while hidden
    assert "Your log matches" in all_text(open_page("debug"))  # (without the challenge it is there)
