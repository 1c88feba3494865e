"""Page 1's tangent triangle and where its "run" and "rise" labels go, frame by frame.

The triangle's hypotenuse lies on the tangent from the point P = (w, J): P -> corner -> tip,
one leg horizontal (the run), one vertical (the rise), so rise ÷ run = dJ/dw. It can be drawn
to either side of P, with its corner level with P or level with the tip, and each label can sit
beside its leg's middle or held at one end, on the leg's outer side or (costing more) its inner
one. Each frame takes, of the ways that keep both labels inside the plotting area, off the point
and off each other, the one with the fewest bits of curve or tangent under its labels; the run
is never laid over the red step arrow (which starts at P and runs level with it).

Placement is judged in pixels on the narrowest plot the figure is drawn at (a phone's): a label
that fits there fits on a wider screen too, where the same text covers less of the w axis.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

CHAR_PX = 6.0  # a character of the 13 px label font (measured in Chromium: 5), a little wide to be safe
TEXT_PX = 17.0  # the label's line height
POINT_PX = 12.0  # the point's radius (15 px marker, white rim) and a little air
EDGE_PX = 4.0  # labels keep this far inside the plotting area
GAP_PX = 3.0  # Plotly's gap between a text's anchor and the text
PLOT_WIDTH_PX = 250.0  # a 390 px phone, less the page's margins (1 rem a side) and the figure's (l 80, r 20)


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
        x_span, y_span = self.hi - self.lo, self.y_hi - self.y_lo
        # A flat or degenerate view (a constant typed formula): any scale will do, the labels go in a corner.
        self.sx = PLOT_WIDTH_PX / (x_span if math.isfinite(x_span) and x_span > 0 else 1.0)
        self.sy = height_px / (y_span if math.isfinite(y_span) and y_span > 0 else 1.0)
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


def _label_options(leg: tuple[tuple[float, float], tuple[float, float]], outward: str, chars: int, p: tuple[float, float]):
    """Where a leg's label may go, best first: beside the leg's middle on its outer side (away
    from the other leg), then held at either end, then on the inner side. Yields (anchor, position, penalty)."""
    (x0, y0), (x1, y1) = leg
    inward = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}[outward]
    if outward in ("top", "bottom"):  # the run: a horizontal leg, its label above or below
        left, right = min(x0, x1), max(x0, x1)
        for vertical, penalty in ((outward, 0), (inward, 40)):
            for x, horizontal, extra in (((left + right) / 2, "center", 0), (right, "left", 5), (left, "right", 5), (p[0], "center", 8)):
                position = f"{vertical} {horizontal}"
                yield _push(x, y0, position, chars, p), position, penalty + extra
    else:  # the rise: a vertical leg, its label beside it
        bottom, top = min(y0, y1), max(y0, y1)
        for horizontal, penalty in ((outward, 0), (inward, 40)):
            # A short rise (near a minimum) lies on the tangent: above or below it, the label clears the line.
            for y, extra in (((bottom + top) / 2, 0), (top - TEXT_PX / 2, 5), (bottom + TEXT_PX / 2, 5), (top + 1.5 * TEXT_PX, 10), (bottom - 1.5 * TEXT_PX, 10)):
                position = f"middle {horizontal}"
                yield _push(x0, y, position, chars, p), position, penalty + extra
        # Or over the point, a line above the run's label (inside a valley's U, where there is room).
        for vertical, y in (("top", top + TEXT_PX + POINT_PX), ("bottom", bottom - TEXT_PX - POINT_PX)):
            yield (p[0], y), f"{vertical} center", 12


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _candidate(plot: _Plot, w: float, j: float, slope: float, run: float, side: int, level_with_point: bool, texts: tuple[str, str], lines_px: tuple[list[float], list[float]]):
    """One way to draw the triangle: its legs and its labels' best places, or None if none fits.
    Returns (score, (corner, tip), anchors in pixels, positions)."""
    tip = (w + side * run, j + slope * side * run)
    corner = (tip[0], j) if level_with_point else (w, tip[1])
    p, c, t = plot.px(w, j), plot.px(*corner), plot.px(*tip)
    run_leg = (p, c) if level_with_point else (c, t)
    rise_leg = (c, t) if level_with_point else (p, c)
    # Outer sides: the run's label away from the rise's far end, the rise's away from the run's.
    rise_far_y = t[1] if level_with_point else p[1]
    run_far_x = p[0] if level_with_point else t[0]
    run_out = "bottom" if rise_far_y >= c[1] else "top"
    rise_out = "right" if run_far_x <= c[0] else "left"

    def fitting(leg, outward, chars):
        for anchor, position, penalty in _label_options(leg, outward, chars, p):
            area = text_box(*anchor, position, chars)
            if _inside(area, plot.size) and _clear_of_point(area, p):
                yield penalty + _covered([area], lines_px), anchor, position, area

    best = None
    rise_labels = list(fitting(rise_leg, rise_out, len(texts[1])))
    for run_label in fitting(run_leg, run_out, len(texts[0])):
        for rise_label in rise_labels:
            if _overlap(run_label[3], rise_label[3]):
                continue
            score = run_label[0] + rise_label[0]
            if best is None or score < best[0]:
                best = (score, (corner, tip), (run_label[1], rise_label[1]), (run_label[2], rise_label[2]))
            if score == 0:
                return best
    return best


def _covered(boxes, lines_px: tuple[list[float], list[float]]) -> int:
    """How many of the curve's and tangent's sample points (x and y lists, sorted by x) lie under
    the labels. Plain lists and bisect: called thousands of times per figure on a few points each,
    where numpy's per-call cost was most of page 1's figure build."""
    xs, ys = lines_px
    count = 0
    for left, right, bottom, top in boxes:
        i0, i1 = bisect.bisect_left(xs, left), bisect.bisect_left(xs, right)
        count += sum(1 for y in ys[i0:i1] if bottom <= y <= top)
    return count


def place_triangle(
    w: float, j: float, slope: float, step: float, run: float, box: tuple[float, float, float, float],
    height_px: float, lines: np.ndarray, texts: tuple[str, str],
) -> Triangle:
    """The triangle at (w, J) with the given ``run`` (a w length), for a point whose update moves
    it by ``step``; ``lines`` are (w, J) points of the curve and tangent that labels should not cover;
    ``texts`` are the two labels, run first (their lengths set the room they need)."""
    plot = _Plot(box, height_px)
    if not all(math.isfinite(v) for v in (w, j, slope, run, *box)):
        return _in_a_corner(plot, w, j, slope, run, texts)
    lines_px = np.column_stack([(lines[:, 0] - plot.lo) * plot.sx, (lines[:, 1] - plot.y_lo) * plot.sy])
    lines_px = lines_px[np.argsort(lines_px[:, 0], kind="stable")]
    lines_px = (lines_px[:, 0].tolist(), lines_px[:, 1].tolist())
    uphill = 1 if slope > 0 else -1
    best = None
    for side in (uphill, -uphill):
        for level in (True, False):
            if level and step != 0 and np.sign(step) == side:
                continue  # the run would lie on the step arrow
            found = _candidate(plot, w, j, slope, run, side, level, texts, lines_px)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is not None and best[0] == 0:
            break  # nothing under the labels, on the outer sides, beside the middles: none is better
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
