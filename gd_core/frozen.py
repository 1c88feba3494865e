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
# limit); max_iters: the iteration limit came first.
StopReason = Literal["converged", "diverged", "max_iters"]


def frozen(values: ArrayLike) -> np.ndarray:
    """A float array that cannot be written to (a copy only when ``values`` is not one already)."""
    array = np.asarray(values, dtype=float)
    array.setflags(write=False)
    return array
