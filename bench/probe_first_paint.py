"""Probe: where a page's cold first paint goes, in Chromium: what the main thread ran, 100 ms at
a time (a V8 CPU profile grouped by script), when each websocket message and each large static
file arrived, and when the first figure was painted; the floor page (bench/floor_app.py) first,
served the same way. A diagnosis to read next to bench/bench_first_paint.py's ratios, not a
benchmark: the profiler itself slows the page (about 1.3x at 1 ms sampling).

Servers on core 0, this process and Chromium on core 1, as in bench_first_paint. Each page is
opened once unprofiled (the server imports and caches), then once profiled.
Run: flock /tmp/bench.lock python bench/probe_first_paint.py [--pages local_minimum,regression] [--throttle 4] [--query predict=false]

What it showed (issue 26, 2026-12-07, 1x): on /local_minimum every message had arrived by 1.5 s
and Plotly's chunk by 2.2 s, but the figure was painted at 5.5 s: the main thread spent 1.2-2.9 s
rendering the elements sent before the figure (React, Markdown, KaTeX, widgets), then evaluated
Plotly (0.7 s) and drew the figure (0.7 s).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_first_paint import FIGURE, WATCH, served  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

# Before the page's scripts: each websocket message's arrival (ms since navigation), its bytes,
# and whether it holds a Plotly figure (its JSON has a "layout").
MESSAGES = """(() => { window.__ws = []; const Native = window.WebSocket;
  window.WebSocket = function (...args) { const socket = new Native(...args);
    socket.addEventListener('message', (e) => { const t = performance.now();
      const note = (buffer) => { const bytes = new Uint8Array(buffer);
        const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400000));
        window.__ws.push([t, bytes.length, head.includes('"layout"')]); };
      if (e.data instanceof ArrayBuffer) note(e.data); else if (e.data instanceof Blob) e.data.arrayBuffer().then(note); });
    return socket; };
  window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native); })();"""


def timeline(profile: dict, until_ms: float, bucket_ms: float) -> list[tuple[float, float, list[tuple[str, int]]]]:
    """(start ms, busy share, the top scripts by samples) per bucket, from the profile's start
    (started just before navigation, so within a few ms of the page's time 0) to ``until_ms``."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    buckets: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    t = 0.0
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        t += delta / 1000
        if t > until_ms:
            break
        frame = nodes[sample]
        buckets[int(t // bucket_ms)][frame["url"].rsplit("/", 1)[-1][:24] or frame["functionName"]] += 1
    rows = []
    for k in sorted(buckets):
        counts = buckets[k]
        total = sum(counts.values())
        busy = 1 - counts.get("(idle)", 0) / total
        rows.append((k * bucket_ms, busy, [(name, n) for name, n in counts.most_common(4) if name != "(idle)"]))
    return rows


def probe(browser, url: str, path: str, query: str, throttle: float, profiled: bool) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(f"const SELECTOR = {json.dumps(FIGURE)};\n" + WATCH + MESSAGES)
        cdp = context.new_cdp_session(page)
        if throttle != 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        if profiled:
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 1000})
            cdp.send("Profiler.start")
        page.goto(f"{url}/{path}" + (f"?{query}" if query else ""), wait_until="commit")
        page.wait_for_function("window.__fp !== null", polling=50, timeout=120_000 * throttle)
        painted = page.evaluate("window.__fp")
        if not profiled:
            return
        profile = cdp.send("Profiler.stop")["profile"]
        messages = page.evaluate("window.__ws")
        files = page.evaluate(
            "performance.getEntriesByType('resource').filter(r => r.transferSize > 20000)"
            ".map(r => [r.name.split('/').pop().slice(0, 28), Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize])"
        )
        before = [m for m in messages if m[0] <= painted]
        figures = [(round(m[0]), m[1]) for m in messages if m[2]]
        print(f"\n== /{path or '(floor)'}: first figure painted at {painted:.0f} ms")
        print(f"  messages before it: {len(before)}, {sum(m[1] for m in before) / 1000:.1f} kB, first at {messages[0][0]:.0f} ms,"
              f" last at {max(m[0] for m in before):.0f} ms; figures (ms, bytes): {figures}")
        print("  files over 20 kB (name, start ms, end ms, bytes):")
        for name, start, end, size in files:
            print(f"    {name:<28} {start:>6} {end:>6} {size:>9}")
        print("  main thread, per bucket: busy share and the scripts that ran most (samples)")
        for start, busy, top in timeline(profile, painted, 100 * throttle):
            print(f"    {start:>7.0f} {busy:>4.0%}  " + ", ".join(f"{name} {n}" for name, n in top))
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default="local_minimum", help="comma-separated url paths of pages whose first screen has a figure (not debug)")
    parser.add_argument("--throttle", type=float, default=1.0)
    parser.add_argument("--query", default="")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.sched_setaffinity(0, {1})
    with served(ROOT / "streamlit_app.py", ROOT / "bench" / "floor_app.py") as (app_url, floor_url), sync_playwright() as playwright:
        cases = [(floor_url, "", "")] + [(app_url, p, args.query) for p in args.pages.split(",")]
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        for profiled in (False, True):
            for url, path, query in cases:
                probe(browser, url, path, query, args.throttle, profiled)
        browser.close()


if __name__ == "__main__":
    main()
