"""The server-side fixes in ui.patches.streamlit_fixes, tested on what they change."""

from __future__ import annotations

import json

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

from ui.patches import streamlit_fixes


def accepted_nodelay() -> int:
    """TCP_NODELAY on a connection asyncio accepts from a listening socket made the way
    Streamlit's server makes it (``socket.socket(family=...)``: proto 0), on loopback."""

    async def serve() -> int:
        listener = socket.socket(family=socket.AF_INET)
        listener.bind(("127.0.0.1", 0))
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        try:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            value = await asyncio.wait_for(seen, 10)
            writer.close()
            return value
        finally:
            server.close()
            await server.wait_closed()

    # In a thread of its own: its event loop must not meet one another test left running here.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, serve()).result(timeout=30)


def test_accepted_connections_have_tcp_nodelay() -> None:
    assert socket.socket(family=socket.AF_INET).proto == 0  # why asyncio's own check skips them
    streamlit_fixes.install()
    streamlit_fixes.install()  # idempotent
    assert accepted_nodelay() != 0


def test_a_cached_figure_is_turned_into_json_once() -> None:
    import plotly.io

    from ui.charts.player import ReadyFigure

    streamlit_fixes.install()
    spec = {"data": [{"type": "scatter", "x": [1.0, 2.5], "y": [3.0, 4.0], "hovertemplate": "w = %{x}<br>J"}], "layout": {"title": {"text": "</b>"}}}
    figure = ReadyFigure(spec).to_dict()
    first = plotly.io.to_json(figure, validate=False)  # as st.plotly_chart calls it
    assert first == plotly.io.to_json(dict(spec), validate=False)  # the same text a plain dict gives
    assert plotly.io.to_json(figure, validate=False) is first  # made once, then kept
    assert dict(figure) == {"layout": {}}  # the figure let go once its text is made (only a width and a height are kept)
    pretty = plotly.io.to_json(figure, validate=False, pretty=True)  # any other call is plotly's own, on the whole figure
    assert pretty != first and json.loads(pretty) == json.loads(first)
    sized = ReadyFigure({"data": [], "layout": {"height": 610, "shapes": [{"type": "line"}]}}).to_dict()
    plotly.io.to_json(sized, validate=False)
    assert dict(sized) == {"layout": {"height": 610}}  # what st.plotly_chart reads besides the text
    assert plotly.io.to_json(dict(spec), validate=False) is not first


def test_a_cached_figure_holds_its_dict_only_and_st_plotly_chart_sends_it() -> None:
    """A ReadyFigure skips go.Figure's set-up (an empty layout and its validators, 37 kB a figure,
    kept by every cached figure after a class has left): it holds its dict and nothing else, and
    st.plotly_chart still takes it as a figure and sends its text."""
    import tracemalloc

    import plotly.graph_objects as go
    import plotly.io
    import plotly.tools

    from ui.charts.player import ReadyFigure

    streamlit_fixes.install()
    spec = {"data": [{"type": "scatter", "x": [1.0, 2.5], "y": [3.0, 4.0]}], "layout": {"height": 500}}
    ReadyFigure(spec)  # imports and first-call caches out of the way
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [ReadyFigure(dict(spec)) for _ in range(20)]
        per_figure = (tracemalloc.get_traced_memory()[0] - before) / len(kept)
    finally:
        tracemalloc.stop()
    assert per_figure < 2_000, f"a ReadyFigure takes {per_figure:.0f} bytes besides its dict"
    assert set(vars(kept[0])) == {"_spec"}
    figure = kept[0]
    assert isinstance(figure, go.Figure)  # what makes st.plotly_chart take its dict as it is, unvalidated
    sent = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)  # st.plotly_chart's own call
    assert sent is figure.spec
    assert json.loads(plotly.io.to_json(sent, validate=False)) == json.loads(plotly.io.to_json(spec, validate=False))


def test_the_first_run_freezes_what_it_imported() -> None:
    """ui.patches.memory.freeze_startup: after the app's first run its modules are out of the collector's reach."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import gc; from streamlit.testing.v1 import AppTest; assert gc.get_freeze_count() == 0; "
        "at = AppTest.from_file('streamlit_app.py', default_timeout=60).run(); assert not at.exception; "
        "print(gc.get_freeze_count())"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.split()[-1]) > 100_000  # Streamlit, pandas, plotly and the app: hundreds of thousands of objects
