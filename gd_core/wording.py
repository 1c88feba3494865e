"""How a number is written in a sentence, so that what is written is true at its precision.

Rules, each one a finding of issue 14:

- ``number(x)``: %g with ``digits`` significant digits, a real minus sign, never "−0"
  (a value that prints as zero is written "0", whatever its sign);
- ``exact(x)``: the fewest significant digits (up to 17) that read back as the same float,
  for values a student typed (alpha = 0.0125 is written 0.0125, not 0.013);
- ``plural(n, "iteration")``: "1 iteration", "2 iterations", "10,000 iterations";
- ``limit(x, alpha)``: a limit is rounded *down*, so "alpha below the printed limit" is
  never a lie, and gets more digits until printed alpha and printed limit compare the same
  way as the true numbers do.

>>> number(-0.0), number(-1e-20, 3), number(2e-7), number(1234.5678)
('0', '−1e−20', '2e−7', '1235')
>>> number(85000.2), number(-253612.0), number(1.153e17)
('85000', '−253600', '1.153e17')
>>> exact(0.0125), exact(0.0004), exact(0.1 + 0.2)
('0.0125', '0.0004', '0.30000000000000004')
>>> plural(1, "iteration"), plural(10_000, "iteration")
('1 iteration', '10,000 iterations')
>>> limit(0.5835921350012618), limit(0.5835921350012618, alpha=0.5835)
('0.583', '0.58359')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal

MINUS = "−"


def _tidy(text: str) -> str:
    """'1e-07' -> '1e−7', '-0' -> '0', '-' -> '−'."""
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    if float(text) == 0:
        return "0"
    return text.replace("-", MINUS)


def number(x: float, digits: int = 4) -> str:
    """x with ``digits`` significant digits, a real minus sign and no negative zero;
    written out (85000, 0.0125) from 1e-4 up to 1e6, in powers of ten (2e−7, 1.2e8) beyond."""
    x = float(x)
    if not math.isfinite(x):
        return "∞" if x > 0 else (f"{MINUS}∞" if x < 0 else "not a number")
    text = f"{x:.{digits}g}"
    if "e" in text and 1e-4 <= abs(float(text)) < 1e6:
        text = format(Decimal(text).normalize(), "f")
    return _tidy(text)


def exact(x: float) -> str:
    """The shortest form that reads back as the same float (Python's repr, a real minus sign):
    how a typed value is written."""
    x = float(x)
    if not math.isfinite(x):
        return number(x)
    text = repr(x)
    text = text.removesuffix(".0")
    return _tidy(text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 iteration', '0 iterations', '10,000 iterations' (``many`` for irregular plurals)."""
    n = int(n)
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def round_down(x: float, digits: int) -> Decimal:
    """x rounded towards -infinity to ``digits`` significant digits (exactly, in decimal)."""
    value = Decimal(repr(float(x)))
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_FLOOR)


def limit(x: float, alpha: float | None = None, digits: int = 3) -> str:
    """A limit written rounded down to ``digits`` significant digits (more if needed).

    With ``alpha``, digits are added until the written alpha (``exact(alpha)``) and the
    written limit compare the same way (<, =, >) as alpha and the limit themselves.
    """
    x = float(x)
    if not math.isfinite(x):
        return number(x)
    for d in range(digits, 18):
        shown = round_down(x, d)
        if alpha is None:
            break
        written_alpha = Decimal(exact(alpha).replace(MINUS, "-"))
        if _order(written_alpha, shown) == _order(Decimal(repr(float(alpha))), Decimal(repr(x))):
            break
    return _tidy(f"{shown:g}" if abs(shown.adjusted()) > 5 else format(shown.normalize(), "f"))


def _order(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


# --- names a user supplied (columns, sheets), quoted in our sentences ---------------------------

NAME_LIMIT = 40  # characters of a column or sheet name in a sentence


def quoted(name: object, limit: int = NAME_LIMIT) -> str:
    """"'price'": a user's name in quotes, shortened with an ellipsis when long, on one line.

    (Shown on a page, the whole sentence still goes through ui.shown: this only bounds it.)

    >>> quoted("price"), quoted("x" * 50, 10)
    ("'price'", "'xxxxxxxxx…'")
    """
    text = " ".join(str(name).split()) if any(ch in str(name) for ch in "\n\r\t") else str(name)
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def names(items: Iterable[object], shown: int = 6) -> str:
    """'a, b, c' or 'a, b, c, d, e, f and 993 more': a list of names, each shortened, at most ``shown``.

    >>> names(["a", "b"]), names(range(10), 3)
    ('a, b', '0, 1, 2 and 7 more')
    """
    listed = [str(item) for item in items]
    cut = [q[1:-1] for q in map(quoted, listed[:shown])]
    return ", ".join(cut) + (f" and {len(listed) - shown:,} more" if len(listed) > shown else "")
