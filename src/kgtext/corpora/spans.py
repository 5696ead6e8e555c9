"""Entity annotations: CoNLL-style NER columns and JSONL character spans.

Both loaders end in the same shape: a text plus character spans with labels
(:class:`Span`), which is what :func:`kgtext.evaluate.score_spans` compares.

Examples
--------
>>> text, spans = tokens_to_spans(["Бишкекте", "жаңы", "мектеп", "ачылды"],
...                               ["B-LOC", "O", "O", "O"])
>>> text
'Бишкекте жаңы мектеп ачылды'
>>> spans
[Span(start=0, end=8, label='LOC')]
>>> to_iob2(["I-ORG", "I-ORG", "B-ORG", "O"], scheme="iob1")
['B-ORG', 'I-ORG', 'B-ORG', 'O']
>>> to_iob2(["S-PER", "B-ORG", "E-ORG"], scheme="bioes")
['B-PER', 'B-ORG', 'I-ORG']
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kgtext.corpora._io import CorpusFormatError, PathLike, check_path, iter_lines

__all__ = [
    "NerSentence",
    "Scheme",
    "Span",
    "SpanDoc",
    "load_conll_ner",
    "load_jsonl_spans",
    "spans_to_tags",
    "to_iob2",
    "tokens_to_spans",
]

Scheme = Literal["auto", "iob1", "iob2", "bioes"]

_PREFIXES = {"B", "I", "E", "S", "L", "U"}


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character span ``text[start:end]``; extra JSON keys go to ``attrs``."""

    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SpanDoc:
    """A text with gold (or predicted) spans, as read by :func:`load_jsonl_spans`."""

    id: str
    text: str
    spans: tuple[Span, ...]
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NerSentence:
    """One sentence of a CoNLL NER file; ``tags`` are normalised to IOB2."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    doc_index: int = 0
    line: int | None = field(default=None, compare=False)

    def to_spans(self, sep: str = " ") -> tuple[str, list[Span]]:
        """Return ``(text, spans)``: tokens joined by ``sep`` and entity char spans."""
        return tokens_to_spans(self.tokens, self.tags, sep=sep)


def _split_tag(tag: str) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    prefix, dash, label = tag.partition("-")
    if not dash or prefix not in _PREFIXES or not label:
        raise ValueError(f"expected 'O' or a tag like 'B-LOC', got {tag!r}")
    return prefix, label


def _is_tag(tag: str) -> bool:
    try:
        _split_tag(tag)
    except ValueError:
        return False
    return True


def to_iob2(tags: Sequence[str], scheme: Scheme = "auto") -> list[str]:
    """Convert IOB1, IOB2 or BIOES (BILOU) tags to IOB2.

    ``auto`` reads BIOES when any ``E-``/``S-``/``L-``/``U-`` tag is present and
    IOB otherwise; IOB is read leniently (an ``I-`` that starts an entity starts
    it, as in IOB1). ``iob2`` is strict: such an ``I-`` is an error.

    Raises
    ------
    ValueError
        On a tag that is not ``O`` or ``PREFIX-LABEL``, or on an invalid sequence
        under a strict scheme; the message gives the tag's position.
    """
    parsed = []
    for i, tag in enumerate(tags):
        try:
            parsed.append(_split_tag(tag))
        except ValueError as exc:
            raise ValueError(f"tag {i + 1}: {exc}") from None
    if scheme == "auto":
        scheme = "bioes" if any(p in "ESLU" for p, _ in parsed) else "iob1"
    out: list[str] = []
    prev_prefix, prev_label = "O", ""
    for i, (prefix, label) in enumerate(parsed):
        if prefix == "O":
            out.append("O")
        elif scheme == "bioes":
            if prefix in ("B", "S", "U"):
                out.append(f"B-{label}")
            else:  # I, E, L continue an open entity of the same label
                if prev_prefix not in ("B", "I") or prev_label != label:
                    raise ValueError(f"tag {i + 1}: {prefix}-{label} does not continue an entity")
                out.append(f"I-{label}")
        else:
            if prefix not in ("B", "I"):
                raise ValueError(f"tag {i + 1}: {prefix}- is not an {scheme.upper()} prefix")
            continues = prev_prefix in ("B", "I") and prev_label == label
            if prefix == "I" and not continues:
                if scheme == "iob2":
                    raise ValueError(f"tag {i + 1}: I-{label} does not follow B-/I-{label}")
                out.append(f"B-{label}")
            else:
                out.append(f"{prefix}-{label}")
        prev_prefix, prev_label = prefix, label
        if scheme == "bioes" and prefix in ("E", "S", "L", "U"):
            prev_prefix = "O"
    return out


def tokens_to_spans(
    tokens: Sequence[str], tags: Sequence[str], sep: str = " "
) -> tuple[str, list[Span]]:
    """Join tokens with ``sep`` and turn IOB2 tags into character spans.

    Tags are read leniently (an ``I-X`` after ``O`` or another label starts a new
    entity); pass tags through :func:`to_iob2` first for other schemes.

    Raises
    ------
    ValueError
        If ``tokens`` and ``tags`` differ in length or a tag is malformed.
    """
    if len(tokens) != len(tags):
        raise ValueError(f"{len(tokens)} tokens but {len(tags)} tags")
    spans: list[Span] = []
    offset = 0
    start: int | None = None
    label = ""
    end = 0
    for i, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
        if i:
            offset += len(sep)
        prefix, tag_label = _split_tag(tag)
        if start is not None and (prefix != "I" or tag_label != label):
            spans.append(Span(start, end, label))
            start = None
        if prefix != "O" and start is None:
            start, label = offset, tag_label
        offset += len(token)
        end = offset
    if start is not None:
        spans.append(Span(start, end, label))
    return sep.join(tokens), spans


def spans_to_tags(tokens: Sequence[str], spans: Sequence[Span], sep: str = " ") -> list[str]:
    """Inverse of :func:`tokens_to_spans`: IOB2 tags for tokens joined by ``sep``.

    A token gets a tag when it lies inside a span; spans that do not fall on token
    boundaries are tagged on the tokens they overlap.

    Examples
    --------
    >>> spans_to_tags(["Ош", "шаары"], [Span(0, 8, "LOC")])
    ['B-LOC', 'I-LOC']
    """
    tags = ["O"] * len(tokens)
    starts = []
    offset = 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + len(sep)
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        first = True
        for i, token in enumerate(tokens):
            s, e = starts[i], starts[i] + len(token)
            if s < span.end and e > span.start and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + span.label
                first = False
    return tags


def load_conll_ner(
    path: PathLike, scheme: Scheme = "auto", sep: str | None = None
) -> Iterator[NerSentence]:
    """Read token/tag columns (CoNLL-2003 style) sentence by sentence.

    The token is the first column and the tag the last; columns are split on tabs
    when the line has one, else on whitespace (or on ``sep`` if given). Lines
    starting with ``#`` are comments; ``-DOCSTART-`` lines and blank lines end a
    sentence (``-DOCSTART-`` also starts a new document, counted in ``doc_index``).

    Parameters
    ----------
    path : str or Path
        Local file (``.gz``/``.bz2``/``.xz`` decompressed).
    scheme : {"auto", "iob1", "iob2", "bioes"}
        Tagging scheme of the file; tags are converted to IOB2.
    sep : str, optional
        Column separator; default tab if present on the line, else whitespace.

    Raises
    ------
    CorpusFormatError
        On a line without a tag column or with an invalid tag.
    """
    p = check_path(path)
    if scheme not in ("auto", "iob1", "iob2", "bioes"):
        raise ValueError(f"unknown tagging scheme {scheme!r}")
    return _iter_conll_ner(p, scheme, sep)


def _iter_conll_ner(path: Path, scheme: Scheme, sep: str | None) -> Iterator[NerSentence]:
    tokens: list[str] = []
    tags: list[str] = []
    lines: list[int] = []
    doc_index = 0
    seen_docstart = False

    def flush() -> NerSentence:
        try:
            iob2 = to_iob2(tags, scheme)
        except ValueError as exc:
            message = str(exc)
            position = int(message.split(":")[0].split()[1]) - 1
            raise CorpusFormatError(
                path, lines[position], f"a valid {scheme} tag sequence", message
            ) from None
        return NerSentence(tuple(tokens), tuple(iob2), doc_index, lines[0])

    for number, line in iter_lines(path):
        stripped = line.strip()
        if stripped.startswith("-DOCSTART-"):
            if tokens:
                yield flush()
                tokens, tags, lines = [], [], []
            if seen_docstart:
                doc_index += 1
            seen_docstart = True
            continue
        if not stripped:
            if tokens:
                yield flush()
                tokens, tags, lines = [], [], []
            continue
        if sep is not None:
            columns = line.split(sep)
        elif "\t" in line:
            columns = line.split("\t")
        else:
            columns = line.split()
        columns = [c.strip() for c in columns]
        tag = columns[-1]
        valid = len(columns) >= 2 and bool(columns[0]) and _is_tag(tag)
        if stripped.startswith("#") and not valid:
            continue  # a comment; a line like "#<TAB>O" is the token "#"
        if len(columns) < 2 or not columns[0] or not tag:
            raise CorpusFormatError(path, number, "a token and a tag column", line)
        if not valid:
            raise CorpusFormatError(path, number, "a tag 'O' or like 'B-LOC'", tag)
        tokens.append(columns[0])
        tags.append(tag)
        lines.append(number)
    if tokens:
        yield flush()


def load_jsonl_spans(path: PathLike, require_text: bool = True) -> Iterator[SpanDoc]:
    """Read JSONL documents ``{"id"?, "text", "spans": [{"start", "end", "label"}]}``.

    Extra keys of a span are kept in :attr:`Span.attrs`; a missing ``id`` becomes
    the 1-based line number as a string. With ``require_text=False`` (predictions
    aligned to a gold file) ``text`` may be absent and is then ``""``; spans are
    only checked to have ``0 <= start < end``.

    Raises
    ------
    CorpusFormatError
        On invalid JSON, missing keys, or a span outside the text.
    """
    p = check_path(path)
    return _iter_jsonl_spans(p, require_text)


def read_json_line(path: PathLike, number: int, line: str) -> dict[str, Any]:
    """Parse one JSONL line into a dict, or raise :class:`CorpusFormatError`."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusFormatError(path, number, f"a JSON object ({exc.msg})", line) from None
    if not isinstance(record, dict):
        raise CorpusFormatError(path, number, "a JSON object", line)
    return record


