"""Chart builders for the regression page: pure functions from arrays to Altair charts.

No chart sends the browser more than about 5,000 points: the data are sampled for display (the
fit uses every row) and long histories are thinned to a few hundred frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

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
) -> alt.LayerChart:
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
            "iteration": np.repeat(frames, 2),
            "x": np.tile([lo, hi], frames.size),
            "y": np.column_stack([w_f * lo + b_f, w_f * hi + b_f]).ravel(),
            "label": np.repeat([f"f(x) = {w:.4g}·x + {b:.4g}" for w, b in zip(w_f, b_f)], 2),
        }
    )
    y_lo = min(float(np.min(y)), w_exact * lo + b_exact, w_exact * hi + b_exact)
    y_hi = max(float(np.max(y)), w_exact * lo + b_exact, w_exact * hi + b_exact)
    y_pad = 0.1 * (y_hi - y_lo or 1.0)
    it = alt.param(name="fit_iteration", value=int(k), bind=alt.binding_range(min=0, max=int(k), step=1, name="iteration "))
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[lo, hi], nice=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=[y_lo - y_pad, y_hi + y_pad], nice=False))
    size = 18 if x.size > 2000 else 50 if x.size > 100 else 140
    points = alt.Chart(data).mark_circle(size=size, opacity=0.6, color=DATA_COLOR).encode(
        x=x_enc, y=y_enc, tooltip=[alt.Tooltip("x:Q", title=x_title), alt.Tooltip("y:Q", title=y_title)]
    )
    exact = pd.DataFrame({"x": [lo, hi], "y": [w_exact * lo + b_exact, w_exact * hi + b_exact]})
    exact_line = alt.Chart(exact).mark_line(color=EXACT_COLOR, strokeDash=[6, 4], strokeWidth=2, clip=True).encode(x="x:Q", y="y:Q")
    shown = (
        alt.Chart(lines)
        .transform_filter(alt.datum.iteration <= it)
        .transform_joinaggregate(last="max(iteration)")
        .transform_filter(alt.datum.iteration == alt.datum.last)
    )
    fit_line = shown.mark_line(color=FIT_COLOR, strokeWidth=3, clip=True).encode(x="x:Q", y="y:Q")
    fit_label = shown.transform_filter(alt.datum.x == hi).mark_text(
        align="left", baseline="top", color=FIT_COLOR, fontSize=13, fontWeight="bold"
    ).encode(x=alt.value(8), y=alt.value(8), text=alt.Text("label:N"))
    iteration_text = (
        shown.transform_filter(alt.datum.x == hi)
        .transform_calculate(caption="'after iteration ' + datum.iteration")
        .mark_text(align="left", baseline="top", color="#475569", fontSize=12)
        .encode(x=alt.value(8), y=alt.value(26), text="caption:N")
    )
    return alt.layer(points, exact_line, fit_line, fit_label, iteration_text).add_params(it).properties(height=height)


def cost_chart(runs: Sequence[tuple[str, np.ndarray]], j_exact: float, height: int = 300) -> alt.Chart:
    """Cost per iteration on a log scale, with the least-squares cost as a dashed floor."""
    labels = [label for label, _ in runs]
    frames = []
    for label, history in runs:
        idx, values = thin(np.asarray(history, dtype=float))
        frames.append(pd.DataFrame({"run": label, "iteration": idx, "cost": np.maximum(values, 1e-300)}))
    df = pd.concat(frames, ignore_index=True)
    color = alt.Color("run:N", title=None, sort=labels, scale=alt.Scale(domain=labels, range=[FIT_COLOR, "#f59e0b"][: len(labels)]))
    line = alt.Chart(df).mark_line(strokeWidth=2).encode(
        x=alt.X("iteration:Q", title="iteration"),
        y=alt.Y("cost:Q", title="J(w, b)  (log scale)", scale=alt.Scale(type="log")),
        color=color,
        tooltip=["run:N", "iteration:Q", alt.Tooltip("cost:Q", title="J", format=".6g")],
    )
    layers: list[alt.Chart] = [line]
    if j_exact > 0:
        floor = pd.DataFrame({"cost": [j_exact], "label": [f"least squares: J = {j_exact:.4g}"]})
        layers.append(
            alt.Chart(floor).mark_rule(color=EXACT_COLOR, strokeDash=[6, 4]).encode(y="cost:Q", tooltip=["label:N"])
        )
    return alt.layer(*layers).properties(height=height)


def parameter_chart(w_history: np.ndarray, b_history: np.ndarray, names: Sequence[str], height: int = 300) -> alt.Chart:
    """Each parameter's value per iteration (several features)."""
    k = b_history.size - 1
    idx = frame_indices(k, MAX_POINTS // (len(names) + 1))
    cols = {f"w[{name}]": w_history[idx, j] for j, name in enumerate(names)}
    cols["b"] = b_history[idx]
    df = pd.DataFrame({"iteration": idx, **cols}).melt("iteration", var_name="parameter", value_name="value")
    return (
        alt.Chart(df)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("iteration:Q", title="iteration"),
            y=alt.Y("value:Q", title="parameter value"),
            color=alt.Color("parameter:N", title="parameter"),
            tooltip=["parameter:N", "iteration:Q", alt.Tooltip("value:Q", format=".5g")],
        )
        .properties(height=height)
    )


def contour_window(w_paths: Sequence[np.ndarray], b_paths: Sequence[np.ndarray], w_star: float, b_star: float) -> tuple[np.ndarray, np.ndarray]:
    """A (w, b) grid that frames the paths and the least-squares point (outliers of a diverging run aside)."""
    ws = np.concatenate([np.asarray(p, dtype=float) for p in w_paths] + [[w_star]])
    bs = np.concatenate([np.asarray(p, dtype=float) for p in b_paths] + [[b_star]])
    w_lo, w_hi = np.quantile(ws, [0.0, 0.98]) if ws.size > 50 else (ws.min(), ws.max())
    b_lo, b_hi = np.quantile(bs, [0.0, 0.98]) if bs.size > 50 else (bs.min(), bs.max())
    w_lo, w_hi = min(w_lo, w_star, ws[0]), max(w_hi, w_star, ws[0])
    b_lo, b_hi = min(b_lo, b_star, bs[0]), max(b_hi, b_star, bs[0])
    w_pad = 0.15 * (w_hi - w_lo or abs(w_star) or 1.0)
    b_pad = 0.15 * (b_hi - b_lo or abs(b_star) or 1.0)
    return np.linspace(w_lo - w_pad, w_hi + w_pad, 64), np.linspace(b_lo - b_pad, b_hi + b_pad, 64)


def path_frame(label: str, w_history: np.ndarray, b_history: np.ndarray, cost_history: np.ndarray, limit: int = 600) -> pd.DataFrame:
    idx = frame_indices(w_history.size - 1, limit)
    return pd.DataFrame({"path": label, "i": idx, "w": w_history[idx], "b": b_history[idx], "J": cost_history[idx]})


def least_squares_marker(w_star: float, b_star: float) -> alt.Chart:
    df = pd.DataFrame({"w": [w_star], "b": [b_star], "label": ["least squares"]})
    star = alt.Chart(df).mark_point(shape="diamond", size=220, filled=True, color="#facc15", stroke="#0f172a", strokeWidth=1.5).encode(
        x="w:Q", y="b:Q", tooltip=["label:N", alt.Tooltip("w:Q", format=".5g"), alt.Tooltip("b:Q", format=".5g")]
    )
    return star
