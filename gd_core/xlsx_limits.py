"""The limits a workbook is held to while it streams (``gd_core.xlsx_scan``), and their refusals."""

from __future__ import annotations

from typing import NoReturn

from gd_core.errors import DataError
from gd_core.limits import MAX_CELLS, MAX_COLUMNS, MAX_XLSX_ROWS

MAX_UNZIPPED = 128 * 1024 * 1024  # a 200,000-row sheet of 3 columns is ~40 MB of XML
MAX_SHEETS = 100
MAX_XLSX_CELLS = 500_000  # in all sheets (a cover page leads to a look at each): ~12 s of openpyxl, 200,000 rows of 2
MAX_SHARED_STRINGS = MAX_XLSX_CELLS
MAX_SHARED_BYTES = 64 * 1024 * 1024
MAX_ELEMENTS = 2_000_000  # a cell is 2 or 3 elements (c, then v or is/t), a row 1; ~2 s of expat
MAX_DEPTH = 32  # a sheet's XML is 6 deep
MAX_RUN_BYTES = 1024 * 1024  # an Excel cell holds at most 32,767 characters
CHUNK = 64 * 1024
AGAIN = "Open it in Excel and save it again as Excel Workbook (.xlsx), or save the sheet as CSV, then upload it again."
COPY = "Copy the sheet with your table into a new workbook (or save it as CSV) and upload that."


TOO_MUCH = {
    "cells": f"this workbook has more than {MAX_XLSX_CELLS:,} cells, the limit for Excel files. "
    "Save the sheet as CSV (read much faster) or upload a sample of the rows.",
    "long": f"this workbook holds a text or a tag longer than 1 MB; an Excel cell holds at most 32,767 characters. {AGAIN}",
    "elements": f"this workbook holds more than {MAX_ELEMENTS:,} XML elements, more than its cells need. {AGAIN}",
    "strings": f"this workbook holds more than {MAX_SHARED_STRINGS:,} different texts, the limit. "
    "Delete the text columns you do not need, or save the sheet as CSV, and upload it again.",
    "texts": f"this workbook's texts take more than {MAX_SHARED_BYTES // 2**20} MB, the limit. "
    "Delete the text columns you do not need, or save the sheet as CSV, and upload it again.",
    "depth": f"this workbook holds XML nested more than {MAX_DEPTH} deep, more than its cells need. {AGAIN}",
    "sheets": f"this workbook has more than {MAX_SHEETS} sheets, the limit. {COPY}",
}


def too_wide(row: str, column: int) -> NoReturn:
    raise DataError(
        f"{row} of a sheet in this workbook reaches column {column:,}, beyond the {MAX_COLUMNS:,} columns "
        f"the page reads; a lesson needs two. Delete what lies right of your table. {COPY}"
    )


def check_box(last_row: int, last_column: int) -> None:
    """pandas pads each row to the widest: rows times the last column is what it builds."""
    rows = min(last_row, MAX_XLSX_ROWS + 2)
    if rows * last_column > MAX_CELLS:
        raise DataError(
            f"a sheet in this workbook spans {rows:,} rows by {last_column:,} columns, more than the "
            f"{MAX_CELLS:,} cells the page reads. Delete what lies right of or below your table. {COPY}"
        )


def refuse(what: str) -> NoReturn:
    raise DataError(TOO_MUCH[what])
