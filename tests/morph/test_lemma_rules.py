"""The learned ending table (``lemma_rules.tsv``) and how the analyser uses it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kgtext.morph import Analyzer
from kgtext.morph.data import lemma_rules

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location(
        "build_lemma_rules", ROOT / "tools/build_lemma_rules.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_shipped_table_is_well_formed() -> None:
    rules = lemma_rules()
    assert len(rules) > 1000
    for ending, (total, edits) in rules.items():
        assert ending and total >= sum(edits.values()) > 0
        assert all(strip >= 0 for strip, _ in edits)


def test_rules_off_is_the_plain_analyser() -> None:
    # KTMU keeps the causative in чыгар (10 of 11): the learned term follows it
    assert Analyzer().lemma("чыгарды") == "чыгар"
    assert Analyzer(rules={}).lemma("чыгарды") == "чык"


def test_rules_rank_readings_only() -> None:
    # a table that prefers an edit no reading produces changes nothing
    rules = {"ды": (10, {(1, "xyz"): 10})}
    assert Analyzer(rules=rules).lemma("берди") == Analyzer(rules={}).lemma("берди")


def test_shipped_table_is_reproducible(shared_dir, tmp_path) -> None:
    tool = _tool()
    treebank = shared_dir / "corpora/ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"
    out = tmp_path / "lemma_rules.tsv"
    tool.write(tool.learn(treebank, None), out, "")
    shipped = ROOT / "src/kgtext/data/lemma_rules.tsv"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
