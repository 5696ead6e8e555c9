"""The rule layer: find the terms of ``data/sector_lexicon.tsv`` in a passage.

Each row of the lexicon is a :class:`Term` of one of three kinds (see the file's
header): ``stem`` (a word starts with the term), ``lemma`` (the word's lemma from
:func:`kgtext.lemmatize` equals the term) and ``phrase`` (consecutive words, each
starting with a part of the phrase on its written form or on its lemma). Matching is
case-insensitive, runs on :func:`kgtext.normalize`-d text, and looks at every part of
a hyphenated word too (``9-класстын`` has ``класстын``, lemma ``класс``).
A ``negative:<sector>`` row is a context that cancels that sector.

Of overlapping hits for the same sector and polarity only the longest counts
(``бала бакчасына`` is one hit of ``бала бакча``, not also one of ``бакча``). A term
counts its weight once, and each repetition in the passage adds half of it, up to
twice the weight (a passage that names schools three times is more about schools).
A passage's score for a sector is ``positive - negative``: the sum of its positive
terms minus that of its negative contexts (:class:`SectorScore`).

Pure Python (no spaCy, no scikit-learn); the file is read on first use.

Examples
--------
>>> lex = default_lexicon()
>>> [(h.label, h.term, h.text) for h in lex.match("Бала бакчаларга тарбиячылар керек.")]
[('preschool', 'бала бакча', 'Бала бакчаларга'), ('preschool', 'тарбиячы', 'тарбиячылар'), \
('teacher_training', 'тарбиячы', 'тарбиячылар')]
>>> lex.scores("Мектеп шайлоо участкасы болот.")["school"]
SectorScore(positive=1.5, negative=3.0)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "SECTORS",
    "Hit",
    "Lexicon",
    "SectorScore",
    "Term",
    "Word",
    "default_lexicon",
    "words",
]

#: The five labels of the sector annotation guide, in the guide's order.
SECTORS: tuple[str, ...] = (
    "preschool",
    "school",
    "out_of_school",
    "teacher_training",
    "professional",
)
KINDS = ("stem", "lemma", "phrase")
_NEGATIVE = "negative:"
_KEY = 2  # terms are indexed by the first characters of their first part
#: Each repetition of a term in a passage adds this share of its weight ...
REPEAT_BONUS = 0.5
#: ... up to this multiple of its weight.
MAX_REPEAT_FACTOR = 2.0


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a passage with what the matcher compares: forms and lemmas, lower-cased.

    ``start``/``end`` point into the passage as given (before normalisation);
    ``joined`` is False when punctuation separates it from the word before.
    """

    text: str
    start: int
    end: int
    forms: tuple[str, ...]
    lemmas: tuple[str, ...]
    joined: bool = True

    @property
    def candidates(self) -> tuple[str, ...]:
        return self.forms + self.lemmas


@dataclass(frozen=True, slots=True)
class Term:
    """One row of the lexicon."""

    label: str
    term: str
    kind: str
    weight: float
    negative: bool = False
    example: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.term.lower().split())


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a passage: ``text == passage[start:end]``."""

    label: str
    term: str
    kind: str
    weight: float
    negative: bool
    start: int
    end: int
    text: str

    @property
    def signed_weight(self) -> float:
        return -self.weight if self.negative else self.weight


@dataclass(frozen=True, slots=True)
class SectorScore:
    """Summed weights of a sector's positive terms and of its negative contexts."""

    positive: float = 0.0
    negative: float = 0.0

    @property
    def net(self) -> float:
        return self.positive - self.negative


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


@functools.lru_cache(maxsize=1 << 15)
def words(text: str) -> tuple[Word, ...]:
    """The words of *text* with lower-cased forms and lemmas (cached per text).

    >>> [(w.text, w.lemmas) for w in words("9-класстын ЖОЖдордо")]
    [('9-класстын', ('9-класс', '9', 'класс')), ('ЖОЖдордо', ('жож',))]
    """
    from kgtext.morph import lemmatize
    from kgtext.normalize import normalize_with_offsets
    from kgtext.segment import tokenize

    norm = normalize_with_offsets(text)
    result: list[Word] = []
    joined = False
    for token in tokenize(norm.text):
        if not _is_word(token.text):
            if token.text not in "-–—":
                joined = False
            continue
        form = token.text
        parts = [p for p in form.split("-") if p] if "-" in form else []
        forms = tuple(dict.fromkeys(x.lower() for x in [form, *parts]))
        lemmas = tuple(dict.fromkeys(lemmatize(x).lower() for x in [form, *parts]))
        start, end = norm.to_original(token.start, token.end)
        result.append(Word(text[start:end], start, end, forms, lemmas, joined))
        joined = True
    return tuple(result)


