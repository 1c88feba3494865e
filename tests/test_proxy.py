"""Two replicas behind HAProxy on loopback (deploy/serve.py): two students upload through it.

An upload is an HTTP request that must reach the replica holding the tab's session (any other
answers "Invalid session_id"), so each tab seeing its own fit through the proxy shows that the
sticky cookie works; the two tabs being on different replicas shows it is not a one-replica
accident. Everything listens on 127.0.0.1 and is stopped by the test.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from deploy.serve import haproxy_path
from tests.conftest import ROOT, W_SHOWN, wait_for_app

pytestmark = pytest.mark.browser

# y = 2x + 1 and y = -3x + 7: the fitted w tells the two files apart.
FILES = {"line_a.csv": (2, 1), "line_b.csv": (-3, 7)}


def consecutive_free_ports(count: int) -> int:
    """The first of ``count`` consecutive loopback ports that are free now (proxy, replicas)."""
    for _ in range(50):
        first = random.randrange(20_000, 60_000)
        try:
            with ExitStack() as stack:
                for port in range(first, first + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {count} consecutive free ports found")


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_proxy(port: int, log: Path) -> subprocess.Popen[bytes]:
    """deploy/serve.py with 2 replicas; returns once it says it is serving (within 90 s). The
    class store is a SQLite file beside the log (GD_DATA_DIR), not in the repository's var/."""
    env = {**os.environ, "GD_DATA_DIR": str(log.parent / "data")}
    env.pop("GD_DATABASE_URL", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "serve.py"), "--replicas", "2", "--port", str(port)],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if "Serving http://" in log.read_text(errors="replace"):
            return proc
        time.sleep(0.3)
    stop_proxy(proc)
    raise RuntimeError(f"deploy/serve.py did not start within 90 s:\n{log.read_text(errors='replace')[-2000:]}")


def stop_proxy(proc: subprocess.Popen[bytes]) -> int:
    """SIGTERM, as a service manager would; serve.py stops its replicas and haproxy in turn."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        proc.kill()  # its children get SIGTERM from the kernel when it dies (PR_SET_PDEATHSIG)
        proc.wait(timeout=10)
        return -9


def test_uploads_through_the_proxy_stay_with_their_replica(browser, tmp_path: Path) -> None:
    if haproxy_path() is None:
        if os.environ.get("CI"):
            pytest.fail("no haproxy found: CI must run the proxy test (apt-get install haproxy)")
        pytest.skip("no haproxy on this machine (apt-get install haproxy to run the proxy test)")
    port = consecutive_free_ports(3)
    log = tmp_path / "serve.log"
    proc = start_proxy(port, log)
    try:
        pages = {}
        for name, (w, b) in FILES.items():
            (tmp_path / name).write_text("x,y\n" + "".join(f"{x},{w * x + b}\n" for x in range(1, 21)))
            context = browser.new_context(viewport={"width": 1400, "height": 2400})
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/regression?scale=true&alpha=0.5&iters=2000&predict=false")
            wait_for_app(page)
            page.get_by_role("combobox", name="Dataset").click()
            page.get_by_role("option", name="Upload a CSV").click()
            page.locator("[data-testid='stFileUploaderDropzoneInput']").wait_for(state="attached", timeout=30_000)
            pages[name] = page
        # Both uploads start before either finishes.
        for name, page in pages.items():
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(tmp_path / name))
        for name, page in pages.items():
            page.wait_for_function(W_SHOWN, arg={"name": name, "slope": FILES[name][0]}, timeout=30_000)
            other = next(n for n in FILES if n != name)
            assert other not in page.locator("body").inner_text()
            assert page.locator("[data-testid='stException']").count() == 0
        replica_of = {
            name: {c["name"]: c["value"] for c in page.context.cookies()}.get("GDSERVER") for name, page in pages.items()
        }
        assert sorted(replica_of.values()) == ["r1", "r2"], replica_of
        for page in pages.values():
            page.context.close()
    finally:
        code = stop_proxy(proc)
    # HAProxy's log (option httplog) names the replica that took each upload, its status, and
    # in the third letter of the termination state "V" when a valid cookie chose that replica.
    uploads = [line.split() for line in log.read_text(errors="replace").splitlines() if "/_stcore/upload_file/" in line]
    assert sorted(fields[3] for fields in uploads) == ["replicas/r1", "replicas/r2"], uploads
    assert all(fields[5].startswith("2") and fields[9][2] == "V" for fields in uploads), uploads
    assert code == 0, log.read_text(errors="replace")[-2000:]
    assert not any(listening(p) for p in range(port, port + 3)), "something still listens after the stop"
