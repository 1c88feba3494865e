"""One browser tab of the app, over Streamlit's websocket protocol, for the class page's load test.

A ``Tab`` connects like a browser (``/_stcore/stream``, subprotocol ``streamlit``), runs the page
with its query string, and keeps what the last run drew: every widget by its key (the user key
ends the element id Streamlit makes), the text of markdown, captions and alerts, and the fragment
that asked to be rerun on a timer (``auto_rerun``), which it can rerun as the browser does.
Clicking a button or picking a radio option is a rerun carrying the widgets' states, as the
browser sends them. It keeps the proxy's cookies (HAProxy's GDSERVER pins a browser to one
replica) and sends them back on every connection and ping, as a browser does, and it can
reconnect the way Streamlit's frontend does when its websocket closes (``reconnect``).
"""

from __future__ import annotations

import asyncio
import random
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Drawn:
    """What one run drew: widgets by user key (element type, proto), texts, exceptions."""

    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)
    fragment_of: dict[str, str] = field(default_factory=dict)  # widget key -> the fragment it was drawn in
    kinds: list[str] = field(default_factory=list)  # the element types this run sent, in order
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

    def __init__(self, url: str, page: str, query: str, cookies: dict[str, str] | None = None) -> None:
        self.url, self.page, self.query = url, page, query
        self.cookies: dict[str, str] = dict(cookies or {})  # the browser's cookie jar for this site
        self.ws = None
        self.drawn = Drawn()
        self.fragment: str | None = None
        self.page_hash = ""  # the page's script hash, from the server's navigation message: a browser sends it with every rerun
        self.cache: dict[str, ForwardMsg] = {}  # the browser's message cache: big elements it already has, by hash

    async def connect(self, timeout: float = 30.0) -> None:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": self._cookie_header()} if self.cookies else None
        self.ws = await asyncio.wait_for(
            websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=self.url, open_timeout=timeout,
                               additional_headers=headers), timeout
        )
        self._keep_cookies(self.ws.response.headers.get_all("Set-Cookie"))

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _keep_cookies(self, set_cookies) -> None:
        for line in set_cookies or ():
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value

    async def closed(self) -> None:
        """Returns when the websocket has closed (the browser's onclose)."""
        await self.ws.wait_closed()

    def _ping_once(self, path: str, timeout: float) -> None:
        request = urllib.request.Request(self.url + path, headers={"Cookie": self._cookie_header()} if self.cookies else {})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            self._keep_cookies(response.headers.get_all("Set-Cookie"))

    async def reconnect(self, attempts: int = 40) -> int:
        """Connect again after the websocket closed, as Streamlit 1.67's frontend does
        (static/js/index.*.js, WebsocketConnection): wait ``nextReconnectDelayMs`` (attempt 1:
        250-500 ms; then 500 * 2**(n-1) capped at 4 s, from half of it to all of it), ping
        /_stcore/health and /_stcore/host-config together until both answer (retries after 100 ms,
        then 100 * 2**(k-1) ms capped at 4 s, times 0.7-1.0; 15 s timeout each), then open the
        websocket. Cookies go along, so a browser pinned to a dead replica relies on the proxy to
        send it elsewhere. Returns the number of websocket attempts."""
        for attempt in range(1, attempts + 1):
            top = min(4000, 500 * 2 ** (attempt - 1))
            low = 250 if attempt == 1 else top / 2
            await asyncio.sleep((low + random.random() * (top - low)) / 1000)
            ping = 0
            while True:
                ping += 1
                try:
                    await asyncio.gather(*(asyncio.to_thread(self._ping_once, path, 15.0)
                                           for path in ("/_stcore/health", "/_stcore/host-config")))
                    break
                except OSError:
                    delay = 100 if ping == 1 else min(4000, 100 * 2 ** (ping - 1)) * (0.7 + random.random() * 0.3)
                    await asyncio.sleep(delay / 1000)
            try:
                await self.connect()
                return attempt
            except (OSError, asyncio.TimeoutError, websockets.WebSocketException):
                continue
        raise RuntimeError(f"no connection after {attempts} attempts")

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
        else:  # a widget drawn in a fragment reruns that fragment alone, as the browser asks
            inside = {self.drawn.fragment_of.get(key, "") for key, _, _ in states or ()}
            if len(inside) == 1 and "" not in inside:
                rerun.fragment_id = inside.pop()
                fragment = rerun.fragment_id
        rerun.cached_message_hashes.extend(self.cache)  # the server then sends a reference instead of what the browser has
        for key, kind, value in states or ():
            widget = rerun.widget_states.widgets.add()
            widget.id = self.drawn.widgets[key][1].id if key in self.drawn.widgets else key
            setattr(widget, kind, value)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        drawn = Drawn(widgets=dict(self.drawn.widgets) if fragment else {}, fragment_of=dict(self.drawn.fragment_of) if fragment else {},
                      auto_rerun=self.drawn.auto_rerun)
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            kind = forward.WhichOneof("type")
            if kind == "ref_hash":
                forward, kind = self.cache[forward.ref_hash], "delta"
            elif forward.metadata.cacheable and forward.hash:
                self.cache[forward.hash] = forward
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read(forward.delta.new_element, drawn, forward.delta.fragment_id)
            elif kind == "navigation" and forward.navigation.page_script_hash:
                self.page_hash = forward.navigation.page_script_hash  # st.navigation's page: what a browser sends back
            elif kind == "auto_rerun":
                drawn.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    # st.rerun: the page (or one fragment) runs again; what the browser has stays until redrawn
                    drawn = Drawn(widgets=dict(drawn.widgets), fragment_of=dict(drawn.fragment_of), auto_rerun=drawn.auto_rerun)
                    continue
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    drawn.exceptions += 1
                drawn.seconds = time.perf_counter() - start
                self.drawn = drawn
                if drawn.auto_rerun:
                    self.fragment = drawn.auto_rerun[1]
                return drawn

    @staticmethod
    def _read(element, drawn: Drawn, fragment_id: str = "") -> None:
        kind = element.WhichOneof("type")
        # A custom component is named: ui.views.figure_2d's figure is "bidi_component:gd_figure_2d".
        drawn.kinds.append(f"{kind}:{element.bidi_component.component_name}" if kind == "bidi_component" else kind)
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
            drawn.fragment_of[key] = fragment_id

    def text(self) -> str:
        return "\n".join(self.drawn.texts)

    def options(self, key: str) -> list[str]:
        return list(self.drawn.widgets[key][1].options)
