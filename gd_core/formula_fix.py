"""The formula a student most likely meant, when what they typed cannot be read.

Students write maths the way a textbook or a calculator does; the parser reads Python. The
rewrites, each one a habit from elsewhere:

- ``^`` is a power: ``(w-3)^2`` means ``(w-3)**2``;
- a superscript is a power: ``w²`` means ``w**2`` (``w⁻¹`` means ``w**-1``);
- ``e^x`` and ``e**x`` are the exponential: ``e^w`` means ``exp(w)``, ``e^(-w)`` means ``exp(-w)``;
- a number or a closing bracket before ``w``, a function or ``(`` multiplies: ``2w`` means
  ``2*w``, ``(w-1)(w+1)`` means ``(w-1)*(w+1)``;
- ``×`` and ``·`` multiply, ``÷`` divides, ``−`` is a minus.

The suggestion is given only when the rewritten text is a formula the parser reads.

>>> suggest_formula("(w-3)^2 + 1")
'(w-3)**2 + 1'
>>> suggest_formula("(w-3)² + 1")
'(w-3)**2 + 1'
>>> suggest_formula("e^w")
'exp(w)'
>>> suggest_formula("2w² − 3w")
'2*w**2 - 3*w'
>>> suggest_formula("w +* 2") is None
True
>>> suggest_formula("e^2w") is None  # e**(2w) or exp(2)*w: not guessed
True
"""

from __future__ import annotations

import re

from gd_core.expression import ExpressionError, parse_expression

__all__ = ["suggest_formula"]

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SIGNS = str.maketrans({"×": "*", "·": "*", "÷": "/", "−": "-", "–": "-"})
_SUPERSCRIPT_RUN = re.compile(r"[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# e to a power: 'e**w', 'e**2.5' or 'e**(...)' where e stands alone (not the end of a name).
_E_POWER = re.compile(r"(?<![A-Za-z0-9_.])e\s*\*\*\s*(\((?:[^()]|\([^()]*\))*\)|[A-Za-z_][A-Za-z0-9_]*|[0-9.]+(?![A-Za-z_(0-9.]))")
# A number or ')' right before 'w', a function name or '(': implied multiplication.
_IMPLIED = re.compile(r"(?<=[0-9)])\s*(?=[A-Za-z_(])(?<!e)|(?<=\))\s*(?=[0-9])")


def _exp(match: re.Match[str]) -> str:
    power = match.group(1)
    return f"exp{power}" if power.startswith("(") else f"exp({power})"


def _rewrite(text: str) -> str:
    text = text.translate(_SIGNS).replace("^", "**")
    text = _SUPERSCRIPT_RUN.sub(lambda m: "**" + m.group().translate(_SUPERSCRIPTS), text)
    text = _E_POWER.sub(_exp, text)
    return _IMPLIED.sub("*", text)


def suggest_formula(text: str) -> str | None:
    """The formula ``text`` most likely meant, if a rewrite of textbook habits reads, else None."""
    if len(text) > 400:
        return None
    guess = _rewrite(text)
    if guess == text:
        return None
    try:
        parse_expression(guess)
    except ExpressionError:
        return None
    return guess
