"""Entry point: page config, then the lessons (ui.lessons) run inside the page wrapper (ui.page)."""

import streamlit as st

from ui import session_reaper
from ui.lessons import HOME
from ui.page import navigation, run_page

st.set_page_config(
    page_title=HOME.heading,
    page_icon="⛰️",  # an emoji: a material icon here is fetched from a CDN for the favicon
    layout="wide",
    initial_sidebar_state="expanded",
)

# Closed tabs' sessions must be shut down, or what they hold is never freed (see the module).
session_reaper.install()

run_page(navigation())
