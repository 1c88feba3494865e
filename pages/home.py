"""The home page: what the tool is and which page teaches what."""

import streamlit as st

from gd_core.questions import questions_for
from ui.app.lessons import LESSONS
from ui.app.page import open_lesson
from ui.views.predict import ledger, path_link
from ui.words import formulas
from ui.words.shown import shown

open_lesson("home")

st.markdown(
    "You have just met **gradient descent**: to make a cost $J(w)$ smaller, take a step against its "
    "slope, again and again. These pages let you try it with your own hands: move a point, change "
    "the learning rate, start somewhere else, fit a line to your own data, and see every number the "
    "formula produces."
)
st.latex(formulas.UPDATE_RULE)
st.markdown(
    "- $w$ is the parameter being learned, $J(w)$ the cost to make small;\n"
    r"- $\alpha$ (alpha) is the **learning rate**: how big a step to take;" "\n"
    r"- $\frac{dJ}{dw}$ is the **slope** of the cost at the current $w$: positive means downhill is to the left."
)

st.subheader("The lessons")
for lesson in LESSONS:
    with st.container(border=True):
        st.page_link(lesson.file, label=lesson.title, icon=":material/arrow_forward:")
        st.caption(lesson.summary)
st.caption(
    "Teachers: every page has a **Link to this view** at the bottom of its sidebar, so you can send "
    "students straight to a prepared example."
)

st.subheader("Predict, then see: the lesson path")
st.markdown(
    "Each lesson asks before it shows: answer a question about the run, commit, and then watch what "
    "really happens, with how close you were and why. Follow the questions in order, or open any one."
)
step = 0
for lesson in LESSONS:
    asked = questions_for(lesson.key)
    if not asked:
        continue
    with st.container(border=True):
        st.markdown(f"**{lesson.title}**")
        for q in asked:
            step += 1
            st.page_link(lesson.file, label=f"{step:d}. {shown(q.title, 80)}", icon=":material/help:", query_params=path_link(q))
ledger()

