"""The table loader (text and Excel) over the test corpus, and prepare_xy's refusals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gd_core.data import DataError, load_csv, load_table, prepare_xy, sheet_names

CORPUS = Path(__file__).resolve().parent / "corpus"


def load(name: str, **kwargs):
    return load_csv((CORPUS / name).read_bytes(), **kwargs)


def test_good_file() -> None:
    data = load("good.csv")
    assert list(data.frame.columns) == ["size_1000sqft", "price_1000usd"]
    assert data.frame.iloc[:2].to_numpy().tolist() == [[1.0, 300.0], [2.0, 500.0]]
    assert data.delimiter == "," and data.encoding == "utf-8" and data.notes == ()
    assert data.n_rows == 6


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding", "note"),
    [
        ("semicolon.csv", ";", "utf-8", "decimal commas"),
        ("tab.tsv", "\t", "utf-8", "tab"),
        ("bom.csv", ",", "utf-8-sig", None),
        ("latin1.csv", ",", "latin-1", "Latin-1"),
        ("thousands.csv", ",", "utf-8", "thousands separators"),
        ("text_columns.csv", ",", "utf-8", "text column: city"),
        ("no_header.csv", ",", "utf-8", "column 1"),
        ("inf_values.csv", ",", "utf-8", "infinite"),
        ("utf16.txt", "\t", "utf-8-sig", "UTF-16"),
        ("whitespace.txt", r"\s+", "utf-8", "spaces or tabs"),
        ("linnerud_exercise.txt", r"\s+", "utf-8", "spaces or tabs"),
        ("diabetes.txt", r"\s+", "utf-8", "column 1"),
        ("houses.txt", ",", "utf-8", "column 1"),
        ("excel.xlsx", "", "", "text column: city"),
        ("cover_sheet.xlsx", "", "", "so the sheet 'data' was read"),
    ],
)
def test_files_that_load_with_a_note(name: str, delimiter: str, encoding: str, note: str | None) -> None:
    data = load(name)
    assert data.delimiter == delimiter
    assert data.encoding == encoding
    if note:
        assert any(note in n for n in data.notes), data.notes
    assert all(dtype == np.float64 for dtype in data.frame.dtypes)


def test_values_after_cleaning() -> None:
    assert load("semicolon.csv").frame["price"].tolist() == [300.5, 500.25, 390.0, 700.75]
    assert load("thousands.csv").frame["price"].tolist() == [300000.0, 500000.0, 390500.0]
    assert list(load("bom.csv").frame.columns)[0] == "size_1000sqft"  # no BOM left in the name
    assert "surface_m" in list(load("latin1.csv").frame.columns)[0]


def test_missing_values_are_counted() -> None:
    data = load("missing.csv")
    assert data.missing == {"size": 1, "price": 2}
    inf = load("inf_values.csv")
    assert inf.missing == {"size": 1, "price": 1}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.csv", "empty"),
        ("not_csv.png", "PNG image, not a table"),
        ("broken.xlsx", "Excel workbook or a zip archive, but it is damaged"),
        ("old_excel.xls", r"old Excel \(\.xls\).*Save As > Excel Workbook \(\.xlsx\)"),
        ("archive.zip", "zip archive. Unpack it"),
        ("empty.xlsx", "the sheet 'Sheet1' is empty"),
        ("text_only.xlsx", "no numeric column among the columns city, country"),
        ("stocks.csv", r"only 1 numeric column \('price'\)"),
        ("all_text.csv", "no numeric column"),
        ("one_row.csv", "only 1 row"),
        ("header_only.csv", "only 0 rows"),
        ("one_column.csv", "only 1 numeric column"),
        ("ragged.csv", "could not be read"),
    ],
)
def test_bad_files_say_what_is_wrong(name: str, words: str) -> None:
    with pytest.raises(DataError, match=words):
        load(name)


def test_limits() -> None:
    raw = (CORPUS / "good.csv").read_bytes()
    with pytest.raises(DataError, match="above the limit"):
        load_csv(raw, max_bytes=20)
    with pytest.raises(DataError, match="more than 3 rows"):
        load_csv(raw, max_rows=3)


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(DataError, match="empty"):
        load_csv(b"  \n\n ")


def test_prepare_xy_one_and_several_features() -> None:
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0.0, 1.0, 0.5], "y": [2.0, 4.0, 6.0]})
    x, y, dropped = prepare_xy(frame, ["a"], "y")
    assert x.shape == (3,) and y.tolist() == [2.0, 4.0, 6.0] and dropped == 0
    x2, _, _ = prepare_xy(frame, ["a", "b"], "y")
    assert x2.shape == (3, 2)


def test_prepare_xy_drops_or_refuses_missing() -> None:
    data = load("missing.csv")
    x, y, dropped = prepare_xy(data, ["size"], "price")
    assert dropped == 3 and x.size == 3
    with pytest.raises(DataError, match="column 'price' has 2 missing values"):
        prepare_xy(data, ["size"], "price", drop_missing=False)


@pytest.mark.parametrize(
    ("name", "x", "y", "words"),
    [
        ("constant.csv", ["size"], "price", "same value 2 in every row"),
        ("huge_values.csv", ["size"], "price", "overflow"),
        ("good.csv", ["price_1000usd"], "price_1000usd", "cannot also be a feature"),
        ("good.csv", [], "price_1000usd", "at least one feature"),
        ("good.csv", ["nope"], "price_1000usd", "no numeric column 'nope'"),
    ],
)
def test_prepare_xy_refusals(name: str, x: list[str], y: str, words: str) -> None:
    with pytest.raises(DataError, match=words):
        prepare_xy(load(name), x, y)


def test_too_few_rows_after_dropping() -> None:
    frame = pd.DataFrame({"x": [1.0, np.nan, 3.0], "y": [1.0, 2.0, np.nan]})
    with pytest.raises(DataError, match="only 1 complete row"):
        prepare_xy(frame, ["x"], "y")


def test_large_file_round_trip() -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(size=(20_000, 2))
    raw = pd.DataFrame(values, columns=["x", "y"]).to_csv(index=False).encode()
    data = load_csv(raw)
    np.testing.assert_allclose(data.frame.to_numpy(), values, rtol=1e-12)


def test_whitespace_tables() -> None:
    linnerud = load("linnerud_exercise.txt")
    assert list(linnerud.frame.columns) == ["Chins", "Situps", "Jumps"]
    assert linnerud.frame.iloc[0].tolist() == [5.0, 162.0, 60.0] and linnerud.n_rows == 20
    aligned = load("whitespace.txt")  # runs of spaces and tabs, leading spaces
    assert aligned.frame.to_numpy().tolist()[:2] == [[1.0, 2.0, 300.0], [2.0, 3.0, 500.0]]
    diabetes = load("diabetes.txt")  # no header, 10 features and the target
    assert diabetes.frame.shape == (442, 11) and diabetes.frame["column 11"].iloc[0] == 151.0


@pytest.mark.parametrize(
    ("raw", "delimiter"),
    [
        (b"size, price\n1.0, 300\n2.0, 500\n", ","),  # a space after each comma stays comma separated
        (b"size price\n1.0 300\n2.0 500\n", r"\s+"),
        (b"size\tprice\n1.0\t300\n2.0\t500\n", "\t"),  # a single tab is still a tab
        (b"x  y\n1\t\t5\n2   7\n", r"\s+"),
    ],
)
def test_whitespace_is_a_last_resort(raw: bytes, delimiter: str) -> None:
    assert load_csv(raw).delimiter == delimiter


def test_headerless_course_file() -> None:
    houses = load("houses.txt")
    assert list(houses.frame.columns) == [f"column {i}" for i in range(1, 6)]
    assert houses.n_rows == 100 and not any(houses.missing.values())


def test_excel_first_sheet_names_and_picker() -> None:
    raw = (CORPUS / "excel.xlsx").read_bytes()
    data = load_table(raw)
    assert data.kind == "xlsx" and data.sheet == "houses" and data.sheets == ("houses", "notes")
    assert sheet_names(raw) == ("houses", "notes")
    assert data.frame.equals(load("good.csv").frame)
    with pytest.raises(DataError, match="only 0 rows.*pick another sheet: houses"):
        load_table(raw, sheet="notes")
    with pytest.raises(DataError, match="no sheet 'prices'; pick one of houses, notes"):
        load_table(raw, sheet="prices")


def test_excel_skips_cover_sheet_title_and_margin() -> None:
    data = load("cover_sheet.xlsx")
    assert data.sheet == "data"
    assert list(data.frame.columns) == ["size_1000sqft", "bedrooms", "price_1000usd"]
    assert data.frame["price_1000usd"].tolist() == [300.0, 500.0, 390.0, 610.0, 700.0]
    assert any("Skipped 1 row above the table" in n for n in data.notes)
    with pytest.raises(DataError, match="the sheet 'About'.*pick another sheet: data"):
        load_table((CORPUS / "cover_sheet.xlsx").read_bytes(), sheet="About")


def test_excel_rows_limit() -> None:
    with pytest.raises(DataError, match="more than 3 rows"):
        load("excel.xlsx", max_rows=3)


def test_load_csv_is_load_table() -> None:
    assert load_csv is load_table


def test_names_a_user_gave_are_shortened_in_our_sentences() -> None:
    """A 5,000-character column name, or 500 text columns, make a sentence of bounded length."""
    from gd_core.wording import NAME_LIMIT

    long_name = "n" * 5_000
    header = ",".join(["x", "y", long_name, *(f"t{i}" for i in range(500))])
    rows = "\n".join(",".join([str(i), str(2 * i), "a", *(["b"] * 500)]) for i in range(5))
    loaded = load_table(f"{header}\n{rows}\n".encode())
    (note,) = [n for n in loaded.notes if n.startswith("Left out")]
    assert note.startswith("Left out 501 text columns: " + "n" * (NAME_LIMIT - 1) + "…, t0, t1") and note.endswith(" and 495 more.")
    assert len(note) < 200
