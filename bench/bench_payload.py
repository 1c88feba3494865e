"""Benchmark: the bytes the browser receives for a rerun, per page (a websocket client).

The app is started on loopback; for each case a new client (a new session) opens the page, then
moves one control (a new query string, as a browser sends when a student changes a bound
widget); for both it counts the bytes of every ForwardMsg until the script finishes. The
baseline is a rerun of the home page.
Run: python bench/bench_payload.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.conftest import start_app  # noqa: E402

CASES = {
    "home (baseline)": ("home", "", ""),
    "1 intuition: alpha": ("intuition", "alpha=0.1", "alpha=0.11"),
    "2 learning rate: w0": ("learning_rate", "w0=-1.0", "w0=-0.9"),
    "3 local minimum: alpha": ("local_minimum", "alpha=0.1", "alpha=0.11"),
    "4 regression: alpha": ("regression", "alpha=0.01", "alpha=0.011"),
    "4 regression: scaled, Auto MPG": ("regression", "dataset=Auto+MPG+cars&scale=true&alpha=0.1&iters=500", "dataset=Auto+MPG+cars&scale=true&alpha=0.11&iters=500"),
}


async def rerun(ws, page: str, query: str) -> int:
    """Send one rerun; the bytes received until script_finished."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    await ws.send(msg.SerializeToString())
    received = 0
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=120)
        received += len(raw)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        if forward.WhichOneof("type") == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return received


async def measure(url: str) -> dict[str, tuple[int, int]]:
    results = {}
    for name, (page, first, second) in CASES.items():
        async with websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None, origin=url) as ws:
            opened = await rerun(ws, page, first)
            changed = await rerun(ws, page, second)
            results[name] = (opened, changed)
    return results


def main() -> None:
    proc, url = start_app()
    try:
        results = asyncio.run(measure(url))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    base = results["home (baseline)"][1] or 1
    print(f"{'page: control changed':<34} {'open bytes':>11} {'rerun bytes':>12} {'x baseline':>11}")
    for name, (opened, changed) in results.items():
        print(f"{name:<34} {opened:>11,} {changed:>12,} {changed / base:>10.1f}x")


if __name__ == "__main__":
    main()
