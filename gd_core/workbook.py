"""One sheet of an Excel workbook (.xlsx) as a raw table, read through pandas with openpyxl.

Empty rows and columns around the table are dropped; the first remaining row is a header when
it holds a word. Without a sheet named, the first sheet is read, or the first after it that
holds a table of numbers when the first is a cover page. openpyxl reads about 100,000 cells a
second, so a workbook is held to fewer rows than a CSV.
"""

from __future__ import annotations

import io

import pandas as pd

from gd_core.formats import NA_VALUES, DataError, RawTable, check_upload, is_number, reason
from gd_core.limits import MAX_XLSX_ROWS
from gd_core.wording import names, quoted


def _open_workbook(raw: bytes) -> pd.ExcelFile:
    try:
        return pd.ExcelFile(io.BytesIO(raw), engine="openpyxl")
    except Exception as error:  # openpyxl raises many types on a damaged workbook; all mean the same here
        raise DataError(
            f"this Excel workbook could not be opened ({reason(error)}). Open it in Excel and save it again "
            "as Excel Workbook (.xlsx), or save the sheet as CSV, then upload it again."
        ) from None


def sheet_names(raw: bytes) -> tuple[str, ...]:
    """The sheets of an .xlsx upload, in the workbook's order (held to the upload limits first)."""
    check_upload(raw, len(raw))
    with _open_workbook(raw) as book:
        return tuple(str(name) for name in book.sheet_names)


def _sheet_cells(book: pd.ExcelFile, sheet: str, max_rows: int) -> pd.DataFrame:
    try:
        cells = pd.read_excel(book, sheet_name=sheet, header=None, nrows=max_rows + 2, na_values=NA_VALUES)
    except Exception as error:  # a chart sheet, a damaged sheet XML, ...
        raise DataError(f"the sheet {quoted(sheet)} could not be read ({reason(error)}). Pick another sheet, or save it as CSV.") from None
    # Empty rows and columns around the table (a margin column, a blank line) are not data.
    return cells.dropna(axis=0, how="all").dropna(axis=1, how="all")


def _skip_title_rows(cells: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop lines of text above the table (a title, a source note): rows of one word-filled cell."""
    filled = cells.iloc[:50].notna().sum(axis=1).tolist()
    if not filled or max(set(filled), key=filled.count) < 2:
        return cells, 0
    start = 0
    while start < len(filled) - 1 and filled[start] == 1:
        cell = cells.iloc[start].dropna().iloc[0]
        if not isinstance(cell, str) or is_number(cell):
            break
        start += 1
    return (cells.iloc[start:].dropna(axis=1, how="all"), start) if start else (cells, 0)


def _header_from_cells(cells: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    first = cells.iloc[0]
    header = any(isinstance(v, str) and not is_number(v) for v in first if pd.notna(v))
    if not header:
        frame = cells.reset_index(drop=True)
        frame.columns = [f"column {i + 1}" for i in range(frame.shape[1])]
        return frame.infer_objects(), False
    names: list[str] = []
    for i, value in enumerate(first):
        name = str(value).strip() if pd.notna(value) and str(value).strip() else f"column {i + 1}"
        while name in names:  # two columns called 'price' would be one in a DataFrame
            name += "'"
        names.append(name)
    frame = cells.iloc[1:].reset_index(drop=True)
    frame.columns = names
    return frame.infer_objects(), True


def _has_two_numeric_columns(cells: pd.DataFrame) -> bool:
    numbers = cells.iloc[1:].apply(pd.to_numeric, errors="coerce")
    return len(cells) >= 3 and int((numbers.notna().mean() >= 0.8).sum()) >= 2


def read_xlsx(raw: bytes, max_rows: int, sheet: str | None = None) -> RawTable:
    """One sheet of an .xlsx upload: the named one, or the first that holds a table of numbers."""
    notes: list[str] = []
    with _open_workbook(raw) as book:
        sheets = tuple(str(name) for name in book.sheet_names)
        if not sheets:
            raise DataError("this Excel workbook has no sheets. Put the table on a sheet, save, and upload it again.")
        if sheet is not None and sheet not in sheets:
            raise DataError(f"this workbook has no sheet {quoted(sheet)}; pick one of {names(sheets)}.")
        chosen = sheet if sheet is not None else sheets[0]
        cells, skipped = _skip_title_rows(_sheet_cells(book, chosen, max_rows))
        if sheet is None and not _has_two_numeric_columns(cells):
            # A cover sheet or notes first: read the first sheet that holds numbers instead.
            for other in sheets[1:]:
                other_cells, other_skipped = _skip_title_rows(_sheet_cells(book, other, max_rows))
                if _has_two_numeric_columns(other_cells):
                    notes.append(f"The first sheet, {quoted(chosen)}, holds no table of numbers, so the sheet {quoted(other)} was read.")
                    chosen, cells, skipped = other, other_cells, other_skipped
                    break
    if len(sheets) > 1 and not notes:
        notes.append(f"Read the sheet {quoted(chosen)}, one of {len(sheets)} sheets in this workbook.")
    if skipped:
        notes.append(f"Skipped {skipped} row{'s' if skipped > 1 else ''} above the table (a title or a note).")
    if cells.empty:
        others = f" The workbook also has {names(s for s in sheets if s != chosen)}: pick one." if len(sheets) > 1 else ""
        raise DataError(f"the sheet {quoted(chosen)} is empty. Put a header row and at least two rows of numbers on it.{others}")
    if len(cells) > max_rows + 1:
        raise DataError(
            f"the sheet {quoted(chosen)} has more than {max_rows:,} rows, the limit for Excel files. "
            "Save it as CSV (read much faster, up to 2,000,000 rows) or upload a sample of the rows."
        )
    frame, header = _header_from_cells(cells)
    if not header:
        notes.append("The first row holds numbers, so it was read as data and the columns were named column 1, column 2, ...")
    return RawTable(frame, "xlsx", "", "", chosen, sheets, tuple(notes))
