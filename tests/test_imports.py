"""Who may import whom: pages -> ui -> class_store -> gd_core, inside ui only downward, no import circle.

Every import statement is read from the source (``ast``), wherever it stands: at the top of a
module, inside a function (a function-level import is how a circle hides), or under
``if TYPE_CHECKING``. ``ui``'s sub-folders are ordered in ``UI_ORDER``, top first: a module may
import its own folder and the folders after its own, never one before. The checks are plain
functions over a graph, so the last tests plant a circle, an upward import and a gd_core -> ui
import in a made-up graph and see each one reported: a check that cannot fail would pass these
silently.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path
from tests.conftest import parse_source

ROOT = Path(__file__).resolve().parents[1]

# ui's folders, top first (README's Layout table lists them in this order).
UI_ORDER = ("views", "controls", "app", "patches", "cache", "charts", "words")
PACKAGES = ("pages", "ui", "class_store", "gd_core")  # class_store: the shared class database (issue 25), plain Python


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def imports_of(path: Path, known: Iterable[str]) -> set[str]:
    """The project modules ``path`` imports, at any depth of its code."""
    known = set(known)
    found = set()
    for node in ast.walk(parse_source(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from ui.cache import runs" imports the module ui.cache.runs; "from ui.app.page import x" ui.app.page.
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module for alias in node.names]
        else:
            continue
        found |= {name for name in names if name.split(".")[0] in PACKAGES}
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known) for name, path in known.items()}


def circles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Each import circle found (as the path that closes it), by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue  # a package's __init__ or a module outside the project
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def rank(module: str) -> tuple[int, int] | None:
    """(package rank, ui folder rank): pages above ui above class_store above gd_core; ui's folders by UI_ORDER."""
    parts = module.split(".")
    package = PACKAGES.index(parts[0])
    if parts[0] != "ui" or len(parts) < 3:
        return (package, 0) if parts[0] != "ui" or len(parts) == 1 else None
    return (package, UI_ORDER.index(parts[1]) if parts[1] in UI_ORDER else -1)


def upward(edges: Mapping[str, set[str]]) -> list[str]:
    """Every import that goes up (or sideways between packages the wrong way), as "a -> b"."""
    wrong = []
    for source, targets in sorted(edges.items()):
        here = rank(source)
        for target in sorted(targets):
            there = rank(target)
            if here is None or there is None:
                wrong.append(f"{source} -> {target} (a module directly in ui/, outside the ordered folders)")
            elif there[0] < here[0] or (there[0] == here[0] == 1 and there[1] < here[1]):
                wrong.append(f"{source} -> {target}")
    return wrong


# Circles known and allowed until they are gone (then this test fails until one is removed from
# here). None now: verdict and verdict_moving share gd_core.verdict_data.
KNOWN_CIRCLES: set[frozenset[str]] = set()


def test_no_import_circle() -> None:
    found = {frozenset(c): " -> ".join(c) for c in circles(graph())}
    new = [text for nodes, text in found.items() if nodes not in KNOWN_CIRCLES]
    assert not new, "import circles: " + "; ".join(new)
    assert not KNOWN_CIRCLES - set(found), "a known circle is gone: take it out of KNOWN_CIRCLES"


def test_imports_go_only_downward() -> None:
    wrong = upward({k: v for k, v in graph().items() if k != "ui"})
    assert not wrong, "imports that go up: " + "; ".join(wrong)


def test_every_ui_folder_is_ordered() -> None:
    folders = {p.name for p in (ROOT / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(UI_ORDER)
    assert [p.name for p in (ROOT / "ui").glob("*.py")] == ["__init__.py"], "every ui module lives in a folder"


def test_the_graph_is_read() -> None:
    # The checks above pass on an empty graph: make sure the real one is there, function-level imports included.
    edges = graph()
    assert "ui.app.choices" in edges["ui.app.link_check"]
    assert "ui.cache.runs" in edges["pages.intuition"]  # "from ui.cache import figures, runs"
    assert len(edges) > 60


def test_a_planted_circle_is_found() -> None:
    # The circle ui had before the folders: page -> link_check -> (in a function) controls -> page.
    tree = parse_source("def labels():\n    from ui.controls.curve import curve_label\n")
    assert any(isinstance(n, ast.ImportFrom) for n in ast.walk(tree))  # ast.walk reaches function bodies
    planted = {"ui.app.page": {"ui.app.link_check"}, "ui.app.link_check": {"ui.controls.curve"}, "ui.controls.curve": {"ui.app.page"}}
    assert [set(c) for c in circles(planted)] == [{"ui.app.page", "ui.app.link_check", "ui.controls.curve"}]
    assert circles({**planted, "ui.controls.curve": set()}) == []


def test_a_planted_upward_import_is_found() -> None:
    planted = {
        "ui.words.text": {"ui.charts.player"},  # words is below charts
        "gd_core.descent": {"ui.words.text"},  # the mathematics never imports ui
        "ui.charts.player": {"pages.intuition"},
        "ui.cache.runs": {"ui.cache.shared_cache", "gd_core.descent"},  # allowed: same folder, lower package
    }
    assert upward(planted) == ["gd_core.descent -> ui.words.text", "ui.charts.player -> pages.intuition", "ui.words.text -> ui.charts.player"]


def test_readme_lists_the_folders_in_the_import_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line.split("`")[1] for line in readme.splitlines() if line.startswith("| `ui/") and line.split("`")[1] != "ui/"]
    assert rows == [f"ui/{folder}/" for folder in UI_ORDER]


def test_class_store_sits_between_ui_and_gd_core() -> None:
    planted = {
        "ui.views.class_page": {"class_store.store"},  # allowed: ui above class_store
        "class_store.forms": {"gd_core.questions"},  # allowed: class_store above gd_core
        "class_store.store": {"ui.app.state"},  # the store never imports ui
        "gd_core.questions": {"class_store.forms"},  # the mathematics never imports the store
    }
    assert upward(planted) == ["class_store.store -> ui.app.state", "gd_core.questions -> class_store.forms"]
    assert "gd_core.questions" in graph()["class_store.forms"]


def test_class_store_is_plain_python() -> None:
    # The store runs in every replica and in deploy/serve.py: no Streamlit in it.
    for path in (ROOT / "class_store").rglob("*.py"):
        for node in ast.walk(parse_source(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.split(".")[0] == "streamlit"], f"{path.name} imports streamlit"
