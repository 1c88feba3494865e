"""Real Chromium, moving between pages with the sidebar: what carries over and what stays.

The chosen cost curve goes along to the other curve pages; each page's own settings come back
when the student returns; the regression page's alpha, w0 and iters (another model's) are never
taken from a curve page; and the URL, the link on screen and the controls agree after every move.
"""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser


def go(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()
    page.wait_for_function(
        "t => document.querySelector('h1') && !document.querySelector('[data-stale=\"true\"]')"
        " && [...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a[aria-current=\"page\"]')]"
        ".some(a => a.innerText.includes(t))",
        arg=title,
        timeout=30_000,
    )
    wait_for_app(page)


def number(page, label: str) -> float:
    return float(page.get_by_role("spinbutton", name=label).input_value())


def curve(page) -> str:
    return page.get_by_role("combobox", name="Cost curve J(w)").input_value()


def link(page) -> str:
    return page.locator("[data-testid='stSidebar'] .gdl-text").last.inner_text()


def test_page_switches_carry_the_curve_and_keep_each_pages_settings(page, app_url: str) -> None:
    page.goto(f"{app_url}/intuition?curve=Two+valleys&w0=1.5&alpha=0.05")
    wait_for_app(page)
    assert curve(page) == "Two valleys" and number(page, "Start w₀") == 1.5

    # The curve goes along; the start does not (it was chosen on page 1, for page 1's lesson).
    go(page, "2. Learning rate pitfalls")
    assert curve(page) == "Two valleys"
    assert number(page, "Start w₀") != 1.5
    assert "curve=Two+valleys" in page.url and "w0=" not in page.url
    assert "curve=Two+valleys" in link(page)

    # The regression page's alpha, iters and w0 are its own: page 1's never leak in.
    go(page, "4. Fit a line to your data")
    assert number(page, "Learning rate α") == 0.01
    assert number(page, "Initial w") == 0.0
    assert number(page, "Iterations") == 10_000
    alpha = page.get_by_role("spinbutton", name="Learning rate α")
    alpha.fill("0.02")
    alpha.press("Enter")
    page.wait_for_function("() => window.location.search.includes('alpha=0.02')", timeout=20_000)
    wait_for_app(page)

    # Back on page 1, everything is as the student left it, in the controls and in the link.
    go(page, "1. One step, by hand")
    assert curve(page) == "Two valleys"
    assert number(page, "Learning rate α (alpha)") == 0.05 and number(page, "Start w₀") == 1.5
    assert "alpha=0.05" in page.url and "w0=1.5" in page.url
    assert "alpha=0.05" in link(page) and "w0=1.5" in link(page)

    # And the regression page kept its own alpha too.
    go(page, "4. Fit a line to your data")
    assert number(page, "Learning rate α") == 0.02
    assert "alpha=0.02" in page.url and "alpha=0.02" in link(page)

    # Page 3 was never opened: it gets the carried curve (its own default here) and its defaults.
    go(page, "3. Local minima")
    assert curve(page) == "Two valleys"
    assert number(page, "Learning rate α (alpha)") == 0.1 and number(page, "Start w₀") == 5.0
    assert page.locator("[data-testid='stException']").count() == 0
