"""A shared link's values either show on the page or are named as replaced: never silently dropped.

Streamlit fills a bound widget from the URL when the value is one it can take, and otherwise
quietly uses the widget's default (alpha=abc, w0=1e308, curve=Nope). On arrival the page
wrapper keeps the link's values (``arrival``); after the page has run it compares each with
the value its widget now holds and says, at the top of the page, which ones could not be used.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from ui.app import landscape_starts, state
from ui.app.choices import curve_label, dataset_label
from ui.app.lessons import Lesson
from ui.words.shown import MESSAGE_LIMIT, shown

MAX_SHOWN = 40  # characters of a link value or name quoted back


# Values a page reads from the URL itself, not through a widget: each with what says why a value
# cannot be used (None: it can). Page 3's starts on the landscape (ui.controls.landscape).
READ_BY_THE_PAGE: Mapping[str, Callable[[str], str | None]] = {state.STARTS: landscape_starts.why_not}

# Widgets whose URL value is a label, not the option itself.
LABELS: Mapping[str, Callable[[str], str]] = {"curve": curve_label, "dataset": dataset_label}


def arrival() -> dict[str, list[str]]:
    """The link's values as the page opens: its own parameters, and any it does not know."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def used(name: str, values: list[str], value: Any) -> bool:
    """Whether the widget's value is what the link asked for (one value, read as the widget reads it)."""
    if len(values) != 1 and not isinstance(value, list):
        return False
    if isinstance(value, bool):
        return values[0].strip().lower() == str(value).lower()
    if isinstance(value, (int, float)):
        asked = _number(values[0])
        return asked is not None and math.isclose(asked, float(value), rel_tol=1e-12, abs_tol=1e-300)
    if isinstance(value, list):
        return values == [str(v) for v in value]
    if isinstance(value, str):
        label = LABELS.get(name)
        return values[0] == value or (label is not None and values[0] == label(value))
    return False


def _quoted(values: list[str]) -> str:
    """The link's value(s) as the characters they are, in quotes (never as markdown)."""
    return f"‘{shown(', '.join(values), MAX_SHOWN)}’"


def replaced(lesson: Lesson, asked: Mapping[str, list[str]]) -> list[str]:
    """One sentence for each link value the page could not use."""
    notes = []
    for name, values in asked.items():
        if name in state.CHALLENGE_PARAMS and name in lesson.params:
            continue  # a challenge's values: ui.views.challenge says what is wrong with them, where the student looks
        if name in READ_BY_THE_PAGE and name in lesson.params:
            why = READ_BY_THE_PAGE[name](values[0]) if len(values) == 1 else "it is given more than once"
            if why is not None:
                notes.append(f"{shown(name, MAX_SHOWN)} = {_quoted(values)} could not be used here ({shown(why, MESSAGE_LIMIT)}), so the page shows its own value instead.")
            continue
        if name not in lesson.params:
            notes.append(f"‘{shown(name, MAX_SHOWN)}’ is not a setting of this page, so it was ignored.")
        elif name not in st.session_state:  # its control is not on this view (e.g. expr without curve=Your own formula)
            notes.append(f"‘{shown(name, MAX_SHOWN)}’ does not apply to what this page shows now, so it was ignored.")
        elif not used(name, values, st.session_state[name]):
            notes.append(f"{shown(name, MAX_SHOWN)} = {_quoted(values)} could not be used here, so the page shows its own value instead.")
    return notes


def report(lesson: Lesson, asked: Mapping[str, list[str]], slot: Any) -> None:
    """Say in ``slot`` (a placeholder under the title) which of the link's values were replaced."""
    notes = replaced(lesson, asked)
    if notes:
        slot.warning("This link asked for something the page cannot show: " + " ".join(notes), icon=":material/link_off:")


def replaced_on_purpose(name: str) -> None:
    """The page itself replaced the link's value of ``name`` this run (new data gave its control a
    new range and start): not a value it could not use, so no note names it."""
    opened = st.session_state.get(state.OPENED)
    if opened is not None:
        opened[1].pop(name, None)
