"""Limits on the shape of an upload, and the checks of a text table made before pandas reads it.

pandas' C reader spends time and memory in proportion to the cells, and a lesson needs a few
columns: a 2 MB line of ``1,1,1,...`` took 21.7 s and a gigabyte. So, on the raw bytes:

- no line of ``MAX_LINE_BYTES`` or more: one ``bytes.find`` of a line break per window of that
  many bytes, so a longer line is always found, and 200 MB is probed in microseconds;
- at most ``MAX_COLUMNS`` fields on a line of the sniffed sample (the first line read in full);
- at most ``MAX_CELLS`` cells: line breaks (``bytes.count``, or the row limit) times columns.

After parsing and before any cleaning (``text_cells``): no text cell longer than
``MAX_CELL_CHARS``, and at most ``MAX_TEXT_CHARS`` characters of text cells in all (one long
shared string of a workbook can fill many cells). A zip's directory is checked from its end record
(``check_directory``), before zipfile reads it; a workbook's other limits: ``gd_core.xlsx_scan``.
"""

from __future__ import annotations

import struct

import pandas as pd

from gd_core.errors import DataError
from gd_core.wording import quoted

MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000  # 80 MB as float64: 2,000,000 rows of 5 columns
MAX_LINE_BYTES = 1024 * 1024
MAX_CELL_CHARS = 1_000_000
MAX_TEXT_CHARS = 200_000_000  # what 200 MB of text can hold; more only through a workbook's shared strings
MAX_XLSX_ROWS = 200_000
MAX_MEMBERS = 1_000  # files in a zip (a workbook)
MAX_DIRECTORY_BYTES = 1024 * 1024  # what zipfile reads and turns into objects before anything else

TRIM = "Delete the columns you do not need (or copy the ones you want into a new file) and upload it again."


def check_lines(raw: bytes, window: int = MAX_LINE_BYTES) -> None:
    """Refuse a line of ``window`` bytes or more: every window of that size must hold a line break."""
    for start in range(0, len(raw) - window + 1, window):
        end = start + window
        if raw.find(b"\n", start, end) < 0 and raw.find(b"\r", start, end) < 0:
            line = raw.count(b"\n", 0, start) + 1
            raise DataError(
                f"line {line:,} of the file is longer than 1 MB, the limit for one line: a table's rows are short. "
                "Check that the file has a line break after each row (save it again as CSV from a spreadsheet), "
                f"and keep at most {MAX_COLUMNS:,} columns."
            )


def check_shape(raw: bytes, columns: int, max_rows: int) -> None:
    """Refuse more than MAX_COLUMNS columns, or more than MAX_CELLS cells, counting each line
    break as a row (at most max_rows + 1: pandas reads no more)."""
    if columns > MAX_COLUMNS:
        raise DataError(f"the file has {columns:,} columns, more than the {MAX_COLUMNS:,} the page reads; a lesson needs two. {TRIM}")
    breaks = raw.count(b"\n") or raw.count(b"\r")
    rows = min(breaks + (not raw.endswith((b"\n", b"\r"))), max_rows + 1)
    if rows * columns > MAX_CELLS:
        raise DataError(
            f"the file has about {rows:,} rows of {columns:,} columns, more than the {MAX_CELLS:,} cells the page reads. "
            "Delete the columns you do not need, or upload a sample of the rows."
        )


def text_cells(frame: pd.DataFrame) -> None:
    """Refuse a text cell longer than MAX_CELL_CHARS, or more than MAX_TEXT_CHARS of text cells in all.

    ``len`` of a string is O(1): this is one pass over the cells of the text columns.
    """
    total = 0
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
            continue
        try:
            lengths = column.str.len()
        except AttributeError:  # no text in this column (dates, numbers as objects)
            continue
        longest = lengths.max()
        if pd.notna(longest) and longest > MAX_CELL_CHARS:
            raise DataError(
                f"a cell in column {quoted(name)} holds {int(longest):,} characters, more than the {MAX_CELL_CHARS:,} "
                "the page reads in one cell. Delete that column, or shorten the cell, and upload the file again."
            )
        total += int(lengths.sum())
        if total > MAX_TEXT_CHARS:
            raise DataError(
                f"the text cells of this table hold more than {MAX_TEXT_CHARS:,} characters in all, the limit. "
                "Delete the text columns you do not need, or save the table as CSV, and upload it again."
            )


def check_directory(raw: bytes) -> None:
    """Refuse a zip whose directory (read from its end record) lists too many members."""
    end = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65_557))
    if end < 0 or end + 22 > len(raw):
        return  # no end record: zipfile says the file is damaged
    entries, size = struct.unpack_from("<HI", raw, end + 10)
    if entries > MAX_MEMBERS or size > MAX_DIRECTORY_BYTES:
        raise DataError(
            f"this zip holds more than {MAX_MEMBERS:,} files, more than an Excel workbook needs. If it is a "
            "workbook, copy its table into a new workbook and save that; if it is an archive, unpack it and "
            "upload the CSV or Excel (.xlsx) file inside."
        )
