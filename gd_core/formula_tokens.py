"""The tokens of a typed J(w), and the words for a character that is not one of them.

A number is written with the ASCII digits 0-9 only, as in Python's own literals. Other
characters that ``str.isdigit()`` accepts are refused with a hint naming what to type: a
superscript such as ``²`` (``float()`` cannot read it; the power is ``w**2``), and digits of
other scripts such as ``٣`` or the fullwidth ``３``. ``float()`` would read those, but Python
refuses them in a formula (``w**٣`` is a SyntaxError), so a formula that works here works the
same when pasted into the course's notebook, and the formula shown back (in LaTeX, with ASCII
digits) is the one that was typed.

>>> [token.text for token in tokenize("2.5e-3*w**2")]
['2.5e-3', '*', 'w', '**', '2', '']
>>> try:
...     tokenize("w**²")
... except ExpressionError as error:
...     print(error.message, "at", error.position)
'²' is a superscript: type ** and the number instead, e.g. w**2 at 3
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

DIGITS = "0123456789"
NAME_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
NAME_CHARS = NAME_START + DIGITS


class ExpressionError(ValueError):
    """What is wrong with a typed formula, and where (0-based character position)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "(", ")", "end"
    text: str
    position: int


def _digits_end(text: str, i: int) -> int:
    """The index after the run of ASCII digits starting at i."""
    while i < len(text) and text[i] in DIGITS:
        i += 1
    return i


def _number_end(text: str, i: int) -> int:
    """Where the number starting at i ends: digits and points, then an exponent e[+-]digits."""
    j = i
    while j < len(text) and (text[j] in DIGITS or text[j] == "."):
        j += 1
    if j < len(text) and text[j] in "eE":
        k = j + 1 + (j + 1 < len(text) and text[j + 1] in "+-")
        if k < len(text) and text[k] in DIGITS:
            return _digits_end(text, k)
    return j


def _number(text: str, i: int) -> Token:
    j = _number_end(text, i)
    literal = text[i:j]
    if literal.count(".") > 1:
        raise ExpressionError(f"'{literal}' is not a number (two decimal points)", i)
    if j < len(text) and (text[j] in NAME_START or text[j].isalpha()):
        raise ExpressionError(f"a number is followed by '{text[j]}': write a * between them, e.g. 2*w", j)
    if not math.isfinite(float(literal)):
        raise ExpressionError(f"{literal} is too large for a number: keep numbers below 1e308", i)
    return Token("num", literal, i)


def _unicode_number_hint(ch: str) -> str | None:
    """The hint for a character that reads as a number in Unicode but is not an ASCII digit."""
    value = unicodedata.numeric(ch, None)
    if value is None:
        return None
    written = f"{value:g}"
    if unicodedata.name(ch, "").startswith("SUPERSCRIPT"):
        return f"'{ch}' is a superscript: type ** and the number instead, e.g. w**{written}"
    if unicodedata.decimal(ch, None) is not None:
        return f"'{ch}' is not one of the digits 0-9: type {written} instead"
    return f"'{ch}' is not a number here: type {written} instead"


_REFUSED = {
    "^": "'^' is not a power here: write w**2 for w squared",
    "'": "text in quotes is not allowed: use numbers, w and + - * / **",
    '"': "text in quotes is not allowed: use numbers, w and + - * / **",
    "[": "square brackets are not allowed: use ( ) for grouping",
    "]": "square brackets are not allowed: use ( ) for grouping",
    ".": "'.' is only allowed inside a number such as 0.5",
    ",": "',' is not allowed: each function takes exactly one argument, e.g. sin(w)",
    "=": "type only the right-hand side of J(w) = ..., without '='",
}


def _refuse(ch: str, i: int) -> ExpressionError:
    message = _REFUSED.get(ch) or _unicode_number_hint(ch)
    return ExpressionError(message or f"the character '{ch}' is not allowed: use numbers, w, + - * / ** and ( )", i)


def _next_token(text: str, i: int) -> Token:
    ch = text[i]
    if ch in DIGITS or (ch == "." and i + 1 < len(text) and text[i + 1] in DIGITS):
        return _number(text, i)
    if ch in NAME_START:
        j = i
        while j < len(text) and text[j] in NAME_CHARS:
            j += 1
        return Token("name", text[i:j], i)
    if text.startswith("**", i):
        return Token("op", "**", i)
    if ch in "+-*/":
        return Token("op", ch, i)
    if ch in "()":
        return Token(ch, ch, i)
    raise _refuse(ch, i)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, then an "end" token; raises ExpressionError at the first character
    that is not part of a formula."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        token = _next_token(text, i)
        tokens.append(token)
        i = token.position + len(token.text)
    tokens.append(Token("end", "", len(text)))
    return tokens
