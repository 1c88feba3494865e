"""The built-in datasets a class round on pages 4 and 6 is asked of: their rows, read once.

A class's round travels as a few numbers (gd_core.class_round.RoundView); on the data lessons
one of them names a built-in dataset, whose file ships with the app, so every student's device
reads the very rows the teacher's page fitted. An uploaded file never travels with a round.
The table names the file and the lesson's default columns (ui.app.choices.BUILTIN: the same;
tests/test_class_round.py checks they agree).
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from gd_core.data import load_table, prepare_xy

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
BUILT_IN = {
    "lab_houses": ("lab_houses.csv", "size_1000sqft", "price_1000usd"),
    "auto_mpg": ("auto_mpg.csv", "weight_lbs", "miles_per_gallon"),
}


@functools.lru_cache(maxsize=len(BUILT_IN))  # server-wide, bounded: two small files
def rows(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of the built-in dataset ``name`` on its default columns, rows with a missing value
    dropped (as the lesson pages do by default); read-only arrays. KeyError for another name."""
    file, x_column, y_column = BUILT_IN[name]
    x, y, _ = prepare_xy(load_table((DATA_DIR / file).read_bytes()), [x_column], y_column, drop_missing=True)
    for array in (x, y):
        array.setflags(write=False)
    return x, y
