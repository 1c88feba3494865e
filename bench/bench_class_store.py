"""Benchmark: the class store under a lecture hall's rush, on SQLite and on PostgreSQL.

100 students (threads) split over two stores on one database (two replicas) all answer round 1
at once, the teacher closes it and opens round 2, and all answer again (a re-vote). Each
``answer`` call is timed; the teacher's ``teacher_view`` (what the live histogram polls) is
timed after each rush. The baseline, in the same run and on the same database: the same 100
answers given one after another from one thread, with no one else waiting. Printed: p50, p95
and max of an answer in the rush, the ratio of its p95 to the baseline's p50, and whether every
answer was counted exactly once. PostgreSQL is the test suite's server (tests/pg_server.py),
started and stopped here; it is left out when Debian's postgresql is not installed.

Run:  flock /tmp/bench.lock python bench/bench_class_store.py [--students 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from class_store import Asked, ClassStore, open_store  # noqa: E402
from gd_core.contexts import intuition_context  # noqa: E402
from gd_core.curves import CURVES  # noqa: E402
from gd_core.questions import form, question  # noqa: E402
from tests.pg_server import PostgresServer, postgres_bin  # noqa: E402

KEYS = ("left", "right", "stays")


def asked() -> Asked:
    context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
    return Asked("intuition.direction", {"w0": 7}, form(question("intuition.direction"), context))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rush(replicas: list[ClassStore], code: str, number: int, students: int) -> list[float]:
    """Every student answers round ``number`` at once; each answer's seconds."""
    times: list[float] = [0.0] * students
    go = threading.Event()

    def student(k: int) -> None:
        go.wait()
        t0 = time.perf_counter()
        replicas[k % len(replicas)].answer(code, f"student-{k:04d}-abcdefgh", number, KEYS[(k + number) % 3])
        times[k] = time.perf_counter() - t0

    threads = [threading.Thread(target=student, args=(k,)) for k in range(students)]
    for thread in threads:
        thread.start()
    go.set()
    for thread in threads:
        thread.join()
    return times


def bench(name: str, url: str, students: int) -> None:
    replicas = [open_store(url), open_store(url)]
    try:
        base = replicas[0].create_class(asked())
        replicas[0].start_round(base.secret)
        baseline = []
        for k in range(students):
            t0 = time.perf_counter()
            replicas[0].answer(base.code, f"alone-{k:04d}-abcdefghij", 1, KEYS[k % 3])
            baseline.append(time.perf_counter() - t0)
        new = replicas[0].create_class(asked())
        replicas[1].start_round(new.secret)
        first = rush(replicas, new.code, 1, students)
        t0 = time.perf_counter()
        view = replicas[1].teacher_view(new.secret)
        poll1 = time.perf_counter() - t0
        replicas[0].reveal(new.secret)
        replicas[1].start_round(new.secret)
        second = rush(replicas, new.code, 2, students)
        view = replicas[0].teacher_view(new.secret)
        counted = [s.total for s in view.spreads]
        exact = counted == [students, students] and all(
            [o.count for o in s.options] == [sum(1 for k in range(students) if (k + n) % 3 == i) for i in range(3)]
            for n, s in enumerate(view.spreads, start=1)
        )
        both = first + second
        p50_base = statistics.median(baseline)
        print(
            f"{name:10s} baseline (one at a time) p50 {p50_base * 1000:6.1f} ms | rush of {students} x 2 rounds, 2 replicas: "
            f"p50 {statistics.median(both) * 1000:6.1f} ms, p95 {percentile(both, 0.95) * 1000:6.1f} ms, max {max(both) * 1000:6.1f} ms "
            f"(p95 / baseline p50 = {percentile(both, 0.95) / p50_base:.1f}x) | teacher_view {poll1 * 1000:.1f} ms | "
            f"counted {counted}, exactly once: {exact}",
            flush=True,
        )
    finally:
        for replica in replicas:
            replica.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gd-bench-store-") as tmp:
        bench("SQLite", f"sqlite:///{tmp}/classes.sqlite3", args.students)
    if postgres_bin() is None:
        print("PostgreSQL: not installed (apt-get install postgresql), left out")
        return
    with PostgresServer.start() as server:
        bench("PostgreSQL", server.empty_database(), args.students)


if __name__ == "__main__":
    main()
