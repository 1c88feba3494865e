"""ui.words.shown: what a user supplied comes back as its own characters, shortened, never as markup."""

from __future__ import annotations

import doctest
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

import ui.words.shown
from tests.conftest import read_back
from ui.words.shown import ELLIPSIS, shown, shown_plain, shown_plotly

TEXT = st.text(alphabet=st.sampled_from(string.printable + "€²³١٣\u202e\u2066αβ😀"), max_size=120)


def test_doctests() -> None:
    assert doctest.testmod(ui.words.shown).failed == 0


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_markdown_reads_back_as_the_characters(text: str) -> None:
    md = shown(text, 80)
    assert read_back(md) == shown_plain(text, 80)
    # every ASCII punctuation character is escaped, so no markdown construct can open
    assert re.search(r"(?<!\\)[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", md)) is None


@given(TEXT)
def test_plotly_text_has_no_tag_and_no_template_field(text: str) -> None:
    out = shown_plotly(text, 80)
    assert "<" not in out and ">" not in out and "%{" not in out
    assert out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\u2060", "") == shown_plain(text, 80)


def test_autolinks_and_icons_are_broken() -> None:
    md = shown("see https://evil.example, www.evil.example or me@evil.example :material/home:", 200)
    assert "https\\:\u2060\\/\\/" in md and "www\u2060\\." in md and "me\u2060\\@" in md
    assert ":material/" not in md


def test_one_line_shortened_and_no_reordering() -> None:
    assert shown_plain("a\nb\tc\r\x00d") == "a b c  d"
    assert shown_plain("x" * 100, 10) == "x" * 9 + ELLIPSIS
    assert "\u202e" not in shown_plain("\u202eevil") and "\ufffd" in shown_plain("\u202eevil")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def test_column_names_reach_the_regression_figure_as_text() -> None:
    """A column named with HTML or a hover field is written as entities in every title and hover."""
    import numpy as np

    from gd_core.fit import fit_line
    from gd_core.sums import summarize
    from ui.charts.regression import regression_figure

    x_name, y_name = '<a href="https://evil.example/p">PWN</a>', "%{y} <b>PWN</b> &amp;"
    x = np.linspace(0, 5, 20)
    stats = summarize(x, 2 * x + 1)
    figure = regression_figure(x, 2 * x + 1, stats, [("simultaneous", fit_line(stats, 0.0, 0.0, 0.01, 50))], x_name, y_name)
    texts = [s for s in _strings(figure.to_dict()) if "PWN" in s]
    assert texts, "the column names are not in the figure"
    assert all("evil.example/p\">" not in s and "<b>PWN" not in s and "%{y} " not in s for s in texts), texts
    assert any(shown_plotly(x_name, 40) in s for s in texts) and any(shown_plotly(y_name, 40) in s for s in texts)
