"""Page 3's starts on the landscape as its URL writes them (``starts=w,b;w,b``): read once, here,
by the page (ui.controls.landscape) and by the note on a link's values (ui.app.link_check)."""

from __future__ import annotations

from collections.abc import Iterable

from gd_core import surface

DEFAULT_STARTS = ((-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0))
MAX_STARTS = 8
MAX_CHARACTERS = MAX_STARTS * 16  # "-4.25,3.5;" is 10: a longer value is not read at all


def parse_starts(text: str) -> tuple[tuple[float, float], ...]:
    """'-4,-4;4,4' -> ((-4.0, -4.0), (4.0, 4.0)): each start on the map, kept to 2 decimals;
    raises ValueError with a message a student can act on."""
    if len(text) > MAX_CHARACTERS:
        raise ValueError(f"it is {len(text):,} characters long; {MAX_STARTS} starts such as -4.25,3.5 need far fewer")
    pairs = [pair.strip() for pair in text.split(";") if pair.strip()]
    if not pairs:
        raise ValueError("it names no start")
    if len(pairs) > MAX_STARTS:
        raise ValueError(f"it names {len(pairs)} starts; the landscape keeps {MAX_STARTS} at most")
    starts = []
    for pair in pairs:
        parts = pair.split(",")
        try:
            w, b = (float(parts[0]), float(parts[1])) if len(parts) == 2 else (None, None)
        except ValueError:
            w = b = None
        if w is None or b is None:
            raise ValueError(f"'{pair}' is not a start: write each as w,b and separate them with ';', e.g. -4,-4;4,4")
        if not (surface.W_RANGE[0] <= w <= surface.W_RANGE[1] and surface.B_RANGE[0] <= b <= surface.B_RANGE[1]):
            raise ValueError(f"'{pair}' is off the map: w and b must each be from {surface.W_RANGE[0]:g} to {surface.W_RANGE[1]:g}")
        starts.append((round(w, 2), round(b, 2)))
    return tuple(starts)


def starts_text(starts: Iterable[tuple[float, float]]) -> str:
    """The starts as the URL writes them: 'w,b;w,b' (the inverse of ``parse_starts``)."""
    return ";".join(f"{w:g},{b:g}" for w, b in starts)


def why_not(text: str) -> str | None:
    """Why a link's ``starts`` cannot be used, or None when it can."""
    try:
        parse_starts(text)
    except ValueError as error:
        return str(error)
    return None
