"""The settings of one gradient-descent run, and what each lesson's controls start from.

``RunSettings`` is what a page's controls hold now; a lesson's defaults (ui.app.lessons) are what
they hold on first load, one frozen dataclass per kind of page, read by field, never by string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunSettings:
    """What one run is given: ``w := w - alpha * dJ/dw`` (and ``b := b - alpha * dJ/db``) from
    (w0, b0), at most ``iters`` times. On a cost curve J(w) there is no b: b0 stays 0; on page 2,
    which compares several alphas, alpha is nan."""

    alpha: float
    iters: int
    w0: float
    b0: float = 0.0


@dataclass(frozen=True, kw_only=True)
class CurveDefaults:
    """A cost-curve page's first view (pages 1-3)."""

    curve: str  # a key of gd_core.curves.CURVES
    iters: int
    max_iters: int  # the end of the iteration slider
    alpha: float | None = None  # None: the page compares several (page 2)
    w0: float | None = None  # the start, or else
    w0_at: float | None = None  # a place on the curve's plotted range (0 = left end, 1 = right end)

    def __post_init__(self) -> None:
        if (self.w0 is None) == (self.w0_at is None):
            raise ValueError("a cost-curve page starts at w0 or at w0_at, one of the two")


@dataclass(frozen=True, kw_only=True)
class SweepDefaults(CurveDefaults):
    """Page 2: also the iterations of its alpha sweep."""

    sweep_iters: int


@dataclass(frozen=True, kw_only=True)
class LandscapeDefaults(CurveDefaults):
    """Page 3: also its two-parameter landscape's learning rate and iterations, and its momentum
    race: beta, and the start plain descent and momentum both leave from (found by
    gd_core.momentum_landscape.find_start for these alpha, beta and iterations; tests/test_momentum.py)."""

    surface_alpha: float
    surface_iters: int
    beta: float
    race_start: tuple[float, float]


@dataclass(frozen=True, kw_only=True)
class RegressionDefaults:
    """Pages 4 and 5: the data and the run the course lab starts from."""

    dataset: str  # a key of ui.app.choices.BUILTIN
    alpha: float
    iters: int
    w0: float
    b0: float


@dataclass(frozen=True, kw_only=True)
class DebugDefaults(RegressionDefaults):
    """Page 5: also the find-the-bug exercise it opens on, by its number (the seed of
    gd_core.questions_debug.debug_context): 30 prints the classic first one, the sign flipped
    on two houses as in the lab (tests/test_app_find_the_bug.py)."""

    seed: int


@dataclass(frozen=True, kw_only=True)
class BatchDefaults:
    """The batch-size lesson: the data, and the three runs' learning rate, mini-batch size B,
    epochs, seed and start (in the units the runs use: z-scored x when ``scale``)."""

    dataset: str  # a key of ui.app.choices.BUILTIN
    alpha: float
    batch_size: int
    epochs: int
    seed: int
    w0: float
    b0: float
    scale: bool
