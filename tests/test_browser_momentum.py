"""Real Chromium, page 3's momentum race: moving the β slider writes β into the URL (a bound
control; AppTest cannot see that) and the sentence under the landscape tells the new race."""

from __future__ import annotations

import re

import pytest

from gd_core.momentum_landscape import race, race_words
from ui.app.lessons import BY_KEY

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser
DEFAULTS = BY_KEY["local_minimum"].defaults


def test_beta_slider_writes_the_url_and_the_sentence_follows(page, app_url: str) -> None:
    page.goto(f"{app_url}/local_minimum?predict=false")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .updatemenu-button", timeout=60_000)
    thumb = page.locator(".st-key-beta input[type='range']")  # the slider's thumb (react-aria's hidden input)
    thumb.focus()
    thumb.press("Home")  # β = 0: one rerun, and momentum is plain descent
    page.wait_for_url(re.compile(r"beta=0(\.0)?(&|$)"), timeout=30_000)
    wait_for_app(page)
    expected = race_words(race(DEFAULTS.race_start, DEFAULTS.surface_alpha, 0.0, DEFAULTS.surface_iters))
    assert "the two paths are one" in expected
    said = page.locator("[data-testid='stMarkdown']", has_text="Momentum.").first
    said.wait_for(timeout=30_000)
    assert expected in said.inner_text().replace("\n", " ")
    assert page.locator("[data-testid='stException']").count() == 0
