"""Page 1's "run" and "rise" labels sit inside the plotting area and off the point at every frame.

Judged on the figure's dict, with this file's own estimate of the room a label takes: a 13 px
font's characters about 7 px wide, 16 px high, on the narrowest plot drawn (a phone's, 250 px
wide; the figure's height less its margins high).
"""

from __future__ import annotations

import numpy as np
import pytest

from gd_core.curves import CURVES
from gd_core.descent import run_descent
from ui.charts.intuition import intuition_figure

LABELS = 4  # the trace holding the two labels
POINT = 7  # the point
PLOT_W = 250.0
CHAR, LINE = 5.5, 16.0  # measured in Chromium: "rise = 6.400" is 60 px wide
MARGIN = 0.015  # of each axis's span: an anchor this far inside, at least
CLEAR = 10.0  # px between a label and the point's centre

RUNS = [
    ("bowl", 0.9, 0.1, 30),  # the page's default: w0 at 0.9 of the curve's range (w = 7)
    ("bowl", 0.9, 0.9, 30),  # bounces across the minimum
    ("bowl", 0.05, 0.3, 30),  # from the left edge
    ("bowl", 0.5, 0.1, 10),  # from the minimum itself: a flat triangle on the point
    ("two_minima", 0.95, 0.1, 30),
    ("two_minima", 0.1, 0.05, 60),
    ("steep", 0.95, 0.1, 30),
    ("plateau", 0.3, 1.0, 40),
]


def box(x: float, y: float, position: str, chars: int) -> tuple[float, float, float, float]:
    """Pixels (left, right, bottom, top) a label takes, anchored at (x, y)."""
    width = chars * CHAR
    vertical, horizontal = position.split()
    left = {"right": x + 2, "left": x - 2 - width, "center": x - width / 2}[horizontal]
    bottom = {"top": y + 2, "bottom": y - 2 - LINE, "middle": y - LINE / 2}[vertical]
    return left, left + width, bottom, bottom + LINE


def frames_of(name: str, at: float, alpha: float, iters: int):
    curve = CURVES[name]
    run = run_descent(curve, curve.point_at(at), alpha, iters)
    spec = intuition_figure(curve.cost, (curve.w_min, curve.w_max), run).to_dict()
    layout = spec["layout"]
    height = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    ranges = (*layout["xaxis"]["range"], *layout["yaxis"]["range"])
    for frame in spec["frames"]:
        moved = dict(zip(frame["traces"], frame["data"]))
        yield moved[LABELS], moved[POINT], ranges, height


@pytest.mark.parametrize("case", RUNS, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_labels_inside_the_plot_and_off_the_point(case) -> None:
    for labels, point, (lo, hi, y_lo, y_hi), height in frames_of(*case):
        sx, sy = PLOT_W / (hi - lo), height / (y_hi - y_lo)
        px, py = (point["x"][0] - lo) * sx, (point["y"][0] - y_lo) * sy
        in_view = 0 <= px <= PLOT_W and 0 <= py <= height
        for x, y, text, position in zip(labels["x"], labels["y"], labels["text"], labels["textposition"]):
            assert lo + MARGIN * (hi - lo) <= x <= hi - MARGIN * (hi - lo), (text, x, lo, hi)
            assert y_lo + MARGIN * (y_hi - y_lo) <= y <= y_hi - MARGIN * (y_hi - y_lo), (text, y, y_lo, y_hi)
            left, right, bottom, top = box((x - lo) * sx, (y - y_lo) * sy, position, len(text))
            assert 0 <= left and right <= PLOT_W and 0 <= bottom and top <= height, f"{text!r} runs off the plot"
            if in_view:
                dx, dy = max(left - px, 0, px - right), max(bottom - py, 0, py - top)
                assert np.hypot(dx, dy) >= CLEAR, f"{text!r} covers the point at w = {point['x'][0]:.4g}"


def test_the_labels_read_the_triangle_drawn() -> None:
    """rise ÷ run is the slope at the point, and the legs drawn are the labelled lengths."""
    curve = CURVES["bowl"]
    run = run_descent(curve, 7.0, 0.1, 30)
    spec = intuition_figure(curve.cost, (curve.w_min, curve.w_max), run).to_dict()
    for i, frame in enumerate(spec["frames"]):
        legs, labels = frame["data"][2], frame["data"][3]  # traces 3 (legs) and 4 (labels)
        xs, ys = np.array(legs["x"]), np.array(legs["y"])
        run_text, rise_text = (float(t.split("= ")[1].replace("−", "-")) for t in labels["text"])
        assert xs[0] == run.w[i] and ys[0] == run.cost[i]  # from the point
        assert np.ptp(xs) == pytest.approx(run_text, abs=5e-4) and np.ptp(ys) == pytest.approx(abs(rise_text), abs=5e-4)
        assert rise_text / run_text == pytest.approx(run.slope[i], abs=1e-3 / run_text)


def test_a_flat_view_puts_the_labels_somewhere_finite() -> None:
    """A constant typed formula of 1e54 gives a cost range of zero width (test_app_links found it)."""
    from ui.charts.tangent_labels import place_triangle

    tri = place_triangle(1.0, 1e54, 0.0, 0.0, 0.8, (0.0, 2.0, 1e54, 1e54), 330.0, np.zeros((0, 2)), ("run = 0.800", "rise = 0.000"))
    assert np.all(np.isfinite([*tri.x, *tri.y, *tri.label_x, *tri.label_y]))
