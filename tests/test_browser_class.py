"""The class page in Chromium (issue 25): a teacher tab and three student tabs run a full round.

Two replicas behind HAProxy on loopback (deploy/serve.py), sharing one SQLite class store in a
temporary folder. Each tab is its own browser context (no shared cookie), so HAProxy spreads them
over both replicas: the class only works if the store, not a process, holds it. The teacher's
page (projector mode, 1400 x 1000) never has a button pressed to refresh it: its live spread and
the students' pages follow the class by themselves. After the re-vote is shown, every student
sees both rounds; the teacher's run survives a reload (its view is in the URL). Screenshots of
the teacher's projector view and of a phone's answer view go to artifacts/ (the README's two
in docs/screenshots/ are copies of class_teacher_run.png and class_phone_answer.png).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deploy.serve import haproxy_path
from ui.app import state

from tests.conftest import ARTIFACTS, screenshot, wait_for_app
from tests.test_proxy import consecutive_free_ports, start_proxy, stop_proxy

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
}
WAIT = 30_000  # ms: a page follows the class within a poll (2 s), on a busy machine within a few


def says(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=WAIT)


def projector(page, name: str) -> None:
    """What the projector shows: the 1400 x 1000 screen as it is (not the whole page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(1500)  # the chart's bars grow in
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def answer(page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Commit").click()
    says(page, "Kept.")


@pytest.fixture()
def class_servers(tmp_path: Path, monkeypatch):
    if haproxy_path() is None:
        if os.environ.get("CI"):
            pytest.fail("no haproxy found: CI must run the class test (apt-get install haproxy)")
        pytest.skip("no haproxy on this machine (apt-get install haproxy)")
    monkeypatch.delenv("GD_DATABASE_URL", raising=False)
    monkeypatch.setenv("GD_DATA_DIR", str(tmp_path / "data"))  # serve.py hands this store to both replicas
    port = consecutive_free_ports(3)
    proc = start_proxy(port, tmp_path / "serve.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        assert stop_proxy(proc) == 0


def test_a_teacher_and_three_students_run_a_full_round(browser, class_servers: str) -> None:
    url = class_servers
    teacher = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    teacher.goto(f"{url}/class?present=true")
    wait_for_app(teacher)
    teacher.get_by_role("button", name="Start a class").click()
    says(teacher, "Start round one")
    assert "teach=" in teacher.url
    teacher.get_by_role("button", name="Start round one").click()
    says(teacher, "Round 1: 0 answered")
    code = teacher.locator(".st-key-class_code p").nth(1).inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{6}", code), code
    assert teacher.locator("[data-testid='stImage'] img").count() == 1  # the QR code

    contexts = [browser.new_context(**PHONE), browser.new_context(viewport={"width": 1000, "height": 900}),
                browser.new_context(viewport={"width": 1000, "height": 900})]
    students = [c.new_page() for c in contexts]
    students[0].goto(url + "/class")  # the phone types the code
    wait_for_app(students[0])
    students[0].get_by_role("textbox", name="Join code").fill(code.lower())
    students[0].get_by_role("button", name="Join", exact=True).click()
    for s in students[1:]:
        s.goto(f"{url}/class?join={code}")  # the others follow the link (the QR code's)
    for s in students:
        says(s, "Which way will w move")
        assert "me=" in s.url and "teach" not in s.url
        assert s.get_by_role("button", name="Close the round").count() == 0
    replicas = {next(c["value"] for c in ctx.cookies() if c["name"] == "GDSERVER") for ctx in [teacher.context, *contexts]}
    assert replicas == {"r1", "r2"}, replicas  # the class spans both replicas

    for s, label in zip(students, ["w moves left (to a smaller w)", "w moves right (to a larger w)", "w stays where it is"]):
        answer(s, label)
    screenshot(students[0], "class_phone_answer")
    says(teacher, "Round 1: 3 answered")  # the live spread, with no click on the teacher's page
    projector(teacher, "class_teacher_live")

    teacher.get_by_role("button", name="Close the round").click()
    says(teacher, "Show the spread to the class")
    teacher.get_by_role("button", name="Show the spread to the class").click()
    for s in students:
        says(s, "The class's answers")  # each student's page follows by itself
    students[0].locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=WAIT)
    screenshot(students[0], "class_phone_spread")

    teacher.get_by_role("button", name="Start round two").click()
    for s in students:
        says(s, "Round 2")
        answer(s, "w moves left (to a smaller w)")
    says(teacher, "Round 2: 3 answered")
    teacher.get_by_role("button", name="Close the round").click()
    teacher.get_by_role("button", name="Show the spread to the class").click()
    for s in students:
        says(s, "Round 1: 3 answered · Round 2: 3 answered")  # both votes side by side, as on the projector
    screenshot(students[0], "class_phone_both_rounds")
    teacher.get_by_role("button", name="Run").click()
    says(teacher, "Round 2: 3 right answers of 3 (100%)")
    text = teacher.locator("body").inner_text()
    assert "Round 1: 1 right answer of 3 (33%)" in text, text[-800:]
    teacher.locator(".js-plotly-plot").first.wait_for(timeout=WAIT)
    assert teacher.locator(".js-plotly-plot").count() == 1  # the lesson's figure, playing the run
    assert teacher.locator(f".st-key-{state.CLASS_FIGURE} .gd-figure-2d.js-plotly-plot").count() == 1  # drawn with the basic bundle (issue 26)
    assert teacher.locator("[data-testid='stException']").count() == 0
    projector(teacher, "class_teacher_run")
    assert "run=2" in teacher.url
    teacher.reload()  # a reload (or a reconnect to the other replica) comes back to the run
    says(teacher, "Round 2: 3 right answers of 3 (100%)")
    assert teacher.locator("[data-testid='stException']").count() == 0
    for s in students:
        assert s.locator("[data-testid='stException']").count() == 0
    for ctx in [teacher.context, *contexts]:
        ctx.close()
