"""Benchmark: hostile uploads, seconds to the answer and server memory added, against a baseline.

Builds the three slow files of issue 19 (a 2.2 KB workbook whose one row has 20,000 cells, an
84 KB one of 2,000,000 shared strings, a 2 MB CSV of one line of 1,000,000 columns), a file of
each adversarial shape as large as the 200 MB upload cap allows (tests/hostile.py: a workbook's
XML is repeated deflate blocks, so one that unpacks to a gigabyte costs a megabyte to write),
and two legitimate ones (2,000,000 CSV rows, 200,000 workbook rows). Each file is read by
``load_table`` in a child process of its own, once with this worktree's gd_core and once with
gd_core at BASELINE (``git archive``, as bench_figures reads its baseline): seconds to the
answer (loaded, or refused with the start of the message) and the peak resident memory the call
added (``ru_maxrss`` after it, minus before it, the file's bytes already read). Every child has
TIMEOUT seconds and an address space of LIMIT_GB; one that passes them is reported as "> N s"
or "out of memory". A workbook bomb declares 60 MB for its sheet and shared strings (a lie under
both versions' caps), so the baseline's check of declared sizes lets it through.
Run: flock /tmp/bench.lock python bench/bench_hostile_uploads.py [--quick | --only WORDS]
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import MAIN, deflate, repeats_for, sheet_xml, workbook  # noqa: E402

BASELINE = "58b5172"  # the last commit before uploads were bounded (issue 19)
CAP = 200 * 1024 * 1024 - 4096  # just under the upload cap
TIMEOUT = 30
LIMIT_GB = 6
BOMB = 60 * 1024 * 1024  # the size a workbook bomb's sheet (and shared strings) declare: in all, under both caps
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from gd_core.data import DataError, load_table
raw = open(sys.argv[2], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    data = load_table(raw)
    answer = f"loaded {data.n_rows:,} rows x {data.frame.shape[1]}"
except DataError as error:
    answer = "refused: " + str(error)
except MemoryError:
    answer = "out of memory"
except Exception as error:
    answer = f"{type(error).__name__} (a traceback): {error}"
seconds = time.perf_counter() - start
added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"seconds": seconds, "mb": added, "answer": answer}))
"""


