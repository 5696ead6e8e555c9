"""``kgtext evaluate``: score kgtext (or someone's predictions) on an annotated corpus.

Usage::

    kgtext evaluate tokens|sentences|lemmas|entities|sectors CORPUS
        [--format conllu|conll|jsonl|passages|24kg|24kg-paragraphs|sib200|segmentation]
        [--map A=B ...] [--predictions FILE] [--report DIR] [--html FILE]
        [--errors N] [--threshold X|LABEL=X ...] [--source CSV] [--json]

Without ``--predictions`` kgtext itself is run: ``kgtext.tokenize`` /
``kgtext.sentenize`` on the gold text, ``kgtext.lemmatize`` on gold tokens, and the
spaCy pipeline from ``kgtext.load()`` for entities (``doc.ents``) and sectors
(``doc.cats`` probabilities when present, else ``doc._.sectors``). All of kgtext is
imported lazily, inside the functions that need it.

Prediction files, aligned with the gold by order:

* tokens/sentences: JSONL ``{"id"?, "tokens"|"sentences": [[start, end], ...]}``,
  one line per gold document (a CoNLL-U sentence for tokens, the whole file for
  sentences);
* lemmas: CoNLL-U with predicted lemmas, or TSV ``form<TAB>lemma`` per gold word;
* entities: JSONL spans ``{"id"?, "text"?, "spans": [...]}`` or CoNLL NER columns;
* sectors: JSONL ``{"id"?, "labels": [...], "probabilities"?: {label: p}}``.

Exit status: 0 on success, 2 on bad input (with ``kgtext: error: ...`` on stderr),
1 when a kgtext component needed for the run is not available.

Examples
--------
>>> main(["lemmas", "no-such-file.conllu"])
2
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgtext import evaluate as scoring
from kgtext.corpora import (
    CorpusFormatError,
    conllu_document,
    conllu_token_spans,
    load_24kg,
    load_24kg_paragraphs,
    load_conll_ner,
    load_conllu,
    load_jsonl_spans,
    load_passages,
    load_segmentation,
    load_sib200,
)
from kgtext.corpora._io import iter_lines, stem_suffix

__all__ = [
    "FORMATS",
    "TASKS",
    "Evaluation",
    "add_parser",
    "detect_format",
    "evaluate_corpus",
    "main",
    "run",
]

TASKS = ("tokens", "sentences", "lemmas", "entities", "sectors")
FORMATS = (
    "conllu",
    "conll",
    "jsonl",
    "passages",
    "24kg",
    "24kg-paragraphs",
    "sib200",
    "segmentation",
)
TASK_FORMATS = {
    "tokens": ("conllu", "segmentation"),
    "sentences": ("conllu", "segmentation"),
    "lemmas": ("conllu",),
    "entities": ("conll", "jsonl"),
    "sectors": ("passages", "24kg", "24kg-paragraphs", "sib200"),
}
DEFAULT_ERRORS = 20


class InputError(ValueError):
    """Bad input for ``kgtext evaluate`` (reported with exit status 2)."""


class Unavailable(RuntimeError):
    """A kgtext component needed for the run cannot be imported (exit status 1)."""


# ------------------------------------------------------------------ formats


def _first_data_line(path: Path) -> str | None:
    for _, line in iter_lines(path):
        if line.strip() and not line.startswith("#"):
            return line
    return None


def detect_format(path: str | Path) -> str:
    """Guess a corpus format from the file name and, where needed, its first line.

    Examples
    --------
    >>> detect_format("train.conllu.gz")
    'conllu'
    """
    p = Path(path)
    suffix = stem_suffix(p)
    if suffix == ".conllu":
        return "conllu"
    if suffix in (".conll", ".iob", ".iob2", ".bio", ".bioes", ".ner"):
        return "conll"
    if not p.exists():
        raise InputError(f"{p}: no such file")
    first = _first_data_line(p)
    if first is None:
        raise InputError(f"{p}: empty file, cannot tell its format (use --format)")
    if suffix in (".jsonl", ".json", ".ndjson"):
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            raise InputError(f"{p}:1: expected a JSON object on the first line") from None
        keys = set(record) if isinstance(record, dict) else set()
        if "spans" in keys:
            return "jsonl"
        if "tokens" in keys or "sentences" in keys:
            return "segmentation"
        if {"article_id", "paragraph"} <= keys:
            return "24kg-paragraphs"
        if "labels" in keys:
            return "passages"
        raise InputError(f"{p}:1: cannot tell the JSONL format from keys {sorted(keys)}")
    if suffix == ".csv":
        return "24kg" if "labels_set" in first.split(",") else "passages"
    if suffix == ".tsv" and first.split("\t")[:2] == ["index_id", "category"]:
        return "sib200"
    columns = first.split("\t")
    if len(columns) == 10 and columns[0].split("-")[0].split(".")[0].isdigit():
        return "conllu"
    if suffix == ".tsv" and "text" in columns:
        return "passages"
    return "conll"


# -------------------------------------------------------------- evaluation


@dataclass
class Evaluation:
    """One run of ``kgtext evaluate``: what was scored and the scorer's result."""

    task: str
    corpus: str
    format: str
    system: str
    documents: int
    score: Any
    notes: list[str] = field(default_factory=list)
    by_phenomenon: dict[str, Any] = field(default_factory=dict)

    def metrics(self) -> dict[str, Any]:
        """Everything for ``metrics.json``."""
        return {
            "task": self.task,
            "corpus": self.corpus,
            "format": self.format,
            "system": self.system,
            "documents": self.documents,
            "notes": self.notes,
            "metrics": self.score.to_dict(),
            **(
                {"by_phenomenon": {k: v.to_dict() for k, v in self.by_phenomenon.items()}}
                if self.by_phenomenon
                else {}
            ),
        }

    def errors(self, n: int | None = DEFAULT_ERRORS) -> list[dict[str, Any]]:
        """The first ``n`` errors (worst first where there is an order) as dicts."""
        items = self.score.examples if self.task in ("tokens", "sentences") else self.score.errors
        chosen = list(items) if n is None else list(items)[: max(n, 0)]
        return [e.to_dict() for e in chosen]


