"""Real Chromium on page 5's find-the-bug exercise, as a student from the lesson path meets it:
the log and the question first, nothing of the answer; commit, and the bug, its line, the fixed
code's log and both costs appear. Screenshots before and after go to artifacts/."""

from __future__ import annotations

import pytest

from gd_core.questions_debug import debug_context
from tests.conftest import screenshot, wait_for_app
from ui.app.lessons import BY_KEY

pytestmark = pytest.mark.browser
SEED = BY_KEY["debug"].defaults.seed


@pytest.mark.parametrize("size", [(1400, 1000), (390, 844)], ids=["laptop", "phone"])
def test_find_the_bug_before_and_after_the_commit(page, app_url: str, size: tuple[int, int]) -> None:
    context = debug_context(SEED)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/debug?ask=debug.mistake")
    wait_for_app(page)
    commit = page.get_by_role("button", name="Commit", exact=True)
    commit.wait_for(timeout=30_000)
    main = page.locator("[data-testid='stMain']")
    before = main.inner_text()
    assert context.log.splitlines()[0].split()[0] in before and "Cost 1.27e+05" in before  # the log is there
    assert "The bug:" not in before and "fixed code prints" not in before and context.entry.name not in before
    assert page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']:visible").count() == 0
    screenshot(page, f"find-the-bug-before-{size[0]}")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.get_by_text("the update adds α × gradient instead of subtracting it").click()
    commit.click()
    page.get_by_text(f"The bug: {context.entry.name}").wait_for(timeout=30_000)
    wait_for_app(page)
    after = main.inner_text()
    assert "Right. The mistake: the update adds α × gradient instead of subtracting it." in after
    assert "What the fixed code prints" in after and "Cost 3.05e+04" in after  # the fixed code's first line
    assert "b = b + alpha * dj_db" in after and "b = b - alpha * dj_db" in after
    assert page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']:visible").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"find-the-bug-after-{size[0]}")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.get_by_role("button", name="Next question", exact=True).click()
    page.get_by_text("In which function of the lab's code does the mistake sit?").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "ask=debug.function" in page.url
    assert "What the fixed code prints" not in main.inner_text()  # the same log, hidden again for the new question
    assert page.locator("[data-testid='stException']").count() == 0
