"""A fix for Streamlit 1.67 that the app needs, applied once per server process.

An integer ``st.number_input`` bound to the URL (``bind="query-params"``) reads a link value
such as ``iters=1e999`` as ``int(inf)``: Streamlit catches ValueError and TypeError there but
not the OverflowError this raises, so the page shows a traceback instead of ignoring the value.
``install()`` makes the integer conversion treat a non-finite number as out of range, which
Streamlit then handles as it does any out-of-range value (the default is used, the URL value is
cleared). tests/test_app_links.py fails without it.
"""

from __future__ import annotations

import math
from typing import Any

from streamlit.elements.widgets.number_input import NumberInputSerde


def install() -> None:
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
