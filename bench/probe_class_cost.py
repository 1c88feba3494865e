"""What one student costs the server on the class page (issue 25's load): CPU per poll, per
answer, per first run of the page, and the bytes each sends back.

One replica (no proxy) on core 0 with its class store in a temporary folder; one client on
core 1 doing one thing at a time, so the replica's CPU time between two readings
(/proc/PID/stat: every thread, the event loop's websocket work included) is what that thing
cost. The script thread's own share comes from bench/rerun_cpu_server.py (per run).

    python bench/probe_class_cost.py [--polls 60] [--students 20]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_class_load import free_port_block, healthy, percentile  # noqa: E402
from bench.class_tab import Tab  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Counting(Tab):
    """A tab that counts the bytes the server sent it."""

    received = 0

    async def connect(self, timeout: float = 30.0) -> None:
        await super().connect(timeout)
        recv = self.ws.recv

        async def counted(*args, **kwargs):
            data = await recv(*args, **kwargs)
            self.received += len(data)
            return data

        self.ws.recv = counted


def script_ms(log: Path, since: int) -> tuple[list[float], int, str]:
    """The script runs logged since line ``since``: their CPU ms, the line count, and how many of each kind."""
    lines = log.read_text().splitlines()
    kinds = collections.Counter(line.split()[1] for line in lines[since:])
    return [float(line.split()[0]) for line in lines[since:]], len(lines), ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))


async def measure(url: str, pid: int, log: Path, args) -> list[str]:
    from class_store import open_store  # noqa: PLC0415
    from gd_core.class_round import RoundView  # noqa: PLC0415
    from ui.cache.classroom import _asked  # noqa: PLC0415

    store = open_store(f"sqlite:///{args.db}")
    made = store.create_class(_asked("intuition.direction", RoundView("intuition", "bowl", 7.0, 0.1, 30)))
    store.start_round(made.secret)
    lines = []
    warm = Tab(url, "class", f"join={made.code}&me={secrets.token_urlsafe(16)}")  # the server's first run imports the app
    await warm.connect()
    for _ in range(3):
        await warm.run()
    await warm.close()

    async def phase(name: str, count: int, step, prepare=None) -> None:
        _, seen, _ = script_ms(log, 0)
        before, sent, wall = cpu_s(pid), [], []
        for i in range(count):
            if prepare is not None:
                await prepare(i)
            t = time.perf_counter()
            sent.append(await step(i))
            wall.append(time.perf_counter() - t)
        await asyncio.sleep(0.3)  # let the server finish writing
        spent = cpu_s(pid) - before
        runs, _, kinds = script_ms(log, seen)
        lines.append(
            f"{name}: {count} x, server CPU {spent / count * 1000:.1f} ms each (script thread p50 {percentile(runs, 0.5):.1f} ms; runs: {kinds}), "
            f"wall p50 {percentile(wall, 0.5) * 1000:.0f} ms p95 {percentile(wall, 0.95) * 1000:.0f} ms, sent {sum(sent) / count / 1024:.1f} KiB each"
        )

    first_tabs: list[Counting] = []

    async def first_run(i: int) -> int:
        tab = Counting(url, "class", f"join={made.code}&me={secrets.token_urlsafe(16)}")
        await tab.connect()
        await tab.run()
        first_tabs.append(tab)
        return tab.received

    await phase("first run of the student page (a new session)", args.students, first_run)
    tab = first_tabs[0]

    async def poll(i: int) -> int:
        before = tab.received
        await tab.run(fragment=tab.fragment)
        return tab.received - before

    await phase("student poll (nothing changed)", args.polls, poll)

    async def redraw(i: int) -> int:
        before = tab.received
        await tab.run()
        return tab.received - before

    await phase("redraw: the whole page again (as when the round changed; its big elements cached in the tab)", args.students, redraw)

    async def pick(i: int) -> int:
        one = first_tabs[i]
        before = one.received
        labels = one.options("class_answer:1")
        await one.run([("class_answer:1", "string_value", labels[i % len(labels)])])
        return one.received - before

    async def commit(i: int) -> int:
        one = first_tabs[i]
        before = one.received
        labels = one.options("class_answer:1")
        drawn = await one.run([("class_answer:1", "string_value", labels[i % len(labels)]), ("class_commit", "trigger_value", True)])
        if "Kept" not in one.text() or drawn.exceptions:
            raise RuntimeError(f"not kept: {one.text()[-200:]!r}")
        return one.received - before

    await phase("pick an option (the radio's own rerun)", len(first_tabs), pick)
    await phase("Commit (the answer written)", len(first_tabs), commit)
    await phase("student poll after answering", args.polls, poll)

    async def move(i: int) -> None:
        """The teacher closes the round or starts the re-vote (not timed: the store's, not the page's)."""
        if i % 2 == 0:
            store.close_round(made.secret)
        else:
            store.start_round(made.secret)
        await asyncio.sleep(0.6)  # the replica's signature cache (SIGNATURE_FOR_S)

    async def moved(i: int) -> int:
        """The next poll sees the round moved, and redraws."""
        before = tab.received
        await tab.run(fragment=tab.fragment)
        if f"Round {i // 2 + 1 + (i % 2)}" not in tab.text():
            raise RuntimeError(f"the poll did not redraw the round: {tab.text()[-300:]!r}")
        return tab.received - before

    await phase("the round moved (closed, re-vote opened): the poll that sees it, with its redraw", args.moves, moved, move)
    for one in first_tabs:
        await one.close()
    store.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=60)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--moves", type=int, default=10, help="rounds closed or opened, one poll each (at most 40)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {1})
    with tempfile.TemporaryDirectory(prefix="gd-class-probe-") as tmp:
        args.db = Path(tmp) / "classes.sqlite3"
        log = Path(tmp) / "runs.log"
        log.touch()
        port = free_port_block(1)
        env = {**os.environ, "GD_DATA_DIR": tmp, "RERUN_LOG": str(log)}
        env.pop("GD_DATABASE_URL", None)
        server = subprocess.Popen(
            ["taskset", "-c", "0", sys.executable, str(ROOT / "bench" / "rerun_cpu_server.py"), str(ROOT / "streamlit_app.py"),
             "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(Path(tmp) / "server.log").open("wb"),
        )
        try:
            deadline = time.monotonic() + 90
            while not healthy(f"http://127.0.0.1:{port}"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start")
                time.sleep(0.3)
            lines = asyncio.run(measure(f"http://127.0.0.1:{port}", server.pid, log, args))
        finally:
            server.terminate()
            server.wait(timeout=20)
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
