"""Scorers shared by ``kgtext evaluate``, the tests and the benchmarks.

Pure functions over plain data (offsets, labels, label sets) that return frozen
dataclasses with a ``to_dict()`` for JSON. Importing this module imports neither
spaCy nor matplotlib.

Segmentation is scored on **boundaries**: the boundaries of a document are the
set of every start and every end offset of its spans (tokens or sentences). A
*missed split* is a gold boundary that was not predicted; a *false split* is a
predicted boundary that is not in the gold. Errors are reported per 1,000 gold
boundaries: ``1000 * (missed + false) / gold``; boundary precision is
``correct / predicted``, recall ``correct / gold``.

Examples
--------
>>> score = score_boundaries([(0, 4), (5, 11)], [(0, 4), (5, 8), (8, 11)], text="Ошто мектеп")
>>> score.gold, score.predicted, score.correct, score.missed, score.false
(4, 5, 4, 0, 1)
>>> round(score.errors_per_1000, 1), score.examples[0].context
(250.0, 'Ошто мек|теп')
>>> s = score_spans([[(0, 4, "LOC")]], [[(0, 4, "LOC"), (5, 11, "ORG")]])
>>> s.strict_micro.precision, s.strict_micro.recall
(0.5, 1.0)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "PRF",
    "BoundaryError",
    "BoundaryScore",
    "LemmaError",
    "LemmaScore",
    "PRCurve",
    "PassageError",
    "PassageScore",
    "SpanError",
    "SpanScore",
    "UposScore",
    "boundaries",
    "map_label",
    "score_boundaries",
    "score_boundaries_corpus",
    "score_lemmas",
    "score_passages",
    "score_spans",
]


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


# --------------------------------------------------------------------- PRF


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives, with P/R/F1.

    Zero denominators give 0.0 (scikit-learn's ``zero_division=0``).

    Examples
    --------
    >>> PRF(tp=3, fp=1, fn=2).to_dict()
    {'tp': 3, 'fp': 1, 'fn': 2, 'support': 5, 'precision': 0.75, 'recall': 0.6, 'f1': 0.6667}
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Number of gold items (``tp + fn``)."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return _div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        """Counts and rounded metrics."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
        }


def _context(text: str | None, start: int, end: int, width: int, marker: str = "") -> str:
    if text is None:
        return ""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    middle = text[start:end]
    if marker:
        middle = marker if start == end else f"[{middle}]"
    return (left + middle + right).replace("\n", "⏎")


# -------------------------------------------------------------- boundaries


def boundaries(spans: Iterable[Sequence[int]]) -> set[int]:
    """Return the set of every start and end offset of ``spans``.

    Examples
    --------
    >>> sorted(boundaries([(0, 4), (5, 11), (11, 12)]))
    [0, 4, 5, 11, 12]
    """
    result: set[int] = set()
    for span in spans:
        result.add(int(span[0]))
        result.add(int(span[1]))
    return result


