"""Entry point: page config, then the lessons (ui.app.lessons) run inside the page wrapper (ui.app.page)."""

import streamlit as st

from ui.patches import memory, session_reaper, streamlit_fixes
from ui.app.lessons import HOME
from ui.app.page import navigation, run_page

st.set_page_config(
    page_title=HOME.heading,
    page_icon="⛰️",  # an emoji: a material icon here is fetched from a CDN for the favicon
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone: the lesson comes first
)

# On a phone the lesson comes first: a smaller title, less space above it, and a row of numbers
# (metrics) kept side by side instead of one per screen line.
st.html(
    "<style>@media (max-width: 640px) {"
    " [data-testid='stMainBlockContainer'] { padding: 4rem 1rem 2rem 1rem; }"
    " h1 { font-size: 1.7rem !important; padding-top: 0 !important; }"
    " [data-testid='stHorizontalBlock']:has([data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
    " { flex-wrap: nowrap !important; gap: 0.5rem; }"
    " [data-testid='stHorizontalBlock']:has([data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
    " > [data-testid='stColumn'] { min-width: 0 !important; }"
    " [data-testid='stMetricValue'] { font-size: 1.3rem; } }</style>"
)

# Closed tabs' sessions must be shut down, or what they hold is never freed (see the module).
session_reaper.install()
# Big freed buffers (an upload, a parsed table) go back to the system at once (see the module).
memory.tune()
# A link such as iters=1e999 must not crash an integer input (see the module).
streamlit_fixes.install()

run_page(navigation())
# What the first run imported stays for the process's life: keep it out of the garbage
# collector's full collections, which stop the server while they run (see the module).
memory.freeze_startup()
