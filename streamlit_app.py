"""Entry point: page config and navigation over the lesson pages in pages/."""

import streamlit as st

from ui import session_reaper

st.set_page_config(
    page_title="Gradient descent, hands on",
    page_icon="⛰️",  # an emoji: a material icon here is fetched from a CDN for the favicon
    layout="wide",
    initial_sidebar_state="expanded",
)

# Closed tabs' sessions must be shut down, or what they hold is never freed (see the module).
session_reaper.install()

# Each url_path is its file's name: on a fresh server Streamlit's first run resolves a page by
# file name (legacy pages/ mode) before st.navigation takes over, and a name that matched no
# file would show the first visitor a "Page not found" dialog.
PAGES = {
    "": [st.Page("pages/home.py", title="Start here", icon=":material/home:", url_path="home", default=True)],
    "Lessons": [
        st.Page("pages/intuition.py", title="1. One step, by hand", icon=":material/trending_down:", url_path="intuition"),
        st.Page("pages/learning_rate.py", title="2. Learning rate pitfalls", icon=":material/speed:", url_path="learning_rate"),
        st.Page("pages/local_minimum.py", title="3. Local minima", icon=":material/anchor:", url_path="local_minimum"),
        st.Page("pages/regression.py", title="4. Fit a line to your data", icon=":material/scatter_plot:", url_path="regression"),
    ],
}

st.navigation(PAGES).run()
