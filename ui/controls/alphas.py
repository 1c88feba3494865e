"""Page 2's learning rates to compare: typed as a list, or "auto" around the curve's stable limit.

The list is in the URL (``alphas``); one that cannot be read says why, and the last list that
could be read stays compared.
"""

from __future__ import annotations

import streamlit as st

from ui.app import state
from ui.app.last_good import last_good
from ui.words.shown import MESSAGE_LIMIT, shown


def parse_alpha_list(text: str) -> list[float]:
    """'0.01, 0.3, 0.9' -> [0.01, 0.3, 0.9]; raises ValueError with a message a student can act on."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise ValueError("type at least one learning rate, e.g. 0.01, 0.3, 0.9")
    if len(parts) > 6:
        raise ValueError(f"{len(parts)} learning rates is too many to compare; keep it to 6 at most")
    values = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"'{part}' is not a number; separate learning rates with commas, e.g. 0.01, 0.3") from None
        if not (0 < value <= 100):
            raise ValueError(f"{part} is out of range: a learning rate must be above 0 and at most 100")
        values.append(value)
    return values


def parse_alphas(suggested: list[float]) -> list[float]:
    """The learning rates to compare: 'auto' picks ones around the stable limit of this curve."""
    text = st.text_input(
        "Learning rates to compare",
        value="auto",
        key=state.ALPHAS,
        bind="query-params",
        max_chars=120,
        help="Up to 6 values of α separated by commas, e.g. 0.01, 0.3, 0.9, 1.05. "
        "'auto' picks four around this curve's stable limit 2 / J''(w*): too small, about right, "
        "oscillating, diverging.",
    )
    if text.strip().lower() == "auto":
        st.caption("auto: " + ", ".join(f"{a:g}" for a in suggested))
        return suggested
    values, error = last_good(state.LAST_GOOD_ALPHAS, lambda: parse_alpha_list(text), ValueError)
    if error is not None:
        st.error(f"{shown(error, MESSAGE_LIMIT)}.", icon=":material/error:")
        values = values or suggested
        st.caption("Still comparing the last list that worked: " + ", ".join(f"{a:g}" for a in values))
    return values or suggested
