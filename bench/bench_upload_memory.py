"""Benchmark: server memory per uploaded 1,000,000-row file, and after the tabs close.

Starts one server (disconnected sessions kept 2 s), opens TABS Chromium tabs that each upload
their own 1,000,000-row CSV through the regression page and wait for its fit, and reads the
server's resident memory (VmRSS) before, after each upload, and after the tabs close. Prints
the growth per upload as a ratio to the file's size (issue 12's goal: at most 2x), and the
memory after the class leaves as a ratio to the start (goal: within 1.1x).
Run: python bench/bench_upload_memory.py [tabs]   (needs Debian's chromium)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_upload import make_csv  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path, start_app, wait_for_app  # noqa: E402

ROWS = 1_000_000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def settle(pid: int, seconds: float = 4.0) -> float:
    time.sleep(seconds)
    return rss_mb(pid)


def main() -> None:
    tabs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        files = [make_csv(Path(tmp) / f"houses_{k}.csv", ROWS) for k in range(tabs)]
        size_mb = files[0].stat().st_size / 1024 / 1024
        proc, url = start_app(extra_args=["--server.disconnectedSessionTTL", "2"])
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
                warm = browser.new_context().new_page()
                warm.goto(f"{url}/regression")
                wait_for_app(warm)
                warm.context.close()
                start = settle(proc.pid, 8.0)
                print(f"file: {size_mb:.1f} MB, {ROWS:,} rows; server at start {start:.0f} MB")
                contexts, before = [], start
                for k, csv in enumerate(files):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    page.goto(f"{url}/regression?dataset=Upload+a+CSV&scale=true&alpha=0.5&iters=1000")
                    wait_for_app(page)
                    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv))
                    page.locator("[data-testid='stMetric']").first.wait_for(timeout=120_000)
                    wait_for_app(page, timeout_ms=120_000)
                    after = settle(proc.pid)
                    print(f"tab {k + 1}: server {after:.0f} MB, +{after - before:.0f} MB = {(after - before) / size_mb:.2f}x the file")
                    contexts.append(context)
                    before = after
                total = before - start
                print(f"per upload: {total / tabs:.0f} MB = {total / tabs / size_mb:.2f}x the file's size")
                for context in contexts:
                    context.close()
                browser.close()
            end = settle(proc.pid, 20.0)
            print(f"after the tabs closed: {end:.0f} MB = {end / start:.2f}x the start")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
