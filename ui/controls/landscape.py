"""Page 3's two-parameter landscape: its controls, the starts a student drops, and their runs.

The starts are in the URL (``starts``: a click adds one, the last 8 are kept; Random starts and
Reset replace them), as are alpha, the number of iterations and momentum's beta (the race of
plain descent against momentum from one start, gd_core.momentum_landscape, run in the page's
question context). The runs for a set of starts are the same for every student, so
they are kept in one shared, bounded cache; the map is drawn by the page's moving figure.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gd_core import surface
from gd_core.wording import number, plural
from ui.app import state
from ui.app.challenge import locked
from ui.app.landscape_starts import DEFAULT_STARTS, MAX_STARTS, parse_starts, starts_text
from ui.cache.shared_cache import shared
from ui.words import formulas

GRID = 60  # 60 x 60 nodes: the surface a student turns, and the map under the contours


@shared(max_entries=64)
def landscape_paths(starts: tuple[tuple[float, float], ...], alpha: float, iters: int) -> surface.SurfacePaths:
    return surface.descend(np.array(starts), alpha, iters)


@shared(max_entries=1)
def landscape_map() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return surface.cost_map(GRID)


def linked_starts() -> tuple[tuple[float, float], ...]:
    """The starts the URL names, or the defaults (a value that cannot be read is named, with why,
    in the note on the link's values under the title: ui.app.link_check)."""
    text = st.query_params.get(state.STARTS)
    try:
        return DEFAULT_STARTS if text is None else parse_starts(text)
    except ValueError:
        return DEFAULT_STARTS


def set_starts(starts) -> None:
    """Put ``starts`` in the URL (the defaults: no parameter, a shorter link)."""
    starts = tuple((round(float(w), 2), round(float(b), 2)) for w, b in starts)
    if starts == DEFAULT_STARTS:
        st.query_params.pop(state.STARTS, None)
    else:
        st.query_params[state.STARTS] = starts_text(starts)


def add_start(w: float, b: float) -> None:
    """A clicked (w, b) joins the starts (call from a selection callback: before the rerun)."""
    set_starts((*linked_starts(), (w, b))[-MAX_STARTS:])


def landscape_controls(alpha: float, iters: int) -> tuple[tuple[tuple[float, float], ...], float, int]:
    """α, iterations, random starts and reset, in a row; returns (starts, α, iterations)."""
    controls = st.columns([2, 2, 1, 1])
    surface_alpha = controls[0].slider(
        "α for the landscape", 0.05, 2.0, alpha, 0.05, key=state.SURFACE_ALPHA, bind="query-params", disabled=locked(state.SURFACE_ALPHA),
        help="The learning rate for descent on the landscape H(w, b). Try a large one and watch a path jump valleys.",
    )
    surface_iters = controls[1].slider(
        "Iterations on the landscape", 10, 400, iters, 10, key=state.SURFACE_ITERS, bind="query-params", disabled=locked(state.SURFACE_ITERS), help="Updates per path."
    )
    if controls[2].button("Random starts", icon=":material/casino:", help="Drop five starts at random.", width="stretch"):
        set_starts(surface.random_starts(np.random.default_rng(), len(DEFAULT_STARTS)))
    if controls[3].button("Reset", icon=":material/restart_alt:", help="Back to the five default starts.", width="stretch", key=state.SURFACE_RESET):
        set_starts(DEFAULT_STARTS)
    return linked_starts(), float(surface_alpha), int(surface_iters)


def momentum_control(beta: float) -> float:
    """Momentum's β for the race on the landscape, beside its update rule written out; returns β."""
    left, right = st.columns([2, 3], vertical_alignment="center")
    chosen = left.slider(
        "β, momentum on the landscape", 0.0, 0.99, beta, 0.01, key=state.BETA, bind="query-params", disabled=locked(state.BETA),
        help="How much of its speed the momentum run keeps from one update to the next: v := β·v + dH/dw, then w := w − α·v "
        "(b likewise). β = 0 is plain descent; near 1 the ball keeps rolling, through a shallow valley and over a ridge.",
    )
    right.latex(formulas.MOMENTUM)
    return float(chosen)


@shared(max_entries=1)
def valley_bottoms() -> tuple[tuple[float, float], ...]:
    """Where each valley of H(w, b) bottoms out: descent from its centre, run until it stands still."""
    paths = surface.descend(surface.VALLEYS[:, 1:3], 0.2, 3000)
    return tuple((float(w), float(b)) for w, b in zip(paths.w[-1], paths.b[-1]))


def hills_sentence(curve_minima: tuple[float, ...]) -> str:
    """The curve J(w) and the landscape H(w, b) are two different functions: say so, with their minima."""
    lows = ", ".join(f"w = {number(m, 3)}" for m in curve_minima)
    valleys = ", ".join(f"({number(w, 2)}, {number(b, 2)})" for w, b in valley_bottoms())
    return (
        "The curve J(w) and the landscape H(w, b) are **different hills**: J has one parameter, w"
        + (f", and its minima at {lows}" if lows else "")
        + f"; H has two, w and b, and its valleys at (w, b) ≈ {valleys}."
    )


def iterations_sentence(curve_last: int, landscape_iters: int) -> str:
    """Why the slider may run past where one of the two kinds of run stopped."""
    if curve_last == landscape_iters:
        return f"Both run {plural(landscape_iters, 'iteration')}."
    if curve_last < landscape_iters:
        return (
            f"The slider runs to iteration {landscape_iters:,}: the runs on J(w) stop after {plural(curve_last, 'iteration')} (*Iterations*, in the sidebar) "
            f"and wait where they ended, while the paths on H(w, b) go on to {landscape_iters:,} (*Iterations on the landscape*)."
        )
    return (
        f"The slider runs to iteration {curve_last:,}: the paths on H(w, b) stop after {plural(landscape_iters, 'iteration')} (*Iterations on the landscape*) "
        f"and wait where they ended, while the runs on J(w) go on to {curve_last:,} (*Iterations*, in the sidebar)."
    )
