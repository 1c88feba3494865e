"""What a cost curve J(w) is to the 1-D loops: a vectorised cost and slope, and one value of either.

>>> from gd_core.curves import CURVES
>>> value_at(CURVES["bowl"].slope, CURVES["bowl"].minima[0])
0.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np


class CostCurve(Protocol):
    """Anything with a vectorised cost J(w) and slope dJ/dw (a catalogue Curve, a typed one)."""

    @property
    def cost(self) -> Callable[[np.ndarray], np.ndarray]: ...

    @property
    def slope(self) -> Callable[[np.ndarray], np.ndarray]: ...


def value_at(function: Callable[[np.ndarray], np.ndarray], w: float) -> float:
    """One value of a vectorised J(w) or dJ/dw, as a float (nan or inf, never a warning)."""
    with np.errstate(all="ignore"):
        return float(np.asarray(function(np.asarray([w], dtype=float)), dtype=float).reshape(-1)[0])


_value = value_at
