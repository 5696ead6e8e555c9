"""Regression gate: strict F1 on the dev half of the entity gold (ent-0001..ent-0120).

The test half (ent-0121..ent-0240) is held out; ``benchmarks/entities.py`` reports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtext.corpora import load_jsonl_spans
from kgtext.evaluate import score_spans

GOLD = Path(__file__).resolve().parents[2] / "corpora" / "entities" / "gold.jsonl"
#: Floors a little under the figures measured when the patterns were written.
FLOORS = {"ORG": 0.95, "PROGRAMME": 0.95, "DATE": 0.95, "LOC": 0.90}


def _dev():
    return [d for d in load_jsonl_spans(GOLD) if int(str(d.id).split("-")[-1]) <= 120]


@pytest.fixture(scope="module")
def dev_score(ents_nlp):
    docs = _dev()
    assert len(docs) == 120
    pred = [[(e.start_char, e.end_char, e.label_) for e in ents_nlp(d.text).ents] for d in docs]
    return score_spans(docs, pred)


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_dev_strict_f1(dev_score, label):
    assert dev_score.strict[label].f1 >= FLOORS[label]
