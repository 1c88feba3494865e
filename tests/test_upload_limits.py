"""Hostile uploads (issue 19) are refused from their first bytes, in the loader's own words, and
files inside the limits load as before.

"Before parsing" is shown by construction, not by a stopwatch: pandas' readers are replaced by
a function that fails the test, so a refusal that comes from them, or after them, fails.
"""

from __future__ import annotations

import io
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gd_core.data import DataError, LoadedData, load_table
from gd_core.formats import check_upload
from tests.hostile import MAIN, deflate, sheet_xml, workbook, zip_file

ROW2 = b"<row><c><v>1</v></c><c><v>2</v></c></row>"


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parsed(*_args, **_kwargs):
        pytest.fail("the file was handed to pandas before it was refused")

    monkeypatch.setattr(pd, "read_csv", parsed)
    monkeypatch.setattr(pd, "ExcelFile", parsed)
    monkeypatch.setattr(pd, "read_excel", parsed)


def refused(raw: bytes, words: str) -> str:
    with pytest.raises(DataError, match=words) as error:
        load_table(raw)
    return str(error.value)


TEXT = {
    "one line of 1,000,000 columns": (b",".join([b"1"] * 1_000_000) + b"\n", r"line 1 of the file is longer than 1 MB"),
    "a long line further down": (b"x,y\n1,2\n" + b"7" * (2 << 20) + b"\n", r"line 3 of the file is longer than 1 MB"),
    "a UTF-16 line of 2,000,000 characters": (("1," * (1 << 20)).encode("utf-16"), r"line 1 of the file is longer than 1 MB"),
    "1,001 columns": ((b",".join(b"c%d" % i for i in range(1001)) + b"\n" + b",".join([b"1"] * 1001) + b"\n") * 2,
                      r"has 1,001 columns, more than the 1,000 the page reads"),
    "10,000,000 cells": ((b",".join([b"1"] * 1000) + b"\n") * 10_001, r"about 10,001 rows of 1,000 columns, more than the 10,000,000 cells"),
}


@pytest.mark.parametrize("name", list(TEXT))
def test_text_limits_refuse_before_pandas(name: str, no_parsing: None) -> None:
    raw, words = TEXT[name]
    message = refused(raw, words)
    assert "Delete" in message or "line break" in message  # and says how to trim it


def test_a_giant_quoted_cell_over_many_lines_is_refused_before_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    import gd_core.data

    monkeypatch.setattr(gd_core.data, "_to_numbers", lambda *a: pytest.fail("cleaned a giant cell"))
    raw = b'x,y\n1,"' + (b"a" * 99 + b"\n") * 10_001 + b'"\n2,3\n3,4\n'
    refused(raw, r"a cell in column 'y' holds 1,000,1\d\d characters, more than the 1,000,000")


def test_files_inside_the_text_limits_load() -> None:
    wide = (b",".join(b"c%d" % i for i in range(1000)) + b"\n") + (b",".join([b"1.5"] * 1000) + b"\n") * 3
    assert load_table(wide).frame.shape == (3, 1000)
    old_mac = b"x,y\r" + b"1,2\r3,5\r" * 200_000  # 1.6 MB with no \n: lines end in \r
    assert load_table(old_mac).n_rows == 400_000
    emoji = b"x,y,note\n" + b"1,2,a\n3,5,b\n" * 1000 + "4,7,\U0001f600\n".encode()
    assert load_table(emoji).encoding == "utf-8"  # checked a chunk at a time, the same answer
    utf16 = ("x\ty\n" + "1\t2\n3\t5\n" * 100_000).encode("utf-16")
    assert load_table(utf16).n_rows == 200_000


def _strings(count: int) -> tuple[bytes, int, int]:
    return deflate([(b"<sst " + MAIN + b">", 1), (b"<si><t>a</t></si>", count), (b"</sst>", 1)])


