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

With ``--think SECONDS`` the clients behave like a lecture hall instead: each waits an
exponential think time (mean SECONDS), then changes one URL-bound control on a random page,
and waits again; 100 clients thinking 3 s offer about 33 reruns/s. Reported then: reruns served
per second (finished within the run), p50/p95/p99 latency and errors, next to one client
sending the same kind of moves back to back (the baseline, in the same run).

On a machine of two or more cores the server it starts runs on all but the last core
(``taskset``) and the clients, with their Chromium uploaders, on the last one, so that the
figures measure the server rather than the clients' share of its cores. The first line printed
says where they ran as read from /proc during the load: every thread of the server, and every
thread of this script and of the processes it started (Chromium, Playwright's driver), with the
CPUs each may run on and the CPU each last ran on; the run fails if they were not apart.

``--probe DIR`` starts the server through bench/mem_probe_server.py, which writes what it holds
to DIR at the start and after each round (glibc's heap, pymalloc's arenas, live objects by type,
the shared caches, the RSS before and after malloc_trim; the last report empties the app's
caches and measures again), and prints a summary line for each. ``--url`` points the load at a server that is already running (deploy/serve.py's proxy, say)
instead of starting one; the server's memory is then not read. A websocket client sends no
cookie, so behind the proxy each one is placed by HAProxy's balancing and stays on that replica
for as long as its connection lives, as a browser tab's websocket does.
Run: python bench/bench_load_test.py [--clients 30] [--seconds 60] [--uploaders 3]
     python bench/bench_load_test.py --clients 100 --think 3 --seconds 60 --rounds 1 --uploaders 0 [--url URL]
     python bench/bench_load_test.py --clients 100 --think 3 --seconds 60 --rounds 3 --uploaders 0 --probe /tmp/probe
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
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


# The think-time model's moves: per view (page, its fixed query), each control a student moves
# and the values they pick from; the same ranges requests_for() runs.
VIEWS = [
    ("intuition", "", {"alpha": [f"{0.05 + 0.01 * k:.2f}" for k in range(9)], "w0": [f"{6 - 0.5 * k:.1f}" for k in range(9)]}),
    ("learning_rate", "", {"w0": [f"{-1.5 + 0.3 * k:.1f}" for k in range(9)], "iters": [str(40 + 5 * k) for k in range(9)]}),
    ("local_minimum", "", {"w0": [f"{0.5 + 0.6 * k:.1f}" for k in range(9)], "alpha": [f"{0.05 + 0.01 * k:.2f}" for k in range(9)]}),
    ("regression", "", {"alpha": [f"{0.005 + 0.001 * k:.3f}" for k in range(9)], "iters": [str(2000 + 500 * k) for k in range(9)]}),
    ("regression", "dataset=Auto+MPG+cars&scale=true&iters=300", {"alpha": [f"{0.1 + 0.05 * k:.2f}" for k in range(9)]}),
]


def next_move(rng: random.Random, views: dict[int, dict[str, str]]) -> tuple[str, str]:
    """(page, query string) after a student changes one control on a random page.

    ``views`` holds this student's settings per view, so every other control stays where they
    left it, as it does in their browser's URL.
    """
    index = rng.randrange(len(VIEWS))
    page, fixed, controls = VIEWS[index]
    settings = views.setdefault(index, {})
    name = rng.choice(list(controls))
    settings[name] = rng.choice([value for value in controls[name] if value != settings.get(name)])
    return page, "&".join(part for part in [fixed, *(f"{k}={v}" for k, v in settings.items())] if part)


@dataclass
class Load:
    """What one run of clients measured."""

    latencies: list[float] = field(default_factory=list)  # every rerun that finished, seconds
    later: list[float] = field(default_factory=list)  # the same without each session's first run
    served: int = 0  # reruns that finished before the deadline
    errors: list[str] = field(default_factory=list)
    peak_mb: float = float("nan")
    upload_latencies: list[float] = field(default_factory=list)


@dataclass
class Pinning:
    """Where the server's and the clients' threads may run (Cpus_allowed_list) and where each last
    ran, read from /proc while the load runs: what the printed pinning line reports.

    A client-side thread found off the clients' CPUs is moved back to them (``home``) and counted
    in ``moved``: Chromium's SwiftShader (its software WebGL, used headless for the 3-D surfaces)
    starts worker threads ("Thread<00>", marl's scheduler) that pin themselves to a core, the
    server's included, whatever the affinity Chromium was started with."""

    home: set[int] = field(default_factory=set)  # the clients' CPUs (pin_cores)
    server: set[int] = field(default_factory=set)  # CPUs any server thread may run on
    server_ran: set[int] = field(default_factory=set)  # CPUs a server thread was last seen on
    server_threads: int = 0
    clients: set[int] = field(default_factory=set)  # the same for this process and its children (Chromium)
    clients_ran: set[int] = field(default_factory=set)
    client_threads: int = 0
    client_processes: int = 0
    moved: set[tuple[int, str]] = field(default_factory=set)  # (thread id, name) moved back to ``home``

    def sample(self, server_pid: int | None) -> None:
        server_tree = set(descendants(server_pid)) if server_pid else set()
        clients = [p for p in descendants(os.getpid()) if p not in server_tree]
        for pids, allowed, ran, kind in ((server_tree, self.server, self.server_ran, "server"), (clients, self.clients, self.clients_ran, "clients")):
            threads = 0
            for process in pids:
                for task in Path(f"/proc/{process}/task").glob("*"):
                    try:
                        status = (task / "status").read_text()
                        stat = (task / "stat").read_text()
                        cpus_now = cpu_list(next(line.split()[1] for line in status.splitlines() if line.startswith("Cpus_allowed_list:")))
                        if kind == "clients" and self.home and cpus_now != self.home:
                            os.sched_setaffinity(int(task.name), self.home)
                            self.moved.add((int(task.name), (task / "comm").read_text().strip()))
                            cpus_now = set(os.sched_getaffinity(int(task.name)))
                        elif not any(tid == int(task.name) for tid, _ in self.moved):  # a moved one's last CPU may date from before
                            ran.add(int(stat.rsplit(")", 1)[1].split()[36]))  # field 39, "processor"
                    except OSError:
                        continue  # the thread ended meanwhile
                    threads += 1
                    allowed |= cpus_now
            if kind == "server":
                self.server_threads = max(self.server_threads, threads)
            else:
                self.client_threads = max(self.client_threads, threads)
                self.client_processes = max(self.client_processes, len(pids))


PINNING = Pinning()


def cpu_list(text: str) -> set[int]:
    """'0-2,5' -> {0, 1, 2, 5}."""
    cpus: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        cpus.update(range(int(low), int(high or low) + 1))
    return cpus


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (read from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        process = todo.pop()
        found.append(process)
        todo += children.get(process, [])
    return found


def rss_mb(pid: int | None) -> float:
    if pid is None:  # a server this script did not start (--url)
        return float("nan")
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


async def client(index: int, url: str, deadline: float, load: Load, think: float | None = None) -> None:
    """One tab. ``think`` None: back to back through requests_for(); a number: the think-time
    model, next_move() after an exponential pause of that mean (0: no pause)."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    rng = random.Random(index)
    views: dict[int, dict[str, str]] = {}
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=url) as ws:
            step = 0
            while time.monotonic() < deadline:
                if think is None:
                    page, query = requests_for(index, step)
                else:
                    pause = rng.expovariate(1 / think) if think > 0 else 0.0
                    if time.monotonic() + pause >= deadline:
                        return
                    await asyncio.sleep(pause)
                    page, query = next_move(rng, views)
                try:
                    seconds, exceptions = await rerun(ws, page, query)
                except (asyncio.TimeoutError, websockets.WebSocketException) as error:
                    load.errors.append(f"client {index} {page}?{query}: {type(error).__name__}")
                    return
                load.latencies.append(seconds)
                if step:
                    load.later.append(seconds)
                if time.monotonic() <= deadline:
                    load.served += 1
                if exceptions:
                    load.errors.append(f"client {index} {page}?{query}: {exceptions} exception(s) on the page")
                step += 1
    except OSError as error:
        load.errors.append(f"client {index}: could not connect ({error})")


async def run_clients(
    url: str, sessions: int, seconds: float, pid: int | None, uploaders: int = 0, think: float | None = None
) -> Load:
    load = Load(peak_mb=rss_mb(pid))
    deadline = time.monotonic() + seconds
    uploads = threading.Thread(target=upload_loop, args=(url, uploaders, deadline, load.upload_latencies, load.errors)) if uploaders else None
    if uploads:
        uploads.start()
    tasks = [asyncio.create_task(client(i, url, deadline, load, think)) for i in range(sessions - uploaders)]
    ticks = 0
    while not all(task.done() for task in tasks) or (uploads and uploads.is_alive()):
        load.peak_mb = max(load.peak_mb, rss_mb(pid))
        if ticks % 4 == 1:  # every second, once the clients (and Chromium) are up
            PINNING.sample(pid)
        ticks += 1
        await asyncio.sleep(0.25)
    return load


def snapshot(page, stem: str) -> str:
    """A full-page screenshot in artifacts/ for an error message; its name, or why there is none."""
    shot = ARTIFACTS / f"load_test_{stem}.png"
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(shot), full_page=True, timeout=10_000)
    except Exception as error:  # noqa: BLE001 - the error being reported matters more
        return f"no screenshot: {type(error).__name__}"
    return f"screenshot {shot.name}"


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
                    errors.append(f"upload {path.name}: w = {slope} not shown within 60 s ({snapshot(page, path.stem)})")
                    continue
                latencies.append(time.perf_counter() - start)
                if page.locator("[data-testid='stException']").count():
                    errors.append(f"upload {path.name}: exception on the page")
            except Exception as error:  # noqa: BLE001 - any failure is an error to report
                message = str(error).splitlines()[0][:120]
                errors.append(f"upload {path.name}: {type(error).__name__}: {message} ({snapshot(page, path.stem)})")
        browser.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


def row(label: str, load: Load, seconds: float, base_p50: float) -> str:
    p50, p95, p99 = (percentile(load.latencies, q) * 1e3 for q in (0.5, 0.95, 0.99))
    return (
        f"{label:<34} {len(load.latencies):>7} {load.served / seconds:>9.1f} {len(load.errors):>7}"
        f" {p50:>7.0f} {p95:>7.0f} {p99:>7.0f} {p50 / (base_p50 * 1e3):>9.1f}x"
    )


def pin_cores() -> tuple[str, str]:
    """Put this process (the clients; every thread it has now, and so every thread and child it
    starts later) on the last core and return (server's cores, clients' cores) as taskset lists;
    ('', '') where there is one core or no taskset."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2 or shutil.which("taskset") is None:
        return "", ""
    for task in Path("/proc/self/task").iterdir():  # sched_setaffinity(0) would pin only this thread
        os.sched_setaffinity(int(task.name), {cores[-1]})
    PINNING.home = {cores[-1]}
    return ",".join(map(str, cores[:-1])), str(cores[-1])


def cpus(found: set[int]) -> str:
    return ",".join(map(str, sorted(found))) or "?"


def pinning_note(server_cpus: str, client_cpus: str, started: bool, seen: Pinning) -> tuple[str, list[str]]:
    """The pinning line, from what was read in /proc during the load, and any error in it."""
    clients = f"clients ({seen.client_threads} threads in {seen.client_processes} process(es): this script and its children) on CPU {cpus(seen.clients)}, last ran on {cpus(seen.clients_ran)}"
    if seen.moved:
        names = sorted({name for _, name in seen.moved})
        clients += f" ({len(seen.moved)} Chromium threads that pinned themselves to another CPU, {', '.join(names[:4])}, moved back within a second; their last CPU not counted)"
    if not client_cpus:
        return f"server and clients share the cores (no taskset, or one core): {clients}", []
    if not started:
        return f"{clients}; the server at --url is not pinned by this bench (pin it with taskset -c {server_cpus})", []
    server = f"server ({seen.server_threads} threads) on CPU {cpus(seen.server)}, last ran on {cpus(seen.server_ran)}"
    line = f"pinned (taskset -c {server_cpus} / {client_cpus}), read from /proc during the load: {server}; {clients}"
    wanted = cpu_list(server_cpus), cpu_list(client_cpus)
    if seen.server != wanted[0] or not seen.server_ran <= wanted[0]:
        return line, [f"pinning: the server's threads may run on CPU {cpus(seen.server)}, not only {server_cpus}"]
    if seen.clients != wanted[1] or not seen.clients_ran <= wanted[1]:
        return line, [f"pinning: the clients' threads may run on CPU {cpus(seen.clients)}, not only {client_cpus}"]
    return line, []


def probe(folder: Path, label: str, clear: bool = False) -> str:
    """Ask the server (bench/mem_probe_server.py) for its report ``label`` (``clear``: then empty
    its caches and report again); its summary line."""
    report = folder / f"{label}.txt"
    report.unlink(missing_ok=True)
    (folder / f"request-{label}{'-clear' if clear else ''}").touch()
    deadline = time.monotonic() + 120
    def done() -> bool:
        return report.exists() and (not clear or "caches cleared" in report.read_text())

    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # each part is written in one call; let it finish
    if not report.exists():
        return f"probe {label}: no report within 120 s"
    lines = report.read_text().splitlines()
    picked = [lines[0], *(line for line in lines if line.startswith(("glibc heap", "pymalloc:", "sessions:", "shared caches", "malloc_trim", "tracemalloc:", "caches cleared")))]
    return f"probe {label} ({report}): " + "; ".join(picked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", "--sessions", dest="sessions", type=int, default=30, help="sessions, the Chromium uploaders included")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=2, help="repeat the load: memory must not keep growing")
    parser.add_argument("--uploaders", type=int, default=3, help="how many of the sessions are Chromium tabs uploading CSVs")
    parser.add_argument("--think", type=float, help="mean think time (s, exponential) before each client's next move; default: back to back")
    parser.add_argument("--url", help="load this running server (e.g. deploy/serve.py's proxy) instead of starting one")
    parser.add_argument(
        "--probe", metavar="DIR", type=Path,
        help="start the server through bench/mem_probe_server.py and have it write what it holds to DIR at the start and after each round",
    )
    parser.add_argument("--trace", action="store_true", help="with --probe: tracemalloc on after the start probe (it slows the server: latencies are not comparable)")
    args = parser.parse_args()
    # Closed sessions are kept for server.disconnectedSessionTTL (120 s by default) in case the
    # student reconnects, then shut down by ui/patches/session_reaper.py; a 10 s TTL lets the run see
    # the memory come back within its time.
    ttl = 10
    # On a 2-core machine the clients compete with the server they measure: the server gets one
    # core, the clients (and any Chromium uploader they start) the other.
    server_cpus, client_cpus = pin_cores()
    runner = [sys.executable, str(ROOT / "bench" / "mem_probe_server.py")] if args.probe else [sys.executable, "-m", "streamlit", "run"]
    if server_cpus:
        runner = ["taskset", "-c", server_cpus, *runner]
    env = {**os.environ, "MEM_PROBE": str(args.probe.resolve())} if args.probe else None
    proc, url = (None, args.url.rstrip("/")) if args.url else start_app(extra_args=["--server.disconnectedSessionTTL", str(ttl)], runner=runner, env=env)
    pid = proc.pid if proc else None
    base_seconds = min(15.0, args.seconds)
    try:
        # Warm-up: every page and one upload (imports, caches, first runs), so that "start" is a
        # server that has done everything once and the growth after it is the sessions'. Four
        # clients, so that behind a proxy every replica gets its share.
        warm_uploads = min(1, args.uploaders)
        asyncio.run(run_clients(url, 4 + warm_uploads, 8, pid, uploaders=warm_uploads))
        start_mb = rss_mb(pid)
        probes = [probe(args.probe, "start")] if args.probe else []
        if args.probe and args.trace:
            probe(args.probe, "trace")
        # One client alone, the same kind of moves as the load below, back to back.
        base = asyncio.run(run_clients(url, 1, base_seconds, pid, think=None if args.think is None else 0.0))
        load = Load(peak_mb=0.0)
        closed_mb, after_ttl = float("nan"), []
        for _ in range(args.rounds):
            one = asyncio.run(run_clients(url, args.sessions, args.seconds, pid, args.uploaders, args.think))
            load.latencies += one.latencies
            load.later += one.later
            load.served += one.served
            load.errors += one.errors
            load.upload_latencies += one.upload_latencies
            load.peak_mb = max(load.peak_mb, one.peak_mb)
            if proc is None:
                continue
            time.sleep(5)
            closed_mb = rss_mb(pid)
            # Past the TTL, the app's session reaper (every 5 s) and its memory release.
            for _ in range(ttl + 20):
                time.sleep(1)
                settled = rss_mb(pid)
            after_ttl.append(settled)
            if args.probe:
                last = len(after_ttl) == args.rounds  # the last report also empties the caches: what they held
                probes.append(probe(args.probe, f"round{len(after_ttl)}", clear=last))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    base_p50 = percentile(base.latencies, 0.5)
    clients = args.sessions - args.uploaders
    if args.think is None:
        base_label, label = "1 session (baseline)", f"{args.sessions} sessions x {args.rounds} rounds"
    else:
        base_label, label = "1 client, no think (baseline)", f"{clients} clients, think {args.think:g} s x {args.rounds}"
    note, pin_errors = pinning_note(server_cpus, client_cpus, proc is not None, PINNING)
    print(f"load on {url}, {os.cpu_count()} cores; " + note)
    print(f"{'run':<34} {'reruns':>7} {'served/s':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'p50 ratio':>10}")
    print(row(base_label, base, base_seconds, base_p50))
    print(row(label, load, args.seconds * args.rounds, base_p50))
    if args.think:
        print(f"offered: at most {clients / args.think:.1f} reruns/s ({clients} clients, one move per {args.think:g} s of thinking)")
        # A session's first run costs more than a later one, and a class opening the link
        # together pays it all at once: shown apart, so that a join burst is not mistaken for
        # what moving a control costs.
        later = [percentile(load.later, q) * 1e3 for q in (0.5, 0.95, 0.99)]
        print(
            f"without each session's first run: {len(load.later)} reruns, p50 {later[0]:.0f} ms,"
            f" p95 {later[1]:.0f} ms, p99 {later[2]:.0f} ms"
        )
    if proc is not None:
        end_mb = after_ttl[-1]
        print(
            f"server memory: {start_mb:.0f} MB at start, {load.peak_mb:.0f} MB at peak, {closed_mb:.0f} MB 5 s after the"
            f" sessions closed, {end_mb:.0f} MB once their {ttl} s TTL had passed ({end_mb / start_mb:.2f}x the start)"
        )
        growth = f"; round {len(after_ttl)} vs round 1: {after_ttl[-1] - after_ttl[0]:+.0f} MB" if len(after_ttl) > 1 else ""
        print("after each round, past the TTL: " + ", ".join(f"{mb:.0f} MB" for mb in after_ttl) + growth)
    for summary in probes:
        print(summary)
    if load.upload_latencies:
        uploads = load.upload_latencies
        print(
            f"uploads: {len(uploads)} CSVs uploaded through the page by {args.uploaders} Chromium tabs, each showed its own"
            f" fit; upload to fit p50 {percentile(uploads, 0.5) * 1e3:.0f} ms, p95 {percentile(uploads, 0.95) * 1e3:.0f} ms"
        )
    all_errors = base.errors + load.errors + pin_errors
    for line in all_errors[:20]:
        print("error:", line)
    if all_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
