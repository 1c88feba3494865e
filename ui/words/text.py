"""How the pages write numbers and the sentences that follow from them (no chart code here).

Every number written into arithmetic is printed so that the arithmetic holds at the printed
precision: recomputing from the printed operands gives the printed result to within half a
unit of its last digit. alpha is written exactly as typed (0.0125, not 0.013), a limit is
rounded down (0.58359 -> 0.583), no number is written as "−0", and plurals agree.

>>> update_equation(7.0, 0.0125, 8.0)
'w = 7 − 0.0125 × 8 = 6.9'
>>> update_equation(4.5, 0.1, -0.7)
'w = 4.5 − 0.1 × (−0.7) = 4.57'
>>> step_equation(0.1, -0.7)
'step = −α × dJ/dw = −0.1 × (−0.7) = 0.07'
>>> limit_text(0.58359), plural(1, "iteration")
('0.583', '1 iteration')
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

from gd_core.descent import DescentRun
from gd_core.wording import MINUS, exact, limit, number, plural

__all__ = [
    "direction_text", "exact", "fmt", "iteration_heading", "limit_text", "number", "plural",
    "step_equation", "update_equation", "update_text",
]

def fmt(number_: float) -> str:
    """Numbers shown on their own (not in arithmetic): 3 decimals, or scientific when very
    large or small; never "−0.000"."""
    value = float(number_)
    if value == 0 or not math.isfinite(value):
        return "0.000" if value == 0 else number(value)
    if 1e-3 <= abs(value) < 1e5:
        text = f"{value:.3f}"
        return "0.000" if float(text) == 0 else text.replace("-", MINUS)
    return f"{value:.3e}".replace("-", MINUS)


def limit_text(alpha_limit: float, alpha: float | None = None) -> str:
    """A limit rounded down (never shown above its true value); with ``alpha``, written with
    enough digits that printed alpha and printed limit compare as the true values do."""
    return limit(alpha_limit, alpha)


# --- arithmetic that holds at its printed precision ------------------------------------------


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(MINUS, "-"))


def _paren(text: str) -> str:
    return f"({text})" if text.startswith(MINUS) else text


# Exact arithmetic for any finite floats: rounding 3.2e40 to units needs 41 digits, beyond the
# default context's 28 (decimal.InvalidOperation). A float has at most 309 digits before the
# point; a product of two floats ends at most 647 + 34 digits after it.
_EXACT = Context(prec=1100, Emax=2000, Emin=-2000)


def _at_decimals(value: Decimal, decimals: int) -> str:
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    if rounded == 0:
        return "0"
    small_or_huge = abs(rounded) < Decimal("1e-4") or abs(rounded) >= Decimal("1e6")
    return format(rounded.normalize(), "e" if small_or_huge else "f").replace("e+", "e").replace("-", MINUS)


def _decimals(p: int, *values: float) -> int:
    """Decimals that give ``p`` significant digits to the largest of ``values``; at least whole
    units below 1e16 (a float's units are exact there), fewer beyond (negative decimals), so
    3 − 0.1 × 1.7e49 is −1.7e48, not the 49 digits of a difference the float never held."""
    top = max((abs(v) for v in values if v != 0), default=1.0)
    decimals = p - 1 - math.floor(math.log10(top))
    return decimals if top >= 1e16 else max(0, decimals)


def _holds(start: str, product: Decimal, result: str, decimals: int) -> bool:
    return abs(_dec(start) - product - _dec(result)) <= Decimal(5).scaleb(-decimals - 1)


def _equation(start: float, alpha: float, slope: float, start_s: str | None = None) -> tuple[str, str, str, str]:
    """(start, alpha, slope, result) written so that start − alpha × slope = result holds.

    The operands and the result get 4 significant digits, up to 7 while the printed arithmetic
    is off by more than half a unit of the result's last digit. Where that is not enough (a
    product that never ends, as 0.2 × 458.333...), the result keeps 4 or more digits and the
    operands up to two more: 0 − 0.2 × (−458.33) = 91.67, not 458.33333333333331. Alpha is
    written as typed. The result is the float's exact value rounded (from the printed operands
    only if 17 digits were not enough), as ``number`` rounds the same float when it starts the
    next update: 6.0525 is the float 6.05250000000000021, written 6.053 in both places.
    ``start_s`` fixes how the start is written (as the previous update wrote its result).
    """
    alpha_s = exact(alpha)
    result = float(start) - float(alpha) * float(slope)
    if not all(math.isfinite(x) for x in (start, alpha, slope, result)):
        return start_s or number(start), alpha_s, number(slope), number(result)  # no arithmetic to check
    with localcontext(_EXACT):
        return _holding(start, alpha_s, slope, result, start_s)


def _holding(start: float, alpha_s: str, slope: float, result: float, start_s: str | None) -> tuple[str, str, str, str]:
    tries = [(p, p) for p in range(4, 8)] + [(p, q) for p in range(4, 18) for q in range(p + 1, min(p + 2, 17) + 1)]
    for p, q in tries:  # p: the result's significant digits, q: the operands'
        decimals = _decimals(p, start, result)
        result_s = _at_decimals(Decimal(result), decimals)  # the float's exact value, rounded as number() rounds it
        shown_start, slope_s = start_s or number(start, q), number(slope, q)
        product = _dec(alpha_s) * _dec(slope_s)
        if result_s == "0" and result != 0:
            continue  # a result that is not 0 is never written 0 (1e16 − 1 × 9.995e15 is 5e12)
        if _holds(shown_start, product, result_s, decimals):
            return shown_start, alpha_s, slope_s, result_s
    return shown_start, alpha_s, slope_s, _at_decimals(_dec(shown_start) - product, decimals)


def update_equation(w: float, alpha: float, slope: float, *, name: str = "w", assign: str = "=", latex: bool = False, solved: bool = True) -> str:
    """'w = 7 − 0.0125 × 8 = 6.9': the update w − α·dJ/dw, true at its printed precision.

    ``name`` and ``assign`` write b's update or the ':=' of the course; ``latex`` gives the
    same for st.latex; ``solved`` False leaves the result out (before a prediction is committed).
    """
    start_s, alpha_s, slope_s, result_s = _equation(w, alpha, slope)
    text = f"{name} {assign} {start_s} − {alpha_s} × {_paren(slope_s)}" + (f" = {result_s}" if solved else "")
    return _latex(text) if latex else text


def step_equation(alpha: float, slope: float, *, latex: bool = False, solved: bool = True) -> str:
    """'step = −α × dJ/dw = −0.1 × (−0.7) = 0.07': the step is −α·dJ/dw, the way w moves
    (``solved`` False: without its result, before a prediction is committed)."""
    _, alpha_s, slope_s, result_s = _equation(0.0, alpha, slope)
    text = f"step = −α × dJ/dw = −{alpha_s} × {_paren(slope_s)}" + (f" = {result_s}" if solved else "")
    return _latex(text) if latex else text


def _latex(text: str) -> str:
    import re

    text = re.sub(r"(\d(?:\.\d+)?)e(−?\d+)", lambda m: rf"{m.group(1)} \cdot 10^{{{m.group(2)}}}", text)
    text = text.replace(":=", r"\mathrel{:=}").replace("α", r"\alpha").replace("×", r"\times").replace("dJ/dw", r"\frac{dJ}{dw}")
    text = text.replace("∞", r"\infty").replace("not a number", r"\text{not a number}")
    return text.replace(MINUS, "-")


def update_text(run: DescentRun, i: int) -> str:
    """The update from row i of a run, with its numbers (see ``update_equation``); each update
    starts from w written as the one before wrote its result: one number, one printed value."""
    start_s, alpha_s, slope_s, result_s = _run_equations(tuple(run.w.tolist()), run.alpha, tuple(run.slope.tolist()))[i]
    return f"w = {start_s} − {alpha_s} × {_paren(slope_s)} = {result_s}"


@functools.lru_cache(maxsize=64)  # a server-wide store, bounded: a page's frames ask for one run's updates in turn
def _run_equations(w: tuple[float, ...], alpha: float, slope: tuple[float, ...]) -> tuple[tuple[str, str, str, str], ...]:
    rows: list[tuple[str, str, str, str]] = []
    for start, s in zip(w, slope):
        rows.append(_equation(start, alpha, s, rows[-1][3] if rows else None))
    return tuple(rows)


def iteration_heading(i: int, iterations: int) -> str:
    """'Iteration 2: update 3 of 30' while an update is still to come from row i; 'After 30
    iterations' at the last row, where no update was taken (so none should be written out).

    Counted as the player's slider counts (and as the course lab prints its log): iteration i
    is the update taken from row i, so the first one is iteration 0.
    """
    if i < iterations:
        return f"Iteration {i}: update {i + 1} of {iterations:,}"
    return f"After {plural(iterations, 'iteration')}"


def direction_text(slope: float, alpha: float | None = None) -> str:
    """The sentence that follows from the sign of the slope (and from α = 0)."""
    if alpha == 0:
        return "α = 0, so the step −α × dJ/dw is 0 whatever the slope: w stays where it is."
    if slope > 0:
        return "The slope is positive, so w decreases: the point moves left, downhill."
    if slope < 0:
        return "The slope is negative, so w increases: the point moves right, downhill."
    return "The slope is zero, so the step is −α × 0 = 0: w stays where it is."
