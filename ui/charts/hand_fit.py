"""Page 4's fit by hand: the student's line over the data with each point's residual as a
segment and its square, and, once the page may show the answer, (w, b) on J(w, b) from above
and as a surface. A still figure (no player): the line moves with the sliders, not with time.

A square's side is its residual r_i = w x_i + b - y_i, so its area is the term r_i^2 of the
sum J(w, b) adds up. For squares to look square whatever the screen's width, the data panel's
y axis is tied to its x axis (``scaleanchor``): one unit of y spans ``ratio`` times the pixels of
one unit of x, and a square r_i high is |r_i| * ratio wide in x (drawn towards the data's
middle, so one at an edge stays in view). On large data a fixed sample of
squares is drawn (``MAX_SQUARES``, the same rows every time), and the page says how many.
"""

from __future__ import annotations

import numpy as np

from gd_core.hand_fit import residual_squares
from gd_core.sums import Stats, cost_grid
from ui.charts.cost_map import cost_map, path_shape, surface_trace
from ui.charts.figure_dict import figure, grid, merge
from ui.charts.player import ReadyFigure
from ui.charts.regression_parts import contour_window, sample_rows
from ui.charts.style import DATA_COLOR, EXACT_COLOR, FIT_COLOR, HAND_COLOR, HAND_FILL, STAR_COLOR, WHITE
from ui.words.shown import shown_plotly

MAX_SQUARES = 50  # squares drawn; more cover each other and the points
MAX_RESIDUALS = 1_000  # residual segments drawn (of the rows the figure shows)
SQUARE_SEED = 1
AXIS_LIMIT = 40
HINT = '<br><span style="font-size:11px">'


def square_rows(shown_rows: int) -> np.ndarray:
    """Which of the shown rows get a square: all of them up to MAX_SQUARES, else a fixed sample."""
    return sample_rows(shown_rows, MAX_SQUARES, seed=SQUARE_SEED)


def hand_figure(
    x: np.ndarray, y: np.ndarray, stats: Stats, w: float, b: float, x_title: str, y_title: str, *,
    start: tuple[float, float] | None = None, show_maps: bool = True, show_lstsq: bool = True, narrow: bool = False,
) -> ReadyFigure:
    """The line (w, b) over the data ``x``, ``y`` (a sample of the rows, first feature) with its
    residuals and squares; with ``show_maps``, (w, b) on J(w, b) from above and in 3-D (and
    gradient descent's ``start`` on the map when it is elsewhere); ``show_lstsq``: the
    least-squares line and its diamonds too. ``narrow`` (a phone): the panels one under another."""
    panels = 3 if show_maps else 1
    if narrow:
        specs, rows, cols, options = (("xy",), ("xy",), ("scene",))[:panels], panels, 1, {}
    elif show_maps:  # the data the whole width, the map and the surface under it
        specs, rows, cols, options = ((("xy", 2), None), ("xy", "scene")), 2, 2, {"row_heights": (0.55, 0.45)}
    else:
        specs, rows, cols, options = (("xy",),), 1, 1, {}
    titles = (f"Your line, its residuals and their squares{HINT}each square's area is a term of the sum</span>",
              f"Your (w, b) on J(w, b){HINT}seen from above</span>", f"J(w, b) in 3-D{HINT}drag to turn it</span>")
    layout = grid(rows=rows, cols=cols, specs=specs, horizontal_spacing=0.09, vertical_spacing=0.12 if narrow else 0.14, subplot_titles=titles[:panels], **options)
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    height = 420 * panels if narrow else (900 if show_maps else 460)
    # The data panel's size in pixels, about: a 1000-px main column (a phone: 310 px).
    size = (310, 300) if narrow else (920, 370 if show_maps else 340)
    data, shapes = _data_panel(layout, x, y, stats, w, b, shown_plotly(x_title, AXIS_LIMIT), shown_plotly(y_title, AXIS_LIMIT), size, show_lstsq)
    images = []
    if show_maps:
        images = _maps(data, shapes, layout, stats, w, b, start, show_lstsq)
    merge(layout, {
        "images": images, "shapes": shapes, "height": height, "showlegend": False, "hovermode": "closest", "dragmode": "pan",
        "margin": {"l": 80, "r": 20, "t": 70, "b": 70}, "uirevision": "keep",
    })
    return ReadyFigure(figure(data, layout))


