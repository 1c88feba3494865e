"""The formulas the pages show with st.latex, written once here (a page holds no formula).

Each is the formula the code beside it computes: the update rule (gd_core.descent), the
regression's cost (gd_core.linreg), page 3's landscape (gd_core.surface.cost; its bowl is
checked against gd_core.surface.BOWL in tests/test_surface.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from gd_core.wording import exact, number

UPDATE_RULE = r"w := w - \alpha \, \frac{dJ(w)}{dw}"  # the home page
UPDATE_RULE_SHORT = r"w := w - \alpha \, \frac{dJ}{dw}"  # page 1, beside its curve
REGRESSION_COST = r"J(w,b) = \frac{1}{2m} \sum_{i=1}^{m} \left(f_{w,b}(x^{(i)}) - y^{(i)}\right)^2"
# gd_core.minibatch: one update from a batch I of B examples (B = m: batch; B = 1: stochastic).
# Two lines: one formula would run off a phone's screen.
MINIBATCH_UPDATE = (
    r"w := w - \alpha \, \frac{1}{B} \sum_{i \in I} \left(f_{w,b}(x^{(i)}) - y^{(i)}\right) x^{(i)}",
    r"b := b - \alpha \, \frac{1}{B} \sum_{i \in I} \left(f_{w,b}(x^{(i)}) - y^{(i)}\right)",
)
# gd_core.surface.cost written out: a wide bowl (BOWL = 0.04) with a Gaussian valley per (a_k, w_k, b_k, s_k) in VALLEYS.
# gd_core.update.momentum on the landscape (gd_core.momentum_landscape): the velocity v, then the step.
MOMENTUM = (
    r"\begin{aligned} v_w &:= \beta\, v_w + \frac{\partial H}{\partial w}, & w &:= w - \alpha\, v_w \\"
    r" v_b &:= \beta\, v_b + \frac{\partial H}{\partial b}, & b &:= b - \alpha\, v_b \end{aligned}"
)
LANDSCAPE = r"H(w,b) = 0.04\,(w^2+b^2) - \sum_k a_k \, e^{-\frac{(w-w_k)^2 + (b-b_k)^2}{2 s_k^2}}"


def curve_formula(latex: str) -> str:
    """'J(w) = (w - 3)^2 + 1': a curve's own LaTeX (gd_core.curves.Curve.latex) as an equation."""
    return rf"J(w) = {latex}"


def slope_at(w0: float, slope: float) -> str:
    r"""The slope at the start, with its number: \frac{dJ}{dw}\Big|_{w=5} = 0."""
    return rf"\frac{{dJ}}{{dw}}\Big|_{{w={exact(w0)}}} = {number(slope)}"


def hand_sum_lines(w: float, b: float, m: int, x: Sequence[float], y: Sequence[float], residuals: Sequence[float], rest: float, sse: float, cost: float) -> list[str]:
    r"""Page 4's fit by hand: J(w, b) written out as the sum it is (gd_core.hand_fit.HandSum's numbers).

    The first row's residual with its numbers, then J = [r_1^2 + r_2^2 + ... + (the other rows'
    total)] / (2m) with every written term, the whole sum and J: what is written adds up (to the
    digits written) to the J the page shows."""
    k = len(residuals)
    terms = " + ".join(rf"\left(r^{{({i + 1})}}\right)^2" for i in range(k))
    more = m - k
    first = (rf"r^{{(1)}} = w\,x^{{(1)}} + b - y^{{(1)}} = {_p(w)} \cdot {_p(x[0])} + {_paren(b)} - {_paren(y[0])} = {_p(residuals[0])}"
             if k else "")
    if more > 0:
        symbols = rf"J(w,b) = \frac{{1}}{{2m}}\Big[{terms} + \underbrace{{\left(r^{{({k + 1})}}\right)^2 + \dots + \left(r^{{(m)}}\right)^2}}_{{\text{{the other {more:,} rows}}}}\Big]"
        numbers = " + ".join(rf"({_p(r)})^2" for r in residuals) + rf" + {_p(rest)}"
    else:
        symbols = rf"J(w,b) = \frac{{1}}{{2m}}\Big[{terms}\Big]"
        numbers = " + ".join(rf"({_p(r)})^2" for r in residuals)
    total = rf"= \frac{{1}}{{2 \cdot {m:,}}}\Big[{numbers}\Big] = \frac{{{_p(sse)}}}{{{2 * m:,}}} = {_p(cost)}"
    return [line for line in (first, symbols, total) if line]


def _p(x: float) -> str:
    """A number in a written-out sum: 6 significant digits, a real minus sign."""
    return number(float(x), 6)


def _paren(x: float) -> str:
    """A number after a minus or plus sign: in brackets when negative."""
    text = _p(x)
    return f"({text})" if text.startswith("−") else text
