"""Uploaded tables, held once for the whole server under one memory budget.

An uploaded file is parsed once into its numeric columns (``LoadedData``) and kept here, not in
Streamlit's data cache (which keeps a pickled copy and hands out a fresh copy on every rerun).
The store is bounded in bytes for the whole server: when a new table would pass the budget,
the tables used least recently (by anyone) are dropped first, and the session they belonged to
is told so on its next run (its last fit stays on screen; one click parses its file again). A
session keeps at most ``PER_SESSION`` tables, and all of them go when the session is shut down
(``ui.patches.session_reaper``). Set the budget with the environment variable GD_UPLOAD_BUDGET_MB.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from gd_core.data import LoadedData

PER_SESSION = 2
DEFAULT_BUDGET_MB = 512


def table_bytes(data: LoadedData) -> int:
    """What a parsed table holds in memory: its numeric columns and index."""
    return int(data.frame.memory_usage(index=True, deep=False).sum())


@dataclass(frozen=True)
class Stored:
    data: LoadedData
    size: int


class UploadStore:
    """A thread-safe LRU of parsed uploads keyed by (session id, upload key), bounded in bytes."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self._lock = threading.Lock()
        self._tables: OrderedDict[tuple[str, str], Stored] = OrderedDict()
        self._dropped: set[tuple[str, str]] = set()

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return sum(item.size for item in self._tables.values())

    def get(self, session: str, key: str) -> LoadedData | None:
        with self._lock:
            item = self._tables.get((session, key))
            if item is None:
                return None
            self._tables.move_to_end((session, key))
            return item.data

    def was_dropped(self, session: str, key: str) -> bool:
        """True when this session's table was set aside to keep the server within its budget."""
        with self._lock:
            return (session, key) in self._dropped

    def put(self, session: str, key: str, data: LoadedData) -> None:
        """Keep ``data``; drop this session's oldest beyond PER_SESSION, then anyone's least
        recently used table until the total is within the budget (never the one just added)."""
        with self._lock:
            self._dropped.discard((session, key))
            self._tables[(session, key)] = Stored(data, table_bytes(data))
            self._tables.move_to_end((session, key))
            mine = [k for k in self._tables if k[0] == session]
            for old in mine[:-PER_SESSION]:
                del self._tables[old]  # the student moved on: no message needed
            total = sum(item.size for item in self._tables.values())
            for other in list(self._tables):
                if total <= self.budget_bytes or other == (session, key):
                    continue
                total -= self._tables.pop(other).size
                self._dropped.add(other)

    def forget(self, session: str) -> None:
        """Drop every table of a session that has ended."""
        with self._lock:
            for key in [k for k in self._tables if k[0] == session]:
                del self._tables[key]
            self._dropped = {k for k in self._dropped if k[0] != session}


# One store per server process: what it bounds is the process's memory.
STORE = UploadStore(int(float(os.environ.get("GD_UPLOAD_BUDGET_MB", DEFAULT_BUDGET_MB)) * 1024 * 1024))