@dataclass(frozen=True)
class BoundaryError:
    """One boundary error: ``kind`` is ``"missed"`` (split) or ``"false"`` (split).

    ``context`` shows the text around ``offset`` with ``|`` at the boundary.
    """

    kind: str
    offset: int
    doc_id: str | None = None
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BoundaryScore:
    """Boundary counts for one document or a whole corpus (scores add with ``+``).

    A *missed split* is a gold boundary that was not predicted; a *false split* is
    a predicted boundary not in the gold (see the module docstring).
    """

    gold: int = 0
    predicted: int = 0
    correct: int = 0
    documents: int = 0
    examples: tuple[BoundaryError, ...] = field(default=(), repr=False)

    @property
    def missed(self) -> int:
        """Gold boundaries not predicted (missed splits)."""
        return self.gold - self.correct

    @property
    def false(self) -> int:
        """Predicted boundaries not in the gold (false splits)."""
        return self.predicted - self.correct

    @property
    def precision(self) -> float:
        return _div(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _div(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return _div(2 * self.correct, self.gold + self.predicted)

    @property
    def errors_per_1000(self) -> float:
        """``1000 * (missed + false) / gold``."""
        return _div(1000 * (self.missed + self.false), self.gold)

    @property
    def missed_per_1000(self) -> float:
        return _div(1000 * self.missed, self.gold)

    @property
    def false_per_1000(self) -> float:
        return _div(1000 * self.false, self.gold)

    def __add__(self, other: BoundaryScore) -> BoundaryScore:
        return BoundaryScore(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.correct + other.correct,
            self.documents + other.documents,
            self.examples + other.examples,
        )

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        """Counts and rounded metrics (examples are left out; see ``examples``)."""
        return {
            "documents": self.documents,
            "gold_boundaries": self.gold,
            "predicted_boundaries": self.predicted,
            "correct": self.correct,
            "missed_splits": self.missed,
            "false_splits": self.false,
            "errors_per_1000": round(self.errors_per_1000, 2),
            "missed_per_1000": round(self.missed_per_1000, 2),
            "false_per_1000": round(self.false_per_1000, 2),
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
        }


def score_boundaries(
    gold_spans: Iterable[Sequence[int]],
    pred_spans: Iterable[Sequence[int]],
    *,
    text: str | None = None,
    doc_id: str | None = None,
    context: int = 20,
) -> BoundaryScore:
    """Score predicted token or sentence spans of one document on their boundaries.

    The boundaries of a document are the set of every start and end offset of its
    spans. A *missed split* is a gold boundary that was not predicted; a *false
    split* is a predicted boundary that is not in the gold. ``errors_per_1000`` is
    ``1000 * (missed + false) / gold boundaries``; boundary precision is
    ``correct / predicted`` and recall ``correct / gold``. Add the scores of all
    documents (``+`` or :func:`score_boundaries_corpus`) for a corpus.

    Parameters
    ----------
    gold_spans, pred_spans : iterable of (start, end)
        Character offsets into the same text.
    text : str, optional
        The document, to give each error ``context`` characters of context.
    doc_id : str, optional
        Stored on each error.

    Returns
    -------
    BoundaryScore
        With every error in ``examples`` (in offset order).
    """
    gold = boundaries(gold_spans)
    pred = boundaries(pred_spans)
    errors = [
        BoundaryError(kind, offset, doc_id, _context(text, offset, offset, context, "|"))
        for kind, offsets in (("missed", gold - pred), ("false", pred - gold))
        for offset in offsets
    ]
    errors.sort(key=lambda e: (e.offset, e.kind))
    return BoundaryScore(len(gold), len(pred), len(gold & pred), 1, tuple(errors))


def score_boundaries_corpus(
    gold_docs: Iterable[Iterable[Sequence[int]]],
    pred_docs: Iterable[Iterable[Sequence[int]]],
    texts: Iterable[str | None] | None = None,
    ids: Iterable[str | None] | None = None,
    context: int = 20,
) -> BoundaryScore:
    """Sum :func:`score_boundaries` over aligned documents.

    Raises
    ------
    ValueError
        If the gold and predicted document counts differ.
    """
    gold_list, pred_list = list(gold_docs), list(pred_docs)
    if len(gold_list) != len(pred_list):
        raise ValueError(f"{len(gold_list)} gold documents but {len(pred_list)} predicted")
    text_list = list(texts) if texts is not None else [None] * len(gold_list)
    id_list = list(ids) if ids is not None else [str(i) for i in range(len(gold_list))]
    counts = [0, 0, 0]
    examples: list[BoundaryError] = []
    for gold, pred, text, doc_id in zip(gold_list, pred_list, text_list, id_list, strict=True):
        score = score_boundaries(gold, pred, text=text, doc_id=doc_id, context=context)
        counts[0] += score.gold
        counts[1] += score.predicted
        counts[2] += score.correct
        examples.extend(score.examples)
    return BoundaryScore(*counts, documents=len(gold_list), examples=tuple(examples))


# ------------------------------------------------------------------ lemmas


@dataclass(frozen=True)
class UposScore:
    """Lemma accuracy for one UPOS tag."""

    total: int = 0
    correct: int = 0
    correct_ci: int = 0

    @property
    def accuracy(self) -> float:
        return _div(self.correct, self.total)

    @property
    def accuracy_ci(self) -> float:
        return _div(self.correct_ci, self.total)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            "total": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, digits),
            "correct_case_insensitive": self.correct_ci,
            "accuracy_case_insensitive": round(self.accuracy_ci, digits),
        }


