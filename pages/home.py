"""Start here: what the tool is and which page teaches what."""

import streamlit as st
from ui.shell import require_navigation, restore_view

require_navigation()
restore_view("home")

st.title("Gradient descent, hands on")
st.markdown(
    "You have just met **gradient descent**: to make a cost $J(w)$ smaller, take a step against its "
    "slope, again and again. These pages let you try it with your own hands: move a point, change "
    "the learning rate, start somewhere else, fit a line to your own data, and see every number the "
    "formula produces."
)
st.latex(r"w := w - \alpha \, \frac{dJ(w)}{dw}")
st.markdown(
    "- $w$ is the parameter being learned, $J(w)$ the cost to make small;\n"
    r"- $\alpha$ (alpha) is the **learning rate**: how big a step to take;" "\n"
    r"- $\frac{dJ}{dw}$ is the **slope** of the cost at the current $w$: positive means downhill is to the left."
)

st.subheader("The lessons")
lessons = [
    ("pages/intuition.py", "1. One step, by hand", "The tangent's slope tells which way is downhill; step through the update with every number written out."),
    ("pages/learning_rate.py", "2. Learning rate pitfalls", "Too small crawls, too large overshoots or blows up: four learning rates side by side, and the limit 2 / J''."),
    ("pages/local_minimum.py", "3. Local minima", "At a minimum the slope is zero, so gradient descent stands still; where you start decides where you end."),
    ("pages/regression.py", "4. Fit a line to your data", "Batch gradient descent on J(w, b) for the course's houses, a real dataset, or your own CSV."),
]
for path, title, blurb in lessons:
    with st.container(border=True):
        st.page_link(path, label=title, icon=":material/arrow_forward:")
        st.caption(blurb)
st.caption(
    "Teachers: every page has a **Link to this view** at the bottom of its sidebar, so you can send "
    "students straight to a prepared example."
)
