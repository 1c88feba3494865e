"""Benchmark: the build time of each page's moving figure, against the graph-objects builders.

The baseline is the figure builders as they were before they wrote plain dicts (ui/plotly_*.py at
commit BASELINE, read from git into a package of their own, so both run in this process on the
same inputs). For every case the two figures are compared as sent: the JSON st.plotly_chart
sends, ``plotly.io.to_json(spec, validate=False)``, parsed (the text differs only in the order of
keys) and in bytes, under plotly's default template and under Streamlit's. At the rewrite all 13
cases were equal; a case a later change altered on purpose prints its first difference (page 4's
data panel has shown the line descent starts from since commit 23f67d9; every figure's margin has
been at least 80 px left and 70 px below since 3422e9e and 54d4471, so that plotly.js draws it
once, and a flat figure has gone without the template since a20531f: issue 26). Then each build is timed
(best of a few) and the ratio old / new printed.
Run: python bench/bench_figures.py
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import plotly.io as pio  # noqa: E402
from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme  # noqa: E402

from bench.timing import best_of  # noqa: E402
from gd_core import surface  # noqa: E402
from gd_core.curves import CURVES  # noqa: E402
from gd_core.descent import basins, run_descent  # noqa: E402
from gd_core.fit import fit_line  # noqa: E402
from gd_core.sums import summarize  # noqa: E402
from ui.charts import intuition, learning_rate, local_minimum, regression  # noqa: E402

BASELINE = "d6dbaac"  # the last commit whose figures were built with plotly's graph objects
MODULES = ("plotly_anim", "plotly_curves", "plotly_minima", "plotly_regression")
# What the baseline imports from the rest of ui/, as it is now: ui/ was sorted into folders by
# job and its colours moved to ui/charts/style.py, so each old module is a shim over its new ones.
SHIMS = {
    "charts_1d": ("ui.charts.cost_curve", "ui.charts.style"), "charts_compare": ("ui.charts.learning_rate",),
    "charts_regression": ("ui.charts.regression_parts",), "charts_surface": ("ui.charts.contours", "ui.charts.style"),
    "text": ("ui.words.text",),
}


def baseline_modules(rev: str = BASELINE) -> dict:
    """ui/plotly_*.py (now ui/charts/) as they were at ``rev`` (from git), imported as the package ``baseline_ui``;
    they import the rest of ui/ and gd_core/ as they are now."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "baseline_ui"
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        for name in MODULES:
            text = subprocess.run(["git", "show", f"{rev}:ui/{name}.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            text = text.replace("from ui.plotly_", "from baseline_ui.plotly_")
            for old in SHIMS:
                text = text.replace(f"from ui.{old} import", f"from baseline_ui.{old} import")
            (folder / f"{name}.py").write_text(text)
        for old, new in SHIMS.items():
            (folder / f"{old}.py").write_text("".join(f"from {module} import *  # noqa: F403\n" for module in new))
        sys.path.insert(0, tmp)
        try:
            return {name: importlib.import_module(f"baseline_ui.{name}") for name in MODULES}
        finally:
            sys.path.remove(tmp)


def cases() -> dict:
    """Each case: (builder name, module name, arguments)."""
    bowl, two = CURVES["bowl"], CURVES["two_minima"]
    runs = [(f"w₀ = {w}", run_descent(two, w, 0.1, 30, slope_tol=None, step_tol=None)) for w in (5.0, 0.06, 5.94)]
    landscape = surface.cost_map(60)
    paths = surface.descend(np.array([(-4.0, -4.0), (4.0, 4.0), (-3.0, 4.5), (0.5, -4.5), (4.5, -2.0)]), 0.5, 150)
    wild = [("w₀ = 5", run_descent(two, 5.0, 0.9, 60))]
    x, y = np.array([1.0, 2.0, 3.0, 4.0]), np.array([300.0, 500.0, 650.0, 900.0])
    stats = summarize(x, y)
    rng = np.random.default_rng(0)
    big_x = rng.uniform(0, 10, 20_000)
    big_y = 3 * big_x + 2 + rng.normal(size=big_x.size)
    big = summarize(big_x, big_y)

    def fits(s, alpha, iters, scaled=False, sequential=False):
        both = [("simultaneous", fit_line(s, 0.0, 0.0, alpha, iters, scaled=scaled))]
        return both + ([("sequential", fit_line(s, 0.0, 0.0, alpha, iters, scaled=scaled, sequential=True))] if sequential else [])

    curve = lambda c: (c.cost, (c.w_min, c.w_max))  # noqa: E731
    return {
        "1 intuition": ("intuition_figure", "plotly_curves", (*curve(bowl), run_descent(bowl, 7.0, 0.1, 30))),
        "1 intuition, diverging": ("intuition_figure", "plotly_curves", (*curve(bowl), run_descent(bowl, 7.0, 1.5, 30))),
        "1 intuition, two minima": ("intuition_figure", "plotly_curves", (*curve(two), run_descent(two, 0.2, 0.1, 10))),
        "2 compare": ("compare_figure", "plotly_curves", (*curve(bowl), [(f"α = {a}", run_descent(bowl, 7.0, a, 60)) for a in (0.02, 0.5, 0.9, 1.05)], 0.0)),
        "2 compare, diverging": ("compare_figure", "plotly_curves", (*curve(bowl), [(f"α = {a}", run_descent(bowl, -1.5, a, 60)) for a in (0.02, 1.1, 1.5)], 1.0)),
        "3 minima": ("minima_figure", "plotly_minima", (*curve(two), runs, basins(two, two.grid(241), 0.1, 2000, two.minima), landscape, paths)),
        "3 minima, large alpha": ("minima_figure", "plotly_minima", (*curve(two), wild, basins(two, two.grid(241), 0.9, 500, two.minima), landscape, surface.descend(np.array([(-4.0, 4.0)]), 0.5, 40))),
        "4 regression": ("regression_figure", "plotly_regression", (x, y, stats, fits(stats, 0.01, 10_000), "x", "y")),
        "4 regression, scaled": ("regression_figure", "plotly_regression", (x, y, stats, fits(stats, 0.1, 1_000, scaled=True), "x", "y")),
        "4 regression, sequential too": ("regression_figure", "plotly_regression", (x, y, stats, fits(stats, 0.01, 10_000, sequential=True), "x", "y")),
        "4 regression, scaled, both": ("regression_figure", "plotly_regression", (x, y, stats, fits(stats, 0.1, 1_000, scaled=True, sequential=True), "x", "y")),
        "4 regression, diverging": ("regression_figure", "plotly_regression", (x, y, stats, fits(stats, 5.0, 1_000), "x", "y")),
        "4 regression, 20 000 rows": ("regression_figure", "plotly_regression", (big_x, big_y, big, fits(big, 0.01, 3_000, sequential=True), "size", "price")),
    }


def sent(fig) -> str:
    """What the browser receives: the figure's JSON text as st.plotly_chart makes it."""
    return pio.to_json(fig.to_dict(), validate=False)


def first_difference(a, b, where: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only in the {'new' if key in b else 'old'} figure"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items (old), {len(b)} (new)"
        for n, (u, v) in enumerate(zip(a, b)):
            found = first_difference(u, v, f"{where}[{n}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {str(a)[:120]!r} (old) != {str(b)[:120]!r} (new)"


def main() -> None:
    old = baseline_modules()
    new = {"intuition_figure": intuition, "compare_figure": learning_rate, "minima_figure": local_minimum, "regression_figure": regression}
    jobs = {name: (getattr(old[module], builder), getattr(new[builder], builder), args) for name, (builder, module, args) in cases().items()}
    configure_streamlit_plotly_theme()  # registers the "streamlit" template (and makes it the default, as in the app)
    equal = 0
    for template in ("plotly", "streamlit"):
        pio.templates.default = template
        for name, (before, after, args) in jobs.items():
            old_text, new_text = sent(before(*args)), sent(after(*args))
            difference = first_difference(json.loads(old_text), json.loads(new_text))
            if difference:
                print(f"{name}, template {template!r}: differs from the baseline at {difference}")
            elif len(old_text) != len(new_text):
                print(f"{name}, template {template!r}: the same figure in {len(old_text)} bytes (old) and {len(new_text)} (new)")
            else:
                equal += 1
    print(f"{equal} of {2 * len(jobs)} figures equal to the baseline's, parsed and in bytes (the 'plotly' and 'streamlit' templates).\n")
    print(f"{'figure':32} {'old ms':>8} {'new ms':>8} {'old/new':>8}")
    for name, (before, after, args) in jobs.items():
        before(*args), after(*args)  # warm up
        t_old = best_of(lambda build=before, args=args: build(*args), 7) * 1e3
        t_new = best_of(lambda build=after, args=args: build(*args), 7) * 1e3
        print(f"{name:32} {t_old:8.1f} {t_new:8.1f} {t_old / t_new:7.1f}x")


if __name__ == "__main__":
    main()
