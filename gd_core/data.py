"""From the raw bytes of a CSV upload to numeric columns, or an error a student can act on.

``load_csv`` sniffs what it must on a small sample (file type, encoding, delimiter, header,
decimal comma) and leaves the parse itself to pandas' C reader, so a million rows load in a
fraction of a second. Only text columns that failed to parse get a second, vectorised look
(thousands separators, decimal commas, a few stray words). ``prepare_xy`` then turns the chosen
columns into the arrays gradient descent needs, refusing what cannot be fitted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # the same cap as server.maxUploadSize in .streamlit/config.toml
MAX_ROWS = 2_000_000
MAX_ABS_VALUE = 1e150  # squares of larger numbers overflow float64
NA_VALUES = ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "None", "?", "-", "--", "#N/A"]
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
MAGIC = {
    b"PK\x03\x04": "an Excel or zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
}


class DataError(ValueError):
    """The upload or the chosen columns cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class LoadedData:
    frame: pd.DataFrame  # numeric columns only (float64), NaN where a value is missing
    missing: dict[str, int]  # per numeric column: how many values are missing
    dropped_columns: tuple[str, ...]  # text columns that were left out
    delimiter: str
    encoding: str
    notes: tuple[str, ...]  # plain sentences about what was done while reading

    @property
    def n_rows(self) -> int:
        return int(len(self.frame))


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1024 / 1024:.1f} MB" if n_bytes >= 1024 * 1024 else f"{n_bytes:,} bytes"


def _check_is_text(raw: bytes, max_bytes: int) -> None:
    if not raw.strip():
        raise DataError("the file is empty. Upload a CSV with a header row and at least two rows of numbers.")
    if len(raw) > max_bytes:
        raise DataError(f"the file is {_size(len(raw))}, above the limit of {_size(max_bytes)}. Upload a smaller sample of the rows.")
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            raise DataError(
                f"this is {kind}, not a CSV text file. Save or export it as CSV (comma separated values) and upload that."
            )
    if b"\x00" in raw[:8192]:
        raise DataError("this is not a text file (it contains binary data). Save it as CSV (comma separated values) and upload that.")


def _decode_head(raw: bytes) -> tuple[str, str, list[str]]:
    """(encoding for pandas, decoded head, notes)."""
    notes: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "latin-1"
            notes.append("The file is not UTF-8, so it was read as Latin-1 (Western European).")
    head = raw[:65536].decode(encoding, errors="ignore")
    if len(raw) > 65536:  # drop a possibly cut last line
        head = head.rsplit("\n", 1)[0]
    return encoding, head, notes


def _sniff_delimiter(head: str) -> str:
    """The candidate that splits the first lines into the same, largest number of fields."""
    lines = [line for line in head.splitlines() if line.strip()][:50]
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _is_number(text: str) -> bool:
    try:
        float(text.strip().replace(",", "."))
    except ValueError:
        return False
    return True


def _has_header(head: str, delimiter: str) -> bool:
    first = next(csv.reader(head.splitlines()[:1], delimiter=delimiter), [])
    cells = [cell for cell in first if cell.strip()]
    return not cells or not all(_is_number(cell) for cell in cells)


def _to_numbers(column: pd.Series, decimal_comma: bool) -> tuple[pd.Series, str | None]:
    """Vectorised second look at a text column: thousands separators, decimal commas, stray words."""
    text = column.astype("string").str.strip()
    present = text.notna() & (text != "")
    if not present.any():
        return pd.Series(np.nan, index=column.index), None
    if decimal_comma:
        cleaned = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        how = "decimal commas read as decimal points"
    else:
        cleaned = text.str.replace(",", "", regex=False).str.replace("_", "", regex=False)
        how = "thousands separators removed"
    numbers = pd.to_numeric(cleaned.str.replace(" ", "", regex=False), errors="coerce")
    share = float(numbers[present].notna().mean())
    if share < 0.8:
        return column, None
    bad = int((numbers.isna() & present).sum())
    note = how if cleaned.ne(text).any() else None
    if bad:
        extra = f"{bad} value{'s' if bad > 1 else ''} that {'are' if bad > 1 else 'is'} not a number treated as missing"
        note = f"{note}; {extra}" if note else extra
    return numbers.astype(float), note


