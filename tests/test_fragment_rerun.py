"""ui/patches/fragment_rerun.py: a student's poll reruns the round's part of the class page alone.

The first test fails when the Streamlit internals the patch uses move. The others serve the app
on loopback (one server for the module) and speak Streamlit's websocket protocol as a browser
does (bench/class_tab.py): when the teacher closes the round or opens the re-vote, the next
poll redraws the round's part (its text, the answer box) and not the page's figure; when the
teacher asks another question, the whole page with its new figure.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.class_tab import Tab
from tests.conftest import start_app


def test_the_internals_it_uses_are_there() -> None:
    from streamlit.commands import execution_control
    from streamlit.runtime.fragment import FragmentStorage
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    rerun_fields = {f.name for f in dataclasses.fields(RerunData)}
    assert {"query_string", "page_script_hash", "fragment_id_queue", "is_fragment_scoped_rerun",
            "cached_message_hashes", "context_info"} <= rerun_fields
    assert {"fragment_storage", "script_requests", "query_string", "cached_message_hashes", "context_info"} <= {
        f.name for f in dataclasses.fields(ScriptRunContext)}
    assert isinstance(ScriptRunContext.page_script_hash, property)
    assert callable(execution_control._force_yield_point)
    assert callable(FragmentStorage.resolve_target) and callable(ScriptRequests.request_rerun)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("class-data")
    env = {**os.environ, "GD_DATA_DIR": str(data)}
    env.pop("GD_DATABASE_URL", None)
    proc, url = start_app(env=env)
    from class_store import open_store

    store = open_store(f"sqlite:///{data / 'classes.sqlite3'}")
    try:
        yield url, store
    finally:
        store.close()
        proc.terminate()
        proc.wait(timeout=20)


def _asked(question_id: str):
    from gd_core.class_round import RoundView
    from ui.cache.classroom import _asked

    return _asked(question_id, RoundView("intuition", "bowl", 7.0, 0.1, 30))


FIGURE = "bidi_component:gd_figure_2d"  # the run's figure (ui.views.figure_2d), as bench.class_tab names it


async def _poll_until(tab: Tab, text: str) -> object:
    """Poll as the browser does (past the replica's half-second signature cache) until ``text`` shows."""
    for _ in range(6):
        await asyncio.sleep(0.6)
        drawn = await tab.run(fragment=tab.fragment)
        if text in tab.text():
            return drawn
    raise AssertionError(f"{text!r} never showed: {tab.text()[-300:]!r}")


def test_a_round_that_moves_redraws_the_round_part_not_the_figure(served) -> None:
    url, store = served
    made = store.create_class(_asked("intuition.direction"))
    store.start_round(made.secret)

    async def scenario() -> None:
        tab = Tab(url, "class", f"join={made.code}&me={secrets.token_urlsafe(16)}")
        await tab.connect()
        try:
            first = await tab.run()
            assert FIGURE in first.kinds and "radio" in first.kinds, first.kinds
            store.close_round(made.secret)
            closed = await _poll_until(tab, "the round is closed")
            assert "radio" in closed.kinds and FIGURE not in closed.kinds, closed.kinds
            store.start_round(made.secret)  # the re-vote: the same question
            again = await _poll_until(tab, "Round 2")
            assert "radio" in again.kinds and FIGURE not in again.kinds, again.kinds
            store.start_round(made.secret, _asked("intuition.cost_down"))  # another question: another run
            other = await _poll_until(tab, "Round 3")
            assert FIGURE in other.kinds, other.kinds
            assert not other.exceptions
        finally:
            await tab.close()

    # In its own thread: after a Playwright test this thread has a running event loop (asyncio.run
    # refuses it); the bound only stops a hung server from hanging the suite.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario()).result(timeout=300)