@dataclass(frozen=True)
class LemmaError:
    """A (form, gold lemma, predicted lemma, UPOS) error and how often it occurred."""

    form: str
    gold: str
    predicted: str
    upos: str
    count: int
    case_only: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LemmaScore:
    """Lemma accuracy on gold tokens, overall and by UPOS, case-sensitive and not.

    ``errors`` holds the case-sensitive errors, most frequent first.
    """

    overall: UposScore
    by_upos: dict[str, UposScore]
    errors: tuple[LemmaError, ...] = field(repr=False)
    skipped: int = 0

    @property
    def accuracy(self) -> float:
        return self.overall.accuracy

    @property
    def accuracy_ci(self) -> float:
        return self.overall.accuracy_ci

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            **self.overall.to_dict(digits),
            "skipped_without_gold_lemma": self.skipped,
            "by_upos": {k: v.to_dict(digits) for k, v in sorted(self.by_upos.items())},
            "distinct_errors": len(self.errors),
        }


def _gold_fields(token: Any) -> tuple[str, str, str]:
    if isinstance(token, tuple | list):
        form, lemma, upos = [*token, "_"][:3]
        return str(form), str(lemma), str(upos)
    return token.form, token.lemma, getattr(token, "upos", "_")


def score_lemmas(gold_tokens: Iterable[Any], predicted_lemmas: Iterable[str]) -> LemmaScore:
    """Score predicted lemmas against gold tokens, one prediction per gold token.

    Parameters
    ----------
    gold_tokens : iterable
        Objects with ``.form``, ``.lemma`` and ``.upos`` (e.g.
        :class:`kgtext.corpora.ConlluToken`) or ``(form, lemma, upos)`` tuples.
        Tokens whose gold lemma is ``_`` or empty are skipped (counted in
        ``skipped``).
    predicted_lemmas : iterable of str
        Aligned with ``gold_tokens``.

    Returns
    -------
    LemmaScore
        Accuracy overall and by UPOS, exact and case-insensitive (``casefold``),
        and the case-sensitive errors with counts.

    Raises
    ------
    ValueError
        If the two sequences differ in length.

    Examples
    --------
    >>> gold = [("мектептер", "мектеп", "NOUN"), ("Ошто", "Ош", "PROPN"), ("барды", "бар", "VERB")]
    >>> s = score_lemmas(gold, ["мектеп", "ош", "бар"])
    >>> round(s.accuracy, 3), s.accuracy_ci, s.by_upos["PROPN"].accuracy
    (0.667, 1.0, 0.0)
    >>> s.errors[0]
    LemmaError(form='Ошто', gold='Ош', predicted='ош', upos='PROPN', count=1, case_only=True)
    """
    gold_list = list(gold_tokens)
    pred_list = list(predicted_lemmas)
    if len(gold_list) != len(pred_list):
        raise ValueError(f"{len(gold_list)} gold tokens but {len(pred_list)} predicted lemmas")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: Counter[tuple[str, str, str, str]] = Counter()
    skipped = 0
    for token, predicted in zip(gold_list, pred_list, strict=True):
        form, lemma, upos = _gold_fields(token)
        if lemma in ("", "_"):
            skipped += 1
            continue
        predicted = "" if predicted is None else str(predicted)
        exact = predicted == lemma
        folded = predicted.casefold() == lemma.casefold()
        row = totals[upos]
        row[0] += 1
        row[1] += exact
        row[2] += folded
        if not exact:
            errors[(form, lemma, predicted, upos)] += 1
    by_upos = {upos: UposScore(*row) for upos, row in totals.items()}
    overall = UposScore(
        sum(r.total for r in by_upos.values()),
        sum(r.correct for r in by_upos.values()),
        sum(r.correct_ci for r in by_upos.values()),
    )
    error_list = sorted(
        (
            LemmaError(f, g, p, u, n, p.casefold() == g.casefold())
            for (f, g, p, u), n in errors.items()
        ),
        key=lambda e: (-e.count, e.upos, e.form, e.predicted),
    )
    return LemmaScore(overall, by_upos, tuple(error_list), skipped)


