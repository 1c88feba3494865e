"""The lessons: one table that names every page, read by the entry point, the home page and the
page wrapper. Adding a lesson is one page file in pages/ plus one entry here.

Each page's URL parameters are its shareable view (ui.app.page restores and links them); the
defaults are what the page shows on first load. Default starts on the cost-curve pages are
given as a place on the curve's plotted range (0 = left end, 1 = right end), because each
curve is drawn over its own range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ui.app import state
from ui.app.choices import DEFAULT as DEFAULT_DATASET
from ui.app.settings import BatchDefaults, CurveDefaults, DebugDefaults, LandscapeDefaults, RegressionDefaults, SweepDefaults


@dataclass(frozen=True)
class Lesson:
    key: str  # the file pages/<key>.py and its URL path /<key>
    title: str  # in the navigation and on the home page
    heading: str  # the page's own title
    icon: str
    summary: str  # one line on the home page
    params: tuple[str, ...] = ()  # URL parameters that make up the page's view
    defaults: CurveDefaults | RegressionDefaults | BatchDefaults | None = None  # what the controls show on first load

    @property
    def file(self) -> str:
        return f"pages/{self.key}.py"

    @property
    def picks_a_curve(self) -> bool:
        """Pages that look at one cost curve J(w): the curve a student picks goes with them."""
        return state.CURVE in self.params


CURVE_PARAMS = (state.CURVE, state.EXPR, state.ALPHA, state.W0, state.ITERS)
DATA_PARAMS = (state.DATASET, state.Y, state.X, state.DROP_MISSING, state.ALPHA, state.ITERS, state.W0, state.B0)
PREDICT_PARAMS = (state.ASK, state.PREDICT)  # ui.views.predict: the question on screen, and whether to ask at all
CHALLENGE_PARAMS = (state.GOAL, state.LOCK, state.HIDE, state.PRESENT)  # ui.app.challenge: a teacher's challenge link; ui.app.present: projector mode
COURSE_LAB = RegressionDefaults(dataset=DEFAULT_DATASET, alpha=0.01, iters=10_000, w0=0.0, b0=0.0)

HOME = Lesson(
    key="home",
    title="Start here",
    heading="Gradient descent, hands on",
    icon=":material/home:",
    summary="What gradient descent does, in one line, and which page teaches what.",
)

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        key="intuition",
        title="1. One step, by hand",
        heading="How one step of gradient descent works",
        icon=":material/trending_down:",
        summary="The tangent's slope tells which way is downhill; step through the update with every number written out.",
        params=(*CURVE_PARAMS, *PREDICT_PARAMS, *CHALLENGE_PARAMS),
        defaults=CurveDefaults(curve="bowl", alpha=0.1, w0_at=0.9, iters=30, max_iters=200),
    ),
    Lesson(
        key="learning_rate",
        title="2. Learning rate pitfalls",
        heading="Learning rate: too small, just right, too large",
        icon=":material/speed:",
        summary="Too small crawls, too large overshoots or blows up: four learning rates side by side, and the limit 2 / J''.",
        params=(state.CURVE, state.EXPR, state.W0, state.ITERS, state.ALPHAS, *PREDICT_PARAMS, *CHALLENGE_PARAMS),
        defaults=SweepDefaults(curve="bowl", w0_at=0.05, iters=60, max_iters=500, sweep_iters=500),
    ),
    Lesson(
        key="local_minimum",
        title="3. Local minima",
        heading="At a minimum, gradient descent stands still",
        icon=":material/anchor:",
        summary="At a minimum the slope is zero, so gradient descent stands still; where you start decides where you end.",
        params=(*CURVE_PARAMS, state.SURFACE_ALPHA, state.SURFACE_ITERS, state.BETA, state.STARTS, state.SURFACE_3D, *PREDICT_PARAMS, *CHALLENGE_PARAMS),
        defaults=LandscapeDefaults(
            curve="two_minima", alpha=0.1, w0=5.0, iters=30, max_iters=300, surface_alpha=0.5, surface_iters=150, beta=0.9, race_start=(-1.25, 4.25),
        ),
    ),
    Lesson(
        key="regression",
        title="4. Fit a line to your data",
        heading="Fit a line to your data with gradient descent",
        icon=":material/scatter_plot:",
        summary="Batch gradient descent on J(w, b) for the course's houses, a real dataset, or your own CSV.",
        params=(*DATA_PARAMS, state.SCALE, state.SEQUENTIAL, state.HAND, state.ANGLE, state.HEIGHT, state.SURFACE_3D, *PREDICT_PARAMS, *CHALLENGE_PARAMS),
        defaults=COURSE_LAB,
    ),
    Lesson(
        key="debug",
        title="5. Debug your gradient descent",
        heading="Which mistake made this log?",
        icon=":material/bug_report:",
        summary="Paste what your own gradient_descent printed: the page finds the classic mistake that reproduces it.",
        params=(*DATA_PARAMS, state.TIMING, state.SEED, *PREDICT_PARAMS, *CHALLENGE_PARAMS),
        defaults=DebugDefaults(dataset=COURSE_LAB.dataset, alpha=COURSE_LAB.alpha, iters=COURSE_LAB.iters, w0=COURSE_LAB.w0, b0=COURSE_LAB.b0, seed=30),
    ),
    Lesson(
        key="batches",
        title="6. Batch, mini-batch, stochastic",
        heading="Batch, mini-batch and stochastic gradient descent",
        icon=":material/shuffle:",
        summary="Why the course says batch: the same data, one update from all m examples, from a few, or from one, on the same map.",
        params=(state.DATASET, state.Y, state.X, state.DROP_MISSING, state.SCALE, state.ALPHA, state.BATCH, state.EPOCHS, state.SEED, state.W0, state.B0, *PREDICT_PARAMS, state.PRESENT),
        # Auto MPG: 392 cars, enough rows for a mini-batch to differ from batch and from one car at a time.
        defaults=BatchDefaults(dataset="auto_mpg", alpha=0.3, batch_size=32, epochs=30, seed=0, w0=0.0, b0=0.0, scale=True),
    ),
)

# The class view (issue 25): a teacher's round of one lesson question for a whole class. Not a
# lesson of the path: its link says who is there (``teach``: the teacher; ``join``: a student).
CLASS = Lesson(
    key="class",
    title="Class view",
    heading="The class answers together",
    icon=":material/groups:",
    summary="A teacher asks a lesson question; the class answers on their phones, sees the spread, answers again, then watches the run.",
    params=(state.JOIN, state.TEACH, state.ME, state.RUN, state.NEXT, state.PRESENT),
)

BY_KEY: Mapping[str, Lesson] = MappingProxyType({lesson.key: lesson for lesson in (HOME, *LESSONS, CLASS)})
