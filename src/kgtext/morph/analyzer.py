"""Suffix analyser for Kyrgyz word forms.

The analyser splits a word into a stem and a chain of suffixes that the suffix grammar
(``data/morph_suffixes.tsv``) allows after that stem, each suffix realised by vowel
harmony and assimilation from the letters before it (:mod:`kgtext.morph.phonology`).
Stems are looked up in the lexicon (hand-written stems plus stems derived from UD
lemmas); a stem that is not there is still proposed when it is long enough, so every
word gets an analysis. Analyses are ranked best first.

Examples
--------
>>> from kgtext.morph import analyze
>>> best = analyze("министрлигинин")[0]
>>> best.lemma, best.pos, best.suffixes
('министрлик', 'NOUN', ('и', 'нин'))
>>> analyze("ЖОЖдор")[0].lemma
'ЖОЖ'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from kgtext.alphabet import VOWELS, is_kyrgyz_letter, to_cyrillic
from kgtext.morph import data
from kgtext.morph.phonology import Context, context_of, realize_in

__all__ = ["Analysis", "Analyzer"]

#: Parts of speech whose stems take verb suffixes.
VERBAL = frozenset({"VERB", "AUX"})
#: Final voiced stops written for a stem's к п before a vowel (бак → багы).
_DEVOICE = {"г": "к", "б": "п"}
_VOICE = {"к": "г", "п": "б"}
#: First letters of a suffix that merged with a stem-final letter, and what that letter was.
_MERGED = {
    "о": "ао",
    "ө": "еө",
    "у": "ыу",
    "ү": "иү",
    "ю": "й",
    "я": "й",
    "ё": "й",
}
#: The stem-final vowel a guessed stem gets back when a long vowel was merged.
_GUESS_MERGED = {"о": "а", "ө": "е"}
_STATE_POS = {"V": "VERB", "N": "NOUN"}
#: Suffixes whose shape ends many loanwords (лидер, сектор): weak evidence after an unknown stem.
_RARE_AFTER_GUESS = frozenset({"ptcp.fut", "caus.ar", "caus.yr"})
#: Corpus count a hand-written lexicon stem is worth.
CORE_COUNT = 3


@dataclass(frozen=True)
class Analysis:
    """One reading of a word form.

    Attributes
    ----------
    lemma : str
        The lemma, following UD_Kyrgyz-KTMU conventions (verbs as bare stems).
    pos : str
        Universal part-of-speech tag of the lemma.
    suffixes : tuple of str
        Surface suffixes after the stem, in order (``("лар", "ы", "нын")``).
    feats : dict
        UD features contributed by the suffixes.
    score : float
        Ranking score (higher is better); comparable only between analyses of one word.
    tags : tuple of str
        Suffix identifiers from ``morph_suffixes.tsv``, parallel to ``suffixes``.

    Examples
    --------
    >>> a = Analysis("мектеп", "NOUN", ("те",), {"Case": "Loc"}, 1.0, ("loc",))
    >>> a.ud_feats
    'Case=Loc'
    """

    lemma: str
    pos: str
    suffixes: tuple[str, ...] = ()
    feats: dict[str, str] = field(default_factory=dict, compare=False)
    score: float = 0.0
    tags: tuple[str, ...] = ()

    @property
    def ud_feats(self) -> str:
        """The features as a UD ``FEATS`` string (sorted, ``_`` when empty)."""
        if not self.feats:
            return "_"
        return "|".join(f"{k}={v}" for k, v in sorted(self.feats.items(), key=_feat_key))


def _feat_key(item: tuple[str, str]) -> str:
    return item[0].lower()


@dataclass(frozen=True, slots=True)
class _Start:
    """A candidate stem: its lemma, part of speech, starting state and base score."""

    lemma: str
    pos: str
    state: str
    score: float
    ctx: Context
    pending: int
    first: str = ""
    known: bool = True


def _after_ok(after: str, ctx: Context) -> bool:
    if after == "-" or ctx.letter == "*":
        return True
    letter = ctx.letter or ""
    if after == "V":
        return letter in VOWELS or not letter
    if after == "C":
        return bool(letter) and letter not in VOWELS
    if after.startswith("!"):
        return letter != after[1:]
    return letter == after


def _advance(ctx: Context, text: str) -> Context:
    if ctx.letter == "*" and not any(c in VOWELS for c in text):
        return Context("*", text[-1])
    vowel = ctx.vowel if ctx.vowel != "*" else None
    for char in text:
        if char in VOWELS:
            vowel = context_of(char).vowel
    return Context(vowel, text[-1]) if text else ctx


def _is_acronym(stem: str) -> bool:
    letters = [c for c in stem if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Analyzer:
    """A Kyrgyz suffix analyser over a lexicon of stems.

    Parameters
    ----------
    lexicon : iterable of LexEntry, optional
        Stems with parts of speech. ``None`` uses the shipped lexicon: the hand-written
        ``lexicon_core.tsv`` plus ``lexicon_ud.tsv`` built by ``tools/build_lexicon.py``.
    include_core : bool
        Add the hand-written stems to a given *lexicon* (default True).
    min_stem : int
        Fewest letters of a stem that is not in the lexicon.

    Examples
    --------
    >>> from kgtext.morph.data import LexEntry
    >>> analyzer = Analyzer([LexEntry("долбоор", "NOUN")], include_core=False)
    >>> analyzer.analyze("долбоорлордун")[0].suffixes
    ('лор', 'дун')
    """

    def __init__(
        self,
        lexicon: Iterable[data.LexEntry] | None = None,
        include_core: bool = True,
        min_stem: int = 3,
    ) -> None:
        self.lexicon = lexicon
        self.include_core = include_core
        self.min_stem = min_stem
        entries: list[data.LexEntry] = []
        if lexicon is None or include_core:
            # a hand-written stem counts as if seen CORE_COUNT times
            entries.extend(data.LexEntry(e.lemma, e.pos, CORE_COUNT) for e in data.core_lexicon())
        entries.extend(data.ud_lexicon() if lexicon is None else lexicon)
        self._lex: dict[str, dict[str, data.LexEntry]] = {}
        for entry in entries:
            key = to_cyrillic(entry.lemma).lower()
            slot = self._lex.setdefault(key, {})
            old = slot.get(entry.pos)
            if old is None:
                slot[entry.pos] = entry
            else:
                lemma = entry.lemma if entry.count > old.count else old.lemma
                slot[entry.pos] = data.LexEntry(lemma, entry.pos, old.count + entry.count)
        self._states: dict[str, list[data.Suffix]] = {}
        for suffix in data.suffixes():
            for state in suffix.sources:
                self._states.setdefault(state, []).append(suffix)
        self._by_id = {s.id: s for s in data.suffixes()}
        self._closed: dict[str, list[data.ClosedForm]] = {}
        for form in data.closed_forms():
            self._closed.setdefault(form.form, []).append(form)
        self._bound: dict[str, list[data.StemVariant]] = {}
        for variant in data.stem_variants():
            self._bound.setdefault(variant.bound, []).append(variant)
        self._cache: dict[tuple, tuple] = {}
        self._opt_cache: dict[tuple, list[tuple]] = {}

    # -- suffix chains -------------------------------------------------------------

    def _parse(
        self, ctx: Context, state: str, rest: str, pending: int, nderiv: int
    ) -> tuple[tuple[tuple[data.Suffix, str], ...], ...]:
        key = (ctx, state, rest, pending, nderiv)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out: list[tuple[tuple[data.Suffix, str], ...]] = []
        if not rest:
            if not pending:
                out.append(())
        else:
            head = rest[0]
            for suffix, text, drop, nctx, deriv in self._options(ctx, state):
                if drop != pending or (deriv and nderiv >= 2):
                    continue
                nd = nderiv + deriv
                if text[0] != head:
                    # only the merge path (text less its last letter) can still match
                    if len(text) == 1:
                        if not ((text in VOWELS or text == "й") and head in _MERGED):
                            continue
                    elif not rest.startswith(text[:-1]):
                        continue
                if rest.startswith(text):
                    for tail in self._parse(nctx, suffix.target, rest[len(text) :], 0, nd):
                        out.append(((suffix, text), *tail))
                elif text[-1] in _VOICE and len(rest) > len(text):
                    # -лык+ы → -лыгы: the suffix's final к п is voiced before a vowel
                    soft = text[:-1] + _VOICE[text[-1]]
                    if rest.startswith(soft) and rest[len(text)] in VOWELS:
                        for tail in self._parse(nctx, suffix.target, rest[len(text) :], 0, nd):
                            if tail and tail[0][1][:1] in VOWELS:
                                out.append(((suffix, soft), *tail))
                cut = len(text) - 1
                if (
                    (text[-1] in VOWELS or text[-1] == "й")
                    and len(rest) > cut
                    and rest[cut] in _MERGED
                    and rest.startswith(text[:cut])
                ):
                    for tail in self._parse(nctx, suffix.target, rest[cut:], 1, nd):
                        out.append(((suffix, text[:cut]), *tail))
        result = tuple(out)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _options(self, ctx: Context, state: str) -> list[tuple]:
        """Every suffix allowed in *state* after *ctx*, realised, with the context after it."""
        key = (ctx, state)
        hit = self._opt_cache.get(key)
        if hit is not None:
            return hit
        opts = []
        for suffix in self._states.get(state, ()):
            if not _after_ok(suffix.after, ctx):
                continue
            for real in realize_in(suffix.template, ctx):
                if real.text:
                    nctx = _advance(ctx, real.text)
                    opts.append((suffix, real.text, real.drop, nctx, suffix.kind == "deriv"))
        self._opt_cache[key] = opts
        return opts

    # -- stems ---------------------------------------------------------------------

    def _lex_starts(self, key: str, shown: str, ctx: Context, pending: int, bonus: float):
        for pos, entry in self._lex.get(key, {}).items():
            state = "V" if pos in VERBAL else "N"
            lemma = entry.lemma
            if lemma[:1].islower() and shown[:1].isupper() and pos == "PROPN":
                lemma = shown
            score = 10 + 0.1 * len(key) + 0.6 * math.log1p(entry.count) + bonus
            yield _Start(lemma, pos, state, score, ctx, pending)

    def _starts(self, word: str, low: str, i: int):
        stem, skey, rest = word[:i], low[:i], low[i:]
        letters = sum(c.isalpha() for c in stem)
        if letters == 0:
            if rest and any(c.isalpha() for c in rest):
                lemma = stem.rstrip("-") or stem
                yield _Start(lemma, "NUM", "N", 9.0, Context("*", "*"), 0)
            return
        if rest and _is_acronym(stem) and rest.islower():
            star = Context("*", "*")
            known = list(self._lex_starts(skey, stem, star, 0, 0.0))
            yield from known
            if not known:
                yield _Start(stem, "PROPN", "N", 9.0, star, 0)
            return
        ctx = context_of(skey)
        yield from self._lex_starts(skey, stem, ctx, 0, 0.0)
        vowel_next = bool(rest) and rest[0] in VOWELS
        if vowel_next and skey[-1] in _DEVOICE:
            alt = skey[:-1] + _DEVOICE[skey[-1]]
            yield from self._lex_starts(alt, stem, context_of(alt), 0, 0.0)
        for variant in self._bound.get(skey, ()):
            state = "V" if variant.pos in VERBAL else "N"
            first = "vowel" if variant.first == "-" else variant.first
            yield _Start(variant.lemma, variant.pos, state, 14.0, ctx, 0, first)
        if rest and rest[0] in _MERGED:
            for letter in _MERGED[rest[0]]:
                full = skey + letter
                yield from self._lex_starts(full, stem, context_of(full), 1, -0.2)
        if "-" in skey[:-1]:
            head, _, tail = skey.rpartition("-")
            shown_head = stem[: len(head) + 1]
            for start in self._lex_starts(tail, stem[len(head) + 1 :], ctx, 0, -0.5):
                yield _Start(shown_head + start.lemma, start.pos, start.state, start.score, ctx, 0)
        tail_letters = len(skey.rpartition("-")[2])
        has_vowel = any(c in VOWELS for c in skey.rpartition("-")[2])
        if tail_letters < self.min_stem or not has_vowel:
            return
        guesses = [(stem, ctx, 0)]
        if vowel_next and skey[-1] in _DEVOICE:
            alt = stem[:-1] + _DEVOICE[skey[-1]]
            guesses = [(alt, ctx, 0), (stem, ctx, 0)]
        if rest and rest[0] in _GUESS_MERGED and rest[:2] == rest[0] * 2:
            full = stem + _GUESS_MERGED[rest[0]]
            guesses.append((full, context_of(full.lower()), 1))
        for n, (lemma, gctx, pending) in enumerate(guesses):
            for state in ("N", "V"):
                yield _Start(lemma, "", state, 1.0 - 0.1 * n, gctx, pending, known=False)

    # -- public ----------------------------------------------------------------------

    def analyze(self, word: str) -> list[Analysis]:
        """All analyses of *word*, best first; never empty.

        >>> Analyzer().analyze("Бишкектеги")[0].lemma
        'Бишкек'
        """
        if not word or not any(c.isalpha() for c in word):
            return [Analysis(word, _nonword_pos(word), score=0.0)]
        norm = word
        if any(is_kyrgyz_letter(c) for c in word):
            norm = to_cyrillic(word)
        low = norm.lower()
        best: dict[tuple[str, str, tuple[str, ...]], Analysis] = {}

        def add(analysis: Analysis) -> None:
            key = (analysis.lemma, analysis.pos, analysis.tags)
            old = best.get(key)
            if old is None or analysis.score > old.score:
                best[key] = analysis

        for form in self._closed.get(low, ()):
            add(Analysis(form.lemma, form.pos, (), dict(form.feats), 30.0, ("closed",)))
        for i in range(len(low), 0, -1):
            rest = low[i:]
            for start in self._starts(norm, low, i):
                for chain in self._parse(start.ctx, start.state, rest, start.pending, 0):
                    if start.first and not _first_ok(start.first, chain):
                        continue
                    add(self._build(start, chain))
        if not best:
            return [Analysis(norm, _guess_pos(norm), (), {}, 0.0)]
        return sorted(best.values(), key=lambda a: -a.score)

    def _build(self, start: _Start, chain) -> Analysis:
        lemma, pos = start.lemma, start.pos
        score = start.score
        feats: dict[str, str] = {}
        keeping = True
        ninfl = nderiv = 0
        derived = False
        for suffix, text in chain:
            if keeping and suffix.lemma == "keep":
                lemma += text
                derived = True
                if suffix.pos != "-":
                    pos = suffix.pos
                score -= 0.6
                continue
            keeping = False
            if suffix.kind == "deriv":
                nderiv += 1
            elif suffix.kind == "voice":
                score -= 0.1
            else:
                ninfl += 1
            feats.update(suffix.feats)
        score -= 0.4 * nderiv + 0.02 * ninfl
        if derived and start.known and to_cyrillic(lemma).lower() not in self._lex:
            score -= 2.0  # a derived verb the lexicon does not list
        if not start.known:
            # a guessed stem: prefer splits that explain more of the word
            # derivations are stripped as in UD KTMU, so they cost a guess nothing
            score += 0.15 * sum(len(t) for _, t in chain) + 0.4 * nderiv
            nvoice = sum(s.kind == "voice" for s, _ in chain)
            score -= 0.5 * sum(s.id in _RARE_AFTER_GUESS for s, _ in chain)
            score -= 0.3 * nvoice
            if chain and chain[-1][0].target in ("V", "VOICE"):
                score -= 1.0  # a bare (imperative) verb stem is rare in running text
            if not pos:
                pos = _STATE_POS[start.state]
                if pos == "NOUN" and lemma[:1].isupper():
                    pos = "PROPN"
        elif pos not in VERBAL and pos not in {"NOUN", "PROPN", "ADJ", "NUM", "PRON"} and chain:
            score -= 1.0
        suffixes = tuple(text for _, text in chain)
        tags = tuple(s.id for s, _ in chain)
        return Analysis(lemma, pos, suffixes, feats, round(score, 3), tags)


def _first_ok(first: str, chain) -> bool:
    if not chain:
        return False
    if first == "vowel":
        return chain[0][1][:1] in VOWELS
    return chain[0][0].id == first


def _nonword_pos(token: str) -> str:
    if any(c.isdigit() for c in token):
        return "NUM"
    if token and all(c in "%$€₽+=<>§№" for c in token):
        return "SYM"
    return "PUNCT" if token else "X"


def _guess_pos(word: str) -> str:
    return "PROPN" if word[:1].isupper() else "NOUN"
