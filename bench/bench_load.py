"""Benchmark: gd_core.data.load_csv against plain pandas.read_csv on the same bytes.

The baseline is pandas' C reader with no checks; the ratio is what sniffing, validation and
the missing-value count cost on top. Run: python bench/bench_load.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_of  # noqa: E402

from gd_core.data import load_csv  # noqa: E402


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"{'rows':>10} {'MB':>6} {'pandas s':>9} {'load_csv s':>11} {'ratio':>7}")
    for rows in (10_000, 100_000, 1_000_000):
        values = np.column_stack([rng.uniform(500, 4000, rows), rng.normal(300, 80, rows)])
        buffer = io.StringIO()
        buffer.write("size_sqft,price_1000usd\n")
        np.savetxt(buffer, values, fmt="%.6f", delimiter=",")
        raw = buffer.getvalue().encode()
        t_pandas = best_of(lambda: pd.read_csv(io.BytesIO(raw)))
        t_load = best_of(lambda: load_csv(raw))
        print(f"{rows:>10,} {len(raw) / 1e6:>6.1f} {t_pandas:>9.3f} {t_load:>11.3f} {t_load / t_pandas:>6.2f}x")


if __name__ == "__main__":
    main()