# ------------------------------------------------------------------- spans


def map_label(label: str, label_map: Mapping[str, str | None] | None) -> str | None:
    """Apply ``label_map``; a label mapped to ``None``, ``""`` or ``"O"`` is dropped.

    Examples
    --------
    >>> map_label("GPE", {"GPE": "LOC", "MISC": None}), map_label("MISC", {"MISC": None})
    ('LOC', None)
    >>> map_label("PER", {"GPE": "LOC"})
    'PER'
    """
    if label_map is None or label not in label_map:
        return label
    mapped = label_map[label]
    return None if mapped in (None, "", "O") else mapped


@dataclass(frozen=True)
class SpanError:
    """A span error: ``missed``, ``spurious``, ``label`` (same offsets) or ``boundary``."""

    kind: str
    doc_id: str | None
    gold: tuple[int, int, str] | None
    predicted: tuple[int, int, str] | None
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SpanScore:
    """Span precision/recall/F1 per label, strict and partial, micro and macro.

    *Strict*: a predicted span is correct when start, end and label equal a gold
    span's. *Partial*: when it overlaps a gold span with the same label; each gold
    and each predicted span is matched at most once. Macro averages are over the
    labels seen in gold or predictions.
    """

    labels: tuple[str, ...]
    strict: dict[str, PRF]
    partial: dict[str, PRF]
    errors: tuple[SpanError, ...] = field(default=(), repr=False)

    @property
    def strict_micro(self) -> PRF:
        return sum(self.strict.values(), PRF())

    @property
    def partial_micro(self) -> PRF:
        return sum(self.partial.values(), PRF())

    @staticmethod
    def _macro(table: dict[str, PRF]) -> dict[str, float]:
        n = len(table)
        return {
            "precision": _div(sum(p.precision for p in table.values()), n),
            "recall": _div(sum(p.recall for p in table.values()), n),
            "f1": _div(sum(p.f1 for p in table.values()), n),
        }

    @property
    def strict_macro(self) -> dict[str, float]:
        return self._macro(self.strict)

    @property
    def partial_macro(self) -> dict[str, float]:
        return self._macro(self.partial)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        def mode(table: dict[str, PRF], micro: PRF, macro: dict[str, float]) -> dict[str, Any]:
            return {
                "micro": micro.to_dict(digits),
                "macro": {k: round(v, digits) for k, v in macro.items()},
                "per_label": {label: table[label].to_dict(digits) for label in self.labels},
            }

        return {
            "labels": list(self.labels),
            "strict": mode(self.strict, self.strict_micro, self.strict_macro),
            "partial": mode(self.partial, self.partial_micro, self.partial_macro),
        }


def _doc_spans(doc: Any) -> tuple[str | None, str | None, list[tuple[int, int, str]]]:
    text = getattr(doc, "text", None)
    doc_id = getattr(doc, "id", None)
    items = doc.spans if hasattr(doc, "spans") else doc
    spans = []
    for item in items:
        if hasattr(item, "label"):
            spans.append((int(item.start), int(item.end), str(item.label)))
        else:
            start, end, label = item
            spans.append((int(start), int(end), str(label)))
    return text, doc_id, spans


