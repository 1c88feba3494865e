"""Issue 19, each case that raised someone else's exception: now our own error, or a result.

Typed formulas (pages 1-3), the written-out update (pages 1, 3, 4) and pasted logs (page 5).
"""

from __future__ import annotations

import pytest

from gd_core.expression import ExpressionError, parse_expression


@pytest.mark.parametrize(
    ("text", "position", "hint"),
    [
        ("w**²", 3, "type ** and the number instead, e.g. w**2"),
        ("²", 0, "e.g. w**2"),
        ("w²", 1, "e.g. w**2"),
        ("w**³ - w", 3, "e.g. w**3"),
        ("w**٣", 3, "'٣' is not one of the digits 0-9: type 3 instead"),  # float() reads it; Python does not
        ("３*w", 0, "type 3 instead"),  # fullwidth
        ("1٣*w", 1, "type 3 instead"),
        ("w**2.٥", 5, "type 5 instead"),
        ("½*w**2", 0, "'½' is not a number here: type 0.5 instead"),
        ("1e999*w", 0, "too large for a number"),
        ("w + 2e400", 4, "too large for a number"),
    ],
)
def test_a_character_float_cannot_read_or_python_would_refuse_gets_a_hint(text: str, position: int, hint: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert hint in info.value.message
    assert info.value.position == position


def test_ascii_numbers_still_read_as_before() -> None:
    for text, value in [("2.5e-3*w", 0.0025), ("1E2*w", 100.0), (".5*w", 0.5), ("w*1e+2", 100.0), ("1e308*w", 1e308)]:
        assert float(parse_expression(text).slope(1.0)) == value


def test_names_are_ascii() -> None:
    with pytest.raises(ExpressionError, match="the character 'ω' is not allowed"):
        parse_expression("ω**2")
    with pytest.raises(ExpressionError, match="unknown name 'w2'"):
        parse_expression("w2")
