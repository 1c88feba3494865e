"""Page 1's tangent triangle and where its "run" and "rise" labels go, frame by frame.

The triangle's hypotenuse lies on the tangent from the point P = (w, J): P -> corner -> tip,
one leg horizontal (the run), one vertical (the rise), so rise ÷ run = dJ/dw. It can be drawn
to either side of P, with its corner level with P or level with the tip; each frame takes the
first of these four that keeps both labels inside the plotting area and off the point, with
the fewest bits of curve or tangent under its labels, and never lays the run over the red step
arrow (which starts at P and runs level with it).

Placement is judged in pixels on the narrowest plot the figure is drawn at (a phone's): a label
that fits there fits on a wider screen too, where the same text covers less of the w axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHAR_PX = 7.2  # a character of the 13 px label font, a little wide to be safe
TEXT_PX = 17.0  # the label's line height
POINT_PX = 12.0  # the point's radius (15 px marker, white rim) and a little air
EDGE_PX = 4.0  # labels keep this far inside the plotting area
GAP_PX = 3.0  # Plotly's gap between a text's anchor and the text
PLOT_WIDTH_PX = 270.0  # a 390 px phone, less the page's and the figure's margins


@dataclass(frozen=True)
class Triangle:
    """The legs P -> corner -> tip (``x``, ``y``) and the two labels: anchors, Plotly text
    positions and texts' values, run first."""

    x: tuple[float, float, float]
    y: tuple[float, float, float]
    label_x: tuple[float, float]
    label_y: tuple[float, float]
    positions: tuple[str, str]
    run: float
    rise: float


class _Plot:
    """Data to pixels and back for one plotting area (x right, y up)."""

    def __init__(self, box: tuple[float, float, float, float], height_px: float) -> None:
        self.lo, self.hi, self.y_lo, self.y_hi = box
        self.sx = PLOT_WIDTH_PX / (self.hi - self.lo)
        self.sy = height_px / (self.y_hi - self.y_lo)
        self.size = (PLOT_WIDTH_PX, height_px)

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.lo) * self.sx, (y - self.y_lo) * self.sy

    def data(self, px: float, py: float) -> tuple[float, float]:
        return self.lo + px / self.sx, self.y_lo + py / self.sy


def text_box(ax: float, ay: float, position: str, chars: int) -> tuple[float, float, float, float]:
    """The pixels (left, right, bottom, top) a label of ``chars`` characters anchored at (ax, ay) covers."""
    width = chars * CHAR_PX
    vertical, horizontal = position.split()
    if horizontal == "right":
        left = ax + GAP_PX
    elif horizontal == "left":
        left = ax - GAP_PX - width
    else:
        left = ax - width / 2
    if vertical == "top":
        bottom = ay + GAP_PX
    elif vertical == "bottom":
        bottom = ay - GAP_PX - TEXT_PX
    else:
        bottom = ay - TEXT_PX / 2
    return left, left + width, bottom, bottom + TEXT_PX


def _clear_of_point(box: tuple[float, float, float, float], point: tuple[float, float]) -> bool:
    left, right, bottom, top = box
    dx = max(left - point[0], 0.0, point[0] - right)
    dy = max(bottom - point[1], 0.0, point[1] - top)
    return dx * dx + dy * dy >= POINT_PX * POINT_PX


def _inside(box: tuple[float, float, float, float], size: tuple[float, float]) -> bool:
    left, right, bottom, top = box
    return left >= EDGE_PX and bottom >= EDGE_PX and right <= size[0] - EDGE_PX and top <= size[1] - EDGE_PX


def _push(ax: float, ay: float, position: str, chars: int, point: tuple[float, float]) -> tuple[float, float]:
    """Move an anchor straight away from the point (the way its text extends) until the text clears it."""
    vertical, horizontal = position.split()
    for _ in range(4):
        if _clear_of_point(text_box(ax, ay, position, chars), point):
            break
        if horizontal == "right":
            ax = max(ax, point[0] + POINT_PX - GAP_PX) + 1
        elif horizontal == "left":
            ax = min(ax, point[0] - POINT_PX + GAP_PX) - 1
        elif vertical == "top":
            ay = max(ay, point[1] + POINT_PX - GAP_PX) + 1
        else:
            ay = min(ay, point[1] - POINT_PX + GAP_PX) - 1
    return ax, ay


