"""Benchmark: a 1,000,000-row CSV uploaded in a real browser until every chart is on screen,
and the server time of a rerun after an alpha change on that file.

Baselines measured in the same run: the same browser flow with a 1,000-row file, and an
AppTest rerun of the page on the built-in two-row dataset. Targets (issue 4): upload to charts
within 3 s, rerun after an alpha change within 300 ms, on this 2-core machine.
Run: python bench/bench_upload.py   (needs Debian's chromium)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path, start_app, wait_for_app  # noqa: E402


def make_csv(path: Path, rows: int) -> Path:
    rng = np.random.default_rng(0)
    x = rng.uniform(500, 4000, rows)
    y = 0.2 * x + 50 + rng.normal(0, 40, rows)
    with path.open("w") as handle:
        handle.write("size_sqft,price_1000usd\n")
        np.savetxt(handle, np.column_stack([x, y]), fmt="%.6f", delimiter=",")
    return path


def upload_to_charts(page, url: str, csv: Path) -> float:
    page.goto(f"{url}/regression?dataset=Upload+a+CSV&scale=true&alpha=0.5&iters=1000")
    wait_for_app(page)
    start = time.perf_counter()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv))
    page.get_by_text(csv.name).first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot .updatemenu-button') && document.querySelector('.js-plotly-plot .gl-container, .js-plotly-plot canvas')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.body.innerText.includes('" + csv.name + "')",
        timeout=60_000,
        polling=50,
    )
    return time.perf_counter() - start


def rerun_times(csv: Path | None) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    at.switch_page("pages/regression.py").run()
    if csv is not None:
        at.selectbox(key="dataset").set_value("upload").run()
        at.file_uploader(key="upload").set_value((csv.name, csv.read_bytes(), "text/csv"))
        at.run()
        at.toggle(key="scale").set_value(True)
        at.number_input(key="iters").set_value(1000)
        at.run()
    times = []
    for i in range(7):
        at.number_input(key="alpha").set_value(0.3 + 0.1 * (i % 2))
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times)


def main() -> None:
    executable = chromium_path()
    if executable is None:
        raise SystemExit("needs Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        small = make_csv(Path(tmp) / "rows_1k.csv", 1_000)
        big = make_csv(Path(tmp) / "rows_1m.csv", 1_000_000)
        print(f"1,000,000-row file: {big.stat().st_size / 1e6:.1f} MB")
        proc, url = start_app()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
                results = {}
                for csv in (small, big):
                    # Tall enough that every chart is on screen (charts below the fold render lazily).
                    context = browser.new_context(viewport={"width": 1400, "height": 3200})
                    page = context.new_page()
                    results[csv.name] = min(upload_to_charts(page, url, csv) for _ in range(2))
                    context.close()
                browser.close()
        finally:
            proc.terminate()
        base_rerun = rerun_times(None)
        big_rerun = rerun_times(big)
    t_small, t_big = results[small.name], results[big.name]
    print(f"{'measure':<44} {'seconds':>8} {'ratio':>8}")
    print(f"{'upload to charts, 1,000 rows (baseline)':<44} {t_small:>8.2f} {1:>7.1f}x")
    print(f"{'upload to charts, 1,000,000 rows':<44} {t_big:>8.2f} {t_big / t_small:>7.1f}x   target <= 3 s")
    print(f"{'alpha rerun, built-in 2 rows (baseline)':<44} {base_rerun:>8.3f} {1:>7.1f}x")
    print(f"{'alpha rerun, 1,000,000 rows':<44} {big_rerun:>8.3f} {big_rerun / base_rerun:>7.1f}x   target <= 0.300 s")


if __name__ == "__main__":
    main()
