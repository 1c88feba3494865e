"""Chart builders for the regression page: pure functions from arrays to Vega-Lite specs.

No chart sends the browser more than about 5,000 points: the data are sampled for display (the
fit uses every row) and long histories are thinned to a few hundred frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ui.vl import Spec, chart, field, layer_of, nominal_color, slider_param, value

MAX_POINTS = 4_000
MAX_FRAMES = 240
FIT_COLOR = "#dc2626"
EXACT_COLOR = "#0f172a"
DATA_COLOR = "#2563eb"


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


def fit_chart(
    x: np.ndarray,
    y: np.ndarray,
    w_history: np.ndarray,
    b_history: np.ndarray,
    w_exact: float,
    b_exact: float,
    x_title: str,
    y_title: str,
    height: int = 400,
) -> Spec:
    """Data, the gradient-descent line at the iteration picked by a slider, and least squares."""
    rows = sample_rows(x.size)
    data = pd.DataFrame({"x": x[rows], "y": y[rows]})
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.04 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    k = w_history.size - 1
    frames = frame_indices(k)
    w_f, b_f = w_history[frames], b_history[frames]
    lines = pd.DataFrame(
        {
            "iteration": frames,
            "x": lo,
            "x2": hi,
            "y": w_f * lo + b_f,
            "y2": w_f * hi + b_f,
            "label": [f"f(x) = {w:.4g}·x + {b:.4g}" for w, b in zip(w_f, b_f)],
            "caption": [f"after iteration {i}" for i in frames],
        }
    )
    ends = [w_exact * lo + b_exact, w_exact * hi + b_exact]
    y_lo, y_hi = min(float(np.min(y)), *ends), max(float(np.max(y)), *ends)
    y_pad = 0.1 * (y_hi - y_lo or 1.0)
    # The line shown is the last frame at or before the slider's iteration.
    shown = [
        {"filter": "datum.iteration <= fit_iteration"},
        {"joinaggregate": [{"op": "max", "field": "iteration", "as": "last"}]},
        {"filter": "datum.iteration == datum.last"},
    ]
    size = 18 if x.size > 2000 else 50 if x.size > 100 else 140
    layers = [
        layer_of(
            "data",
            {"type": "circle", "size": size, "opacity": 0.6, "color": DATA_COLOR},
            {
                "x": field("x", title=x_title, scale={"domain": [lo, hi], "nice": False}),
                "y": field("y", title=y_title, scale={"domain": [y_lo - y_pad, y_hi + y_pad], "nice": False}),
                "tooltip": [field("x", title=x_title), field("y", title=y_title)],
            },
        ),
        layer_of(
            "exact",
            {"type": "rule", "color": EXACT_COLOR, "strokeDash": [6, 4], "strokeWidth": 2, "clip": True},
            {"x": field("x"), "y": field("y"), "x2": field("x2"), "y2": field("y2")},
        ),
        layer_of(
            "lines",
            {"type": "rule", "color": FIT_COLOR, "strokeWidth": 3, "clip": True},
            {"x": field("x"), "y": field("y"), "x2": field("x2"), "y2": field("y2")},
            shown,
        ),
        layer_of(
            "lines",
            {"type": "text", "align": "left", "baseline": "top", "color": FIT_COLOR, "fontSize": 13, "fontWeight": "bold"},
            {"x": value(8), "y": value(8), "text": field("label", "nominal")},
            shown,
        ),
        layer_of(
            "lines",
            {"type": "text", "align": "left", "baseline": "top", "color": "#475569", "fontSize": 12},
            {"x": value(8), "y": value(26), "text": field("caption", "nominal")},
            shown,
        ),
    ]
    datasets = {
        "data": data,
        "exact": pd.DataFrame({"x": [lo], "x2": [hi], "y": [ends[0]], "y2": [ends[1]]}),
        "lines": lines,
    }
    return chart(layers, datasets, height=height, params=[slider_param("fit_iteration", int(k), int(k))])


def cost_chart(runs: Sequence[tuple[str, np.ndarray]], j_exact: float, height: int = 300) -> Spec:
    """Cost per iteration on a log scale, with the least-squares cost as a dashed floor."""
    labels = [label for label, _ in runs]
    frames = []
    for label, history in runs:
        idx, values = thin(np.asarray(history, dtype=float))
        frames.append(pd.DataFrame({"run": label, "iteration": idx, "cost": np.maximum(values, 1e-300)}))
    layers = [
        layer_of(
            "costs",
            {"type": "line", "strokeWidth": 2},
            {
                "x": field("iteration", title="iteration"),
                "y": field("cost", title="J(w, b)  (log scale)", scale={"type": "log"}),
                "color": nominal_color("run", labels, [FIT_COLOR, "#f59e0b"], legend=len(labels) > 1),
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
            "color": field("parameter", "nominal", title="parameter"),
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


def path_frame(label: str, w_history: np.ndarray, b_history: np.ndarray, cost_history: np.ndarray, limit: int = 600) -> pd.DataFrame:
    idx = frame_indices(w_history.size - 1, limit)
    return pd.DataFrame({"path": label, "i": idx, "w": w_history[idx], "b": b_history[idx], "J": cost_history[idx]})