def score_spans(
    gold_docs: Iterable[Any],
    pred_docs: Iterable[Any],
    label_map: Mapping[str, str | None] | None = None,
    context: int = 20,
) -> SpanScore:
    """Score predicted labelled spans against gold spans, document by document.

    Parameters
    ----------
    gold_docs, pred_docs : iterable
        Aligned documents; each is an iterable of spans, or an object with
        ``.spans`` (and optionally ``.text``/``.id`` for error context). A span is
        a ``(start, end, label)`` tuple or an object with those attributes.
    label_map : mapping, optional
        Applied to both sides before scoring; labels mapped to ``None``, ``""`` or
        ``"O"`` are dropped, unmapped labels are kept.

    Returns
    -------
    SpanScore
        Strict (exact start, end, label) and partial (overlap, same label; each gold
        and predicted span matched at most once) per-label P/R/F1, micro and macro.
        On IOB2 input, strict scores equal seqeval's (``mode="strict"``).

    Raises
    ------
    ValueError
        If the document counts differ.
    """
    gold_list, pred_list = list(gold_docs), list(pred_docs)
    if len(gold_list) != len(pred_list):
        raise ValueError(f"{len(gold_list)} gold documents but {len(pred_list)} predicted")
    strict: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    partial: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[SpanError] = []
    for index, (gold_doc, pred_doc) in enumerate(zip(gold_list, pred_list, strict=True)):
        text, doc_id, raw_gold = _doc_spans(gold_doc)
        if text is None:
            text = getattr(pred_doc, "text", None)
        doc_id = doc_id if doc_id is not None else str(index)
        _, _, raw_pred = _doc_spans(pred_doc)
        gold = _mapped(raw_gold, label_map)
        pred = _mapped(raw_pred, label_map)
        gold_set, pred_set = set(gold), set(pred)
        _tally(strict, gold_set & pred_set, pred_set - gold_set, gold_set - pred_set)
        matched_gold, matched_pred = _partial_match(sorted(gold_set), sorted(pred_set))
        _tally(partial, matched_pred, pred_set - matched_pred, gold_set - matched_gold)
        errors.extend(_span_errors(gold_set, pred_set, text, doc_id, context))
    labels = tuple(sorted(set(strict) | set(partial)))
    return SpanScore(
        labels,
        {label: PRF(*strict[label]) for label in labels},
        {label: PRF(*partial[label]) for label in labels},
        tuple(errors),
    )


def _tally(table: dict[str, list[int]], tp, fp, fn) -> None:
    for column, spans in enumerate((tp, fp, fn)):
        for span in spans:
            table[span[2]][column] += 1


def _mapped(spans, label_map):
    result = []
    for s, e, label in spans:
        mapped = map_label(label, label_map)
        if mapped is not None:
            result.append((s, e, mapped))
    return result


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _partial_match(gold, pred):
    """Match each predicted span to at most one overlapping same-label gold span.

    Exact matches first, then greedily by largest overlap (ties: leftmost).
    """
    matched_gold: set = set()
    matched_pred: set = set()
    for span in set(gold) & set(pred):
        matched_gold.add(span)
        matched_pred.add(span)
    candidates = []
    for g in gold:
        if g in matched_gold:
            continue
        for p in pred:
            if p not in matched_pred and p[2] == g[2] and _overlap(g, p) > 0:
                candidates.append((-_overlap(g, p), g, p))
    for _, g, p in sorted(candidates):
        if g not in matched_gold and p not in matched_pred:
            matched_gold.add(g)
            matched_pred.add(p)
    return matched_gold, matched_pred


def _span_errors(gold_set, pred_set, text, doc_id, width) -> list[SpanError]:
    errors = []
    unmatched_pred = set(pred_set - gold_set)
    for g in sorted(gold_set - pred_set):
        same_offsets = [p for p in unmatched_pred if p[:2] == g[:2]]
        overlapping = [p for p in unmatched_pred if _overlap(g, p) > 0]
        if same_offsets:
            p, kind = same_offsets[0], "label"
        elif overlapping:
            p, kind = max(overlapping, key=lambda p: _overlap(g, p)), "boundary"
        else:
            p, kind = None, "missed"
        if p is not None:
            unmatched_pred.discard(p)
        start = g[0] if p is None else min(g[0], p[0])
        end = g[1] if p is None else max(g[1], p[1])
        errors.append(SpanError(kind, doc_id, g, p, _context(text, start, end, width, "[]")))
    for p in sorted(unmatched_pred):
        errors.append(
            SpanError("spurious", doc_id, None, p, _context(text, p[0], p[1], width, "[]"))
        )
    return errors


# ---------------------------------------------------------------- passages


