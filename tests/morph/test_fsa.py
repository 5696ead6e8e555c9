"""The shipped suffix automaton (``data/morph_fsa.tsv``) is the one the grammar gives."""

from __future__ import annotations

import pytest

from kgtext.morph import fsa
from kgtext.morph.analyzer import Analyzer


def test_shipped_table_matches_a_fresh_build() -> None:
    shipped = fsa._read_table()
    assert shipped is not None, "morph_fsa.tsv is missing or stale: python -m kgtext.morph.fsa"
    assert shipped == fsa.build_suffix_fsa()


def test_stale_table_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fsa, "grammar_digest", lambda: "another grammar")
    assert fsa._read_table() is None


def test_written_table_reads_back(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "morph_fsa.tsv"
    fsa.write_fsa(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    monkeypatch.setattr(fsa, "data_lines", lambda name: iter(lines))
    assert fsa._read_table() == fsa.build_suffix_fsa()


def test_automaton_covers_the_suffixes() -> None:
    pieces, prefixes, _, longest = fsa.suffix_fsa()
    # plural, possessive + genitive, the voiced -лык before a vowel
    for piece in ("лар", "дөр", "ы", "нын", "лыг"):
        assert piece in pieces
    assert {p[:1] for p in pieces} <= prefixes
    assert longest == max(map(len, pieces))
    analyzer = Analyzer()
    assert analyzer._mask("лардын") & fsa.NOUN_BIT
    assert analyzer._mask("щщщ") == 0
