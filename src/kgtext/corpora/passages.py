"""Passage classification corpora: generic JSONL/CSV, 24.kg topics, SIB-200.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.jsonl"
>>> _ = path.write_text('{"id": "a", "text": "Жаңы мектеп ачылды.", "labels": ["education"]}\\n',
...                     encoding="utf-8")
>>> next(load_passages(path))
Passage(id='a', text='Жаңы мектеп ачылды.', labels=('education',))
>>> split_labels("health|education"), split_labels('["a", "b"]'), split_labels("")
(('health', 'education'), ('a', 'b'), ())
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kgtext.corpora._io import CorpusFormatError, PathLike, check_path, open_text, stem_suffix
from kgtext.corpora.spans import read_json_line

__all__ = [
    "KgNewsArticle",
    "Passage",
    "SibSentence",
    "load_24kg",
    "load_24kg_paragraphs",
    "load_passages",
    "load_sib200",
    "split_labels",
]


@dataclass(frozen=True)
class Passage:
    """A text with a set of labels (multi-label; may be empty)."""

    id: str
    text: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class KgNewsArticle(Passage):
    """A 24.kg news article (Alekseev et al. 2023) with its pre-tokenised text."""

    tokenized_text: str = ""


@dataclass(frozen=True)
class SibSentence(Passage):
    """A SIB-200 sentence; ``labels`` holds its one category."""

    @property
    def category(self) -> str:
        """The sentence's single topic category."""
        return self.labels[0]


def split_labels(value: Any) -> tuple[str, ...]:
    """Parse a label field: a JSON list, or a string separated by ``|`` or ``,``.

    ``|`` wins when present, so labels containing commas can be written with ``|``.
    Blank items are dropped and order is kept.
    """
    if value is None:
        return ()
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        text = str(value).strip()
        if text.startswith("["):
            parsed = json.loads(text)
            if not isinstance(parsed, list):
                raise ValueError(f"expected a JSON list of labels, got {text!r}")
            items = [str(v) for v in parsed]
        elif "|" in text:
            items = text.split("|")
        else:
            items = text.split(",")
    return tuple(item.strip() for item in items if item.strip())


