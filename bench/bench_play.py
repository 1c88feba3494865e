"""Benchmark: frames per second while a page's player plays, in Chromium (no rerun involved).

The app is started on loopback; for each page a headless Chromium presses Play and counts
Plotly's animation updates (plotly_animatingframe events) for a few seconds. Reported: updates
per second, and the websocket messages the browser sent meanwhile (target 0). The regression
page runs the default 10,000 iterations on the course lab's data (154 frames). The machine's
load shares the two cores with everything else: read the numbers with `uptime` beside them.
Run: python bench/bench_play.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path, start_app, wait_for_app  # noqa: E402

PAGES = {
    "4 regression (10,000 iterations)": "regression?predict=false",
    "1 intuition (200 iterations; 1x is 2 frames a second, for reading)": "intuition?iters=200&predict=false",
    "2 learning rate (500 iterations)": "learning_rate?iters=500&predict=false",
    "3 local minima (300 iterations)": "local_minimum?iters=300&surface_iters=300&predict=false",
}  # predict=false: predict-then-see (issue 22) shows the start only, with no player, until a question is answered
COUNT = """() => { const gd = document.querySelector('.js-plotly-plot'); window._updates = [];
  gd.on('plotly_animatingframe', () => window._updates.push(performance.now())); }"""
RATE = "() => { const t = window._updates; return [t.length, t.length > 1 ? (t.length - 1) / ((t[t.length - 1] - t[0]) / 1000) : 0]; }"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    proc, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            print(f"load average before: {os.getloadavg()[0]:.1f}")
            print(f"{'page':<66} {'updates':>8} {'per second':>11} {'messages sent':>14}")
            for name, path in PAGES.items():
                page = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
                sent = [0]
                page.on("websocket", lambda ws: ws.on("framesent", lambda _p: sent.__setitem__(0, sent[0] + 1)))
                page.goto(f"{url}/{path}", timeout=120_000)
                wait_for_app(page, 120_000)
                page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=120_000)
                page.evaluate(COUNT)
                before = sent[0]
                page.locator(".js-plotly-plot .updatemenu-button", has_text="Play").first.click()
                page.wait_for_timeout(args.seconds * 1000)
                count, rate = page.evaluate(RATE)
                print(f"{name:<66} {count:>8} {rate:>11.1f} {sent[0] - before:>14}")
                page.context.close()
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
