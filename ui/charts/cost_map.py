"""J(w, b) on a grid, drawn for a moving figure: the map from above (a picture and its contour
lines), the invisible grid a click lands on, a path as a shape, and the surface to turn.

Plotly's own heatmap and contour traces vanish while frames play, so the map is a layout image
and a path shape, which frames leave alone (pages 3 and 4).
"""

from __future__ import annotations

import base64
import re
import struct
import zlib

import numpy as np
from plotly.colors import sequential

from ui.charts.contours import contour_lines, contour_segments
from ui.charts.style import BLACK, CONTOUR, MAP_BLUES


def _f4(values: np.ndarray) -> np.ndarray:
    """``values`` flat, as 32-bit floats (one beyond their range, about 3.4e38, becomes inf)."""
    with np.errstate(over="ignore"):
        return np.asarray(values, dtype=float).ravel().astype(np.float32)


def click_grid(w: np.ndarray, b: np.ndarray, z: np.ndarray, xaxis: str, yaxis: str, name: str = "start here") -> dict:
    """An invisible point at every grid node of a map: a click on the map selects the nearest
    one, and its (w, b) becomes a start. It also carries the map's hover (w, b, J).

    Its numbers go as 32-bit floats (plotly sends an array as its bytes in base64: 5.3 characters
    a number instead of 10.7): 7 significant digits, where the hover shows 4 and a click keeps 4
    or fewer (issue 26: page 3's grid was 29 of its 217 kB). ``maxdisplayed: 1`` draws one node
    instead of all of them (900 SVG paths on page 3): hover and a click find the nearest node
    from the data, not from the page, so both still work (tests/test_browser_landscape_click.py),
    and page 3's cold first paint lost about a tenth of the floor's time."""
    ww, bb = np.meshgrid(w, b)
    return {
        "type": "scatter", "x": _f4(ww), "y": _f4(bb), "customdata": _f4(z), "mode": "markers", "name": name,
        "marker": {"size": 9, "opacity": 0.0, "color": BLACK, "maxdisplayed": 1}, "showlegend": False, "legendgroup": name, "xaxis": xaxis, "yaxis": yaxis,
        "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>J = %{customdata:.4g}<extra>click: start here</extra>",
        "selected": {"marker": {"opacity": 0.0}}, "unselected": {"marker": {"opacity": 0.0}},
    }


def contour_levels(z: np.ndarray) -> np.ndarray:
    """log(J − lowest + a little): evenly spaced contours of it are geometric levels of J, so a
    bowl shows nested rings all the way down to its minimum."""
    finite = z[np.isfinite(z)]
    lowest, highest = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return np.log(np.maximum(z - lowest, 0) + 2e-3 * ((highest - lowest) or 1.0))


BLUES = np.array(MAP_BLUES, dtype=float)


def _png(rgb: np.ndarray) -> str:
    """An RGB array (rows top to bottom) as a PNG data URI: zlib and a few headers, no imaging library."""
    height, width, _ = rgb.shape
    raw = b"".join(b"\x00" + row.tobytes() for row in rgb.astype(np.uint8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode()


_REPEATS = re.compile(r"(L[^ML]+)(?:\1)+(?=[ML]|$)")


def path_shape(x: np.ndarray, y: np.ndarray, xref: str, yref: str, line: dict, layer: str = "between") -> dict:
    """A polyline as a layout shape (a NaN starts a new piece). A static line drawn this way costs
    a frame nothing: every frame re-reads every trace of the figure (its defaults and its data),
    but not the layout's shapes."""
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    ok = np.isfinite(x) & np.isfinite(y)
    after_ok = np.concatenate([[False], ok[:-1]])[ok] if ok.size else ok  # a kept point whose predecessor was kept continues the line
    # 6 significant digits of each value, not a fraction of the span: a cost drawn on a log axis
    # (pages 4 and 6) goes down to 1e-6 and below, which a span of 1e5 would round to 0.
    template = "".join("L%.6g,%.6g" if cont else "M%.6g,%.6g" for cont in after_ok)
    path = template % tuple(np.column_stack([x[ok], y[ok]]).ravel().tolist())  # one C-level format, not one f-string a point
    # A point written as the one before it draws nothing: a run that has converged repeats its last
    # point (issue 26: a tenth of page 3's figure). Each repeat of a whole "Lx,y" goes.
    path = _REPEATS.sub(r"\1", path)
    return {"type": "path", "path": path or "M0,0", "xref": xref, "yref": yref, "line": line, "layer": layer}


def cost_map(w: np.ndarray, b: np.ndarray, z: np.ndarray, xref: str, yref: str, levels: int = 14) -> tuple[dict, dict]:
    """J(w, b) from above, darker lower: a picture under the axes plus the contour lines as one
    path shape. Plotly's own heatmap and contour traces vanish while frames play (a frame redraws
    only the scatter layers of a subplot); a layout image and a shape stay."""
    t = contour_levels(z)
    t = (t - np.nanmin(t)) / ((np.nanmax(t) - np.nanmin(t)) or 1.0)
    pos = np.nan_to_num(t, nan=1.0) * (len(BLUES) - 1)
    low = np.clip(np.floor(pos).astype(int), 0, len(BLUES) - 2)
    rgb = BLUES[low] + (pos - low)[..., None] * (BLUES[low + 1] - BLUES[low])
    image = {
        "source": _png(rgb[::-1]), "xref": xref, "yref": yref, "x": float(w[0]), "y": float(b[-1]),
        "sizex": float(w[-1] - w[0]), "sizey": float(b[-1] - b[0]), "sizing": "stretch", "layer": "below", "opacity": 0.9,
    }
    xs, ys = contour_lines(contour_segments(w, b, t, np.linspace(0, 1, levels + 2)[1:-1]))
    return image, path_shape(xs, ys, xref, yref, {"color": CONTOUR, "width": 0.8})


def _named_scale(colors: list[str]) -> list[list]:
    """A named colour scale as plotly writes it into a figure: [position, colour], evenly spaced."""
    return [[i / (len(colors) - 1), color] for i, color in enumerate(colors)]


def surface_trace(w: np.ndarray, b: np.ndarray, z: np.ndarray, scene: str) -> dict:
    """J(w, b) as a surface a student can turn (drag) and zoom (scroll)."""
    return {
        "type": "surface", "x": w, "y": b, "z": z, "scene": scene, "colorscale": _named_scale(sequential.Blues), "reversescale": True, "showscale": False, "opacity": 0.92,
        "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>J = %{z:.4g}<extra></extra>",
        "contours": {"z": {"show": True, "usecolormap": True, "project": {"z": True}, "width": 1}},
    }
