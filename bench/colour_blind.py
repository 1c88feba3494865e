"""Screenshots of pages 2 and 3 as a student with deuteranopia (no green cones) sees them.

Chromium simulates the vision deficiency itself (DevTools Protocol
``Emulation.setEmulatedVisionDeficiency``, through Playwright's CDP session). Each page opens
with its questions off at 1400 x 1000, its player is moved to a frame where the runs have spread
out, and the window grows to the page's length before the shot. Look at them: every run and
every outcome must still be told apart (issue 23).

Run: python bench/colour_blind.py [--out docs/screenshots] [--vision deuteranopia] [--all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path, start_app, wait_for_app  # noqa: E402

# (file name, URL path, where the player stops as a fraction of its frames)
PAGES = [
    ("learning-rate", "learning_rate?predict=false", 0.35),
    ("local-minimum", "local_minimum?predict=false", 0.25),
]
MORE = [("intuition", "intuition?predict=false", 0.3), ("regression", "regression?predict=false", 0.1), ("debug", "debug?predict=false", None)]  # --all
# Move the first figure's player to a frame without a click or a rerun (as its slider would).
GO_TO_FRAME = """fraction => { const gd = document.querySelector('.js-plotly-plot');
  const steps = gd._fullLayout.sliders[0].steps; const step = steps[Math.round(fraction * (steps.length - 1))];
  return Plotly.animate(gd, step.args[0], {mode: 'immediate', frame: {duration: 0, redraw: true}, transition: {duration: 0}}).then(() => step.label); }"""
GROW = """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMainBlockContainer"]')].map(e => e.scrollHeight), 800)"""


def shoot(page, url: str, path: str, fraction: float, out: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/{path}")
    wait_for_app(page, 120_000)  # a busy machine: two cores shared
    if "learning" in path or fraction is None:
        page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg", timeout=120_000)
    if fraction is not None:
        page.wait_for_selector(".js-plotly-plot .slider-rail-rect", timeout=120_000)
        page.evaluate(GO_TO_FRAME, fraction)
    height = int(page.evaluate(GROW))
    page.set_viewport_size({"width": 1400, "height": min(height + 80, 7000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts")
    parser.add_argument("--vision", default="deuteranopia", help="none, deuteranopia, protanopia, tritanopia, achromatopsia, blurredVision")
    parser.add_argument("--all", action="store_true", help="pages 1, 4 and 5 too")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    proc, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                page.context.new_cdp_session(page).send("Emulation.setEmulatedVisionDeficiency", {"type": args.vision})
                for name, path, fraction in PAGES + (MORE if args.all else []):
                    out = args.out / (f"{name}.png" if args.vision == "none" else f"{name}-{args.vision}.png")
                    shoot(page, url, path, fraction, out)
                    print(out)
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
