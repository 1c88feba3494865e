"""Real Chromium: predict, then see on pages 1 and 2 and the home page's lesson path.

What AppTest cannot show: a link's ask= opening its question, the URL following the question,
the player appearing only after a commit, Reopen putting back what the browser's controls show
(on the same page and from home), and Next leading to the next lesson with its question.
"""

from __future__ import annotations

import pytest

from tests.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
PLAYER = ".js-plotly-plot .updatemenu-button"
GHOST = "() => document.querySelector('.js-plotly-plot').data.filter(t => t.legendgroup === 'ghost').map(t => t.x[0])"


def alpha(page) -> float:
    return float(page.get_by_role("spinbutton", name="Learning rate α (alpha)").input_value())


def set_alpha(page, value: str) -> None:
    box = page.get_by_role("spinbutton", name="Learning rate α (alpha)")
    box.fill(value)
    box.press("Enter")
    page.wait_for_function(f"() => window.location.search.includes('alpha={value}')", timeout=20_000)
    wait_for_app(page)


def commit_number(page, value: str) -> None:
    page.get_by_role("textbox", name="Your answer (w)").fill(value)
    page.get_by_role("button", name="Commit").click()
    wait_for_app(page)


def test_a_question_from_a_link_hides_the_run_until_commit_and_reopen_puts_the_view_back(page, app_url: str) -> None:
    page.goto(f"{app_url}/intuition?ask=intuition.first_step")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.get_by_text("Where does the first update land?").is_visible()
    assert page.locator(PLAYER).count() == 0  # the start only: nothing to play
    assert page.get_by_text("converged in").count() == 0

    commit_number(page, "5.5")
    page.wait_for_selector(PLAYER, timeout=30_000)
    assert page.get_by_text("Not quite: you said w = 5.5").is_visible()
    assert page.evaluate(GHOST)[0] == 5.5  # the dashed line at the prediction
    assert page.get_by_text("converged in 21 iterations").first.is_visible()
    screenshot(page, "predict-page1-after")

    set_alpha(page, "0.3")  # a new run: hidden again, until a new commit
    assert page.locator(PLAYER).count() == 0 and page.get_by_role("button", name="Commit").is_visible()

    page.get_by_text("Your predictions: 0 of 1 right").click()
    page.get_by_role("button", name="Reopen").click()
    wait_for_app(page)
    page.wait_for_selector(PLAYER, timeout=30_000)
    assert alpha(page) == 0.1 and "alpha=" not in page.url and "ask=intuition.first_step" in page.url
    assert page.get_by_text("Not quite: you said w = 5.5").is_visible()

    # From home: the path's link opens page 1 on its question; Reopen there comes back to this view.
    set_alpha(page, "0.3")
    page.get_by_role("link", name="Start here").first.click()
    wait_for_app(page)
    page.get_by_text("Your predictions: 0 of 1 right").click()
    page.get_by_role("button", name="Reopen").click()
    wait_for_app(page)
    page.wait_for_selector(PLAYER, timeout=30_000)
    assert "/intuition" in page.url and alpha(page) == 0.1
    assert page.locator("[data-testid='stException']").count() == 0


def test_next_goes_on_along_the_path_and_a_bad_ask_gets_the_note(page, app_url: str) -> None:
    page.goto(f"{app_url}/intuition?ask=nope")
    wait_for_app(page)
    assert page.get_by_text("This link asked for something the page cannot show").is_visible()
    assert page.locator("[data-testid='stException']").count() == 0

    page.goto(f"{app_url}/intuition?ask=intuition.cost_down")
    wait_for_app(page)
    page.locator("[data-testid='stRadio']").get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Commit").click()
    wait_for_app(page)
    page.get_by_role("button", name="Next question").click()  # same page: the next question, in the URL
    page.wait_for_function("() => window.location.search.includes('ask=intuition.iterations')", timeout=20_000)
    wait_for_app(page)
    page.get_by_role("button", name="Just show me").click()
    wait_for_app(page)
    page.get_by_role("link", name="Next: 2. Learning rate pitfalls").click()  # the next lesson, on its first question
    page.wait_for_function("() => window.location.pathname.endsWith('/learning_rate')", timeout=20_000)
    wait_for_app(page)
    assert page.get_by_text("what will each learning rate do?").is_visible()
    assert page.locator(PLAYER).count() == 0
    screenshot(page, "predict-page2-before")
