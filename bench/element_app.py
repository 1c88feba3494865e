"""The pages of bench/probe_element_cost.py: the floor page (one small Plotly figure, one sidebar
slider) with ten elements of one kind drawn before its figure, a page per kind. Not part of the
app. Run: streamlit run bench/element_app.py
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

COUNT = 10

KINDS = {
    "none": lambda i: None,
    "selectbox": lambda i: st.selectbox(f"Pick {i}", ["one", "two", "three"], key=f"k{i}", help="help"),
    "radio": lambda i: st.radio(f"Pick {i}", ["one", "two", "three"], key=f"k{i}", horizontal=True, help="help"),
    "number_input": lambda i: st.number_input(f"Number {i}", value=1.0, key=f"k{i}", help="help"),
    "slider": lambda i: st.slider(f"Slide {i}", 0, 100, 30, key=f"k{i}", help="help"),
    "toggle": lambda i: st.toggle(f"Toggle {i}", key=f"k{i}", help="help"),
    "button": lambda i: st.button(f"Button {i}", key=f"k{i}", help="help"),
    "markdown": lambda i: st.markdown(f"Some **bold** text, a sentence about as long as the lessons' {i}."),
    "latex": lambda i: st.latex(rf"w_{{{i}}} := w - \alpha \frac{{dJ}}{{dw}}"),
    "caption": lambda i: st.caption(f"A caption about as long as one under a lesson's figure {i}."),
}


def page_of(kind: str) -> st.Page:
    def page() -> None:
        st.sidebar.slider("points", 5, 50, 20)
        for i in range(COUNT):
            KINDS[kind](i)
        w = np.linspace(-3, 3, 20)
        st.plotly_chart(go.Figure(go.Scatter(x=w, y=w**2, mode="lines+markers")), width="stretch")

    page.__name__ = f"page_{kind}"
    return st.Page(page, title=kind, url_path=kind, default=kind == "none")


if __name__ == "__main__":  # streamlit run: the pages (bench/probe_element_cost.py imports KINDS alone)
    st.navigation([page_of(kind) for kind in KINDS]).run()
