"""Probe: what ten elements of one kind, drawn before a figure, add to a cold first paint in
Chromium, against the floor page in the same run (bench/element_app.py: the floor's page with
ten selectboxes, or number inputs, sliders, formulas, ...; "none": the floor's page again, which
shows the run's noise). Cold visits only, median of --repeats, at each --throttle.

Servers on core 0, Chromium on core 1, as in bench_first_paint. What it showed (issue 26,
2026-12-07, median of 3, load ~2.5): at 4x, ten selectboxes, number inputs or sliders added
0.3-0.45x of the floor, ten KaTeX formulas 0.35x (some of it the first use of a kind: its
JavaScript chunk to load and compile); ten radios, toggles, buttons, markdowns or captions were
within the noise ("none": 1.17x). At 1x every kind was within 1.16x. A second run (4x, median of
3, load 2.4; /selectbox_1: one of them; /selectbox_late: ten sent after the figure, drawn above
it): none 1.11x; selectbox 1.27x, one 1.09x, late 1.21x; number_input 1.20x, one 1.01x, late
1.10x; latex 1.03x, one 0.99x, late 1.06x. Each element costs a little, the first of a kind
more; sending them after the figure gains little, since the browser draws them all before it.
Run: flock /tmp/bench.lock python bench/probe_element_cost.py [--repeats 3] [--throttle 1,4] [--kinds selectbox,selectbox_1,selectbox_late]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_first_paint import FIGURE, WATCH, served  # noqa: E402
from bench.element_app import KINDS  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402


def cold(browser, url: str, throttle: float) -> float:
    """ms from navigation to the first figure painted, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(f"const SELECTOR = {json.dumps(FIGURE)};\n" + WATCH)
        if throttle != 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__fp !== null", polling=50, timeout=120_000 * throttle)
        return page.evaluate("window.__fp")
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--throttle", default="1,4")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.sched_setaffinity(0, {1})
    with served(ROOT / "bench" / "element_app.py", ROOT / "bench" / "floor_app.py") as (app_url, floor_url), sync_playwright() as playwright:
        cases = {"floor": f"{floor_url}/"} | {kind: f"{app_url}/{kind}" for kind in args.kinds.split(",")}
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        for url in cases.values():  # warm: the servers' imports
            cold(browser, url, 1)
        print(f"load average {os.getloadavg()[0]:.1f}; servers on core 0, Chromium on core 1; ten of a kind before the floor's figure; median of {args.repeats}")
        for throttle in [float(t) for t in args.throttle.split(",")]:
            times = {name: [] for name in cases}
            for _ in range(args.repeats):
                for name, url in cases.items():
                    times[name].append(cold(browser, url, throttle))
            floor_ms = statistics.median(times["floor"])
            print(f"\nCPU throttling {throttle:g}x: floor {floor_ms:.0f} ms")
            for name, values in times.items():
                print(f"  {name:<14} {statistics.median(values):>8.0f} ms {statistics.median(values) / floor_ms:>6.2f}x")
        browser.close()


if __name__ == "__main__":
    main()
