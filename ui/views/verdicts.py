"""A verdict (gd_core.verdict) on screen: its box, its icon, and the stop rule beside it.

Every page shows what a run did this way, so the words, the icon and the colour always come
from the same classification, and "converged" never appears without the rule it means.
"""

from __future__ import annotations

import streamlit as st

from gd_core.verdict import Verdict
from ui.app.challenge import any_hidden

ANSWERS = ("minimum", "wall", "lstsq", "verdict")  # a verdict names w*, the stable limit and the least-squares answer


# One icon per verdict kind (gd_core.verdict.Kind), so pages do not repeat the mapping.
VERDICT_ICONS: dict[str, str] = {
    "converged": ":material/check_circle:",
    "oscillating": ":material/swap_horiz:",
    "creeping": ":material/hourglass_top:",
    "diverging": ":material/error:",
    "cycling": ":material/sync:",
    "too_few": ":material/more_horiz:",
    "alpha_zero": ":material/pause_circle:",
    "at_minimum": ":material/anchor:",
    "at_maximum": ":material/warning:",
    "flat": ":material/horizontal_rule:",
    "stalled": ":material/block:",
    "kink": ":material/change_history:",
    "runaway": ":material/call_missed_outgoing:",
}

# Which Streamlit box suits each kind: st.success / st.info / st.warning / st.error.
VERDICT_BOX: dict[str, str] = {
    "converged": "success",
    "oscillating": "info",
    "creeping": "warning",
    "diverging": "error",
    "cycling": "error",
    "too_few": "info",
    "alpha_zero": "warning",
    "at_minimum": "success",
    "at_maximum": "warning",
    "flat": "warning",
    "stalled": "warning",
    "kink": "warning",
    "runaway": "error",
}


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def rule_caption(rule: str) -> None:
    """The stop rule the verdicts on screen are judged by, in its own words."""
    st.caption(f"Stop rule: {rule}.")


def show_verdict(verdict: Verdict, *, prefix: str = "", fix: str = "") -> None:
    """The verdict in its box (success, info, warning or error), with the stop rule under it
    (a challenge that hides an answer hides the verdict too)."""
    if any_hidden(*ANSWERS):
        st.info("The verdict on this run is hidden until the challenge's goal is met: it would give the answer away.", icon=":material/visibility_off:")
        rule_caption(verdict.rule)
        return
    box = getattr(st, VERDICT_BOX[verdict.kind])
    box(_sentence(prefix + verdict.text) + (f" {fix}" if fix else ""), icon=VERDICT_ICONS[verdict.kind])
    rule_caption(verdict.rule)


def verdict_line(verdict: Verdict) -> None:
    """The verdict as one line of text with its icon (for a card among several; the page states
    the rule once, with ``rule_caption``)."""
    if any_hidden(*ANSWERS):
        st.markdown(":material/visibility_off: Hidden until the goal is met.")
        return
    st.markdown(f"{VERDICT_ICONS[verdict.kind]} {_sentence(verdict.text)}")
