"""Chart builders for the 1-D lesson pages: pure functions from runs to Altair charts.

Each run is sent to the browser once; a Vega-Lite parameter bound to a slider under the chart
picks the iteration to show, so scrubbing back and forth needs no server rerun.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from gd_core.descent import DescentRun

ITERATION_PARAM = "iteration"
POINT_COLOR = "#dc2626"
PATH_COLOR = "#f59e0b"
CURVE_COLOR = "#2563eb"
TANGENT_COLOR = "#16a34a"
PALETTE = ["#64748b", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2"]


def fmt(value: float) -> str:
    """Numbers as the page writes them: 3 decimals, or scientific when very large or small."""
    value = float(value)
    if value == 0:
        return "0.000"
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.3f}".replace("-", "−")
    return f"{value:.3e}".replace("-", "−")


def update_text(run: DescentRun, i: int) -> str:
    """'w = 2.500 − 0.100 × 5.000 = 2.000': the update from row i, with its numbers."""
    w, slope = float(run.w[i]), float(run.slope[i])
    slope_text = fmt(slope) if slope >= 0 else f"({fmt(slope)})"
    return f"w = {fmt(w)} − {fmt(run.alpha)} × {slope_text} = {fmt(w - run.alpha * slope)}"


def direction_text(slope: float) -> str:
    """The sentence that follows from the sign of the slope."""
    if slope > 0:
        return "The slope is positive, so w decreases: the point moves left, downhill."
    if slope < 0:
        return "The slope is negative, so w increases: the point moves right, downhill."
    return "The slope is zero, so the step is α × 0 = 0: w stays where it is."


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


def path_frame(run: DescentRun, span: float) -> pd.DataFrame:
    """One row per shown state i: the point, its tangent segment, rise/run and the step arrow."""
    k = run.w.size
    w, j, s = run.w, run.cost, run.slope
    w_next = np.append(w[1:], w[-1] - run.alpha * s[-1])
    half = 0.12 * span
    run_len = 0.08 * span
    return pd.DataFrame(
        {
            "i": np.arange(k),
            "w": w,
            "J": j,
            "slope": s,
            "w_next": w_next,
            "step": w_next - w,
            "t_w0": w - half,
            "t_J0": j - s * half,
            "t_w1": w + half,
            "t_J1": j + s * half,
            "r_w": w + run_len,
            "r_J": j + s * run_len,
            "rise_label": [f"rise = {fmt(v * run_len)}" for v in s],
            "run_label": [f"run = {fmt(run_len)}" for _ in s],
            "arrow": np.where(w_next >= w, "triangle-right", "triangle-left"),
            "update": [update_text(run, i) for i in range(k)],
        }
    )


def iteration_param(max_i: int, value: int) -> alt.Parameter:
    return alt.param(
        name=ITERATION_PARAM,
        value=int(min(max(value, 0), max_i)),
        bind=alt.binding_range(min=0, max=max(max_i, 0), step=1, name="iteration "),
    )


def intuition_chart(
    curve_cost,
    w_range: tuple[float, float],
    run: DescentRun,
    start_iteration: int,
    height: int = 420,
) -> alt.LayerChart:
    """The curve, the point at the chosen iteration, its tangent, rise/run and the step arrow."""
    lo, hi = view_domain(*w_range, run.w)
    curve_df = curve_frame(curve_cost, lo, hi)
    y_domain = cost_domain(curve_df)
    span = hi - lo
    df = path_frame(run, span)
    it = iteration_param(int(df["i"].max()), start_iteration)
    x = alt.X("w:Q", title="w (parameter)", scale=alt.Scale(domain=[lo, hi], nice=False))
    y = alt.Y("J:Q", title="J(w) (cost)", scale=alt.Scale(domain=list(y_domain), nice=False))
    base = alt.Chart(df)
    current = alt.datum.i == it
    curve_line = alt.Chart(curve_df).mark_line(color=CURVE_COLOR, strokeWidth=2.5, clip=True).encode(x=x, y=y)
    trail = (
        base.mark_line(color=PATH_COLOR, strokeDash=[4, 3], point=alt.OverlayMarkDef(color=PATH_COLOR, size=30), clip=True)
        .encode(x="w:Q", y="J:Q", order="i:Q")
        .transform_filter(alt.datum.i <= it)
    )
    tangent = (
        base.mark_rule(color=TANGENT_COLOR, strokeWidth=2, clip=True)
        .encode(x="t_w0:Q", y="t_J0:Q", x2="t_w1:Q", y2="t_J1:Q")
        .transform_filter(current)
    )
    run_leg = base.mark_rule(color=TANGENT_COLOR, strokeDash=[2, 2], clip=True).encode(
        x="w:Q", x2="r_w:Q", y="J:Q"
    ).transform_filter(current)
    rise_leg = base.mark_rule(color=TANGENT_COLOR, strokeDash=[2, 2], clip=True).encode(
        x="r_w:Q", y="J:Q", y2="r_J:Q"
    ).transform_filter(current)
    rise_text = base.mark_text(align="left", dx=6, color=TANGENT_COLOR, fontSize=12).encode(
        x="r_w:Q", y=alt.Y("r_J:Q"), text="rise_label:N"
    ).transform_filter(current)
    run_text = base.mark_text(align="center", dy=14, color=TANGENT_COLOR, fontSize=12).encode(
        x="w:Q", y="J:Q", text="run_label:N"
    ).transform_filter(current)
    step_rule = base.mark_rule(color=POINT_COLOR, strokeWidth=3, clip=True).encode(
        x="w:Q", x2="w_next:Q", y="J:Q"
    ).transform_filter(current)
    step_head = base.mark_point(filled=True, size=140, color=POINT_COLOR, opacity=1, clip=True).encode(
        x="w_next:Q", y="J:Q", shape=alt.Shape("arrow:N", scale=None)
    ).transform_filter(current)
    point = base.mark_circle(size=180, color=POINT_COLOR, opacity=1, clip=True).encode(
        x="w:Q",
        y="J:Q",
        tooltip=[
            alt.Tooltip("i:Q", title="iteration"),
            alt.Tooltip("w:Q", format=".4f"),
            alt.Tooltip("J:Q", title="J(w)", format=".4f"),
            alt.Tooltip("slope:Q", title="dJ/dw", format=".4f"),
        ],
    ).transform_filter(current)
    label = base.mark_text(align="left", baseline="top", fontSize=15, fontWeight="bold", color="#0f172a").encode(
        x=alt.value(8), y=alt.value(8), text="update:N"
    ).transform_filter(current)
    return (
        alt.layer(curve_line, trail, tangent, run_leg, rise_leg, rise_text, run_text, step_rule, step_head, point, label)
        .add_params(it)
        .properties(height=height)
    )


def gap_to_minimum(cost: np.ndarray, j_min: float) -> np.ndarray:
    """J(w) − J(w*), floored at 1e-16 so a log scale can draw it."""
    return np.maximum(np.asarray(cost, dtype=float) - j_min, 1e-16)


def compare_paths_chart(
    curve_cost,
    w_range: tuple[float, float],
    runs: Sequence[tuple[str, DescentRun]],
    height: int = 380,
) -> alt.LayerChart:
    """Several alphas' paths on the same curve, scrubbed together by one iteration slider."""
    all_w = np.concatenate([run.w for _, run in runs])
    lo, hi = view_domain(*w_range, all_w)
    curve_df = curve_frame(curve_cost, lo, hi)
    y_domain = cost_domain(curve_df)
    rows = [
        pd.DataFrame({"run": label, "i": np.arange(run.w.size), "w": run.w, "J": run.cost})
        for label, run in runs
    ]
    df = pd.concat(rows, ignore_index=True)
    max_i = int(df["i"].max())
    it = iteration_param(max_i, min(max_i, 30))
    labels = [label for label, _ in runs]
    color = alt.Color("run:N", title="learning rate", sort=labels, scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]))
    x = alt.X("w:Q", title="w (parameter)", scale=alt.Scale(domain=[lo, hi], nice=False))
    y = alt.Y("J:Q", title="J(w) (cost)", scale=alt.Scale(domain=list(y_domain), nice=False))
    curve_line = alt.Chart(curve_df).mark_line(color="#94a3b8", strokeWidth=2, clip=True).encode(x=x, y=y)
    base = alt.Chart(df)
    paths = base.mark_line(point=True, strokeWidth=1.5, opacity=0.8, clip=True).encode(
        x="w:Q", y="J:Q", color=color, order="i:Q", detail="run:N"
    ).transform_filter(alt.datum.i <= it)
    heads = base.mark_circle(size=150, opacity=1, clip=True).encode(
        x="w:Q",
        y="J:Q",
        color=color,
        tooltip=["run:N", "i:Q", alt.Tooltip("w:Q", format=".4f"), alt.Tooltip("J:Q", format=".4f")],
    ).transform_filter(alt.datum.i == it)
    return alt.layer(curve_line, paths, heads).add_params(it).properties(height=height)


