"""First contact with any data (issue 10): every good file in tests/corpus loads and, at the
suggested learning rate, gradient descent converges or creeps, never diverges; every bad file
raises DataError with a message a student can act on. Every corpus file is listed here once."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from gd_core.auto_alpha import MAX_ITERS, AlphaChoice, suggest_alpha, suggest_alpha_scaled
from gd_core.data import DataError, LoadedData, load_table, prepare_xy
from gd_core.linreg import run_from_stats
from gd_core.scaling import scale_stats
from gd_core.sums import Stats, summarize
from gd_core.regression_verdict import classify_regression
from gd_core.verdict import Verdict

CORPUS = Path(__file__).resolve().parent / "corpus"
NOT_DATA = {"make_corpus.py", "SOURCES.md"}
SEVERAL_FEATURES_CAP = 20_000  # numpy iterations cost more; a smaller cap keeps the test fast

# (file, x columns, y column): None picks y = the last numeric column, x = the first other one.
GOOD: list[tuple[str, list[str] | None, str | None]] = [
    ("good.csv", None, None),
    ("semicolon.csv", None, None),
    ("tab.tsv", None, None),
    ("bom.csv", None, None),
    ("latin1.csv", None, None),
    ("thousands.csv", None, None),
    ("text_columns.csv", None, None),
    ("missing.csv", None, None),
    ("no_header.csv", None, None),
    ("inf_values.csv", None, None),
    ("utf16.txt", None, None),
    ("whitespace.txt", None, None),
    ("whitespace.txt", ["size_1000sqft", "bedrooms"], "price_1000usd"),
    ("houses.txt", ["column 1"], "column 5"),  # price against size, like the course
    ("houses.txt", ["column 1", "column 2", "column 3", "column 4"], "column 5"),
    ("excel.xlsx", None, None),
    ("cover_sheet.xlsx", ["size_1000sqft", "bedrooms"], "price_1000usd"),
    ("linnerud_exercise.txt", None, None),  # Jumps against Chins
    ("diabetes.txt", ["column 3"], "column 11"),  # progression against body mass index
    ("diabetes.txt", [f"column {i}" for i in range(1, 11)], "column 11"),
    ("cars.csv", ["Weight_in_lbs"], "Miles_per_Gallon"),
    ("cars.csv", ["Weight_in_lbs", "Horsepower"], "Miles_per_Gallon"),
    ("seattle_weather.csv", ["temp_min"], "temp_max"),
]

# The file, and words its message must hold.
BAD: dict[str, str] = {
    "empty.csv": "empty",
    "not_csv.png": "PNG image",
    "broken.xlsx": "damaged",
    "old_excel.xls": "old Excel",
    "archive.zip": "zip archive",
    "empty.xlsx": "is empty",
    "text_only.xlsx": "no numeric column",
    "all_text.csv": "no numeric column",
    "one_row.csv": "only 1 row",
    "header_only.csv": "only 0 rows",
    "one_column.csv": "only 1 numeric column",
    "ragged.csv": "could not be read",
    "stocks.csv": "only 1 numeric column",
}

# Files that load but whose only columns cannot be fitted: prepare_xy says why.
BAD_COLUMNS: dict[str, str] = {
    "constant.csv": "same value",
    "huge_values.csv": "overflow",
}

# A message a student can act on names a fix.
FIX = re.compile(r"\b(upload|save|pick|unpack|put|check|rescale|open)\b", re.IGNORECASE)


def load(name: str) -> LoadedData:
    return load_table((CORPUS / name).read_bytes())


def default_columns(data: LoadedData) -> tuple[list[str], str]:
    columns = list(data.frame.columns)
    return [c for c in columns if c != columns[-1]][:1], columns[-1]


def run_verdict(stats: Stats, alpha: float, iters: int) -> Verdict:
    w_in = np.zeros(stats.n)
    result = run_from_stats(stats, w_in, 0.0, alpha, iters)
    return classify_regression(result, stats)


def test_every_corpus_file_is_listed_once() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.is_file()} - NOT_DATA
    good = {name for name, _, _ in GOOD}
    assert not good & set(BAD) and not good & set(BAD_COLUMNS) and not set(BAD) & set(BAD_COLUMNS)
    assert files == good | set(BAD) | set(BAD_COLUMNS)


def check_choice(stats: Stats, choice: AlphaChoice) -> Verdict:
    verdict = run_verdict(stats, choice.alpha, choice.iterations)
    assert verdict.kind in ("converged", "creeping"), verdict.text
    if verdict.kind == "converged":
        assert not choice.creeping and abs(verdict.iterations - choice.iterations_needed) <= 1
    else:
        assert choice.creeping
    return verdict


@pytest.mark.parametrize(("name", "x", "y"), GOOD, ids=[f"{n}:{'+'.join(x or ['default'])}" for n, x, _ in GOOD])
def test_good_file_opens_on_a_fit_that_converges_or_creeps(name: str, x: list[str] | None, y: str | None) -> None:
    data = load(name)
    x_columns, y_column = (x, y) if x and y else default_columns(data)
    xs, ys, _ = prepare_xy(data, x_columns, y_column)
    stats = summarize(xs, ys)
    cap = MAX_ITERS if stats.n == 1 else SEVERAL_FEATURES_CAP
    choice = suggest_alpha(stats, max_iters=cap)
    assert choice.alpha < choice.stable_limit < choice.diverge_alpha
    verdict = check_choice(stats, choice)
    if verdict.kind == "creeping":
        # The fix the page offers is feature scaling, and with it the run converges.
        assert choice.scale_features, choice.iterations_text
        scaled_choice = suggest_alpha_scaled(stats, max_iters=cap)
        assert check_choice(scale_stats(stats)[0], scaled_choice).kind == "converged"


@pytest.mark.parametrize("name", list(BAD))
def test_bad_file_says_what_is_wrong_and_how_to_fix_it(name: str) -> None:
    with pytest.raises(DataError) as caught:
        load(name)
    message = str(caught.value)
    assert BAD[name] in message
    assert FIX.search(message), message


@pytest.mark.parametrize("name", list(BAD_COLUMNS))
def test_unfittable_columns_say_why(name: str) -> None:
    data = load(name)
    with pytest.raises(DataError) as caught:
        prepare_xy(data, *default_columns(data))
    assert BAD_COLUMNS[name] in str(caught.value)
    assert FIX.search(str(caught.value))
