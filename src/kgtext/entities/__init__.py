"""Entities: organisations, programmes, places and dates that survive Kyrgyz inflection.

* :func:`extract` — plain Python: ``text -> list[Entity]``.
* the spaCy component ``kgtext_entities`` (pipe ``entities`` in :func:`kgtext.load`),
  in :mod:`kgtext.entities.component`;
* patterns as data (``kgtext/data/entity_patterns.jsonl``, spaCy entity-ruler format)
  and the gazetteer, compiled by :mod:`kgtext.entities.matcher`.

Examples
--------
>>> from kgtext.entities import extract
>>> [(e.text, e.label, e.canonical) for e in extract("Ага Хан фондунун колдоосу менен")]
[('Ага Хан фондунун', 'ORG', 'Ага Хан фонду')]
"""

from kgtext.entities.api import Entity, extract

__all__ = ["Entity", "extract"]