def _kgtext(name: str) -> Any:
    try:
        import kgtext

        return getattr(kgtext, name)
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"kgtext.{name} is not available ({exc})") from exc


@dataclass
class _Gold:
    ids: list[str]
    texts: list[str]
    items: list[Any]  # spans, tokens, label sets ... per document
    phenomena: list[tuple[Any, ...]] = field(default_factory=list)


def _segmentation_gold(task: str, corpus: Path, fmt: str) -> _Gold:
    key = "tokens" if task == "tokens" else "sentences"
    if fmt == "segmentation":
        docs = list(load_segmentation(corpus))
        return _Gold(
            [d.id for d in docs],
            [d.text for d in docs],
            [getattr(d, key) for d in docs],
            [d.phenomena for d in docs],
        )
    if task == "sentences":
        document = conllu_document(corpus)
        return _Gold([corpus.name], [document.text], [document.sentences])
    gold = _Gold([], [], [])
    for i, sentence in enumerate(load_conllu(corpus), start=1):
        try:
            spans = conllu_token_spans(sentence)
        except ValueError as exc:
            raise CorpusFormatError(
                corpus, sentence.line, "token forms that align to '# text'", str(exc)
            ) from exc
        gold.ids.append(sentence.sent_id or str(i))
        gold.texts.append(sentence.surface_text)
        gold.items.append(spans)
    return gold


def _read_offsets(path: Path, key: str, gold: _Gold) -> list[list[tuple[int, int]]]:
    result: list[list[tuple[int, int]]] = []
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise CorpusFormatError(path, number, "a JSON object", line) from None
        if not isinstance(record, dict) or not isinstance(record.get(key), list):
            raise CorpusFormatError(path, number, f'a JSON object with a "{key}" list', line)
        index = len(result)
        if index >= len(gold.ids):
            raise CorpusFormatError(path, number, f"at most {len(gold.ids)} documents (the gold)")
        if "id" in record and str(record["id"]) != gold.ids[index]:
            raise CorpusFormatError(
                path,
                number,
                f"id {gold.ids[index]!r} (gold document {index + 1})",
                str(record["id"]),
            )
        spans = []
        for item in record[key]:
            if not (
                isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item)
            ):
                raise CorpusFormatError(path, number, f'"{key}" items as [start, end]', str(item))
            spans.append((item[0], item[1]))
        result.append(spans)
    if len(result) != len(gold.ids):
        raise InputError(f"{path}: {len(result)} documents but the gold has {len(gold.ids)}")
    return result


