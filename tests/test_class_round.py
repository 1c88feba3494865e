"""A class's round (gd_core.class_round) and the pictures of the class page (spread, QR code)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from gd_core import questions as qs
from gd_core.class_round import RoundError, RoundView, canonical, form_of, number_bins, offered, round_context, tally
from gd_core.question_types import ChoiceForm, NumberForm, ResponseError
from ui.charts.class_spread import RIGHT, spread_chart
from ui.charts.qr import qr_svg
from ui.views.class_setup import default_view

OFFERED = [q.id for q in qs.QUESTIONS if offered(q.id)]


def test_the_class_offers_every_lessons_one_answer_questions() -> None:
    one_answer = [q.id for q in qs.QUESTIONS if q.id != "learning_rate.behaviour"]
    assert OFFERED == one_answer and len(OFFERED) >= 19
    assert {qs.BY_ID[i].lesson for i in OFFERED} == set(qs.LESSONS)


def test_the_class_datasets_are_the_lesson_pages_built_in_ones() -> None:
    from gd_core.class_data import BUILT_IN, rows
    from ui.app.choices import BUILTIN

    assert {k: v[1:] for k, v in BUILTIN.items()} == BUILT_IN
    x, y = rows("lab_houses")
    assert x.tolist() == [1.0, 2.0] and y.tolist() == [300.0, 500.0]  # the course lab's two houses
    with pytest.raises(RoundError, match="built-in dataset"):
        round_context("regression.final_w", RoundView("regression", "", 0.0, 0.01, 100, dataset="my_upload.csv"))


def test_a_class_round_runs_what_the_lesson_page_runs() -> None:
    """Lesson 6's runs and page 4's fit from a round's view equal the page's own (ui.cache.runs)."""
    from gd_core.class_round import lesson_context, run_rows
    from ui.cache import runs

    view = default_view("batches.noisiest")
    x, y, stats = run_rows(view)
    page = runs.batch_runs(("test", view), x, y, stats, view.w0, view.b0, view.alpha, view.batch, view.iters, view.seed)
    mine = lesson_context(view).runs
    assert all(np.array_equal(a.cost_history, b.cost_history) for a, b in zip(page.runs, mine.runs))
    assert runs.MAX_UPDATES == __import__("gd_core.class_round", fromlist=["MAX_UPDATES"]).MAX_UPDATES
    fit_view = default_view("regression.final_w")
    fit, _ = runs.fit(("test",), lesson_context(fit_view).stats, fit_view.w0, fit_view.b0, fit_view.alpha, fit_view.iters, False, sequential=False)
    assert np.array_equal(fit.path.w_history, lesson_context(fit_view).fit.path.w_history)


@pytest.mark.parametrize("question_id", OFFERED)
def test_each_question_is_asked_of_its_default_view_and_its_truth_is_a_right_answer(question_id: str) -> None:
    view = default_view(question_id)
    assert RoundView.from_params(view.as_params()).as_params() == view.as_params()
    context = round_context(question_id, view)
    form = form_of(question_id, view)
    assert isinstance(form, (ChoiceForm, NumberForm))
    truth = qs.truth(qs.question(question_id), context)
    kept = canonical(question_id, view, truth.value)
    assert qs.grade(qs.question(question_id), context, kept).correct
    with pytest.raises(ResponseError):
        canonical(question_id, view, "not an answer at all")


def test_a_question_is_refused_on_another_lessons_view() -> None:
    with pytest.raises(RoundError):
        round_context("intuition.direction", default_view("learning_rate.fastest"))
    with pytest.raises(RoundError):
        round_context("regression.final_w", default_view("intuition.direction"))


def test_choice_bars_count_each_option_in_the_forms_order() -> None:
    view = default_view("intuition.direction")
    bars = tally(form_of("intuition.direction", view), ["left", "stays", "left"])
    assert [(b.key, b.count) for b in bars] == [("left", 2), ("right", 0), ("stays", 1)]


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=200))
@example([7.0, -5e-324])  # a subnormal low: low / step underflowed to 0 and the first bin started above it
def test_number_bins_cover_every_answer_with_at_most_eight_round_bins(values: list[float]) -> None:
    edges = number_bins(values)
    assert 2 <= len(edges) <= 9
    assert edges[0] <= min(values) and max(values) <= edges[-1]
    widths = np.diff(edges)
    assert np.allclose(widths, widths[0])
    bars = tally(NumberForm("w", "within 0.1"), [repr(v) for v in values], edges)
    assert sum(b.count for b in bars) == len(values)


def test_the_right_answer_is_ticked_and_counts_are_written_on_the_bars() -> None:
    spec = spread_chart([("Round 1", [("left", 2), ("right", 1)]), ("Round 2", [("left", 3), ("right", 0)])], right=["left"])
    rows = spec["datasets"]["spread"].to_dict("records")
    assert {(r["round"], r["answer"], r["count"]) for r in rows} == {
        ("Round 1", RIGHT + "left", 2), ("Round 1", "right", 1), ("Round 2", RIGHT + "left", 3), ("Round 2", "right", 0)}
    assert spec["layer"][1]["mark"]["type"] == "text"


def test_the_qr_code_is_an_svg_of_paths_holding_no_text() -> None:
    svg = qr_svg("http://127.0.0.1:8501/class?join=K7QF2M")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("text", "script", "foreignObject", "a", "image")]
    assert "K7QF2M" not in svg
    assert math.isclose(float(root.get("width")), float(root.get("height")))


def test_two_rounds_are_told_apart_by_their_place_not_their_colour_alone() -> None:
    spec = spread_chart([("Round 1", [("left", 2)]), ("Round 2", [("left", 3)])])
    legend = spec["layer"][0]["encoding"]["color"]["legend"]["labelExpr"]
    assert "Round 1: left bar" in legend and "Round 2: right bar" in legend
    assert spec["layer"][0]["encoding"]["xOffset"]["sort"] == ["Round 1", "Round 2"]  # round 1 is the left bar of each pair


def test_many_answers_lie_across_one_row_each_and_an_empty_round_counts_whole_students() -> None:
    many = spread_chart([("Round 1", [(f"line {k}: code", k % 3) for k in range(30)])], right=["line 29: code"])
    bars = many["layer"][0]["encoding"]
    assert bars["y"]["field"] == "answer" and bars["x"]["field"] == "count" and "labelExpr" not in bars["y"]["axis"]
    assert bars["y"]["sort"][-1] == RIGHT + "line 29: code" and many["height"] >= 30 * 14
    empty = spread_chart([("Round 1", [("left", 0), ("right", 0)])])["layer"][0]["encoding"]["y"]
    assert empty["scale"]["domain"] == [0, 1] and empty["axis"]["format"] == "d"  # not an axis of 0.000000


def test_the_teachers_own_view_of_a_data_page_travels_only_on_built_in_data() -> None:
    from ui.views.class_setup import own_view

    mine = own_view("regression", {"alpha": ["0.05"], "iters": ["500"], "w0": ["10"]})
    assert (mine.dataset, mine.alpha, mine.iters, mine.w0) == ("lab_houses", 0.05, 500, 10.0)
    assert own_view("regression", {"dataset": ["Upload a CSV"]}) is None
    assert own_view("regression", {"x": ["size_1000sqft", "bedrooms"]}) is None  # two features: not the class's one-feature fit
    assert own_view("batches", {"dataset": ["Auto MPG cars"], "batch": ["8"], "epochs": ["5"], "seed": ["3"]}).batch == 8
    assert own_view("debug", {"seed": ["abc"]}) is None and own_view("debug", {"seed": ["77"]}).seed == 77


@pytest.mark.parametrize("question_id", ["learning_rate.fastest", "debug.line"])
def test_a_view_read_back_from_the_store_is_the_same_cache_key(question_id: str) -> None:
    """Page 2's and page 5's views have no alpha (nan): read back twice they must still be equal and
    hash alike, or every student's page would miss the replica's cache of the round's run."""
    from ui.cache import classroom

    params = default_view(question_id).as_params()
    first, again = RoundView.from_params(dict(params)), RoundView.from_params(dict(params))
    assert first == again and hash(first) == hash(again)
    classroom.context.clear()
    hits, misses, _ = classroom.context.cache_info()
    classroom.context(question_id, first)
    classroom.context(question_id, again)
    assert classroom.context.cache_info()[:2] == (hits + 1, misses + 1)


@pytest.mark.parametrize(("lesson", "kept"), [
    ("regression", {"iters": ["inf"]}), ("regression", {"iters": ["1e9"]}), ("regression", {"iters": ["0"]}),
    ("batches", {"epochs": ["inf"]}), ("batches", {"epochs": ["100000"]}), ("batches", {"batch": ["-3"]}),
    ("intuition", {"iters": ["inf"]}), ("intuition", {"w0": ["1e999"]}),
])
def test_a_teachers_kept_view_beyond_the_pages_limits_is_not_offered(lesson: str, kept: dict) -> None:
    """A kept URL value that overflows or leaves the page's range gives no own view (not a traceback)."""
    from ui.views.class_setup import own_view

    assert own_view(lesson, kept) is None