def _raise_csv_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def _iter_csv(
    path: Path, delimiter: str, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(first_line_of_record, row)``; check the header has ``required``."""
    _raise_csv_limit()
    with open_text(path, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise CorpusFormatError(path, 1, f"a header with columns {list(required)}") from None
        missing = [c for c in required if c not in header]
        if missing:
            raise CorpusFormatError(
                path, 1, f"a header with columns {list(required)}", delimiter.join(header)
            )
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CorpusFormatError(path, start, f"valid CSV ({exc})") from None
            if row and any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise CorpusFormatError(
                        path,
                        start,
                        f"{len(header)} {'tab-' if delimiter == chr(9) else ''}separated "
                        f"fields (found {len(row)})",
                        delimiter.join(row),
                    )
                yield start, dict(zip(header, row, strict=True))
            start = reader.line_num + 1


def load_passages(
    path: PathLike,
    text_column: str = "text",
    labels_column: str = "labels",
    id_column: str = "id",
    format: Literal["auto", "jsonl", "csv", "tsv"] = "auto",
) -> Iterator[Passage]:
    """Read labelled passages from JSONL or CSV/TSV.

    Parameters
    ----------
    path : str or Path
        ``.jsonl``/``.json`` is read as JSON lines, ``.tsv`` as tab-separated and
        anything else as CSV, unless ``format`` says otherwise.
    text_column, labels_column, id_column : str
        Field names. Labels may be a JSON list or a string separated by ``|`` or
        ``,`` (see :func:`split_labels`). A missing id becomes the line number.

    Raises
    ------
    CorpusFormatError
        On invalid JSON/CSV or missing fields; the message names file and line.
    """
    p = check_path(path)
    if format == "auto":
        suffix = stem_suffix(p)
        format = "jsonl" if suffix in (".jsonl", ".json", ".ndjson") else "csv"
        if suffix == ".tsv":
            format = "tsv"
    if format == "jsonl":
        return _iter_passages_jsonl(p, text_column, labels_column, id_column)
    return _iter_passages_csv(
        p, "\t" if format == "tsv" else ",", text_column, labels_column, id_column
    )


def _iter_passages_jsonl(path: Path, text_col: str, labels_col: str, id_col: str):
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = read_json_line(path, number, line)
            text = record.get(text_col)
            if not isinstance(text, str):
                raise CorpusFormatError(path, number, f"a string {text_col!r} field", line)
            try:
                labels = split_labels(record.get(labels_col))
            except (ValueError, json.JSONDecodeError) as exc:
                raise CorpusFormatError(
                    path, number, f"labels in {labels_col!r}", str(exc)
                ) from None
            yield Passage(str(record.get(id_col, number)), text, labels)


def _iter_passages_csv(path: Path, delimiter: str, text_col: str, labels_col: str, id_col: str):
    for number, row in _iter_csv(path, delimiter, (text_col, labels_col)):
        try:
            labels = split_labels(row[labels_col])
        except (ValueError, json.JSONDecodeError) as exc:
            raise CorpusFormatError(path, number, f"labels in {labels_col!r}", str(exc)) from None
        yield Passage(row.get(id_col) or str(number), row[text_col], labels)


def load_24kg(path: PathLike) -> Iterator[KgNewsArticle]:
    """Read the 24.kg multi-label topic CSV (``id,text,labels_set,tokenized_text``).

    ``labels_set`` is comma-separated. Articles are long, so the CSV field size
    limit is raised.
    """
    p = check_path(path)
    return _iter_24kg(p)


def _iter_24kg(path: Path) -> Iterator[KgNewsArticle]:
    for _, row in _iter_csv(path, ",", ("id", "text", "labels_set")):
        labels = tuple(x.strip() for x in row["labels_set"].split(",") if x.strip())
        yield KgNewsArticle(
            row["id"], row["text"], labels, tokenized_text=row.get("tokenized_text", "")
        )


def load_sib200(path: PathLike) -> Iterator[SibSentence]:
    """Read a SIB-200 split (TSV with header ``index_id, category, text``)."""
    p = check_path(path)
    return _iter_sib200(p)


def _iter_sib200(path: Path) -> Iterator[SibSentence]:
    expected = ["index_id", "category", "text"]
    with open_text(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if number == 1:
                if line.split("\t") != expected:
                    raise CorpusFormatError(
                        path, 1, "the header 'index_id<TAB>category<TAB>text'", line
                    )
                continue
            if not line.strip():
                continue
            columns = line.split("\t")
            if len(columns) != 3 or not columns[1].strip():
                raise CorpusFormatError(
                    path, number, f"3 tab-separated columns (found {len(columns)})", line
                )
            yield SibSentence(columns[0], columns[2], (columns[1].strip(),))


def load_24kg_paragraphs(labels_path: PathLike, corpus_path: PathLike) -> Iterator[Passage]:
    """Resolve stand-off paragraph labels against the 24.kg CSV.

    ``labels_path`` is JSONL ``{"article_id", "paragraph", "labels": [...], ...}``
    where ``paragraph`` indexes ``text.split("\\n")`` of the article in
    ``corpus_path`` (the project keeps labels, never the text). Passage ids are
    ``"<article_id>:<paragraph>"``.

    Raises
    ------
    CorpusFormatError
        On invalid JSON, or an article or paragraph that the CSV does not have.
    """
    labels_file = check_path(labels_path)
    corpus_file = check_path(corpus_path)
    return _iter_24kg_paragraphs(labels_file, corpus_file)


def _iter_24kg_paragraphs(labels_path: Path, corpus_path: Path) -> Iterator[Passage]:
    articles = {a.id: a.text.split("\n") for a in load_24kg(corpus_path)}
    with open_text(labels_path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = read_json_line(labels_path, number, line)
            article_id, index = str(record.get("article_id")), record.get("paragraph")
            paragraphs = articles.get(article_id)
            if paragraphs is None:
                raise CorpusFormatError(
                    labels_path, number, f"an article id present in {corpus_path.name}", article_id
                )
            if not isinstance(index, int) or not 0 <= index < len(paragraphs):
                raise CorpusFormatError(
                    labels_path,
                    number,
                    f"a paragraph index in 0..{len(paragraphs) - 1} for article {article_id}",
                    str(index),
                )
            try:
                labels = split_labels(record.get("labels"))
            except (ValueError, json.JSONDecodeError) as exc:
                raise CorpusFormatError(labels_path, number, "a list of labels", str(exc)) from None
            yield Passage(f"{article_id}:{index}", paragraphs[index], labels)
