"""Load test: 30 sessions at once, each a websocket client that speaks Streamlit's protocol.

The app is started on loopback (127.0.0.1 only). Every client connects like a browser tab, then
for a bounded time walks through every page, moving a control on each request: controls are
bound to the URL, so a rerun with a new query string is exactly what a browser sends when a
student moves one. Reported: errors (exceptions on a page, or failed reruns; target 0), the
p50/p95 rerun latency (request to script_finished), and the server's memory before, at its
peak, and after the sessions close. The baseline is the same request pattern from one client,
measured first in the same run. Alongside the websocket clients, a few real Chromium tabs
(``--uploaders``, counted among the sessions) upload CSV files through the regression page's
uploader over and over, each a different file, and check that each sees its own fit.
Run: python bench/bench_load_test.py [--sessions 30] [--seconds 60] [--uploaders 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.conftest import ARTIFACTS, CHROMIUM_ARGS, W_SHOWN, chromium_path, start_app  # noqa: E402


def requests_for(client: int, step: int) -> tuple[str, str]:
    """(page, query string) for this client's step: every page, a different control value each time."""
    k = (client * 7 + step) % 9
    pages = [
        ("intuition", f"alpha={0.05 + 0.01 * k:.2f}&w0={6 - 0.5 * k:.1f}"),
        ("learning_rate", f"w0={-1.5 + 0.3 * k:.1f}&iters={40 + 5 * k}"),
        ("local_minimum", f"w0={0.5 + 0.6 * k:.1f}&alpha={0.05 + 0.01 * k:.2f}"),
        ("regression", f"alpha={0.005 + 0.001 * k:.3f}&iters={2000 + 500 * k}"),
        ("regression", f"dataset=Auto+MPG+cars&scale=true&alpha={0.1 + 0.05 * k:.2f}&iters=300"),
        ("home", ""),
    ]
    return pages[step % len(pages)]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def rerun(ws, page: str, query: str, timeout: float = 30.0) -> tuple[float, int]:
    """Send one rerun; wait for script_finished. Returns (latency s, exceptions seen)."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    exceptions = 0
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=timeout)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            if forward.delta.new_element.WhichOneof("type") == "exception":
                exceptions += 1
        if kind == "script_finished":
            if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the page asked for a rerun (st.rerun); its real run follows
            if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                exceptions += 1
            return time.perf_counter() - start, exceptions


async def client(index: int, url: str, deadline: float, latencies: list[float], errors: list[str]) -> None:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=url) as ws:
            step = 0
            while time.monotonic() < deadline:
                page, query = requests_for(index, step)
                try:
                    seconds, exceptions = await rerun(ws, page, query)
                except (asyncio.TimeoutError, websockets.WebSocketException) as error:
                    errors.append(f"client {index} {page}?{query}: {type(error).__name__}")
                    return
                latencies.append(seconds)
                if exceptions:
                    errors.append(f"client {index} {page}?{query}: {exceptions} exception(s) on the page")
                step += 1
    except OSError as error:
        errors.append(f"client {index}: could not connect ({error})")


async def run_clients(
    url: str, sessions: int, seconds: float, pid: int, uploaders: int = 0
) -> tuple[list[float], list[str], float, list[float]]:
    latencies: list[float] = []
    errors: list[str] = []
    upload_latencies: list[float] = []
    peak = rss_mb(pid)
    deadline = time.monotonic() + seconds
    uploads = threading.Thread(target=upload_loop, args=(url, uploaders, deadline, upload_latencies, errors)) if uploaders else None
    if uploads:
        uploads.start()
    tasks = [asyncio.create_task(client(i, url, deadline, latencies, errors)) for i in range(sessions - uploaders)]
    while not all(task.done() for task in tasks) or (uploads and uploads.is_alive()):
        peak = max(peak, rss_mb(pid))
        await asyncio.sleep(0.25)
    return latencies, errors, peak, upload_latencies


def upload_loop(url: str, count: int, deadline: float, latencies: list[float], errors: list[str]) -> None:
    """``count`` Chromium tabs take turns uploading their own CSV until the deadline."""
    executable = chromium_path()
    if executable is None:
        errors.append("uploads: no chromium (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        tabs = []
        for k in range(count):
            slope = k + 2  # each tab's data: y = slope * x + 1, so its fitted w tells it apart
            tabs.append((browser.new_context(viewport={"width": 1400, "height": 2400}).new_page(), slope))
        step = 0
        while time.monotonic() < deadline:
            page, slope = tabs[step % count]
            # A new name every time, so the wait below cannot be met by the tab's previous upload.
            path = Path(tmp) / f"class_upload_{step % count}_{step}.csv"
            path.write_text("x,y\n" + "".join(f"{x},{slope * x + 1}\n" for x in range(1, 501)))
            step += 1
            try:
                page.goto(f"{url}/regression?dataset=Upload+a+CSV&scale=true&alpha=0.5&iters=500")
                page.wait_for_selector("[data-testid='stFileUploaderDropzoneInput']", state="attached", timeout=60_000)
                start = time.perf_counter()
                page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
                # Done when the new file's fit is on screen: the metric labelled w shows its slope.
                try:
                    page.wait_for_function(
                        W_SHOWN,
                        arg={"name": f"{path.name} (500 rows)", "slope": slope},
                        timeout=60_000,
                    )
                except Exception:  # noqa: BLE001 - report what the page shows instead
                    shot = ARTIFACTS / f"load_test_{path.stem}.png"
                    ARTIFACTS.mkdir(exist_ok=True)
                    page.screenshot(path=str(shot), full_page=True)
                    errors.append(f"upload {path.name}: w = {slope} not shown within 60 s (screenshot {shot.name})")
                    continue
                latencies.append(time.perf_counter() - start)
                if page.locator("[data-testid='stException']").count():
                    errors.append(f"upload {path.name}: exception on the page")
            except Exception as error:  # noqa: BLE001 - any failure is an error to report
                errors.append(f"upload {path.name}: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
        browser.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=2, help="repeat the load: memory must not keep growing")
    parser.add_argument("--uploaders", type=int, default=3, help="how many of the sessions are Chromium tabs uploading CSVs")
    args = parser.parse_args()
    # Closed sessions are kept for server.disconnectedSessionTTL (120 s by default) in case the
    # student reconnects, then shut down by ui/session_reaper.py; a 10 s TTL lets the run see
    # the memory come back within its time.
    ttl = 10
    proc, url = start_app(extra_args=["--server.disconnectedSessionTTL", str(ttl)])
    try:
        # Warm-up: every page once and one upload (imports, caches, first runs), so that "start"
        # is a server that has done everything once and the growth after it is the sessions'.
        asyncio.run(run_clients(url, 2, 8, proc.pid, uploaders=1))
        start_mb = rss_mb(proc.pid)
        base, base_errors, _, _ = asyncio.run(run_clients(url, 1, min(15.0, args.seconds), proc.pid))
        lat: list[float] = []
        errors: list[str] = []
        uploads: list[float] = []
        peak_mb, closed_mb, after_ttl = 0.0, 0.0, []
        for _ in range(args.rounds):
            round_lat, round_errors, round_peak, round_uploads = asyncio.run(
                run_clients(url, args.sessions, args.seconds, proc.pid, args.uploaders)
            )
            lat += round_lat
            uploads += round_uploads
            errors += round_errors
            peak_mb = max(peak_mb, round_peak)
            time.sleep(5)
            closed_mb = rss_mb(proc.pid)
            # Past the TTL, the app's session reaper (every 5 s) and its memory release.
            for _ in range(ttl + 20):
                time.sleep(1)
                settled = rss_mb(proc.pid)
            after_ttl.append(settled)
        end_mb = after_ttl[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    all_errors = base_errors + errors
    p50_1, p95_1 = percentile(base, 0.5), percentile(base, 0.95)
    p50, p95 = percentile(lat, 0.5), percentile(lat, 0.95)
    print(f"{'run':<28} {'reruns':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p50 ratio':>10}")
    print(f"{'1 session (baseline)':<28} {len(base):>7} {len(base_errors):>7} {p50_1 * 1e3:>8.0f} {p95_1 * 1e3:>8.0f} {1:>9.1f}x")
    label = f"{args.sessions} sessions x {args.rounds} rounds"
    print(f"{label:<28} {len(lat):>7} {len(errors):>7} {p50 * 1e3:>8.0f} {p95 * 1e3:>8.0f} {p50 / p50_1:>9.1f}x")
    print(
        f"server memory: {start_mb:.0f} MB at start, {peak_mb:.0f} MB at peak, {closed_mb:.0f} MB 5 s after the"
        f" sessions closed, {end_mb:.0f} MB once their {ttl} s TTL had passed ({end_mb / start_mb:.2f}x the start)"
    )
    if uploads:
        print(
            f"uploads: {len(uploads)} CSVs uploaded through the page by {args.uploaders} Chromium tabs, upload to fit"
            f" p50 {percentile(uploads, 0.5) * 1e3:.0f} ms, p95 {percentile(uploads, 0.95) * 1e3:.0f} ms"
        )
    growth = f"; round {len(after_ttl)} vs round 1: {after_ttl[-1] - after_ttl[0]:+.0f} MB" if len(after_ttl) > 1 else ""
    print("after each round, past the TTL: " + ", ".join(f"{mb:.0f} MB" for mb in after_ttl) + growth)
    print(f"throughput: {len(lat) / (args.seconds * args.rounds):.1f} reruns/s with {args.sessions} sessions on {__import__('os').cpu_count()} cores")
    for line in all_errors[:20]:
        print("error:", line)
    if all_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
