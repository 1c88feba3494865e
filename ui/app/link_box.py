"""A link to copy: the link as text and a Copy button, in the page's own document.

st.code drew it before, for its copy button; but st.code loads Streamlit's syntax highlighter,
1.5 MB of JavaScript that every lesson page compiled and ran before its first figure (a V8
profile of page 3's cold load: 330-520 ms at normal speed, issue 26). This custom component
(st.components.v2, no iframe) draws the same text and button with a few lines of script. The link
is set as text, never as markdown or HTML (a URL value is the student's or teacher's own); it is
no widget and sends nothing to the server.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.charts.style import CONTROL_BORDER, FOCUS_COLOR, INK, LINK_BACKGROUND, WHITE

CSS = f"""
.gdl {{ display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.4rem; }}
.gdl-text {{ flex: 1 1 12rem; min-width: 0; padding: 0.5rem 0.6rem; border-radius: 0.5rem; background: {LINK_BACKGROUND}; color: {INK};
  font-size: 0.8rem; overflow-wrap: anywhere; white-space: pre-wrap; user-select: all; }}
.gdl-copy {{ min-width: 2.75rem; min-height: 2.75rem; padding: 0 0.7rem; border: 1px solid {CONTROL_BORDER}; border-radius: 0.5rem;
  background: {WHITE}; color: {INK}; font: inherit; cursor: pointer; }}
.gdl-copy:hover {{ border-color: {FOCUS_COLOR}; }}
.gdl-copy:focus-visible {{ outline: 3px solid {FOCUS_COLOR}; outline-offset: 2px; }}
.gdl-said {{ flex: 1 1 100%; font-size: 0.8rem; }}
.gdl-said:empty {{ display: none; }}
"""

_box = st.components.v2.component(
    "gd_link_box", js=(Path(__file__).with_name("link_box.js")).read_text(encoding="utf-8"), css=CSS, isolate_styles=False,
)


def link_box(link: str, key: str, label: str = "the link") -> None:
    """``link`` as text with a Copy button (``label`` names it for a screen reader: 'Copy the link')."""
    _box(key=key, data={"link": link, "label": label}, height="content")
