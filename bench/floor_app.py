"""The floor page of bench/bench_first_paint.py: a bare Streamlit script with one small Plotly
figure and one sidebar slider, and a blank second page so a revisit can come back through the
sidebar's navigation link as it does on the lessons. Not part of the app.
Run: streamlit run bench/floor_app.py
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st


def floor() -> None:
    n = st.sidebar.slider("points", 5, 50, 20)
    w = np.linspace(-3, 3, n)
    st.plotly_chart(go.Figure(go.Scatter(x=w, y=w**2, mode="lines+markers")), width="stretch")


def other() -> None:
    st.write("Another page.")


st.navigation([st.Page(floor, title="Floor", url_path="floor", default=True), st.Page(other, title="Other", url_path="other")]).run()
