"""Page 5's verdict: the kind from the fits (facts), then the words from the facts alone."""

from __future__ import annotations

import re

import pytest

from gd_core.log_verdict import NEAR_LIMIT, EntryFit, Finding, classify, headline, sentence


def fit(name: str, misfit: float, applicable: bool = True) -> EntryFit:
    worst = f"w at iteration 300: logged 1.95e+02, {name} gives 1.9{int(misfit) % 10}e+02"
    return EntryFit(name, misfit, 1e-3 * misfit, 1e-4 * misfit, None if misfit <= 1 else 300, worst,
                    applicable=applicable, agree=48 if misfit > 1 else 50, values=50)


@pytest.mark.parametrize(
    ("misfits", "kind", "alternatives"),
    [
        ((0.4, 800.0, 900.0), "match", ()),
        ((0.4, 0.9, 900.0), "tie", ("b",)),
        ((0.4, 0.7, 1.0), "tie", ("b", "c")),
        ((0.4, 2.5, 900.0), "close", ("b",)),
        ((0.4, NEAR_LIMIT, 900.0), "match", ()),  # 1.5 units off rounds two units away at a tie: not near
        ((1.8, 2.9, 900.0), "near", ("b",)),
        ((1.8, 40.0, 900.0), "near", ()),
        ((3.5, 40.0, 900.0), "none", ()),
    ],
)
def test_the_kind_comes_from_the_misfits(misfits: tuple[float, ...], kind: str, alternatives: tuple[str, ...]) -> None:
    ranking = tuple(fit(name, m) for name, m in zip("abc", misfits))
    assert classify(ranking) == (kind, tuple(f for f in ranking if f.name in alternatives))


def test_an_entry_that_does_not_apply_is_no_alternative() -> None:
    ranking = (fit("a", 0.4), fit("b", 0.5, applicable=False), fit("c", 900.0))
    assert classify(ranking) == ("match", ())


def finding(kind: str, misfits: tuple[float, ...], **facts) -> Finding:
    ranking = tuple(fit(name, m) for name, m in zip(("sequential update", "correct", "sign flipped"), misfits))
    found, alternatives = classify(ranking)
    assert found == kind
    return Finding(kind, ranking[0], ranking[1], alternatives, facts.get("leaves"), facts.get("tell", ()), facts.get("digits"))


def no_empty_slot(text: str) -> None:
    assert not re.search(r"\{|\}|\bNone\b(?! of these)|''|\(\)|  |\.\.|\bnan\b", text), text


CASES = {
    "match": finding("match", (0.4, 800.0)),
    "tie, another field tells": finding("tie", (0.4, 0.9), tell=("dj_db",)),
    "tie, more digits tell": finding("tie", (0.4, 0.9), digits=7),
    "tie, nothing tells": finding("tie", (0.4, 0.9)),
    "close": finding("close", (0.4, 2.5), digits=6),
    "near": finding("near", (1.8, 40.0)),
    "near, two": finding("near", (1.8, 2.9)),
    "none": finding("none", (30.0, 40.0), leaves=300),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_verdict_names_its_entries_and_fills_every_slot(case: str) -> None:
    said, fact = sentence(CASES[case]), CASES[case]
    no_empty_slot(said)
    assert f"'{fact.best.name}'" in said
    for other in fact.alternatives:
        assert f"'{other.name}'" in said
    if fact.kind in ("match", "none", "near"):
        assert fact.best.worst in said or fact.runner_up.worst in said
    assert headline(fact) == ("none of these" if fact.kind == "none" else
                              fact.best.name if fact.kind == "match" else f"probably {fact.best.name}")


def test_the_words_follow_the_facts() -> None:
    assert sentence(CASES["match"]).startswith("Your log matches 'sequential update': it agrees with every logged value")
    assert "The runner-up, 'correct', is off by up to 80%" in sentence(CASES["match"])
    assert sentence(CASES["tie, another field tells"]) == (
        "Your log is probably 'sequential update' or 'correct': both agree with every logged value to the digits printed."
        " Print dj_db too to tell them apart.")
    three = Finding("tie", fit("a", 0.1), fit("b", 0.2), (fit("b", 0.2), fit("c", 0.3)), None, ("cost", "dj_db"), None)
    assert sentence(three) == ("Your log is probably 'a', 'b' or 'c': all 3 agree with every logged value to the digits "
                               "printed. Print cost and dj_db too to tell them apart.")
    assert "print 7 significant digits (the format 0.6e) to tell them apart" in sentence(CASES["tie, more digits tell"])
    assert sentence(CASES["tie, nothing tells"]).endswith("On this data they print the same numbers: either mistake gives this log.")
    assert "'correct' reproduces them too, to within one unit of the last printed digit" in sentence(CASES["close"])
    assert "print 6 significant digits (the format 0.5e) to be sure" in sentence(CASES["close"])
    assert "no entry reproduces every printed digit, but 'sequential update' does to within one unit" in sentence(CASES["near"])
    assert "The next closest, 'correct', is off by up to" in sentence(CASES["near"])
    assert "'correct' comes as close" in sentence(CASES["near, two"])
    none = sentence(CASES["none"])
    assert none.startswith("None of these reproduces your log. It leaves the correct run at iteration 300.")
    assert "which reproduces 48 of the 50 logged values to the digits printed" in none
