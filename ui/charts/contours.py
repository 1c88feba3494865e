"""Contour lines of a cost surface J(w, b), by marching squares (drawn by ui.charts.cost_map.cost_map)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def contour_segments(w: np.ndarray, b: np.ndarray, z: np.ndarray, levels: np.ndarray) -> pd.DataFrame:
    """Contour lines by marching squares, as segments (w, b, w2, b2, level).

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
