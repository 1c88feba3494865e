"""Real Chromium at phone size (390 x 844): the lesson comes first. On every page, no sideways
scroll, the sidebar starts closed, and the title and the first chart are on screen on arrival.
Screenshots at phone width go to artifacts/phone-*.png."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app
from ui.lessons import LESSONS

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 390, 844
CHART = "[data-testid='stPlotlyChart'], [data-testid='stVegaLiteChart']"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_phone_arrival(browser, app_url: str, lesson) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{lesson.key}")
        wait_for_app(page)
        page.wait_for_selector(CHART, timeout=30_000)
        page.wait_for_timeout(1000)
        seen = page.evaluate(
            """(chart) => {
              const box = (el) => el && el.getBoundingClientRect();
              const first = box(document.querySelector(chart));
              const title = box(document.querySelector('h1'));
              const sidebar = document.querySelector('[data-testid="stSidebar"]');
              return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
                      titleTop: title.top, titleBottom: title.bottom, chartTop: first.top,
                      sidebarOpen: sidebar ? sidebar.getAttribute('aria-expanded') === 'true' : false};
            }""",
            CHART,
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"phone-{lesson.key}.png"))
        assert seen["scroll"] <= seen["width"], f"sideways scroll: {seen}"
        assert not seen["sidebarOpen"], "the sidebar covers the lesson on arrival"
        assert 0 <= seen["titleTop"] and seen["titleBottom"] <= HEIGHT, seen
        assert seen["chartTop"] < HEIGHT, f"the first chart is below the first screen: {seen}"
    finally:
        context.close()
