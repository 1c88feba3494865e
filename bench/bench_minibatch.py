"""Benchmark: the cost of one mini-batch update at 1,000,000 rows, for B = 1, 32, 1024 and m,
against the batch update (B = m) measured in the same run.

Each row times ``gd_core.minibatch.minibatch_descent`` for a run of U updates (one epoch's
shuffle included, as a page pays it) and divides by U; the last column is that per-update
time over the batch update's. Also printed: one whole epoch (m / B updates) for B = 32 and
1024, and the shuffle alone (an O(m) permutation and gather, once per epoch).
Run:  flock /tmp/bench.lock python bench/bench_minibatch.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_of  # noqa: E402

from gd_core.minibatch import minibatch_descent  # noqa: E402
from gd_core.sums import summarize  # noqa: E402

M = 1_000_000
UPDATES = {1: 20_000, 32: 20_000, 1024: 976, M: 30}  # enough updates for a stable mean (B = m: one epoch each)


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=M) * 2 + 1
    y = 3 * x + 4 + rng.normal(size=M)
    stats = summarize(x, y)

    def per_update(size: int) -> float:
        updates = UPDATES[size]
        run = lambda: minibatch_descent(x, y, 0.0, 0.0, alpha=0.01, batch_size=size, epochs=-(-updates * size // M), seed=0, max_updates=updates, stats=stats)  # noqa: E731
        assert run().updates == updates
        return best_of(run, 3) / updates

    batch = per_update(M)
    print(f"m = {M:,} rows; one update's time (run of U updates / U), against the batch update (B = m)")
    print(f"{'B':>10} {'U':>7} {'us/update':>10} {'vs batch':>9}")
    for size in (1, 32, 1024, M):
        t = batch if size == M else per_update(size)
        print(f"{size:>10,} {UPDATES[size]:>7,} {t * 1e6:>10.2f} {t / batch:>8.4f}x")
    for size in (32, 1024):
        start = time.perf_counter()
        run = minibatch_descent(x, y, 0.0, 0.0, alpha=0.01, batch_size=size, epochs=1, seed=0, stats=stats)
        seconds = time.perf_counter() - start
        print(f"one whole epoch, B = {size}: {run.updates:,} updates in {seconds:.3f} s ({seconds / (M // size) * 1e6:.2f} us/update)")
    order_rng = np.random.default_rng(0)
    shuffle = best_of(lambda: (lambda o: (x[o], y[o]))(order_rng.permutation(M)), 3)
    print(f"shuffle (permutation + gather of x and y, once per epoch): {shuffle * 1e3:.1f} ms = {shuffle / batch:.1f} batch updates")


if __name__ == "__main__":
    main()
