"""Real Chromium: set a line by hand on page 4 (its angle by keyboard on the slider, as a student
drags it), see the URL and J follow, then continue with gradient descent from that line."""

from __future__ import annotations

import math
from urllib.parse import parse_qs, urlsplit

import pytest

from gd_core.hand_fit import line_from_angle
from gd_core.sums import summarize
from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

J_MINE = """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
  .find(m => m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === 'Your J(w, b)')
  ?.querySelector('[data-testid="stMetricValue"]').innerText"""


def test_set_a_line_by_hand_then_continue_with_descent_from_it(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression?hand=true&predict=false&height=380")
    slider = page.get_by_role("slider", name="Angle of your line (degrees)")
    slider.wait_for(timeout=90_000)  # a fresh server's first run of the page is slow on a busy machine
    wait_for_app(page, 60_000)
    j_flat = page.evaluate(J_MINE)
    slider.focus()
    page.keyboard.press("PageUp")  # Streamlit's slider: a tenth of its range (17.8°) a press
    page.wait_for_function("() => /[?&]angle=/.test(window.location.search)", timeout=30_000)
    wait_for_app(page)
    angle = float(parse_qs(urlsplit(page.url).query)["angle"][0])
    assert 10 < angle <= 89
    assert page.evaluate(J_MINE) != j_flat  # J followed the line
    w, b = line_from_angle(summarize([1.0, 2.0], [300.0, 500.0]), angle, 380.0)

    page.get_by_role("button", name="Continue with gradient descent from my line").click()
    page.wait_for_function("() => /[?&]w0=/.test(window.location.search) && /[?&]b0=/.test(window.location.search)", timeout=30_000)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    w0 = float(page.get_by_role("spinbutton", name="Initial w").input_value())
    b0 = float(page.get_by_role("spinbutton", name="Initial b").input_value())
    assert math.isclose(w0, w, rel_tol=1e-5) and math.isclose(b0, b, rel_tol=1e-5)
    assert page.get_by_text("Gradient descent starts from your line").is_visible()
    # The player's figure (the last on the page) starts at the line: its iteration 0 is written on it.
    label = page.evaluate("() => { const g = [...document.querySelectorAll('.js-plotly-plot')].at(-1); "
                          "return g.data.find(t => (t.text || []).length === 4).text[3]; }")
    assert label.startswith("iteration 0") and f"w = {w0:.4g}" in label.replace("−", "-")
