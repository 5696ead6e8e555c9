"""The seed article tokenised as a person would (read from ../shared at run time)."""

from __future__ import annotations

from kgtext import normalize, normalize_with_offsets
from kgtext.segment import tokenize


def test_seed_tokens(seed_text: str) -> None:
    tokens = tokenize(seed_text)
    words = [t.text for t in tokens]
    for expected in (
        "26-мартта",
        "Ала-Тоо",
        "эл-аралык",
        "ой-пикирлерин",
        "ЖОЖдор",
        "26.02.2025",
        "«",
        "»",
        "Программаны",
        "Ар",
        "УЛАНУУДА",
    ):
        assert expected in words, expected
    assert not any(w.startswith("УЛАНУУДА") and w != "УЛАНУУДА" for w in words)
    assert all(seed_text[t.start : t.end] == t.text for t in tokens)


def test_seed_normalised_keeps_a_way_back(seed_text: str) -> None:
    n = normalize_with_offsets(seed_text)
    assert "\u00a0" not in n.text and "  " not in n.text
    assert n.text == normalize(seed_text)
    for t in tokenize(n.text):
        start, end = n.to_original(t.start, t.end)
        assert normalize(seed_text[start:end]) == t.text
