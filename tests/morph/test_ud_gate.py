"""Regression gate: lemma accuracy on UD Kyrgyz treebanks (needs ../shared).

Figures measured with ``PYTHONPATH=src python benchmarks/lemmas.py``; each gate allows
0.5 points below them. Exact match (capitals included) is the headline on KTMU, whose
conventions the lemmatiser follows; TueCL writes lemmas in lower case, so it is gated
case-insensitively.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kgtext.corpora.conllu import load_conllu
from kgtext.morph import Analyzer
from kgtext.morph.data import LexEntry

KTMU_HELD_OUT_EXACT = 92.6  # odd sentences, lexicon and ending rules built from the even ones
KTMU_FITTED_EXACT = 96.0
KTMU_FITTED_CI = 97.5
TUECL_CI = 92.2
ROOT = Path(__file__).resolve().parents[2]


def _accuracy(path, analyzer: Analyzer, keep=lambda i: True) -> tuple[float, float]:
    """``(case-insensitive, exact)`` accuracy in % over the kept sentences."""
    memo: dict[str, str] = {}
    n = ci = exact = 0
    for index, sentence in enumerate(load_conllu(path)):
        if not keep(index):
            continue
        for token in sentence.tokens:
            if token.lemma == "_":
                continue
            if token.form not in memo:
                memo[token.form] = analyzer.lemma(token.form)
            n += 1
            ci += memo[token.form].lower() == token.lemma.lower()
            exact += memo[token.form] == token.lemma
    return 100 * ci / n, 100 * exact / n


@pytest.fixture(scope="module")
def ktmu(shared_dir) -> Path:
    return shared_dir / "corpora/ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"


def test_ktmu_fitted_accuracy(ktmu) -> None:
    ci, exact = _accuracy(ktmu, Analyzer())
    assert ci >= KTMU_FITTED_CI - 0.5
    assert exact >= KTMU_FITTED_EXACT - 0.5


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"tools/{name}.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_ktmu_held_out_accuracy(ktmu) -> None:
    counts = _tool("build_lexicon").build(ktmu, "odd")
    rules = _tool("build_lemma_rules").learn(ktmu, "odd")
    lexicon = [LexEntry(lemma, pos, n) for (lemma, pos), n in counts.items()]
    analyzer = Analyzer(lexicon, rules=rules)
    _, exact = _accuracy(ktmu, analyzer, keep=lambda i: i % 2 == 1)
    assert exact >= KTMU_HELD_OUT_EXACT - 0.5


def test_tuecl_accuracy(shared_dir) -> None:
    path = shared_dir / "corpora/ud-kyrgyz-tuecl/ky_tuecl-ud-test.conllu"
    ci, _ = _accuracy(path, Analyzer())
    assert ci >= TUECL_CI - 0.5
