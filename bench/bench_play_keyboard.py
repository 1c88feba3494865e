"""Benchmark: what the keyboard player (ui/views/player.py) costs a playing figure, in Chromium.

bench_play.py compares two servers run one after the other; on a shared, loaded machine their
frame rates drift more than the player could move them. Here one page plays in turns with the
keyboard player listening (it moves its slider at every frame and writes its line of numbers a
few times a second) and with the player taken off (its listeners and its elements), the same figure in the same tab,
A B A B ...: the ratio of the medians is the player's cost. Also counted: websocket messages sent
while playing (target 0).
Run: python bench/bench_play_keyboard.py [--seconds 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path, start_app, wait_for_app  # noqa: E402

PAGES = {
    "4 regression (10,000 iterations)": "regression?predict=false",
    "2 learning rate (500 iterations)": "learning_rate?iters=500&predict=false",
    "3 local minima (300 iterations)": "local_minimum?iters=300&surface_iters=300&predict=false",
}
# Plotly's own listeners are internal (gd._internalOn): taking off the public ones leaves the player intact.
# Off: the player's listeners taken off the figure and its elements (buttons, line, table) out of the page.
OFF = """() => { const gd = document.querySelector('.js-plotly-plot');
  for (const e of ['plotly_animatingframe', 'plotly_sliderchange', 'plotly_buttonclicked', 'plotly_animated']) gd.removeAllListeners(e);
  gd._gdpHooked = null; const el = document.querySelector('.gdp'); window._gdp = [el, el.parentElement]; el.remove(); }"""
# On: its elements back, and any action (here: first frame) hooks it to the figure again.
ON = """() => { if (window._gdp) { window._gdp[1].append(window._gdp[0]); window._gdp = null; }
  document.querySelector('.gdp-btn[data-act=first]').click(); }"""
# One counting listener at a time: OFF takes every animatingframe listener off, but a round with the
# player on follows one with it off, whose counter would still be there and count each frame twice.
COUNT = """() => { const gd = document.querySelector('.js-plotly-plot'); window._updates = [];
  if (window._counter) gd.removeListener('plotly_animatingframe', window._counter);
  window._counter = () => window._updates.push(performance.now());
  gd.on('plotly_animatingframe', window._counter); }"""
RATE = "() => { const t = window._updates; return t.length > 1 ? (t.length - 1) / ((t[t.length - 1] - t[0]) / 1000) : 0; }"
PLAY = "() => document.querySelector('.js-plotly-plot .updatemenu-button').dispatchEvent(new MouseEvent('click', {bubbles: true}))"
PAUSE = "() => [...document.querySelectorAll('.js-plotly-plot .updatemenu-button')].find(b => b.textContent.includes('Pause')).dispatchEvent(new MouseEvent('click', {bubbles: true}))"
HOOKED = "() => document.querySelector('.js-plotly-plot')._gdpHooked != null"


def rate(page, seconds: float) -> float:
    page.evaluate(COUNT)
    page.evaluate(PLAY)
    page.wait_for_timeout(seconds * 1000)
    page.evaluate(PAUSE)
    return float(page.evaluate(RATE))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    proc, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            print(f"load average before: {os.getloadavg()[0]:.1f}")
            print(f"{'page':<36} {'with player':>12} {'without':>9} {'ratio':>7} {'messages sent':>14}")
            for name, path in PAGES.items():
                page = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
                sent = [0]
                page.on("websocket", lambda ws: ws.on("framesent", lambda _p: sent.__setitem__(0, sent[0] + 1)))
                page.goto(f"{url}/{path}", timeout=120_000)
                wait_for_app(page, 120_000)
                page.wait_for_selector(".gdp-bar", timeout=120_000)
                page.wait_for_function(HOOKED, timeout=60_000)
                before = sent[0]
                with_player, without = [], []
                for _ in range(args.rounds):
                    page.evaluate(ON)
                    assert page.evaluate(HOOKED)
                    with_player.append(rate(page, args.seconds))
                    page.evaluate(OFF)
                    without.append(rate(page, args.seconds))
                a, b = statistics.median(with_player), statistics.median(without)
                print(f"{name:<36} {a:>12.1f} {b:>9.1f} {a / b if b else 0:>7.2f} {sent[0] - before:>14}")
                page.context.close()
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
