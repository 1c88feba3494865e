"""Benchmark: gd_core's gradient descent against a per-iteration vectorised numpy loop.

Both run 1,000 simultaneous updates on the same data, in the same process. The baseline is
the lab's algorithm written with numpy: every iteration touches all m rows. gd_core makes one
pass (``summarize``) and then iterates on a few sums, so its per-iteration cost does not grow
with m. Run:  python bench/bench_linreg.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_of  # noqa: E402

from gd_core.linreg import run_from_stats, run_gradient_descent, summarize  # noqa: E402

NUM_ITERS = 1_000
ALPHA = 0.1


def baseline(x: np.ndarray, y: np.ndarray, alpha: float, num_iters: int) -> tuple[float, float]:
    """The lab's loop, vectorised over rows: O(m) work per iteration."""
    w, b, m = 0.0, 0.0, x.size
    for _ in range(num_iters):
        err = w * x + b - y
        dj_dw, dj_db = err @ x / m, err.sum() / m
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"{'rows':>10} {'numpy loop s':>13} {'gd_core s':>10} {'ratio':>8} {'us/iter':>8} {'max |dw|':>9}")
    for m in (1_000, 100_000, 1_000_000):
        x = rng.normal(size=m) * 2 + 1
        y = 3 * x + 4 + rng.normal(size=m)
        repeats = 3 if m < 1_000_000 else 1
        t_base = best_of(lambda: baseline(x, y, ALPHA, NUM_ITERS), repeats)
        t_core = best_of(lambda: run_gradient_descent(x, y, 0.0, 0.0, ALPHA, NUM_ITERS), max(repeats, 3))
        stats = summarize(x, y)
        t_iter = best_of(lambda: run_from_stats(stats, 0.0, 0.0, ALPHA, NUM_ITERS), 5) / NUM_ITERS
        w_base, b_base = baseline(x, y, ALPHA, NUM_ITERS)
        result = run_gradient_descent(x, y, 0.0, 0.0, ALPHA, NUM_ITERS)
        diff = max(abs(float(result.w[0]) - w_base), abs(result.b - b_base))
        print(f"{m:>10,} {t_base:>13.4f} {t_core:>10.4f} {t_base / t_core:>7.0f}x {t_iter * 1e6:>8.2f} {diff:>9.1e}")


if __name__ == "__main__":
    main()
