"""What the class page shows on both sides: the join panel (code, QR code, link) and the spread.

The spread is counts only, never who said what: the store hands back each round's counts
(class_store.results.Spread); a number question's rounds are binned again here over both
rounds' answers together, so round one and round two stand side by side on the same ranges.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from gd_core.class_round import Bar, number_bins, tally
from gd_core.question_types import ChoiceForm, NumberForm
from ui.app import state
from ui.charts.class_spread import spread_chart
from ui.charts.qr import qr_svg
from ui.words.shown import shown

BIG_CODE_CSS = """<style>
.st-key-class_code p { font-size: 3.2rem; font-weight: 700; letter-spacing: 0.35rem; line-height: 1.1; margin: 0; }
.st-key-class_code [data-testid='stCaptionContainer'] p { font-size: 1rem; font-weight: 400; letter-spacing: 0; }
</style>"""


def student_link(code: str) -> str:
    """The link a student follows: this app's class page with the join code (ours: no user text)."""
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{urlencode({state.JOIN: code})}"


def join_panel(code: str) -> None:
    """The join code in large type, the QR code of the student link and the link itself."""
    st.html(BIG_CODE_CSS)
    link = student_link(code)
    with st.container(key=state.CLASS_CODE_BOX):
        st.caption("Join code")
        st.markdown(shown(code, 12))
    st.image(qr_svg(link), width=220, caption="Scan to join", alt="QR code of the link that joins this class")  # axe: an img needs its alt
    st.caption("Or open the class page and type the code; the link:")
    st.code(link, language=None, wrap_lines=True)


def round_bars(form: object, spreads: Sequence[object]) -> list[list[Bar]]:
    """Each round's bars (one list per spread, same answers in the same order)."""
    if isinstance(form, ChoiceForm):
        return [[Bar(o.label, o.count, o.key) for o in spread.options] for spread in spreads]
    if isinstance(form, NumberForm):
        values = [v for spread in spreads for v in spread.values]
        edges = number_bins(values)
        return [tally(form, [format(v, ".17g") for v in spread.values], edges) for spread in spreads]
    return [[] for _ in spreads]


def draw_spread(form: object, spreads: Sequence[object], names: Sequence[str], right: Sequence[str] = (), *, big: bool = False,
                across: bool | None = None) -> list[list[Bar]]:
    """The bar chart of ``spreads`` (one per round, named ``names``; ``across``: ui.charts.class_spread); returns the bars drawn."""
    bars = round_bars(form, spreads)
    totals = " · ".join(f"{name}: {spread.total} answered" for name, spread in zip(names, spreads))
    if not bars or not bars[0]:
        st.caption(f"{totals}. No answers yet." if totals else "No answers yet.")
        return bars
    rounds = [(name, [(bar.label, bar.count) for bar in round_]) for name, round_ in zip(names, bars)]
    st.vega_lite_chart(spec=spread_chart(rounds, right, height=380 if big else 300, font=20 if big else 15, across=across), width="stretch")
    st.caption(totals)
    return bars
