"""What every moving figure shares: the frame timeline, the player, the click grid.

A Plotly figure carries its frames; Play, Pause, the speed menu and the iteration slider run
in the browser (Plotly.animate), so playing sends nothing to the server. Each frame holds only
the traces that move, and a long run plays a subsampled timeline that always keeps the first
and the last iteration. Every subplot of one figure shares its frames: the views that must move
together are subplots of one figure.

A figure is written as a plain dict (ui.charts.figure_dict), its frames and player too: checking every
property through plotly's graph objects cost most of a figure's build. The result is a
ReadyFigure: a figure given as its dict, which st.plotly_chart sends as it is.
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sequential

from ui.charts.regression_parts import frame_indices
from ui.charts.contours import contour_segments
from ui.charts.style import CONTOUR, INK, INVISIBLE

MAX_FRAMES = 300
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


class FigureDict(dict):
    """A finished figure's dict that keeps its JSON text once made (see ``json``).

    st.plotly_chart turns a figure into its dict, then the dict into JSON text on every
    rerun: for a 260 kB figure, 1.3 ms, most of it plotly making the text safe to put in a
    web page (five replaces over the whole text). A cached figure never changes, so its text
    is made once; ui.patches.streamlit_fixes makes plotly.io.to_json use it.
    """

    _text: str | None = None

    def json(self, make: Callable[[], str]) -> str:
        """The figure's JSON text: ``make()`` the first time, the same text after."""
        if self._text is None:
            self._text = make()
        return self._text


class ReadyFigure(go.Figure):
    """A finished figure given as its dict (``spec``: data, layout, frames), for st.plotly_chart.

    st.plotly_chart calls to_dict() on a figure on every rerun; for a graph-objects figure that
    is a deep copy of every trace and frame (5 to 20 ms here), for this one it is the dict as
    it is, and its JSON text is made once (FigureDict). A figure is cached and shared between
    sessions, so its dict must not be changed (the only write made to it is plotly's to_json
    removing each trace's "uid", which it has none of). It is not a graph-objects figure to
    edit: ``data`` and ``layout`` are empty; read ``spec``.
    """

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = FigureDict(spec)

    @property
    def spec(self) -> FigureDict:
        return self._spec

    def to_dict(self) -> FigureDict:
        return self._spec


def frame(name: int, data: list[dict], traces: list[int]) -> dict:
    """One frame of the player: new values for the traces at the indices ``traces``."""
    return {"name": str(name), "data": data, "traces": traces}


def timeline(last: int, limit: int = MAX_FRAMES) -> np.ndarray:
    """Iterations that get a frame: every one of 0..last when few, else at most ``limit``
    (denser at the start, where the path moves most), the first and the last always in."""
    return frame_indices(int(max(last, 0)), limit)


def at(values: np.ndarray, i: int) -> np.ndarray:
    """Row i of a run's history, or its last row when the run stopped before iteration i."""
    return values[min(int(i), len(values) - 1)]


def _animate(names: list[str] | None, duration: float, redraw: bool | list[bool]) -> list:
    frame = [{"duration": duration, "redraw": r} for r in redraw] if isinstance(redraw, list) else {"duration": duration, "redraw": redraw}
    options = {
        "frame": frame,
        "transition": {"duration": 0},
        "mode": "immediate",
        "fromcurrent": True,
    }
    return [names, options]


def under_plot(layout: dict, px: float) -> float:
    """``px`` pixels as a fraction of the plot area's height (the figure's less its top and bottom
    margins), the unit the player's positions are given in."""
    margin = layout.get("margin", {})
    plot_px = max(float(layout.get("height", 450)) - margin.get("t", 100) - margin.get("b", 80), 100.0)
    return px / plot_px


