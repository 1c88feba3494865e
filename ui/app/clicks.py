"""A click on a Plotly chart, as Streamlit keeps it: the one place that reads a selection.

``st.plotly_chart(..., on_select=callback, selection_mode="points", key=chart_key)`` keeps what
was clicked in ``st.session_state[chart_key]`` as ``{"selection": {"points": [...]}}``, each
point a dict with its ``x``, ``y`` and the ``legendgroup`` of the trace it belongs to; a flat
figure drawn by ui.views.figure_2d keeps ``{"click": {"points": [...]}}`` there, its points named
the same way. The pages name a clickable trace by its legend group (ui.charts.local_minimum.BASIN_GROUP, ...).
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def clicked_points(chart_key: str, *groups: str) -> list[dict[str, Any]]:
    """The points the last click selected on the chart under ``chart_key`` (a ``state`` key), in
    the order Streamlit gives them; only those of the legend ``groups`` when any are named."""
    kept = st.session_state.get(chart_key) or {}
    points = (kept.get("selection") or kept.get("click") or {}).get("points") or []
    return [point for point in points if not groups or point.get("legendgroup") in groups]
