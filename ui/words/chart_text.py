"""A still chart in words (issue 23): its text alternative, computed from the numbers it draws.

Vega-Lite's top-level ``description`` becomes the chart's accessible name (Vega writes it as the
aria-label of the chart's element, with role "graphics-document"): a screen reader hears what is drawn and where
each series starts and ends. ``described`` puts it on a cached spec without changing that spec.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gd_core.wording import plural
from ui.words.text import fmt, limit_text


def described(spec: dict, text: str) -> dict:
    """``spec`` with ``text`` as its description: a new top-level dict (a cached spec is shared)."""
    return {**spec, "description": text}


Series = tuple[str, np.ndarray] | tuple[str, np.ndarray, np.ndarray]  # (name, values) or (name, values, their iterations)


def _series(series: Series, start: int) -> str:
    """'your log: from 3.2 at iteration 0 to 0.1 at iteration 49' (its finite values)."""
    name, values = series[0], np.asarray(series[1], dtype=float).ravel()
    at = np.asarray(series[2]) if len(series) > 2 else np.arange(values.size) + start
    kept = np.flatnonzero(np.isfinite(values))
    if kept.size == 0:
        return f"{name}: no finite value"
    first, last = int(kept[0]), int(kept[-1])
    ended = "" if last == values.size - 1 else f" (its numbers stop being finite after iteration {int(at[last]):,})"
    return (f"{name}: from {fmt(float(values[first]))} at iteration {int(at[first]):,} "
            f"to {fmt(float(values[last]))} at iteration {int(at[last]):,}{ended}")


def lines_text(title: str, series: Sequence[Series], start: int = 0) -> str:
    """A chart of values per iteration: its title, then each series' first and last value
    (a series' iterations are ``start``, ``start`` + 1, ... unless it gives its own)."""
    return f"{title} per iteration. " + "; ".join(_series(s, start) for s in series) + "."


def sweep_text(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int) -> str:
    """Page 2's sweep: how many learning rates converge, creep and diverge, and where the wall is."""
    alphas, iterations, diverged = np.asarray(alphas, float), np.asarray(iterations), np.asarray(diverged, bool)
    converged = ~diverged & (iterations < num_iters)
    slow = ~diverged & ~converged
    fastest = ""
    if converged.any():
        best = int(np.argmin(np.where(converged, iterations, np.iinfo(np.int64).max)))
        fastest = f" The fewest iterations, {int(iterations[best]):,}, at α = {fmt(float(alphas[best]))}."
    wall = f" The stable limit 2 / J''(w*) = {limit_text(alpha_max)} is marked." if np.isfinite(alpha_max) else ""
    return (
        f"Iterations to converge against the learning rate α (log scale), for {plural(alphas.size, 'value')} of α "
        f"from {fmt(float(alphas.min()))} to {fmt(float(alphas.max()))}: {int(converged.sum())} converge, "
        f"{int(slow.sum())} do not within {num_iters:,} iterations, {int(diverged.sum())} diverge.{fastest}{wall}"
    )


def debug_chart_text(spec: dict, title: str) -> str:
    """Page 5's debug chart's text alternative, from the very points it draws (its runs, then the log)."""
    runs, pasted = spec["datasets"]["runs"], spec["datasets"]["pasted"]
    series = [(str(label), part["value"].to_numpy(float), part["iteration"].to_numpy()) for label, part in runs.groupby("series", sort=False)]
    series.append(("your log", pasted["value"].to_numpy(float), pasted["iteration"].to_numpy()))
    return lines_text(title, series)