class Lexicon:
    """A set of :class:`Term` with an index for matching.

    Parameters
    ----------
    terms : iterable of Term
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        # Terms that match one word (lemmas, one-part stems) are looked up once per
        # distinct word and cached; longer phrases are checked where they may start.
        self._index: dict[str, list[tuple[Term, tuple[str, ...]]]] = {}
        self._phrases: dict[str, list[tuple[Term, tuple[str, ...]]]] = {}
        for term in self.terms:
            if term.kind not in KINDS:
                raise ValueError(f"term {term.term!r}: unknown kind {term.kind!r}")
            parts = term.parts
            single = term.kind == "lemma" or len(parts) == 1
            table = self._index if single else self._phrases
            table.setdefault(parts[0][:_KEY], []).append((term, parts))
        self._one_word = functools.lru_cache(maxsize=1 << 16)(self._one_word_terms)

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]]) -> Lexicon:
        """Build from TSV rows with columns ``sector term kind weight [example]``."""
        terms = []
        for row in rows:
            sector = row["sector"]
            negative = sector.startswith(_NEGATIVE)
            label = sector[len(_NEGATIVE) :] if negative else sector
            terms.append(
                Term(label, row["term"], row["kind"], float(row["weight"]), negative,
                     row.get("example", "") or "")
            )  # fmt: skip
        return cls(terms)

    @property
    def labels(self) -> tuple[str, ...]:
        """The sectors the lexicon knows, in :data:`SECTORS` order first."""
        seen = {t.label for t in self.terms}
        return tuple(s for s in SECTORS if s in seen) + tuple(sorted(seen - set(SECTORS)))

    def _one_word_terms(self, forms: tuple[str, ...], lemmas: tuple[str, ...]) -> tuple[Term, ...]:
        """The one-word terms that match a word with these forms and lemmas."""
        candidates = forms + lemmas
        found: dict[int, Term] = {}
        for key in {c[:_KEY] for c in candidates}:
            for term, parts in self._index.get(key, ()):
                if id(term) in found:
                    continue
                first = parts[0]
                if term.kind == "lemma":
                    ok = first in lemmas or first in forms
                else:
                    ok = any(c.startswith(first) for c in candidates)
                if ok:
                    found[id(term)] = term
        return tuple(found.values())

    def _matches(
        self, term: Term, ws: Sequence[Word], i: int, parts: tuple[str, ...] | None = None
    ) -> int:
        """Number of words matched by *term* starting at word *i* (0: no match)."""
        if parts is None:
            parts = term.parts
        if term.kind == "lemma":
            w = ws[i]
            return 1 if parts[0] in w.lemmas or parts[0] in w.forms else 0
        if i + len(parts) > len(ws):
            return 0
        for j, part in enumerate(parts):
            w = ws[i + j]
            if j and not w.joined:
                return 0
            if not any(c.startswith(part) for c in w.candidates):
                return 0
        return len(parts)

    def find(self, text: str) -> list[Hit]:
        """Every hit of every term, overlapping ones included, in text order."""
        ws = words(text)
        hits: list[Hit] = []
        for i, w in enumerate(ws):
            for term in self._one_word(w.forms, w.lemmas):
                hits.append(
                    Hit(term.label, term.term, term.kind, term.weight, term.negative,
                        w.start, w.end, text[w.start:w.end])
                )  # fmt: skip
            seen: set[int] = set()
            for key in {c[:_KEY] for c in w.candidates}:
                for term, parts in self._phrases.get(key, ()):
                    if id(term) in seen:
                        continue
                    seen.add(id(term))
                    n = self._matches(term, ws, i, parts)
                    if n:
                        start, end = w.start, ws[i + n - 1].end
                        hits.append(
                            Hit(term.label, term.term, term.kind, term.weight, term.negative,
                                start, end, text[start:end])
                        )  # fmt: skip
        hits.sort(key=lambda h: (h.start, h.end, _order(h.label), h.negative, h.term))
        return hits

    def match(self, text: str) -> list[Hit]:
        """The hits that count: the longest of overlapping hits of one sector and polarity.

        >>> [h.term for h in default_lexicon().match("Балдар бакчасынын тарбиячылары")]
        ['балдар бакча тарбиячы', 'тарбиячы']
        """
        kept: list[Hit] = []
        for hit in sorted(self.find(text), key=lambda h: (h.start - h.end, -h.weight, h.start)):
            if not any(
                k.label == hit.label
                and k.negative == hit.negative
                and k.start <= hit.start
                and hit.end <= k.end
                for k in kept
            ):
                kept.append(hit)
        kept.sort(key=lambda h: (h.start, h.end, _order(h.label), h.negative, h.term))
        return kept

    def scores(self, text: str, hits: Sequence[Hit] | None = None) -> dict[str, SectorScore]:
        """:class:`SectorScore` per label of the lexicon (repetitions count up to twice)."""
        if hits is None:
            hits = self.match(text)
        positive = dict.fromkeys(self.labels, 0.0)
        negative = dict.fromkeys(self.labels, 0.0)
        counts: dict[tuple[str, str, bool], int] = {}
        weights: dict[tuple[str, str, bool], float] = {}
        for h in hits:
            key = (h.label, h.term, h.negative)
            counts[key] = counts.get(key, 0) + 1
            weights[key] = h.weight
        for key, n in counts.items():
            total = weights[key] * min(1.0 + REPEAT_BONUS * (n - 1), MAX_REPEAT_FACTOR)
            (negative if key[2] else positive)[key[0]] += total
        return {
            label: SectorScore(round(positive[label], 6), round(negative[label], 6))
            for label in self.labels
        }


def _order(label: str) -> int:
    return SECTORS.index(label) if label in SECTORS else len(SECTORS)


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``kgtext/data/sector_lexicon.tsv`` (read once)."""
    from kgtext._resources import read_tsv

    return Lexicon.from_rows(read_tsv("sector_lexicon.tsv"))


@functools.cache
def lexicon_sha256() -> str:
    """SHA-256 of the shipped lexicon file, recorded in saved models."""
    import hashlib

    from kgtext._resources import read_data_text

    return hashlib.sha256(read_data_text("sector_lexicon.tsv").encode("utf-8")).hexdigest()
