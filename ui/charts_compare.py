"""Chart builders for the learning-rate page: the gap to the minimum, and the alpha sweep (Vega-Lite:
it shows no iteration; the moving curve and costs are in ui/plotly_curves.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.log_ticks import vega_log_scale
from ui.text import limit_text
from ui.vl import Spec, chart, field, layer_of, nominal_color, value


def gap_to_minimum(cost: np.ndarray, j_min: float) -> np.ndarray:
    """J(w) − J(w*), floored at 1e-16 so a log scale can draw it."""
    return np.maximum(np.asarray(cost, dtype=float) - j_min, 1e-16)


def sweep_chart(alphas: np.ndarray, iterations: np.ndarray, diverged: np.ndarray, alpha_max: float, num_iters: int) -> Spec:
    """Iterations to converge against alpha, the divergence wall marked at 2 / J''(w*)."""
    outcome = np.where(diverged, "diverged", np.where(iterations >= num_iters, "did not converge", "converged"))
    # A diverged run never converges: draw it at the cap, above the wall.
    df = pd.DataFrame({"alpha": alphas, "iterations": np.where(diverged, num_iters, np.minimum(iterations, num_iters)), "outcome": outcome})
    outcomes = ["converged", "did not converge", "diverged"]
    scale, axis = vega_log_scale(np.append(alphas, alpha_max))
    layers = [
        layer_of(
            "sweep",
            {"type": "circle", "size": 45},
            {
                "x": field("alpha", title="learning rate α (log scale)", scale=scale, axis=axis),
                "y": field("iterations", title=f"iterations to converge (cap {num_iters})"),
                "color": nominal_color("outcome", outcomes, ["#16a34a", "#f59e0b", "#dc2626"], "outcome"),
                "tooltip": [field("alpha", format=".4g"), field("iterations"), field("outcome", "nominal")],
            },
        )
    ]
    datasets = {"sweep": df}
    if np.isfinite(alpha_max):
        datasets["wall"] = pd.DataFrame({"alpha": [alpha_max], "label": [f"2 / J''(w*) = {limit_text(alpha_max)}"]})
        layers.append(layer_of("wall", {"type": "rule", "color": "#dc2626", "strokeDash": [6, 4], "strokeWidth": 2}, {"x": field("alpha")}))
        layers.append(
            layer_of(
                "wall",
                {"type": "text", "align": "right", "dx": -6, "dy": -6, "color": "#dc2626", "fontWeight": "bold"},
                {"x": field("alpha"), "y": value(12), "text": field("label", "nominal")},
            )
        )
    return chart(layers, datasets, height=300)
