"""Benchmark: server time of a rerun after a widget change, per page (median of N).

Two measurements. **In the server, a control's change**: the app runs in a real `streamlit run`
on loopback, and a websocket client asks for a rerun as a browser tab does when a student moves
a control: the control's new value, the page's current URL query, and the fragment the control
was drawn in. A lesson page's controls live in its live part (ui.app.page.live_part), so only that
part reruns. (The client sends only the changed widget's state and no page hash; the server
keeps the others'.) **The whole page (AppTest)**: the entry script, the navigation and the whole
page rerun, as when a student arrives on a page.

For each page, one widget is set to alternating values (revisit: the view was seen before, its
run and figure come from the shared cache) and then to a new value every time (new view), and
the rerun timed. The baseline, run in the same process, is a rerun of the home page (a page with
no computation and no controls, so its every rerun is a whole one): the ratio says how much a
student's click on a lesson costs the server against the cheapest page there is.
Target (issue 3): each 1-D page reruns in at most 150 ms on this 2-core machine.
Target (issue 12): each lesson page within 2x of the home page.

Measured is the CPU time of the thread that runs the script (time.thread_time around
ScriptRunner._run_script; in the server, bench/rerun_cpu_server.py logs it): the server's own
work for the rerun, which is what a class's clicks compete for, and unlike wall time it does not grow when other programs share the machine. The
wall time of AppTest.run (AppTest's own parsing of the page included) is printed beside it.

A server compiles each page's script once and keeps it (its ScriptCache); AppTest makes a new
cache every run and so compiles the page on every rerun, a cost the server does not pay. The
bench gives AppTest one cache for the whole run, as the server has.
Run: python bench/bench_reruns.py
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit.testing.v1.app_test as app_test  # noqa: E402
import streamlit.testing.v1.local_script_runner as local_script_runner  # noqa: E402
import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.conftest import start_app  # noqa: E402

SERVER_SCRIPT_CACHE = ScriptCache()
SCRIPT_CPU: list[float] = []  # thread CPU seconds of each script run, appended by the wrapper below
_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self, *args, **kwargs):
    start = time.thread_time()
    try:
        return _run_script(self, *args, **kwargs)
    finally:
        SCRIPT_CPU.append(time.thread_time() - start)


script_runner.ScriptRunner._run_script = _timed_run_script
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: SERVER_SCRIPT_CACHE  # one compile per script, as in the server

REPEATS = 21
# (page, widget changed, first value, step). "revisit": the widget goes back and forth between two
# values, as a student trying a change and undoing it (the view is cached after its first run);
# "new view": a value never shown before, every time (the run and its figure are made).
CASES = {
    "home (baseline)": ("home", None, 0.0, 0.0),
    "1 intuition: alpha": ("intuition", "alpha", 0.1, 0.01),
    "2 learning rate: w0": ("learning_rate", "w0", -1.0, 0.1),
    "3 local minimum: alpha": ("local_minimum", "alpha", 0.1, 0.01),
    "3 local minimum: beta": ("local_minimum", "beta", 0.5, 0.01),  # the momentum race on the landscape (a slider)
    "4 regression: alpha": ("regression", "alpha", 0.01, 0.001),
    "4 by hand: angle": ("regression", "angle", 10.0, 0.1),  # with the fit by hand on (QUERY): a slider
    "4 by hand, shown: angle": ("regression", "angle", 10.0, 0.1),  # and the questions off: its map and surface drawn too
    "6 batches: alpha": ("batches", "alpha", 0.3, 0.01),
}
QUERY = {"4 by hand: angle": "hand=true", "4 by hand, shown: angle": "hand=true&predict=false"}  # the URL a case's page opens with
SLIDERS = {"angle", "beta"}  # sliders: the value travels as a list of one number (a number input's as a number)



def revisit(first: float, step: float):
    return lambda i: first + step * (i % 2)


def new_view(first: float, step: float):
    """Values strictly between first and first + step, each once: never a view seen before."""
    return lambda i: first + step * (i + 1) / (REPEATS + 4)


def timed_reruns(page: str, key: str | None, value, query: str = "") -> tuple[float, float]:
    """AppTest: median (script CPU, AppTest.run wall) seconds of whole-page reruns after setting
    the number input (or slider) ``key`` to value(i), i = 0, 1, ..."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    for pair in filter(None, query.split("&")):
        name, _, text = pair.partition("=")
        at.query_params[name] = text
    if page != "home":
        at.switch_page(f"pages/{page}.py")
    at.run()
    cpu, wall = [], []
    for i in range(REPEATS):
        if key:
            (at.slider if key in SLIDERS else at.number_input)(key=key).set_value(value(i))
        SCRIPT_CPU.clear()
        start = time.perf_counter()
        at.run()
        wall.append(time.perf_counter() - start)
        cpu.append(sum(SCRIPT_CPU))
        assert not at.exception, at.exception
    return statistics.median(cpu), statistics.median(wall)


# --- in the server, as a browser sends it ----------------------------------------------------------


