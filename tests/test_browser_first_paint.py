"""Real Chromium: what issue 26 drew later or lighter still works. The Link to this view is text
with a Copy button (ui.app.link_box), not st.code; page 4's data preview draws its table once it
is opened; no lesson's first load fetches Streamlit's syntax highlighter or data grid."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

LINK = "[data-testid='stSidebar'] .gdl-text"


def test_page_4_loads_no_highlighter_nor_grid_and_its_preview_and_link_work(page, app_url: str) -> None:
    scripts: list[str] = []
    page.on("requestfinished", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))
    page.goto(f"{app_url}/regression?alpha=0.02")
    wait_for_app(page, 90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert not [s for s in scripts if s.startswith(("StreamlitSyntaxHighlighter", "DataFrame."))], scripts
    assert page.locator("[data-testid='stCode']").count() == 0 and page.locator("[data-testid='stDataFrame']").count() == 0

    link = page.locator(LINK).first
    assert link.inner_text().startswith(f"{app_url}/regression?") and "alpha=0.02" in link.inner_text()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("[data-testid='stSidebar'] .gdl-copy").first.click()
    page.wait_for_function("() => document.querySelector('.gdl-said').textContent !== ''", timeout=10_000)
    said = page.locator("[data-testid='stSidebar'] .gdl-said").first.inner_text()
    assert said in ("Copied.", "Selected: press Ctrl+C (⌘C) to copy."), said
    if said == "Copied.":
        assert page.evaluate("navigator.clipboard.readText()") == link.inner_text()

    page.get_by_text("Preview: Course lab houses").click()
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)  # opened: the table is drawn
    wait_for_app(page, 90_000)
    assert page.locator("[data-testid='stException']").count() == 0
