"""Scorers: hand-computed cases, properties, and agreement with scikit-learn / seqeval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgtext.corpora import tokens_to_spans
from kgtext.evaluate import (
    PRF,
    boundaries,
    map_label,
    score_boundaries,
    score_boundaries_corpus,
    score_lemmas,
    score_passages,
    score_spans,
)

SRC = Path(__file__).resolve().parents[2] / "src"

# ------------------------------------------------------------------ boundaries


def test_boundaries_hand_computed() -> None:
    text = "Бишкекте жаңы мектеп ачылды."
    gold = [(0, 8), (9, 13), (14, 20), (21, 27), (27, 28)]
    # "жаңы мектеп" glued (13, 14 missed), "ачылды." split inside the word (25 false)
    # and glued to its period (27 missed)
    pred = [(0, 8), (9, 20), (21, 25), (25, 28)]
    score = score_boundaries(gold, pred, text=text, doc_id="d")
    assert (score.gold, score.predicted, score.correct) == (9, 7, 6)
    assert (score.missed, score.false) == (3, 1)
    assert score.errors_per_1000 == pytest.approx(1000 * 4 / 9)
    assert score.precision == pytest.approx(6 / 7)
    assert score.recall == pytest.approx(6 / 9)
    assert score.f1 == pytest.approx(2 * 6 / 16)
    kinds = [(e.kind, e.offset) for e in score.examples]
    assert kinds == [("missed", 13), ("missed", 14), ("false", 25), ("missed", 27)]
    assert score.examples[0].context == "Бишкекте жаңы| мектеп ачылды."
    assert score.examples[0].doc_id == "d"
    assert json.dumps(score.to_dict())


def test_corpus_sums_documents() -> None:
    one = score_boundaries([(0, 2)], [(0, 1), (1, 2)])
    two = score_boundaries([(0, 3), (4, 6)], [(0, 3), (4, 6)])
    total = score_boundaries_corpus(
        [[(0, 2)], [(0, 3), (4, 6)]], [[(0, 1), (1, 2)], [(0, 3), (4, 6)]]
    )
    assert (total.gold, total.predicted, total.correct, total.documents) == (6, 7, 6, 2)
    assert (one + two).to_dict() == total.to_dict()
    with pytest.raises(ValueError, match="1 gold documents but 2"):
        score_boundaries_corpus([[]], [[], []])


def sorted_spans(offsets: list[int]) -> list[tuple[int, int]]:
    points = sorted(set(offsets))
    return list(zip(points[::2], points[1::2], strict=False))


span_lists = st.lists(st.integers(0, 60), max_size=20).map(sorted_spans)


@given(span_lists)
def test_gold_against_itself_is_perfect(spans) -> None:
    score = score_boundaries(spans, spans)
    assert score.missed == score.false == 0
    assert score.errors_per_1000 == 0
    if spans:
        assert score.precision == score.recall == score.f1 == 1.0


@given(span_lists, span_lists)
def test_errors_are_symmetric(gold, pred) -> None:
    forward = score_boundaries(gold, pred)
    backward = score_boundaries(pred, gold)
    assert forward.missed == backward.false
    assert forward.false == backward.missed
    assert forward.correct == backward.correct == len(boundaries(gold) & boundaries(pred))
    assert forward.precision == backward.recall


# ---------------------------------------------------------------------- lemmas


def test_lemmas_hand_computed() -> None:
    gold = [
        ("Бишкекте", "Бишкек", "PROPN"),
        ("мектептер", "мектеп", "NOUN"),
        ("мектептер", "мектеп", "NOUN"),
        ("ачылды", "ачыл", "VERB"),
        (".", ".", "PUNCT"),
        ("жатабы", "_", "_"),
    ]
    predicted = ["бишкек", "мектептер", "мектептер", "ачыл", ".", "x"]
    score = score_lemmas(gold, predicted)
    assert score.overall.total == 5 and score.skipped == 1
    assert score.accuracy == pytest.approx(2 / 5)
    assert score.accuracy_ci == pytest.approx(3 / 5)
    assert score.by_upos["NOUN"].accuracy == 0.0
    assert score.by_upos["PROPN"].accuracy_ci == 1.0
    assert score.by_upos["VERB"].accuracy == 1.0
    top = score.errors[0]
    assert (top.form, top.gold, top.predicted, top.upos, top.count) == (
        "мектептер",
        "мектеп",
        "мектептер",
        "NOUN",
        2,
    )
    assert not top.case_only and score.errors[1].case_only
    assert json.dumps(score.to_dict())


def test_lemmas_accept_token_objects_and_check_length() -> None:
    from kgtext.corpora import ConlluToken

    token = ConlluToken(1, "Ошто", "Ош", "PROPN", "_", "_", 0, "root", "_", "_")
    assert score_lemmas([token], ["Ош"]).accuracy == 1.0
    with pytest.raises(ValueError, match="1 gold tokens but 0"):
        score_lemmas([token], [])


# ----------------------------------------------------------------------- spans


def test_spans_strict_and_partial() -> None:
    # "Билим берүү министрлиги Бишкекте жыйын өткөрдү"
    gold = [(0, 23, "ORG"), (24, 32, "LOC")]
    pred = [(6, 23, "ORG"), (24, 32, "LOC"), (33, 38, "EVENT")]
    score = score_spans([gold], [pred])
    assert score.strict["LOC"] == PRF(1, 0, 0)
    assert score.strict["ORG"] == PRF(0, 1, 1)
    assert score.strict["EVENT"] == PRF(0, 1, 0)
    assert score.partial["ORG"] == PRF(1, 0, 0)
    assert score.strict_micro == PRF(1, 2, 1)
    assert score.partial_micro == PRF(2, 1, 0)
    assert score.strict_macro["f1"] == pytest.approx((1.0 + 0.0 + 0.0) / 3)
    assert json.dumps(score.to_dict())
    kinds = sorted(e.kind for e in score.errors)
    assert kinds == ["boundary", "spurious"]


def test_partial_matches_each_gold_once() -> None:
    gold = [(0, 10, "ORG")]
    pred = [(0, 4, "ORG"), (5, 10, "ORG")]
    score = score_spans([gold], [pred])
    assert score.partial["ORG"] == PRF(1, 1, 0)
    # a same-label overlap is required
    assert score_spans([gold], [[(0, 10, "LOC")]]).partial["ORG"] == PRF(0, 0, 1)


def test_label_map_applies_to_both_sides() -> None:
    gold = [(0, 4, "GPE"), (5, 9, "MISC")]
    pred = [(0, 4, "LOC"), (5, 9, "PER")]
    score = score_spans([gold], [pred], label_map={"GPE": "LOC", "MISC": None, "PER": "O"})
    assert score.labels == ("LOC",)
    assert score.strict_micro == PRF(1, 0, 0)
    assert map_label("X", {"X": ""}) is None


def test_span_objects_and_context() -> None:
    from kgtext.corpora import Span, SpanDoc

    gold = SpanDoc("d", "Ош шаарында", (Span(0, 2, "LOC"),))
    pred = SpanDoc("d", "Ош шаарында", ())
    score = score_spans([gold], [pred])
    assert score.errors[0].kind == "missed"
    assert score.errors[0].context == "[Ош] шаарында"
    with pytest.raises(ValueError, match="1 gold documents but 2"):
        score_spans([gold], [pred, pred])


LABELS = ("LOC", "ORG", "PER")


@st.composite
def iob2(draw, length):
    tags: list[str] = []
    for _ in range(length):
        choice = draw(st.sampled_from(["O", "O", "B", "I"]))
        if choice == "I" and tags and tags[-1] != "O":
            tags.append("I-" + tags[-1][2:])
        elif choice in ("B", "I"):
            tags.append("B-" + draw(st.sampled_from(LABELS)))
        else:
            tags.append("O")
    return tags


@st.composite
def tagged_corpus(draw):
    lengths = draw(st.lists(st.integers(1, 10), min_size=1, max_size=6))
    gold = [draw(iob2(n)) for n in lengths]
    pred = [draw(iob2(n)) for n in lengths]
    return lengths, gold, pred


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # seqeval on all-O input
@settings(max_examples=150, deadline=None)
@given(tagged_corpus())
def test_strict_spans_agree_with_seqeval(case) -> None:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    lengths, gold_tags, pred_tags = case
    words = ["Ош", "шаары", "ЖОЖ", "мектеп", "Айгүл"]
    gold_docs, pred_docs = [], []
    for n, g, p in zip(lengths, gold_tags, pred_tags, strict=True):
        tokens = [words[i % len(words)] for i in range(n)]
        gold_docs.append(tokens_to_spans(tokens, g)[1])
        pred_docs.append(tokens_to_spans(tokens, p)[1])
    ours = score_spans(gold_docs, pred_docs)
    report = classification_report(
        gold_tags, pred_tags, mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    for label in LABELS:
        if label in report:
            prf = ours.strict[label]
            assert prf.precision == pytest.approx(report[label]["precision"])
            assert prf.recall == pytest.approx(report[label]["recall"])
            assert prf.f1 == pytest.approx(report[label]["f1-score"])
            assert prf.support == report[label]["support"]
        else:
            assert label not in ours.labels or ours.strict[label].support == 0
    if ours.labels:
        micro = ours.strict_micro
        assert micro.precision == pytest.approx(report["micro avg"]["precision"])
        assert micro.recall == pytest.approx(report["micro avg"]["recall"])
        assert micro.f1 == pytest.approx(report["micro avg"]["f1-score"])
        assert ours.strict_macro["f1"] == pytest.approx(report["macro avg"]["f1-score"])


# -------------------------------------------------------------------- passages

SECTORS = ("preschool", "school", "out_of_school", "teacher_training", "professional")


def test_passages_hand_computed() -> None:
    gold = [{"school"}, {"school", "preschool"}, set(), {"professional"}]
    pred = [{"school"}, {"school"}, set(), {"school"}]
    score = score_passages(gold, pred, labels=SECTORS)
    assert score.exact_match == pytest.approx(2 / 4)
    assert score.samples_jaccard == pytest.approx((1 + 0.5 + 1 + 0) / 4)
    assert score.per_label["school"] == PRF(2, 1, 0)
    assert score.per_label["preschool"] == PRF(0, 0, 1)
    assert score.micro == PRF(2, 1, 2)
    assert score.threshold is None
    assert [e.index for e in score.errors] == [3, 1]
    assert json.dumps(score.to_dict())


def test_threshold_is_applied_and_stated() -> None:
    gold = [{"school"}, set(), {"preschool"}]
    probs = [{"school": 0.8, "preschool": 0.1}, {"school": 0.55}, {"preschool": 0.4}]
    default = score_passages(gold, probs)
    assert default.threshold == 0.5
    assert default.per_label["school"] == PRF(1, 1, 0)
    per_label = score_passages(gold, probs, threshold={"school": 0.6, "preschool": 0.3})
    assert per_label.threshold == {"preschool": 0.3, "school": 0.6}
    assert per_label.exact_match == 1.0
    with pytest.raises(ValueError, match="mix"):
        score_passages(gold, [{"school": 1.0}, ["school"], []])


label_sets = st.lists(st.sets(st.sampled_from(SECTORS), max_size=3), min_size=1, max_size=25)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_passages_agree_with_sklearn(data) -> None:
    import numpy as np
    from sklearn.metrics import (
        accuracy_score,
        f1_score,
        jaccard_score,
        precision_recall_fscore_support,
    )
    from sklearn.preprocessing import MultiLabelBinarizer

    gold = data.draw(label_sets)
    pred = data.draw(
        st.lists(
            st.sets(st.sampled_from(SECTORS), max_size=3), min_size=len(gold), max_size=len(gold)
        )
    )
    ours = score_passages(gold, pred, labels=SECTORS)
    binarizer = MultiLabelBinarizer(classes=list(SECTORS))
    y_true = binarizer.fit_transform(gold)
    y_pred = binarizer.transform(pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
    for i, label in enumerate(SECTORS):
        assert ours.per_label[label].precision == pytest.approx(p[i])
        assert ours.per_label[label].recall == pytest.approx(r[i])
        assert ours.per_label[label].f1 == pytest.approx(f[i])
        assert ours.per_label[label].support == s[i]
    assert ours.micro.f1 == pytest.approx(
        f1_score(y_true, y_pred, average="micro", zero_division=0)
    )
    assert ours.macro_f1 == pytest.approx(
        f1_score(y_true, y_pred, average="macro", zero_division=0)
    )
    assert ours.exact_match == pytest.approx(accuracy_score(y_true, y_pred))
    expected_jaccard = jaccard_score(y_true, y_pred, average="samples", zero_division=1.0)
    assert ours.samples_jaccard == pytest.approx(expected_jaccard)
    assert np.isfinite(ours.samples_jaccard)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_pr_curves_agree_with_sklearn(data) -> None:
    from sklearn.metrics import average_precision_score, precision_recall_curve

    n = data.draw(st.integers(2, 30))
    gold = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    scores = data.draw(
        st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]), min_size=n, max_size=n)
    )
    gold_sets = [{"school"} if g else set() for g in gold]
    probs = [{"school": s} for s in scores]
    ours = score_passages(gold_sets, probs, labels=["school"])
    if not any(gold):
        assert "school" not in ours.curves
        return
    curve = ours.curves["school"]
    assert curve.average_precision == pytest.approx(average_precision_score(gold, scores))
    precision, recall, thresholds = precision_recall_curve(gold, scores)
    points = dict(
        zip(curve.thresholds, zip(curve.precision, curve.recall, strict=True), strict=True)
    )
    for p, r, t in zip(precision[:-1], recall[:-1], thresholds, strict=True):
        assert points[t] == (pytest.approx(p), pytest.approx(r))


def test_import_is_light() -> None:
    code = (
        "import sys, kgtext.evaluate, kgtext.corpora, kgtext.commands.evaluate, kgtext.report;"
        "heavy = [m for m in ('spacy', 'matplotlib', 'sklearn') if m in sys.modules];"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(SRC)})
