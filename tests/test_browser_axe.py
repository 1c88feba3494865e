"""axe-core (WCAG 2.0 / 2.1, levels A and AA) in real Chromium, on every page of the app.

Each page is opened with the questions off (predict=false), so the whole lesson is on screen;
page 2 is opened once more with its question box showing. The violations are printed by impact
(run with -s to read them; they are also written to artifacts/axe/<page>.json) and none may be
serious or critical. axe-playwright-python bundles axe-core; it runs inside the page, offline.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = ("critical", "serious", "moderate", "minor")
# (name, URL path and query): every page with its whole lesson showing, and one question box.
VIEWS = [
    ("home", ""),
    ("intuition", "intuition?predict=false"),
    ("learning_rate", "learning_rate?predict=false"),
    ("local_minimum", "local_minimum?predict=false"),
    ("regression", "regression?predict=false"),
    ("debug", "debug?predict=false"),
    ("learning_rate-question", "learning_rate"),
]


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it stands, for the WCAG 2.0/2.1 A and AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def by_impact(violations: list[dict]) -> dict[str, int]:
    """How many elements fail, per impact (an element failing two rules counts twice)."""
    counts: Counter[str] = Counter()
    for rule in violations:
        counts[rule["impact"] or "minor"] += len(rule["nodes"])
    return {impact: counts[impact] for impact in IMPACTS}


def summary(name: str, violations: list[dict]) -> str:
    lines = [f"axe {name}: " + ", ".join(f"{impact} {n}" for impact, n in by_impact(violations).items())]
    for rule in violations:
        target = rule["nodes"][0]["target"] if rule["nodes"] else ""
        lines.append(f"  {rule['impact']:<9} {rule['id']} x{len(rule['nodes'])}: {rule['help']} (first: {target})")
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "path"), VIEWS, ids=[name for name, _ in VIEWS])
def test_no_serious_or_critical_axe_violation(page, app_url: str, name: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page, 90_000)  # pages 3 and 4 take long to draw on a busy 2-core machine
    if name != "home":
        page.wait_for_selector(".js-plotly-plot .main-svg, [data-testid='stVegaLiteChart'], [data-testid='stTextArea']", timeout=60_000)
    if name.endswith("-question"):
        page.get_by_role("button", name="Commit").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    violations = axe_violations(page)
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(violations, indent=1))
    print("\n" + summary(name, violations))
    bad = [rule for rule in violations if rule["impact"] in ("serious", "critical")]
    assert not bad, summary(name, bad)