async def _finish(ws, widgets: dict[str, tuple[str, str]], url: list[str]) -> None:
    """Read one run's messages up to script_finished: the widgets it drew, by key, into
    ``widgets`` as (id, fragment id), and the page's URL query into ``url[0]``."""
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
        kind = msg.WhichOneof("type")
        if kind == "page_info_changed":
            url[0] = msg.page_info_changed.query_string
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"the page raised: {element.exception.message}")
            widget_id = getattr(getattr(element, element.WhichOneof("type")), "id", "")
            if isinstance(widget_id, str) and widget_id:
                widgets[widget_id.rsplit("-", 1)[-1]] = (widget_id, msg.delta.fragment_id)
        if kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return


async def _logged_after(log: Path, seen: int, timeout: float = 10.0) -> list[list[str]]:
    """The log's lines after the first ``seen``, once at least one has come (a run logs as it returns)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = log.read_text().splitlines()[seen:]
        if lines or time.monotonic() > deadline:
            return [line.split() for line in lines]
        await asyncio.sleep(0.002)


async def server_reruns(url: str, log: Path, values) -> dict[str, tuple[float, str]]:
    """Per case: the median script CPU seconds of the server's reruns after a browser-like change
    of its widget to values(first, step)(i), and what reran ("fragment" or "full").

    Every case has its own session, opened first; then the cases take turns, one rerun each per
    round, so a change in the machine's speed during the run (this is a shared 2-core machine)
    falls on the baseline and the pages alike instead of on whichever was measured then."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with contextlib.AsyncExitStack() as stack:
        sessions = {}
        for name, (page, key, first, step) in CASES.items():
            ws = await stack.enter_async_context(websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=url))
            widgets: dict[str, tuple[str, str]] = {}
            query = [""]
            msg = BackMsg()
            msg.rerun_script.page_name = page
            msg.rerun_script.query_string = QUERY.get(name, "")
            await ws.send(msg.SerializeToString())
            await _finish(ws, widgets, query)
            sessions[name] = (ws, widgets, query, values(first, step))
        cpu: dict[str, list[float]] = {name: [] for name in CASES}
        kinds: dict[str, set[str]] = {name: set() for name in CASES}
        for i in range(REPEATS + 2):  # the first two rounds warm up
            for name, (page, key, _, _) in CASES.items():
                ws, widgets, query, value = sessions[name]
                msg = BackMsg()
                msg.rerun_script.page_name = page
                msg.rerun_script.query_string = query[0]
                if key:
                    widget_id, fragment = widgets[key]
                    state = msg.rerun_script.widget_states.widgets.add()
                    state.id = widget_id
                    if key in SLIDERS:
                        state.double_array_value.data.append(value(i))
                    else:
                        state.double_value = value(i)
                    msg.rerun_script.fragment_id = fragment  # as the browser does: rerun the part the control is in
                seen = len(log.read_text().splitlines())
                await ws.send(msg.SerializeToString())
                await _finish(ws, widgets, query)
                runs = await _logged_after(log, seen)
                if i >= 2:
                    cpu[name].append(sum(float(ms) for ms, _ in runs) / 1e3)
                    kinds[name] |= {kind for _, kind in runs}
        return {name: (statistics.median(cpu[name]), "+".join(sorted(kinds[name]))) for name in CASES}


def measure_server() -> dict[str, tuple[float, float, str]]:
    """Per case: (revisit CPU s, new-view CPU s, what reran), in one server started for this."""
    log = Path(tempfile.mkdtemp()) / "reruns.log"
    log.touch()
    proc, url = start_app(runner=[sys.executable, str(ROOT / "bench" / "rerun_cpu_server.py")], env={**os.environ, "RERUN_LOG": str(log)})
    try:
        again = asyncio.run(server_reruns(url, log, revisit))
        new = asyncio.run(server_reruns(url, log, new_view))
        return {name: (again[name][0], new[name][0], again[name][1]) for name in CASES}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    server = measure_server()
    base = server["home (baseline)"][0]
    print("In the server, a control's change as a browser sends it: script CPU time of the rerun (median), ms and x the home page's")
    print(f"{'page: widget changed':<26} {'what reran':>10} {'revisit':>8} {'x home':>7} {'new view':>9} {'x home':>7}")
    for name, (again, new, kind) in server.items():
        print(f"{name:<26} {kind:>10} {again * 1e3:>8.1f} {again / base:>6.1f}x {new * 1e3:>9.1f} {new / base:>6.1f}x")

    whole_again, whole_new = {}, {}
    for name, (page, key, first, step) in CASES.items():
        whole_again[name] = timed_reruns(page, key, revisit(first, step), QUERY.get(name, ""))
        whole_new[name] = timed_reruns(page, key, new_view(first, step), QUERY.get(name, ""))
    base = whole_again["home (baseline)"][0]
    print()
    print("The whole page rerun (AppTest): script CPU time (median), ms and x the home page's; AppTest wall time in brackets")
    print(f"{'page: widget changed':<26} {'revisit':>17} {'x home':>7} {'new view':>18} {'x home':>7}")
    for name in CASES:
        (r_cpu, r_wall), (n_cpu, n_wall) = whole_again[name], whole_new[name]
        print(f"{name:<26} {r_cpu * 1e3:>7.1f} ({r_wall * 1e3:>6.1f}) {r_cpu / base:>6.1f}x {n_cpu * 1e3:>8.1f} ({n_wall * 1e3:>6.1f}) {n_cpu / base:>6.1f}x")


if __name__ == "__main__":
    main()
