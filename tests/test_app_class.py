"""The class page (issue 25) in AppTest: a teacher and students on one class store (a SQLite file
in a temporary folder, GD_DATA_DIR), through the page as they use it.

Teacher: start a class, pick a question, start round one, see the counts, close, reveal, round
two, run (the lesson's figure, the answer, both rounds), download. Students: join by link and by
code, answer, change the answer, be refused after the close, see the spread once revealed.
Security through the page: a join code never reaches a teacher's button, a bad secret gives a
message and nothing of any class, an answer outside the question is refused with a message.
"""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import link_texts, read_back, plotly_charts
from tests.test_app_lessons import all_text, open_page
from ui.app import state
from ui.cache import classroom

TEACHER_BUTTONS = {state.CLASS_START, state.CLASS_CLOSE, state.CLASS_REVEAL, state.CLASS_ROUND_TWO, state.CLASS_RUN, state.CLASS_NEW_QUESTION}


@pytest.fixture(autouse=True)
def one_store(tmp_path, monkeypatch):
    """Every page in a test shares one fresh SQLite file (as two replicas on one machine do)."""
    monkeypatch.delenv("GD_DATABASE_URL", raising=False)
    monkeypatch.setenv("GD_DATA_DIR", str(tmp_path / "data"))


def teacher() -> AppTest:
    at = open_page("class")
    at.button(key=state.CLASS_NEW).click().run()
    assert not at.exception, at.exception
    assert at.query_params[state.TEACH]
    return at


def code_of(at: AppTest) -> str:
    box = [m.value for m in at.markdown if len(read_back(m.value)) == 6 and read_back(m.value).isalnum()]
    assert len(box) == 1, [m.value for m in at.markdown]
    return read_back(box[0])


def pick(at: AppTest, question_id: str) -> AppTest:
    at.selectbox(key=state.CLASS_QUESTION).set_value(question_id).run()
    at.button(key=state.CLASS_START).click().run()
    assert not at.exception, at.exception
    return at


def student(code: str) -> AppTest:
    at = open_page("class", join=code)
    assert not at.exception, at.exception
    return at


def answer(at: AppTest, value) -> AppTest:
    widget = at.radio[0] if at.radio else at.text_input(key=[k for k in keys(at) if k.startswith("class_answer:")][0])
    widget.set_value(value)
    at.button(key=state.CLASS_COMMIT).click().run()
    assert not at.exception, at.exception
    return at


def keys(at: AppTest) -> list[str]:
    return [w.key for w in at.text_input]


def bars(at: AppTest) -> dict[tuple[str, str], int]:
    """The spread chart's bars as drawn: (round, answer) -> count."""
    chart = at.get("vega_lite_chart")[-1].proto
    table = pa.ipc.open_stream(chart.datasets[0].data.data).read_all().to_pylist()
    return {(row["round"], row["answer"]): row["count"] for row in table}


