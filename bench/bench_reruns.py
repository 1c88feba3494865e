"""Benchmark: server time of a rerun after a widget change, per page (AppTest, median of N).

For each page, one widget is set to alternating values (revisit: the view was seen before, its
run and figure come from the shared cache) and then to a new value every time (new view), and
the rerun timed. The baseline, run in the same process, is a rerun of the home page (a page with
no computation): the ratio says how much each page's work adds to Streamlit's own cost of a rerun.
Target (issue 3): each 1-D page reruns in at most 150 ms on this 2-core machine.
Target (issue 12): each lesson page within 2x of the home page.

Measured is the CPU time of the thread that runs the script (time.thread_time around
ScriptRunner._run_script): the server's own work for the rerun, which is what a class's clicks
compete for, and unlike wall time it does not grow when other programs share the machine. The
wall time of AppTest.run (AppTest's own parsing of the page included) is printed beside it.

A server compiles each page's script once and keeps it (its ScriptCache); AppTest makes a new
cache every run and so compiles the page on every rerun, a cost the server does not pay. The
bench gives AppTest one cache for the whole run, as the server has.
Run: python bench/bench_reruns.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit.testing.v1.app_test as app_test  # noqa: E402
import streamlit.testing.v1.local_script_runner as local_script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402

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


def timed_reruns(page: str | None, key: str | None, value) -> tuple[float, float]:
    """Median (script CPU, AppTest.run wall) seconds of reruns after setting the number input
    ``key`` to value(i), i = 0, 1, ..."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    if page:
        at.switch_page(page)
    at.run()
    cpu, wall = [], []
    for i in range(REPEATS):
        if key:
            at.number_input(key=key).set_value(value(i))
        SCRIPT_CPU.clear()
        start = time.perf_counter()
        at.run()
        wall.append(time.perf_counter() - start)
        cpu.append(sum(SCRIPT_CPU))
        assert not at.exception, at.exception
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    # (page, widget, first value, step). "revisit": the widget goes back and forth between two
    # values, as a student trying a change and undoing it (the view is cached after its first
    # run); "new view": a value never shown before, every time (the run and its figure are made).
    cases = {
        "home (baseline)": (None, None, 0.0, 0.0),
        "1 intuition: alpha": ("pages/intuition.py", "alpha", 0.1, 0.01),
        "2 learning rate: w0": ("pages/learning_rate.py", "w0", -1.0, 0.1),
        "3 local minimum: alpha": ("pages/local_minimum.py", "alpha", 0.1, 0.01),
        "4 regression: alpha": ("pages/regression.py", "alpha", 0.01, 0.001),
    }
    revisit, new = {}, {}
    for name, (page, key, first, step) in cases.items():
        revisit[name] = timed_reruns(page, key, lambda i: first + step * (i % 2))
        new[name] = timed_reruns(page, key, lambda i: first + step * (i + 2) / 23)
    base = revisit["home (baseline)"][0]
    print("server CPU time of a rerun (median), ms and x the home page's; AppTest wall time in brackets")
    print(f"{'page: widget changed':<26} {'revisit':>17} {'x home':>7} {'new view':>18} {'x home':>7}")
    for name in cases:
        (r_cpu, r_wall), (n_cpu, n_wall) = revisit[name], new[name]
        print(f"{name:<26} {r_cpu * 1e3:>7.1f} ({r_wall * 1e3:>6.1f}) {r_cpu / base:>6.1f}x {n_cpu * 1e3:>8.1f} ({n_wall * 1e3:>6.1f}) {n_cpu / base:>6.1f}x")


if __name__ == "__main__":
    main()
