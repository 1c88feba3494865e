"""Benchmark: how long plotly.js takes to draw each lesson's first figure, this checkout against another.

A lesson's first paint ends with Plotly.newPlot of its figure (issue 26). This bench times that
draw alone, away from the page's other work and the server: each checkout writes the first
figure of every lesson's default link as the page sends it (AppTest, in a process of its own, so
each checkout's own code builds its figures), and a headless Chromium, pinned to core 1, draws
each with the checkout's plotly.js basic bundle and Streamlit's theme template (as
ui/views/figure_2d.js does), in a fresh page each time, before and after interleaved, at normal
speed and with the CPU throttled 4x (as a phone). Printed: the median draw in ms, after / before,
and whether plotly.js's automargin widened the figure's margins (then it drew the figure twice).
Run: flock /tmp/bench.lock python bench/bench_draw.py --before /path/to/other/checkout [--repeats 5] [--throttle 1,4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

PAGES = ("intuition", "learning_rate", "local_minimum", "regression")  # lesson 6 draws nothing before its answer

# Run in a checkout (cwd): write the first figure of each page to argv[1]/<page>.json, as sent.
DUMP = """
import json, sys
from pathlib import Path
sys.path.insert(0, ".")
from streamlit.testing.v1 import AppTest
from tests.conftest import plotly_charts
for page in sys.argv[2:]:
    at = AppTest.from_file(str(Path("streamlit_app.py").resolve()), default_timeout=120)
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    Path(sys.argv[1], page + ".json").write_text(plotly_charts(at)[0].proto.spec)
"""

DRAW = """async ([figure, template]) => {
  const gd = document.getElementById('figure'), t0 = performance.now();
  await Plotly.newPlot(gd, figure.data, {...figure.layout, template, autosize: true}, {responsive: true, displaylogo: false});
  const ms = performance.now() - t0, f = gd._fullLayout;
  return [ms, f._size.l !== f.margin.l || f._size.b !== f.margin.b];
}"""


def figures(checkout: Path, into: Path) -> dict[str, dict]:
    into.mkdir()
    subprocess.run([sys.executable, "-c", DUMP, str(into), *PAGES], cwd=checkout, check=True, capture_output=True, timeout=600)
    return {page: json.loads((into / f"{page}.json").read_text()) for page in PAGES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, help="another checkout of the app (main, before a change)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--throttle", default="1,4")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    checkouts = {"before": Path(args.before).resolve(), "after": ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        specs = {name: figures(path, Path(tmp, name)) for name, path in checkouts.items()}
    template = json.loads((ROOT / "ui" / "views" / "figure_2d_template.json").read_text())
    os.sched_setaffinity(0, {1})  # Chromium inherits it
    print(f"Chromium on core 1; median of {args.repeats}; load average {os.getloadavg()[0]:.1f}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for rate in (float(r) for r in args.throttle.split(",")):
            times = {(name, page): [] for name in checkouts for page in PAGES}
            twice = {}
            for _ in range(args.repeats):
                for page in PAGES:
                    for name, path in checkouts.items():
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        tab = context.new_page()
                        tab.set_content('<div id="figure" style="width: 940px"></div>')
                        tab.add_script_tag(path=str(path / "static" / "plotly-basic.min.js"))
                        if rate != 1:
                            context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": rate})
                        ms, widened = tab.evaluate(DRAW, [specs[name][page], template])
                        times[name, page].append(ms)
                        twice[name, page] = widened
                        context.close()
            print(f"\nCPU throttling {rate:g}x\n{'page':16} {'before ms':>10} {'after ms':>10} {'after/before':>13}  drawn twice (before, after)")
            for page in PAGES:
                before, after = (statistics.median(times[name, page]) for name in checkouts)
                print(f"{page:16} {before:10.0f} {after:10.0f} {after / before:12.2f}x  {twice['before', page]}, {twice['after', page]}")
        browser.close()


if __name__ == "__main__":
    main()
