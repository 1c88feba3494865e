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
run) and asks glibc to return freed heap pages to the system, so the server's memory comes back
down once a class has left. It relies on Streamlit internals of the pinned version;
tests/test_session_reaper.py fails if they move.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import threading
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.caching.ttl_cache import TTLCache

REAP_EVERY_SECONDS = 5.0

_LOGGER = logging.getLogger(__name__)
_installed_for: set[int] = set()  # id() of each Runtime already set up
_install_lock = threading.Lock()
_shut_down_count = 0  # sessions shut down so far; the reaper frees memory when it moves


def _find_malloc_trim() -> Any:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        return None


_malloc_trim = _find_malloc_trim()


def release_memory() -> None:
    """Collect unreachable cycles, then give freed heap pages back to the system (glibc only)."""
    gc.collect()
    if _malloc_trim is not None:
        _malloc_trim(0)


class ShutDownWhenDropped(TTLCache):
    """A TTLCache of SessionInfo that shuts a session down when it expires or is evicted.

    Deleting an entry (a tab reconnecting to its session) leaves the session running.
    """

    _loop: asyncio.AbstractEventLoop | None = None

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
        global _shut_down_count
        _shut_down_count += 1
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(session.shutdown)
        else:
            session.shutdown()


def install() -> bool:
    """Set up the running server once. Returns True the first time, False after or if not possible."""
    if not Runtime.exists():
        return False
    runtime = Runtime.instance()
    with _install_lock:
        if id(runtime) in _installed_for:
            return False
        manager = getattr(runtime, "_session_mgr", None)
        storage = getattr(manager, "_session_storage", None)
        cache = getattr(storage, "_cache", None)
        lock = getattr(manager, "_storage_lock", None)
        async_objs = getattr(runtime, "_async_objs", None)
        if type(cache) is not TTLCache or lock is None or async_objs is None:
            _LOGGER.warning("Session reaper not installed: this Streamlit keeps sessions differently.")
            _installed_for.add(id(runtime))
            return False
        loop = async_objs.eventloop
        with lock:
            cache.__class__ = ShutDownWhenDropped  # keeps the sessions already stored
            cache._loop = loop
        asyncio.run_coroutine_threadsafe(_reap_forever(cache, lock), loop)
        _installed_for.add(id(runtime))
        return True


async def _reap_forever(cache: ShutDownWhenDropped, lock: threading.Lock) -> None:
    released_at = _shut_down_count
    while True:
        await asyncio.sleep(REAP_EVERY_SECONDS)
        try:
            with lock:
                cache.expire()
            if _shut_down_count != released_at:
                released_at = _shut_down_count
                await asyncio.sleep(0.5)  # the shutdowns were queued on this loop: let them run
                release_memory()
        except Exception:  # noqa: BLE001 - a failed pass must not stop the next one
            _LOGGER.exception("Session reaper pass failed")
