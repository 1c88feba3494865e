"""Benchmark: each page's time from navigation to its first drawn figure in headless Chromium,
against a floor page served the same way in the same run, and the bytes each page's first load
receives.

Two servers start on loopback, both pinned to core 0 (taskset -c 0): the app and the floor
(bench/floor_app.py: a bare Streamlit script with one small Plotly figure and one sidebar
slider). This process, Playwright's driver and Chromium run on core 1 (sched_setaffinity,
inherited by every process Chromium starts). Each page is opened once first, unmeasured, so the
server has imported its modules and cached the view's figure (as for the second student who
opens a teacher's link; the first pays once per server for the whole class).

- cold: a fresh browser context (no cache, no session) opens the page's URL; the time is
  performance.now() (ms since navigation start) when the first figure (a Plotly trace or WebGL
  canvas, or a Vega-Lite canvas/svg; on /debug, whose first screen has no figure, its log; on
  /batches, which draws its chart once its question is answered, the note under the question)
  is in the page and painted (a MutationObserver sees it, then one requestAnimationFrame and a
  message, which run after the next paint).
- revisit: in that same tab, the sidebar's link to the home page (the floor: to its blank second
  page), then the sidebar's link back to the page; the time from the click to the first figure
  painted again.
- bytes: what the page received on its cold first load: the websocket frames (the page's own
  data: every ForwardMsg of the session's first run: elements, figures, the page list) and,
  apart, the HTTP responses (Streamlit's static JS/CSS/fonts bundle, which a browser caches after
  its first visit of the site; the same for every page).

Each time is the median of --repeats (3) rounds, at normal speed and again with Chromium's CPU
throttled 4x (CDP Emulation.setCPUThrottlingRate, as a phone). Ratios are against the floor
in the same run. Viewport 1400 x 1000.
Run: flock /tmp/bench.lock python bench/bench_first_paint.py [--repeats 3] [--query predict=false] [--before /path/to/main] [--throttle 1,4] [--pages a,b]
(--before: a checkout of main, served as well; its pages are the rows "before ..."; --throttle 4: the
phone round alone, to keep one hold of the bench lock under ~10 min; --pages: some lessons only.)
Every wait is bounded (60 s times the throttling); a visit that times out is named, counts as
slower than any in the times' medians (inf when most did) and is left out of the bytes; the column
"visits" says how many finished; progress is printed as each round ends.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, _free_port, chromium_path  # noqa: E402

FIGURE = (
    ".js-plotly-plot .main-svg g.trace, .js-plotly-plot .gl-container canvas,"
    " [data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg.marks"
)
# Page 5's first screen has no figure (its charts are in its second tab): there, its log.
LOG = "[data-testid='stCode'] code"
# Page 6 draws no chart until the question is answered: there, the note under the question
# that says where the three runs start (the last element of its first screen).
NOTE = "[data-testid='stAlert']"
LESSONS = {
    "1 /intuition": ("intuition", FIGURE),
    "2 /learning_rate": ("learning_rate", FIGURE),
    "3 /local_minimum": ("local_minimum", FIGURE),
    "4 /regression": ("regression", FIGURE),
    "5 /debug (its log)": ("debug", LOG),
    "6 /batches (its note)": ("batches", NOTE),
}
# In every document before its own scripts: the first figure's paint time, and a reset for a revisit.
WATCH = """(() => {
  window.__fp = null; window.__t0 = 0; let waiting = false;
  const seen = () => {
    if (window.__fp !== null || waiting || !document.querySelector(SELECTOR)) return;
    waiting = true;
    requestAnimationFrame(() => { const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__fp = performance.now(); waiting = false; }; ch.port2.postMessage(0); });
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
  window.__reset = () => { window.__fp = null; waiting = false; window.__t0 = performance.now(); };
})();"""


def serve(script: Path, extra: Sequence[str] = ()) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run script [extra options]`` on 127.0.0.1 from the script's checkout, pinned to core 0; waits until it answers."""
    port = _free_port()
    proc = subprocess.Popen(
        ["taskset", "-c", "0", sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false", *extra],
        cwd=script.parent if script.name == "streamlit_app.py" else ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{script.name} did not start within 60 s")


@contextlib.contextmanager
def served(*scripts: Path):
    """``serve`` each script (pinned to core 0); yields their URLs; stops them all on leaving."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        urls = []
        for script in scripts:
            proc, url = serve(script)
            procs.append(proc)
            urls.append(url)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=60)


def settle(page, timeout_ms: float) -> None:
    """Until the session's run has finished: the app drawn, no running-status widget, no
    skeleton and no stale element, twice 300 ms apart (the status widget shows only after a
    moment of running). tests.conftest.wait_for_app adds fixed waits for fonts and screenshots
    (1.6 s a call, three calls a visit): a 4x throttled round of 33 visits did not fit a run."""
    done = (
        "() => document.querySelector('[data-testid=\"stMain\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')"
    )
    for _ in range(2):
        page.wait_for_function(done, timeout=timeout_ms, polling=100)
        page.wait_for_timeout(300)


def visit(browser, url: str, path: str, away: str, query: str, throttle: float, selector: str = FIGURE) -> dict:
    """One cold visit and one revisit of ``path``; ms to the first figure and bytes received
    (NaN for a visit that timed out: on a busy machine, rather than losing the whole run).
    Every wait is bounded by ``throttle`` times a normal-speed limit (a click's too: Playwright's
    default 30 s is short for a 4x throttled page on a loaded machine)."""
    from playwright.sync_api import Error as PlaywrightError

    limit = 60_000 * throttle  # ms for any one wait
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(limit)
    try:
        page = context.new_page()
        page.add_init_script(f"const SELECTOR = {json.dumps(selector)};\n" + WATCH)
        if throttle != 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        ws_bytes, requests = [0], []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + len(payload))))
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(f"{url}/{path}" + (f"?{query}" if query else ""), wait_until="commit")
        page.wait_for_function("window.__fp !== null", polling=50)
        cold = page.evaluate("window.__fp")
        settle(page, limit)
        first_ws = ws_bytes[0]
        http = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests)
        nav = "[data-testid='stSidebarNav'] a[href='%s/{}']" % url  # "": the home page (the floor: its figure page)
        page.locator(nav.format(away)).first.click()
        settle(page, limit)
        page.evaluate("window.__reset()")
        before = ws_bytes[0]
        page.locator(nav.format(path)).first.click()
        page.wait_for_function("window.__fp !== null", polling=50)
        revisit = page.evaluate("window.__fp - window.__t0")
        settle(page, limit)
        return {"cold": cold, "revisit": revisit, "ws": first_ws, "http": http, "revisit_ws": ws_bytes[0] - before}
    except PlaywrightError as error:
        print(f"  {url}/{path} at {throttle:g}x: {str(error).splitlines()[0]}", flush=True)
        return dict.fromkeys(("cold", "revisit", "ws", "http", "revisit_ws"), math.nan)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--query", default="", help="added to every lesson's URL, e.g. predict=false")
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every lesson)")
    parser.add_argument("--throttle", default="1,4", help="the CPU throttling rates, one round each (e.g. 4: the phone round alone)")
    parser.add_argument("--before", help="another checkout of the app (main, before a change): served too, its pages measured in the same run")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # into a file too, each table as it is done (a run stopped early keeps its rounds)
    from playwright.sync_api import sync_playwright

    os.sched_setaffinity(0, {1})  # Playwright's driver and Chromium inherit it
    lessons = {n: ps for n, ps in LESSONS.items() if not args.pages or ps[0] in args.pages.split(",")}
    scripts = [ROOT / "streamlit_app.py", ROOT / "bench" / "floor_app.py"] + ([Path(args.before).resolve() / "streamlit_app.py"] if args.before else [])
    with served(*scripts) as urls, sync_playwright() as playwright:
        app_url, floor_url, before_url = (urls + [""])[:3]
        cases = {"floor": (floor_url, "", "other", "", FIGURE)}
        for n, (p, sel) in lessons.items():  # before and after side by side: the machine's load drifts alike for both
            if args.before:
                cases[f"before {n}"] = (before_url, p, "", args.query, sel)
            cases[n] = (app_url, p, "", args.query, sel)
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        for case in cases.values():  # warm: imports done, each view's figure cached
            visit(browser, *case[:4], 1, case[4])
        print(f"load average {os.getloadavg()[0]:.1f}; server(s) on core 0, Chromium on core 1; median of {args.repeats}; query {args.query!r}")
        for throttle in [float(t) for t in args.throttle.split(",")]:
            results, started = {name: [] for name in cases}, time.monotonic()
            for k in range(args.repeats):
                for name, case in cases.items():
                    results[name].append(visit(browser, *case[:4], throttle, case[4]))
                print(f"  {throttle:g}x: round {k + 1} of {args.repeats} done, {time.monotonic() - started:.0f} s", flush=True)
            report(results, throttle)
        print(f"load average {os.getloadavg()[0]:.1f}")
        browser.close()


def report(results: dict[str, list[dict]], throttle: float) -> None:
    def median(values, timed: bool) -> float:
        # A visit that timed out counts as slower than any (inf) in a time's median, so a page that
        # times out now and then does not look faster than it is; bytes: the visits that counted.
        values = [math.inf if timed and math.isnan(v) else v for v in values]
        finite = [v for v in values if not math.isnan(v)]
        return statistics.median(finite) if finite else math.nan

    med = {name: {k: median((r[k] for r in runs), k in ("cold", "revisit")) for k in runs[0]} for name, runs in results.items()}
    counted = {name: sum(not math.isnan(r["cold"]) for r in runs) for name, runs in results.items()}
    floor = med["floor"]
    print(f"\nCPU throttling {throttle:g}x" + (" (Chromium; as a phone)" if throttle != 1 else ""), flush=True)
    print(f"{'page':<25} {'cold ms':>8} {'x floor':>8} {'revisit ms':>11} {'x floor cold':>13} {'x floor revisit':>16} {'ws kB first load':>17} {'http kB (static)':>17} {'ws kB revisit':>14} {'visits':>7}")
    for name, m in med.items():
        print(
            f"{name:<25} {m['cold']:>8.0f} {m['cold'] / floor['cold']:>7.2f}x {m['revisit']:>11.0f} {m['revisit'] / floor['cold']:>12.2f}x {m['revisit'] / floor['revisit']:>15.2f}x"
            f" {m['ws'] / 1000:>17.1f} {m['http'] / 1000:>17.1f} {m['revisit_ws'] / 1000:>14.1f} {counted[name]:>4}/{len(results[name])}"
        )


if __name__ == "__main__":
    main()