def test_a_full_round_teacher_and_three_students() -> None:
    t = pick(teacher(), "intuition.direction")
    code = code_of(t)
    students = [student(code) for _ in range(3)]
    for s in students:
        assert "Which way will w move" in all_text(s)
        assert not TEACHER_BUTTONS & {b.key for b in s.button}
        start = words_in(plotly_charts(s)[0].proto.spec)
        assert "teacher's screen" in start and "Predict first" not in start  # a student's Commit plays nothing on their phone
        assert "This question comes from the lesson 1. One step, by hand (Which way does w move?)" in all_text(s)
    for s, said in zip(students, ["left", "right", "right"]):
        answer(s, said)
        assert "Kept" in all_text(s)
    answer(students[2], "left")  # changed: still one answer
    t.run()
    assert "Round 1: 3 answered" in all_text(t)
    assert bars(t) == {("Round 1", "w moves left (to a smaller w)"): 2, ("Round 1", "w moves right (to a larger w)"): 1,
                       ("Round 1", "w stays where it is"): 0}
    t.button(key=state.CLASS_CLOSE).click().run()
    late = answer(students[0], "right")
    assert "is closed" in all_text(late)
    t.button(key=state.CLASS_REVEAL).click().run()
    s = students[1].run()
    assert "The class's answers" in all_text(s)
    t.button(key=state.CLASS_ROUND_TWO).click().run()
    for s, said in zip(students, ["left", "left", "left"]):
        s.run()
        answer(s, said)
    t.run()
    assert "Round 1: 3 answered · Round 2: 3 answered" in all_text(t)
    t.button(key=state.CLASS_CLOSE).click().run()
    assert state.CLASS_ROUND_TWO not in {b.key for b in t.button}  # two rounds of one question
    s = students[0].run()
    assert "The class's answers" not in all_text(s)  # round two's spread: not before the teacher shows it
    t.button(key=state.CLASS_REVEAL).click().run()
    s = students[0].run()
    assert bars(s) == {("Round 1", "w moves left (to a smaller w)"): 2, ("Round 1", "w moves right (to a larger w)"): 1,
                       ("Round 1", "w stays where it is"): 0, ("Round 2", "w moves left (to a smaller w)"): 3,
                       ("Round 2", "w moves right (to a larger w)"): 0, ("Round 2", "w stays where it is"): 0}  # both votes side by side, as the teacher sees them
    t.button(key=state.CLASS_RUN).click().run()
    assert not t.exception, t.exception
    text = all_text(t)
    assert "**Round 1**: 2 right answers of 3 (67%)" in text and "**Round 2**: 3 right answers of 3 (100%)" in text, text[:600]
    assert len(plotly_charts(t)) == 1  # the lesson's own figure, playing the run
    steps = json.loads(plotly_charts(t)[0].proto.spec)["layout"]["sliders"][0]["steps"]
    words = [json.loads(el.proto.bytes) for el in t.get("bidi_component") if el.proto.component_name == "gd_keyboard_player"]
    assert len(words) == 1 and words[0]["chart"] == state.CLASS_FIGURE  # the lesson page's keyboard player, under the run
    assert [row[0] for row in words[0]["rows"]] == [step["label"] for step in steps] and "Verdict" not in words[0]["summary"]
    drawn = bars(t)
    assert drawn[("Round 1", "✓ w moves left (to a smaller w)")] == 2 and drawn[("Round 2", "✓ w moves left (to a smaller w)")] == 3
    assert t.get("download_button")
    rows = list(csv.DictReader(io.StringIO(classroom.export_csv(t.query_params[state.TEACH]).decode())))
    assert len(rows) == 6 and {r["student"] for r in rows} == {"s1", "s2", "s3"}
    assert not any(s.session_state[state.CLASS_ME] in str(rows) for s in students)  # no student's id leaves the store


def test_a_tab_that_reconnects_with_its_link_is_the_same_student() -> None:
    """A replica's restart: the tab reloads its URL (with ``me``) into a new session: one answer, not two."""
    t = pick(teacher(), "intuition.direction")
    first = student(code_of(t))
    answer(first, "left")
    me = first.query_params[state.ME]
    again = open_page("class", join=code_of(t), me=me)  # a new session, the same link
    assert "Your answer in this round: w moves left" in read_back(all_text(again))
    answer(again, "right")
    t.run()
    assert "Round 1: 1 answered" in all_text(t)
    assert bars(t)[("Round 1", "w moves right (to a larger w)")] == 1


def test_the_page_link_never_carries_the_secret_nor_a_students_id() -> None:
    t = pick(teacher(), "intuition.direction")
    secret = t.query_params[state.TEACH]
    assert link_texts(t) and all(secret not in c for c in [c.value for c in t.code] + link_texts(t) if "class" in c)
    s = student(code_of(t))
    assert link_texts(s) and all(s.query_params[state.ME] not in c for c in [c.value for c in s.code] + link_texts(s))


def test_a_bad_secret_shows_a_message_and_no_class() -> None:
    t = pick(teacher(), "intuition.direction")
    secret = t.query_params[state.TEACH]
    for bad in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), "x" * 43, "short"):
        at = open_page("class", teach=bad)
        assert not at.exception
        text = all_text(at)
        assert "This teacher link does not open a class" in text, text
        assert code_of(t) not in text
        assert not TEACHER_BUTTONS & {b.key for b in at.button}


