"""Shut down the sessions Streamlit forgets, so what they hold is given back.

When a student closes the tab, Streamlit 1.67 keeps the session for
``server.disconnectedSessionTTL`` seconds (120 by default) in case the tab reconnects, in a
TTLCache that then drops it without calling ``AppSession.shutdown()``. Shutdown is what frees
a session's uploaded files (``UploadedFileManager``, up to 200 MB each here) and its download
buttons' callables (``MediaFileManager``; a lambda in a page holds that page's last run, data
included). Without it, a server a class uses all term grows with every closed tab
(streamlit/streamlit#12506; measured here: 14 of 30 closed sessions still held their pages).

``install()`` makes the storage's cache shut down every session it expires or evicts, on the
server's event loop (where Streamlit shuts sessions down itself), and reaps expired sessions
every few seconds: the cache only expires entries when it is touched. After a pass that shut
sessions down it collects their reference cycles (the app turns off Streamlit's gc after every
run) and asks glibc to return freed heap pages to the system (``ui.patches.memory``), so the server's
memory comes back down once a class has left. It relies on Streamlit internals of the pinned version;
tests/test_session_reaper.py fails if they move.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.caching.ttl_cache import TTLCache

from ui.patches import memory
from ui.patches.upload_files import FILES
from ui.cache.upload_store import STORE

REAP_EVERY_SECONDS = 5.0

_LOGGER = logging.getLogger(__name__)
_INSTALL_LOCK = threading.Lock()


class ShutDownWhenDropped(TTLCache):
    """A TTLCache of SessionInfo that shuts a session down when it expires or is evicted.

    Deleting an entry (a tab reconnecting to its session) leaves the session running.
    ``shut_down_count`` counts the sessions shut down, for the reaper to know when to free memory.
    """

    _loop: asyncio.AbstractEventLoop | None = None
    shut_down_count = 0

    def expire(self, at_time: float | None = None) -> list[tuple[Any, Any]]:
        removed = super().expire(at_time)
        for _, info in removed:
            self._shut_down(info.session)
        return removed

    def _evict_lru(self, reason: Any) -> Any:
        info = super()._evict_lru(reason)
        self._shut_down(info.session)
        return info

    def _shut_down(self, session: Any) -> None:
        self.shut_down_count += 1
        STORE.forget(session.id)  # its uploaded tables go with it, and their files on disk
        FILES.forget(session.id)
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(session.shutdown)
        else:
            session.shutdown()


def install() -> bool:
    """Set up the running server once. Returns True the first time, False after or if not possible."""
    if not Runtime.exists():
        return False
    runtime = Runtime.instance()
    manager = getattr(runtime, "_session_mgr", None)
    storage = getattr(manager, "_session_storage", None)
    lock = getattr(manager, "_storage_lock", None)
    async_objs = getattr(runtime, "_async_objs", None)
    if storage is None:
        return False  # no server sessions here (AppTest, bare mode)
    with _INSTALL_LOCK:
        cache = getattr(storage, "_cache", None)
        if isinstance(cache, ShutDownWhenDropped):
            return False  # done already, for this server
        if type(cache) is not TTLCache or lock is None or async_objs is None:
            if not getattr(storage, "_reaper_refused", False):
                _LOGGER.warning("Session reaper not installed: this Streamlit keeps sessions differently.")
                setattr(storage, "_reaper_refused", True)
            return False
        loop = async_objs.eventloop
        with lock:
            cache.__class__ = ShutDownWhenDropped  # keeps the sessions already stored
            cache._loop = loop
        asyncio.run_coroutine_threadsafe(_reap_forever(cache, lock), loop)
        return True


async def _reap_forever(cache: ShutDownWhenDropped, lock: threading.Lock) -> None:
    seen = cache.shut_down_count
    releases_due = 0
    while True:
        await asyncio.sleep(REAP_EVERY_SECONDS)
        try:
            with lock:
                cache.expire()
            if cache.shut_down_count != seen:
                seen = cache.shut_down_count
                # Now, and once more on the next pass: a session's script thread may still be
                # unwinding when its shutdown runs, holding the run until it ends.
                releases_due = 2
            if releases_due:
                releases_due -= 1
                await asyncio.sleep(0.5)  # the shutdowns were queued on this loop: let them run
                memory.release()
        except Exception:  # noqa: BLE001 - a failed pass must not stop the next one
            _LOGGER.exception("Session reaper pass failed")
