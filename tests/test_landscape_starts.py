"""Page 3's starts on the landscape are in the URL: a link names them, and a link whose starts
cannot be read says why in our words, as text. (A click, Random starts and Reset write them:
tests/test_browser_landscape_click.py, in Chromium.)"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import read_back, plotly_charts
from tests.test_app_lessons import open_page
from ui.app.landscape_starts import DEFAULT_STARTS, MAX_STARTS, parse_starts, starts_text


def landscape_paths(at: AppTest) -> list[str]:
    """The paths drawn on the landscape's map (subplot x3), in the starts' order."""
    (chart,) = plotly_charts(at)
    shapes = json.loads(chart.proto.spec)["layout"]["shapes"]
    return [s["path"] for s in shapes if s.get("xref") == "x3" and s["line"].get("width") == 2.5]


def test_starts_read_back_as_written() -> None:
    starts = ((-4.0, -4.0), (0.25, 3.5), (4.99, -0.01))
    assert parse_starts(starts_text(starts)) == starts
    assert parse_starts(" -1.234 , 2 ; 3,-4 ;") == ((-1.23, 2.0), (3.0, -4.0))  # spaces, a trailing ';', 2 decimals


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "names no start"),
        ("1,2,3", "'1,2,3' is not a start"),
        ("one,two", "'one,two' is not a start"),
        ("7,0", "'7,0' is off the map"),
        ("nan,0", "off the map"),
        (";".join(["1,1"] * (MAX_STARTS + 1)), f"it names {MAX_STARTS + 1} starts"),
        ("1," * 5000, "characters long"),
    ],
)
def test_a_start_that_cannot_be_read_says_why(text: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        parse_starts(text)


def test_a_link_draws_its_starts_and_the_default_link_the_five() -> None:
    at = open_page("local_minimum", predict="false", starts="-1,2;3,-4")
    assert not at.exception and not at.error
    paths = landscape_paths(at)
    assert len(paths) == 2 and paths[0].startswith("M-1,2") and paths[1].startswith("M3,-4")
    assert len(landscape_paths(open_page("local_minimum", predict="false"))) == len(DEFAULT_STARTS)


def test_a_link_with_starts_it_cannot_read_says_so_as_text_and_shows_the_defaults() -> None:
    hostile = "**bold** [x](http://e.com);$x^2$"
    at = open_page("local_minimum", predict="false", starts=hostile)
    assert not at.exception
    (note,) = at.warning  # the note on the link's values, under the title
    said = read_back(note.value)
    assert "starts = ‘**bold** [x](http://e.com);$x^2$’ could not be used here" in said  # the link's text, shown literally
    assert "('**bold** [x](http://e.com)' is not a start: write each as w,b" in said and "so the page shows its own value instead" in said
    assert len(landscape_paths(at)) == len(DEFAULT_STARTS)
