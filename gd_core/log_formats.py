"""The formats a pasted log comes in, each read into rows of (line, iteration, field -> token).

- the course's print lines, ``Iteration    0: Cost 7.93e+04  dj_dw: ...`` (``iteration_rows``)
- a CSV with a header naming its columns (``csv_rows``)
- a printed list of costs ``[79274.8125, ...]`` (``list_rows``), or a column of them (``column_rows``)

Tokens stay text here, so ``gd_core.log_parse`` can keep the precision they were printed with.

>>> iteration_rows(["Iteration 5: Cost 1.5e+02  w: 3.0"])
[(1, 5, {'cost': '1.5e+02', 'w': '3.0'})]
"""

from __future__ import annotations

import csv
import re

from gd_core.log_numbers import LogError, iteration_number

FIELDS = ("cost", "dj_dw", "dj_db", "w", "b")

# Digits are ASCII, as Python prints them (r"\d" would also take ٣ and ３); \b and \w stay
# Unicode's, so "Iteration 1²" is no iteration 1.
_NUMBER = r"[-+]?(?:nan|inf(?:inity)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?)"
_ITERATION = re.compile(r"^\s*(?:iteration|iter|it|epoch|step|i)\s*[:=#]?\s*([0-9]+)\b\s*:?", re.IGNORECASE)
_KEYS = {"cost": "cost", "j": "cost", "loss": "cost", "dj_dw": "dj_dw", "djdw": "dj_dw", "dj_db": "dj_db",
         "djdb": "dj_db", "w": "w", "b": "b"}
_PAIR = re.compile(r"(?<![\w.])(cost|loss|j|dj_dw|djdw|dj_db|djdb|w|b)\s*[:=]?\s*(" + _NUMBER + r")(?![\w.])", re.IGNORECASE)
_ONE_NUMBER = re.compile(r"^\s*(" + _NUMBER + r")\s*,?\s*$", re.IGNORECASE)
_NP_SCALAR = re.compile(r"np\.float(?:64|32)\(([^)]*)\)")
_CSV_ALIASES = {
    "iteration": "iteration", "iterations": "iteration", "iter": "iteration", "i": "iteration", "it": "iteration",
    "step": "iteration", "epoch": "iteration",
    "cost": "cost", "j": "cost", "loss": "cost", "j_history": "cost", "cost_history": "cost", "j(w,b)": "cost",
    "dj_dw": "dj_dw", "djdw": "dj_dw", "dj/dw": "dj_dw", "grad_w": "dj_dw",
    "dj_db": "dj_db", "djdb": "dj_db", "dj/db": "dj_db", "grad_b": "dj_db",
    "w": "w", "weight": "w", "b": "b", "bias": "b", "intercept": "b",
}



def without_np_scalars(text: str) -> str:
    """numpy 2 prints np.float64(79274.8125): keep the number."""
    return _NP_SCALAR.sub(r"\1", text)


def number_of(token: str) -> float:
    """A token's value (already checked to be a number)."""
    return float(token)


Row = tuple[int, int | None, dict[str, str]]  # (line number, iteration or None, field -> token)


def iteration_rows(lines: list[str]) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(lines, 1):
        found = _ITERATION.match(line)
        if found is None:
            continue
        tokens: dict[str, str] = {}
        for key, token in _PAIR.findall(line[found.end():]):
            tokens.setdefault(_KEYS[key.lower()], token)
        if not tokens:  # "Iteration 5: 123.4": the one number is the cost
            rest = _ONE_NUMBER.match(line[found.end():])
            if rest:
                tokens["cost"] = rest.group(1)
        rows.append((number, iteration_number(found.group(1), number), tokens))
    return rows


def csv_rows(lines: list[str]) -> list[Row] | None:
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    header = lines[first]
    delimiter = max(",;\t", key=header.count)
    if header.count(delimiter) == 0:
        return None
    names = [_CSV_ALIASES.get(cell.strip().strip("\"'").lower().replace(" ", "")) for cell in header.split(delimiter)]
    if not any(name in FIELDS for name in names):
        return None
    reader = csv.reader(lines[first + 1:], delimiter=delimiter)
    try:
        return [row for number, cells in enumerate(reader, first + 2) if (row := _csv_row(number, cells, names))]
    except csv.Error:  # a quote left open runs one cell on over many lines
        raise LogError(
            f"the CSV could not be read from line {first + 1 + reader.line_num}: a cell is longer than "
            f"{csv.field_size_limit():,} characters. Check for a quote (\") that is not closed."
        ) from None


def _csv_row(number: int, cells: list[str], names: list[str | None]) -> Row | None:
    if not cells or not "".join(cells).strip():
        return None
    tokens = {name: cell.strip() for name, cell in zip(names, cells) if name is not None}
    iteration = tokens.pop("iteration", None)
    ok = len(cells) == len(names) and all(re.fullmatch(_NUMBER, t, re.IGNORECASE) for t in tokens.values())
    it = None
    if iteration is not None:
        ok = ok and re.fullmatch(r"[0-9]+(?:\.0*)?", iteration) is not None
        it = iteration_number(iteration.partition(".")[0], number) if ok else None
    return number, it, tokens if ok else {}


def list_rows(text: str) -> list[Row]:
    """print(J_history): '[79274.8125, np.float64(48637.2), ...]'; the row number is the item's."""
    items = without_np_scalars(text.strip()[1:-1]).split(",")  # print(J_history) in numpy 2
    return [(k, k - 1, {"cost": item.strip()} if _ONE_NUMBER.match(item) else {}) for k, item in enumerate(items, 1)]


def column_rows(lines: list[str]) -> list[Row]:
    return [(n, None, {"cost": found.group(1)} if (found := _ONE_NUMBER.match(line)) else {})
            for n, line in enumerate(lines, 1) if line.strip()]
