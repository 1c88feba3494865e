r"""Page 2's stable limit in words first, then as a formula: the sentence a week-1 student can
read (what α above the limit does on this curve), then α_max = 2 / J''(w*) with its numbers,
"=" where the printed number is the value itself and "≈" where it is rounded.

>>> limit_sentence(1.0, 3.0)
'Near this curve’s minimum at w = 3, any α above 1 makes each bounce across the minimum bigger than the last, so the point runs away instead of settling; below 1 the bounces shrink and it settles.'
>>> limit_latex(1.0, 2.0, 3.0).endswith(r"= \frac{2}{2} = 1\qquad (w^* = 3)")
True
>>> "approx 0.833" in limit_latex(2 / 2.4, 2.4000000000000004, 5.0)
True
"""

from __future__ import annotations

from decimal import Decimal

from gd_core.wording import MINUS, number
from ui.words.text import limit_text

WHY = (
    "Why: near the minimum w*, each step multiplies the distance to w* by (1 − α·J''(w*)). "
    "Above this α that factor is below −1: every bounce is bigger than the last."
)


def shown_exactly(text: str, value: float) -> bool:
    """The printed ``text`` is ``value`` itself (to the float's own precision), not a rounding of it."""
    printed = float(Decimal(text.replace(MINUS, "-")))
    return abs(printed - value) <= 1e-12 * max(abs(value), 1e-300)


def limit_sentence(alpha_max: float, w_star: float) -> str:
    """What α above the limit does near this curve's minimum, in plain words."""
    limit = limit_text(alpha_max)
    return (
        f"Near this curve’s minimum at w = {number(w_star)}, any α above {limit} makes each bounce across the minimum "
        f"bigger than the last, so the point runs away instead of settling; below {limit} the bounces shrink and it settles."
    )


def limit_latex(alpha_max: float, curvature: float, w_star: float) -> str:
    """α_max = 2 / J''(w*) = 2 / c = limit, each "=" a true equality of what is printed."""
    c, limit = number(curvature), limit_text(alpha_max)
    c_sign = "=" if shown_exactly(c, curvature) else r"\approx"
    limit_sign = "=" if shown_exactly(limit, alpha_max) and c_sign == "=" else r"\approx"
    return (
        rf"\alpha_{{\max}} = \frac{{2}}{{J''(w^*)}} {c_sign} \frac{{2}}{{{c}}} {limit_sign} {limit}"
        rf"\qquad (w^* = {number(w_star)})"
    ).replace(MINUS, "-")
