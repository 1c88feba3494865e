"""The batch-size lesson's controls: scaling, α, the mini-batch size B, epochs, the seed and the start.

Each is bound to the URL (its key is its name there), so a link reproduces the three runs; the
seed is shown in its own box, and **New seed** draws another one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import streamlit as st

from ui.app import state
from ui.app.challenge import locked
from ui.app.settings import BatchDefaults

MAX_SEED = 999_999  # as page 5's exercise numbers: short enough to read aloud
MAX_BATCH = 2_000_000  # the largest upload; a B above m is m
MAX_EPOCHS = 500


@dataclass(frozen=True)
class BatchSettings:
    """What the three runs are given (w0, b0 in the units they run in: x' when ``scale``)."""

    scale: bool
    alpha: float
    batch_size: int
    epochs: int
    seed: int
    w0: float
    b0: float


def _new_seed() -> None:
    # A button's callback runs before the rerun, so it may set the bound seed box (and the URL follows).
    st.session_state[state.SEED] = secrets.randbelow(MAX_SEED + 1)


def batch_controls(defaults: BatchDefaults, m: int) -> BatchSettings:
    """The controls, in the order a student meets them; ``m`` (the data's rows) for B's help."""
    scale = st.toggle(
        "Feature scaling (z-score)", value=defaults.scale, key=state.SCALE, bind="query-params", disabled=locked(state.SCALE),
        help="Run every descent on x' = (x − μ) / σ: the contours turn round and one α suits both w and b. "
        "The map, the start and the line are then in the units of x'.",
    )
    alpha = st.number_input(
        "Learning rate α", min_value=0.0, max_value=100.0, value=defaults.alpha, step=0.01, format="%.6g",
        key=state.ALPHA, bind="query-params", disabled=locked(state.ALPHA),
        help="The same α for all three runs. Under the figure: the largest α each batch size tolerated, measured.",
    )
    batch_size = st.number_input(
        "Mini-batch size B", min_value=1, max_value=MAX_BATCH, value=defaults.batch_size, step=1,
        key=state.BATCH, bind="query-params", disabled=locked(state.BATCH),
        help=f"How many examples the mini-batch run uses per update. Batch always uses all m = {m:,}, stochastic one. "
        "A B above m is m.",
    )
    epochs = st.number_input(
        "Epochs", min_value=1, max_value=MAX_EPOCHS, value=defaults.epochs, step=1, key=state.EPOCHS, bind="query-params", disabled=locked(state.EPOCHS),
        help="Passes over the data. In one epoch batch makes 1 update, mini-batch m / B, stochastic m.",
    )
    seed_box, button = st.columns([3, 2], vertical_alignment="bottom")
    seed = seed_box.number_input(
        "Seed", min_value=0, max_value=MAX_SEED, value=defaults.seed, step=1, key=state.SEED, bind="query-params", disabled=locked(state.SEED),
        help="The random seed that shuffles the rows before each epoch (numpy's default_rng(seed)). The same seed gives the same runs; "
        "it is in the link.",
    )
    button.button("New seed", key=state.NEW_SEED, on_click=_new_seed, disabled=locked(state.SEED), help="Draw another seed: another shuffle, another path.")
    w0 = st.number_input(
        "Initial w", value=defaults.w0, step=1.0, format="%.6g", key=state.W0, bind="query-params", disabled=locked(state.W0),
        help="Where all three runs start (w' with scaling on).",
    )
    b0 = st.number_input("Initial b", value=defaults.b0, step=1.0, format="%.6g", key=state.B0, bind="query-params", disabled=locked(state.B0),
                         help="Where all three runs start (b' with scaling on).")
    return BatchSettings(bool(scale), float(alpha), int(batch_size), int(epochs), int(seed), float(w0), float(b0))