XLSX = {
    "a row of 20,000 cells": (workbook(sheet_xml(b"<c><v>1</v></c>", 20_000, before=b'<row r="1">', after=b"</row>")),
                              r"of a sheet in this workbook reaches column [\d,]+, beyond the 1,000 columns"),
    "a cell in column XFD": (workbook(sheet_xml(b"", before=b'<row r="7"><c r="A7"><v>1</v></c><c r="XFD7"><v>1</v></c></row>')),
                             r"reaches column 16,384"),
    "2,000,000 shared strings": (workbook(sheet_xml(ROW2, 3), strings=_strings(2_000_000)), r"more than 500,000 different texts"),
    "500,001 cells": (workbook(sheet_xml(ROW2, 250_001)), r"more than 500,000 cells, the limit for Excel files"),
    "4,000,001 tags": (workbook(sheet_xml(b"<x/>", 4_000_001)), r"more than 2,000,000 XML elements"),
    "101 sheets": (workbook(sheet_xml(ROW2, 3), sheets=101), r"more than 100 sheets, the limit"),
    "XML 33 deep": (workbook(deflate([(b"<worksheet " + MAIN + b">", 1), (b"<a>", 32), (b"</a>", 32), (b"</worksheet>", 1)])),
                    r"nested more than 32 deep"),
    "a DTD": (workbook(b'<!DOCTYPE w [<!ENTITY a "aaaaaaaa">]><worksheet ' + MAIN + b"><sheetData/></worksheet>"),
              r"declares a document type \(DTD\)"),
    "a text of 2 MB": (workbook(sheet_xml(b"a" * 1024, 2048, before=b'<row><c t="inlineStr"><is><t>', after=b"</t></is></c></row>")),
                       r"a text or a tag longer than 1 MB"),
    "a tag of 2 MB": (workbook(sheet_xml(b"", before=b'<row><c r="A1" x="' + b"a" * (2 << 20) + b'"/></row>')), r"a text or a tag longer"),
    "a UTF-16 sheet": (workbook(("<worksheet " + MAIN.decode() + "><sheetData/></worksheet>").encode("utf-16")), r"UTF-16"),
    "A1 and ALL200000": (workbook(sheet_xml(b"", before=b'<row r="1"><c r="A1"><v>1</v></c></row><row r="200000">'
                                           b'<c r="ALL200000"><v>1</v></c></row>')), r"spans 200,000 rows by 1,000 columns"),
    "1,001 prefixed cells (read by expat)": (workbook(
        b"<x:worksheet " + MAIN.replace(b"xmlns=", b"xmlns:x=") + b"><x:sheetData><x:row>" + b"<x:c><x:v>1</x:v></x:c>" * 1001
        + b"</x:row></x:sheetData></x:worksheet>"), r"row 1 of a sheet in this workbook reaches column 1,001"),
    "a comment and 33 deep (read by expat)": (workbook(deflate([(b"<worksheet " + MAIN + b"><!-- x -->", 1), (b"<a>", 32), (b"</a>", 32),
                                                              (b"</worksheet>", 1)])), r"nested more than 32 deep"),
    "1,001 files in the zip": (zip_file([(f"f{i}.txt", b"x") for i in range(1001)]), r"this zip holds more than 1,000 files"),
    "a sheet declaring 4 GB": (workbook(sheet_xml(ROW2, 3), declared={"xl/worksheets/sheet1.xml": 2**32 - 1}), r"unpacks to 4096.0 MB"),
    "a bomb declaring 1 KB": (workbook(sheet_xml(b" " * 1024, 300_000), declared={"xl/worksheets/sheet1.xml": 1024}), r"damaged"),
}


@pytest.mark.parametrize("name", list(XLSX))
def test_workbook_limits_refuse_before_openpyxl(name: str, no_parsing: None) -> None:
    raw, words = XLSX[name]
    refused(raw, words)


def test_the_stream_is_capped_whatever_the_sizes_declared(monkeypatch: pytest.MonkeyPatch, no_parsing: None) -> None:
    import gd_core.xlsx_scan

    monkeypatch.setattr(gd_core.xlsx_scan, "MAX_UNZIPPED", 2**20)  # the declared sizes (3 MB) pass the 128 MB check
    refused(workbook(sheet_xml(b" " * 1024, 3 * 1024)), r"unpacks to more than 1 MB")


def test_workbooks_inside_the_limits_load() -> None:
    header = b"<row>" + b"".join(b'<c t="inlineStr"><is><t>c%d</t></is></c>' % i for i in range(1000)) + b"</row>"
    wide = workbook(sheet_xml(b"<row>" + b"<c><v>1.5</v></c>" * 999 + b"<c><v>2</v></c></row>", 3, before=header))
    assert load_table(wide).frame.shape == (3, 1000)
    prefixed = b"<x:worksheet " + MAIN.replace(b"xmlns=", b"xmlns:x=") + b"><x:sheetData>"
    rows = b"".join(b'<x:row r="%d"><x:c r="A%d"><x:v>%d</x:v></x:c><x:c r="B%d"><x:v>%d</x:v></x:c></x:row>' % (r, r, r, r, 2 * r)
                    for r in range(1, 6))
    data = load_table(workbook(prefixed + rows + b"</x:sheetData></x:worksheet>"))
    assert data.frame.to_numpy().tolist() == [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.0], [5.0, 10.0]]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NUMBERS = st.sampled_from(["1", "-2.5", "1e999", "-1e400", "1e-999", "²", "٣", "１２", "0x1F", "nan", "inf", "1,5", '"1,000"', "", " "])
