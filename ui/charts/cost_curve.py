"""What the 1-D lesson pages' figures share: colours, the w axis and the cost range, the table.

The moving figures themselves are in ui/charts/intuition.py, ui/charts/learning_rate.py and
ui/charts/local_minimum.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gd_core.descent import DescentRun


def view_domain(w_min: float, w_max: float, ws: np.ndarray, grow: float = 0.6) -> tuple[float, float]:
    """The w axis: the curve's range, widened to show the path but at most by ``grow`` of it."""
    span = w_max - w_min
    lo = max(min(w_min, float(np.min(ws))), w_min - grow * span)
    hi = min(max(w_max, float(np.max(ws))), w_max + grow * span)
    return lo, hi


def curve_frame(cost, lo: float, hi: float, n: int = 400) -> pd.DataFrame:
    w = np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        j = np.asarray(cost(w), dtype=float)
    keep = np.isfinite(j)
    return pd.DataFrame({"w": w[keep], "J": j[keep]})


def cost_domain(curve_df: pd.DataFrame) -> tuple[float, float]:
    lo, hi = float(curve_df["J"].min()), float(curve_df["J"].max())
    pad = 0.08 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def iterations_table(run: DescentRun) -> pd.DataFrame:
    """One row per update taken: w before, J, dJ/dw, the step −α·dJ/dw, w after. Numbered as
    the player's slider and the course lab's log number them: the first update is iteration 0."""
    return pd.DataFrame(
        {
            "iteration": np.arange(run.iterations),
            "w before": run.w[:-1],
            "J(w)": run.cost[:-1],
            "dJ/dw": run.slope[:-1],
            "step −α·dJ/dw": run.step,
            "w after": run.w[1:],
        }
    )


def line_trace(color: str, line: dict | None = None, **extra) -> dict:
    """A plain line (no legend entry, no hover) in a Plotly figure dict."""
    return {"type": "scatter", "mode": "lines", "line": {"color": color, **(line or {})}, "showlegend": False, "hoverinfo": "skip", **extra}
