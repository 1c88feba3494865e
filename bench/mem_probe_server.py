"""``streamlit run`` that reports, on request, what the server holds in memory.

Used by bench/bench_load_test.py ``--probe``: python bench/mem_probe_server.py <streamlit run arguments>,
with $MEM_PROBE naming a folder. A file ``request-LABEL`` written there makes the server write
``LABEL.txt`` beside it (then remove the request; ``request-LABEL-clear`` then empties the app's
caches and reports the RSS without them): its RSS; glibc's heap (mallinfo2: in use,
free but kept, mapped on its own); pymalloc's live blocks; the live objects by type (gc); the
entries of every shared cache (ui.cache) and the bytes of their figures' JSON text; the sessions
Streamlit still holds; and last, the RSS once more after malloc_trim(0), which tells memory
glibc keeps (freed, given back by the trim) from memory still in use. A request named
``request-trace`` starts tracemalloc (25 frames); every later report lists the allocations made
since then that are still alive, by the line that made them. A probe, not a patch: the app
never imports it.
"""

from __future__ import annotations

import collections
import ctypes
import gc
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

from streamlit.web.cli import main

FOLDER = Path(os.environ["MEM_PROBE"])


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def heap_lines() -> list[str]:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    mb = 1 / 2**20
    return [
        f"glibc heap (main arena + others): {info.arena * mb:.1f} MB from sbrk/arenas, {info.uordblks * mb:.1f} MB in use,"
        f" {info.fordblks * mb:.1f} MB free but kept, {info.hblkhd * mb:.1f} MB mapped on its own ({info.hblks} maps)",
        *pymalloc_lines(),
    ]


