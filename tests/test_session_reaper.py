"""Closed tabs give their memory back: no session is left holding uploads or download callables.

Streamlit keeps a closed tab's session for server.disconnectedSessionTTL seconds, then drops it;
ui/patches/session_reaper.py makes that drop a shutdown, which frees the session's uploaded files (and
deletes their bytes kept on disk) and its download buttons' callables. Here the TTL is 2 s: three tabs (two on page 1, whose download
button registers a callable, one uploading a CSV) close, and within the TTL plus a few reaper
passes the server holds nothing for any of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, start_app, wait_for_app

pytestmark = pytest.mark.browser


def ask(proc: subprocess.Popen[str]) -> dict[str, int]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("report\n")
    proc.stdin.flush()
    while True:
        line = proc.stdout.readline()
        assert line, "the probe server stopped"
        if line.startswith("PROBE "):
            return json.loads(line[len("PROBE "):])


def test_closed_sessions_hold_nothing(browser, tmp_path) -> None:
    proc, url = start_app(
        extra_args=["--server.disconnectedSessionTTL", "2"],
        runner=[sys.executable, str(ROOT / "tests" / "server_probe.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        csv = tmp_path / "class_data.csv"
        csv.write_text("x,y\n" + "".join(f"{x},{3 * x + 2}\n" for x in range(1, 51)))
        contexts = []
        for path in ("/intuition?predict=false", "/intuition?curve=Two+valleys&predict=false", "/regression?dataset=Upload+a+CSV&predict=false"):
            context = browser.new_context(viewport={"width": 1400, "height": 1600})
            page = context.new_page()
            page.goto(url + path)
            wait_for_app(page)
            if "intuition" in path:  # its table (drawn once opened) and the table's download: media the session holds
                page.get_by_text("Every iteration, in a table").click()
                page.wait_for_selector("[data-testid='stDownloadButton']", timeout=30_000)
                wait_for_app(page)
            if "Upload" in path:
                page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv))
                page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
                wait_for_app(page)
            contexts.append(context)

        open_tabs = ask(proc)
        # The probe sees what the tabs hold: without it this test would prove nothing.
        assert open_tabs["sessions"] == 3
        assert open_tabs["media_holders"] >= 2 and open_tabs["upload_holders"] == 1
        assert open_tabs["media_orphans"] == 0 and open_tabs["upload_orphans"] == 0
        # The upload's bytes are on disk (ui.patches.upload_files), not in Streamlit's memory.
        assert open_tabs["files_on_disk"] == 1 and open_tabs["upload_bytes"] == 0

        for context in contexts:
            context.close()
        deadline = time.monotonic() + 30
        while True:
            after = ask(proc)
            if after["sessions"] == 0 and after["media_holders"] == 0 and after["upload_holders"] == 0 and after["files_on_disk"] == 0:
                break
            assert time.monotonic() < deadline, f"30 s after the tabs closed the server still holds {after}"
            time.sleep(1)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class FakeSession:
    def __init__(self, name: str) -> None:
        self.id = self.name = name
        self.shut = False

    def shutdown(self) -> None:
        self.shut = True


class Info:
    def __init__(self, name: str) -> None:
        self.session = FakeSession(name)


def test_expired_and_evicted_sessions_are_shut_down_reconnected_ones_are_not() -> None:
    from ui.patches.session_reaper import ShutDownWhenDropped

    now = [0.0]
    cache = ShutDownWhenDropped(maxsize=2, ttl=10, timer=lambda: now[0])
    a, b, c, d = Info("a"), Info("b"), Info("c"), Info("d")
    cache["a"], cache["b"] = a, b
    del cache["b"]  # the tab came back: its session goes on
    assert not b.session.shut
    now[0] = 11.0
    cache.expire()  # past the TTL: a is gone, and shut down
    assert a.session.shut
    cache["c"], cache["d"], cache["e"] = c, d, Info("e")  # the third write evicts the oldest
    assert c.session.shut and not d.session.shut
    assert cache.shut_down_count == 2
