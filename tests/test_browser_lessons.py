"""Real Chromium: the lesson pages render, the player's iteration slider scrubs with no rerun,
and the URL carries the view both ways."""

from __future__ import annotations

import pytest

from tests.conftest import click_plot_point, count_sent_frames, screenshot, scrub_player, wait_for_app

pytestmark = pytest.mark.browser

PAGES = {"intuition": "intuition", "learning_rate": "learning_rate", "local_minimum": "local_minimum"}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_without_error(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"lesson-{path}")


def test_iteration_slider_moves_point_without_rerun(page, app_url: str) -> None:
    sent = count_sent_frames(page)
    page.goto(f"{app_url}/intuition?iters=20&predict=false")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .slider-rail-rect", timeout=60_000)
    point = "() => document.querySelector('.js-plotly-plot').data.find(t => t.name === 'w').x[0]"
    start = page.evaluate(point)
    active, messages = scrub_player(page, 0.6, sent)
    assert 8 <= active <= 16, active
    assert page.evaluate(point) != start, "moving the iteration slider did not move the point"
    assert messages == 0, "moving the iteration slider sent a message to the server (a rerun)"
    assert page.locator("[data-testid='stStatusWidget']").count() == 0


def test_link_opens_view_and_controls_update_url(page, app_url: str) -> None:
    page.goto(f"{app_url}/local_minimum?w0=5&alpha=0.1&iters=40&predict=false")
    wait_for_app(page)
    page.get_by_text("w stays at 5 for all 40 iterations").first.wait_for(state="visible", timeout=30_000)
    alpha = page.get_by_role("spinbutton", name="Learning rate α (alpha)")
    alpha.fill("0.2500")
    alpha.press("Enter")
    page.wait_for_function("() => window.location.search.includes('alpha=0.25')", timeout=20_000)
    wait_for_app(page)
    # Values equal to the page's defaults (w0=5) are left out of the URL to keep it short.
    assert "iters=40" in page.url
    # The sidebar's "Link to this view" carries the same view.
    link = page.locator("[data-testid='stSidebar'] .gdl-text").last.inner_text()
    assert link.startswith(app_url + "/local_minimum?") and "alpha=0.25" in link and "iters=40" in link


def test_first_visitor_of_a_fresh_server_gets_the_page(browser) -> None:
    """A deep link is often the first request a new deployment sees: no 'Page not found'."""
    from tests.conftest import start_app

    proc, url = start_app()
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/local_minimum?w0=5&alpha=0.1&iters=40&predict=false")
        wait_for_app(page)
        page.get_by_text("w stays at 5 for all 40 iterations").first.wait_for(timeout=30_000)
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator("[data-testid='stSidebarNav']").get_by_text("3. Local minima").count() == 1
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_clicking_the_basin_map_picks_the_start(page, app_url: str) -> None:
    page.goto(f"{app_url}/local_minimum?w0=5&alpha=0.1")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    # Click a dot of the curve in the deep valley's basin (w < 3.5): the first basin trace's 60th start.
    click_plot_point(page, "t => t.legendgroup === 'pick a start w0'", 60)
    page.wait_for_function("() => /[?&]w0=/.test(window.location.search) && !window.location.search.includes('w0=5&')", timeout=20_000)
    wait_for_app(page)
    w0 = float(page.get_by_role("spinbutton", name="Start w₀").input_value())
    assert w0 < 3.5 and w0 != 5.0
