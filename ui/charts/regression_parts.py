"""Chart helpers for the regression page: Vega-Lite specs for several features, and the sampling,
thinning and map window the moving figure (ui/charts/regression.py) uses.

No chart sends the browser more than about 5,000 points: the data are sampled for display (the
fit uses every row) and long histories are thinned to a few hundred frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ui.charts.log_ticks import vega_log_scale
from ui.charts.vega_lite import Spec, chart, field, layer_of, nominal, nominal_color
from ui.charts.style import EXACT_COLOR, RUN_COLORS, SERIES_COLORS, VEGA_DASHES

MAX_POINTS = 4_000
MAX_FRAMES = 240


def sample_rows(m: int, limit: int = MAX_POINTS, seed: int = 0) -> np.ndarray:
    """Indices of at most ``limit`` rows, the same every time for the same m."""
    if m <= limit:
        return np.arange(m)
    return np.sort(np.random.default_rng(seed).choice(m, size=limit, replace=False))


def frame_indices(k: int, limit: int = MAX_FRAMES) -> np.ndarray:
    """Iterations to draw out of 0..k: all of them when few, else denser at the start (log-spaced)."""
    if k + 1 <= limit:
        return np.arange(k + 1)
    return np.unique(np.concatenate([[0, k], np.round(np.geomspace(1, k, limit - 2)).astype(int)]))


def thin(values: np.ndarray, limit: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """(iterations, values) with at most ``limit`` entries, always keeping the first and last."""
    k = values.size - 1
    idx = frame_indices(k, limit)
    return idx, values[idx]


def cost_chart(runs: Sequence[tuple[str, np.ndarray]], j_exact: float, height: int = 300) -> Spec:
    """Cost per iteration on a log scale, with the least-squares cost as a dashed floor."""
    labels = [label for label, _ in runs]
    frames = []
    for label, history in runs:
        idx, values = thin(np.asarray(history, dtype=float))
        frames.append(pd.DataFrame({"run": label, "iteration": idx, "cost": np.maximum(values, 1e-300)}))
    scale, axis = vega_log_scale(np.concatenate([*(f["cost"].to_numpy() for f in frames), [j_exact]]))
    layers = [
        layer_of(
            "costs",
            {"type": "line", "strokeWidth": 2},
            {
                "x": field("iteration", title="iteration"),
                "y": field("cost", title="J(w, b)  (log scale)", scale=scale, axis=axis),
                "color": nominal_color("run", labels, RUN_COLORS, legend=len(labels) > 1),
                "strokeDash": nominal("run", labels, VEGA_DASHES, legend=len(labels) > 1),  # solid, dotted: as on the moving figure
                "tooltip": [field("run", "nominal"), field("iteration"), field("cost", title="J", format=".6g")],
            },
        )
    ]
    datasets = {"costs": pd.concat(frames, ignore_index=True)}
    if j_exact > 0:
        datasets["floor"] = pd.DataFrame({"cost": [j_exact], "label": [f"least squares: J = {j_exact:.4g}"]})
        layers.append(
            layer_of("floor", {"type": "rule", "color": EXACT_COLOR, "strokeDash": [6, 4]}, {"y": field("cost"), "tooltip": [field("label", "nominal")]})
        )
    return chart(layers, datasets, height=height)


def parameter_chart(w_history: np.ndarray, b_history: np.ndarray, names: Sequence[str], height: int = 300) -> Spec:
    """Each parameter's value per iteration (several features)."""
    k = b_history.size - 1
    idx = frame_indices(k, MAX_POINTS // (len(names) + 1))
    cols = {f"w[{name}]": w_history[idx, j] for j, name in enumerate(names)}
    cols["b"] = b_history[idx]
    df = pd.DataFrame({"iteration": idx, **cols}).melt("iteration", var_name="parameter", value_name="value")
    layer = layer_of(
        "params",
        {"type": "line", "strokeWidth": 2},
        {
            "x": field("iteration", title="iteration"),
            "y": field("value", title="parameter value"),
            "color": nominal("parameter", list(cols), SERIES_COLORS * (len(cols) // len(SERIES_COLORS) + 1), "parameter"),
            "strokeDash": nominal("parameter", list(cols), VEGA_DASHES * (len(cols) // len(VEGA_DASHES) + 1), "parameter"),  # one legend, colour and dash
            "tooltip": [field("parameter", "nominal"), field("iteration"), field("value", format=".5g")],
        },
    )
    return chart([layer], {"params": df}, height=height)


def contour_window(
    w_paths: Sequence[np.ndarray],
    b_paths: Sequence[np.ndarray],
    w_star: float,
    b_star: float,
    *,
    square: bool = False,
    n: int = 40,
) -> tuple[np.ndarray, np.ndarray]:
    """A (w, b) grid that frames the paths and the least-squares point.

    A diverging run's far points are left out (98th percentile). ``square`` centres the window
    on (w*, b*) with the same half-width on both axes, so round contours look round.
    """
    ws = np.concatenate([np.asarray(p, dtype=float) for p in w_paths] + [[w_star]])
    bs = np.concatenate([np.asarray(p, dtype=float) for p in b_paths] + [[b_star]])
    if square:
        # Frame the start: a converging path stays inside, a diverging one runs off the edge.
        starts = [(float(np.asarray(p)[0]), float(np.asarray(q)[0])) for p, q in zip(w_paths, b_paths)]
        reach = max(float(np.hypot(w0 - w_star, b0 - b_star)) for w0, b0 in starts) or 1.0
        half = 1.15 * reach
        return np.linspace(w_star - half, w_star + half, n), np.linspace(b_star - half, b_star + half, n)
    w_lo, w_hi = np.quantile(ws, [0.0, 0.98]) if ws.size > 50 else (ws.min(), ws.max())
    b_lo, b_hi = np.quantile(bs, [0.0, 0.98]) if bs.size > 50 else (bs.min(), bs.max())
    w_lo, w_hi = min(w_lo, w_star, ws[0]), max(w_hi, w_star, ws[0])
    b_lo, b_hi = min(b_lo, b_star, bs[0]), max(b_hi, b_star, bs[0])
    w_pad = 0.15 * (w_hi - w_lo or abs(w_star) or 1.0)
    b_pad = 0.15 * (b_hi - b_lo or abs(b_star) or 1.0)
    # 40 x 40 cells: the browser draws each one, and two such maps must render in well under a second.
    return np.linspace(w_lo - w_pad, w_hi + w_pad, n), np.linspace(b_lo - b_pad, b_hi + b_pad, n)
