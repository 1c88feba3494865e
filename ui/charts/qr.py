"""The student link as a QR code, an SVG picture we make ourselves (segno: pure Python).

The link is ours (the app's address and a join code of our alphabet), and the SVG is segno's
drawing of its bits: paths, no text of the link inside. It is shown as an image (st.image),
never as HTML.

>>> svg = qr_svg("http://127.0.0.1:8501/class?join=K7QF2M")
>>> svg.startswith("<svg") and "<path" in svg and "join" not in svg
True
"""

from __future__ import annotations

import functools
import io

import segno

from ui.charts.style import INK


@functools.lru_cache(maxsize=64)  # server-wide, bounded: one picture per class link
def qr_svg(link: str, scale: int = 8) -> str:
    """The QR code of ``link`` (error correction M: readable off a projector with a glare spot)."""
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=scale, dark=INK, light="white", border=2, xmldecl=False, svgns=True, nl=False)
    return out.getvalue().decode("ascii")
