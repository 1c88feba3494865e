"""Chart builders for a cost surface J(w, b): a heatmap with contour lines and descent paths."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gd_core.surface import SurfacePaths
from ui.vl import Spec, chart, field, layer_of, nominal_color

PATH_COLORS = ["#dc2626", "#f59e0b", "#16a34a", "#7c3aed", "#0891b2", "#db2777", "#0f172a", "#65a30d"]


def contour_segments(w: np.ndarray, b: np.ndarray, z: np.ndarray, levels: np.ndarray) -> pd.DataFrame:
    """Contour lines by marching squares, as segments (w, b, w2, b2, level) for rule marks.

    ``z[i, j]`` is the value at (w[j], b[i]). Each grid cell crossed by a level contributes one
    or two segments between the points where the level cuts the cell's edges (linear
    interpolation). All levels are cut at once: arrays of shape (levels, rows, columns).
    """
    lv = np.asarray(levels, dtype=float)[:, None, None]
    z00, z01, z10, z11 = z[None, :-1, :-1], z[None, :-1, 1:], z[None, 1:, :-1], z[None, 1:, 1:]
    shape = (lv.shape[0], z.shape[0] - 1, z.shape[1] - 1)
    w0 = np.broadcast_to(w[None, None, :-1], shape)
    w1 = np.broadcast_to(w[None, None, 1:], shape)
    b0 = np.broadcast_to(b[None, :-1, None], shape)
    b1 = np.broadcast_to(b[None, 1:, None], shape)

    def cut(za: np.ndarray, zb: np.ndarray) -> np.ndarray:
        """Where along an edge the level is crossed (0..1), nan where it is not."""
        with np.errstate(all="ignore"):
            t = (lv - za) / (zb - za)
        return np.where(((za < lv) != (zb < lv)) & np.isfinite(t), t, np.nan)

    t_bottom, t_top, t_left, t_right = cut(z00, z01), cut(z10, z11), cut(z00, z10), cut(z01, z11)
    pts_w = np.stack([w0 + t_bottom * (w1 - w0), w0 + t_top * (w1 - w0), w0 + 0 * t_left, w1 + 0 * t_right], axis=-1).reshape(-1, 4)
    pts_b = np.stack([b0 + 0 * t_bottom, b1 + 0 * t_top, b0 + t_left * (b1 - b0), b0 + t_right * (b1 - b0)], axis=-1).reshape(-1, 4)
    level_of_cell = np.broadcast_to(lv, shape).reshape(-1)
    valid = np.isfinite(pts_w) & np.isfinite(pts_b)
    count = valid.sum(axis=1)
    rows = []
    for n_cut in (2, 4):
        cells = np.flatnonzero(count == n_cut)
        if cells.size == 0:
            continue
        order = np.argsort(~valid[cells], axis=1, kind="stable")[:, :n_cut]
        cw = np.take_along_axis(pts_w[cells], order, axis=1)
        cb = np.take_along_axis(pts_b[cells], order, axis=1)
        for first, second in ((0, 1), (2, 3))[: n_cut // 2]:
            rows.append(
                pd.DataFrame({"w": cw[:, first], "b": cb[:, first], "w2": cw[:, second], "b2": cb[:, second], "level": level_of_cell[cells]})
            )
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
    marker: tuple[float, float] | None = None,
    clickable: bool = False,
    width: int | None = None,
) -> Spec:
    """Heatmap of J with contour lines; ``paths`` has columns path, i, w, b, J.

    ``marker`` draws the least-squares point; with ``clickable`` the heatmap carries a point
    selection named ``start`` (a click picks (w, b)).
    """
    ww, bb = np.meshgrid(w, b)
    dw, db = float(w[1] - w[0]), float(b[1] - b[0])
    heat = pd.DataFrame({"w": ww.ravel() - dw / 2, "b": bb.ravel() - db / 2, "w2": ww.ravel() + dw / 2, "b2": bb.ravel() + db / 2, "J": z.ravel()})
    finite = z[np.isfinite(z)]
    # Levels spaced geometrically above the lowest value: a quadratic bowl shows as nested
    # ellipses all the way down to its minimum.
    lowest, highest = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    level_values = lowest + (highest - lowest) * np.geomspace(2e-3, 0.9, levels) if highest > lowest else np.array([])
    segments = contour_segments(w, b, z, np.unique(level_values))
    labels = list(dict.fromkeys(paths["path"])) if len(paths) else []
    color = nominal_color("path", labels, PATH_COLORS, "descent path")
    quiet = nominal_color("path", labels, PATH_COLORS, legend=False)
    last = paths.sort_values("i").groupby("path", sort=False).tail(1) if len(paths) else paths
    first = paths[paths["i"] == 0] if len(paths) else paths
    heat_layer = layer_of(
        "heat",
        {"type": "rect", "opacity": 0.9},
        {
            "x": field("w", title=w_title, scale={"domain": [float(w[0]), float(w[-1])], "nice": False}),
            "x2": field("w2"),
            "y": field("b", title=b_title, scale={"domain": [float(b[0]), float(b[-1])], "nice": False}),
            "y2": field("b2"),
            "color": field("J", title="J (cost)", scale={"scheme": "blues", "reverse": True}),
            "tooltip": [field("w", format=".3g"), field("b", format=".3g"), field("J", format=".4g")],
        },
    )
    if clickable:
        heat_layer["params"] = [{"name": "start", "select": {"type": "point", "fields": ["w", "b"], "on": "click", "nearest": True}}]
    layers = [
        heat_layer,
        layer_of(
            "contours",
            {"type": "rule", "color": "#1e293b", "strokeWidth": 0.8, "opacity": 0.55},
            {"x": field("w"), "y": field("b"), "x2": field("w2"), "y2": field("b2")},
        ),
        layer_of(
            "paths",
            {"type": "line", "strokeWidth": 2.5, "clip": True},
            {"x": field("w"), "y": field("b"), "order": field("i"), "color": color},
        ),
        layer_of(
            "first",
            {"type": "circle", "size": 90, "stroke": "white", "strokeWidth": 1.5, "opacity": 1, "clip": True},
            {"x": field("w"), "y": field("b"), "color": quiet},
        ),
        layer_of(
            "last",
            {"type": "point", "shape": "cross", "size": 120, "strokeWidth": 3, "clip": True},
            {"x": field("w"), "y": field("b"), "color": quiet, "tooltip": [field("path", "nominal"), field("J", format=".4g")]},
        ),
    ]
    datasets = {"heat": heat, "contours": segments, "paths": paths, "first": first, "last": last}
    if marker is not None:
        datasets["marker"] = pd.DataFrame({"w": [marker[0]], "b": [marker[1]], "label": ["least squares"]})
        layers.append(
            layer_of(
                "marker",
                {"type": "point", "shape": "diamond", "size": 220, "filled": True, "color": "#facc15", "stroke": "#0f172a", "strokeWidth": 1.5},
                {"x": field("w"), "y": field("b"), "tooltip": [field("label", "nominal"), field("w", format=".5g"), field("b", format=".5g")]},
            )
        )
    spec = chart(layers, datasets, height=height, resolve={"scale": {"color": "independent"}})
    if width is not None:  # a fixed width, e.g. equal to the height so circles look round
        spec["width"] = width
    return spec


def landscape_chart(w: np.ndarray, b: np.ndarray, z: np.ndarray, paths: SurfacePaths, starts: Sequence[tuple[float, float]]) -> Spec:
    """The landscape J(w, b) with every start's path on it; a click on the map picks a start."""
    frames = [
        pd.DataFrame({"path": f"start ({w0:g}, {b0:g})", "i": np.arange(paths.w.shape[0]), "w": paths.w[:, k], "b": paths.b[:, k], "J": paths.cost[:, k]})
        for k, (w0, b0) in enumerate(starts)
    ]
    return surface_chart(w, b, z, pd.concat(frames, ignore_index=True), clickable=True)