def _run_segmentation(task: str, corpus: Path, fmt: str, predictions: Path | None):
    gold = _segmentation_gold(task, corpus, fmt)
    if predictions is not None:
        pred = _read_offsets(predictions, task, gold)
        system = str(predictions)
    else:
        segment = _kgtext("tokenize" if task == "tokens" else "sentenize")
        pred = [[(r.start, r.end) for r in segment(text)] for text in gold.texts]
        system = f"kgtext.{'tokenize' if task == 'tokens' else 'sentenize'}"
    score = scoring.score_boundaries_corpus(gold.items, pred, texts=gold.texts, ids=gold.ids)
    by_phenomenon: dict[str, scoring.BoundaryScore] = {}
    for i, phenomena in enumerate(gold.phenomena):
        document = scoring.score_boundaries(gold.items[i], pred[i])
        for name in {str(p) for p in phenomena}:
            by_phenomenon[name] = by_phenomenon.get(name, scoring.BoundaryScore()) + document
    return score, system, len(gold.ids), dict(sorted(by_phenomenon.items()))


def _run_lemmas(corpus: Path, predictions: Path | None):
    sentences = list(load_conllu(corpus))
    tokens = [t for s in sentences for t in s.tokens]
    if predictions is None:
        lemmatize = _kgtext("lemmatize")
        cache: dict[str, str] = {}
        predicted = []
        for token in tokens:
            if token.form not in cache:
                cache[token.form] = _as_lemma(lemmatize(token.form))
            predicted.append(cache[token.form])
        system = "kgtext.lemmatize"
    else:
        predicted = _read_lemma_predictions(predictions, tokens)
        system = str(predictions)
    return scoring.score_lemmas(tokens, predicted), system, len(sentences)


def _as_lemma(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "lemma"):
        return str(value.lemma)
    if isinstance(value, list | tuple) and value:
        return _as_lemma(value[0])
    return "" if value is None else str(value)


def _read_lemma_predictions(path: Path, tokens: list[Any]) -> list[str]:
    predicted: list[str] = []
    if detect_format(path) == "conllu":
        for sentence in load_conllu(path):
            for token in sentence.tokens:
                index = len(predicted)
                if index >= len(tokens) or token.form != tokens[index].form:
                    expected = tokens[index].form if index < len(tokens) else "no more words"
                    raise CorpusFormatError(
                        path,
                        sentence.line,
                        f"word {index + 1} of the gold, {expected!r}",
                        token.form,
                    )
                predicted.append(token.lemma)
    else:
        for number, line in iter_lines(path):
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) < 2:
                raise CorpusFormatError(path, number, "form<TAB>lemma", line)
            index = len(predicted)
            if index >= len(tokens) or columns[0] != tokens[index].form:
                expected = tokens[index].form if index < len(tokens) else "no more words"
                raise CorpusFormatError(
                    path, number, f"word {index + 1} of the gold, {expected!r}", columns[0]
                )
            predicted.append(columns[1])
    if len(predicted) != len(tokens):
        raise InputError(f"{path}: {len(predicted)} words but the gold has {len(tokens)}")
    return predicted


def _span_docs(path: Path, fmt: str, require_text: bool = True) -> list[_SpanDocument]:
    docs: list[_SpanDocument] = []
    if fmt == "conll":
        for i, sentence in enumerate(load_conll_ner(path), start=1):
            text, spans = sentence.to_spans()
            docs.append(
                _SpanDocument(
                    str(i), text, [(s.start, s.end, s.label) for s in spans], sentence.line
                )
            )
    else:
        for doc in load_jsonl_spans(path, require_text=require_text):
            docs.append(
                _SpanDocument(
                    doc.id, doc.text, [(s.start, s.end, s.label) for s in doc.spans], doc.line
                )
            )
    return docs


@dataclass
class _SpanDocument:
    id: str
    text: str
    spans: list[tuple[int, int, str]]
    line: int | None = None


