"""The one way a user-supplied string reaches the page: as the characters it is, never as markup.

Anything a user supplied (a link's values and names, column, sheet and file names, a typed
formula, pasted text, and our messages that quote them) is shown through these functions:

- ``shown`` for Streamlit's markdown (st.markdown, captions, alerts, metrics, radio options,
  help text). Every ASCII punctuation character gets CommonMark's backslash escape, so no
  emphasis, link, image, code span, HTML, heading, list, table, ``$`` maths, ``:red[...]``
  colour or ``:smile:`` shortcode can form. Three things Streamlit's renderer does to the text
  *after* parsing, where escapes no longer count, are broken with an invisible U+2060 WORD
  JOINER: GitHub's bare-URL autolinks (``https://``, ``www.``) and e-mail autolinks (``a@b``).
  (``:material/icon:`` is matched on the raw source, which the escaped ``\\/`` no longer is.)
  A code span is not used: Streamlit rewrites ``:material/`` inside code spans too.
- ``shown_plotly`` for Plotly text (titles, axis titles, hover text), where ``<a href>``, ``<b>``
  and ``<br>`` are HTML: ``&``, ``<`` and ``>`` become entities, which Plotly displays as the
  characters (it does not decode ``&quot;``, so quotes stay as they are); and ``%{`` gets a
  word joiner, so a hover template does not read a name's ``%{y}`` as its own field.
- ``shown_plain`` for places that show text as text (select boxes, tables, Vega-Lite titles):
  only shortened and made single-line.

All three shorten a long value to ``limit`` characters with an ellipsis, turn line breaks, tabs
and other control characters into spaces, and replace bidirectional overrides (which would
reorder what the reader sees) with U+FFFD.

>>> shown("[click me](https://evil.example/p)")
'\\\\[click me\\\\]\\\\(https\\\\:\\u2060\\\\/\\\\/evil\\\\.example\\\\/p\\\\)'
>>> shown_plotly('<a href="x">t</a> & b')
'&lt;a href="x"&gt;t&lt;/a&gt; &amp; b'
>>> shown_plain("a" * 50, limit=10)
'aaaaaaaaa…'
"""

from __future__ import annotations

import re
import string

__all__ = ["ELLIPSIS", "MESSAGE_LIMIT", "shown", "shown_plain", "shown_plotly"]

ELLIPSIS = "…"
MESSAGE_LIMIT = 400  # characters of one of our messages that quotes what a user supplied
WORD_JOINER = "\u2060"
_PUNCTUATION = frozenset(string.punctuation)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What GitHub-flavoured markdown links on its own once the text is parsed: a scheme's '://',
# 'www.' and the '@' of an e-mail address. Matched on the escaped text ('\:', '\.', '\@').
_AUTOLINK = re.compile(r"(?<=\\:)(?=\\/\\/)|(?<=[wW][wW][wW])(?=\\\.)|(?=\\@)")


def shown_plain(value: object, limit: int = 60) -> str:
    """``value`` as one line of at most ``limit`` characters (an ellipsis marks a cut)."""
    text = _BIDI.sub("\ufffd", _CONTROL.sub(" ", str(value)))
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def shown(value: object, limit: int = 60) -> str:
    """Markdown that Streamlit displays as exactly the characters of ``value`` (shortened)."""
    escaped = "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in shown_plain(value, limit))
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def shown_plotly(value: object, limit: int = 60) -> str:
    """Plotly text that displays as exactly the characters of ``value`` (shortened)."""
    text = shown_plain(value, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("%{", "%" + WORD_JOINER + "{")
