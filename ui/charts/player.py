"""What every moving figure shares: the frame timeline, the player, the traces that move.

A Plotly figure carries its frames; Play, Pause, the speed menu and the iteration slider run
in the browser (Plotly.animate), so playing sends nothing to the server. Each frame holds only
the traces that move, and a long run plays a subsampled timeline that always keeps the first
and the last iteration. Every subplot of one figure shares its frames: the views that must move
together are subplots of one figure.

A figure is written as a plain dict (ui.charts.figure_dict), its frames and player too: checking every
property through plotly's graph objects cost most of a figure's build. The result is a
ReadyFigure: a figure given as its dict, which ui.views.figure_2d (or st.plotly_chart, for a 3-D
figure) sends as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.charts.drawn_numbers import drop_still, round_drawn
from ui.charts.figure_dict import FigureDict, merge
from ui.charts.regression_parts import frame_indices
from ui.charts.style import INK, INVISIBLE

MAX_FRAMES = 300
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


class ReadyFigure(go.Figure):
    """A finished figure given as its dict (``spec``: data, layout, frames), for ui.views.figure_2d.

    st.plotly_chart calls to_dict() on a figure on every rerun; for a graph-objects figure that
    is a deep copy of every trace and frame (5 to 20 ms here), for this one it is the dict as
    it is, and its JSON text is made once (FigureDict). A figure is cached and shared between
    sessions, so its dict must not be changed (the only write made to it is plotly's to_json
    removing each trace's "uid", which it has none of). It is not a graph-objects figure to
    edit: it has no ``data`` or ``layout``; read ``spec``. It is a go.Figure only for
    st.plotly_chart to take its dict as it is (a plain dict is validated through graph objects
    on every call), so go.Figure's own set-up is skipped: it made an empty layout and its
    validators, 37 kB of small Python objects per figure, kept by every cached figure (issue 26:
    what stays in the server's memory after a class; bench/mem_probe_server.py).
    """

    def __init__(self, spec: dict) -> None:  # noqa: no super().__init__(), see above
        self._spec = FigureDict(spec)

    @property
    def spec(self) -> FigureDict:
        return self._spec

    @property
    def flat(self) -> bool:
        """Whether plotly.js's basic bundle draws it (ui.charts.figure_dict.flat; ui.views.figure_2d)."""
        return self._spec.flat

    def to_dict(self) -> FigureDict:
        return self._spec


def frame(name: int, data: list[dict], traces: list[int]) -> dict:
    """One frame of the player: new values for the traces at the indices ``traces``."""
    return {"name": str(name), "data": data, "traces": traces}


class Traces:
    """A moving figure's traces as a builder adds them: ``data`` (every trace, in drawing order),
    the layout ``shapes`` beside them, and the movers, whose values each frame carries anew.

    ``lean`` frames (issue 26: a page's first load): a number a frame carries that no hover
    shows (``"hoverinfo": "skip"``, or an axis its hovertemplate does not name) is kept to a
    hundred-thousandth of the span its values cover over the run, or of itself if finer (see
    ``drawn``): far under a pixel, in some 7 characters of JSON instead of 18; and a frame names
    a trace's type only when it is not "scatter" (Plotly.animate keeps the trace's own type;
    "scatter" is also what a frame without one is read as); and an axis no frame changes is left
    out of every frame (``drawn_numbers.drop_still``)."""

    def __init__(self, lean: bool = False) -> None:
        self.data: list[dict] = []
        self.shapes: list[dict] = []
        self._movers: list[tuple[int, Callable[[int], dict]]] = []
        self._lean = lean

    def mover(self, trace: dict, make: Callable[[int], dict]) -> None:
        """Add ``trace`` with its values at iteration 0; ``make(i)`` gives its values at iteration i."""
        named = {} if self._lean and trace["type"] == "scatter" else {"type": trace["type"]}
        self._movers.append((len(self.data), lambda i: {**named, **make(i)}))
        self.data.append(merge(trace, make(0)))

    def frames(self, iterations: np.ndarray) -> list[dict]:
        """One frame per shown iteration, each with the movers' values there."""
        moving = [index for index, _ in self._movers]
        frames = [frame(k, [make(i) for _, make in self._movers], moving) for k, i in enumerate(iterations)]
        if self._lean:
            drop_still(frames, [self.data[index] for index in moving])
            round_drawn(frames, [self.data[index] for index in moving])
        return frames


def timeline(last: int, limit: int = MAX_FRAMES) -> np.ndarray:
    """Iterations that get a frame: every one of 0..last when few, else at most ``limit``
    (denser at the start, where the path moves most), the first and the last always in."""
    return frame_indices(int(max(last, 0)), limit)


def at(values: np.ndarray, i: int) -> np.ndarray:
    """Row i of a run's history, or its last row when the run stopped before iteration i."""
    return values[min(int(i), len(values) - 1)]


def _animate(names: list[str] | None, duration: float, redraw: bool | list[bool]) -> list:
    """Plotly.animate's arguments: ``names`` None plays every frame from the one on screen
    ("fromcurrent"); a slider step names its one frame, where "fromcurrent" means nothing and is
    left out (issue 26: 19 bytes a step, a step a frame)."""
    frame = [{"duration": duration, "redraw": r} for r in redraw] if isinstance(redraw, list) else {"duration": duration, "redraw": redraw}
    options = {
        "frame": frame,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    if names is None:
        options["fromcurrent"] = True
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
    labels: Sequence[str] | None = None,
    prefix: str = "iteration ",
) -> ReadyFigure:
    """The figure ``spec`` (ui.charts.figure_dict.figure) with its frames (named by position, see ``frame``), Play / Pause, a speed menu and
    a slider labelled with the iteration each frame shows, as a ReadyFigure.

    Play continues from the frame on screen; at the last frame it starts again from the first.
    ``speeds`` are the speed menu's factors of 1x (``frame_ms`` per frame); 1.0 must be one.
    ``labels`` (one per frame) replace the iteration numbers the slider shows after ``prefix``.
    A frame normally moves only the 2-D traces (Plotly's fast path, no full redraw). 3-D traces
    move only on a full redraw, which costs some 100 ms: with ``redraw_every`` = k, every k-th
    played frame and the last one redraw everything, and a step picked on the slider always does.
    """
    names = [f["name"] for f in frames]
    scrub = redraw_every > 0
    played: bool | list[bool] = [i % redraw_every == redraw_every - 1 or i == len(names) - 1 for i in range(len(names))] if scrub else False
    spec["frames"] = list(frames)
    # The slider sits a fixed ~40 px under the buttons: its "iteration N" must clear them when a
    # phone's width puts them under it.
    gap = max(0.05, under_plot(spec["layout"], 40.0))
    spec["layout"].update(updatemenus=_menus(frame_ms, played, speeds, y), sliders=[_slider(names, iterations, scrub, start, y - gap, labels, prefix)])
    return ReadyFigure(spec)


def _menus(frame_ms: float, played: bool | list[bool], speeds: Sequence[float], y: float) -> list[dict]:
    """Play and Pause (left), the speed menu (right), at ``y`` under the plot."""
    menu = {"type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": y, "xanchor": "left", "yanchor": "top", "pad": {"r": 8, "t": 6}}
    speed_buttons = [
        {"label": f"speed {s:g}×", "method": "animate", "args": _animate(None, frame_ms / s, played)} for s in speeds
    ]
    return [
        {
            **menu,
            "buttons": [
                {"label": "▶ Play", "method": "animate", "args": _animate(None, frame_ms, played)},
                {"label": "❚❚ Pause", "method": "animate", "args": _animate([None], 0, False)},
            ],
        },
        {**menu, "type": "dropdown", "direction": "up", "showactive": True, "active": list(speeds).index(1.0), "x": 1.0, "xanchor": "right", "buttons": speed_buttons},
    ]


def _slider(
    names: list[str], iterations: Sequence[int], redraw: bool, start: int, y: float, labels: Sequence[str] | None = None, prefix: str = "iteration ",
) -> dict:
    """The iteration slider, a step per frame: picking one redraws everything when ``redraw``."""
    steps = [
        {"label": str(int(i)) if labels is None else labels[k], "method": "animate", "args": _animate([name], 0, redraw)}
        for k, (name, i) in enumerate(zip(names, iterations))
    ]
    return {
        "active": int(min(max(start, 0), len(steps) - 1)),
        "steps": steps,
        "x": 0.0,
        "len": 1.0,
        "y": y,
        "yanchor": "top",
        "pad": {"t": 6, "b": 0},
        "ticklen": 0,
        "minorticklen": 0,
        "font": {"color": INVISIBLE, "size": 1},  # 300 step labels would overlap: the current one is shown above
        "currentvalue": {"prefix": prefix, "font": {"size": 14, "color": INK}, "xanchor": "center", "offset": 4},
        "transition": {"duration": 0},
    }


def shown_iterations(figure: go.Figure) -> list[int]:
    """The iteration each frame of ``figure``'s player shows (its slider's labels), in order; none
    for a figure without a player (the start only, before a prediction)."""
    spec = figure.spec.figure() if isinstance(figure, ReadyFigure) else figure.to_dict()  # its dict is let go once sent: read back
    sliders = spec.get("layout", {}).get("sliders") or []
    return [int(step["label"]) for step in sliders[0]["steps"]] if sliders else []