LINES = st.lists(st.lists(NUMBERS | st.text(max_size=8), min_size=1, max_size=6).map(",".join), min_size=0, max_size=30)


def only_our_error(raw: bytes) -> None:
    try:
        result = load_table(raw)
    except DataError:
        return
    assert isinstance(result, LoadedData)


@SETTINGS
@given(st.binary(max_size=4096))
def test_any_bytes_load_or_say_why(raw: bytes) -> None:
    only_our_error(raw)


@SETTINGS
@given(LINES, st.sampled_from(["utf-8", "utf-16", "latin-1"]), st.integers(0, 3 << 20))
def test_any_text_loads_or_says_why(lines: list[str], encoding: str, long_line: int) -> None:
    text = "\n".join(lines)
    if long_line > 2 << 20:
        text += "\n" + "1," * (long_line // 2)
    only_our_error(text.encode(encoding, errors="replace"))


@SETTINGS
@given(st.integers(0, 3000), st.binary(min_size=1, max_size=8))
def test_a_damaged_workbook_loads_or_says_why(where: int, junk: bytes) -> None:
    raw = bytearray(workbook(sheet_xml(ROW2, 4)))
    where %= len(raw)
    raw[where : where + len(junk)] = junk
    only_our_error(bytes(raw))


def test_sheet_names_holds_a_workbook_to_the_same_limits(no_parsing: None) -> None:
    from gd_core.data import sheet_names

    with pytest.raises(DataError, match="beyond the 1,000 columns"):
        sheet_names(XLSX["a row of 20,000 cells"][0])


def _expat_shape(data: bytes) -> tuple[int, int]:
    """(elements, deepest nesting), counted by expat: the oracle for the byte scan."""
    from xml.parsers import expat

    parser, counts = expat.ParserCreate(), {"elements": 0, "depth": 0, "deepest": 0}

    def start(_name, _attrs) -> None:
        counts["elements"] += 1
        counts["depth"] += 1
        counts["deepest"] = max(counts["deepest"], counts["depth"])

    def end(_name) -> None:
        counts["depth"] -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(data, True)
    return counts["elements"], counts["deepest"]


@pytest.mark.parametrize("name", ["excel.xlsx", "cover_sheet.xlsx", "empty.xlsx", "text_only.xlsx", "generated"])
def test_the_byte_scan_counts_as_expat_does(name: str) -> None:
    import zipfile

    from gd_core.xml_bytes import plain_shape
    from tests.test_data import CORPUS

    raw = workbook(sheet_xml(ROW2, 50, before=b"<row><c/></row>")) if name == "generated" else (CORPUS / name).read_bytes()
    seen = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            shape = plain_shape(data) if data.lstrip().startswith(b"<") else None
            if shape is not None:
                seen += 1
                assert (shape.elements, shape.depth) == _expat_shape(data), info.filename
    assert seen >= 3


def _zip_headers(raw: bytes, local_at: int, central_at: int, change) -> bytes:
    """Every local and central header of a zip with one byte changed (``change`` of the old byte)."""
    out = bytearray(raw)
    for signature, offset in ((b"PK\x03\x04", local_at), (b"PK\x01\x02", central_at)):
        i = out.find(signature)
        while i >= 0:
            out[i + offset] = change(out[i + offset])
            i = out.find(signature, i + 4)
    return bytes(out)


@pytest.mark.parametrize(("change", "expect"), [
    ("encrypted", "protected by a password"),  # general-purpose flag bit 0
    ("unknown compression", "compressed in a way the page cannot read"),  # method 99
])
def test_a_workbook_zipfile_cannot_open_is_named_in_our_words(change: str, expect: str) -> None:
    raw = workbook(sheet_xml(b'<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>'))
    assert check_upload(raw, 10**8) == "xlsx"
    hostile = _zip_headers(raw, 6, 8, lambda v: v | 1) if change == "encrypted" else _zip_headers(raw, 8, 10, lambda v: 99)
    with pytest.raises(DataError) as caught:
        check_upload(hostile, 10**8)
    said = str(caught.value)
    assert expect in said and "save it again" in said
    assert "ZipInfo" not in said and "Content_Types" not in said  # zipfile's words name the file's parts: not shown
