"""The switch that draws pages 3 and 4's surface in 3-D.

The 3-D panel is a WebGL scene: on a phone or an old laptop it took most of the time before the
page's figure showed, and its surface, paths and full redraws while playing most of the figure's
bytes (bench/bench_first_paint.py). It is drawn when a student asks for it; the map from above
shows the same landscape from the first screen. The choice is in the URL (a teacher's link can
open with it on).
"""

from __future__ import annotations

import streamlit as st

from ui.app import state

LABEL = "Turn the surface in 3-D"  # written out in the call too: a label is ours (tests/test_shown_walk.py reads the call)


def surface_toggle() -> bool:
    """The switch, where it is called (above the figure); whether the 3-D panel is drawn."""
    return bool(st.toggle(
        "Turn the surface in 3-D", value=False, key=state.SURFACE_3D, bind="query-params",
        help="Also draw the landscape as a surface you can drag to turn (heavier on a phone).",
    ))
