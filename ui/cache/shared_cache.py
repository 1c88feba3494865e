"""One small cache for what every session shares: finished runs, figures, built-in tables.

It keeps one value per key for the whole server process, as st.cache_resource does, and the
value is never copied: it must be read only (arrays in it are made read-only when stored).
The key is the function's arguments whose names do not start with an underscore, hashed by
Python itself. That is the difference that matters here: st.cache_resource runs its own hasher
over the arguments, about 0.1 ms a call, and a page makes up to ten such calls per rerun
(measured: a third of a cached page-2 rerun), where a dict lookup of a small tuple takes a few
microseconds. Bounded in entries and, where values can be large, in bytes (the arrays in them):
the least recently used entries go first. Sessions asking for the same new key at once wait for
the one that computes it, as with st.cache_resource: when a class opens one link together, a
view's runs and figure are made once, not once per student.

>>> @shared(max_entries=2)
... def square(x: float, _note: str = "") -> float:
...     return x * x
>>> square(3.0), square(3.0, _note="not part of the key"), square.cache_info()
(9.0, 9.0, (1, 1, 1))
>>> same = np.zeros(3)
>>> sum(a.nbytes for a in arrays((same, [np.ones(2), same], "text")))
40
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])


def arrays(value: Any) -> list[np.ndarray]:
    """The numpy arrays in ``value`` (in a dataclass, tuple or list, at any depth), each once
    (a scaled-or-not Fit holds the same run twice)."""
    found: dict[int, np.ndarray] = {}

    def walk(item: Any) -> None:
        if isinstance(item, np.ndarray):
            found.setdefault(id(item), item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for part in dataclasses.fields(item):
                walk(getattr(item, part.name))
        elif isinstance(item, (tuple, list)):
            for part in item:
                walk(part)

    walk(value)
    return list(found.values())


def shared(max_entries: int, max_bytes: int | None = None) -> Callable[[F], F]:
    """Decorator: keep at most ``max_entries`` results (and ``max_bytes`` of arrays in them),
    keyed by the arguments not named ``_...``."""

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        keyed = [name for name in signature.parameters if not name.startswith("_")]
        entries: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()  # key -> (value, its array bytes)
        making: dict[tuple, threading.Event] = {}  # keys being computed now, and their "done" signal
        lock = threading.Lock()
        counts = {"hits": 0, "misses": 0, "bytes": 0}

        def lookup(key: tuple) -> tuple[bool, Any]:
            if key in entries:
                entries.move_to_end(key)
                counts["hits"] += 1
                return True, entries[key][0]
            return False, None

        @functools.wraps(function)
        def cached(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            key = tuple(bound.arguments[name] for name in keyed)
            while True:
                with lock:
                    found, value = lookup(key)
                    if found:
                        return value
                    done = making.get(key)
                    if done is None:
                        done = making[key] = threading.Event()
                        break  # this caller computes it
                done.wait()  # another caller is computing it; then look again (it may have failed)
            try:
                value = function(*args, **kwargs)
                held = arrays(value)
                for array in held:
                    array.setflags(write=False)
                size = sum(int(array.nbytes) for array in held)
                with lock:
                    counts["misses"] += 1
                    entries[key] = (value, size)
                    counts["bytes"] += size
                    while len(entries) > max_entries or (max_bytes is not None and counts["bytes"] > max_bytes and len(entries) > 1):
                        _, (_, gone) = entries.popitem(last=False)
                        counts["bytes"] -= gone
                return value
            finally:
                with lock:
                    making.pop(key, None)
                done.set()

        def cache_info() -> tuple[int, int, int]:
            """(hits, misses, entries kept)."""
            with lock:
                return counts["hits"], counts["misses"], len(entries)

        def clear() -> None:
            with lock:
                entries.clear()
                counts["bytes"] = 0

        cached.cache_info = cache_info  # type: ignore[attr-defined]
        cached.clear = clear  # type: ignore[attr-defined]
        return cached  # type: ignore[return-value]

    return decorate
