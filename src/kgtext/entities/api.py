"""Plain-Python entity extraction: ``extract(text) -> list[Entity]``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["Entity", "extract"]


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity: label, text, character offsets, canonical name, ISO value, id.

    ``text == source[start:end]``; ``canonical`` is ``None`` for DATE, ``value`` is
    ``None`` except for DATE.
    """

    label: str
    text: str
    start: int
    end: int
    canonical: str | None
    value: str | None
    id: str


@functools.cache
def _pipeline() -> Language:
    from kgtext.pipeline import load

    return load(components=["lemmatizer", "entities"])


def extract(text: str) -> list[Entity]:
    """Entities of *text*, in text order.

    Built on first use: the tokenizer, lemmatizer and ``entities`` pipe of
    :func:`kgtext.load`.

    Examples
    --------
    >>> [(e.label, e.text, e.value) for e in extract("2025-жылдын 26-февралында")]
    [('DATE', '2025-жылдын 26-февралында', '2025-02-26')]
    >>> e = extract("ЖКнын отуруму")[0]
    >>> e.canonical, e.id, (e.start, e.end)
    ('Жогорку Кеңеш', 'kg.parliament', (0, 5))
    """
    doc = _pipeline()(text)
    return [
        Entity(
            e.label_,
            e.text,
            e.start_char,
            e.end_char,
            e._.canonical,
            e._.value,
            e.id_,
        )
        for e in doc.ents
    ]
