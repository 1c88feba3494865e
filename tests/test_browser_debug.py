"""Real Chromium on page 5: paste a log by hand, read the verdict; a bad paste keeps the last one.
Screenshots of a match, a 'probably', a 'none of these' and a bad paste go to artifacts/."""

from __future__ import annotations

import pytest

from gd_core.bug_catalogue import ENTRIES, printed_log, simulate
from gd_core.sums import summarize
from tests.conftest import screenshot, wait_for_app
from tests.test_debug_precision import COURSE, gradient_descent

pytestmark = pytest.mark.browser
HOUSES = summarize([1.0, 2.0], [300.0, 500.0])


def paste(page, text: str) -> None:
    box = page.get_by_role("textbox", name="What your code printed")
    box.fill(text)
    box.press("Control+Enter")
    wait_for_app(page)


def test_paste_a_log_and_read_the_verdict(page, app_url: str) -> None:
    page.goto(f"{app_url}/debug?alpha=0.1&iters=100&predict=false")  # the pasted log alone, no exercise
    wait_for_app(page)
    paste(page, printed_log(simulate(ENTRIES["sequential update"], HOUSES, 0.1, 100, 0.0, 0.0), 100))
    page.get_by_text("Your log matches 'sequential update'").wait_for(timeout=20_000)
    screenshot(page, "debug-match")
    page.set_viewport_size({"width": 1400, "height": 1000})
    x, y = COURSE  # b takes w's step in both mistakes: without dj_db, their logs are the same characters
    paste(page, gradient_descent(x, y, 0.0, 0.0, 0.1, 100, "dj_db += err * x[i]", 4, fields=("cost", "w", "b")))
    page.get_by_text("Your log is probably 'b updated with dJ/dw' or 'x in dJ/db'").wait_for(timeout=20_000)
    assert page.get_by_text("probably b updated with dJ/dw", exact=True).count() == 1  # the headline, in bold
    for name in ("b updated with dJ/dw", "x in dJ/db"):  # each one's line to fix
        assert page.get_by_text(f"Where to look (if it is '{name}'):").count() == 1
    screenshot(page, "debug-probably")
    page.set_viewport_size({"width": 1400, "height": 1000})
    paste(page, printed_log(simulate(ENTRIES["correct"], HOUSES, 0.1, 100, 50.0, 0.0), 100))  # another start
    page.get_by_text("None of these reproduces your log").wait_for(timeout=20_000)
    screenshot(page, "debug-none")
    page.set_viewport_size({"width": 1400, "height": 1000})
    paste(page, "my code printed nothing useful")
    page.get_by_text("That log cannot be used").wait_for(timeout=20_000)
    assert page.get_by_text("None of these reproduces your log").count() == 1  # the last verdict stays
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "debug-bad-paste")
