"""``streamlit run`` that appends each script run's CPU time to the file named by $RERUN_LOG.

One line per run: the CPU time of the thread that ran it (ms), and "fragment" when the run was
a fragment rerun (only a page's live part, see ui.app.page.live_part) or "full". Used by
bench/bench_reruns.py: python bench/rerun_cpu_server.py <streamlit run arguments>
"""

from __future__ import annotations

import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web.cli import main

LOG = open(os.environ["RERUN_LOG"], "a", buffering=1)  # noqa: SIM115 - open for the server's life
_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self, rerun_data):  # type: ignore[no-untyped-def]
    start = time.thread_time()
    try:
        return _run_script(self, rerun_data)
    finally:
        kind = "fragment" if rerun_data.fragment_id_queue else "full"
        LOG.write(f"{(time.thread_time() - start) * 1e3:.3f} {kind}\n")


script_runner.ScriptRunner._run_script = _timed_run_script

if __name__ == "__main__":
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    main()
