"""Page 3's two-parameter landscape: its controls, the starts a student drops, and the map.

The starts live in the session (a click adds one, the last 8 are kept); alpha and the number
of iterations are in the URL. The map for a set of starts is the same for every student, so
its spec is kept in one shared, bounded cache.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gd_core import surface
from ui.charts_surface import landscape_chart

DEFAULT_STARTS = ((-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0))
MAX_STARTS = 8


@st.cache_data(max_entries=64, show_spinner=False)
def _landscape_spec(starts: tuple[tuple[float, float], ...], alpha: float, iters: int) -> dict:
    paths = surface.descend(np.array(starts), alpha, iters)
    return landscape_chart(*surface.cost_map(50), paths, starts)  # 2,500 cells: light to draw


def _add_clicked_start() -> None:
    # Runs before the script: the click's (w, b) joins the starts.
    selection = st.session_state.get("surface_click", {}).get("selection", {}).get("start", [])
    if selection:
        point = (round(float(selection[0]["w"]), 2), round(float(selection[0]["b"]), 2))
        st.session_state["_surface_starts"] = (st.session_state["_surface_starts"] + [point])[-MAX_STARTS:]


def landscape_view(alpha: float, iters: int) -> None:
    """The controls (α, iterations, random starts, reset) and the clickable map with its paths."""
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
    st.vega_lite_chart(
        spec=_landscape_spec(starts, float(surface_alpha), int(surface_iters)),
        width="stretch", on_select=_add_clicked_start, selection_mode="start", key="surface_click",
    )
    st.caption(f"Click anywhere on the map to drop a start there (the last {MAX_STARTS} are kept). Crosses mark where each path ends.")
