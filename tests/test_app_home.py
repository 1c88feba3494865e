"""The entry script and the home page, in AppTest and in a real browser."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, screenshot, wait_for_app


def test_home_loads_without_exception() -> None:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Gradient descent, hands on"


@pytest.mark.browser
def test_home_in_chromium(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Gradient descent, hands on").first.is_visible()
    screenshot(page, "home")
