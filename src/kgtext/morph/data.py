"""Lazy loaders for the morphology data files in ``kgtext/data``.

Every loader reads its file once, on first use (``functools.cache``); nothing is read
at import time.

Examples
--------
>>> suffixes()[0].id, suffixes()[0].template
('pl', 'ЛАр')
>>> ("мектеп", "NOUN") in {(e.lemma, e.pos) for e in core_lexicon()}
True
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kgtext._resources import data_lines

__all__ = [
    "ClosedForm",
    "LemmaRules",
    "LexEntry",
    "StemVariant",
    "Suffix",
    "closed_forms",
    "core_lexicon",
    "lemma_rules",
    "lexicon_from_path",
    "read_lemma_rules",
    "read_lexicon",
    "stem_variants",
    "suffixes",
    "ud_lexicon",
]


@dataclass(frozen=True, slots=True)
class Suffix:
    """One row of ``morph_suffixes.tsv`` (see the file header for the columns)."""

    id: str
    template: str
    after: str
    sources: frozenset[str]
    target: str
    kind: str
    lemma: str
    pos: str
    feats: tuple[tuple[str, str], ...]
    example: str


@dataclass(frozen=True, slots=True)
class LexEntry:
    """A lexicon stem: its written lemma, UD part of speech and corpus count."""

    lemma: str
    pos: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class StemVariant:
    """A bound surface stem of a lemma (``мурд`` of ``мурун``)."""

    bound: str
    lemma: str
    pos: str
    first: str
    example: str


@dataclass(frozen=True, slots=True)
class ClosedForm:
    """A closed-class word form with its lemma (``мага`` → ``мен``)."""

    form: str
    lemma: str
    pos: str
    feats: tuple[tuple[str, str], ...]


def _rows(lines: Iterator[str]) -> Iterator[list[str]]:
    header_seen = False
    for raw in lines:
        line = raw.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


def _feats(value: str) -> tuple[tuple[str, str], ...]:
    if value in ("", "-", "_"):
        return ()
    return tuple(tuple(item.split("=", 1)) for item in value.split("|"))  # type: ignore[misc]


@cache
def suffixes() -> tuple[Suffix, ...]:
    """The suffix grammar, in file order."""
    out = []
    for row in _rows(data_lines("morph_suffixes.tsv")):
        sid, template, after, sources, target, kind, lemma, pos, feats, example = row
        out.append(
            Suffix(
                sid,
                template,
                after,
                frozenset(sources.split()),
                target,
                kind,
                lemma,
                pos,
                _feats(feats),
                example,
            )
        )
    return tuple(out)


@cache
def stem_variants() -> tuple[StemVariant, ...]:
    """Irregular bound stems (vowel loss, ``балдар``)."""
    return tuple(StemVariant(*row) for row in _rows(data_lines("morph_stems.tsv")))


@cache
def closed_forms() -> tuple[ClosedForm, ...]:
    """Closed-class word forms (pronouns, auxiliaries)."""
    return tuple(
        ClosedForm(form, lemma, pos, _feats(feats))
        for form, lemma, pos, feats in _rows(data_lines("morph_closed.tsv"))
    )


@cache
def core_lexicon() -> tuple[LexEntry, ...]:
    """The hand-written stems of ``lexicon_core.tsv``."""
    return tuple(LexEntry(lemma, pos) for lemma, pos, _ in _rows(data_lines("lexicon_core.tsv")))


def read_lexicon(lines: Iterator[str]) -> tuple[LexEntry, ...]:
    """Parse a ``lemma<TAB>pos<TAB>count`` lexicon (the format ``tools/build_lexicon.py`` writes).

    >>> read_lexicon(iter(["lemma\\tpos\\tcount", "мектеп\\tNOUN\\t12"]))
    (LexEntry(lemma='мектеп', pos='NOUN', count=12),)
    """
    return tuple(LexEntry(row[0], row[1], int(row[2])) for row in _rows(lines))


@cache
def ud_lexicon() -> tuple[LexEntry, ...]:
    """The shipped lexicon built from UD_Kyrgyz-KTMU lemmas (``lexicon_ud.tsv``)."""
    try:
        return read_lexicon(data_lines("lexicon_ud.tsv"))
    except FileNotFoundError:
        return ()


def lexicon_from_path(path: str | Path) -> tuple[LexEntry, ...]:
    """Read a lexicon file written by ``tools/build_lexicon.py`` (plain or ``.gz``)."""
    path = Path(path)
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return read_lexicon(iter(handle.readlines()))
    with path.open(encoding="utf-8") as handle:
        return read_lexicon(iter(handle.readlines()))


#: Learned lemma edits: word ending (``^`` marks the start of the word) ->
#: ``(words with that ending, {(strip, append): words with that edit})``.
LemmaRules = dict[str, tuple[int, dict[tuple[int, str], int]]]


def read_lemma_rules(lines: Iterator[str]) -> LemmaRules:
    """Parse an ``ending<TAB>strip<TAB>append<TAB>count<TAB>total`` table
    (the format ``tools/build_lemma_rules.py`` writes).

    >>> read_lemma_rules(iter(["ending\\tstrip\\tappend\\tcount\\ttotal", "би\\t2\\tп\\t3\\t4"]))
    {'би': (4, {(2, 'п'): 3})}
    """
    out: LemmaRules = {}
    for ending, strip, append, count, total in _rows(lines):
        out.setdefault(ending, (int(total), {}))[1][(int(strip), append)] = int(count)
    return out


@cache
def lemma_rules() -> LemmaRules:
    """The shipped learned ending table (``lemma_rules.tsv``, all of KTMU train)."""
    try:
        return read_lemma_rules(data_lines("lemma_rules.tsv"))
    except FileNotFoundError:
        return {}