@dataclass(frozen=True)
class PRCurve:
    """Precision-recall curve of one label (thresholds in decreasing order).

    Point ``i`` predicts the label when its probability ``>= thresholds[i]``.
    ``average_precision`` is ``sum((R[i] - R[i-1]) * P[i])`` as in scikit-learn.
    """

    thresholds: tuple[float, ...]
    precision: tuple[float, ...]
    recall: tuple[float, ...]
    average_precision: float

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            "thresholds": [round(t, digits) for t in self.thresholds],
            "precision": [round(p, digits) for p in self.precision],
            "recall": [round(r, digits) for r in self.recall],
            "average_precision": round(self.average_precision, digits),
        }


def _pr_curve(gold: list[bool], scores: list[float]) -> PRCurve | None:
    positives = sum(gold)
    if positives == 0:
        return None
    pairs = sorted(zip(scores, gold, strict=True), key=lambda x: -x[0])
    thresholds, precision, recall = [], [], []
    tp = fp = 0
    i = 0
    while i < len(pairs):
        threshold = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == threshold:
            tp += pairs[i][1]
            fp += not pairs[i][1]
            i += 1
        thresholds.append(threshold)
        precision.append(tp / (tp + fp))
        recall.append(tp / positives)
    ap = 0.0
    previous_recall = 0.0
    for p, r in zip(precision, recall, strict=True):
        ap += (r - previous_recall) * p
        previous_recall = r
    return PRCurve(tuple(thresholds), tuple(precision), tuple(recall), ap)


@dataclass(frozen=True)
class PassageError:
    """A passage whose predicted label set differs from the gold set."""

    index: int
    id: str | None
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PassageScore:
    """Multi-label passage classification scores.

    Attributes
    ----------
    labels : tuple of str
        The label set scored (in this order).
    per_label : dict
        :class:`PRF` per label.
    samples_jaccard : float
        Mean over passages of ``|gold & pred| / |gold | pred|`` (1.0 when both are
        empty).
    exact_match : float
        Share of passages whose predicted set equals the gold set (subset accuracy).
    threshold : float, dict or None
        The probability threshold applied (``p >= threshold``), ``None`` when label
        sets were given.
    curves : dict
        :class:`PRCurve` per label with at least one gold positive (probabilities only).
    """

    labels: tuple[str, ...]
    per_label: dict[str, PRF]
    samples_jaccard: float
    exact_match: float
    n_samples: int
    threshold: float | dict[str, float] | None = None
    curves: dict[str, PRCurve] = field(default_factory=dict, repr=False)
    errors: tuple[PassageError, ...] = field(default=(), repr=False)

    @property
    def micro(self) -> PRF:
        return sum(self.per_label.values(), PRF())

    @property
    def macro_f1(self) -> float:
        return _div(sum(p.f1 for p in self.per_label.values()), len(self.per_label))

    @property
    def macro_precision(self) -> float:
        return _div(sum(p.precision for p in self.per_label.values()), len(self.per_label))

    @property
    def macro_recall(self) -> float:
        return _div(sum(p.recall for p in self.per_label.values()), len(self.per_label))

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            "n_samples": self.n_samples,
            "labels": list(self.labels),
            "threshold": self.threshold,
            "micro": self.micro.to_dict(digits),
            "macro": {
                "precision": round(self.macro_precision, digits),
                "recall": round(self.macro_recall, digits),
                "f1": round(self.macro_f1, digits),
            },
            "samples_jaccard": round(self.samples_jaccard, digits),
            "exact_match": round(self.exact_match, digits),
            "per_label": {label: self.per_label[label].to_dict(digits) for label in self.labels},
            "average_precision": {
                label: round(curve.average_precision, digits)
                for label, curve in self.curves.items()
            },
        }


