"""One browser tab of the app, over Streamlit's websocket protocol, for the class page's load test.

A ``Tab`` connects like a browser (``/_stcore/stream``, subprotocol ``streamlit``), runs the page
with its query string, and keeps what the last run drew: every widget by its key (the user key
ends the element id Streamlit makes), the text of markdown, captions and alerts, and the fragment
that asked to be rerun on a timer (``auto_rerun``), which it can rerun as the browser does.
Clicking a button or picking a radio option is a rerun carrying the widgets' states, as the
browser sends them.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Drawn:
    """What one run drew: widgets by user key (element type, proto), texts, exceptions."""

    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    exceptions: int = 0
    auto_rerun: tuple[float, str] | None = None  # (interval s, fragment id)
    seconds: float = 0.0


TEXT_KINDS = {"markdown": "body", "alert": "body"}


def _user_key(element_id: str) -> str | None:
    # Streamlit's ids are "$$ID-<hash>-<user key>" (ui.app.state's keys hold no "-").
    parts = element_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else None


class Tab:
    """A tab on ``url`` (http://host:port) showing ``page`` with ``query``."""

    def __init__(self, url: str, page: str, query: str) -> None:
        self.url, self.page, self.query = url, page, query
        self.ws = None
        self.drawn = Drawn()
        self.fragment: str | None = None
        self.page_hash = ""  # the page's script hash, from the server's navigation message: a browser sends it with every rerun

    async def connect(self, timeout: float = 30.0) -> None:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await asyncio.wait_for(
            websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=self.url, open_timeout=timeout), timeout
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, states: list | None = None, fragment: str | None = None, timeout: float = 30.0) -> Drawn:
        """One rerun (of the page, or of ``fragment`` alone) with ``states`` [(key, kind, value)]."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.page_name = self.page
        rerun.query_string = self.query
        if self.page_hash:
            rerun.page_script_hash = self.page_hash
        if fragment:
            rerun.fragment_id = fragment
            rerun.is_auto_rerun = True
        for key, kind, value in states or ():
            widget = rerun.widget_states.widgets.add()
            widget.id = self.drawn.widgets[key][1].id if key in self.drawn.widgets else key
            setattr(widget, kind, value)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        drawn = Drawn(widgets=dict(self.drawn.widgets) if fragment else {}, auto_rerun=self.drawn.auto_rerun)
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read(forward.delta.new_element, drawn)
            elif kind == "navigation" and forward.navigation.page_script_hash:
                self.page_hash = forward.navigation.page_script_hash  # st.navigation's page: what a browser sends back
            elif kind == "auto_rerun":
                drawn.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    drawn = Drawn(widgets={}, auto_rerun=drawn.auto_rerun)  # st.rerun: the page runs again, whole
                    continue
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    drawn.exceptions += 1
                drawn.seconds = time.perf_counter() - start
                self.drawn = drawn
                if drawn.auto_rerun:
                    self.fragment = drawn.auto_rerun[1]
                return drawn

    @staticmethod
    def _read(element, drawn: Drawn) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            drawn.exceptions += 1
            return
        if kind in TEXT_KINDS:
            drawn.texts.append(getattr(getattr(element, kind), TEXT_KINDS[kind]))
            return
        inner = getattr(element, kind, None)
        element_id = getattr(inner, "id", "") if inner is not None else ""
        key = _user_key(element_id) if element_id else None
        if key:
            drawn.widgets[key] = (kind, inner)

    def text(self) -> str:
        return "\n".join(self.drawn.texts)

    def options(self, key: str) -> list[str]:
        return list(self.drawn.widgets[key][1].options)
