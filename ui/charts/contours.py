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


def contour_lines(segments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The segments joined into lines, as (w, b) with NaN between two lines: two cells that share
    an edge cut it at the very same point, so a line passes each point once instead of twice (half
    the points of drawing every segment alone: issue 26, a figure's bytes)."""
    w, b, w2, b2, level = (segments[c].to_numpy(float).tolist() for c in ("w", "b", "w2", "b2", "level"))
    ends = list(zip(zip(w, b, level), zip(w2, b2, level)))
    at_point: dict[tuple, list[int]] = {}
    for k, (p, q) in enumerate(ends):
        at_point.setdefault(p, []).append(k)
        at_point.setdefault(q, []).append(k)
    used = [False] * len(ends)

    def walk(k: int, point: tuple) -> list[tuple]:
        """From segment k's end ``point`` on, through every unused segment that continues it."""
        line = []
        while True:
            nxt = [j for j in at_point[point] if not used[j]]
            if not nxt:
                return line
            k = nxt[0]
            used[k] = True
            p, q = ends[k]
            point = q if p == point else p
            line.append(point)

    xs, ys = [], []
    for k, (p, q) in enumerate(ends):
        if used[k]:
            continue
        used[k] = True
        line = walk(k, p)[::-1] + [p, q] + walk(k, q)
        xs += [pt[0] for pt in line] + [np.nan]
        ys += [pt[1] for pt in line] + [np.nan]
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
