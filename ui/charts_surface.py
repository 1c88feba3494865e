"""Chart builders for a cost surface J(w, b): a heatmap with contour lines and descent paths."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

PATH_COLORS = ["#dc2626", "#f59e0b", "#16a34a", "#7c3aed", "#0891b2", "#db2777", "#0f172a", "#65a30d"]


def contour_segments(w: np.ndarray, b: np.ndarray, z: np.ndarray, levels: np.ndarray) -> pd.DataFrame:
    """Contour lines by marching squares, as segments (w, b, w2, b2, level) for mark_rule.

    ``z[i, j]`` is the value at (w[j], b[i]). Each grid cell crossed by a level contributes one
    or two segments between the points where the level cuts the cell's edges (linear interpolation).
    """
    rows = []
    z00, z01, z10, z11 = z[:-1, :-1], z[:-1, 1:], z[1:, :-1], z[1:, 1:]
    w0, w1 = w[:-1][None, :], w[1:][None, :]
    b0, b1 = b[:-1][:, None], b[1:][:, None]
    for level in levels:
        # The cut point on each edge, or nan where the edge does not cross the level.
        def cut(za, zb):
            with np.errstate(all="ignore"):
                t = (level - za) / (zb - za)
            return np.where(((za < level) != (zb < level)) & np.isfinite(t), t, np.nan)

        t_bottom, t_top = cut(z00, z01), cut(z10, z11)  # along w at b0 and at b1
        t_left, t_right = cut(z00, z10), cut(z01, z11)  # along b at w0 and at w1
        shape = z00.shape
        edges = [
            (w0 + t_bottom * (w1 - w0), np.broadcast_to(b0, shape)),
            (w0 + t_top * (w1 - w0), np.broadcast_to(b1, shape)),
            (np.broadcast_to(w0, shape), b0 + t_left * (b1 - b0)),
            (np.broadcast_to(w1, shape), b0 + t_right * (b1 - b0)),
        ]
        pts_w = np.stack([np.broadcast_to(e[0], shape) for e in edges], axis=-1).reshape(-1, 4)
        pts_b = np.stack([np.broadcast_to(e[1], shape) for e in edges], axis=-1).reshape(-1, 4)
        valid = np.isfinite(pts_w) & np.isfinite(pts_b)
        count = valid.sum(axis=1)
        for n_cut in (2, 4):
            cells = np.flatnonzero(count == n_cut)
            if cells.size == 0:
                continue
            order = np.argsort(~valid[cells], axis=1, kind="stable")[:, :n_cut]
            cw = np.take_along_axis(pts_w[cells], order, axis=1)
            cb = np.take_along_axis(pts_b[cells], order, axis=1)
            for a, c in ((0, 1), (2, 3))[: n_cut // 2]:
                rows.append(pd.DataFrame({"w": cw[:, a], "b": cb[:, a], "w2": cw[:, c], "b2": cb[:, c], "level": level}))
    if not rows:
        return pd.DataFrame(columns=["w", "b", "w2", "b2", "level"])
    return pd.concat(rows, ignore_index=True)


def surface_chart(
    w: np.ndarray,
    b: np.ndarray,
    z: np.ndarray,
    paths: pd.DataFrame,
    *,
    w_title: str = "w",
    b_title: str = "b",
    levels: int = 14,
    height: int = 460,
    extra: list[alt.Chart] | None = None,
    clickable: bool = False,
) -> alt.LayerChart:
    """Heatmap of J with contour lines; ``paths`` has columns path, i, w, b, J.

    With ``clickable`` the heatmap carries a point selection named ``start`` (a click picks (w, b)).
    """
    ww, bb = np.meshgrid(w, b)
    heat = pd.DataFrame({"w": ww.ravel(), "b": bb.ravel(), "J": z.ravel()})
    dw, db = float(w[1] - w[0]), float(b[1] - b[0])
    heat["w2"], heat["b2"] = heat["w"] + dw, heat["b"] + db
    heat["w"], heat["b"] = heat["w"] - dw / 2, heat["b"] - db / 2
    heat["w2"], heat["b2"] = heat["w2"] - dw / 2, heat["b2"] - db / 2
    finite = z[np.isfinite(z)]
    level_values = np.quantile(finite, np.linspace(0.02, 0.98, levels)) if finite.size else np.array([])
    segments = contour_segments(w, b, z, np.unique(level_values))
    x = alt.X("w:Q", title=w_title, scale=alt.Scale(domain=[float(w[0]), float(w[-1])], nice=False))
    y = alt.Y("b:Q", title=b_title, scale=alt.Scale(domain=[float(b[0]), float(b[-1])], nice=False))
    heatmap = alt.Chart(heat).mark_rect(opacity=0.9).encode(
        x=x,
        x2="w2:Q",
        y=y,
        y2="b2:Q",
        color=alt.Color("J:Q", title="J (cost)", scale=alt.Scale(scheme="blues", reverse=True)),
        tooltip=[alt.Tooltip("w:Q", format=".3g"), alt.Tooltip("b:Q", format=".3g"), alt.Tooltip("J:Q", format=".4g")],
    )
    if clickable:
        heatmap = heatmap.add_params(alt.selection_point(name="start", fields=["w", "b"], on="click", nearest=True, empty=False))
    contours = alt.Chart(segments).mark_rule(color="#1e293b", strokeWidth=0.8, opacity=0.55).encode(
        x="w:Q", y="b:Q", x2="w2:Q", y2="b2:Q"
    )
    labels = list(dict.fromkeys(paths["path"])) if len(paths) else []
    color = alt.Color("path:N", title="descent path", sort=labels, scale=alt.Scale(domain=labels, range=PATH_COLORS[: max(len(labels), 1)]))
    quiet = alt.Color("path:N", legend=None, sort=labels, scale=alt.Scale(domain=labels, range=PATH_COLORS[: max(len(labels), 1)]))
    lines = alt.Chart(paths).mark_line(strokeWidth=2.5, clip=True).encode(x="w:Q", y="b:Q", order="i:Q", color=color)
    ends = (
        alt.Chart(paths)
        .transform_window(rank="rank()", sort=[alt.SortField("i", order="descending")], groupby=["path"])
        .transform_filter(alt.datum.rank == 1)
        .mark_point(shape="cross", size=120, strokeWidth=3, clip=True)
        .encode(x="w:Q", y="b:Q", color=quiet, tooltip=["path:N", alt.Tooltip("J:Q", format=".4g")])
    )
    starts = alt.Chart(paths[paths["i"] == 0] if len(paths) else paths).mark_circle(size=90, stroke="white", strokeWidth=1.5, opacity=1).encode(
        x="w:Q", y="b:Q", color=quiet
    )
    layers = [heatmap, contours, lines, starts, ends, *(extra or [])]
    return alt.layer(*layers).properties(height=height).resolve_scale(color="independent")