def test_a_join_code_reaches_no_teacher_button_and_a_bad_code_is_named() -> None:
    t = pick(teacher(), "intuition.direction")
    s = student(code_of(t))
    assert not TEACHER_BUTTONS & {b.key for b in s.button}
    assert state.TEACH not in s.query_params
    bad = open_page("class", join="ZZZZZZ")
    assert "ZZZZZZ" not in [b.key for b in bad.button]
    assert bad.error and not TEACHER_BUTTONS & {b.key for b in bad.button}


def test_an_answer_outside_the_question_is_refused_with_a_message() -> None:
    t = pick(teacher(), "intuition.first_step")
    s = student(code_of(t))
    answer(s, "abc")
    assert "Type a number" in all_text(s)
    answer(s, "100000")  # far off the plotted range of w (-2 to 8): refused, the range said
    assert "Give a number from −12 to 18 (w); 100000 is outside" in read_back(all_text(s)), all_text(s)[-300:]
    answer(s, "6.2")
    assert "Kept" in all_text(s)


def test_the_teacher_poses_a_question_of_the_view_they_left_on_a_lesson_page() -> None:
    t = teacher()
    secret = t.query_params[state.TEACH]
    t.query_params.clear()
    t.query_params.update({"alpha": "0.3", "w0": "6", "predict": "false"})
    t.switch_page("pages/intuition.py").run()
    assert not t.exception
    t.query_params.clear()
    t.query_params[state.TEACH] = secret
    t.switch_page("pages/class.py").run()
    assert not t.exception, t.exception
    t.selectbox(key=state.CLASS_QUESTION).set_value("intuition.first_step").run()
    t.radio(key=state.CLASS_VIEW_CHOICE).set_value("own").run()
    assert "w₀ = 6 and α = 0.3" in read_back(all_text(t)), all_text(t)[:400]
    t.button(key=state.CLASS_START).click().run()
    s = student(code_of(t))
    assert "w₀ = 6 and α = 0.3" in read_back(all_text(s))
    answer(s, "4.2")  # w = 6 - 0.3 x 6 = 4.2 on the bowl J = (w - 3)^2 + 1
    t.button(key=state.CLASS_CLOSE).click().run()
    t.button(key=state.CLASS_RUN).click().run()
    assert "**Round 1**: 1 right answer of 1 (100%)" in all_text(t)


def test_a_student_answering_too_fast_is_told_to_wait() -> None:
    t = pick(teacher(), "intuition.direction")
    s = student(code_of(t))
    for k in range(10):
        answer(s, ["left", "right"][k % 2])
        assert "Kept" in all_text(s)
    answer(s, "stays")
    assert "wait a few seconds" in read_back(all_text(s))
    assert "Your answer in this round: w moves right" in read_back(all_text(s))  # the last one kept stays


def test_the_teachers_view_is_in_the_url_so_a_reload_comes_back_to_it() -> None:
    """A reload, or a tab that reconnects to another replica, is a new session: the view comes from the URL."""
    t = pick(teacher(), "intuition.direction")
    secret, code = t.query_params[state.TEACH], code_of(t)
    answer(student(code), "left")
    t.button(key=state.CLASS_CLOSE).click().run()
    t.button(key=state.CLASS_RUN).click().run()
    assert t.query_params[state.RUN] == "1"
    again = open_page("class", teach=secret, run="1")
    assert not again.exception, again.exception
    assert "**Round 1**: 1 right answer of 1 (100%)" in all_text(again) and len(plotly_charts(again)) == 1
    assert not again.warning  # the link's values are all used
    again.button(key=state.CLASS_NEW_QUESTION).click().run()
    assert again.query_params[state.NEXT] == "true" and state.RUN not in again.query_params
    picking = open_page("class", teach=secret, next="true")
    assert picking.button(key=state.CLASS_START) and not plotly_charts(picking)
    stale = open_page("class", teach=secret, run="7")  # a round this class does not have: no run, and the page says so
    assert not plotly_charts(stale) and "Close the round" not in all_text(stale)
    assert "could not be used here" in read_back(" ".join(w.value for w in stale.warning))


