"""Real Chromium at phone size (390 x 844): the lesson comes first. On every page, no sideways
scroll, the sidebar starts closed, and the title and the first chart are on screen on arrival.
Screenshots at phone width go to artifacts/phone-*.png."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app
from ui.app.lessons import LESSONS

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 390, 844
# A phone's browser says so in its User-Agent ("Mobi"): pages 3 and 4 then stack their panels.
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
CHART = "[data-testid='stPlotlyChart'], [data-testid='stVegaLiteChart'], .gd-figure-2d"  # (ui.views.figure_2d draws into .gd-figure-2d)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_phone_arrival(browser, app_url: str, lesson) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, device_scale_factor=2, user_agent=PHONE_UA)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{lesson.key}?predict=false")  # the page as it was; with its question first: test_browser_predict_pages_3_4.py
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


@pytest.mark.parametrize("key", ["regression", "local_minimum"])
def test_phone_panels_one_under_another(browser, app_url: str, key: str) -> None:
    """On a phone the 3-D view (and every panel) is as wide as the screen allows, not a quarter of it
    (the 3-D view is drawn on request: the link asks for it)."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, device_scale_factor=2, user_agent=PHONE_UA)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{key}?predict=false&surface3d=true")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        domains = page.evaluate(
            "() => { const l = document.querySelector('.js-plotly-plot')._fullLayout;"
            " return [l.scene.domain.x, ...Object.keys(l).filter(k => /^xaxis\\d*$/.test(k)).map(k => l[k].domain)]; }"
        )
        assert all(domain == [0, 1] for domain in domains), domains
        page.set_viewport_size({"width": WIDTH, "height": 2600})  # Streamlit scrolls inside its main block: grow to see the figure whole
        page.wait_for_timeout(1500)
        page.locator("[data-testid='stPlotlyChart']").first.screenshot(path=str(ARTIFACTS / f"phone-{key}-figure.png"))
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()
