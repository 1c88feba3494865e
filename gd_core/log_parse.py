"""Read the log a student's gradient_descent printed, keeping the precision it was printed with.

Formats, told apart line by line (any spacing, any subset of the fields, any case):

- the course's week-1 line  ``Iteration    0: Cost 7.93e+04  dj_dw: -6.500e+02, dj_db: -4.000e+02   w:  6.500e+00, b: 4.00000e+00``
- the course's week-2 line  ``Iteration    0: Cost  2529.46``
- a column of costs, one a line, or a printed list ``[79274.8125, 48637.2, ...]`` (iterations 0, 1, 2, ...)
- a CSV with a header naming its columns: ``iteration,cost,w,b`` in any order or subset
  (aliases such as ``J``, ``loss``, ``djdw``, ``bias`` are understood)

A printed number says how exact it is: ``7.93e+04`` lies within half a unit of its last digit,
``|true - 79300| <= 50``. Each value keeps that half unit, so a run can later be judged against
exactly the digits the student saw.

>>> log = parse_log("Iteration    0: Cost 7.93e+04\\nIteration 1000: Cost 3.41e+00")
>>> log.iterations.tolist(), log.cost.values.tolist(), log.cost.half_unit.tolist(), log.cost.digits
([0, 1000], [79300.0, 3.41], [50.0, 0.005], 3)
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from gd_core.frozen import frozen
from gd_core.log_formats import FIELDS, Row, column_rows, csv_rows, iteration_rows, list_rows, number_of, without_np_scalars
from gd_core.log_numbers import LogError, check_number, half_unit  # noqa: F401  (LogError: raised here too)


MAX_LOG_CHARS = 2_000_000  # a week-1 log of every one of 10,000 iterations is 1 MB
MAX_LOG_LINES = 100_000
EXAMPLE = "Iteration    0: Cost 7.93e+04  dj_dw: -6.500e+02, dj_db: -4.000e+02   w:  6.500e+00, b: 4.00000e+00"

@dataclass(frozen=True)
class LoggedField:
    """One logged quantity: its values and how exactly each was printed.

    ``half_unit[k]`` is half a unit in the last printed digit of ``values[k]`` (``7.93e+04`` -> 50):
    the value the code computed lies within it. ``digits`` is the fewest significant digits printed.
    """

    values: np.ndarray
    half_unit: np.ndarray
    digits: int


@dataclass(frozen=True)
class ParsedLog:
    """What was read: iteration numbers, the fields present, and what could not be read."""

    iterations: np.ndarray  # int, strictly increasing
    cost: LoggedField | None
    dj_dw: LoggedField | None
    dj_db: LoggedField | None
    w: LoggedField | None
    b: LoggedField | None
    source: str  # which format was recognised, in words
    unread_lines: tuple[int, ...]  # 1-based numbers of non-empty lines that could not be read
    blown_up_at: int | None  # first iteration the log shows as nan or inf (those rows are left out)
    notes: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name in FIELDS if getattr(self, name) is not None)

    def field(self, name: str) -> LoggedField | None:
        return getattr(self, name) if name in FIELDS else None

    @property
    def summary(self) -> str:
        """One sentence on what was read, then one on what was not."""
        its = self.iterations
        span = f"iteration {its[0]:,}" if its.size == 1 else f"iterations {its[0]:,} to {its[-1]:,}"
        said = f"Read {its.size:,} logged iterations ({span}) {self.source}, with {', '.join(self.fields)}."
        if self.unread_lines:
            said += f" {line_list(self.unread_lines).capitalize()} could not be read."
        return " ".join([said, *self.notes])


def line_list(numbers: tuple[int, ...], shown: int = 5) -> str:
    """'line 3', 'lines 3 and 7', 'lines 3, 7, 9 and 12 more'.

    >>> line_list((3, 7)), line_list((1, 2, 3, 4, 5, 6, 7))
    ('lines 3 and 7', 'lines 1, 2, 3, 4, 5 and 2 more')
    """
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    if len(numbers) <= shown:
        return f"lines {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"
    return f"lines {', '.join(map(str, numbers[:shown]))} and {len(numbers) - shown:,} more"


def _check_size(text: str) -> None:
    if len(text) > MAX_LOG_CHARS:
        raise LogError(
            f"the log is {len(text) / 1e6:.1f} million characters, above the limit of {MAX_LOG_CHARS / 1e6:g} million. "
            "Paste fewer lines: every 10th or 100th iteration is plenty."
        )
    if not text.strip():
        raise LogError(f"the log is empty. Paste the lines your gradient_descent printed, such as: {EXAMPLE}")
    lines = text.count("\n") + 1
    if lines > MAX_LOG_LINES:
        raise LogError(f"the log has {lines:,} lines, above the limit of {MAX_LOG_LINES:,}. Paste fewer lines, such as every 10th iteration.")


def _field(tokens: list[str]) -> LoggedField:
    values = [number_of(t) for t in tokens]
    units = [half_unit(t) for t in tokens]
    return LoggedField(
        values=frozen(values), half_unit=frozen([u for u, _ in units]), digits=int(min(d for _, d in units))
    )


def parse_log(text: str | bytes) -> ParsedLog:
    """Read a pasted log, or raise LogError saying what is wrong with it."""
    if isinstance(text, bytes):
        if len(text) > 4 * MAX_LOG_CHARS:
            raise LogError(f"the log is {len(text) / 1e6:.1f} MB, above the limit of {MAX_LOG_CHARS / 1e6:g} million characters.")
        text = text.decode("utf-8", errors="replace")
    _check_size(text)
    lines = without_np_scalars(text).splitlines()
    rows = iteration_rows(lines)
    source = "as the course's print lines"
    if not rows:
        rows = csv_rows(lines) or []
        source = "as a CSV"
    if not rows and text.strip().startswith("[") and text.strip().endswith("]"):
        rows = list_rows(text)
        return _assemble(rows, [row[0] for row in rows], "as a printed list of costs")
    if not rows:
        rows = column_rows(lines)
        source = "as a column of costs"
    return _assemble(rows, [n for n, line in enumerate(lines, 1) if line.strip()], source)


def _assemble(rows: list[Row], nonempty: list[int], source: str) -> ParsedLog:
    readable = [row for row in rows if row[2]]
    if not readable:
        raise LogError(
            "no line of the log could be read as numbers. Paste what your gradient_descent printed, "
            f"such as: {EXAMPLE}; or a column of costs; or a CSV with a header such as iteration,cost,w,b."
        )
    if all(row[1] is None for row in readable):  # no iteration numbers: 0, 1, 2, ... in order
        readable = [(n, k, tokens) for k, (n, _, tokens) in enumerate(readable)]
    notes: list[str] = []
    signature, kept = _first_run(readable, notes)
    for number, _, tokens in kept:  # before any number is converted
        for f in signature:
            check_number(tokens[f], number)
    used = {row[0] for row in kept}
    kept, blown_up_at = _finite_rows(kept, signature, used, notes)
    if len(kept) < 2:
        raise LogError(
            "only one logged value could be read. Paste at least two logged iterations (better ten or more), "
            f"such as: {EXAMPLE}"
        )
    unread = tuple(n for n in nonempty if n not in used and not (source == "as a CSV" and n == nonempty[0]))
    if source == "as a printed list of costs" and unread:
        notes.append(f"{line_list(unread).replace('line', 'item').capitalize()} of the list could not be read.")
        unread = ()
    fields = {f: _field([tokens[f] for _, _, tokens in kept]) for f in signature}
    iterations = np.array([row[1] for row in kept], dtype=np.int64)
    iterations.setflags(write=False)
    return ParsedLog(
        iterations=iterations,
        cost=fields.get("cost"),
        dj_dw=fields.get("dj_dw"),
        dj_db=fields.get("dj_db"),
        w=fields.get("w"),
        b=fields.get("b"),
        source=source,
        unread_lines=unread,
        blown_up_at=blown_up_at,
        notes=tuple(notes),
    )


def _first_run(readable: list[Row], notes: list[str]) -> tuple[tuple[str, ...], list[Row]]:
    """The fields most lines share, and the rows of the first run that have them (iterations rising)."""
    signature, _ = Counter(tuple(f for f in FIELDS if f in tokens) for _, _, tokens in readable).most_common(1)[0]
    kept: list[Row] = []
    backwards: list[int] = []
    for row in readable:
        number, iteration, tokens = row
        if iteration is None or any(f not in tokens for f in signature):
            continue
        if kept and iteration <= int(kept[-1][1] or 0):
            backwards.append(number)
            continue
        kept.append(row)
    if backwards:
        notes.append(f"The iteration number goes back at {line_list(tuple(backwards))} (a second run?); only the first run was read.")
    left_out = sorted({f for _, _, tokens in readable for f in tokens} - set(signature))
    if left_out:
        notes.append(f"{', '.join(left_out)} appeared on only some lines, so {'they were' if len(left_out) > 1 else 'it was'} left out.")
    return signature, kept


def _finite_rows(kept: list[Row], signature: tuple[str, ...], used: set[int], notes: list[str]) -> tuple[list[Row], int | None]:
    """The rows whose values are all finite, and the iteration where the run blew up (nan or inf
    from there to the end), if it did; a row of nan amid finite ones is dropped from ``used``."""
    finite = [all(math.isfinite(number_of(tokens[f])) for f in signature) for _, _, tokens in kept]
    if all(finite):
        return kept, None
    blown_up_at = None
    last_finite = max((k for k, ok in enumerate(finite) if ok), default=-1)
    bad = [k for k, ok in enumerate(finite) if not ok]
    if all(k > last_finite for k in bad):
        blown_up_at = int(kept[bad[0]][1] or 0)
        notes.append(f"From iteration {blown_up_at:,} on, the log shows nan or inf: the run blew up there. Those lines were left out.")
    else:
        used -= {kept[k][0] for k in bad}
    kept = [row for row, ok in zip(kept, finite) if ok]
    if not kept:
        raise LogError("every logged value is nan or inf: the run blew up before it printed a number. Paste a log with numbers in it.")
    return kept, blown_up_at


def course_line(i: int, cost: float, dj_dw: float, dj_db: float, w: float, b: float) -> str:
    """The week-1 lab's print line, with its format specifiers.

    >>> course_line(0, 79274.8125, -650.0, -400.0, 6.5, 4.0)
    'Iteration    0: Cost 7.93e+04  dj_dw: -6.500e+02, dj_db: -4.000e+02   w:  6.500e+00, b: 4.00000e+00'
    """
    return f"Iteration {i:4}: Cost {cost:0.2e}  dj_dw: {dj_dw: 0.3e}, dj_db: {dj_db: 0.3e}   w: {w: 0.3e}, b:{b: 0.5e}"
