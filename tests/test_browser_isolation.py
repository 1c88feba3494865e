"""Two students upload different files at the same moment: each sees only their own data."""

from __future__ import annotations


import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

FILES = {
    # y = 2x + 1 and y = -3x + 5: the fitted w tells the two files apart.
    "student_a.csv": "hours,score\n" + "".join(f"{x},{2 * x + 1}\n" for x in range(1, 21)),
    "student_b.csv": "hours,score\n" + "".join(f"{x},{-3 * x + 5}\n" for x in range(1, 21)),
}
EXPECTED_W = {"student_a.csv": "2", "student_b.csv": "-3"}


def test_two_sessions_see_only_their_own_upload(browser, app_url: str, tmp_path) -> None:
    pages = {}
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        page = context.new_page()
        page.goto(f"{app_url}/regression?dataset=Upload+a+CSV&scale=true&alpha=0.5&iters=2000&predict=false")
        wait_for_app(page)
        pages[name] = page
    # Both uploads start before either finishes.
    for name, page in pages.items():
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(tmp_path / name))
    for name, page in pages.items():
        page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
        wait_for_app(page)
        w_value = page.locator("[data-testid='stMetric']").first.locator("[data-testid='stMetricValue']").inner_text()
        assert float(w_value) == pytest.approx(float(EXPECTED_W[name]), abs=1e-6), name
        other = next(n for n in FILES if n != name)
        body = page.locator("body").inner_text()
        assert name in body and other not in body
        assert page.locator("[data-testid='stException']").count() == 0
    for page in pages.values():
        page.context.close()
