"""An .xlsx upload's zip and XML, checked while streaming, before openpyxl reads any of it.

openpyxl holds all of a workbook's shared strings in memory and reads about 40,000 cells a
second; pandas pads every row to the widest. So a few kilobytes of zip could hold the server
for minutes (one row of 20,000 cells: 10-13 s; 2,000,000 shared strings: 12.9 s). Here the
zip's directory is read from its end (``limits.check_directory``); every member is decompressed
a chunk at a time, whatever size it declares (a bomb stops at ``MAX_UNZIPPED``), its cells,
texts and tags counted in the bytes (``bytes.count``: millions refused in a fraction of a
second), then measured: from the bytes with numpy when the part is plain (``gd_core.xml_bytes``),
else through expat, whose handlers count what needs the structure (~2 µs an element). The first
limit passed refuses the file with what to do (``gd_core.xlsx_limits``): members, sheets, shared
strings (count and bytes), cells per row, a cell's column, cells in all, the rows x columns
pandas pads a sheet to, elements, depth, a text or tag of 1 MB, any DTD (entities are how XML
bombs grow; Excel writes none) or UTF-16 XML.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from gd_core.errors import DataError
from gd_core.limits import MAX_COLUMNS, MAX_MEMBERS
from gd_core.xlsx_limits import (
    AGAIN, CHUNK, COPY, MAX_DEPTH, MAX_ELEMENTS, MAX_RUN_BYTES, MAX_SHARED_BYTES, MAX_SHARED_STRINGS, MAX_SHEETS,
    MAX_UNZIPPED, MAX_XLSX_CELLS, check_box, refuse, too_wide,
)
from gd_core.xml_bytes import Shape, plain_shape


def scan_workbook(archive: zipfile.ZipFile) -> None:
    """Stream every member of an .xlsx through the limits; DataError at the first passed."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise DataError(f"this workbook holds more than {MAX_MEMBERS:,} parts, more than Excel writes. {COPY}")
    totals = _Totals()
    for info in members:  # first the bytes alone, at C speed: sizes, and how many cells, texts, tags
        totals.since_tag = 0
        for chunk in _xml_chunks(archive, info):
            totals.count(chunk)
    for info in members:  # then the structure: from the bytes when the part is plain, else through expat
        data = b"".join(_xml_chunks(archive, info))
        shape = plain_shape(data) if data else None
        if shape is not None:
            _check_shape(shape, totals, b"<sst" in data[:4096] and len(data) > MAX_SHARED_BYTES)
            continue
        scanner = _Scanner(info.filename, totals)
        for start in range(0, len(data), CHUNK):
            if not scanner.feed(data[start : start + CHUNK]):
                break
        else:
            scanner.close()
        totals.elements += scanner.elements


def _check_shape(shape: Shape, totals: _Totals, too_many_texts: bool) -> None:
    totals.elements += shape.elements
    totals.cells += shape.cells
    if totals.elements > MAX_ELEMENTS:
        refuse("elements")
    if totals.cells > MAX_XLSX_CELLS:
        refuse("cells")
    if shape.depth > MAX_DEPTH:
        refuse("depth")
    if too_many_texts:
        refuse("texts")
    if shape.widest_row > MAX_COLUMNS or shape.last_column > MAX_COLUMNS:
        too_wide("a row", max(shape.widest_row, shape.last_column))
    check_box(shape.last_row, shape.last_column)


