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
from typing import NamedTuple

__all__ = [
    "SECTORS",
    "Hit",
    "Lexicon",
    "SectorScore",
    "Term",
    "Word",
    "analysed",
    "default_lexicon",
    "words",
    "words_of_tokens",
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


class Word(NamedTuple):
    """A word of a passage with what the matcher compares: forms and lemmas, lower-cased.

    ``start``/``end`` point into the passage as given (before normalisation);
    ``joined`` is False when punctuation separates it from the word before.
    (A named tuple: passages have many words, and it is the cheapest record to build.)
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


@functools.lru_cache(maxsize=1024)  # a batch's texts, read by the lexicon and the n-grams
def analysed(text: str) -> tuple[str, tuple[Word, ...]]:
    """:func:`kgtext.normalize`-d *text* and its words (see :func:`words`), cached per
    text: the lexicon and the classifier's n-gram features share one analysis.

    >>> norm, ws = analysed("Мектеп\u00a0жана бакча")
    >>> norm, [w.text for w in ws]
    ('Мектеп жана бакча', ['Мектеп', 'жана', 'бакча'])
    """
    from kgtext.normalize import normalize_with_offsets
    from kgtext.segment import tokenize

    norm = normalize_with_offsets(text)
    if norm.text == text:  # nothing changed: offsets are the same
        return text, words_of_tokens(text, ((t.text, t.start) for t in tokenize(text)))
    spans = []
    for t in tokenize(norm.text):
        start, end = norm.to_original(t.start, t.end)
        spans.append((text[start:end], start, t.text))
    return norm.text, _words(spans)


def words_of_tokens(text: str, tokens: Iterable[tuple[str, int]]) -> tuple[Word, ...]:
    """The words (see :func:`words`) of an already normalised *text*, from its tokens
    ``(token text, start offset)`` as :func:`kgtext.tokenize` gives them (whitespace
    tokens are skipped): what :func:`analysed` would find, without tokenising again.

    >>> [w.lemmas for w in words_of_tokens("ЖОЖдор, мектеп", [("ЖОЖдор", 0), (",", 6),
    ...                                                       (" ", 7), ("мектеп", 8)])]
    [('жож',), ('мектеп',)]
    """
    return _words((t, start, t) for t, start in tokens if not t.isspace())


def _words(spans: Iterable[tuple[str, int, str]]) -> tuple[Word, ...]:
    """Words from ``(original text, original start, normalised token text)``."""
    result: list[Word] = []
    joined = False
    for shown, start, token in spans:
        keys = _token_keys(token)
        if keys is None:
            if token not in "-–—":
                joined = False
            continue
        result.append(Word(shown, start, start + len(shown), keys[0], keys[1], joined))
        joined = True
    return tuple(result)


@functools.lru_cache(maxsize=1 << 17)
def _token_keys(form: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Lower-cased forms and lemmas of a word and of the parts of a hyphenated word;
    ``None`` for a token without a letter or digit."""
    from kgtext.morph import lemmatize

    if not any(c.isalnum() for c in form):
        return None
    parts = [p for p in form.split("-") if p] if "-" in form else []
    forms = tuple(dict.fromkeys(x.lower() for x in [form, *parts]))
    lemmas = tuple(dict.fromkeys(lemmatize(x).lower() for x in [form, *parts]))
    return forms, lemmas


def words(text: str) -> tuple[Word, ...]:
    """The words of *text* with lower-cased forms and lemmas (cached per text).

    >>> [(w.text, w.lemmas) for w in words("9-класстын ЖОЖдордо")]
    [('9-класстын', ('9-класс', '9', 'класс')), ('ЖОЖдордо', ('жож',))]
    """
    return analysed(text)[1]


class Lexicon:
    """A set of :class:`Term` with an index for matching.

    Parameters
    ----------
    terms : iterable of Term
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        # Terms that match one word (lemmas, one-part stems) are looked up once per
        # distinct word and cached. For phrases, each distinct word is mapped once (and
        # cached) to the (phrase, position) pairs whose part it can fill; a phrase is
        # found where a word fills its first part and the next words the next parts.
        self._index: dict[str, list[tuple[Term, tuple[str, ...]]]] = {}
        self._phrases: list[tuple[Term, tuple[str, ...]]] = []
        self._parts: dict[str, list[tuple[int, int]]] = {}
        for term in self.terms:
            if term.kind not in KINDS:
                raise ValueError(f"term {term.term!r}: unknown kind {term.kind!r}")
            parts = term.parts
            if term.kind == "lemma" or len(parts) == 1:
                self._index.setdefault(parts[0][:_KEY], []).append((term, parts))
            else:
                for j, part in enumerate(parts):
                    self._parts.setdefault(part, []).append((len(self._phrases), j))
                self._phrases.append((term, parts))
        self._part_lengths = sorted({len(part) for part in self._parts})
        seen = {t.label for t in self.terms}
        self._labels = tuple(s for s in SECTORS if s in seen) + tuple(sorted(seen - set(SECTORS)))
        self._one_word = functools.lru_cache(maxsize=1 << 16)(self._one_word_terms)
        self._fills = functools.lru_cache(maxsize=1 << 16)(self._phrase_parts)

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
        return self._labels

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

    def _phrase_parts(
        self, forms: tuple[str, ...], lemmas: tuple[str, ...]
    ) -> tuple[tuple[int, ...], frozenset[tuple[int, int]]]:
        """For a word with these forms and lemmas: the phrases whose first part it
        fills, and every ``(phrase, position)`` whose part it fills (a form or lemma
        of the word starts with the part)."""
        fills: set[tuple[int, int]] = set()
        lengths, parts = self._part_lengths, self._parts
        for candidate in forms + lemmas:
            for k in lengths:
                if k > len(candidate):
                    break
                found = parts.get(candidate[:k])
                if found:
                    fills.update(found)
        first = tuple(sorted(pid for pid, j in fills if j == 0))
        return first, frozenset(fills)

    def find(self, text: str, ws: Sequence[Word] | None = None) -> list[Hit]:
        """Every hit of every term, overlapping ones included, in text order.

        ``ws``: the words of *text* when the caller has them (:func:`words`)."""
        if ws is None:
            ws = words(text)
        hits: list[Hit] = []
        fills = [self._fills(w.forms, w.lemmas) for w in ws]
        for i, w in enumerate(ws):
            for term in self._one_word(w.forms, w.lemmas):
                hits.append(
                    Hit(term.label, term.term, term.kind, term.weight, term.negative,
                        w.start, w.end, text[w.start:w.end])
                )  # fmt: skip
            for pid in fills[i][0]:
                term, parts = self._phrases[pid]
                n = len(parts)
                if i + n > len(ws):
                    continue
                for j in range(1, n):
                    if not ws[i + j].joined or (pid, j) not in fills[i + j][1]:
                        break
                else:
                    start, end = w.start, ws[i + n - 1].end
                    hits.append(
                        Hit(term.label, term.term, term.kind, term.weight, term.negative,
                            start, end, text[start:end])
                    )  # fmt: skip
        hits.sort(key=lambda h: (h.start, h.end, _order(h.label), h.negative, h.term))
        return hits

    def match(self, text: str, ws: Sequence[Word] | None = None) -> list[Hit]:
        """The hits that count: the longest of overlapping hits of one sector and polarity.

        >>> [h.term for h in default_lexicon().match("Балдар бакчасынын тарбиячылары")]
        ['балдар бакча тарбиячы', 'тарбиячы']
        """
        kept: list[Hit] = []
        for hit in sorted(self.find(text, ws), key=lambda h: (h.start - h.end, -h.weight, h.start)):
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

    def scores(
        self, text: str, hits: Sequence[Hit] | None = None, ws: Sequence[Word] | None = None
    ) -> dict[str, SectorScore]:
        """:class:`SectorScore` per label of the lexicon (repetitions count up to twice)."""
        if hits is None:
            hits = self.match(text, ws)
        if not hits:  # most passages: one shared zero score per label
            return dict.fromkeys(self.labels, _ZERO)
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


_ZERO = SectorScore()


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