def add_player(
    spec: dict,
    frames: Sequence[dict],
    iterations: Sequence[int],
    frame_ms: float,
    *,
    redraw_every: int = 0,
    start: int = 0,
    y: float = -0.06,
    speeds: Sequence[float] = SPEEDS,
) -> ReadyFigure:
    """The figure ``spec`` (ui.charts.figure_dict.figure) with its frames (named by position, see ``frame``), Play / Pause, a speed menu and
    a slider labelled with the iteration each frame shows, as a ReadyFigure.

    Play continues from the frame on screen; at the last frame it starts again from the first.
    ``speeds`` are the speed menu's factors of 1x (``frame_ms`` per frame); 1.0 must be one.
    A frame normally moves only the 2-D traces (Plotly's fast path, no full redraw). 3-D traces
    move only on a full redraw, which costs some 100 ms: with ``redraw_every`` = k, every k-th
    played frame and the last one redraw everything, and a step picked on the slider always does.
    """
    names = [f["name"] for f in frames]
    scrub = redraw_every > 0
    played: bool | list[bool] = [i % redraw_every == redraw_every - 1 or i == len(names) - 1 for i in range(len(names))] if scrub else False
    steps = [
        {"label": str(int(i)), "method": "animate", "args": _animate([name], 0, scrub)}
        for name, i in zip(names, iterations)
    ]
    speed_buttons = [
        {"label": f"speed {s:g}×", "method": "animate", "args": _animate(None, frame_ms / s, played)} for s in speeds
    ]
    menu = {"type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": y, "xanchor": "left", "yanchor": "top", "pad": {"r": 8, "t": 6}}
    spec["frames"] = list(frames)
    # The slider sits a fixed ~40 px under the buttons: its "iteration N" must clear them when a
    # phone's width puts them under it.
    gap = max(0.05, under_plot(spec["layout"], 40.0))
    spec["layout"].update(
        updatemenus=[
            {
                **menu,
                "buttons": [
                    {"label": "▶ Play", "method": "animate", "args": _animate(None, frame_ms, played)},
                    {"label": "❚❚ Pause", "method": "animate", "args": _animate([None], 0, False)},
                ],
            },
            {**menu, "type": "dropdown", "direction": "up", "showactive": True, "active": list(speeds).index(1.0), "x": 1.0, "xanchor": "right", "buttons": speed_buttons},
        ],
        sliders=[
            {
                "active": int(min(max(start, 0), len(steps) - 1)),
                "steps": steps,
                "x": 0.0,
                "len": 1.0,
                "y": y - gap,
                "yanchor": "top",
                "pad": {"t": 6, "b": 0},
                "ticklen": 0,
                "minorticklen": 0,
                "font": {"color": INVISIBLE, "size": 1},  # 300 step labels would overlap: the current one is shown above
                "currentvalue": {"prefix": "iteration ", "font": {"size": 14, "color": INK}, "xanchor": "center", "offset": 4},
                "transition": {"duration": 0},
            }
        ],
    )
    return ReadyFigure(spec)


def click_grid(w: np.ndarray, b: np.ndarray, z: np.ndarray, xaxis: str, yaxis: str, name: str = "start here") -> dict:
    """An invisible point at every grid node of a map: a click on the map selects the nearest
    one, and its (w, b) becomes a start. It also carries the map's hover (w, b, J)."""
    ww, bb = np.meshgrid(w, b)
    return {
        "type": "scatter", "x": ww.ravel(), "y": bb.ravel(), "customdata": np.asarray(z, dtype=float).ravel(), "mode": "markers", "name": name,
        "marker": {"size": 9, "opacity": 0.0, "color": "#000"}, "showlegend": False, "legendgroup": name, "xaxis": xaxis, "yaxis": yaxis,
        "hovertemplate": "w = %{x:.4g}<br>b = %{y:.4g}<br>J = %{customdata:.4g}<extra>click: start here</extra>",
        "selected": {"marker": {"opacity": 0.0}}, "unselected": {"marker": {"opacity": 0.0}},
    }


def contour_levels(z: np.ndarray) -> np.ndarray:
    """log(J − lowest + a little): evenly spaced contours of it are geometric levels of J, so a
    bowl shows nested rings all the way down to its minimum."""
    finite = z[np.isfinite(z)]
    lowest, highest = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return np.log(np.maximum(z - lowest, 0) + 2e-3 * ((highest - lowest) or 1.0))


BLUES = np.array([[8, 48, 107], [8, 81, 156], [33, 113, 181], [66, 146, 198], [107, 174, 214], [158, 202, 225], [198, 219, 239], [222, 235, 247], [247, 251, 255]], dtype=float)


def _png(rgb: np.ndarray) -> str:
    """An RGB array (rows top to bottom) as a PNG data URI: zlib and a few headers, no imaging library."""
    height, width, _ = rgb.shape
    raw = b"".join(b"\x00" + row.tobytes() for row in rgb.astype(np.uint8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode()


def path_shape(x: np.ndarray, y: np.ndarray, xref: str, yref: str, line: dict, layer: str = "between") -> dict:
    """A polyline as a layout shape (a NaN starts a new piece). A static line drawn this way costs
    a frame nothing: every frame re-reads every trace of the figure (its defaults and its data),
    but not the layout's shapes."""
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    ok = np.isfinite(x) & np.isfinite(y)
    after_ok = np.concatenate([[False], ok[:-1]])[ok] if ok.size else ok  # a kept point whose predecessor was kept continues the line
    template = "".join("L%.6g,%.6g" if cont else "M%.6g,%.6g" for cont in after_ok)
    path = template % tuple(np.column_stack([x[ok], y[ok]]).ravel().tolist())  # one C-level format, not one f-string a point
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
    segments = contour_segments(w, b, t, np.linspace(0, 1, levels + 2)[1:-1])
    xs = np.column_stack([segments["w"], segments["w2"], np.full(len(segments), np.nan)]).ravel()
    ys = np.column_stack([segments["b"], segments["b2"], np.full(len(segments), np.nan)]).ravel()
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