def _xml_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member decompressed a chunk at a time, whatever size it declares; nothing when it does
    not start as XML does (a picture: openpyxl does not read it)."""
    with archive.open(info) as stream:
        chunk = stream.read(CHUNK)
        if chunk.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):  # counted in bytes, it would hide its tags
            raise DataError(f"this workbook's XML is written in UTF-16, which Excel never does. {AGAIN}")
        if not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return
        while chunk:
            yield chunk
            chunk = stream.read(CHUNK)


class _Totals:
    """What the whole workbook holds so far (scratch of one scan, never returned)."""

    __slots__ = ("cells", "cells_seen", "elements", "sheets", "sheets_seen", "since_tag", "strings", "strings_seen",
                 "tags_seen", "unzipped")

    def __init__(self) -> None:
        self.unzipped = self.elements = self.cells = self.sheets = self.strings = 0
        self.since_tag = 0  # bytes since the last '<' of this part: a text or a tag of 1 MB is no cell
        # Counted in the bytes: what expat finds (unless prefixed), but for a tag cut between two chunks
        self.cells_seen = self.strings_seen = self.tags_seen = self.sheets_seen = 0

    def count(self, chunk: bytes) -> None:
        self.unzipped += len(chunk)
        if self.unzipped > MAX_UNZIPPED:
            raise DataError(
                f"this workbook unpacks to more than {MAX_UNZIPPED // 2**20} MB, too much to read. Save the sheet as CSV and upload that."
            )
        self.cells_seen += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
        if self.cells_seen > MAX_XLSX_CELLS:
            refuse("cells")
        self.strings_seen += chunk.count(b"<si>") + chunk.count(b"<si ")
        if self.strings_seen > MAX_SHARED_STRINGS:
            refuse("strings")
        self.sheets_seen += chunk.count(b"<sheet ")
        if self.sheets_seen > MAX_SHEETS:
            refuse("sheets")
        tags = chunk.count(b"<")
        self.tags_seen += tags
        if self.tags_seen > 2 * MAX_ELEMENTS:  # an element is one or two tags
            refuse("elements")
        self.since_tag = self.since_tag + len(chunk) if not tags else len(chunk) - chunk.rfind(b"<")
        if self.since_tag > MAX_RUN_BYTES:
            refuse("long")


class _Scanner:
    """One member through expat: counts on each start tag, depth on each end tag."""

    __slots__ = ("col", "columns", "depth", "elements", "fed", "handlers", "last", "max_col", "max_row", "name",
                 "parser", "room", "row", "row_cells", "strings_part", "totals")

    def __init__(self, name: str, totals: _Totals) -> None:
        self.name, self.totals = name, totals
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.fed = self.last = self.depth = self.elements = 0
        self.row = self.col = self.row_cells = self.max_row = self.max_col = 0
        self.strings_part = False
        self.room = MAX_ELEMENTS - totals.elements  # what this part may add (the totals gain it at close)
        self.handlers = {"c": self._cell, "row": self._row, "si": self._string, "sst": self._strings_part, "sheet": self._sheet}
        self.columns: dict[str, int] = {}  # column letters -> number, computed once each

    def feed(self, chunk: bytes) -> bool:
        """Parse a chunk; False when the member is not XML at all (nothing openpyxl parses)."""
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as error:
            return self._not_xml(error)
        self.fed += len(chunk)
        if self.fed - self.last > MAX_RUN_BYTES:
            refuse("long")
        if self.strings_part and self.fed > MAX_SHARED_BYTES:
            refuse("texts")
        return True

    def close(self) -> None:
        if not self.fed:
            return  # an empty part
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            self._not_xml(error)
        check_box(self.max_row, self.max_col)

    def _not_xml(self, error: expat.ExpatError) -> bool:
        if self.elements or self.name.endswith((".xml", ".rels")):
            raise DataError(f"this Excel workbook could not be opened ({self.name}: {expat.ErrorString(error.code)}). {AGAIN}") from None
        return False

    def _doctype(self, *_: object) -> None:
        raise DataError(f"this workbook's XML declares a document type (DTD), which Excel never writes. {AGAIN}")

    def _end(self, _name: str) -> None:
        self.depth -= 1

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        # Called for every element (a million in a 200,000-row sheet): the checks come first,
        # then one dict look-up finds the few elements that count.
        self.depth += 1
        self.last = self.parser.CurrentByteIndex
        self.elements += 1
        if self.elements > self.room:
            refuse("elements")
        if self.depth > MAX_DEPTH:
            refuse("depth")
        handle = self.handlers.get(name)
        if handle is None and ":" in name:  # a prefixed name, x:c
            handle = self.handlers.get(name.rpartition(":")[2])
        if handle is not None:
            handle(attrs)

    def _string(self, _attrs: dict[str, str]) -> None:
        self.totals.strings += 1
        if self.totals.strings > MAX_SHARED_STRINGS:
            refuse("strings")

    def _strings_part(self, _attrs: dict[str, str]) -> None:
        self.strings_part = True

    def _sheet(self, _attrs: dict[str, str]) -> None:
        self.totals.sheets += 1
        if self.totals.sheets > MAX_SHEETS:
            refuse("sheets")

    def _row(self, attrs: dict[str, str]) -> None:
        check_box(self.max_row, self.max_col)
        ref = attrs.get("r")
        # Excel's last row is 1,048,576: a longer number is no row, and int() of it costs
        self.row = int(ref) if ref and ref.isascii() and ref.isdigit() and len(ref) < 9 else self.row + 1
        self.col = self.row_cells = 0

    def _cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            col = self.columns.get(letters)
            if col is None:
                col = self.columns[letters] = _column_number(letters)
        else:
            col = self.col + 1
        self.col = col
        self.row_cells += 1
        self.totals.cells += 1
        if col > self.max_col:
            self.max_col = col
        if self.row > self.max_row:
            self.max_row = self.row
        if col > MAX_COLUMNS or self.row_cells > MAX_COLUMNS:
            too_wide(f"row {self.row:,}", max(col, self.row_cells))
        if self.totals.cells > MAX_XLSX_CELLS:
            refuse("cells")



def _column_number(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27; letters past Excel's last column (XFD) count as beyond it."""
    number = 0
    for letter in letters[:4].upper():
        if not "A" <= letter <= "Z":
            break
        number = number * 26 + ord(letter) - 64
    return number if len(letters) <= 3 else max(number, 16_385)