def _run_entities(corpus: Path, fmt: str, predictions: Path | None, label_map):
    gold = _span_docs(corpus, fmt)
    if predictions is None:
        nlp = _kgtext("load")()
        pred = [
            _SpanDocument(g.id, g.text, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
            for g, doc in zip(gold, nlp.pipe(g.text for g in gold), strict=True)
        ]
        system = "kgtext.load() doc.ents"
    else:
        pred_fmt = detect_format(predictions)
        if pred_fmt not in ("conll", "jsonl"):
            raise InputError(f"{predictions}: entity predictions must be JSONL spans or CoNLL NER")
        pred = _span_docs(predictions, pred_fmt, require_text=False)
        if len(pred) != len(gold):
            raise InputError(f"{predictions}: {len(pred)} documents but the gold has {len(gold)}")
        for g, p in zip(gold, pred, strict=True):
            if p.text and p.text != g.text:
                raise CorpusFormatError(
                    predictions, p.line, f"the text of gold document {g.id!r}", p.text
                )
            if any(end > len(g.text) for _, end, _ in p.spans):
                raise CorpusFormatError(
                    predictions, p.line, f"spans inside gold document {g.id!r}", str(p.spans)
                )
        system = str(predictions)
    return scoring.score_spans(gold, pred, label_map=label_map), system, len(gold)


def _load_passages(corpus: Path, fmt: str, source: Path | None):
    if fmt == "24kg":
        return list(load_24kg(corpus))
    if fmt == "sib200":
        return list(load_sib200(corpus))
    if fmt == "24kg-paragraphs":
        if source is None:
            source = _find_24kg(corpus)
        return list(load_24kg_paragraphs(corpus, source))
    return list(load_passages(corpus))


def _find_24kg(corpus: Path) -> Path:
    for parent in corpus.resolve().parents:
        candidate = parent / "shared" / "corpora" / "24kg-topics" / "train.csv"
        if candidate.exists():
            return candidate
    raise InputError(f"{corpus}: stand-off 24.kg labels need the corpus CSV; pass --source")


def _map_labels(labels, label_map) -> set[str]:
    result = set()
    for label in labels:
        mapped = scoring.map_label(label, label_map)
        if mapped is not None:
            result.add(mapped)
    return result


def _map_probabilities(probabilities: dict[str, float], label_map) -> dict[str, float]:
    result: dict[str, float] = {}
    for label, p in probabilities.items():
        mapped = scoring.map_label(label, label_map)
        if mapped is not None:
            result[mapped] = max(result.get(mapped, 0.0), float(p))
    return result


def _read_passage_predictions(path: Path, n: int, ids: list[str]) -> list[Any]:
    labels: list[Any] = []
    probabilities: list[dict[str, float] | None] = []
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise CorpusFormatError(path, number, "a JSON object", line) from None
        if not isinstance(record, dict):
            raise CorpusFormatError(path, number, "a JSON object", line)
        index = len(labels)
        if index < len(ids) and "id" in record and str(record["id"]) != ids[index]:
            raise CorpusFormatError(
                path, number, f"id {ids[index]!r} (gold passage {index + 1})", str(record["id"])
            )
        probs = record.get("probabilities")
        if probs is not None and not (
            isinstance(probs, dict) and all(isinstance(v, int | float) for v in probs.values())
        ):
            raise CorpusFormatError(path, number, '"probabilities" as {label: number}', str(probs))
        raw = record.get("labels", [])
        if not isinstance(raw, list):
            raise CorpusFormatError(path, number, '"labels" as a list', str(raw))
        labels.append([str(x) for x in raw])
        probabilities.append(probs)
    if len(labels) != n:
        raise InputError(f"{path}: {len(labels)} predictions but the gold has {n} passages")
    if all(p is not None for p in probabilities) and probabilities:
        return probabilities
    return labels


def _run_sectors(corpus, fmt, predictions, label_map, thresholds, source):
    passages = _load_passages(corpus, fmt, source)
    gold = [_map_labels(p.labels, label_map) for p in passages]
    ids = [p.id for p in passages]
    pipe_thresholds: dict[str, float] | None = None
    if predictions is None:
        nlp = _kgtext("load")()
        if "sectors" in getattr(nlp, "pipe_names", ()):
            found = getattr(nlp.get_pipe("sectors"), "thresholds", None)
            pipe_thresholds = dict(found) if isinstance(found, dict) else None
        raw: list[Any] = []
        for doc in nlp.pipe(p.text for p in passages):
            cats = dict(getattr(doc, "cats", {}) or {})
            if cats:
                raw.append(cats)
            else:
                raw.append([getattr(s, "label", s) for s in doc._.sectors])
        if any(isinstance(r, dict) for r in raw) and not all(isinstance(r, dict) for r in raw):
            raw = [r if isinstance(r, dict) else dict.fromkeys(r, 1.0) for r in raw]
        system = "kgtext.load() doc.cats / doc._.sectors"
    else:
        raw = _read_passage_predictions(predictions, len(passages), ids)
        system = str(predictions)
    if raw and isinstance(raw[0], dict):
        pred: list[Any] = [_map_probabilities(r, label_map) for r in raw]
    else:
        pred = [_map_labels(r, label_map) for r in raw]
    if not thresholds and pipe_thresholds and raw and isinstance(raw[0], dict):
        # doc.cats are calibrated probabilities: decide at the pipe's per-label thresholds
        per_label: dict[str, float] = {}
        for label, t in pipe_thresholds.items():
            for mapped in _map_labels([label], label_map):
                per_label[mapped] = t
        seen = set().union(*gold, *(set(p) for p in pred), per_label)
        threshold: float | dict[str, float] = {
            label: per_label.get(label, 0.5) for label in sorted(seen)
        }
        system += " at the pipe's per-label thresholds"
    else:
        threshold = _threshold(thresholds, gold, pred)
    score = scoring.score_passages(gold, pred, threshold=threshold, ids=ids)
    return score, system, len(passages)


def _threshold(values: Sequence[str] | None, gold, pred) -> float | dict[str, float]:
    default = 0.5
    per_label: dict[str, float] = {}
    for value in values or ():
        label, eq, number = value.rpartition("=")
        try:
            x = float(number)
        except ValueError:
            raise InputError(f"--threshold expects X or LABEL=X, got {value!r}") from None
        if eq:
            per_label[label] = x
        else:
            default = x
    if not per_label:
        return default
    labels = set().union(*gold, *(set(p) for p in pred))
    return {label: per_label.get(label, default) for label in sorted(labels | set(per_label))}


def evaluate_corpus(
    task: str,
    corpus: str | Path,
    format: str | None = None,
    predictions: str | Path | None = None,
    label_map: dict[str, str | None] | None = None,
    thresholds: Sequence[str] | None = None,
    source: str | Path | None = None,
) -> Evaluation:
    """Score kgtext (or a predictions file) on ``corpus`` for ``task``.

    Raises
    ------
    InputError, CorpusFormatError, FileNotFoundError
        On bad input (the CLI turns these into exit status 2).
    Unavailable
        When the kgtext function needed is missing.
    """
    if task not in TASKS:
        raise InputError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
    path = Path(corpus)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    pred_path = Path(predictions) if predictions is not None else None
    if pred_path is not None and not pred_path.is_file():
        raise InputError(f"{pred_path}: no such file")
    fmt = format or detect_format(path)
    if fmt not in TASK_FORMATS[task]:
        raise InputError(
            f"{path}: task {task!r} needs a corpus in {' or '.join(TASK_FORMATS[task])} format, "
            f"not {fmt!r} (use --format if the guess is wrong)"
        )
    notes: list[str] = []
    by_phenomenon: dict[str, Any] = {}
    if task in ("tokens", "sentences"):
        score, system, n, by_phenomenon = _run_segmentation(task, path, fmt, pred_path)
        notes.append(_BOUNDARY_DEFINITION)
    elif task == "lemmas":
        score, system, n = _run_lemmas(path, pred_path)
        notes.append(
            "Lemma accuracy on gold tokens (words; multiword tokens split as in the gold)."
        )
    elif task == "entities":
        score, system, n = _run_entities(path, fmt, pred_path, label_map)
        notes.append(
            "Strict: exact start, end and label. Partial: overlapping span with the same "
            "label, each gold and predicted span matched at most once."
        )
    else:
        src = Path(source) if source is not None else None
        score, system, n = _run_sectors(path, fmt, pred_path, label_map, thresholds, src)
        if score.threshold is not None:
            notes.append(f"Labels predicted when probability >= threshold ({score.threshold}).")
    if label_map:
        notes.append("Label map: " + ", ".join(f"{k}={v or 'O'}" for k, v in label_map.items()))
    return Evaluation(task, str(path), fmt, system, n, score, notes, by_phenomenon)


_BOUNDARY_DEFINITION = (
    "Boundaries are every start and end offset of the gold (or predicted) spans. "
    "A missed split is a gold boundary that was not predicted; a false split is a "
    "predicted boundary not in the gold. Errors per 1,000 gold boundaries = "
    "1000 * (missed + false) / gold."
)


# -------------------------------------------------------------------- output


def _tables(ev: Evaluation) -> list[tuple[str, list[str], list[list[Any]]]]:
    """``(caption, header, rows)`` for the text and HTML outputs."""
    s = ev.score
    if ev.task in ("tokens", "sentences"):
        d = s.to_dict()
        rows = [[k.replace("_", " "), v] for k, v in d.items()]
        tables = [(f"{ev.task} boundaries", ["metric", "value"], rows)]
        if ev.by_phenomenon:
            tables.append(
                (
                    "by phenomenon (all boundaries of the documents tagged with it)",
                    ["phenomenon", "documents", "gold", "missed", "false", "errors/1000"],
                    [
                        [name, b.documents, b.gold, b.missed, b.false, b.errors_per_1000]
                        for name, b in ev.by_phenomenon.items()
                    ],
                )
            )
        return tables
    if ev.task == "lemmas":
        rows = [
            [upos, u.total, u.correct, u.accuracy, u.accuracy_ci]
            for upos, u in sorted(s.by_upos.items(), key=lambda kv: -kv[1].total)
        ]
        o = s.overall
        rows.append(["ALL", o.total, o.correct, o.accuracy, o.accuracy_ci])
        return [
            (
                "lemma accuracy by UPOS",
                ["upos", "tokens", "correct", "accuracy", "accuracy (case-insensitive)"],
                rows,
            )
        ]
    if ev.task == "entities":
        header = [
            "label",
            "support",
            "strict P",
            "strict R",
            "strict F1",
            "partial P",
            "partial R",
            "partial F1",
        ]
        rows = []
        for label in s.labels:
            a, b = s.strict[label], s.partial[label]
            rows.append(
                [label, a.support, a.precision, a.recall, a.f1, b.precision, b.recall, b.f1]
            )
        a, b = s.strict_micro, s.partial_micro
        rows.append(["micro", a.support, a.precision, a.recall, a.f1, b.precision, b.recall, b.f1])
        ma, mb = s.strict_macro, s.partial_macro
        rows.append(
            ["macro", a.support, ma["precision"], ma["recall"], ma["f1"],
             mb["precision"], mb["recall"], mb["f1"]]
        )  # fmt: skip
        return [("entity spans", header, rows)]
    header = ["label", "support", "precision", "recall", "F1", "AP"]
    rows = []
    for label in s.labels:
        p = s.per_label[label]
        ap = s.curves[label].average_precision if label in s.curves else "-"
        rows.append([label, p.support, p.precision, p.recall, p.f1, ap])
    m = s.micro
    rows.append(["micro", m.support, m.precision, m.recall, m.f1, "-"])
    rows.append(["macro", m.support, s.macro_precision, s.macro_recall, s.macro_f1, "-"])
    summary = [
        ["passages", s.n_samples],
        ["samples Jaccard", s.samples_jaccard],
        ["exact match", s.exact_match],
        ["threshold", "labels given" if s.threshold is None else json.dumps(s.threshold)],
    ]
    return [("passage labels", header, rows), ("passage summary", ["metric", "value"], summary)]


def _error_rows(ev: Evaluation, n: int) -> tuple[list[str], list[list[Any]]]:
    errors = ev.errors(n)
    if ev.task in ("tokens", "sentences"):
        return ["kind", "document", "offset", "context"], [
            [e["kind"], e["doc_id"], e["offset"], e["context"]] for e in errors
        ]
    if ev.task == "lemmas":
        return ["count", "form", "gold", "predicted", "upos"], [
            [e["count"], e["form"], e["gold"], e["predicted"], e["upos"]] for e in errors
        ]
    if ev.task == "entities":

        def show(span):
            return "-" if span is None else f"{span[2]} {span[0]}:{span[1]}"

        return ["kind", "document", "gold", "predicted", "context"], [
            [e["kind"], e["doc_id"], show(e["gold"]), show(e["predicted"]), e["context"]]
            for e in errors
        ]
    return ["passage", "gold", "predicted", "missing", "extra"], [
        [e["id"] if e["id"] is not None else e["index"], "|".join(e["gold"]),
         "|".join(e["predicted"]), "|".join(e["missing"]), "|".join(e["extra"])]
        for e in errors
    ]  # fmt: skip


def render_text(ev: Evaluation, errors: int = DEFAULT_ERRORS) -> str:
    """The plain-text report printed to stdout."""
    from kgtext.report import text_table

    lines = [
        f"kgtext evaluate {ev.task}",
        f"corpus:  {ev.corpus} ({ev.format}, {ev.documents:,} documents)",
        f"system:  {ev.system}",
        "",
    ]
    for caption, header, rows in _tables(ev):
        lines += [caption, text_table(header, rows), ""]
    header, rows = _error_rows(ev, errors)
    if rows:
        lines += [f"errors (first {len(rows)})", text_table(header, rows), ""]
    return "\n".join(lines)


def write_report(ev: Evaluation, directory: str | Path, errors: int = DEFAULT_ERRORS) -> list[Path]:
    """Write ``metrics.json``, ``errors.jsonl`` and PNG plots into ``directory``."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    metrics = out / "metrics.json"
    metrics.write_text(
        json.dumps(ev.metrics(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    error_file = out / "errors.jsonl"
    with error_file.open("w", encoding="utf-8") as handle:
        for item in ev.errors(errors):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return [metrics, error_file, *_plots(ev, out)]


def _plots(ev: Evaluation, out: Path) -> list[Path]:
    from kgtext import report

    s = ev.score
    if ev.task in ("tokens", "sentences"):
        return [
            report.plot_count_matrix(
                ["gold boundary", "no gold boundary"],
                ["predicted", "not predicted"],
                [[s.correct, s.missed], [s.false, None]],
                out / f"{ev.task}_boundaries.png",
                f"{ev.task}: boundary outcomes",
            ),
            *(
                [
                    report.plot_count_matrix(
                        list(ev.by_phenomenon),
                        ["missed splits", "false splits"],
                        [[b.missed, b.false] for b in ev.by_phenomenon.values()],
                        out / f"{ev.task}_errors_by_phenomenon.png",
                        f"{ev.task}: errors in documents tagged with each phenomenon",
                    )
                ]
                if ev.by_phenomenon
                else []
            ),
        ]
    if ev.task == "lemmas":
        upos = sorted(s.by_upos, key=lambda u: -s.by_upos[u].total)
        wrong_case: dict[str, int] = {}
        for e in s.errors:
            if e.case_only:
                wrong_case[e.upos] = wrong_case.get(e.upos, 0) + e.count
        matrix = []
        for u in upos:
            score = s.by_upos[u]
            case_only = wrong_case.get(u, 0)
            matrix.append([score.correct, case_only, score.total - score.correct - case_only])
        return [
            report.plot_bars(
                {u: s.by_upos[u].accuracy for u in upos},
                out / "lemma_accuracy_by_upos.png",
                "lemma accuracy by UPOS",
                xlabel="accuracy",
            ),
            report.plot_count_matrix(
                upos,
                ["correct", "case only", "wrong"],
                matrix,
                out / "lemma_errors_by_upos.png",
                "lemmas by UPOS",
            ),
        ]
    if ev.task == "entities":
        return [
            report.plot_bars(
                {label: s.strict[label].f1 for label in s.labels},
                out / "f1_by_label.png",
                "entities: strict F1 by label",
            )
        ]
    paths = [
        report.plot_bars(
            {label: s.per_label[label].f1 for label in s.labels},
            out / "f1_by_label.png",
            "sectors: F1 by label",
        )
    ]
    if s.curves:
        paths.append(report.plot_pr_curves(s.curves, out / "pr_curves.png", "precision-recall"))
    return paths


def write_html_report(
    ev: Evaluation, path: str | Path, errors: int = DEFAULT_ERRORS, images: Sequence[Path] = ()
) -> Path:
    """Write one self-contained HTML page (tables with every label, embedded plots)."""
    from kgtext import report

    if not images:
        with tempfile.TemporaryDirectory() as tmp:
            return write_html_report(ev, path, errors, _plots(ev, Path(tmp)))
    tables = [report.Table(c, h, r) for c, h, r in _tables(ev)]
    header, rows = _error_rows(ev, errors)
    sections = [
        report.Section(
            "Summary",
            [
                f"Corpus: {ev.corpus} ({ev.format}, {ev.documents:,} documents)",
                f"System: {ev.system}",
                *ev.notes,
            ],
            tables,
        ),
        report.Section("Plots", images=[p for p in images if p.suffix == ".png"]),
        report.Section(
            "Errors", [f"The first {len(rows)} errors."], [report.Table("errors", header, rows)]
        ),
    ]
    return report.write_html(path, f"kgtext evaluate {ev.task}", sections)


# ------------------------------------------------------------------------ CLI


def _parse_map(values: Sequence[str] | None) -> dict[str, str | None] | None:
    if not values:
        return None
    result: dict[str, str | None] = {}
    for value in values:
        source, eq, target = value.partition("=")
        if not eq or not source:
            raise InputError(f"--map expects A=B (or A= / A=O to drop A), got {value!r}")
        result[source] = target if target not in ("", "O") else None
    return result


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("task", choices=TASKS, help="what to score")
    parser.add_argument("corpus", help="gold corpus file (.gz/.bz2/.xz accepted)")
    parser.add_argument("--format", choices=FORMATS, help="corpus format (default: guessed)")
    parser.add_argument(
        "--map", action="append", metavar="A=B", help="map label A to B on both sides; A=O drops A"
    )
    parser.add_argument("--predictions", metavar="FILE", help="score this output instead of kgtext")
    parser.add_argument("--report", metavar="DIR", help="write metrics.json, errors.jsonl, PNGs")
    parser.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    parser.add_argument(
        "--errors", type=int, default=DEFAULT_ERRORS, metavar="N", help="errors to show and write"
    )
    parser.add_argument(
        "--threshold",
        action="append",
        metavar="X|LABEL=X",
        help="sectors: probability threshold, overall or per label (default 0.5; when "
        "kgtext itself is scored, the per-label thresholds of its sectors pipe)",
    )
    parser.add_argument("--source", metavar="CSV", help="24.kg CSV for stand-off paragraph labels")
    parser.add_argument("--json", action="store_true", help="print metrics as JSON")
    return parser


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``evaluate`` to the ``kgtext`` CLI's sub-parsers; sets ``func=run``."""
    parser = subparsers.add_parser(
        "evaluate",
        help="score kgtext or a predictions file on an annotated corpus",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    _configure(parser)
    parser.set_defaults(func=run)
    return parser


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__


def run(args: argparse.Namespace) -> int:
    """Run ``kgtext evaluate`` for parsed ``args``; return the exit status."""
    try:
        ev = evaluate_corpus(
            args.task,
            args.corpus,
            format=args.format,
            predictions=args.predictions,
            label_map=_parse_map(args.map),
            thresholds=args.threshold,
            source=args.source,
        )
    except Unavailable as exc:
        print(f"kgtext: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except (CorpusFormatError, InputError, OSError, ValueError) as exc:
        print(f"kgtext: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(ev.metrics(), ensure_ascii=False, indent=2))
    else:
        print(render_text(ev, args.errors))
    images: list[Path] = []
    if args.report:
        images = write_report(ev, args.report, args.errors)
    if args.html:
        write_html_report(ev, args.html, args.errors, images)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``main(["tokens", "corpus.conllu"])``."""
    parser = _configure(
        argparse.ArgumentParser(prog="kgtext evaluate", description=__doc__.split("\n\n")[0])
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
