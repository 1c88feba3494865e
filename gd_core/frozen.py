"""What every result shares: read-only arrays, and why a run stopped.

A run's arrays are made read-only as they are returned, so a cached result can be shared
between students without anyone changing it.

>>> a = frozen([1.0, 2.0])
>>> a.flags.writeable
False
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

# converged: the stop rule was met; diverged: the numbers left the finite range (or the
# limit) on the way; max_iters: the iteration limit came first; not_finite: the cost or its
# slope is not a finite number at the start itself, so no step was taken.
StopReason = Literal["converged", "diverged", "max_iters", "not_finite"]


def frozen(values: ArrayLike) -> np.ndarray:
    """A float array that cannot be written to (a copy only when ``values`` is not one already)."""
    array = np.asarray(values, dtype=float)
    array.setflags(write=False)
    return array
