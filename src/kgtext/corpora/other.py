"""Loaders for the project's segmentation gold and for UniMorph paradigms.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "seg.jsonl"
>>> _ = path.write_text('{"id": "d1", "text": "Ош шаары.", "tokens": [[0, 2], [3, 8], [8, 9]],'
...                     ' "sentences": [[0, 9]], "phenomena": ["abbrev"]}\\n', encoding="utf-8")
>>> doc = next(load_segmentation(path))
>>> doc.id, doc.tokens, doc.sentences
('d1', ((0, 2), (3, 8), (8, 9)), ((0, 9),))
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgtext.corpora._io import CorpusFormatError, PathLike, check_path, iter_lines
from kgtext.corpora.spans import read_json_line

__all__ = ["SegmentationDoc", "UnimorphEntry", "load_segmentation", "load_unimorph"]


@dataclass(frozen=True)
class SegmentationDoc:
    """A text with gold token and sentence offsets and the phenomena it illustrates."""

    id: str
    text: str
    tokens: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    phenomena: tuple[Any, ...] = ()


def _offsets(path: Path, number: int, value: Any, key: str, length: int):
    if value is None:
        return ()
    if not isinstance(value, list):
        raise CorpusFormatError(path, number, f'"{key}" as a list of [start, end]', str(value))
    result = []
    previous_end = 0
    for item in value:
        if not (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in item)
        ):
            raise CorpusFormatError(path, number, f'"{key}" items as [start, end]', str(item))
        start, end = item
        if not previous_end <= start < end <= length:
            raise CorpusFormatError(
                path,
                number,
                f'"{key}" spans increasing, non-overlapping, inside the text (length {length})',
                str(item),
            )
        previous_end = end
        result.append((start, end))
    return tuple(result)


def load_segmentation(path: PathLike) -> Iterator[SegmentationDoc]:
    """Read segmentation gold: JSONL ``{"id", "text", "tokens", "sentences", "phenomena"}``.

    ``tokens`` and ``sentences`` are lists of ``[start, end]`` character offsets,
    increasing and non-overlapping; either may be absent (empty).

    Raises
    ------
    CorpusFormatError
        On invalid JSON or offsets outside the text / out of order.
    """
    p = check_path(path)
    return _iter_segmentation(p)


def _iter_segmentation(path: Path) -> Iterator[SegmentationDoc]:
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        record = read_json_line(path, number, line)
        text = record.get("text")
        if not isinstance(text, str):
            raise CorpusFormatError(path, number, 'a string "text"', line)
        phenomena = record.get("phenomena") or ()
        if not isinstance(phenomena, list | tuple):
            phenomena = (phenomena,)
        yield SegmentationDoc(
            str(record.get("id", number)),
            text,
            _offsets(path, number, record.get("tokens"), "tokens", len(text)),
            _offsets(path, number, record.get("sentences"), "sentences", len(text)),
            tuple(phenomena),
        )


@dataclass(frozen=True)
class UnimorphEntry:
    """One UniMorph row: lemma, inflected form and its features."""

    lemma: str
    form: str
    features: tuple[str, ...]


def load_unimorph(path: PathLike) -> Iterator[UnimorphEntry]:
    """Read a UniMorph TSV (``lemma<TAB>form<TAB>FEAT;FEAT``), as written.

    Letters are not normalised: the Kyrgyz file spells many words with Latin
    look-alike letters, which is real evidence for the normaliser.
    """
    p = check_path(path)
    return _iter_unimorph(p)


def _iter_unimorph(path: Path) -> Iterator[UnimorphEntry]:
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) != 3 or not all(c.strip() for c in columns):
            raise CorpusFormatError(path, number, "3 tab-separated columns", line)
        yield UnimorphEntry(columns[0], columns[1], tuple(columns[2].split(";")))
