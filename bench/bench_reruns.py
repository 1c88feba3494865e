"""Benchmark: server time of a rerun after a widget change, per page (AppTest, median of N).

For each page, one widget is set to alternating values (revisit: the view was seen before, its
run and figure come from the shared cache) and then to a new value every time (new view), and
the rerun timed. The baseline, run in the same process, is a rerun of the home page (a page with
no computation): the ratio says how much each page's work adds to Streamlit's own cost of a rerun.
Target (issue 3): each 1-D page reruns in at most 150 ms on this 2-core machine.
Target (issue 12): each lesson page within 2x of the home page.

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

SERVER_SCRIPT_CACHE = ScriptCache()
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: SERVER_SCRIPT_CACHE  # one compile per script, as in the server

REPEATS = 21


def timed_reruns(page: str | None, key: str | None, value) -> list[float]:
    """Rerun times after setting the number input ``key`` to value(i), i = 0, 1, ..."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    if page:
        at.switch_page(page)
    at.run()
    times = []
    for i in range(REPEATS):
        if key:
            at.number_input(key=key).set_value(value(i))
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


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
        revisit[name] = statistics.median(timed_reruns(page, key, lambda i: first + step * (i % 2)))
        new[name] = statistics.median(timed_reruns(page, key, lambda i: first + step * (i + 2) / 23))
    base = revisit["home (baseline)"]
    print(f"{'page: widget changed':<26} {'revisit ms':>11} {'x home':>7} {'new view ms':>12} {'x home':>7}")
    for name in cases:
        print(f"{name:<26} {revisit[name] * 1e3:>11.1f} {revisit[name] / base:>6.1f}x {new[name] * 1e3:>12.1f} {new[name] / base:>6.1f}x")


if __name__ == "__main__":
    main()
