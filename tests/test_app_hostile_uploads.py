"""AppTest: a hostile upload (issue 19) gets the loader's own message, and the last good data stay on screen."""

from __future__ import annotations

import pytest

from tests.conftest import read_back
from tests.hostile import MAIN, deflate, sheet_xml, workbook
from tests.test_app_regression import CORPUS, metric, open_page, upload

HOSTILE = {
    "wide.csv": (b",".join([b"1"] * 1_000_000) + b"\n", "longer than 1 mb, the limit for one line"),
    "columns.csv": ((b",".join([b"1"] * 1001) + b"\n") * 3, "1,001 columns, more than the 1,000"),
    "wide_row.xlsx": (workbook(sheet_xml(b"<c><v>1</v></c>", 20_000, before=b'<row r="1">', after=b"</row>")), "beyond the 1,000 columns"),
    "strings.xlsx": (
        workbook(sheet_xml(b"<row><c><v>1</v></c><c><v>2</v></c></row>", 3),
                 strings=deflate([(b"<sst " + MAIN + b">", 1), (b"<si><t>a</t></si>", 2_000_000), (b"</sst>", 1)])),
        "more than 500,000 different texts",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_upload_gives_our_message_and_keeps_the_last_good_data(name: str) -> None:
    at = upload(open_page(), "good.csv", (CORPUS / "good.csv").read_bytes())
    good_r2 = metric(at, "R²")
    content, words = HOSTILE[name]
    at.file_uploader(key="upload").set_value((name, content, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    said = [read_back(e.value) for e in at.error]
    assert said and words in said[0].lower(), said
    assert f"‘{name}’ could not be used" in said[0]
    assert metric(at, "R²") == good_r2
    assert any("last good file" in read_back(c.value) for c in at.caption)
