"""What kind of file an upload is, and its cells as a raw table (before any number cleaning).

The type is read from the content, never from the file name: a zip that holds
``xl/workbook.xml`` is an Excel workbook (.xlsx), read through pandas with openpyxl; other
binary files are refused with what they are; anything else is text, sniffed on a small sample
(encoding, delimiter, header) and parsed by pandas' C reader. Delimiters tried, in order:
comma, semicolon, tab, vertical bar, then any run of spaces or tabs (``5 162 60``), which wins
only when it splits the lines strictly better than all the single characters. Workbooks are
read in ``gd_core.workbook``. Before either is parsed, its shape is held to the limits of
``gd_core.limits`` (text) and ``gd_core.xlsx_scan`` (a workbook, streamed), so no file holds the
server for long.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from gd_core.encodings import decode_head, utf16_to_utf8
from gd_core.errors import DataError
from gd_core.limits import MAX_LINE_BYTES, check_directory, check_lines, check_shape
from gd_core.xlsx_limits import AGAIN, MAX_UNZIPPED
from gd_core.xlsx_scan import scan_workbook

NA_VALUES = ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "None", "?", "-", "--", "#N/A"]
WHITESPACE = r"\s+"  # pandas' C reader treats this separator as "any run of spaces or tabs"
DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab", "|": "a vertical bar", WHITESPACE: "spaces or tabs"}
ZIP_MAGIC = b"PK\x03\x04"
MAGIC = {
    b"\xd0\xcf\x11\xe0": (
        "an old Excel (.xls) file, or a password-protected workbook, which the page cannot read. "
        "In Excel choose File > Save As > Excel Workbook (.xlsx) or CSV, without a password, and upload that."
    ),
    b"\x89PNG": "a PNG image, not a table. Upload a CSV or Excel (.xlsx) file.",
    b"\xff\xd8\xff": "a JPEG image, not a table. Upload a CSV or Excel (.xlsx) file.",
    b"GIF8": "a GIF image, not a table. Upload a CSV or Excel (.xlsx) file.",
    b"%PDF": "a PDF document, not a table. Export the table as CSV or Excel (.xlsx) and upload that.",
    b"\x1f\x8b": "a gzip archive. Unpack it and upload the CSV or Excel (.xlsx) file inside.",
}


@dataclass(frozen=True)
class RawTable:
    """An upload's cells before cleaning: a header row (or not) and the rows under it."""

    frame: pd.DataFrame  # named columns, cells as read (numbers, text, NaN)
    kind: Literal["text", "xlsx"]
    delimiter: str  # "" for a workbook
    encoding: str  # "" for a workbook
    sheet: str | None  # the sheet read, for a workbook
    sheets: tuple[str, ...]  # every sheet of a workbook, in order; () for text
    notes: tuple[str, ...]


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1024 / 1024:.1f} MB" if n_bytes >= 1024 * 1024 else f"{n_bytes:,} bytes"


