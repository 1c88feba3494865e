"""AppTest: page 5's find-the-bug exercise. Before the commit the page holds the log and nothing
of its answer (not the mistake's name, not the fixed code's log, not the page's diagnosis of the
log, in any element's text or data); after it, the mistake, the buggy line against the fixed one
and the fixed code's log and cost beside the buggy one. The exercise's number is the URL's seed."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from gd_core.questions import prompt, question, truth
from gd_core.questions_debug import MISTAKES, debug_context
from tests.conftest import ROOT, read_back
from ui.app import state
from ui.app.lessons import BY_KEY
from ui.views.find_the_bug import TABS

ENTRY = str(ROOT / "streamlit_app.py")
DEFAULT_SEED = BY_KEY["debug"].defaults.seed


def open_page(**query: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/debug.py")
    return at.run()


def nodes(node) -> Iterator:
    """Every element and block under ``node`` (the tree AppTest keeps of what the page sent)."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def sent(node) -> str:
    """What the page sent for ``node`` and everything under it: each proto as text (UTF-8, so
    'α' is itself) and as its raw bytes (a chart's Arrow data), one string to search."""
    parts = []
    for n in nodes(node):
        proto = getattr(n, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
            parts.append(proto.SerializeToString().decode("utf-8", errors="replace"))
    return "\n".join(parts)


def exercise(at: AppTest):
    (tab,) = [t for t in at.tabs if t.label == TABS[0]]
    return tab


def commit(at: AppTest, question_id: str, answer: str) -> AppTest:
    at.radio(key=state.answer_key(question_id)).set_value(answer).run()
    at.button(key=state.COMMIT).click().run()
    assert not at.exception, at.exception
    return at


def texts(node) -> list[str]:
    return [read_back(getattr(n, "value", "")) for n in nodes(node) if isinstance(getattr(n, "value", None), str)]


# seed 30: sign flipped (the default); the others: α too large, cost without the 1/2, gradient not reset
SEEDS = [DEFAULT_SEED, *(next(s for s in range(1, 200) if debug_context(s).entry.name == name)
                        for name in ("α too large", "cost without the 1/2", "gradient not reset each iteration"))]


@pytest.mark.parametrize("seed", SEEDS)
def test_before_the_commit_the_page_holds_the_log_and_not_its_answer(seed: int) -> None:
    context = debug_context(seed)
    at = open_page(seed=str(seed), ask="debug.mistake")
    assert not at.exception, at.exception
    tab = exercise(at)
    assert [c.value for c in tab.code][0] == context.log  # the log, as plain text
    assert read_back(prompt(question("debug.mistake"), context)) in texts(tab)
    in_exercise, everywhere = sent(tab), sent(at._tree)
    # The mistake's name: not in the exercise (the pasted-log tab lists every name of the catalogue).
    assert context.entry.name not in in_exercise
    # Its answer and why, the fixed code's log, the page's diagnosis of the log: nowhere on the page.
    hidden = [context.fixed_log, context.diagnosis.verdict, context.entry.explanation]
    hidden += [line for line in context.fixed_log.splitlines() if line not in context.log.splitlines()]
    for qid in ("debug.mistake", "debug.function", "debug.line"):
        t = truth(question(qid), context)
        hidden += [t.answer, t.why]
    buggy, fixed = context.entry.lines(context.alpha, context.diagnosis.alpha_limit)
    hidden.append(buggy)
    for secret in hidden:
        assert secret not in everywhere, secret
    assert not tab.get("vega_lite_chart") and not tab.success and not tab.warning


def test_a_right_answer_reveals_the_mistake_its_line_and_the_fix_run_beside_it() -> None:
    context = debug_context(DEFAULT_SEED)
    at = commit(open_page(ask="debug.mistake"), "debug.mistake", MISTAKES[context.entry.name][0])
    tab = exercise(at)
    t = truth(question("debug.mistake"), context)
    assert [read_back(s.value) for s in tab.success] == [f"Right. {t.answer}"]
    assert any(read_back(c.value) == "Why: " + t.why for c in tab.caption)
    assert any(m.value.startswith(f"**The bug: {context.entry.name}**, in gradient_descent (line 29 or 30") for m in tab.markdown)
    codes = [c.value for c in tab.code]
    buggy, fixed = context.entry.lines(context.alpha, context.diagnosis.alpha_limit)
    assert buggy in codes and fixed in codes  # the catalogue's lines
    assert context.log in codes and context.fixed_log in codes  # the fixed code's log beside the buggy one
    (chart,) = tab.get("vega_lite_chart")
    assert '"buggy code"' in chart.proto.spec and '"fixed code"' in chart.proto.spec


def test_a_wrong_answer_is_said_and_the_reveal_shown() -> None:
    context = debug_context(DEFAULT_SEED)
    wrong = next(key for key, *_ in MISTAKES.values() if key != MISTAKES[context.entry.name][0])
    at = commit(open_page(ask="debug.mistake"), "debug.mistake", wrong)
    tab = exercise(at)
    (said,) = [read_back(w.value) for w in tab.warning]
    assert said.startswith("Not quite: you picked ‘") and said.endswith(truth(question("debug.mistake"), context).answer)
    assert not tab.success
    assert context.fixed_log in [c.value for c in tab.code]


@pytest.mark.parametrize(("qid", "answer", "right"), [("debug.line", "L29", True), ("debug.line", "L7", False), ("debug.function", "gradient_descent", True), ("debug.function", "compute_cost", False)])
def test_the_function_and_line_questions_grade_on_the_same_log(qid: str, answer: str, right: bool) -> None:
    at = open_page(ask=qid)  # the lesson path's link to the question
    assert not at.warning and at.selectbox(key=state.ASK).value == qid
    assert read_back(prompt(question(qid), debug_context(DEFAULT_SEED))) in texts(exercise(at))
    assert not exercise(at).get("vega_lite_chart")
    at = commit(at, qid, answer)
    tab = exercise(at)
    assert bool(tab.success) == right and bool(tab.warning) != right
    assert any(m.value.startswith("**The bug: sign flipped**") for m in tab.markdown)


def link(at: AppTest) -> dict[str, list[str]]:
    (code,) = [c.value for c in at.sidebar.code]
    return parse_qs(urlsplit(code).query)


def test_the_seed_travels_in_the_url_and_new_log_draws_another() -> None:
    at = open_page(seed="123")
    assert not at.exception, at.exception
    assert at.number_input(key=state.SEED).value == 123
    assert exercise(at).code[0].value == debug_context(123).log
    at.button(key=state.NEW_LOG).click().run()
    seed = at.number_input(key=state.SEED).value
    assert seed != 123 and exercise(at).code[0].value == debug_context(seed).log
    assert at.query_params[state.SEED] == str(seed)  # the URL follows the box
    again = open_page(seed=str(seed))  # a fresh session from the link: the same exercise
    assert exercise(again).code[0].value == debug_context(seed).log
    assert not again.warning


def test_a_commit_is_for_its_exercise_a_new_log_is_hidden_again() -> None:
    context = debug_context(DEFAULT_SEED)
    at = commit(open_page(ask="debug.mistake"), "debug.mistake", MISTAKES[context.entry.name][0])
    at.number_input(key=state.SEED).set_value(123).run()
    tab = exercise(at)
    assert not tab.get("vega_lite_chart") and debug_context(123).fixed_log not in sent(at._tree)


@pytest.mark.parametrize("bad", ["abc", "-1", "2.5", "99999999", "1e999", ""])
def test_a_bad_seed_gets_the_link_note_and_the_first_exercise(bad: str) -> None:
    at = open_page(seed=bad)
    assert not at.exception, at.exception
    notes = " ".join(read_back(w.value) for w in at.warning)
    assert "This link asked for something the page cannot show" in notes and "seed" in notes, notes
    seed = at.number_input(key=state.SEED).value  # Streamlit reads 2.5 as 2, anything unreadable as the default
    assert seed == (2 if bad == "2.5" else DEFAULT_SEED), seed
    assert exercise(at).code[0].value == debug_context(seed).log


def test_with_predict_first_off_the_page_is_the_pasted_log_alone() -> None:
    at = open_page(predict="false")
    assert not at.exception, at.exception
    assert not at.tabs or TABS[0] not in [t.label for t in at.tabs]
    assert not [w for w in at.number_input if w.key == state.SEED]
    assert at.text_area(key="log") is not None


def test_the_first_exercise_is_the_classic_one_the_lessons_table_says() -> None:
    """ui.app.lessons: exercise 30 (no seed in the link) is the sign flip on two houses, as in the lab."""
    context = debug_context(DEFAULT_SEED)
    assert context.entry.name == "sign flipped" and len(context.x) == 2


def test_next_question_asks_about_the_same_log_hidden_again() -> None:
    context = debug_context(DEFAULT_SEED)
    at = commit(open_page(), "debug.mistake", MISTAKES[context.entry.name][0])
    at.button(key=state.NEXT_QUESTION).click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key=state.ASK).value == "debug.function" and at.query_params[state.ASK] == "debug.function"
    tab = exercise(at)
    assert tab.code[0].value == context.log and context.fixed_log not in sent(at._tree)
    assert not tab.get("vega_lite_chart")


def test_the_pasted_log_tab_is_drawn_when_it_is_opened() -> None:
    """Its diagnosis and five charts were most of the page's first load (issue 26): they are drawn
    once the tab is opened, and then the diagnosis of the example log is there."""
    at = open_page()
    assert not at.exception, at.exception
    (own,) = [t for t in at.tabs if t.label == TABS[1]]
    assert not at.get("vega_lite_chart") and not own.children
    at.session_state[state.DEBUG_TAB] = TABS[1]  # what a click on the tab does
    at.run()
    assert not at.exception, at.exception
    (own,) = [t for t in at.tabs if t.label == TABS[1]]
    assert len(at.get("vega_lite_chart")) == 5 and own.children  # cost, dj_dw, dj_db, w, b
