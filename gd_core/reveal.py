"""A run cut to its start: what a page may draw before the student commits a prediction.

Predict, then see: until an answer is committed, a page's figure is built from the run cut to
its first row, so no later iterate is in the page's data (nothing to read off a hover). The cut
is a run of zero updates from the same start, with the same alpha:

- ``DescentRun`` (1-D): w, J and dJ/dw at w0 only, no step; the slope at the start stays, it
  is what a student predicts from;
- ``GDResult`` (a run on J(w, b)): row 0 of its histories, (w0, b0) and J(w0, b0);
- ``Fit``: its run and its path in the data's units, both cut (the same object when unscaled);
- ``SurfacePaths`` (the landscape H(w, b)): every start's first point.

Why the run stopped is not kept (it says how it ended): the cut says it stopped at its limit of
0 updates.

>>> from gd_core.curves import CURVES
>>> from gd_core.descent import run_descent
>>> start = start_only(run_descent(CURVES["bowl"], 7.0, 0.1, 30))
>>> start.w.tolist(), start.slope.tolist(), start.iterations, start.stop_reason
([7.0], [8.0], 0, 'max_iters')
>>> from gd_core.fit import fit_line
>>> from gd_core.sums import summarize
>>> fit = start_only(fit_line(summarize([1.0, 2.0], [300.0, 500.0]), 0.0, 0.0, 0.01, 10_000))
>>> fit.path.w_history.tolist(), fit.path.cost_history.tolist(), fit.path is fit.result
([[0.0]], [85000.0], True)
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from gd_core.descent import DescentRun
from gd_core.fit import Fit
from gd_core.frozen import frozen
from gd_core.linreg import GDResult
from gd_core.surface import SurfacePaths

Run = TypeVar("Run", DescentRun, GDResult, Fit, SurfacePaths)
CUT = "cut to its start: no update is shown until a prediction is committed"


def start_only(run: Run) -> Run:
    """``run`` cut to its start (row 0), a run of zero updates; see the module's list of kinds."""
    if isinstance(run, DescentRun):
        return replace(run, w=frozen(run.w[:1]), cost=frozen(run.cost[:1]), slope=frozen(run.slope[:1]), step=frozen(run.step[:0]),
                       num_iters=0, stop_reason="max_iters", message=CUT)
    if isinstance(run, GDResult):
        return replace(run, cost_history=frozen(run.cost_history[:1]), w_history=frozen(run.w_history[:1]), b_history=frozen(run.b_history[:1]),
                       num_iters=0, stop_reason="max_iters", message=CUT)
    if isinstance(run, Fit):
        result = start_only(run.result)
        return replace(run, result=result, path=result if run.path is run.result else start_only(run.path))
    if isinstance(run, SurfacePaths):
        return replace(run, w=frozen(run.w[:1]), b=frozen(run.b[:1]), cost=frozen(run.cost[:1]))
    raise TypeError(f"start_only cuts a DescentRun, GDResult, Fit or SurfacePaths, not a {type(run).__name__}")
