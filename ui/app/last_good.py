"""Bad input never loses the student's work: keep the last value that worked, per session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def last_good(name: str, attempt: Callable[[], T], errors: type[Exception] | tuple[type[Exception], ...]) -> tuple[T | None, Exception | None]:
    """Try ``attempt()``: on success keep its value as the last good ``name`` and return (value, None);
    on one of ``errors`` return (the last good value, or None if there is none yet, the error)."""
    key = f"_last_good_{name}"
    try:
        value = attempt()
    except errors as error:
        return st.session_state.get(key), error
    st.session_state[key] = value
    return value, None