def score_passages(
    gold_label_sets: Iterable[Iterable[str]],
    predictions: Iterable[Iterable[str] | Mapping[str, float]],
    labels: Sequence[str] | None = None,
    threshold: float | Mapping[str, float] = 0.5,
    ids: Iterable[str | None] | None = None,
) -> PassageScore:
    """Score multi-label passage predictions.

    Parameters
    ----------
    gold_label_sets : iterable of iterables of str
        Gold labels per passage (possibly empty).
    predictions : iterable
        Per passage either a collection of predicted labels, or a mapping
        ``label -> probability``; a label is predicted when its probability is
        ``>= threshold``. With probabilities a precision-recall curve per label is
        computed too.
    labels : sequence of str, optional
        The labels to score, in order; default all labels seen in gold or
        predictions, sorted. Labels outside this set are ignored on both sides.
    threshold : float or mapping
        One threshold, or one per label (labels missing from the mapping use 0.5).
        Stated in the result.
    ids : iterable of str, optional
        Passage ids, kept in the errors.

    Returns
    -------
    PassageScore
        Per-label P/R/F1, micro and macro averages, samples Jaccard and exact match;
        these agree with :mod:`sklearn.metrics` (``zero_division=0``; Jaccard of two
        empty sets counted as 1).

    Examples
    --------
    >>> s = score_passages([["school"], ["school", "preschool"]], [["school"], ["school"]])
    >>> s.exact_match, s.samples_jaccard, s.per_label["preschool"].recall
    (0.5, 0.75, 0.0)
    >>> s = score_passages([["school"], []], [{"school": 0.9}, {"school": 0.6}], threshold=0.7)
    >>> s.threshold, s.exact_match, s.curves["school"].average_precision
    (0.7, 1.0, 1.0)
    """
    gold_list = [set(g) for g in gold_label_sets]
    raw_pred = list(predictions)
    if len(gold_list) != len(raw_pred):
        raise ValueError(f"{len(gold_list)} gold passages but {len(raw_pred)} predictions")
    id_list = list(ids) if ids is not None else [None] * len(gold_list)
    probabilistic = any(isinstance(p, Mapping) for p in raw_pred)
    if probabilistic and not all(isinstance(p, Mapping) for p in raw_pred):
        raise ValueError("predictions mix label sets and probability mappings")

    def cut(label: str) -> float:
        if isinstance(threshold, Mapping):
            return float(threshold.get(label, 0.5))
        return float(threshold)

    if probabilistic:
        pred_list = [{k for k, v in p.items() if float(v) >= cut(k)} for p in raw_pred]  # type: ignore[union-attr]
    else:
        pred_list = [set(p) for p in raw_pred]
    if labels is None:
        seen = set().union(*gold_list, *pred_list) if gold_list else set()
        if probabilistic:
            seen |= {k for p in raw_pred for k in p}  # type: ignore[union-attr]
        labels = sorted(seen)
    label_tuple = tuple(labels)
    label_set = set(label_tuple)
    gold_list = [g & label_set for g in gold_list]
    pred_list = [p & label_set for p in pred_list]

    counts = {label: [0, 0, 0] for label in label_tuple}
    jaccard = 0.0
    exact = 0
    errors = []
    for i, (g, p) in enumerate(zip(gold_list, pred_list, strict=True)):
        for label in g & p:
            counts[label][0] += 1
        for label in p - g:
            counts[label][1] += 1
        for label in g - p:
            counts[label][2] += 1
        union = g | p
        jaccard += len(g & p) / len(union) if union else 1.0
        if g == p:
            exact += 1
        else:
            errors.append(
                PassageError(
                    i,
                    id_list[i],
                    tuple(sorted(g)),
                    tuple(sorted(p)),
                    tuple(sorted(g - p)),
                    tuple(sorted(p - g)),
                )
            )
    errors.sort(key=lambda e: (-(len(e.missing) + len(e.extra)), e.index))
    curves: dict[str, PRCurve] = {}
    stated: float | dict[str, float] | None = None
    if probabilistic:
        for label in label_tuple:
            curve = _pr_curve(
                [label in g for g in gold_list],
                [float(p.get(label, 0.0)) for p in raw_pred],  # type: ignore[union-attr]
            )
            if curve is not None:
                curves[label] = curve
        stated = (
            {label: cut(label) for label in label_tuple}
            if isinstance(threshold, Mapping)
            else float(threshold)
        )
    n = len(gold_list)
    return PassageScore(
        label_tuple,
        {label: PRF(*counts[label]) for label in label_tuple},
        _div(jaccard, n),
        _div(exact, n),
        n,
        stated,
        curves,
        tuple(errors),
    )
