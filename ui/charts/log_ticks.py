"""Log axes a beginner can read: ticks only at powers of ten, written as such (10⁻⁵, 10⁰, 10⁵).

Left to themselves, Plotly labels a log axis with SI prefixes ("10B, 100k, 1, 10µ, 100p") and,
over a few decades, with minor labels between them ("2, 1000, 5, 2, 100"); Vega-Lite likewise
labels 2 and 5 between decades. Here every chart builder with a log axis takes its ticks from
the values it draws: the decades that hold them, every one when few, else every 2nd, 5th, ...
so that at most ``MAX_TICKS`` are labelled, the axis spanning whole decades.
"""

from __future__ import annotations

import math

import numpy as np

MAX_TICKS = 6
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power_of_ten(exponent: int) -> str:
    """10⁻⁵ for -5, 10⁰ for 0."""
    return "10" + str(int(exponent)).translate(SUPERSCRIPT)


def decades(values, max_ticks: int = MAX_TICKS) -> tuple[int, int, list[int]]:
    """(lowest, highest) decade around the finite positive ``values`` and the exponents to label."""
    v = np.asarray(values, dtype=float).ravel()
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return 0, 1, [0, 1]
    low = math.floor(math.log10(float(v.min())) + 1e-9)
    high = math.ceil(math.log10(float(v.max())) - 1e-9)
    high = max(high, low + 1)
    every = max(1, math.ceil((high - low) / (max_ticks - 1)))
    return low, high, [e for e in range(low, high + 1) if e % every == 0]


def plotly_log_axis(values, max_ticks: int = MAX_TICKS) -> dict:
    """A Plotly axis: log type, its range the whole decades around ``values`` (with a little air
    so a line on a decade is not cut in half), ticks at the labelled powers of ten."""
    low, high, exponents = decades(values, max_ticks)
    air = 0.03 * (high - low)
    return {
        "type": "log", "range": [low - air, high + air], "tickmode": "array",
        "tickvals": [10.0**e for e in exponents], "ticktext": [power_of_ten(e) for e in exponents],
    }


def vega_log_scale(values, max_ticks: int = MAX_TICKS) -> tuple[dict, dict]:
    """A Vega-Lite log scale over the whole decades around ``values``, and its axis: ticks at
    the labelled powers of ten, each written as one (looked up by its exponent)."""
    low, high, exponents = decades(values, max_ticks)
    texts = [power_of_ten(e) for e in range(low, high + 1)]
    lookup = "[" + ", ".join(f"'{t}'" for t in texts) + "]"
    scale = {"type": "log", "domain": [10.0**low, 10.0**high], "nice": False}
    axis = {"values": [10.0**e for e in exponents], "labelExpr": f"{lookup}[round(log(datum.value) / LN10) - ({low})]"}
    return scale, axis
