"""Memory the server gives back to the system: glibc's allocator, told to return big buffers.

Large buffers (an upload's bytes, a parsed table's columns, pandas' work while parsing) come
from glibc's malloc. By default glibc raises its mmap threshold each time such a buffer is freed,
up to 32 MB, so the next buffers below that size are carved out of the heap instead, where
freed space stays in the process for reuse. ``tune()`` fixes the threshold (which also stops
glibc from raising it), so every buffer above it is mapped on its own and given back the moment
it is freed: measured with three 1,000,000-row uploads (bench/bench_upload_memory.py), the
server's growth per file fell from 2.7-3.1x the file's size to 1.8x, and what it kept after the
class had left from 1.3-1.5x its start to 1.2x (most of the rest was Streamlit's copies of the
files, which ``ui.patches.upload_files`` empties). The threshold is 2 MB, above a rerun's own buffers:
at 256 kB a figure's JSON (300-400 kB, made on every rerun) was mapped and unmapped each time,
and a page-3 rerun took 3 ms longer (5.7 -> 8.9 ms); at 2 MB it is as fast as without tuning,
and a 1,000,000-row upload's columns (8 MB each) and parsing buffers are still given back.
``release()`` collects
reference cycles and hands back the free pages left inside the heap. Where the C library is
not glibc (macOS, musl) both leave the allocator as it is.

``freeze_startup()`` is about time, not size: Python's garbage collector stops the whole server
while a full collection walks every object that might hold a reference cycle, and after the
first run that is mostly what never goes away (Streamlit, pandas, plotly and the app's modules).
Frozen once, they are left out of every later collection. Measured under the lecture-hall load
(bench/bench_load_test.py --clients 100 --think 3 against a server timing its collections with
gc.callbacks, two runs each): the longest full collection fell from 213-247 ms to 108-115 ms and
their total by half, and the p99 rerun latency (each session's first run left out) from 244-288
ms to 133-159 ms.
"""

from __future__ import annotations

import ctypes
import functools
import gc
from typing import Any

M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
MMAP_THRESHOLD = 2 * 1024 * 1024  # bytes: a rerun's buffers (a figure's JSON, under 1 MB) stay on the heap


@functools.cache
def _glibc() -> Any:
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc: nothing to tune
        return None


@functools.cache
def tune() -> bool:
    """Map every buffer above MMAP_THRESHOLD on its own, once per process; True when done."""
    libc = _glibc()
    return libc is not None and bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def release() -> None:
    """Collect unreachable cycles, then give freed heap pages back to the system (glibc only)."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def freeze_startup() -> bool:
    """Once per process, after the app's first run: collect what is garbage now, then keep every
    object still alive out of the garbage collector's later full collections (gc.freeze)."""
    gc.collect()
    gc.freeze()
    return True
