"""Real Chromium: links, file names, column names and pastes that carry markdown, HTML and URLs
are shown as their characters: no link, image, bold text or maths made from them, and no
request to any host but the app's."""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

# Every payload holds the marker PWN, so whatever it turned into can be found.
LINK = "`[PWN link](https://evil.example/phish)`"
IMAGE = "![PWN](https://evil.example/t.png)"
MIXED = "**PWN bold** _PWN_ https://evil.example/PWN www.evil.example $PWN^2$ :material/home: PWN@evil.example"
HTML = '<a href="https://evil.example/p">PWN</a><img src="https://evil.example/i.png">'
PAYLOADS = (LINK, IMAGE, MIXED, HTML)

# Anything made from a payload: an element of markup that holds the marker in its text or attributes.
MADE_FROM_PAYLOAD = """() => {
  const marked = e => e.textContent.includes('PWN') || [...e.attributes].some(a => a.value.includes('PWN') || a.value.includes('evil.example'));
  const tags = 'a, img, strong, em, b, i, h1, h2, h3, h4, h5, h6, blockquote, li, table, .katex, [role=img]';
  const inDom = [...document.querySelectorAll(tags)].filter(marked).map(e => e.outerHTML.slice(0, 160));
  const offsite = [...document.querySelectorAll('a[href], img[src]')].map(e => e.href || e.src)
    .filter(u => u && !u.startsWith(location.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  return [...inDom, ...offsite];
}"""

# The text a reader sees, without the invisible word joiners ui.words.shown puts into autolinks.
SHOWN_TEXT = "() => document.body.innerText.replaceAll('\\u2060', '')"


@pytest.fixture()
def guarded(page, app_url: str):
    """The page, with every request to another host recorded (and refused)."""
    outside: list[str] = []
    host = urlsplit(app_url).netloc

    def route(request_route, request) -> None:
        if urlsplit(request.url).netloc != host:
            outside.append(request.url)
            request_route.abort()
        else:
            request_route.continue_()

    page.context.route("**/*", route)
    yield page, outside
    assert outside == [], f"requests left the app: {outside}"


def _check(page, *expected: str) -> None:
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate(MADE_FROM_PAYLOAD) == []
    text = page.evaluate(SHOWN_TEXT)
    for shown in expected:
        assert shown in text, f"{shown!r} is not shown as its characters"


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("intuition", {"alpha": LINK}, [LINK]),
        ("intuition", {"curve": IMAGE, MIXED: "1"}, [IMAGE, MIXED[:39] + "…"]),
        ("intuition", {"curve": "Your own formula", "expr": HTML[:60]}, ["That formula cannot be read"]),
        ("regression", {"dataset": IMAGE, "x": LINK, "y": MIXED}, [IMAGE, LINK]),
    ],
    ids=["alpha", "curve-and-name", "formula", "dataset-x-y"],
)
def test_link_values_and_names_are_text(guarded, app_url: str, path: str, params: dict[str, str], expected: list[str]) -> None:
    page, _ = guarded
    page.goto(f"{app_url}/{path}?{urlencode(params, quote_via=quote)}")
    page.get_by_text("PWN" if "expr" not in params else "That formula").first.wait_for(timeout=30_000)
    _check(page, *expected)


def _upload(page, app_url: str, name: str, body: str) -> None:
    page.goto(f"{app_url}/regression?dataset=Upload+a+CSV")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": body.encode()}]
    )
    page.get_by_text("PWN").first.wait_for(timeout=30_000)


def _csv(*columns: str, rows: int = 6, text_column: bool = False) -> str:
    header = ",".join('"' + c.replace('"', '""') + '"' for c in columns)
    lines = [",".join([*(f"{(i + 1) * (j + 1)}" for j in range(len(columns) - text_column)), *(["word"] if text_column else [])]) for i in range(rows)]
    return "\n".join([header, *lines]) + "\n"


def test_column_and_file_names_are_text(guarded, app_url: str) -> None:
    page, _ = guarded
    name = "[PWN](https:evil.example) **PWN** www.evil.example.csv"
    _upload(page, app_url, name, _csv(HTML, MIXED, LINK, text_column=True))
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    _check(page, name, "Left out 1 text column")
    axis_titles = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .xtitle, .js-plotly-plot .ytitle')].map(e => e.textContent)")
    assert any(title.startswith('<a href="https://evil.example/p">PWN') for title in axis_titles), axis_titles


def test_a_file_that_cannot_be_used_names_itself_as_text(guarded, app_url: str) -> None:
    page, _ = guarded
    _upload(page, app_url, "![PWN](https:evil.example).csv", _csv(IMAGE, rows=4))
    page.wait_for_selector("[data-testid='stAlertContentError']", timeout=30_000)
    _check(page, "![PWN](https:evil.example).csv", IMAGE[:20])


def test_a_pasted_log_is_text(guarded, app_url: str) -> None:
    page, _ = guarded
    page.goto(f"{app_url}/debug?predict=false")  # the pasted log alone, no exercise
    wait_for_app(page)
    box = page.get_by_role("textbox").first
    box.fill(f"Iteration 0: Cost {LINK} {HTML}")
    box.press("Control+Enter")
    page.wait_for_selector("[data-testid='stAlertContentError']", timeout=30_000)
    _check(page, "That log cannot be used")