def text_cases() -> dict[str, Callable[[], bytes]]:
    row_5000 = b",".join([b"1"] * 5000) + b"\n"
    row_1000 = b",".join([b"1"] * 1000) + b"\n"
    return {
        "csv: 1 line, 1,000,000 columns": lambda: b",".join([b"1"] * 1_000_000) + b"\n",
        "csv: 1 line of 200 MB": lambda: b"1," * (CAP // 2),
        "csv: 5,000 columns": lambda: row_5000 * (CAP // len(row_5000)),
        "csv: 1,000 columns (100M cells)": lambda: row_1000 * (CAP // len(row_1000)),
        "csv: 1 quoted cell, many lines": lambda: b'x,y\n1,"' + (b"a" * 99 + b"\n") * (CAP // 100 - 1) + b'"\n2,3\n3,4\n',
        "csv: 50,000,000 tiny rows": lambda: b"x,y\n" + b"1,2\n" * (CAP // 4 - 1),
        "csv: 200,000,000 blank lines": lambda: b"x,y\n1,2\n3,4\n" + b"\n" * (CAP - 12),
        "csv: ASCII and one emoji": lambda: b"x,y\n" + b"1,2\n" * (CAP // 4 - 2) + "3,\U0001f600\n".encode(),
        "utf-16: 1 line of 100M chars": lambda: ("1," * (CAP // 4)).encode("utf-16"),
    }


def _bomb(sheet: tuple[bytes, int, int], **kwargs) -> bytes:
    return workbook(sheet, declared={"xl/worksheets/sheet1.xml": BOMB, "xl/sharedStrings.xml": BOMB}, **kwargs)


def xlsx_cases() -> dict[str, Callable[[], bytes]]:
    cell, row2 = b"<c><v>1</v></c>", b"<row><c><v>1</v></c><c><v>2</v></c></row>"
    gig = 1 << 20  # a megabyte of deflate: ~1 GB of XML

    def strings(count: int) -> tuple[bytes, int, int]:
        return deflate([(b"<sst " + MAIN + b">", 1), (b"<si><t>a</t></si>", count), (b"</sst>", 1)])

    return {
        "xlsx: 1 row of 20,000 cells": lambda: workbook(sheet_xml(cell, 20_000, before=b'<row r="1">', after=b"</row>")),
        "xlsx: 2,000,000 shared strings": lambda: workbook(sheet_xml(row2, 3), strings=strings(2_000_000)),
        "xlsx: 200 MB zip of 1 row": lambda: workbook(sheet_xml(cell, repeats_for(cell, CAP), before=b"<row>", after=b"</row>")),
        "xlsx bomb: 1 row": lambda: _bomb(sheet_xml(cell, repeats_for(cell, gig), before=b"<row>", after=b"</row>")),
        "xlsx bomb: shared strings": lambda: _bomb(sheet_xml(row2, 3), strings=strings(repeats_for(b"<si><t>a</t></si>", gig))),
        "xlsx bomb: tiny rows": lambda: _bomb(sheet_xml(row2, repeats_for(row2, gig))),
        "xlsx bomb: spaces": lambda: _bomb(sheet_xml(b" " * 1024, repeats_for(b" " * 1024, gig))),
        "xlsx bomb: 1 giant text cell": lambda: _bomb(sheet_xml(
            b"a" * 1024, repeats_for(b"a" * 1024, gig), before=b'<row><c t="inlineStr"><is><t>', after=b"</t></is></c></row>")),
        "xlsx bomb: nested 1M deep": lambda: _bomb(deflate([(b"<worksheet " + MAIN + b">", 1), (b"<a>", 1_000_000), (b"</a>", 1_000_000),
                                                          (b"<sheetData/></worksheet>", 1)])),
        "xlsx bomb: 10M empty elements": lambda: _bomb(sheet_xml(b"<x/>", 10_000_000, after=b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 3)),
        "xlsx: 20,000 sheets": lambda: workbook(sheet_xml(row2, 3), sheets=20_000),
        "xlsx: 2 cells, A1 and ALL200000": lambda: workbook(sheet_xml(b"", 1, before=b'<row r="1"><c r="A1"><v>1</v></c></row>'
                                                                    b'<row r="200000"><c r="ALL200000"><v>1</v></c></row>')),
    }


def legit_cases() -> dict[str, Callable[[], bytes]]:
    from bench.bench_upload import make_csv

    def csv() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            return make_csv(Path(tmp) / "rows.csv", 2_000_000).read_bytes()

    def xlsx() -> bytes:
        import numpy as np
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("data")
        sheet.append(["size", "price"])
        for row in np.random.default_rng(0).normal(size=(200_000, 2)).round(6).tolist():
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return {"legit csv: 2,000,000 rows": csv, "legit xlsx: 200,000 rows": xlsx}


def baseline_root(folder: Path, rev: str = BASELINE) -> Path:
    """gd_core as it was at ``rev``, unpacked under ``folder``."""
    archive = subprocess.run(["git", "archive", rev, "gd_core"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _limit_memory() -> None:
    limit = LIMIT_GB * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def measure(root: Path, path: Path) -> dict:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(root), str(path)], capture_output=True, text=True, timeout=TIMEOUT,
            preexec_fn=_limit_memory, env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "mb": None, "answer": f"no answer in {TIMEOUT} s"}
    if done.returncode or not done.stdout.strip():
        last = (done.stderr.strip().splitlines() or ["killed"])[-1]
        return {"seconds": None, "mb": None, "answer": f"crashed: {last}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cell(result: dict) -> str:
    if result["seconds"] is None:
        return f"{'> ' + str(TIMEOUT) + ' s' if 'no answer' in result['answer'] else 'crash':>9} {'':>7}"
    return f"{result['seconds']:8.2f}s {result['mb']:6.0f}M"


def main() -> None:
    quick = "--quick" in sys.argv  # the three slow files and the small shapes only
    cases = {**text_cases(), **xlsx_cases(), **legit_cases()}
    if quick:
        cases = {k: v for k, v in cases.items() if "1,000,000 columns" in k or "20,000" in k or "2,000,000 shared" in k or "A1" in k}
    if "--only" in sys.argv:
        cases = {k: v for k, v in cases.items() if sys.argv[sys.argv.index("--only") + 1] in k}
    print(f"{'case':34} {'MB':>7} {'old':>9} {'':>7} {'new':>9} {'':>7} {'old/new':>8}  answer (new | old)")
    with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
        old_root = baseline_root(Path(tmp) / "baseline")
        for name, build in cases.items():
            path = Path(tmp) / "upload"
            path.write_bytes(build())
            size = path.stat().st_size / 2**20
            old, new = measure(old_root, path), measure(ROOT, path)
            path.unlink()
            ratio = ""
            if new["seconds"]:
                ratio = f"{(old['seconds'] or TIMEOUT) / new['seconds']:7.0f}x" if old["seconds"] is None else f"{old['seconds'] / new['seconds']:7.1f}x"
                ratio = ("> " + ratio.strip()).rjust(8) if old["seconds"] is None else ratio.rjust(8)
            print(f"{name:34} {size:7.2f} {_cell(old)} {_cell(new)} {ratio}  {new['answer'][:58]} | {old['answer'][:40]}", flush=True)


if __name__ == "__main__":
    main()