def _iter_jsonl_spans(path: Path, require_text: bool) -> Iterator[SpanDoc]:
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        record = read_json_line(path, number, line)
        text = record.get("text", None if require_text else "")
        raw_spans = record.get("spans", [])
        if not isinstance(text, str):
            raise CorpusFormatError(path, number, 'a string "text"', line)
        if not isinstance(raw_spans, list):
            raise CorpusFormatError(path, number, '"spans" as a list', line)
        spans = []
        for raw in raw_spans:
            limit = len(text) if text or require_text else None
            spans.append(_parse_span(path, number, raw, limit))
        yield SpanDoc(str(record.get("id", number)), text, tuple(spans), number)


def _parse_span(path: Path, number: int, raw: Any, length: int | None) -> Span:
    if not isinstance(raw, dict):
        raise CorpusFormatError(path, number, 'spans as objects {"start","end","label"}', str(raw))
    start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
        raise CorpusFormatError(
            path, number, 'integer "start"/"end" and a string "label" in every span', str(raw)
        )
    if not 0 <= start < end or (length is not None and end > length):
        bound = f" <= {length} (the text length)" if length is not None else ""
        raise CorpusFormatError(path, number, f"0 <= start < end{bound}", str(raw))
    attrs = {k: v for k, v in raw.items() if k not in ("start", "end", "label")}
    return Span(start, end, label, attrs)