def load_csv(raw: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_ROWS) -> LoadedData:
    """Read a CSV upload into numeric columns, or raise DataError with a message to act on."""
    _check_is_text(raw, max_bytes)
    encoding, head, notes = _decode_head(raw)
    delimiter = _sniff_delimiter(head)
    if delimiter != ",":
        notes.append(f"Columns are separated by a {DELIMITERS[delimiter]}.")
    header = _has_header(head, delimiter)
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            sep=delimiter,
            encoding=encoding,
            header=0 if header else None,
            na_values=NA_VALUES,
            keep_default_na=True,
            skipinitialspace=True,
            nrows=max_rows + 1,
            engine="c",
            low_memory=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DataError(
            f"the file could not be read as a table ({reason}). Check that every row has the same number of columns."
        ) from None
    if not header:
        frame.columns = [f"column {i + 1}" for i in range(frame.shape[1])]
        notes.append("The first row holds numbers, so it was read as data and the columns were named column 1, column 2, ...")
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(frame) > max_rows:
        raise DataError(f"the file has more than {max_rows:,} rows, the limit. Upload a sample of the rows.")
    if len(frame) < 2:
        raise DataError(
            f"the file has only {len(frame)} row{'s' if len(frame) != 1 else ''} of data: gradient descent needs at least 2 (x, y) pairs."
        )

    decimal_comma = delimiter == ";"
    numeric: dict[str, pd.Series] = {}
    dropped: list[str] = []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            numeric[name] = column.astype(float)
            continue
        numbers, note = _to_numbers(column, decimal_comma)
        if numbers is column:
            dropped.append(name)
            continue
        numeric[name] = numbers
        if note:
            notes.append(f"Column '{name}': {note}.")
    if dropped:
        notes.append(f"Left out {len(dropped)} text column{'s' if len(dropped) > 1 else ''}: {', '.join(dropped)}.")
    if len(numeric) < 2:
        found = f"only 1 numeric column ('{next(iter(numeric))}')" if numeric else "no numeric column"
        listed = ", ".join(str(c) for c in frame.columns)
        raise DataError(
            f"found {found} among the columns {listed}. The page needs numbers: one column for x and one for y."
        )
    table = pd.DataFrame(numeric)
    values = table.to_numpy(dtype=float)
    infinite = ~np.isfinite(values) & ~np.isnan(values)
    if infinite.any():
        table = table.mask(pd.DataFrame(infinite, index=table.index, columns=table.columns))
        notes.append(f"{int(infinite.sum())} infinite value{'s' if infinite.sum() > 1 else ''} treated as missing.")
    missing = {name: int(count) for name, count in table.isna().sum().items()}
    return LoadedData(
        frame=table,
        missing=missing,
        dropped_columns=tuple(dropped),
        delimiter=delimiter,
        encoding=encoding,
        notes=tuple(notes),
    )


def prepare_xy(
    data: LoadedData | pd.DataFrame,
    x_columns: Sequence[str],
    y_column: str,
    *,
    drop_missing: bool = True,
) -> tuple[np.ndarray, np.ndarray, int]:
    """(x, y, rows dropped): x is 1-D for one feature, (m, n) for several; y is 1-D.

    Raises DataError for an unknown column, y among the features, missing values that are not
    dropped, fewer than 2 rows, a constant feature, or values too large to square.
    """
    frame = data.frame if isinstance(data, LoadedData) else data
    x_columns = list(x_columns)
    if not x_columns:
        raise DataError("pick at least one feature column for x.")
    for name in [*x_columns, y_column]:
        if name not in frame.columns:
            raise DataError(f"there is no numeric column '{name}'; pick one of {', '.join(map(str, frame.columns))}.")
    if y_column in x_columns:
        raise DataError(f"'{y_column}' is the target y, so it cannot also be a feature x; pick another x column.")
    chosen = frame[[*x_columns, y_column]]
    missing_rows = chosen.isna().any(axis=1)
    n_missing = int(missing_rows.sum())
    if n_missing and not drop_missing:
        counts = chosen.isna().sum()
        detail = ", ".join(f"column '{c}' has {int(n)} missing value{'s' if n > 1 else ''}" for c, n in counts.items() if n)
        raise DataError(f"{detail}; tick 'drop the rows with missing values' or fill them in the file.")
    if n_missing:
        chosen = chosen[~missing_rows]
    if len(chosen) < 2:
        raise DataError(
            f"only {len(chosen)} complete row{'s' if len(chosen) != 1 else ''} left: gradient descent needs at least 2 (x, y) pairs."
        )
    values = chosen.to_numpy(dtype=float)
    too_big = np.abs(values) > MAX_ABS_VALUE
    if too_big.any():
        column = chosen.columns[int(np.flatnonzero(too_big.any(axis=0))[0])]
        example = values[too_big][0]
        raise DataError(
            f"column '{column}' holds values as large as {example:.3g}: their squares overflow. "
            "Rescale it in the file (for example divide by 1e6) or pick another column."
        )
    x = values[:, :-1]
    y = values[:, -1].copy()
    for j, name in enumerate(x_columns):
        if np.all(x[:, j] == x[0, j]):
            raise DataError(
                f"column '{name}' has the same value {x[0, j]:g} in every row, so it cannot explain y; pick another column."
            )
    x_out = x[:, 0].copy() if len(x_columns) == 1 else np.ascontiguousarray(x)
    return x_out, y, n_missing
