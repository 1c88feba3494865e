"""Numbers a moving figure's frames carry only to be drawn, kept to what a screen can show, and
none a frame would only repeat (issue 26: a page's first load). ui.charts.player.Traces(lean=True)
uses it."""

from __future__ import annotations

import math


def round_drawn(frames: list[dict], traces: list[dict]) -> None:
    """In each frame, the numbers of ``traces[n]`` (the trace the frame's n-th entry moves) that
    no hover shows, each kept by ``drawn`` to its values' span over all the frames."""
    for n, trace in enumerate(traces):
        for axis in only_drawn(trace):
            values = [v for f in frames for v in f["data"][n].get(axis, ()) if isinstance(v, float) and math.isfinite(v)]
            span = max(values) - min(values) if values else 0.0
            for f in frames:
                if axis in f["data"][n]:
                    f["data"][n][axis] = [drawn(v, span) for v in f["data"][n][axis]]


def drop_still(frames: list[dict], traces: list[dict]) -> None:
    """Leave out of every frame an axis (x, y, z) of ``traces[n]`` whose values no frame changes:
    each frame holds what the trace already holds. Plotly.animate sets only what a frame names and
    keeps the rest of the trace (a moving line's two ends on a fixed x range: 22 characters of
    JSON a frame)."""
    for n, trace in enumerate(traces):
        for axis in ("x", "y", "z"):
            held = trace.get(axis)
            if held is None or isinstance(held, (str, dict)):
                continue
            held = list(held)
            if all(axis in f["data"][n] and list(f["data"][n][axis]) == held for f in frames):
                for f in frames:
                    del f["data"][n][axis]


def only_drawn(trace: dict) -> list[str]:
    """The axes (x, y, z) of a trace whose numbers no hover shows."""
    if trace.get("hoverinfo") == "skip":
        return ["x", "y", "z"]
    template = trace.get("hovertemplate")
    texts = template if isinstance(template, list) else [template]
    if any(not isinstance(t, str) for t in texts):  # the default hover shows every number
        return []
    return [axis for axis in ("x", "y", "z") if not any("%{" + axis in t for t in texts)]


def drawn(value: object, span: float) -> object:
    """A number that is only drawn, kept to 1e-5 of ``span`` (its values' range over the run) or
    of itself, whichever is finer: far under a pixel on any axis, a log axis too; else as it is."""
    if not isinstance(value, float) or not math.isfinite(value) or value == 0:
        return value
    step = min(span, abs(value)) * 1e-5 if span > 0 else abs(value) * 1e-5
    return round(float(value), max(0, min(17, -math.floor(math.log10(step)))))
