"""Real Chromium: upload a CSV through the page's uploader and see the fit; scrub with no rerun."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import count_sent_frames, screenshot, scrub_chart_slider, wait_for_app

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parent / "corpus"


def test_default_view_renders(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("converged").first.is_visible()
    screenshot(page, "regression-default")


def test_upload_through_the_page_and_scrub(page, app_url: str) -> None:
    sent = count_sent_frames(page)
    page.goto(f"{app_url}/regression?dataset=Upload+a+CSV")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CORPUS / "good.csv"))
    page.get_by_text("good.csv").first.wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("R²").first.is_visible()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    changed, messages = scrub_chart_slider(page, chart, 1, sent)
    assert changed, "moving the iteration slider changed nothing in the chart"
    assert messages == 0, "scrubbing sent a message to the server"
    screenshot(page, "regression-upload")


def test_bad_upload_message_in_browser(page, app_url: str) -> None:
    page.goto(f"{app_url}/regression?dataset=Upload+a+CSV")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CORPUS / "all_text.csv"))
    page.wait_for_selector("[data-testid='stAlertContentError']", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