def cost_history_chart(runs: Sequence[tuple[str, DescentRun]], j_min: float, height: int = 300) -> alt.Chart:
    """Cost per iteration on a log scale: J(w) − J(w*) so that every value is positive."""
    labels = [label for label, _ in runs]
    df = pd.concat(
        [
            pd.DataFrame({"run": label, "iteration": np.arange(run.cost.size), "gap": gap_to_minimum(run.cost, j_min)})
            for label, run in runs
        ],
        ignore_index=True,
    )
    color = alt.Color("run:N", title="learning rate", sort=labels, scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]))
    return (
        alt.Chart(df)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("iteration:Q", title="iteration"),
            y=alt.Y("gap:Q", title="J(w) − J(w*)  (log scale)", scale=alt.Scale(type="log")),
            color=color,
            tooltip=["run:N", "iteration:Q", alt.Tooltip("gap:Q", title="J − J*", format=".3e")],
        )
        .properties(height=height)
    )


def sweep_chart(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int) -> alt.LayerChart:
    """Iterations to converge against alpha, the divergence wall marked at 2 / J''(w*)."""
    outcome = np.where(diverged, "diverged", np.where(iterations >= num_iters, "did not converge", "converged"))
    # A diverged run never converges: draw it at the cap, above the wall.
    df = pd.DataFrame({"alpha": alphas, "iterations": np.where(diverged, num_iters, np.minimum(iterations, num_iters)), "outcome": outcome})
    points = alt.Chart(df).mark_circle(size=45).encode(
        x=alt.X("alpha:Q", title="learning rate α", scale=alt.Scale(type="log")),
        y=alt.Y("iterations:Q", title=f"iterations to converge (cap {num_iters})"),
        color=alt.Color(
            "outcome:N",
            scale=alt.Scale(domain=["converged", "did not converge", "diverged"], range=["#16a34a", "#f59e0b", "#dc2626"]),
            title="outcome",
        ),
        tooltip=[alt.Tooltip("alpha:Q", format=".4g"), "iterations:Q", "outcome:N"],
    )
    layers = [points]
    if np.isfinite(alpha_max):
        wall = pd.DataFrame({"alpha": [alpha_max], "label": [f"2 / J''(w*) = {fmt(alpha_max)}"]})
        layers.append(alt.Chart(wall).mark_rule(color="#dc2626", strokeDash=[6, 4], strokeWidth=2).encode(x="alpha:Q"))
        layers.append(
            alt.Chart(wall).mark_text(align="right", dx=-6, dy=-6, color="#dc2626", fontWeight="bold").encode(
                x="alpha:Q", y=alt.value(12), text="label:N"
            )
        )
    return alt.layer(*layers).properties(height=300)


