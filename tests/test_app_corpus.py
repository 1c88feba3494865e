"""Issue 10 through the real page: every good corpus file, uploaded, opens on a fit that
converged or creeps (never an error, never a divergence), at the learning rate chosen for it;
every bad file says why and the last good fit stays on screen."""

from __future__ import annotations

import pytest

from tests.conftest import read_back
from tests.test_app_regression import CORPUS, metric, open_page, upload
from gd_core.wording import exact
from tests.test_corpus import BAD, BAD_COLUMNS, GOOD

GOOD_FILES = sorted({name for name, _, _ in GOOD})


def verdict_words(at) -> str:
    return " ".join(read_back(e.value) for e in [*at.success, *at.warning, *at.error])


@pytest.mark.parametrize("name", GOOD_FILES)
def test_good_file_opens_on_a_fit(name: str) -> None:
    at = upload(open_page(), name, (CORPUS / name).read_bytes())
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    words = verdict_words(at)
    assert "converged" in words or "creeping" in words, words
    assert "diverg" not in words
    note = next(c.value for c in at.sidebar.caption if "was chosen for this data" in c.value)
    assert f"α = {exact(at.number_input(key='alpha').value)} was chosen" in note


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_says_why_and_keeps_the_last_fit(name: str) -> None:
    at = upload(open_page(), "good.csv", (CORPUS / "good.csv").read_bytes())
    w_before = metric(at, "w")
    at.file_uploader(key="upload").set_value((name, (CORPUS / name).read_bytes(), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    assert at.error and BAD[name].lower() in at.error[0].value.lower()
    assert metric(at, "w") == w_before
    assert any("Still showing the last good file" in read_back(c.value) for c in at.sidebar.caption)


@pytest.mark.parametrize("name", sorted(BAD_COLUMNS))
def test_unfittable_columns_say_why(name: str) -> None:
    at = upload(open_page(), name, (CORPUS / name).read_bytes())
    assert not at.exception, at.exception
    assert at.error and BAD_COLUMNS[name] in at.error[0].value


def test_workbook_sheet_picker_reads_the_other_sheet() -> None:
    at = upload(open_page(), "excel.xlsx", (CORPUS / "excel.xlsx").read_bytes())
    assert not at.exception, at.exception
    sheets = at.selectbox(key="sheet")
    assert sheets.options == ["houses", "notes"] and sheets.value == "houses"
    w_before = metric(at, "w")
    sheets.set_value("notes").run()  # a sheet of notes: no table of numbers there
    assert not at.exception, at.exception
    error = read_back(at.error[0].value)
    assert "the sheet 'notes'" in error and "pick another sheet: houses" in error
    assert metric(at, "w") == w_before  # the last good sheet's fit stays on screen


def test_new_dataset_gets_its_own_alpha_but_a_link_keeps_its_alpha() -> None:
    at = open_page()
    assert at.number_input(key="alpha").value == 0.01  # the course lab keeps the course's α
    at.selectbox(key="dataset").set_value("auto_mpg").run()
    alpha = at.number_input(key="alpha").value
    assert alpha < 2.1e-7 and "diverg" not in verdict_words(at)
    linked = open_page(dataset="Auto MPG cars", alpha="0.01")
    assert linked.number_input(key="alpha").value == 0.01 and "diverged" in verdict_words(linked)
