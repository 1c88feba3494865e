"""Bad input never loses the student's work: keep the last value that worked, per session.

Each kept value has its key in ui.app.state (``LAST_GOOD_*``); every module keeps and reads
them through these three functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")


def last_good(key: str, attempt: Callable[[], T], errors: type[Exception] | tuple[type[Exception], ...]) -> tuple[T | None, Exception | None]:
    """Try ``attempt()``: on success keep its value as the last good one under ``key`` and return
    (value, None); on one of ``errors`` return (the last good value, or None if there is none
    yet, the error)."""
    try:
        value = attempt()
    except errors as error:
        return kept(key), error
    keep(key, value)
    return value, None


def keep(key: str, value: Any) -> None:
    """Keep ``value`` as the last good one under ``key`` (a ``state.LAST_GOOD_*``)."""
    st.session_state[key] = value


def kept(key: str) -> Any:
    """The last good value under ``key``, or None when nothing has worked yet."""
    return st.session_state.get(key)