def _candidate(plot: _Plot, w: float, j: float, slope: float, run: float, side: int, level_with_point: bool, texts: tuple[str, str]):
    """One way to draw the triangle: its legs, its labels' anchors (pixels) and positions."""
    tip = (w + side * run, j + slope * side * run)
    corner = (tip[0], j) if level_with_point else (w, tip[1])
    p, c, t = plot.px(w, j), plot.px(*corner), plot.px(*tip)
    # The run's label on the far side of its leg from the rise; the rise's on the far side of its leg from the run.
    run_leg_y, rise_leg_x = c[1], c[0]
    other_end_y = t[1] if level_with_point else p[1]  # the rise's other end, seen from the run's leg
    run_pos = "bottom center" if other_end_y >= run_leg_y else "top center"
    run_mid_x = (c[0] + (p[0] if level_with_point else t[0])) / 2
    other_end_x = p[0] if level_with_point else t[0]  # the run's other end, seen from the rise's leg
    rise_pos = "middle right" if other_end_x <= rise_leg_x else "middle left"
    rise_mid_y = (c[1] + (t[1] if level_with_point else p[1])) / 2
    run_anchor = _push(run_mid_x, run_leg_y, run_pos, len(texts[0]), p)
    rise_anchor = _push(rise_leg_x, rise_mid_y, rise_pos, len(texts[1]), p)
    return (corner, tip), (run_anchor, rise_anchor), (run_pos, rise_pos)


def _covered(boxes, lines_px: np.ndarray) -> int:
    """How many of the curve's and tangent's sample points lie under the labels."""
    count = 0
    for left, right, bottom, top in boxes:
        count += int(np.count_nonzero((lines_px[:, 0] >= left) & (lines_px[:, 0] <= right) & (lines_px[:, 1] >= bottom) & (lines_px[:, 1] <= top)))
    return count


def place_triangle(
    w: float, j: float, slope: float, step: float, run: float, box: tuple[float, float, float, float],
    height_px: float, lines: np.ndarray, texts: tuple[str, str],
) -> Triangle:
    """The triangle at (w, J) with the given ``run`` (a w length), for a point whose update moves
    it by ``step``; ``lines`` are (w, J) points of the curve and tangent that labels should not cover;
    ``texts`` are the two labels, run first (their lengths set the room they need)."""
    plot = _Plot(box, height_px)
    p = plot.px(w, j)
    lines_px = np.column_stack([(lines[:, 0] - plot.lo) * plot.sx, (lines[:, 1] - plot.y_lo) * plot.sy])
    uphill = 1 if slope > 0 else -1
    best = None
    for side in (uphill, -uphill):
        for level in (True, False):
            if level and step != 0 and np.sign(step) == side:
                continue  # the run would lie on the step arrow
            legs, anchors, positions = _candidate(plot, w, j, slope, run, side, level, texts)
            boxes = [text_box(*a, pos, len(t)) for a, pos, t in zip(anchors, positions, texts)]
            if not all(_inside(b, plot.size) and _clear_of_point(b, p) for b in boxes):
                continue
            score = _covered(boxes, lines_px)
            if best is None or score < best[0]:
                best = (score, legs, anchors, positions)
    if best is None:
        return _in_a_corner(plot, w, j, slope, run, texts)
    _, (corner, tip), anchors, positions = best
    (rx, ry), (sx, sy) = (plot.data(*a) for a in anchors)
    return Triangle((w, corner[0], tip[0]), (j, corner[1], tip[1]), (rx, sx), (ry, sy), positions, run, slope * run)


def _in_a_corner(plot: _Plot, w: float, j: float, slope: float, run: float, texts: tuple[str, str]) -> Triangle:
    """No side has room (or the point is out of view): both labels, one above the other, in the
    top or bottom corner farthest from the point, the legs drawn as usual to its right."""
    p = plot.px(w, j)
    right = p[0] < plot.size[0] / 2
    top = p[1] < plot.size[1] / 2
    x = plot.size[0] - EDGE_PX - GAP_PX if right else EDGE_PX + GAP_PX
    y0 = plot.size[1] - EDGE_PX - TEXT_PX / 2 if top else EDGE_PX + 1.5 * TEXT_PX
    ys = (y0, y0 - TEXT_PX) if top else (y0 - TEXT_PX, y0)
    position = "middle left" if right else "middle right"
    (rx, ry), (sx, sy) = plot.data(x, ys[0]), plot.data(x, ys[1])
    tip = (w + run, j + slope * run)
    return Triangle((w, tip[0], tip[0]), (j, j, tip[1]), (rx, sx), (ry, sy), (position, position), run, slope * run)
