"""ui.cache.shared_cache: keyed by the arguments not named _..., bounded, values stored read-only;
and every cache lives in a module, never in a page (a page's script runs again every rerun)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from gd_core.curves import curve_from_expression
from ui.cache import runs
from ui.controls.curve import curve_id
from ui.cache.shared_cache import shared

ROOT = Path(__file__).resolve().parents[1]


def test_key_is_the_arguments_not_named_with_an_underscore() -> None:
    calls = []

    @shared(max_entries=8)
    def run(key: tuple, _curve: object, alpha: float, *, every_step: bool = False) -> float:
        calls.append((key, alpha, every_step))
        return alpha * 2

    assert run(("bowl",), object(), 0.1) == 0.2
    assert run(("bowl",), object(), 0.1, every_step=False) == 0.2  # another _curve: same key
    assert run(("bowl",), None, 0.1, every_step=True) == 0.2
    assert run(("wall",), None, 0.1) == 0.2
    assert calls == [(("bowl",), 0.1, False), (("bowl",), 0.1, True), (("wall",), 0.1, False)]
    assert run.cache_info() == (1, 3, 3)


def test_least_recently_used_goes_first() -> None:
    made = []

    @shared(max_entries=2)
    def square(x: int) -> int:
        made.append(x)
        return x * x

    for x in (1, 2, 1, 3, 1, 2):  # 2 is the least recently used when 3 arrives
        square(x)
    assert made == [1, 2, 3, 2]
    assert square.cache_info()[2] == 2


def test_values_are_stored_read_only() -> None:
    @dataclass(frozen=True)
    class Run:
        w: np.ndarray
        parts: tuple

    @shared(max_entries=2)
    def make(n: int) -> Run:
        return Run(w=np.arange(float(n)), parts=(np.zeros(2), [np.ones(2)]))

    run = make(3)
    for array in (run.w, run.parts[0], run.parts[1][0]):
        with pytest.raises(ValueError):
            array[0] = 7.0


def test_an_exception_is_not_cached() -> None:
    tries = []

    @shared(max_entries=2)
    def flaky(x: int) -> int:
        tries.append(x)
        if len(tries) == 1:
            raise RuntimeError("first call fails")
        return x

    with pytest.raises(RuntimeError):
        flaky(1)
    assert flaky(1) == 1 and tries == [1, 1]


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_no_page_defines_a_cache(page: Path) -> None:
    source = page.read_text()
    assert not re.search(r"@(shared|st\.cache_\w+)\b", source), f"{page.name}: define caches in a ui module, not in a page"


def test_bounded_in_bytes_too() -> None:
    @shared(max_entries=10, max_bytes=3 * 800)
    def zeros(n: int) -> np.ndarray:
        return np.zeros(100 * n)  # 800 bytes per n

    zeros(1), zeros(2)  # 800 + 1600 bytes: within the budget
    assert zeros.cache_info()[2] == 2
    zeros(1)  # a hit: 1 is now the most recently used
    zeros(3)  # 2400 more: 2, then 1, must go
    assert zeros.cache_info()[2] == 1
    hits = zeros.cache_info()[0]
    zeros(3)
    assert zeros.cache_info()[0] == hits + 1


def test_callers_of_a_new_key_wait_for_one_computation() -> None:
    started, release, made = threading.Event(), threading.Event(), []

    @shared(max_entries=4)
    def slow(x: int) -> int:
        made.append(x)
        started.set()
        release.wait(10)
        return x * 10

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(slow, 1)
        assert started.wait(10)
        others = [pool.submit(slow, 1) for _ in range(3)]
        release.set()
        assert [f.result(10) for f in [first, *others]] == [10] * 4
    assert made == [1]


def test_typed_formulas_that_print_alike_do_not_share_a_run() -> None:
    a, b = curve_from_expression("0.9999996*w**2"), curve_from_expression("1.0000004*w**2")
    assert a.latex == b.latex  # why a formula's LaTeX cannot name it in a cache key
    run_a, _ = runs.descent(curve_id(a), a, 1.0, 1.0, 200)
    run_b, _ = runs.descent(curve_id(b), b, 1.0, 1.0, 200)
    assert run_a.final_w != run_b.final_w
