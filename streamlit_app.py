"""Entry point: page config and navigation over the lesson pages in pages/."""

import streamlit as st

st.set_page_config(
    page_title="Gradient descent, hands on",
    page_icon=":material/downhill_skiing:",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page("pages/home.py", title="Start here", icon=":material/home:", url_path="home", default=True),
]

st.navigation(PAGES).run()
