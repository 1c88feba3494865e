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


def page_of(kind: str, count: int = COUNT, late: bool = False) -> st.Page:
    def page() -> None:
        st.sidebar.slider("points", 5, 50, 20)
        above = st.container()  # late: the elements are drawn into it after the figure (sent after it, shown above it)
        if not late:
            with above:
                for i in range(count):
                    KINDS[kind](i)
        w = np.linspace(-3, 3, 20)
        st.plotly_chart(go.Figure(go.Scatter(x=w, y=w**2, mode="lines+markers")), width="stretch")
        if late:
            with above:
                for i in range(count):
                    KINDS[kind](i)

    name = (kind if count == COUNT else f"{kind}_{count}") + ("_late" if late else "")
    page.__name__ = f"page_{name}"
    return st.Page(page, title=name, url_path=name, default=name == "none")


if __name__ == "__main__":  # streamlit run: the pages (bench/probe_element_cost.py imports KINDS alone)
    st.navigation([page_of(kind) for kind in KINDS] + [page_of(kind, 1) for kind in KINDS if kind != "none"]
                  + [page_of(kind, late=True) for kind in KINDS if kind != "none"]).run()
