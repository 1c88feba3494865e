"""What every page calls first."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_navigation() -> None:
    """Make sure the page runs inside streamlit_app.py's st.navigation.

    With a ``pages/`` folder next to the entry script, Streamlit's very first run in a fresh
    server process uses the legacy folder mode: a visitor whose first URL is a lesson page gets
    that file run on its own (no page config, the folder listed as navigation). st.navigation
    turns that mode off, but only once the entry script has run. Turn it off here and rerun, so
    even the first visitor of a new deployment gets the real app.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def share_link() -> None:
    """'Link to this view': the page's URL with the query parameters of every bound control.

    Values equal to a control's default are not in the URL, so the link stays short and still
    reproduces the view. st.code draws the copy-to-clipboard button.
    """
    from urllib.parse import urlencode

    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    base = st.context.url or ""
    link = base + ("?" + urlencode(pairs) if pairs else "")
    with st.sidebar:
        st.divider()
        st.markdown("**Link to this view**", help="Send this link: it opens this page with the same settings.")
        st.code(link or "(open the app in a browser to get its link)", language=None, wrap_lines=True)
