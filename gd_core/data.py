"""From the raw bytes of an upload (CSV, any delimited text, or Excel .xlsx) to numeric columns.

``load_table`` learns the file type from the content (``gd_core.formats``): text is sniffed on a
small sample (encoding, delimiter, header, decimal comma) and parsed by pandas' C reader, so a
million rows load in a fraction of a second; an .xlsx is read through pandas with openpyxl (the
first sheet that holds numbers, or the ``sheet`` asked for). Only text columns that failed to
parse get a second, vectorised look (thousands separators, decimal commas, a few stray words).
``prepare_xy`` then turns the chosen columns into the arrays gradient descent needs, refusing
what cannot be fitted. ``load_csv`` is the older name of ``load_table``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from gd_core.formats import DELIMITERS, NA_VALUES, DataError, RawTable, check_upload, read_text
from gd_core.limits import text_cells
from gd_core.workbook import MAX_XLSX_ROWS, read_xlsx, sheet_names
from gd_core.wording import names, quoted

__all__ = [
    "DELIMITERS", "MAX_ABS_VALUE", "MAX_ROWS", "MAX_UPLOAD_BYTES", "MAX_XLSX_ROWS", "NA_VALUES", "DataError",
    "LoadedData", "load_csv", "load_table", "prepare_xy", "sheet_names",
]

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # the same cap as server.maxUploadSize in .streamlit/config.toml
MAX_ROWS = 2_000_000
MAX_ABS_VALUE = 1e150  # squares of larger numbers overflow float64


@dataclass(frozen=True)
class LoadedData:
    frame: pd.DataFrame  # numeric columns only (float64), NaN where a value is missing
    missing: dict[str, int]  # per numeric column: how many values are missing
    dropped_columns: tuple[str, ...]  # text columns that were left out
    delimiter: str  # "" for an Excel workbook; "\\s+" for any run of spaces or tabs
    encoding: str  # "" for an Excel workbook
    notes: tuple[str, ...]  # plain sentences about what was done while reading
    kind: Literal["text", "xlsx"] = "text"
    sheet: str | None = None  # the sheet that was read, for a workbook
    sheets: tuple[str, ...] = ()  # every sheet of a workbook, for a sheet picker; () for text

    @property
    def n_rows(self) -> int:
        return int(len(self.frame))


def _to_numbers(column: pd.Series, decimal_comma: bool) -> tuple[pd.Series, str | None]:
    """Vectorised second look at a text column: thousands separators, decimal commas, stray words."""
    text = column.astype("string").str.strip()
    present = text.notna() & (text != "")
    if not present.any():
        return pd.Series(np.nan, index=column.index), None
    if decimal_comma:
        cleaned = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        how = "decimal commas read as decimal points"
    else:
        cleaned = text.str.replace(",", "", regex=False).str.replace("_", "", regex=False)
        how = "thousands separators removed"
    numbers = pd.to_numeric(cleaned.str.replace(" ", "", regex=False), errors="coerce")
    share = float(numbers[present].notna().mean())
    if share < 0.8:
        return column, None
    bad = int((numbers.isna() & present).sum())
    note = how if cleaned.ne(text).any() else None
    if bad:
        extra = f"{bad} value{'s' if bad > 1 else ''} that {'are' if bad > 1 else 'is'} not a number treated as missing"
        note = f"{note}; {extra}" if note else extra
    return numbers.astype(float), note


def load_table(
    raw: bytes, *, sheet: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_ROWS
) -> LoadedData:
    """Read an upload into numeric columns, or raise DataError with a message to act on.

    The type comes from the content: an Excel workbook (.xlsx) or delimited text (comma,
    semicolon, tab, vertical bar, or any run of spaces; UTF-8, Latin-1 or UTF-16). ``sheet`` picks a workbook's sheet
    (``LoadedData.sheets`` lists them); without it, the first sheet that holds numbers is read.
    A text file has no sheets, and ignores ``sheet``.
    """
    kind = check_upload(raw, max_bytes)
    if kind == "xlsx":
        max_rows = min(max_rows, MAX_XLSX_ROWS)
        table = read_xlsx(raw, max_rows, sheet)
    else:
        table = read_text(raw, max_rows, utf16=kind == "utf-16")
    return _numeric(table, max_rows)


load_csv = load_table  # the name the pages and tests have used since the first CSV uploads


def _numeric(table: RawTable, max_rows: int) -> LoadedData:
    """Keep the columns that are numbers (after a second look at text), or say why none are."""
    frame, delimiter, notes = table.frame, table.delimiter, list(table.notes)
    frame = frame.set_axis([str(c).strip() for c in frame.columns], axis=1)
    where = f"the sheet {quoted(table.sheet)}" if table.kind == "xlsx" else "the file"
    others = [s for s in table.sheets if s != table.sheet]
    pick = f" Or pick another sheet: {', '.join(others)}." if others else ""
    if len(frame) > max_rows:
        raise DataError(f"{where} has more than {max_rows:,} rows, the limit. Upload a sample of the rows.")
    if len(frame) < 2:
        raise DataError(
            f"{where} has only {len(frame)} row{'s' if len(frame) != 1 else ''} of data: "
            f"gradient descent needs at least 2 (x, y) pairs. Add rows under the header and upload it again.{pick}"
        )

    text_cells(frame)  # before the second look copies any text
    decimal_comma = delimiter == ";"
    numeric: dict[str, pd.Series] = {}
    dropped: list[str] = []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            numeric[name] = column.astype(float)
            continue
        numbers, note = _to_numbers(column, decimal_comma)
        if numbers is column:
            dropped.append(name)
            continue
        numeric[name] = numbers
        if note:
            notes.append(f"Column {quoted(name)}: {note}.")
    if dropped:
        notes.append(f"Left out {len(dropped)} text column{'s' if len(dropped) > 1 else ''}: {names(dropped)}.")
    if len(numeric) < 2:
        found = f"only 1 numeric column ({quoted(next(iter(numeric)))})" if numeric else "no numeric column"
        listed = ", ".join(str(c) for c in frame.columns)
        raise DataError(
            f"found {found} among the columns {listed}. The page needs two columns of numbers, one for x and one "
            f"for y: upload a table that has them, and check that its numbers are written without units or words.{pick}"
        )
    result = pd.DataFrame(numeric)
    values = result.to_numpy(dtype=float)
    infinite = ~np.isfinite(values) & ~np.isnan(values)
    if infinite.any():
        result = result.mask(pd.DataFrame(infinite, index=result.index, columns=result.columns))
        notes.append(f"{int(infinite.sum())} infinite value{'s' if infinite.sum() > 1 else ''} treated as missing.")
    missing = {name: int(count) for name, count in result.isna().sum().items()}
    return LoadedData(
        frame=result,
        missing=missing,
        dropped_columns=tuple(dropped),
        delimiter=delimiter,
        encoding=table.encoding,
        notes=tuple(notes),
        kind=table.kind,
        sheet=table.sheet,
        sheets=table.sheets,
    )


def prepare_xy(
    data: LoadedData | pd.DataFrame,
    x_columns: Sequence[str],
    y_column: str,
    *,
    drop_missing: bool = True,
) -> tuple[np.ndarray, np.ndarray, int]:
    """(x, y, rows dropped): x is 1-D for one feature, (m, n) for several; y is 1-D.

    Raises DataError for an unknown column, y among the features, missing values that are not
    dropped, fewer than 2 rows, a constant feature, or values too large to square.
    """
    frame = data.frame if isinstance(data, LoadedData) else data
    x_columns = list(x_columns)
    if not x_columns:
        raise DataError("pick at least one feature column for x.")
    for name in [*x_columns, y_column]:
        if name not in frame.columns:
            raise DataError(f"there is no numeric column {quoted(name)}; pick one of {names(frame.columns)}.")
    if y_column in x_columns:
        raise DataError(f"{quoted(y_column)} is the target y, so it cannot also be a feature x; pick another x column.")
    chosen = frame[[*x_columns, y_column]]
    missing_rows = chosen.isna().any(axis=1)
    n_missing = int(missing_rows.sum())
    if n_missing and not drop_missing:
        counts = chosen.isna().sum()
        detail = ", ".join(f"column {quoted(c)} has {int(n)} missing value{'s' if n > 1 else ''}" for c, n in counts.items() if n)
        raise DataError(f"{detail}; tick 'drop the rows with missing values' or fill them in the file.")
    if n_missing:
        chosen = chosen[~missing_rows]
    if len(chosen) < 2:
        raise DataError(
            f"only {len(chosen)} complete row{'s' if len(chosen) != 1 else ''} left: gradient descent needs at least 2 (x, y) pairs."
        )
    values = chosen.to_numpy(dtype=float)
    too_big = np.abs(values) > MAX_ABS_VALUE
    if too_big.any():
        column = chosen.columns[int(np.flatnonzero(too_big.any(axis=0))[0])]
        example = values[too_big][0]
        raise DataError(
            f"column {quoted(column)} holds values as large as {example:.3g}: their squares overflow. "
            "Rescale it in the file (for example divide by 1e6) or pick another column."
        )
    x = values[:, :-1]
    y = values[:, -1].copy()
    for j, name in enumerate(x_columns):
        if np.all(x[:, j] == x[0, j]):
            raise DataError(
                f"column {quoted(name)} has the same value {x[0, j]:g} in every row, so it cannot explain y; pick another column."
            )
    x_out = x[:, 0].copy() if len(x_columns) == 1 else np.ascontiguousarray(x)
    return x_out, y, n_missing
