"""One small cache for what every session shares: finished runs, figures, built-in tables.

It keeps one value per key for the whole server process, as st.cache_resource does, and the
value is never copied: it must be read only (arrays in it are made read-only when stored).
The key is the function's arguments whose names do not start with an underscore, hashed by
Python itself. That is the difference that matters here: st.cache_resource runs its own hasher
over the arguments, about 0.1 ms a call, and a page makes up to ten such calls per rerun
(measured: a third of a cached page-2 rerun), where a dict lookup of a small tuple takes a few
microseconds. Bounded: the least recently used entries go first. Two sessions asking for the
same new key at once may both compute it; the value is the same, and one of them is kept.

>>> @shared(max_entries=2)
... def square(x: float, _note: str = "") -> float:
...     return x * x
>>> square(3.0), square(3.0, _note="not part of the key"), square.cache_info()
(9.0, 9.0, (1, 1, 1))
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


def read_only(value: Any) -> Any:
    """``value`` with every numpy array in it (in a dataclass, tuple or list, at any depth) made
    read-only; returns ``value`` itself."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            read_only(getattr(value, item.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            read_only(item)
    return value


def shared(max_entries: int) -> Callable[[F], F]:
    """Decorator: keep ``max_entries`` results, keyed by the arguments not named ``_...``."""

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        keyed = [name for name in signature.parameters if not name.startswith("_")]
        entries: OrderedDict[tuple, Any] = OrderedDict()
        lock = threading.Lock()
        counts = {"hits": 0, "misses": 0}

        @functools.wraps(function)
        def cached(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            key = tuple(bound.arguments[name] for name in keyed)
            with lock:
                if key in entries:
                    entries.move_to_end(key)
                    counts["hits"] += 1
                    return entries[key]
            value = read_only(function(*args, **kwargs))
            with lock:
                counts["misses"] += 1
                entries[key] = value
                entries.move_to_end(key)
                while len(entries) > max_entries:
                    entries.popitem(last=False)
            return value

        def cache_info() -> tuple[int, int, int]:
            """(hits, misses, entries kept)."""
            with lock:
                return counts["hits"], counts["misses"], len(entries)

        def clear() -> None:
            with lock:
                entries.clear()

        cached.cache_info = cache_info  # type: ignore[attr-defined]
        cached.clear = clear  # type: ignore[attr-defined]
        return cached  # type: ignore[return-value]

    return decorate
