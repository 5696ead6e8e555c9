"""Regression gate: boundary errors on UD Kyrgyz may not rise above the committed figures.

The figures are errors per 1,000 gold boundaries (see kgtext.evaluate.score_boundaries),
measured with ``python benchmarks/segmentation.py``; the gate allows no increase.
"""

from __future__ import annotations

from kgtext.corpora import conllu_document, conllu_token_spans, load_conllu
from kgtext.evaluate import score_boundaries_corpus
from kgtext.segment import sentenize, tokenize
from kgtext.segment.tokenize import ud_tokens

# corpus -> (kgtext tokens, kgtext UD number view, sentences)
COMMITTED = {
    "ktmu": (9.60, 3.87, 4.77),
    "tuecl": (5.46, 5.46, 0.0),
}


def _token_errors(path, tok) -> float:
    sentences = list(load_conllu(path))
    gold = [conllu_token_spans(s) for s in sentences]
    pred = [[(t.start, t.end) for t in tok(s.text)] for s in sentences]
    return score_boundaries_corpus(gold, pred).errors_per_1000


def _sentence_errors(path) -> float:
    text, _tokens, sentences = conllu_document(path)
    pred = [(s.start, s.end) for s in sentenize(text)]
    return score_boundaries_corpus([sentences], [pred]).errors_per_1000


def test_ktmu(ktmu_path) -> None:
    tokens, ud_view, sents = COMMITTED["ktmu"]
    assert _token_errors(ktmu_path, tokenize) <= tokens + 0.005
    assert _token_errors(ktmu_path, ud_tokens) <= ud_view + 0.005
    assert _sentence_errors(ktmu_path) <= sents + 0.005


def test_tuecl(tuecl_path) -> None:
    tokens, ud_view, sents = COMMITTED["tuecl"]
    assert _token_errors(tuecl_path, tokenize) <= tokens + 0.005
    assert _token_errors(tuecl_path, ud_tokens) <= ud_view + 0.005
    assert _sentence_errors(tuecl_path) <= sents + 0.005
