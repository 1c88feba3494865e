"""AppTest: page 5 reads a pasted log, names the mistake that reproduces it, and survives bad pastes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from gd_core.bug_catalogue import ENTRIES, printed_log, simulate
from gd_core.sums import summarize
from tests.conftest import ROOT
from tests.test_debug_precision import COURSE, gradient_descent

ENTRY = str(ROOT / "streamlit_app.py")
HOUSES = summarize([1.0, 2.0], [300.0, 500.0])


def open_page(**query: str) -> AppTest:
    """Page 5 with Predict first off (the pasted log alone, without the find-the-bug exercise)."""
    query.setdefault("predict", "false")
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/debug.py")
    return at.run()


def verdict(at: AppTest) -> str:
    return " ".join(x.value for x in [*at.success, *at.warning, *at.info])


def test_first_load_reads_the_course_log_as_correct() -> None:
    at = open_page()
    assert not at.exception, at.exception
    assert verdict(at).startswith("**correct**")
    assert any("Read 10 logged iterations" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 5  # cost, dj_dw, dj_db, w, b


def test_a_second_student_on_the_same_log_reuses_its_diagnosis_and_charts() -> None:
    """The diagnosis (every mistake run: some 200 ms for the course log) and its five charts are
    made once for a log, its data and settings, and shared; another log or α is made anew."""
    from ui.cache import figures, runs

    first = open_page(alpha="0.0123")
    hits, misses, _ = runs.diagnosis.cache_info()
    chart_hits, chart_misses, _ = figures.diagnosis.cache_info()
    second = open_page(alpha="0.0123")
    assert runs.diagnosis.cache_info()[:2] == (hits + 1, misses)
    assert figures.diagnosis.cache_info()[:2] == (chart_hits + 5, chart_misses)
    assert verdict(second) == verdict(first)
    assert [c.spec for c in second.get("vega_lite_chart")] == [c.spec for c in first.get("vega_lite_chart")]
    open_page(alpha="0.0124")
    assert runs.diagnosis.cache_info()[1] == misses + 1


def test_a_buggy_log_is_named_with_the_line_to_fix() -> None:
    at = open_page(alpha="0.1", iters="100")
    log = printed_log(simulate(ENTRIES["missing x in dJ/dw"], HOUSES, 0.1, 100, 0.0, 0.0), 100)
    at.text_area(key="log").set_value(log).run()
    assert not at.exception, at.exception
    assert verdict(at).startswith("**missing x in dJ/dw**")
    code = [c.value for c in at.code]
    assert any("* x[i]" in c for c in code)  # the corrected line multiplies by x


def test_a_log_from_other_settings_is_none_of_these() -> None:
    at = open_page()
    log = printed_log(simulate(ENTRIES["correct"], HOUSES, 0.01, 10_000, 50.0, 0.0), 10_000)  # another start
    at.text_area(key="log").set_value(log).run()
    assert not at.exception, at.exception
    assert verdict(at).startswith("**none of these**")


@pytest.mark.parametrize("paste", ["", "hello world", "42", "nan\nnan\nnan", "1.0\n" * 3_000_000])
def test_bad_paste_gives_a_message_and_keeps_the_last_diagnosis(paste: str) -> None:
    at = open_page()
    at.text_area(key="log").set_value(paste).run()
    assert not at.exception, at.exception
    assert at.error and "cannot be used" in at.error[0].value
    assert verdict(at).startswith("**correct**")  # the last good diagnosis stays


def test_settings_travel_in_the_url() -> None:
    at = open_page(alpha="0.1", iters="100", timing="before the update")
    assert not at.exception, at.exception
    assert at.number_input(key="alpha").value == 0.1
    assert at.selectbox(key="timing").value == "before the update"


def test_an_example_log_is_made_when_picked() -> None:
    at = open_page(alpha="0.1", iters="100")
    picker = at.selectbox(key="log_example")
    picker.set_value(next(o for o in picker.options if "missing x" in o)).run()
    assert not at.exception, at.exception
    assert verdict(at).startswith("**missing x in dJ/dw**")


@pytest.mark.parametrize(
    ("written", "name", "fix"),
    [
        ("w first, then b's gradient again", "sequential update", "dj_dw, dj_db = compute_gradient(x, y, w, b)\nb = b - alpha * dj_db"),
        ("dj_db += err * x[i]", "x in dJ/db", "dj_db_i = f_wb - y[i]"),
    ],
)
def test_the_two_textbook_bugs_of_issue_20_are_named(written: str, name: str, fix: str) -> None:
    at = open_page()  # the lab's houses, α = 0.01, 10,000 iterations
    x, y = COURSE
    at.text_area(key="log").set_value(gradient_descent(x, y, 0.0, 0.0, 0.01, 10_000, written, digits=4)).run()
    assert not at.exception, at.exception
    assert verdict(at).startswith(f"**{name}**: Your log matches '{name}'"), verdict(at)
    assert any(fix in c.value for c in at.code)


def test_two_mistakes_the_log_cannot_tell_apart_are_both_shown_with_their_fix() -> None:
    at = open_page(alpha="0.1", iters="100")
    x, y = COURSE  # b takes w's step in both; without dj_db their logs are the same characters
    at.text_area(key="log").set_value(gradient_descent(x, y, 0.0, 0.0, 0.1, 100, "dj_db += err * x[i]", 4, ("cost", "w", "b"))).run()
    assert not at.exception, at.exception
    assert verdict(at).startswith("**probably b updated with dJ/dw**: Your log is probably 'b updated with dJ/dw' or 'x in dJ/db'")
    assert "Print dj_db too to tell them apart." in verdict(at)
    code = [c.value for c in at.code]
    assert "b = b - alpha * dj_db" in code and "dj_db_i = f_wb - y[i]" in code
    assert [m.value for m in at.markdown if m.value.startswith("**Where to look")] == [
        "**Where to look (if it is 'b updated with dJ/dw'):** gradient_descent. b follows w's slope instead of its own.",
        "**Where to look (if it is 'x in dJ/db'):** compute_gradient. With x[i], dj_db is the same sum as dj_dw: b takes w's step instead of its own.",
    ]
