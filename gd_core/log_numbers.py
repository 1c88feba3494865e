"""The numbers of a pasted log, each checked before it is used: how exact it was printed, and
whether a program could have printed it at all.

A number is read only as what Python (or C's printf) prints for a float: ASCII digits, at
most MAX_NUMBER_CHARS characters (``f"{1.8e308:.2f}"`` has 312), within a float's range
(``0e999`` and ``1e400`` are not what any float prints: ``inf`` is). An iteration number is
ASCII digits up to MAX_ITERATION, checked by its length before it is converted, so no
iteration can overflow the int64 array it goes into or wrap round negative. Every refusal is a
LogError that names the line.

>>> half_unit("-6.500e+02"), half_unit("2529.46"), half_unit("300")
((0.05, 4), (0.005, 6), (0.5, 3))
>>> iteration_number("1000", 3)
1000
"""

from __future__ import annotations

import math

MAX_NUMBER_CHARS = 400
MAX_ITERATION = 1_000_000_000
ASCII_DIGITS = frozenset("0123456789")


class LogError(ValueError):
    """The pasted log cannot be used; the message says why and what to paste instead."""


def half_unit(token: str) -> tuple[float, int]:
    """(half a unit in the last printed digit, significant digits) of a printed number:
    ``0.5 * 10 ** (exponent - decimals)``, inf when that is beyond a float (``0e999``)."""
    text = token.strip().lstrip("+-").strip().lower()
    mantissa, _, exponent = text.partition("e")
    whole, _, decimals = mantissa.partition(".")
    # In e-notation every mantissa digit counts (0.000e+00 has 4); in fixed notation, not leading zeros.
    digits = len(whole.lstrip("0") or "0") + len(decimals) if exponent else len((whole + decimals).lstrip("0")) or 1
    power = int(exponent or 0) - len(decimals)
    return (0.5 * 10.0**power if power <= 308 else math.inf), digits


def _shown(token: str) -> str:
    return token if len(token) <= 30 else f"a number {len(token):,} characters long"


def check_number(token: str, line: int) -> None:
    """Raise LogError unless ``token`` is a number a program could have printed for a float."""
    if len(token) > MAX_NUMBER_CHARS:
        raise LogError(
            f"line {line} holds a number {len(token):,} characters long; a printed float has at most "
            f"{MAX_NUMBER_CHARS} characters. Paste the numbers as your code printed them."
        )
    if token.strip().lstrip("+-").strip().lower()[:3] in ("nan", "inf"):
        return
    if not math.isfinite(float(token)) or not math.isfinite(half_unit(token)[0]):
        raise LogError(
            f"line {line} holds {_shown(token)}, beyond the range of a float (about ±1.8e308), so no program "
            "printed it as a number (a float that overflows prints as inf). Paste the numbers as your code printed them."
        )


def iteration_number(digits: str, line: int) -> int:
    """The iteration number written as ASCII ``digits`` on ``line``, at most MAX_ITERATION."""
    if not digits or not set(digits) <= ASCII_DIGITS:
        raise LogError(f"line {line}: the iteration number must be written with the digits 0-9.")
    significant = digits.lstrip("0") or "0"  # int() refuses more than 4,300 digits, leading zeros included
    if len(significant) > len(str(MAX_ITERATION)) or int(significant) > MAX_ITERATION:
        raise LogError(
            f"line {line}: the iteration number {significant if len(significant) <= 30 else f'of {len(significant):,} digits'} is too large; iteration numbers "
            f"up to {MAX_ITERATION:,} can be read. Paste the log your code printed."
        )
    return int(significant)
