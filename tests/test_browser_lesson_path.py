"""Real Chromium: one student walks the whole lesson path, on a laptop and on a phone.

From the home page's first question link, every one of the 20 questions (gd_core.questions
order) is answered and committed: the graded sentence and its "Why:" appear, the page shows the
outcome (the player on pages 1-4 and 6, the bug on page 5), and "Next question" / "Next: <lesson>"
opens the next question of the path, named in the URL's ask= (a lesson's first question is
left out of the URL, as a bound control's default is) and in the picker. At the end the run
ledger lists all 20. A screenshot per question goes to $PATH_SHOTS when it is set.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gd_core.questions import QUESTIONS, questions_for
from tests.test_browser_phone import HEIGHT, PHONE_UA, WIDTH

pytestmark = pytest.mark.browser

BOX = ".st-key-predict_box"
PLAYER = ".js-plotly-plot .updatemenu-button"
GRADED = f"{BOX} [data-testid='stAlertContentSuccess'], {BOX} [data-testid='stAlertContentWarning']"
SENTENCE = re.compile(r"^(Right|Not quite|\d+ of \d+ right)")  # a choice per item is graded "2 of 4 right. ..."
LEDGER = re.compile(rf"Your predictions: (\d+) of {len(QUESTIONS)} right")
OUTCOME = {"debug": "text=/^The bug: /"}  # what the answer reveals: the run's player, on page 5 the bug
WAIT = 90_000  # ms: a loaded 2-core machine can take long over a page's first run
SIZES = {
    "laptop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {"viewport": {"width": WIDTH, "height": HEIGHT}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2, "user_agent": PHONE_UA},
}

# The run is over: no running status, no placeholder, no element left from the run before.
IDLE = """() => !!document.querySelector('[data-testid="stMain"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && !document.querySelector('[data-stale="true"]')"""
# The question box asks ``title`` (its picker shows it), with its Commit button, and the run is over.
ASKING = """(title) => {
  const box = document.querySelector('.st-key-predict_box');
  const picker = box && box.querySelector('[data-testid="stSelectbox"] input');
  return !!picker && picker.value === title
    && [...box.querySelectorAll('button')].some(b => b.innerText.includes('Commit'));
}"""


def idle(page) -> None:
    page.wait_for_function(IDLE, timeout=WAIT)


def shoot(page, name: str) -> None:
    """The whole page into $PATH_SHOTS (Streamlit scrolls inside its main block: grow the window to it, then back)."""
    folder = os.environ.get("PATH_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for _ in range(2):  # twice: an expander still opening grows the page after the first look
        height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 80, 7000)})
        page.wait_for_timeout(800)  # Plotly redraws at the new size (only when screenshots are asked for)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), scale="css")
    page.set_viewport_size(size)


def asked_in_url(page) -> str | None:
    return parse_qs(urlparse(page.url).query).get("ask", [None])[0]


def pick_first(page, combobox) -> None:
    """Open a select box's list and pick its first option. Right after the page arrives its
    widgets can be drawn once more, which closes a list just opened: then open it again."""
    for _ in range(12):
        combobox.press("ArrowDown")
        try:
            page.get_by_role("option").first.wait_for(timeout=5_000)
            page.get_by_role("option").first.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the list of {combobox.get_attribute('aria-label')} does not open")


def answer(page, index: int) -> None:
    """Give a valid answer to the question on screen, whatever its form."""
    box = page.locator(BOX)
    radios = box.locator("[data-testid='stRadioOption']")
    number = box.locator("[data-testid='stTextInput'] input")
    if radios.count():
        radios.first.click()
        page.wait_for_function("() => !!document.querySelector('.st-key-predict_box [data-testid=\"stRadio\"] input:checked')", timeout=WAIT)
    elif number.count():
        number.fill(str(index + 1))  # some number (read when Commit is pressed)
    else:
        items = box.locator("[data-testid='stSelectbox']")  # the picker first, then one per item
        assert items.count() > 1, f"question {index + 1} has no answer form"
        for i in range(1, items.count()):
            idle(page)
            pick_first(page, items.nth(i).locator("input"))
            page.wait_for_function(
                "(i) => document.querySelectorAll('.st-key-predict_box [data-testid=\"stSelectbox\"] input')[i].value !== ''", arg=i, timeout=WAIT
            )
        idle(page)


def walk(page, app_url: str, size: str) -> None:
    page.goto(app_url)
    page.wait_for_selector("a[href*='ask=']", timeout=WAIT)
    assert page.locator("a[href*='ask=']").count() == len(QUESTIONS) == 20
    page.get_by_role("link", name=f"1. {QUESTIONS[0].title}").click()

    rights = 0
    for index, q in enumerate(QUESTIONS):
        where = f"question {index + 1} ({q.id}) at {size}"
        try:
            page.wait_for_function(ASKING, arg=q.title, timeout=WAIT)
        except PlaywrightTimeout:
            box = page.locator(BOX).inner_text() if page.locator(BOX).count() else "no question box"
            raise AssertionError(f"{where}: not asked; at {page.url}, the box says {box!r}") from None
        idle(page)
        assert urlparse(page.url).path.endswith(f"/{q.lesson}"), f"{where}: {page.url}"
        first = questions_for(q.lesson)[0].id == q.id
        assert asked_in_url(page) == (None if first else q.id), f"{where}: the URL asks {asked_in_url(page)}"
        outcome = page.locator(OUTCOME.get(q.lesson, PLAYER))
        assert outcome.count() == 0, f"{where}: the outcome shows before the answer"

        answer(page, index)
        page.locator(BOX).get_by_role("button", name="Commit").click()
        graded = page.locator(GRADED).first
        graded.wait_for(timeout=WAIT)
        sentence = graded.inner_text().split("\n")[-1].strip()  # (after the icon's name)
        assert SENTENCE.match(sentence), f"{where}: {sentence!r}"
        rights += sentence.startswith("Right")
        page.locator(BOX).get_by_text(re.compile(r"^Why: ")).wait_for(timeout=WAIT)
        outcome.first.wait_for(timeout=WAIT)
        idle(page)
        assert page.locator("[data-testid='stException']").count() == 0, f"{where}: a traceback"
        shoot(page, f"{size}-{index + 1:02d}-{q.id}")

        if index + 1 == len(QUESTIONS):
            assert page.locator(BOX).get_by_text("That was the last question of the lesson path").is_visible()
        elif QUESTIONS[index + 1].lesson == q.lesson:
            page.locator(BOX).get_by_role("button", name="Next question").click()
        else:
            page.locator(BOX).get_by_role("link", name=re.compile(r"^Next: ")).click()

    ledger = page.get_by_text(LEDGER)
    ledger.wait_for(timeout=WAIT)
    assert LEDGER.search(ledger.inner_text()).group(1) == str(rights)
    ledger.click()
    rows = page.locator("[data-testid='stExpander'] [data-testid='stMarkdownContainer']", has_text="you said")
    rows.first.wait_for(timeout=WAIT)
    listed = rows.all_inner_texts()
    assert len(listed) == len(QUESTIONS), listed
    assert all(any(row.startswith(q.title) for row in listed) for q in QUESTIONS), listed
    shoot(page, f"{size}-ledger")


@pytest.mark.parametrize("size", list(SIZES))
def test_one_student_walks_the_whole_path(browser, app_url: str, size: str) -> None:
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    try:
        walk(page, app_url, size)
    finally:
        context.close()