def check_upload(raw: bytes, max_bytes: int) -> Literal["text", "utf-16", "xlsx"]:
    """'xlsx', 'utf-16' (text with a UTF-16 BOM, as Excel's "Unicode Text" saves it) or 'text',
    or DataError saying what the file is and how to turn it into a table."""
    if not raw or raw.isspace():  # isspace stops at the first other byte; strip() would copy the file
        raise DataError("the file is empty. Upload a CSV or Excel file with a header row and at least two rows of numbers.")
    if len(raw) > max_bytes:
        raise DataError(f"the file is {_size(len(raw))}, above the limit of {_size(max_bytes)}. Upload a smaller sample of the rows.")
    if raw.startswith(ZIP_MAGIC):
        return _check_zip(raw)
    for magic, what in MAGIC.items():
        if raw.startswith(magic):
            raise DataError(f"this is {what}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in raw[:8192]:
        raise DataError("this is not a text file (it contains binary data). Save it as CSV (comma separated values) and upload that.")
    return "text"


def _check_zip(raw: bytes) -> Literal["xlsx"]:
    check_directory(raw)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                unzipped = sum(info.file_size for info in archive.infolist())  # as declared; scan_workbook counts
                if unzipped > MAX_UNZIPPED:
                    raise DataError(f"this workbook unpacks to {_size(unzipped)}, too much to read. Save the sheet as CSV and upload that.")
                scan_workbook(archive)
                return "xlsx"
            with archive.open("mimetype") if "mimetype" in names else io.BytesIO() as part:
                mimetype = part.read(100).decode("ascii", "ignore")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as error:
        if isinstance(error, DataError):
            raise
        raise DataError(
            "this looks like an Excel workbook or a zip archive, but it is damaged or cut short. "
            "Open it in Excel and save it again (or save it as CSV), then upload it again."
        ) from None
    except NotImplementedError:  # zipfile: a compression method it does not know (caught first: it is a RuntimeError too)
        raise DataError(f"this Excel workbook is compressed in a way the page cannot read. {AGAIN}") from None
    except RuntimeError:  # zipfile: "File <ZipInfo ...> is encrypted, password required" (it names a part)
        raise DataError(
            "this Excel workbook is protected by a password, which the page cannot read. In Excel, remove the password and "
            "save it again as Excel Workbook (.xlsx), or save the sheet as CSV, then upload it again."
        ) from None
    if "xl/workbook.bin" in names:
        what = "an Excel binary workbook (.xlsb)"
    elif "opendocument.spreadsheet" in mimetype:
        what = "an OpenDocument spreadsheet (.ods)"
    elif "word/document.xml" in names:
        what = "a Word document, not a table"
    else:
        raise DataError("this is a zip archive. Unpack it and upload the CSV or Excel (.xlsx) file inside.")
    raise DataError(f"this is {what}. Save it as Excel Workbook (.xlsx) or CSV and upload that.")


# --- text -----------------------------------------------------------------------------------------


def split_lines(lines: list[str], delimiter: str) -> list[list[str]]:
    if delimiter == WHITESPACE:
        return [line.split() for line in lines]
    return list(csv.reader(lines, delimiter=delimiter))


def sniff_delimiter(head: str) -> str:
    """The candidate that splits the first lines into the same, largest number of fields.

    Ties go to the earlier candidate, so a run of spaces wins only where no single character
    does as well (``size, price`` stays comma separated).
    """
    lines = [line for line in head.splitlines() if line.strip()][:50]
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in split_lines(lines, delimiter)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def count_columns(raw: bytes, head: str, encoding: str, delimiter: str) -> int:
    """The most fields on a line of the sample; the first line read in full when the sample is part of it."""
    lines = [line for line in head.splitlines() if line.strip()][:50]
    if len(raw) > 65536 and len(lines) <= 1:  # short by check_lines: under 2 MB
        first = next((line for line in raw[: 2 * MAX_LINE_BYTES].splitlines() if line.strip()), b"")
        lines = [first.decode(encoding, errors="ignore")]
    try:
        return max((len(row) for row in split_lines(lines, delimiter)), default=0)
    except csv.Error:  # a quoted field longer than the csv module reads: count the delimiters
        return max(line.count(delimiter) + 1 for line in lines)


def is_number(text: str) -> bool:
    try:
        float(text.strip().replace(",", "."))
    except ValueError:
        return False
    return True


def has_header(head: str, delimiter: str) -> bool:
    lines = [line for line in head.splitlines() if line.strip()][:1]
    first = next(iter(split_lines(lines, delimiter)), [])
    cells = [cell for cell in first if cell.strip()]
    return not cells or not all(is_number(cell) for cell in cells)


def reason(error: Exception) -> str:
    """The first line of an exception's message, for a DataError's parenthesis."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def read_text(raw: bytes, max_rows: int, *, utf16: bool = False) -> RawTable:
    """Sniff a text table on its first 64 kB, then parse all of it with pandas' C reader.

    UTF-16 text is re-encoded as UTF-8 first: pandas' C reader sniffs and splits bytes.
    """
    notes_before: list[str] = []
    if utf16:
        check_lines(raw, window=2 * MAX_LINE_BYTES)  # a line break has a 0x0A or 0x0D byte in UTF-16 too
        try:
            raw = utf16_to_utf8(raw)
        except UnicodeDecodeError:
            raise DataError("this file starts like UTF-16 text but is damaged. Save it again as CSV (UTF-8) and upload that.") from None
        notes_before.append("The file is UTF-16 text (Excel's Unicode Text), so it was converted to UTF-8 first.")
    check_lines(raw)
    encoding, head, notes = decode_head(raw)
    notes[:0] = notes_before
    delimiter = sniff_delimiter(head)
    check_shape(raw, count_columns(raw, head, encoding, delimiter), max_rows)
    if delimiter != ",":
        notes.append(f"Columns are separated by {DELIMITERS[delimiter]}.")
    header = has_header(head, delimiter)
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            sep=delimiter,
            encoding=encoding,
            header=0 if header else None,
            na_values=NA_VALUES,
            keep_default_na=True,
            skipinitialspace=True,
            nrows=max_rows + 1,
            engine="c",
            low_memory=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as error:
        raise DataError(
            f"the file could not be read as a table ({reason(error)}). Check that every row has the same number of columns."
        ) from None
    if not header:
        frame.columns = [f"column {i + 1}" for i in range(frame.shape[1])]
        notes.append("The first row holds numbers, so it was read as data and the columns were named column 1, column 2, ...")
    return RawTable(frame, "text", delimiter, encoding, None, (), tuple(notes))
