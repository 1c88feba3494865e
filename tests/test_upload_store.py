"""The server-wide store of uploaded tables: bounded in bytes, least recently used dropped first,
the dropped session told, a session's tables gone when it ends."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gd_core.data import LoadedData
from ui.cache.upload_store import PER_SESSION, UploadStore, table_bytes


def table(rows: int) -> LoadedData:
    frame = pd.DataFrame({"x": np.arange(rows, dtype=float), "y": np.ones(rows)})
    return LoadedData(frame=frame, missing={"x": 0, "y": 0}, dropped_columns=(), delimiter=",", encoding="utf-8", notes=())


def test_budget_drops_the_least_recently_used_and_says_whose() -> None:
    one = table_bytes(table(1000))
    store = UploadStore(budget_bytes=int(2.5 * one))
    store.put("ann", "a", table(1000))
    store.put("bob", "b", table(1000))
    assert store.get("ann", "a") is not None  # Ann used hers: Bob's is now the oldest
    store.put("cat", "c", table(1000))
    assert store.total_bytes <= store.budget_bytes
    assert store.get("bob", "b") is None and store.was_dropped("bob", "b")
    assert store.get("ann", "a") is not None and store.get("cat", "c") is not None
    store.put("bob", "b", table(1000))  # Bob loads it again: he is no longer told it was dropped
    assert not store.was_dropped("bob", "b")


def test_a_table_larger_than_the_budget_is_still_kept_for_its_student() -> None:
    store = UploadStore(budget_bytes=10)
    store.put("ann", "a", table(1000))
    assert store.get("ann", "a") is not None


def test_a_session_keeps_its_latest_tables_and_loses_all_when_it_ends() -> None:
    store = UploadStore(budget_bytes=10**9)
    for k in range(PER_SESSION + 2):
        store.put("ann", f"file{k}", table(10))
    assert [store.get("ann", f"file{k}") is not None for k in range(PER_SESSION + 2)] == [False, False, True, True]
    assert not store.was_dropped("ann", "file0")  # replaced by her own newer files: nothing to say
    store.forget("ann")
    assert store.total_bytes == 0
