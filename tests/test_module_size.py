"""No module in ui/ passes 250 lines (house style: a module that does is two ideas).

``too_long`` is checked on a planted module of 251 lines, so the test can fail.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 250


def too_long(texts: dict[str, str], limit: int = LIMIT) -> dict[str, int]:
    """The modules (name -> line count) over ``limit`` lines."""
    counts = {name: len(text.splitlines()) for name, text in texts.items()}
    return {name: n for name, n in counts.items() if n > limit}


def test_no_ui_module_passes_250_lines() -> None:
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "ui").rglob("*.py"))}
    assert len(texts) > 30  # the walk found ui's modules
    assert not too_long(texts), f"split these (lines): {too_long(texts)}"


def test_a_planted_long_module_is_found() -> None:
    planted = {"ui/short.py": "x = 1\n" * LIMIT, "ui/long.py": "x = 1\n" * (LIMIT + 1)}
    assert too_long(planted) == {"ui/long.py": LIMIT + 1}
