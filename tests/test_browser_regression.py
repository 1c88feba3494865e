"""Real Chromium: upload a CSV through the page's uploader and see the fit; scrub with no rerun;
click the map of J(w, b) to start there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import click_plot_point, count_sent_frames, screenshot, scrub_player, wait_for_app

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parent / "corpus"


def test_default_view_renders(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression?predict=false")  # the run at once (asking first: test_browser_predict_pages_3_4.py)
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("converged").first.is_visible()
    screenshot(page, "regression-default")


def test_clicking_the_map_sets_the_start_and_the_url(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression?predict=false")  # before an answer the map is not drawn
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    click_plot_point(page, "t => t.legendgroup === 'start here'", 150)  # a node of the map's click grid
    page.wait_for_function("() => /[?&]w0=/.test(window.location.search) && /[?&]b0=/.test(window.location.search)", timeout=30_000)
    wait_for_app(page)
    w0 = float(page.get_by_role("spinbutton", name="Initial w").input_value())
    b0 = float(page.get_by_role("spinbutton", name="Initial b").input_value())
    assert (w0, b0) != (0.0, 0.0)
    assert "w0=" in page.url and "b0=" in page.url


def test_upload_through_the_page_and_scrub(page, app_url: str) -> None:
    sent = count_sent_frames(page)
    page.goto(f"{app_url}/regression?dataset=Upload+a+CSV&predict=false")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CORPUS / "good.csv"))
    page.get_by_text("good.csv").first.wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("R²").first.is_visible()
    page.wait_for_selector(".js-plotly-plot .slider-rail-rect", timeout=60_000)
    active, messages = scrub_player(page, 0.5, sent)
    assert active > 0, "moving the iteration slider changed nothing"
    assert messages == 0, "scrubbing sent a message to the server"
    screenshot(page, "regression-upload")


def test_bad_upload_message_in_browser(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression?dataset=Upload+a+CSV")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CORPUS / "all_text.csv"))
    page.wait_for_selector("[data-testid='stAlertContentError']", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
