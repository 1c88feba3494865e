"""Issue 20's wording on the pages themselves: page 2 says in plain words what α above the
limit does before the formula, with "=" where the number is exact; page 3 names its two hills
apart and says why the slider runs on; page 4's distance metric says what it measures."""

from __future__ import annotations

import re

from tests.test_app_sentences import open_page, words


def in_order(at) -> list[tuple[str, str]]:
    """(element type, text) of the main area's words, top to bottom."""
    found = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") in ("markdown", "latex", "caption", "subheader"):
                found.append((child.type, str(child.value)))
            walk(child)

    walk(at.main)
    return found


def test_page_2_says_it_plainly_before_the_formula() -> None:
    shown = in_order(open_page("learning_rate"))
    plain = next(i for i, (_, text) in enumerate(shown) if "any α above 1 makes each bounce" in text)
    formula = next(i for i, (kind, text) in enumerate(shown) if kind == "latex" and r"\alpha_{\max}" in text)
    why = next(i for i, (_, text) in enumerate(shown) if "(1 − α·J''(w*))" in text)
    assert plain < formula < why
    assert shown[plain][0] == "markdown" and "w = 3" in shown[plain][1]
    assert re.search(r"\\frac\{2\}\{2\} = 1\\qquad", shown[formula][1]) and r"\approx" not in shown[formula][1]


def test_page_2_writes_approx_only_for_a_rounded_limit() -> None:
    text = words(open_page("learning_rate", curve="Two valleys", w0="5.5"))  # w* = 5, J'' = 2.4: 2 / 2.4 = 0.8333...
    assert r"\frac{2}{2.4} \approx 0.833" in text
    assert "any α above 0.833 makes each bounce" in text


def test_page_3_names_its_two_hills_and_why_the_slider_runs_on() -> None:
    text = words(open_page("local_minimum", predict="false"))
    assert "The curve J(w) and the landscape H(w, b) are **different hills**" in text
    assert "minima at w = 1, w = 5" in text and "(−1.9, −1.4), (2.4, 1.4), (−0.96, 2.7)" in text
    assert "The slider runs to iteration 150: the runs on J(w) stop after 30 iterations" in text
    assert "w₀ = 5.000 ends at w = 5; w₀ = 0.060 ends at w = 1; w₀ = 5.940 ends at w = 5" in text
    assert "H(w,b) = " in text and "J(w,b) = " not in text
    short = words(open_page("local_minimum", surface_iters="30", predict="false"))
    assert "Both run 30 iterations." in short


def test_page_4_names_its_distance_metric() -> None:
    at = open_page("regression", predict="false")
    labels = {m.label: m.value for m in at.metric}
    assert "Off by" not in labels
    assert float(labels["Distance to least squares"]) >= 0
    fewer = {m.label: m.value for m in open_page("regression", iters="10", predict="false").metric}
    assert fewer["Distance to least squares"] != labels["Distance to least squares"]  # the live run's value
