"""Page 3's two-parameter landscape: its controls, the starts a student drops, and their runs.

The starts live in the session (a click adds one, the last 8 are kept); alpha and the number
of iterations are in the URL. The runs for a set of starts are the same for every student, so
they are kept in one shared, bounded cache; the map is drawn by the page's moving figure.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gd_core import surface
from ui.shared_cache import shared

DEFAULT_STARTS = ((-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0))
MAX_STARTS = 8
GRID = 60  # 60 x 60 nodes: the surface a student turns, and the map under the contours


@shared(max_entries=64)
def landscape_paths(starts: tuple[tuple[float, float], ...], alpha: float, iters: int) -> surface.SurfacePaths:
    return surface.descend(np.array(starts), alpha, iters)


@shared(max_entries=1)
def landscape_map() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return surface.cost_map(GRID)


def add_start(w: float, b: float) -> None:
    """A clicked (w, b) joins the starts (call from a selection callback: before the rerun)."""
    state = st.session_state
    point = (round(float(w), 2), round(float(b), 2))
    state["_surface_starts"] = (list(state.get("_surface_starts", DEFAULT_STARTS)) + [point])[-MAX_STARTS:]


def landscape_controls(alpha: float, iters: int) -> tuple[tuple[tuple[float, float], ...], float, int]:
    """α, iterations, random starts and reset, in a row; returns (starts, α, iterations)."""
    state = st.session_state
    state.setdefault("_surface_starts", list(DEFAULT_STARTS))
    controls = st.columns([2, 2, 1, 1])
    surface_alpha = controls[0].slider(
        "α for the landscape", 0.05, 2.0, alpha, 0.05, key="surface_alpha", bind="query-params",
        help="The learning rate for descent on J(w, b). Try a large one and watch a path jump valleys.",
    )
    surface_iters = controls[1].slider(
        "Iterations on the landscape", 10, 400, iters, 10, key="surface_iters", bind="query-params", help="Updates per path."
    )
    if controls[2].button("Random starts", icon=":material/casino:", help="Drop five starts at random.", width="stretch"):
        state["_surface_starts"] = surface.random_starts(np.random.default_rng(), len(DEFAULT_STARTS))
    if controls[3].button("Reset", icon=":material/restart_alt:", help="Back to the five default starts.", width="stretch", key="surface_reset"):
        state["_surface_starts"] = list(DEFAULT_STARTS)
    starts = tuple((float(w), float(b)) for w, b in state["_surface_starts"])
    return starts, float(surface_alpha), int(surface_iters)
