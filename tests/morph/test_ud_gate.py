"""Regression gate: lemma accuracy on UD Kyrgyz treebanks (needs ../shared)."""

from __future__ import annotations

from kgtext.corpora.conllu import load_conllu
from kgtext.morph import Analyzer

# Figures measured with benchmarks/lemmas.py (case-insensitive); the gate allows 0.5 points.
KTMU_FITTED = 94.9
TUECL = 93.6


def _accuracy(path, analyzer: Analyzer) -> float:
    memo: dict[str, str] = {}
    n = ok = 0
    for sentence in load_conllu(path):
        for token in sentence.tokens:
            if token.lemma == "_":
                continue
            if token.form not in memo:
                memo[token.form] = analyzer.analyze(token.form)[0].lemma
            n += 1
            ok += memo[token.form].lower() == token.lemma.lower()
    return 100 * ok / n


def test_ktmu_train_accuracy(shared_dir) -> None:
    path = shared_dir / "corpora/ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"
    assert _accuracy(path, Analyzer()) >= KTMU_FITTED - 0.5


def test_tuecl_accuracy(shared_dir) -> None:
    path = shared_dir / "corpora/ud-kyrgyz-tuecl/ky_tuecl-ud-test.conllu"
    assert _accuracy(path, Analyzer()) >= TUECL - 0.5