def pymalloc_lines() -> list[str]:
    """pymalloc's own arenas (1 MB each, mapped on their own: an arena goes back to the system only
    when every object in it is freed), from sys._debugmallocstats() (written to fd 2)."""
    import tempfile

    with tempfile.TemporaryFile(mode="w+") as out:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(out.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        stats = {}
        for line in out:
            name, _, value = line.partition("=")
            if line.startswith("# ") and value:
                stats[name.strip("# ").strip()] = int(value.strip().replace(",", ""))
    mb = 1 / 2**20
    return [
        f"pymalloc: {stats.get('arenas allocated current', 0)} arenas ({stats.get('arenas allocated current', 0) * 1.0:.0f} MB),"
        f" {stats.get('bytes in allocated blocks', 0) * mb:.1f} MB in live objects, {stats.get('bytes in available blocks', 0) * mb:.1f} MB free inside them;"
        f" {sys.getallocatedblocks()} live blocks"
    ]


def shared_caches() -> list[str]:
    """Each ui.cache function's entries, by walking its closure (the cache keeps them there)."""
    lines, total_text = [], 0
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("ui.cache.") or module is None:
            continue
        for attr, value in sorted(vars(module).items()):
            info = getattr(value, "cache_info", None)
            closure = getattr(value, "__closure__", None)
            if info is None or closure is None:
                continue
            cells = dict(zip(value.__code__.co_freevars, (c.cell_contents for c in closure)))
            entries = cells.get("entries", {})
            text = 0
            for stored, _ in list(entries.values()):
                spec = getattr(stored, "_spec", None)
                text += len(getattr(spec, "_text", None) or "")
            counts = cells.get("counts", {})
            total_text += text
            lines.append(
                f"  {name}.{attr}: {len(entries)} entries, arrays {counts.get('bytes', 0) / 2**20:.1f} MB,"
                f" figure text {text / 2**20:.1f} MB"
            )
    return [f"shared caches (figure text in all: {total_text / 2**20:.1f} MB):", *lines]


def sessions() -> list[str]:
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return ["no runtime"]
    manager = Runtime.instance()._session_mgr
    storage = manager._session_storage
    active = len(manager.list_active_sessions())
    held = len(storage.list())
    return [f"sessions: {active} active, {held} held by the session storage (closed ones wait out the TTL)"]


def by_type(top: int = 25) -> list[str]:
    counts = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
    return ["gc-tracked objects by type:", *(f"  {n:>8} {t}" for t, n in counts.most_common(top))]


def describe(item: object) -> str:
    if isinstance(item, dict):
        return f"dict keys {list(item)[:6]}"
    if isinstance(item, (list, tuple, set)):
        return f"{type(item).__name__} of {len(item)}"
    return type(item).__qualname__ + (f" {getattr(item, '__qualname__', '')}" if hasattr(item, "__qualname__") else "")


def holders(names: str = os.environ.get("MEM_PROBE_WHO", "WidgetMetadata"), depth: int = 3) -> list[str]:
    """Who keeps the first live object of each type named in $MEM_PROBE_WHO (comma-separated):
    its referrers, theirs, and so on, ``depth`` levels up (gc.get_referrers)."""
    lines = []
    everything = gc.get_objects()
    for name in filter(None, names.split(",")):
        found = [o for o in everything if type(o).__qualname__ == name]
        lines.append(f"who holds {name} ({len(found)} alive):")
        level = found[:1]
        skip = {id(everything), id(found), id(level)}
        for d in range(depth):
            up = []
            for item in level:
                for ref in gc.get_referrers(item):
                    if id(ref) in skip or ref is lines or type(ref).__name__ == "frame":
                        continue
                    skip.add(id(ref))
                    up.append(ref)
                    lines.append("  " * (d + 2) + describe(ref))
            level = up[:4]
    return lines


def traced(top: int = 25) -> list[str]:
    if not tracemalloc.is_tracing():
        return []
    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = snap.statistics("traceback")
    total = sum(s.size for s in stats)
    lines = [f"tracemalloc: {total / 2**20:.1f} MB allocated since tracing began and still alive; the largest by where they were made:"]
    for stat in stats[:top]:
        lines.append(f"  {stat.size / 2**20:7.2f} MB {stat.count:>7} blocks")
        for frame in stat.traceback.format()[-12:]:
            lines.append("      " + frame.strip())
    return lines


def report(label: str) -> None:
    gc.collect()
    lines = [f"{label}: RSS {rss_mb():.1f} MB"]
    for part in (heap_lines, sessions, shared_caches, by_type, holders, traced):
        try:
            lines += part()
        except Exception as error:  # noqa: BLE001 - a probe reports what it cannot read
            lines.append(f"{part.__name__}: {type(error).__name__}: {error}")
    before = rss_mb()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    lines.append(f"malloc_trim(0): RSS {before:.1f} -> {rss_mb():.1f} MB")
    lines += heap_lines()
    (FOLDER / f"{label}.txt").write_text("\n".join(lines) + "\n")


def clear_caches() -> list[str]:
    """Empty every server-wide cache of the app (each ui.cache-style shared cache and each
    functools cache in ui and gd_core), then collect and trim: what the RSS is without them."""
    import functools

    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("ui.", "gd_core.")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_info", None)) and callable(getattr(value, "clear", None)):
                value.clear()
                cleared += 1
            elif isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
                cleared += 1
    before = rss_mb()
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    return [f"caches cleared ({cleared}), collected and trimmed: RSS {before:.1f} -> {rss_mb():.1f} MB", *heap_lines()]


def watch() -> None:
    while True:
        for request in sorted(FOLDER.glob("request-*")):
            label = request.name.removeprefix("request-")
            request.unlink()
            if label == "trace":
                tracemalloc.start(25)
                (FOLDER / "trace.txt").write_text("tracing\n")
            else:
                report(label.removesuffix("-clear"))
                if label.endswith("-clear"):  # the last report of a run: it empties the caches
                    with open(FOLDER / f"{label.removesuffix('-clear')}.txt", "a") as out:
                        out.write("\n".join(clear_caches()) + "\n")
        time.sleep(0.2)


if __name__ == "__main__":
    FOLDER.mkdir(parents=True, exist_ok=True)
    threading.Thread(target=watch, name="mem-probe", daemon=True).start()
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    main()
