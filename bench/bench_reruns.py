"""Benchmark: server time of a rerun after a widget change, per page (AppTest, median of N).

For each page, the same widget is set to alternating values and the rerun timed. The baseline,
run in the same process, is a rerun of the home page (a page with no computation): the ratio
says how much each page's work adds to Streamlit's own cost of a rerun.
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


def timed_reruns(page: str | None, change) -> list[float]:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    if page:
        at.switch_page(page)
    at.run()
    times = []
    for i in range(REPEATS):
        change(at, i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


def main() -> None:
    cases = {
        "home (baseline)": (None, lambda at, i: None),
        "1 intuition: alpha": ("pages/intuition.py", lambda at, i: at.number_input(key="alpha").set_value(0.1 + 0.01 * (i % 2))),
        "2 learning rate: w0": ("pages/learning_rate.py", lambda at, i: at.number_input(key="w0").set_value(-1.0 + 0.1 * (i % 2))),
        "3 local minimum: alpha": ("pages/local_minimum.py", lambda at, i: at.number_input(key="alpha").set_value(0.1 + 0.01 * (i % 2))),
        "4 regression: alpha": ("pages/regression.py", lambda at, i: at.number_input(key="alpha").set_value(0.01 + 0.001 * (i % 2))),
    }
    results = {name: statistics.median(timed_reruns(page, change)) for name, (page, change) in cases.items()}
    base = results["home (baseline)"]
    print(f"{'page: widget changed':<28} {'median rerun ms':>16} {'x baseline':>11}")
    for name, seconds in results.items():
        print(f"{name:<28} {seconds * 1e3:>16.1f} {seconds / base:>10.1f}x")


if __name__ == "__main__":
    main()