def _data_panel(
    layout: dict, x: np.ndarray, y: np.ndarray, stats: Stats, w: float, b: float, x_title: str, y_title: str, size: tuple[float, float], show_lstsq: bool,
) -> tuple[list[dict], list[dict]]:
    """The points, the line (w, b), each residual as a segment and a sample's squares; the least-squares line dashed (``show_lstsq``)."""
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.06 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    y_lo, y_hi = float(np.min(y)), float(np.max(y))
    y_pad = 0.15 * (y_hi - y_lo or 1.0)
    y_lo, y_hi = y_lo - y_pad, y_hi + y_pad
    ratio = ((hi - lo) / (y_hi - y_lo)) * (size[1] / size[0])  # so the data fill the panel; Plotly widens one range to keep it
    fitted = w * x + b
    r, _ = residual_squares(x, y, w, b)
    seg = sample_rows(x.size, MAX_RESIDUALS, seed=SQUARE_SEED)
    nan = np.full(seg.size, np.nan)
    shapes = [path_shape(np.column_stack([x[seg], x[seg], nan]).ravel(), np.column_stack([y[seg], fitted[seg], nan]).ravel(), "x", "y",
                         {"color": HAND_COLOR, "width": 1.2}, layer="above")]
    sq = seg[square_rows(seg.size)]
    side = np.abs(r[sq]) * ratio * np.where(x[sq] > float(stats.x_bar[0]), -1.0, 1.0)  # towards the middle: a square at an edge stays in view
    corners = np.column_stack([x[sq], y[sq], x[sq] + side, y[sq], x[sq] + side, fitted[sq], x[sq], fitted[sq]])
    path = "".join("M%.8g,%.8gL%.8g,%.8gL%.8g,%.8gL%.8g,%.8gZ" % tuple(row) for row in corners.tolist())
    shapes.append({"type": "path", "path": path or "M0,0", "xref": "x", "yref": "y", "line": {"color": HAND_COLOR, "width": 1}, "fillcolor": HAND_FILL, "layer": "below"})
    data = [{
        "type": "scatter", "x": x, "y": y, "mode": "markers", "name": "data", "xaxis": "x", "yaxis": "y",
        "marker": {"color": DATA_COLOR, "size": 5 if x.size > 2000 else 8, "opacity": 0.7},
        "customdata": r, "hovertemplate": f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<br>residual = %{{customdata:.4g}}<extra></extra>",
    }, {
        "type": "scatter", "x": [lo, hi], "y": [w * lo + b, w * hi + b], "mode": "lines", "name": "your line", "xaxis": "x", "yaxis": "y",
        "line": {"color": HAND_COLOR, "width": 3}, "hovertemplate": f"your line<br>w = {w:.4g}, b = {b:.4g}<extra></extra>",
    }]
    if show_lstsq:
        w_star, b_star = float(stats.w_star[0]), stats.b_star
        shapes.append({"type": "line", "x0": lo, "x1": hi, "y0": w_star * lo + b_star, "y1": w_star * hi + b_star, "xref": "x", "yref": "y",
                       "line": {"color": EXACT_COLOR, "dash": "dash", "width": 2}, "layer": "above"})
    merge(layout, {
        "xaxis": {"title": {"text": x_title}, "range": [lo, hi]},
        "yaxis": {"title": {"text": y_title}, "range": [y_lo, y_hi], "scaleanchor": "x", "scaleratio": ratio},
    })
    return data, shapes


def _maps(data: list[dict], shapes: list[dict], layout: dict, stats: Stats, w: float, b: float, start: tuple[float, float] | None, show_lstsq: bool) -> list[dict]:
    """(w, b) on the map of J(w, b) (with descent's start, and (w*, b*) when shown) and on its surface; returns the map's picture."""
    star = (float(stats.w_star[0]), stats.b_star)
    ws, bs = [w] + ([start[0]] if start else []), [b] + ([start[1]] if start else [])
    gw, gb = contour_window([np.array(ws)], [np.array(bs)], *star)
    image, lines = cost_map(gw, gb, cost_grid(stats, gw, gb), "x2", "y2")
    shapes.append(lines)
    j = float(cost_grid(stats, [w], [b])[0, 0])
    marks = [(w, b, j, "your line", HAND_COLOR, "circle", 13)]
    if start is not None:
        marks.append((start[0], start[1], float(cost_grid(stats, [start[0]], [start[1]])[0, 0]), "gradient descent's start", FIT_COLOR, "circle", 9))
    if show_lstsq:
        marks.append((*star, stats.cost_star, "least squares", STAR_COLOR, "diamond", 14))
    for mw, mb, mj, name, color, symbol, size in marks:
        data.append({
            "type": "scatter", "x": [mw], "y": [mb], "mode": "markers", "name": name, "xaxis": "x2", "yaxis": "y2", "customdata": [mj],
            "marker": {"color": color, "symbol": symbol, "size": size, "line": {"color": EXACT_COLOR if symbol == "diamond" else WHITE, "width": 1.5}},
            "hovertemplate": f"{name}<br>w = %{{x:.4g}}<br>b = %{{y:.4g}}<br>J = %{{customdata:.4g}}<extra></extra>",
        })
    sw, sb = contour_window([np.array(ws)], [np.array(bs)], *star, n=50)
    sz = cost_grid(stats, sw, sb)
    data.append(surface_trace(sw, sb, sz, "scene"))
    data.append({
        "type": "scatter3d", "x": [m[0] for m in marks], "y": [m[1] for m in marks], "z": [m[2] for m in marks], "mode": "markers", "scene": "scene",
        "marker": {"color": [m[4] for m in marks], "symbol": [m[5] for m in marks], "size": 7, "line": {"color": WHITE, "width": 1}},
        "text": [m[3] for m in marks], "hovertemplate": "%{text}<br>w = %{x:.4g}<br>b = %{y:.4g}<br>J = %{z:.4g}<extra></extra>",
    })
    merge(layout, {
        "xaxis2": {"title": {"text": "w"}, "range": [gw[0], gw[-1]]}, "yaxis2": {"title": {"text": "b"}, "range": [gb[0], gb[-1]]},
        "scene": {
            "xaxis": {"title": {"text": "w"}, "range": [sw[0], sw[-1]]}, "yaxis": {"title": {"text": "b"}, "range": [sb[0], sb[-1]]},
            "zaxis": {"title": {"text": "J"}, "range": [0, float(np.nanmax(sz))], "exponentformat": "none", "separatethousands": True},
            "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}}, "aspectmode": "cube",
        },
    })
    return [image]
