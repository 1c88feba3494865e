"""Benchmark: what each lesson's first load puts on the wire, with the websocket's compression
(permessage-deflate: Streamlit's server.enableWebsocketCompression) and without it, and what
compressing costs the server.

Two servers start on loopback, pinned to core 0 (taskset -c 0): the app as configured (no
compression: the baseline) and the same app with --server.enableWebsocketCompression true. This
process, on core 1, opens each page's link as a new session would: a websocket client that
offers permessage-deflate as Chromium does, through a byte-counting relay on loopback. For each
page and server it reports the bytes of the session's first run (every ForwardMsg until the
script finishes): ``payload``, the messages as the page reads them, and ``wire``, the bytes the
server sent (frames, compressed or not); and the server's CPU time (user + system, /proc) for
--loads first loads, per load. Every page is opened once first, unmeasured, so both servers have
imported their modules and cached the page's figures, as for the second student on a link.
Run: flock /tmp/bench.lock python bench/bench_wire_bytes.py [--loads 10] [--query predict=false]

What it showed (issue 26, 2026-12-07, a day this machine ran ~3x slower than usual): compressed,
a first load is 0.40-0.54x its bytes on the default links and 0.27-0.36x with predict=false
(lesson 6's answered figure: 247 -> 89 kB), for 5-16 ms more of the server's CPU a load
(1.07-1.34x). In a lecture hall (bench_load_test.py --clients 100 --think 3, server on core 0),
the server served 24.6 reruns/s with compression against 28.3 without: 13% fewer. So the app
leaves it off (the class's capacity first), and README's Deploy says when to turn it on.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_first_paint import LESSONS, serve  # noqa: E402
from bench.bench_payload import rerun  # noqa: E402
from bench.probe_class_cost import cpu_s as cpu_seconds  # noqa: E402

class Relay:
    """A loopback TCP relay to ``port`` that counts the bytes the server sends back."""

    def __init__(self, port: int) -> None:
        self.port, self.sent = port, 0

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._pair, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _pair(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.port)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter, counted: bool) -> None:
            try:
                while data := await source.read(65536):
                    if counted:
                        self.sent += len(data)
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(reader, up_writer, False), pipe(up_reader, writer, True))


async def first_load(port: int, page: str, query: str) -> tuple[int, int]:
    """One new session's first run of ``page?query``: (payload bytes, bytes the server sent)."""
    relay = Relay(port)
    relay_port = await relay.start()
    url = f"ws://127.0.0.1:{relay_port}/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, origin=f"http://127.0.0.1:{relay_port}") as ws:
        payload = await rerun(ws, page, query)
        await asyncio.sleep(0.05)  # the last frame's bytes through the relay
        wire = relay.sent
    relay.server.close()
    return payload, wire


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=10, help="first loads per page and server for the CPU time")
    parser.add_argument("--query", default="", help="added to every lesson's URL, e.g. predict=false")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    os.sched_setaffinity(0, {1})
    app = ROOT / "streamlit_app.py"
    off, off_url = serve(app)
    on, on_url = serve(app, ["--server.enableWebsocketCompression", "true"])
    servers = {"compressed": (on, int(on_url.rsplit(":", 1)[1])), "not compressed": (off, int(off_url.rsplit(":", 1)[1]))}
    try:
        print(f"server(s) on core 0, this client on core 1; {args.loads} first loads per page and server; query {args.query!r}")
        print(f"{'page':<24} {'payload kB':>10} {'wire kB, off':>12} {'wire kB, on':>11} {'on/off':>7} {'server ms/load, off':>20} {'on':>6} {'on/off':>7}")
        for name, (page, _) in LESSONS.items():
            row = {}
            for label, (proc, port) in servers.items():
                asyncio.run(first_load(port, page, args.query))  # unmeasured: imports and caches
                before = cpu_seconds(proc.pid)
                sizes = [asyncio.run(first_load(port, page, args.query)) for _ in range(args.loads)]
                row[label] = (sizes[-1], (cpu_seconds(proc.pid) - before) * 1000 / args.loads)
            (payload, off_wire), off_ms = row["not compressed"]
            (_, on_wire), on_ms = row["compressed"]
            print(f"{name:<24} {payload / 1000:>10.1f} {off_wire / 1000:>12.1f} {on_wire / 1000:>11.1f} {on_wire / off_wire:>6.2f}x"
                  f" {off_ms:>20.0f} {on_ms:>6.0f} {on_ms / off_ms:>6.2f}x")
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
