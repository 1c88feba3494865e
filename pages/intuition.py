"""1-D intuition: the curve, the point, its tangent, and the update written out with numbers."""

import numpy as np
import pandas as pd
import streamlit as st

from gd_core.descent import run_descent
from ui.charts_1d import intuition_chart
from ui.text import direction_text, fmt
from ui.controls import curve_picker, run_controls
from ui.shell import require_navigation, restore_view, share_link

require_navigation()
restore_view("intuition")

st.title("How one step of gradient descent works")
st.markdown(
    "Gradient descent looks at the **slope** of the cost where it stands and steps the other way. "
    "Press **Step** to take one update, or drag the *iteration* slider under the chart."
)

with st.sidebar:
    st.header("Settings")
    curve = curve_picker(default="bowl")
    settings = run_controls(curve, alpha=0.1, w0=float(curve.w_max - 0.1 * (curve.w_max - curve.w_min)), iters=30, max_iters=200)

run = run_descent(curve, settings.w0, settings.alpha, settings.iters)
last = run.w.size - 1

# Step / Back / Reset walk the run one iteration at a time; a new run starts at iteration 0.
run_id = (curve.key, curve.latex, settings.alpha, settings.w0, settings.iters)
if st.session_state.get("_intuition_run") != run_id:
    st.session_state["_intuition_run"] = run_id
    st.session_state["_intuition_i"] = 0


def move(delta: int | None) -> None:
    # Callbacks run before the script, so the buttons below are drawn with the new position.
    current = st.session_state.get("_intuition_i", 0)
    st.session_state["_intuition_i"] = 0 if delta is None else min(max(current + delta, 0), last)


i = min(st.session_state.get("_intuition_i", 0), last)
buttons = st.columns([1, 1, 1, 5])
buttons[0].button("Back", icon=":material/undo:", help="Go back one iteration.", disabled=i == 0, width="stretch", on_click=move, args=(-1,))
buttons[1].button(
    "Step", icon=":material/redo:", type="primary", help="Take one update w := w − α·dJ/dw.",
    disabled=i >= last, width="stretch", on_click=move, args=(1,),
)
buttons[2].button("Reset", icon=":material/restart_alt:", help="Back to the start w₀.", disabled=i == 0, width="stretch", on_click=move, args=(None,))

chart_col, text_col = st.columns([3, 2], gap="large")
with chart_col:
    st.vega_lite_chart(spec=intuition_chart(curve.cost, (curve.w_min, curve.w_max), run, i), width="stretch")
    st.caption(
        "Green: the tangent at the point, with its run and rise (slope = rise ÷ run = dJ/dw). "
        "Red arrow: the step the update takes. Orange: the path so far."
    )

with text_col:
    w, slope = float(run.w[i]), float(run.slope[i])
    w_next = w - settings.alpha * slope
    st.subheader(f"Iteration {i + 1}" if i < last or run.stop_reason == "max_iters" else f"After {i} iterations")
    st.latex(r"w := w - \alpha \, \frac{dJ}{dw}")
    st.latex(
        rf"w = {w:.3f} - {settings.alpha:.3f} \times {'(' if slope < 0 else ''}{slope:.3f}{')' if slope < 0 else ''}"
        rf" = {w_next:.3f}"
    )
    st.markdown(direction_text(slope))
    metrics = st.columns(3)
    metrics[0].metric("w", fmt(w), help="The current value of the parameter.")
    metrics[1].metric("J(w)", fmt(float(run.cost[i])), help="The cost at the current w.")
    metrics[2].metric("dJ/dw", fmt(slope), help="The slope of the cost at the current w (the tangent's rise ÷ run).")
    st.latex(rf"J(w) = {curve.latex}")
    if run.stop_reason == "diverged":
        st.error(f"This run {run.message}. Lower α to keep the steps small enough.", icon=":material/warning:")
    elif i == last:
        st.info(f"This run {run.message}.", icon=":material/flag:")

rows = pd.DataFrame(
    {
        "iteration": np.arange(1, last + 1),
        "w before": run.w[:-1],
        "J(w)": run.cost[:-1],
        "dJ/dw": run.slope[:-1],
        "step −α·dJ/dw": run.step,
        "w after": run.w[1:],
    }
)
with st.expander(f"Every iteration ({last} updates)", expanded=False):
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button(
        "Download as CSV",
        lambda: rows.to_csv(index=False).encode(),  # made on click, not on every rerun
        file_name="gradient_descent_iterations.csv",
        mime="text/csv",
        icon=":material/download:",
        help="Every iteration's w, J(w), slope and step, for a spreadsheet.",
    )

share_link()