def words_in(spec: str) -> str:
    """Every title, hover and text a figure shows (not its settings' names)."""
    figure = json.loads(spec)
    texts = [a.get("text", "") for a in figure["layout"].get("annotations", [])]
    texts += [str(t.get(k, "")) for t in figure["data"] for k in ("hovertemplate", "name", "text")]
    return "\n".join(texts)


def test_the_start_figure_of_page_3_offers_no_click_where_clicks_do_nothing() -> None:
    t = pick(teacher(), "local_minimum.valley")
    s = student(code_of(t))
    spec = plotly_charts(s)[0].proto.spec
    words = words_in(spec)
    assert "click" not in words.lower() and "switch on" not in words.lower(), words[:300]
    assert "each dot a start w₀" in words and json.loads(spec)["layout"]["clickmode"] == "none"
    t.button(key=state.CLASS_CLOSE).click().run()
    t.button(key=state.CLASS_RUN).click().run()
    assert "click" not in words_in(plotly_charts(t)[0].proto.spec).lower()
    lesson = open_page("local_minimum", predict="false")  # the lesson page, where a click starts a run, still says so
    assert "click a dot to start there" in words_in(plotly_charts(lesson)[0].proto.spec)


@pytest.mark.parametrize("question_id", ["regression.final_w", "debug.line", "batches.noisiest"])
def test_pages_4_to_6_questions_run_in_class(question_id: str) -> None:
    """Every lesson's questions are offered: a round of page 4's (a built-in dataset), page 5's
    (the exercise's log) and lesson 6's, answered right by one student and wrong by another."""
    from gd_core import questions as qs
    from gd_core.class_round import round_context
    from ui.views.class_setup import default_view

    view = default_view(question_id)
    truth = qs.truth(qs.question(question_id), round_context(question_id, view))
    t = pick(teacher(), question_id)
    right, wrong = student(code_of(t)), student(code_of(t))
    text = all_text(right)
    assert qs.prompt(qs.question(question_id), round_context(question_id, view)) in read_back(text)
    if view.lesson == "debug":
        assert round_context(question_id, view).log in [c.value for c in right.code]  # the log the question is about
    else:
        assert "starts" in text and not plotly_charts(right)  # the start only, nothing of the run
    if right.radio:
        answer(right, truth.value)
        answer(wrong, next(key for key in qs.form(qs.question(question_id), round_context(question_id, view)).keys if key not in truth.accepted))
    else:
        answer(right, format(float(truth.value), ".6g"))
        answer(wrong, format(float(truth.value) * 1.5 + 1, ".6g"))
    assert "Kept" in all_text(right) and "Kept" in all_text(wrong)
    t.button(key=state.CLASS_CLOSE).click().run()
    t.button(key=state.CLASS_RUN).click().run()
    assert not t.exception, t.exception
    text = all_text(t)
    assert "**Round 1**: 1 right answer of 2 (50%)" in text, text[-600:]
    assert read_back(truth.answer) in read_back(text)
    if view.lesson != "debug":  # the lesson's moving figure, offering no click
        spec = plotly_charts(t)[0].proto.spec
        assert "click" not in words_in(spec).lower() and json.loads(spec)["layout"]["clickmode"] == "none"


def test_the_teacher_poses_page_5s_question_of_the_exercise_they_left() -> None:
    """'Pose one from the current view' on page 5: the exercise number the teacher had open."""
    from gd_core.questions_debug import debug_context

    t = teacher()
    secret = t.query_params[state.TEACH]
    t.query_params.clear()
    t.query_params.update({"seed": "123"})
    t.switch_page("pages/debug.py").run()
    assert not t.exception
    t.query_params.clear()
    t.query_params[state.TEACH] = secret
    t.switch_page("pages/class.py").run()
    t.selectbox(key=state.CLASS_QUESTION).set_value("debug.mistake").run()
    t.radio(key=state.CLASS_VIEW_CHOICE).set_value("own").run()
    t.button(key=state.CLASS_START).click().run()
    assert not t.exception, t.exception
    s = student(code_of(t))
    assert debug_context(123).log in [c.value for c in s.code] and debug_context(123).log != debug_context(30).log
