"""Load test of the class page (issue 25): a lecture of websocket students answering together.

Two Streamlit replicas behind HAProxy on loopback (deploy/haproxy.cfg, as deploy/serve.py runs
it, but started here so that one replica can be killed alone), sharing one SQLite class store
(GD_DATA_DIR in a temporary folder). Every student is a websocket tab speaking Streamlit's
protocol (bench/class_tab.py), as a phone's browser does: it opens ``/class?join=CODE&me=ID``,
reruns the page's poll fragment at the interval the server asks (2 s), and answers as a phone
does: it taps an option (a rerun of its own), and 0.3-1.2 s later presses Commit (the radio's
value with the button's trigger; a widget drawn in a fragment reruns that fragment, as the
browser asks). It keeps the proxy's cookie and the browser's message cache. The teacher is a tab too
(``/class?teach=SECRET``): it presses the page's buttons and reruns its live-spread fragment
every 1.5 s, reading "Round n: k answered".

Phases, one class:
1. baseline: one student answering alone (10 answers, each by a fresh student);
2. round 1: every student answers once at a random moment within ``--window`` seconds;
3. round 2 (re-vote): the teacher closes the round and starts round two; every student answers again;
4. round 3 with a kill: a new question; halfway through the window one replica is killed
   (SIGKILL); its students' tabs see their websocket close at once (the browser's onclose) and
   reconnect as Streamlit 1.67's frontend does (its delays, its health pings, the cookie of the
   dead replica: the proxy must send them on), to a new session on the other replica (the same
   ``me`` in the URL), and answer if their answer had not been kept.
After each round the database is read: every student counted exactly once, with the answer its
tab last had kept. Reported: answer latency p50/p95/max (and p95 over the baseline's p50), the
teacher's histogram delay after the last answer, errors, reconnects.

An answer's latency runs from the press of Commit until the page shows it kept. A press whose
replica died before answering counts from that first press to the page showing the answer kept
after the reconnect and a second press (the reconnect included, the student's second thought
not: pressed at once). A student whose moment to answer falls while its tab is reconnecting
(a browser shows the page disabled then), or whose tab loses its replica between the tap and
Commit, presses once it is back, and counts from that press.

The replicas and HAProxy run on core 0 (taskset -c 0), this script's clients on core 1.
Run under the bench lock:  flock /tmp/bench.lock python bench/bench_class_load.py [--students 100]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402

from bench.class_tab import Tab  # noqa: E402
from deploy.serve import haproxy_path, render_config  # noqa: E402

ANSWERED = re.compile(r"Round (\d+): (\d+) answered")
SERVER_CORE, CLIENT_CORE = "0", 1


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnects: list[float] = field(default_factory=list)
    last_ack: float = 0.0
    why: list[str] = field(default_factory=list)  # why tabs reconnected
    polls: list[float] = field(default_factory=list)  # a student page's poll (its fragment; a redraw when the round changed)
    teacher_polls: list[float] = field(default_factory=list)  # the teacher's live spread (its fragment)
    teacher_reconnects: list[float] = field(default_factory=list)
    lost: int = 0  # Commit presses lost with their replica (pressed again after the reconnect, timed from the first)


def free_port_block(count: int) -> int:
    for _ in range(50):
        first = random.randrange(20_000, 60_000)
        socks = []
        try:
            for port in range(first, first + count):
                s = socket.socket()
                s.bind(("127.0.0.1", port))
                socks.append(s)
            return first
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free ports")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_servers(port: int, data_dir: str, log_dir: Path) -> dict[str, subprocess.Popen]:
    """Two replicas and HAProxy, all on core 0; returns them by name once all answer."""
    env = {**os.environ, "GD_DATA_DIR": data_dir, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    env.pop("GD_DATABASE_URL", None)
    procs = {}
    for k in (1, 2):
        procs[f"r{k}"] = subprocess.Popen(
            ["taskset", "-c", SERVER_CORE, sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
             "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port + k),
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(log_dir / f"r{k}.log").open("wb"),
        )
    deadline = time.monotonic() + 90
    while not all(healthy(f"http://127.0.0.1:{port + k}") for k in (1, 2)):
        if time.monotonic() > deadline:
            raise RuntimeError("the replicas did not start")
        time.sleep(0.3)
    config = log_dir / "haproxy.cfg"
    config.write_text(render_config(f"127.0.0.1:{port}", [port + 1, port + 2]))
    procs["haproxy"] = subprocess.Popen(["taskset", "-c", SERVER_CORE, haproxy_path(), "-db", "-f", str(config)],
                                        stdout=(log_dir / "haproxy.log").open("wb"), stderr=subprocess.STDOUT)
    while not healthy(f"http://127.0.0.1:{port}"):
        if time.monotonic() > deadline:
            raise RuntimeError("haproxy did not start")
        time.sleep(0.2)
    return procs


def stop_servers(procs: dict[str, subprocess.Popen]) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


async def closed_while(tab: Tab, other: Awaitable[object], timeout: float | None = None) -> bool:
    """Wait for ``other`` (or ``timeout``) or for the tab's websocket to close, whichever comes
    first (the browser's onclose comes at once); True when the websocket closed."""
    done, closed = asyncio.ensure_future(other), asyncio.ensure_future(tab.closed())
    try:
        await asyncio.wait((done, closed), timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        done.cancel()
        closed.cancel()
    return closed.done() and not closed.cancelled()


class Student:
    """One phone: its tab, its id, the answers it had kept (round -> option key)."""

    def __init__(self, index: int, url: str, code: str) -> None:
        self.index = index
        self.me = secrets.token_urlsafe(16)
        self.url, self.query = url, f"join={code}&me={self.me}"
        self.tab = Tab(url, "class", self.query)
        self.kept: dict[int, str] = {}
        self.rng = random.Random(index)
        self.pressed_at: float | None = None  # a Commit press whose answer was lost with its replica

    async def open(self) -> None:
        await self.tab.connect()
        await self.tab.run()

    async def reopen(self, stats: Stats) -> None:
        """The tab's websocket closed (its replica died): reconnect through the proxy as Streamlit's
        frontend does (Tab.reconnect: its delays, its pings, the browser's cookies), then the page
        runs in a new session (another replica does not know the old one; the same ``me`` in the URL)."""
        start = time.perf_counter()
        self.tab = Tab(self.url, "class", self.query, cookies=self.tab.cookies)
        await self.tab.reconnect()
        await self.tab.run()
        stats.reconnects.append(time.perf_counter() - start)

    def radio(self, number: int) -> str | None:
        key = f"class_answer:{number}"
        return key if key in self.tab.drawn.widgets else None

    async def answer(self, number: int, stats: Stats) -> None:
        """Press Commit (or press it again, after a reconnect, when the first press was lost: its
        latency then counts from the first press, the reconnect included)."""
        key = self.radio(number)
        labels = self.tab.options(key)
        choice = labels[0] if self.rng.random() < (0.5 if number == 1 else 0.85) else self.rng.choice(labels)
        if self.pressed_at is None:
            # A phone first taps an option (its own rerun, as every widget change is), then Commit a moment later.
            await self.tab.run([(key, "string_value", choice)])
            # Meanwhile its page may lose its replica: the browser sees the websocket close at once
            # (onclose) and shows the page disabled until it is back, so Commit is pressed after the
            # reconnect (and counts from that press), never into the closed socket.
            if await closed_while(self.tab, asyncio.sleep(self.rng.uniform(0.3, 1.2))):
                raise websockets.ConnectionClosedError(None, None)
        stats.lost += self.pressed_at is not None
        pressed = self.pressed_at if self.pressed_at is not None else time.perf_counter()
        self.pressed_at = pressed
        await self.tab.run([(key, "string_value", choice), ("class_commit", "trigger_value", True)])
        self.pressed_at = None
        stats.latencies.append(time.perf_counter() - pressed)
        if self.tab.drawn.exceptions or "Kept" not in self.tab.text():
            stats.errors.append(f"student {self.index} round {number}: not kept ({self.tab.text()[-160:]!r})")
            return
        self.kept[number] = choice
        stats.last_ack = max(stats.last_ack, time.monotonic())

    async def take_part(self, number: int, due: float, stats: Stats, until: asyncio.Event) -> None:
        """Poll as the page does; answer round ``number`` at ``due`` (once its radio is drawn);
        reconnect as soon as the websocket closes (the browser's onclose); stop when ``until`` is
        set. Polls start at a random phase, as the tabs of a class opened at different moments do."""
        phase = self.rng.uniform(0, 2.0)
        while not until.is_set():
            try:
                if number not in self.kept and self.radio(number) and time.monotonic() >= due:
                    await self.answer(number, stats)
                    continue
                interval = self.tab.drawn.auto_rerun[0] if self.tab.drawn.auto_rerun else 2.0
                wait = (phase or interval) if number in self.kept or not self.radio(number) else min(phase or interval, max(0.0, due - time.monotonic()))
                phase = 0.0
                closed = await closed_while(self.tab, until.wait(), wait)
                if until.is_set():
                    return
                if closed:
                    raise websockets.ConnectionClosedError(None, None)
                if not (number not in self.kept and self.radio(number) and time.monotonic() >= due):
                    stats.polls.append((await self.tab.run(fragment=self.tab.fragment)).seconds)
            except (websockets.ConnectionClosed, OSError, asyncio.TimeoutError) as error:
                stats.why.append(type(error).__name__)
                if os.environ.get("GD_BENCH_DEBUG"):
                    import traceback; traceback.print_exc()
                await self.reopen(stats)


class Teacher:
    def __init__(self, url: str, secret: str) -> None:
        self.tab = Tab(url, "class", f"teach={secret}")
        self.seen: list[tuple[float, int, int]] = []  # (time, round, answered)

    async def press(self, key: str, extra: list | None = None) -> None:
        if key not in self.tab.drawn.widgets:
            raise RuntimeError(f"the teacher's page has no {key} button: {sorted(self.tab.drawn.widgets)} {self.tab.text()[-300:]!r}")
        await self.tab.run([*(extra or []), (key, "trigger_value", True)])
        if key not in ("class_new_question",) and self.tab.drawn.exceptions:
            raise RuntimeError(f"the teacher's page failed after {key}")

    async def watch(self, until: asyncio.Event, stats: Stats) -> None:
        while not until.is_set():
            interval = self.tab.drawn.auto_rerun[0] if self.tab.drawn.auto_rerun else 1.5
            closed = await closed_while(self.tab, until.wait(), interval)
            if until.is_set():
                return
            try:
                if closed:
                    raise websockets.ConnectionClosedError(None, None)
                stats.teacher_polls.append((await self.tab.run(fragment=self.tab.fragment)).seconds)
            except (websockets.ConnectionClosed, OSError, asyncio.TimeoutError):
                start = time.perf_counter()
                self.tab = Tab(self.tab.url, "class", self.tab.query, cookies=self.tab.cookies)
                await self.tab.reconnect()  # as a browser does (see Student.reopen)
                await self.tab.run()
                stats.teacher_reconnects.append(time.perf_counter() - start)
            for match in ANSWERED.finditer(self.tab.text()):
                self.seen.append((time.monotonic(), int(match.group(1)), int(match.group(2))))


def db_check(db: Path, code: str, number: int, students: list[Student]) -> list[str]:
    """Every student counted once in round ``number``, with the answer its tab had kept."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT a.session_id, a.value FROM gd_answers a JOIN gd_rounds r ON a.round_id = r.id JOIN gd_classes c ON r.class_id = c.id "
            "WHERE c.code = ? AND r.number = ?", (code, number),
        ).fetchall()
        form = conn.execute("SELECT r.asked FROM gd_rounds r JOIN gd_classes c ON r.class_id = c.id WHERE c.code = ? AND r.number = ?",
                            (code, number)).fetchone()[0]
    import json  # noqa: PLC0415

    labels = {label: key for key, label in json.loads(form)["form"]["options"]}
    problems = []
    by_session = {}
    for session, value in rows:
        if session in by_session:
            problems.append(f"round {number}: {session} counted twice")
        by_session[session] = value
    for s in students:
        if number not in s.kept:
            problems.append(f"round {number}: student {s.index} has no kept answer")
        elif by_session.get(s.me) != labels.get(s.kept[number]):
            problems.append(f"round {number}: student {s.index} kept {s.kept[number]!r}, the database has {by_session.get(s.me)!r}")
    if len(rows) != len(students):
        problems.append(f"round {number}: {len(rows)} answers in the database for {len(students)} students")
    return problems


async def one_round(number: int, label: int, students: list[Student], teacher: Teacher, window: float, kill=None) -> tuple[Stats, float]:
    """Everyone answers round ``number`` within ``window`` s; returns the stats and the teacher's
    delay from the last kept answer to seeing every answer counted (under the round's ``label``:
    the teacher's page names a round by the class's round number, "Round 3: 100 answered")."""
    stats = Stats()
    until = asyncio.Event()
    t0 = time.monotonic()
    watcher = asyncio.create_task(teacher.watch(until, stats))
    tasks = [asyncio.create_task(s.take_part(number, t0 + random.uniform(0, window), stats, until)) for s in students]
    killer = None
    if kill is not None:
        async def kill_later() -> None:
            await asyncio.sleep(window / 2)
            kill()
        killer = asyncio.create_task(kill_later())
    deadline = t0 + window + 60
    while time.monotonic() < deadline and not all(number in s.kept for s in students):
        await asyncio.sleep(0.1)
    seen_at = None
    while time.monotonic() < deadline and seen_at is None:
        full = [t for t, n, k in teacher.seen if n == label and k == len(students) and t >= stats.last_ack - 2]
        seen_at = full[0] if full and all(number in s.kept for s in students) else None
        await asyncio.sleep(0.05)
    until.set()
    await asyncio.gather(watcher, *tasks, *( [killer] if killer else []), return_exceptions=True)
    return stats, (seen_at - stats.last_ack) if seen_at else float("inf")


async def scenario(url: str, db: Path, store, args, kill) -> list[str]:
    from gd_core.class_round import RoundView  # noqa: PLC0415
    from ui.cache.classroom import _asked  # noqa: PLC0415

    lines = []
    view = RoundView("intuition", "bowl", 7.0, 0.1, 30)
    # 1. baseline: fresh students answering alone, one after the other.
    made = store.create_class(_asked("intuition.direction", view))
    store.start_round(made.secret)
    base = Stats()
    for i in range(10):
        s = Student(10_000 + i, url, made.code)
        await s.open()
        await s.answer(1, base)
        await s.tab.close()
    base_p50 = percentile(base.latencies, 0.5)
    lines.append(f"baseline: one student alone, answer p50 {base_p50 * 1000:.0f} ms, p95 {percentile(base.latencies, 0.95) * 1000:.0f} ms, errors {len(base.errors)}")

    made = store.create_class(_asked("intuition.direction", view))
    teacher = Teacher(url, made.secret)
    await teacher.tab.connect()
    await teacher.tab.run()
    await teacher.press("class_start")
    students = [Student(i, url, made.code) for i in range(args.students)]
    t = time.perf_counter()
    gate = asyncio.Semaphore(20)

    async def join(s: Student) -> None:
        async with gate:
            await s.open()

    await asyncio.gather(*(join(s) for s in students))
    lines.append(f"{args.students} students joined in {time.perf_counter() - t:.1f} s")

    def report(name: str, number: int, stats: Stats, delay: float) -> None:
        problems = db_check(db, made.code, number, students)
        p50, p95 = percentile(stats.latencies, 0.5), percentile(stats.latencies, 0.95)
        lines.append(
            f"{name}: {len(stats.latencies)} answers, p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({p95 / base_p50:.1f}x the baseline's p50), "
            f"max {max(stats.latencies) * 1000:.0f} ms; teacher saw all {args.students} {delay:.2f} s after the last answer; "
            f"errors {len(stats.errors)}; presses lost with a replica {stats.lost}; reconnects {len(stats.reconnects)}"
            + (f" (p50 {percentile(stats.reconnects, 0.5):.2f} s, max {max(stats.reconnects):.2f} s; {sorted(set(stats.why))})" if stats.reconnects else "")
            + (f"; the teacher's tab reconnected in {max(stats.teacher_reconnects):.2f} s" if stats.teacher_reconnects else "")
            + f"; database: {'every answer counted exactly once, as kept' if not problems else problems[:5]}"
        )
        lines.append(
            f"  polls: {len(stats.polls)} student polls, p50 {percentile(stats.polls, 0.5) * 1000:.0f} ms, p95 {percentile(stats.polls, 0.95) * 1000:.0f} ms; "
            f"{len(stats.teacher_polls)} teacher polls of the live spread, p50 {percentile(stats.teacher_polls, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(stats.teacher_polls, 0.95) * 1000:.0f} ms"
        )
        lines.extend(f"  error: {e}" for e in stats.errors[:5])

    stats, delay = await one_round(1, 1, students, teacher, args.window)
    report("round 1", 1, stats, delay)
    await teacher.press("class_close")
    await teacher.press("class_round_two")
    stats, delay = await one_round(2, 2, students, teacher, args.window)
    report("round 2 (re-vote)", 2, stats, delay)
    await teacher.press("class_close")
    await teacher.press("class_new_question")
    options = teacher.tab.options("class_question")
    await teacher.press("class_start", [("class_question", "string_value", next(o for o in options if "cost" in o.lower()))])
    stats, delay = await one_round(3, 3, students, teacher, args.window, kill=kill)
    report("round 3, replica r1 killed halfway", 3, stats, delay)
    for s in students:
        await s.tab.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--window", type=float, default=10.0, help="seconds within which every student answers")
    args = parser.parse_args()
    if haproxy_path() is None:
        raise SystemExit("haproxy is needed (apt-get install haproxy)")
    os.sched_setaffinity(0, {CLIENT_CORE})
    print(f"servers (2 replicas, haproxy) on core {SERVER_CORE} (taskset), clients on core {CLIENT_CORE}; {args.students} students", flush=True)
    with tempfile.TemporaryDirectory(prefix="gd-class-load-") as tmp:
        port = free_port_block(3)
        procs = start_servers(port, tmp, Path(tmp))
        from class_store import open_store  # noqa: PLC0415

        db = Path(tmp) / "classes.sqlite3"
        store = open_store(f"sqlite:///{db}")

        def kill() -> None:
            procs["r1"].send_signal(signal.SIGKILL)  # taskset exec()s streamlit: this is the replica itself

        try:
            lines = asyncio.run(scenario(f"http://127.0.0.1:{port}", db, store, args, kill))
        finally:
            store.close()
            stop_servers(procs)
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
