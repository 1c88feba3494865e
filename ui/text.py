"""How the pages write numbers and the sentences that follow from them (no chart code here)."""

from __future__ import annotations

from gd_core.descent import DescentRun


def fmt(number: float) -> str:
    """Numbers as the page writes them: 3 decimals, or scientific when very large or small."""
    number = float(number)
    if number == 0:
        return "0.000"
    if 1e-3 <= abs(number) < 1e5:
        return f"{number:.3f}".replace("-", "−")
    return f"{number:.3e}".replace("-", "−")


def update_text(run: DescentRun, i: int) -> str:
    """'w = 2.500 − 0.100 × 5.000 = 2.000': the update from row i, with its numbers."""
    w, slope = float(run.w[i]), float(run.slope[i])
    slope_text = fmt(slope) if slope >= 0 else f"({fmt(slope)})"
    return f"w = {fmt(w)} − {fmt(run.alpha)} × {slope_text} = {fmt(w - run.alpha * slope)}"


def direction_text(slope: float) -> str:
    """The sentence that follows from the sign of the slope."""
    if slope > 0:
        return "The slope is positive, so w decreases: the point moves left, downhill."
    if slope < 0:
        return "The slope is negative, so w increases: the point moves right, downhill."
    return "The slope is zero, so the step is α × 0 = 0: w stays where it is."


_VERDICT_ICONS = {
    "converged": ":material/check_circle:",
    "oscillating": ":material/swap_horiz:",
    "diverged": ":material/error:",
    "creeping": ":material/hourglass_top:",
}


def verdict_icon(kind: str) -> str:
    """The icon that goes with a verdict's kind (one mapping for every page)."""
    return _VERDICT_ICONS.get(kind, ":material/info:")
