"""bench/bench_load_test.py's pinning line is read from /proc, and a client-side thread that pins
itself elsewhere (as Chromium's SwiftShader workers pin themselves to the server's core) is moved
back to the clients' CPUs and counted (issue 26). No timing: CPU sets only."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.bench_load_test import Pinning, cpu_list, descendants, pinning_note

# A child that pins itself to one CPU, says so, then waits: what a SwiftShader worker does.
SELF_PINNING = "import os, sys, time; os.sched_setaffinity(0, {int(sys.argv[1])}); print('pinned', flush=True); time.sleep(30)"


def test_cpu_lists_are_read_as_sets() -> None:
    assert cpu_list("0-2,5") == {0, 1, 2, 5}
    assert cpu_list("1") == {1}


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs to pin a thread away")
def test_a_client_thread_pinned_elsewhere_is_moved_back_and_reported() -> None:
    mine = set(os.sched_getaffinity(0))  # the clients' CPUs here: all of this process's, so nothing else moves
    away = min(mine)
    child = subprocess.Popen([sys.executable, "-c", SELF_PINNING, str(away)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "pinned"
        assert os.sched_getaffinity(child.pid) == {away}
        assert child.pid in descendants(os.getpid())
        seen = Pinning(home=mine)
        seen.sample(None)
        assert os.sched_getaffinity(child.pid) == mine  # moved back
        assert child.pid in {tid for tid, _ in seen.moved}
        assert seen.clients == mine and seen.client_processes >= 2
        line, errors = pinning_note(",".join(map(str, sorted(mine))), ",".join(map(str, sorted(mine))), False, seen)
        assert "1 Chromium threads that pinned themselves to another CPU" in line and "moved back" in line
        assert errors == []
    finally:
        child.kill()
        child.wait(timeout=10)


def test_the_line_reports_an_error_when_server_and_clients_were_not_apart() -> None:
    seen = Pinning(home={1}, server={0, 1}, server_ran={0, 1}, server_threads=12, clients={1}, clients_ran={1}, client_threads=1, client_processes=1)
    line, errors = pinning_note("0", "1", True, seen)
    assert "server (12 threads) on CPU 0,1" in line
    assert errors and "server's threads may run on CPU 0,1" in errors[0]
    apart = Pinning(home={1}, server={0}, server_ran={0}, server_threads=12, clients={1}, clients_ran={1}, client_threads=1, client_processes=1)
    assert pinning_note("0", "1", True, apart)[1] == []
