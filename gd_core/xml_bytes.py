"""The shape of a plain XML part of a workbook from its bytes, at numpy speed.

expat calls Python twice per element: ~5 s for a 200,000-row sheet on this machine, half as
long again as openpyxl's own read. Most parts are plain: each '<' pairs with the next '>' (as
many of each, in turn; no comment or CDATA, no declaration but the first; no prefixed c, row,
si or sheet). Then each tag is the span from a '<' to its '>', its kind in its second and
second-to-last bytes ('</' ends, '/>' closes itself, else it opens), the depth a running sum,
the cells of a row the c tags after its row tag, and rows and columns come from their r
attributes (``re.findall``, in C). ``plain_shape`` returns None for any other part, and the
caller reads that one with expat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

CELL_COLUMN = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,4})')
ROW_NUMBER = re.compile(rb'<row\s[^>]*?\br="(\d{1,9})"')
PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:(?:c|row|si|sheet)[\s/>]")
ENDS_NAME = np.frombuffer(b" \t\r\n/>", np.uint8)


@dataclass(frozen=True)
class Shape:
    elements: int
    cells: int
    depth: int  # the deepest nesting
    widest_row: int  # the most c tags after one row tag
    last_row: int  # the highest row number, or more
    last_column: int  # the highest column number, or more


def plain_shape(data: bytes) -> Shape | None:
    """The shape of a plain XML part, or None when the part is not plain."""
    arr = np.frombuffer(data, np.uint8)
    lt, gt = np.flatnonzero(arr == 60).astype(np.int32), np.flatnonzero(arr == 62).astype(np.int32)  # parts are < 2 GB
    if not len(lt) or len(lt) != len(gt) or np.any(gt <= lt) or np.any(lt[1:] <= gt[:-1]):
        return None  # a '>' in a text or an attribute, or not well formed: expat knows
    end = len(arr) - 1
    second, third = arr[lt + 1], arr[np.minimum(lt + 2, end)]
    declarations = second == ord("?")
    if np.any(second == ord("!")) or np.count_nonzero(declarations) > int(declarations[0]) or PREFIXED.search(data):
        return None
    closing = second == ord("/")
    lone = (arr[gt - 1] == ord("/")) & ~closing
    opening = ~closing & ~lone & ~declarations
    level = np.cumsum(opening.astype(np.int32) - closing, dtype=np.int32)
    if level[-1] != 0 or level.min() < 0:
        return None
    named = ~closing & ~declarations
    cell = named & (second == ord("c")) & np.isin(third, ENDS_NAME)
    row = named & (second == ord("r")) & (third == ord("o")) & (arr[np.minimum(lt + 3, end)] == ord("w"))
    row &= np.isin(arr[np.minimum(lt + 4, end)], ENDS_NAME)
    widest = int(np.bincount(np.cumsum(row)[cell]).max()) if cell.any() else 0
    return Shape(
        elements=int(np.count_nonzero(named)),
        cells=int(np.count_nonzero(cell)),
        depth=int(max(level.max(), (level + lone).max())),
        widest_row=widest,
        last_row=_last(ROW_NUMBER.findall(data), int(np.count_nonzero(row)), int),
        last_column=_last(CELL_COLUMN.findall(data), int(np.count_nonzero(cell)), _column_number, widest),
    )


def _last(refs: list[bytes], tags: int, number, step: int | None = None) -> int:
    """The highest of the r attributes; when some tags have none (each one after the one before),
    that plus how many could follow it."""
    highest = max((number(ref) for ref in set(refs)), default=0)
    return highest if len(refs) == tags else highest + (tags if step is None else step)


def _column_number(letters: bytes) -> int:
    """b'A' -> 1, b'Z' -> 26, b'AA' -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
