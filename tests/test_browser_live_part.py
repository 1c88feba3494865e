"""Real Chromium: moving a lesson's control reruns only the page's live part (ui.app.page.live_part).

The browser asks the server for a fragment rerun (the rerun names the fragment), so the entry
script, the navigation and what the page drew before its controls are not redone. What the
control changes still follows it: the numbers on the page, the URL, the Link to this view (drawn
once, at the bottom of the sidebar, under the controls) and the note, under the title, on a
link value the page could not use.
"""

from __future__ import annotations

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

# page: (control's label, URL name, new value, a text on the page that the new value makes, if any)
CASES = {
    "intuition?predict=false": ("Learning rate α (alpha)", "alpha", "0.05", "0.05 × 8"),  # the written-out first update (shown at once)
    "learning_rate": ("Start w₀", "w0", "-1.2", None),
    "local_minimum": ("Learning rate α (alpha)", "alpha", "0.05", "α = 0.05"),
    "regression": ("Learning rate α", "alpha", "0.02", "0.02"),
    "debug": ("Learning rate α you used", "alpha", "0.02", None),
}

# The Link to this view: the sidebar's code block that is not inside an expander (the teacher's
# "Make a challenge from this view" panel writes its link in one).
LINK = "[data-testid='stSidebar'] .gdl-text:not([data-testid='stExpanderDetails'] .gdl-text)"


def sent_reruns(page) -> list:
    """Every rerun request the page sends from now on (decoded BackMsgs)."""
    reruns: list = []

    def read(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = BackMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "rerun_script":
                reruns.append(msg.rerun_script)

    page.on("websocket", lambda ws: ws.on("framesent", read))
    return reruns


@pytest.mark.parametrize("path", list(CASES))
def test_a_control_reruns_only_the_live_part_and_the_link_follows(page, app_url: str, path: str) -> None:
    label, name, value, shown = CASES[path]
    reruns = sent_reruns(page)
    page.goto(f"{app_url}/{path}" + ("?predict=false" if path == "debug" else ""))  # page 5: the pasted log, no exercise
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg, [data-testid='stVegaLiteChart']", timeout=60_000)
    title = page.locator("h1").first.inner_text()
    before = page.locator("[data-testid='stMain']").inner_text()
    reruns.clear()

    box = page.get_by_role("spinbutton", name=label)
    box.fill(value)
    box.press("Enter")
    page.wait_for_function(f"() => window.location.search.includes('{name}={value}')", timeout=20_000)
    wait_for_app(page)

    assert reruns, "changing the control sent no rerun"
    assert all(r.fragment_id for r in reruns), "the control's change reran the whole app, not the page's live part"
    links = page.locator(LINK)
    assert links.count() == 1, "the Link to this view was drawn more than once"
    page_controls = page.locator("[data-testid='stSidebar'] input:not([data-testid='stExpanderDetails'] input)").all()  # not the challenge panel's
    lowest_control = max(box.bounding_box()["y"] for box in page_controls)
    assert links.bounding_box()["y"] > lowest_control, "the Link to this view is not under the controls"
    assert f"{name}={value}" in links.inner_text()
    after = page.locator("[data-testid='stMain']").inner_text()
    assert after != before and (shown is None or shown in after)
    assert page.locator("h1").first.inner_text() == title  # what came before the live part stays
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"live-{path.split('?')[0]}")


def test_a_link_note_goes_once_the_control_is_set(page, app_url: str) -> None:
    """alpha=abc cannot be used: the page says so under its title, until the student sets α."""
    reruns = sent_reruns(page)
    page.goto(f"{app_url}/intuition?alpha=abc&w0=3")
    wait_for_app(page)
    note = page.get_by_text("This link asked for something the page cannot show")
    note.wait_for(timeout=30_000)
    assert "alpha = ‘abc’" in note.inner_text()
    reruns.clear()
    box = page.get_by_role("spinbutton", name="Learning rate α (alpha)")
    box.fill("0.05")
    box.press("Enter")
    page.wait_for_function("() => window.location.search.includes('alpha=0.05')", timeout=20_000)
    wait_for_app(page)
    assert reruns and all(r.fragment_id for r in reruns)
    note.wait_for(state="detached", timeout=10_000)
    assert "w0=3" in page.locator(LINK).inner_text()
