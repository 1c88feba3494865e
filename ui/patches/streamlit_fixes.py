"""Three fixes for Streamlit 1.67 that the app needs, applied once per server process.

**A link such as iters=1e999.** An integer ``st.number_input`` bound to the URL (``bind="query-params"``) reads a link value
such as ``iters=1e999`` as ``int(inf)``: Streamlit catches ValueError and TypeError there but
not the OverflowError this raises, so the page shows a traceback instead of ignoring the value.
``install()`` makes the integer conversion treat a non-finite number as out of range, which
Streamlit then handles as it does any out-of-range value (the default is used, the URL value is
cleared). tests/test_app_links.py fails without it.

**40 ms on every rerun.** Streamlit's server makes its listening socket with
``socket.socket(family=...)``, so every connection it accepts has ``proto`` 0. asyncio turns
Nagle's algorithm off (TCP_NODELAY) only for sockets whose ``proto`` is IPPROTO_TCP, so these
keep it on: a rerun's messages after the first wait for the browser's delayed ACK, 40 ms on
Linux, before they leave. Measured over a websocket on loopback: a page-1 rerun took 52 ms to
arrive, of which the script was 7 ms; with TCP_NODELAY, 7 ms. ``install()`` gives every TCP
stream asyncio sets up from then on TCP_NODELAY (connections already open keep what they have:
only those accepted before the app's first run).

**A cached figure's JSON made again on every rerun.** st.plotly_chart turns a figure into JSON
text with ``plotly.io.to_json(figure_dict, validate=False)`` on every rerun: 1.3 ms for page 4's
figure, a quarter of the page's rerun. A cached figure's dict (ui.charts.figure_dict.FigureDict) never
changes, so ``install()`` makes that call return the text made the first time (after which the
dict lets go of the figure: any other call is given the figure read back from the text).
"""

from __future__ import annotations

import asyncio.base_events
import math
import socket
from typing import Any

from streamlit.elements.widgets.number_input import NumberInputSerde

from ui.charts.figure_dict import FigureDict


def install() -> None:
    """Apply the fixes once (idempotent)."""
    _integer_overflow()
    _tcp_nodelay()
    _figure_json()


def _figure_json() -> None:
    """Make plotly.io.to_json give a FigureDict's text once made (as st.plotly_chart calls it)."""
    import plotly.io

    original = plotly.io.to_json
    if getattr(original, "_gd_fixed", False):
        return

    def to_json(fig: Any, *args: Any, **kwargs: Any) -> str:
        if isinstance(fig, FigureDict) and not args and kwargs == {"validate": False}:
            return fig.json(lambda: original(fig, validate=False))
        if isinstance(fig, FigureDict):  # another call: plotly's own, on the whole figure (its dict may be let go)
            return original(fig.figure(), *args, **kwargs)
        return original(fig, *args, **kwargs)

    to_json._gd_fixed = True  # type: ignore[attr-defined]
    plotly.io.to_json = to_json


def _tcp_nodelay() -> None:
    """Make asyncio set TCP_NODELAY on every TCP stream socket, whatever its ``proto``."""
    original = asyncio.base_events._set_nodelay  # type: ignore[attr-defined]
    if getattr(original, "_gd_fixed", False):
        return

    def set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    set_nodelay._gd_fixed = True  # type: ignore[attr-defined]
    asyncio.base_events._set_nodelay = set_nodelay  # type: ignore[attr-defined]


def _integer_overflow() -> None:
    """Patch NumberInputSerde.deserialize once (idempotent)."""
    original = NumberInputSerde.deserialize
    if getattr(original, "_gd_fixed", False):
        return

    def deserialize(self: NumberInputSerde, ui_value: Any) -> Any:
        if isinstance(ui_value, float) and not math.isfinite(ui_value):
            return self.value  # what Streamlit returns for any value it cannot take
        return original(self, ui_value)

    deserialize._gd_fixed = True  # type: ignore[attr-defined]
    NumberInputSerde.deserialize = deserialize  # type: ignore[method-assign]
