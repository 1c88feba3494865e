"""Shared fixtures: the app served on loopback, and a real Chromium driven by Playwright.

Browser tests use Debian's chromium (Playwright cannot download its own browser here). Without
one they are skipped locally; with CI=true a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def parse_source(source: str, filename: str = "<unknown>") -> ast.Module:
    """ast.parse, once more when CPython 3.11 raises its spurious "AST constructor recursion depth
    mismatch" SystemError (CPython gh-106905, seen here once in a full suite run whose process also
    runs Streamlit's threads): the source is the same, so a second parse is the honest answer."""
    for attempt in range(3):
        try:
            return ast.parse(source, filename=filename)
        except SystemError as error:
            if "recursion depth mismatch" not in str(error) or attempt == 2:
                raise
    raise AssertionError("unreachable")


def read_back(markdown: str) -> str:
    """What a reader sees of markdown written by ui.words.shown: its escapes and word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace("\u2060", "")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(
    port: int | None = None,
    extra_args: list[str] | None = None,
    runner: list[str] | None = None,
    **popen: object,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `streamlit run streamlit_app.py` on 127.0.0.1 and wait until it answers.

    ``runner`` replaces ``python -m streamlit run`` (a script that takes the same arguments);
    ``popen`` overrides the keyword arguments given to subprocess.Popen.
    """
    port = port or _free_port()
    options = {"cwd": ROOT, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen}
    proc = subprocess.Popen(  # type: ignore[call-overload]
        [
            *(runner or [sys.executable, "-m", "streamlit", "run"]), str(ROOT / "streamlit_app.py"),
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--browser.gatherUsageStats", "false",
            *(extra_args or []),
        ],
        **options,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the Streamlit app did not start within 60 s")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    proc, url = start_app()
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("no chromium found: CI must run the browser tests (apt-get install chromium)")
        pytest.skip("no chromium on this machine (apt-get install chromium to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


# True once the page names the uploaded file and its metric labelled "w" shows the file's slope.
# (Reading the first metric once instead races the rerun: mid-render it can be b.)
W_SHOWN = """({name, slope}) => document.body.innerText.includes(name) && [...document.querySelectorAll('[data-testid="stMetric"]')]
  .some(m => m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === 'w'
    && Math.abs(parseFloat(m.querySelector('[data-testid="stMetricValue"]').innerText) - slope) < 1e-3)"""


def wait_for_app(page: object, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has rendered and finished its run: no running-status widget, no
    skeleton placeholders and no stale elements, twice in a row 300 ms apart."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)  # type: ignore[attr-defined]
    settled = (
        "() => document.querySelector('[data-testid=\"stMain\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')"
    )
    for _ in range(2):
        page.wait_for_function(settled, timeout=timeout_ms)  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.evaluate("document.fonts.ready.then(() => true)")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # Streamlit scrolls inside its main block, so grow the window to the content to see it all.
    height = page.evaluate(  # type: ignore[attr-defined]
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]')]"
        ".map(e => e.scrollHeight), 800)"
    )
    width = page.viewport_size["width"]  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": min(int(height) + 80, 7000)})  # type: ignore[attr-defined]
    page.wait_for_timeout(1200)  # type: ignore[attr-defined]
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    return path


def count_sent_frames(page: object) -> list[int]:
    """A live count of websocket messages the browser sends to the server (a rerun sends one)."""
    sent = [0]
    page.on("websocket", lambda ws: ws.on("framesent", lambda _payload: sent.__setitem__(0, sent[0] + 1)))  # type: ignore[attr-defined]
    return sent


# Page coordinates of point ``index`` of the first trace ``pick`` (a JS predicate on a trace) matches.
PLOT_POINT = """([pick, index]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd._fullData.find(eval(pick));
  const xa = gd._fullLayout[t.xaxis.replace('x', 'xaxis')], ya = gd._fullLayout[t.yaxis.replace('y', 'yaxis')];
  const box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.d2p(t.x[index]), box.top + ya._offset + ya.d2p(t.y[index])];
}"""


def click_plot_point(page: object, pick: str, index: int) -> None:
    """Click point ``index`` of a Plotly trace (``pick``: a JS predicate on the figure's traces)."""
    x, y = page.evaluate(PLOT_POINT, [pick, index])  # type: ignore[attr-defined]
    page.mouse.click(x, y)  # type: ignore[attr-defined]


def scrub_player(page: object, fraction: float, sent: list[int]) -> tuple[int, int]:
    """Click the Plotly player's slider rail at ``fraction`` of its length, as a student would.

    Returns (the slider's step now, how many messages went to the server meanwhile).
    """
    frames = sent[0]
    rail = page.locator(".js-plotly-plot .slider-rail-rect").first  # type: ignore[attr-defined]
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
    page.wait_for_timeout(800)  # type: ignore[attr-defined]
    active = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active")  # type: ignore[attr-defined]
    return int(active), sent[0] - frames


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A real PostgreSQL server on 127.0.0.1 (tests/pg_server.py), stopped after the session.

    ``postgres.empty_database()`` gives the URL of an empty database on it (the same one each
    time, emptied: close your connections first); ``postgres.new_database()`` a new one. Without Debian's
    postgresql the tests that use it are skipped locally; with CI=true that is a failure.
    """
    from tests.pg_server import PostgresServer, postgres_bin  # noqa: PLC0415 - only PostgreSQL tests need it

    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("no PostgreSQL found: CI must run the PostgreSQL tests (apt-get install postgresql)")
        pytest.skip("no PostgreSQL on this machine (apt-get install postgresql to run its tests)")
    server = PostgresServer.start()
    try:
        yield server
    finally:
        server.stop()


def link_texts(at: object) -> list[str]:
    """The links an AppTest run (or one of its blocks: ``at.sidebar``) shows with a Copy button
    (ui.app.link_box: the Link to this view, the challenge panel's link), in page order."""
    return [json.loads(el.proto.json)["link"] for el in at.get("bidi_component") if el.proto.component_name == "gd_link_box"]  # type: ignore[attr-defined]


def plotly_charts(at: object) -> list[object]:
    """The Plotly figures an AppTest run (or one of its blocks) shows, in page order: those of
    st.plotly_chart and those of ui.views.figure_2d (a custom component). Each has ``proto.spec``,
    the figure's JSON text as the page sent it."""
    found: list[object] = []

    def walk(node: object) -> None:
        kind = getattr(node, "type", None)
        if kind == "plotly_chart":
            found.append(node)
        elif kind == "bidi_component" and node.proto.component_name == "gd_figure_2d":  # type: ignore[attr-defined]
            text = node.proto.bytes.decode()  # type: ignore[attr-defined]
            start = text.index('"figure": ') + len('"figure": ')
            found.append(SimpleNamespace(proto=SimpleNamespace(spec=text[start:-1])))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(getattr(at, "_tree", at))
    return found