def steps_chart(runs: Sequence[tuple[str, DescentRun]], height: int = 280) -> alt.Chart:
    """|step| per iteration for a few starts: steps shrink near a minimum with a fixed alpha."""
    labels = [label for label, _ in runs]
    df = pd.concat(
        [
            pd.DataFrame({"start": label, "iteration": np.arange(1, run.step.size + 1), "size": np.abs(run.step)})
            for label, run in runs
        ],
        ignore_index=True,
    )
    color = alt.Color("start:N", title="start", sort=labels, scale=alt.Scale(domain=labels, range=PALETTE[1 : len(labels) + 1]))
    return (
        alt.Chart(df)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("iteration:Q", title="iteration"),
            y=alt.Y("size:Q", title="|step| = α·|dJ/dw|  (w units)"),
            color=color,
            tooltip=["start:N", "iteration:Q", alt.Tooltip("size:Q", title="|step|", format=".4g")],
        )
        .properties(height=height)
    )


def basin_chart(
    curve_cost,
    w_range: tuple[float, float],
    starts: np.ndarray,
    minimum_index: np.ndarray,
    minima: Sequence[float],
    selected_w0: float,
    height: int = 380,
) -> alt.LayerChart:
    """The curve coloured by which minimum each start w0 ends in; click it to pick a start."""
    lo, hi = w_range
    with np.errstate(all="ignore"):
        j = np.asarray(curve_cost(np.asarray(starts)), dtype=float)
    names = [f"minimum at w = {m:.3g}" for m in minima]
    ends = [names[k] if k >= 0 else "no minimum (runs away)" for k in minimum_index]
    df = pd.DataFrame({"w": starts, "J": j, "ends in": ends})
    df = df[np.isfinite(df["J"])]
    y_domain = cost_domain(df.rename(columns={"J": "J"}))
    domain = [*names, "no minimum (runs away)"]
    palette = ["#2563eb", "#16a34a", "#7c3aed", "#0891b2", "#db2777"][: len(names)] + ["#94a3b8"]
    pick = alt.selection_point(name="pick", fields=["w"], on="click", nearest=True, empty=False)
    x = alt.X("w:Q", title="start w₀ (click the curve to start there)", scale=alt.Scale(domain=[lo, hi], nice=False))
    y = alt.Y("J:Q", title="J(w) (cost)", scale=alt.Scale(domain=list(y_domain), nice=False))
    color = alt.Color("ends in:N", title="descent from here ends at", scale=alt.Scale(domain=domain, range=palette))
    dots = (
        alt.Chart(df)
        .mark_circle(size=36, opacity=0.9)
        .encode(x=x, y=y, color=color, tooltip=[alt.Tooltip("w:Q", title="start w₀", format=".3f"), "ends in:N"])
        .add_params(pick)
    )
    strip = alt.Chart(df).mark_tick(thickness=3, size=16).encode(
        x="w:Q", y=alt.value(height - 12), color=color
    )
    minima_df = pd.DataFrame({"w": list(minima), "J": np.asarray(curve_cost(np.asarray(minima, dtype=float)), dtype=float) if minima else []})
    stars = alt.Chart(minima_df).mark_point(shape="diamond", size=160, filled=True, color="#0f172a").encode(x="w:Q", y="J:Q")
    chosen = alt.Chart(pd.DataFrame({"w": [selected_w0]})).mark_rule(color=POINT_COLOR, strokeDash=[5, 3]).encode(x="w:Q")
    return alt.layer(dots, strip, stars, chosen).properties(height=height)
