"""Suffix analyser for Kyrgyz word forms.

The analyser splits a word into a stem and a chain of suffixes that the suffix grammar
(``data/morph_suffixes.tsv``) allows after that stem, each suffix realised by vowel
harmony and assimilation from the letters before it (:mod:`kgtext.morph.phonology`).
Stems are looked up in the lexicon (hand-written stems plus stems derived from UD
lemmas); a stem that is not there is still proposed when it is long enough, so every
word gets an analysis. Analyses are ranked best first.

How it stays fast. Only the stem changes from word to word; word endings repeat. The
analyser therefore works on endings:

* every surface form a suffix can take (all allomorphs, with merged and voiced
  variants) is collected once, and an ending that cannot be cut into such pieces is
  rejected by one dictionary look-up (:meth:`Analyzer._possible`, memoised);
* the suffix chains of an ending are parsed once per *(ending, stem class, state)* and
  kept with their precomputed score terms (:meth:`Analyzer._chains`). The stem class is
  what the suffix rules look at: the harmony class of the last vowel and the
  assimilation class of the last letter (:func:`_canonical`);
* a word is then scanned once from the right: each split costs a few dictionary
  look-ups, and a new word costs microseconds once its endings have been seen.

The search is exhaustive over the grammar (there is no beam), so :meth:`Analyzer.lemma`
(best analysis only) and :meth:`Analyzer.analyze` (all analyses) always agree.

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

from kgtext.alphabet import (
    KYRGYZ_LETTERS,
    LATIN_TO_CYRILLIC,
    LETTER_VARIANTS,
    VOICELESS,
    VOWELS,
    to_cyrillic,
)
from kgtext.morph import data
from kgtext.morph.fsa import NOUN_BIT, VERB_BIT
from kgtext.morph.fsa import suffix_fsa as _suffix_fsa
from kgtext.morph.phonology import Context, context_of, realize_in

__all__ = ["Analysis", "Analyzer"]

#: Parts of speech whose stems take verb suffixes.
VERBAL = frozenset({"VERB", "AUX"})
#: Parts of speech that take nominal suffixes without a penalty.
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
_SUFFIXABLE = VERBAL | _NOMINAL
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
#: Weight and floor of the learned ending term: a reading whose lemma is the edit of
#: share ``p`` among the words with the same ending scores ``RULE_WEIGHT * log(p + RULE_FLOOR)``.
RULE_WEIGHT = 1.0
RULE_FLOOR = 0.2
#: Longest ending (with the ``^`` start mark) looked up in the learned table.
RULE_MAX_LEN = 8
#: Memo tables are emptied when they grow past this many entries.
_MEMO_LIMIT = 1 << 20
#: Longest word whose ending masks are computed on demand (deeper would recurse far).
_LAZY_MAX = 64
_MISSING = object()
#: What :meth:`Analyzer._chains` gives for an ending no chain spells.
_NO_CHAINS: tuple = ((), (), -1, ())
#: One-letter suffix texts that may merge into the next suffix's first letter.
_SINGLES = VOWELS | {"й"}

#: The letters :func:`~kgtext.alphabet.to_cyrillic` rewrites (a word without them is kept).
_LOOKALIKES = frozenset(LATIN_TO_CYRILLIC) | frozenset(LETTER_VARIANTS)


def _normal(word: str) -> str:
    """*word* with look-alike letters written in Kyrgyz Cyrillic when it has a Kyrgyz
    letter (a Latin word is kept as it is).

    >>> _normal("мeктeп"), _normal("COVID")
    ('мектеп', 'COVID')
    """
    if _LOOKALIKES.isdisjoint(word) or KYRGYZ_LETTERS.isdisjoint(word):
        return word
    return to_cyrillic(word)


_SOFT = {"я": "а", "ё": "о", "ю": "у", "э": "е"}
#: Harmony class of a vowel: the suffix vowels are the same within a class.
_VOWEL_CLASS = {"а": "а", "ы": "а", "е": "е", "и": "е", "о": "о", "у": "у", "ө": "ө", "ү": "ө"}
#: Assimilation class of a final letter (vowels stay themselves: they decide merging).
_LETTER_CLASS: dict[str | None, str | None] = {None: None, "*": "*"}
_LETTER_CLASS |= {v: v for v in VOWELS}
_LETTER_CLASS |= {c: "т" for c in VOICELESS}
_LETTER_CLASS |= {c: "н" for c in "мнң"}
_LETTER_CLASS |= {c: c for c in "лрй"}


def _canonical(vowel: str | None, letter: str | None) -> Context:
    """The class of a stem context: the suffix rules see no difference inside a class.

    >>> _canonical("ы", "к") == _canonical("а", "п")
    True
    """
    return _CANON.get((vowel, letter)) or _canon_new(vowel, letter)


_CANON: dict[tuple[str | None, str | None], Context] = {}


def _canon_new(vowel: str | None, letter: str | None) -> Context:
    ctx = Context(_VOWEL_CLASS.get(vowel, vowel), _LETTER_CLASS.get(letter, "д"))  # type: ignore[arg-type]
    _CANON[(vowel, letter)] = ctx
    return ctx


_STAR = Context("*", "*")
#: Bits of the noun-stem and verb-stem states in :meth:`Analyzer._mask`.
_N, _V = NOUN_BIT, VERB_BIT


def _prefix_contexts(low: str) -> tuple[list[Context], list[int], list[bool]]:
    """Canonical context, letter count and "has a vowel" of every prefix of *low*.

    Equal, prefix by prefix, to :func:`~kgtext.morph.phonology.context_of`.
    """
    vowel: str | None = None
    letter: str | None = None
    letters = 0
    ctxs = [_canonical(None, None)]
    counts = [0]
    voweled = [False]
    for ch in low:
        if ch in VOWELS:
            vowel = _SOFT.get(ch, ch)
            letter = ch
            letters += 1
        elif ch.isalpha():
            letters += 1
            if ch not in "ъь":
                letter = ch
        elif ch.isdigit():
            letter = "*"
        ctxs.append(_STAR if letter == "*" else _canonical(vowel, letter))
        counts.append(letters)
        voweled.append(vowel is not None)
    return ctxs, counts, voweled


@dataclass(frozen=True)
class Analysis:
    """One reading of a word form.

    Attributes
    ----------
    lemma : str
        The lemma, following UD_Kyrgyz-KTMU conventions (verbs as bare stems; the
        first letter written as in the word, acronyms in capitals).
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
    confidence : float
        Share of this reading in the word's analyses (softmax of the scores, 0–1);
        ``1.0`` for an analysis built by hand.

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
    confidence: float = field(default=1.0, compare=False)

    @property
    def ud_feats(self) -> str:
        """The features as a UD ``FEATS`` string (sorted, ``_`` when empty)."""
        if not self.feats:
            return "_"
        return "|".join(f"{k}={v}" for k, v in sorted(self.feats.items(), key=_feat_key))


def _feat_key(item: tuple[str, str]) -> str:
    return item[0].lower()


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
            vowel = _SOFT.get(char, char)  # as context_of(char).vowel
    return _canonical(vowel, text[-1]) if text else ctx


def _final_voiced(low: str, i: int) -> bool:
    """Whether the г or б that ends ``low[:i]`` may be a stem's к п voiced before a
    vowel (``багы`` of ``бак``); not the г of a loanword's нг (``рейтинги``: Kyrgyz
    writes its own velar nasal ң, so нг is a borrowed cluster).

    >>> _final_voiced("багы", 3), _final_voiced("рейтинги", 7)
    (True, False)
    """
    last = low[i - 1]
    return last in _DEVOICE and not (last == "г" and i > 1 and low[i - 2] == "н")


def _is_acronym(stem: str) -> bool:
    letters = [c for c in stem if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _recase(lemma: str, stem: str) -> str:
    """Write *lemma* with the capitals of the *stem* it was read from (UD KTMU).

    An all-capital stem gives an all-capital lemma (``ЖОЖдор`` → ``ЖОЖ``); otherwise
    the first letter follows the word (sentence-initial ``Мектептер`` → ``Мектеп``,
    ``бишкектик`` → ``бишкек``).

    >>> _recase("мектеп", "Мектеп"), _recase("жож", "ЖОЖ"), _recase("Бишкек", "бишкек")
    ('Мектеп', 'ЖОЖ', 'бишкек')
    """
    first = stem[:1]
    if first.isupper():
        if _is_acronym(stem):
            return lemma.upper()
        return lemma[:1].upper() + lemma[1:] if lemma[:1].islower() else lemma
    if first.islower() and lemma[:1].isupper() and not _is_acronym(lemma):
        return lemma[:1].lower() + lemma[1:]
    return lemma


#: A state of the letter automaton: piece -> next states, piece prefixes, merged-away moves.
_State = tuple[dict[str, tuple[str, ...]], frozenset[str], tuple[str, ...]]

#: A compiled suffix chain: tags, surface texts, features, kept text (derivations the
#: lemma includes), the part of speech they make, the score change after a lexicon stem
#: and after a guessed stem, whether it starts with a vowel, and its first suffix id.
_Chain = tuple[
    tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...], str, str, float, float, bool, str
]


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
    rules : dict, optional
        Learned edit shares by word ending (:func:`kgtext.morph.data.read_lemma_rules`).
        ``None`` uses the shipped ``lemma_rules.tsv`` built by
        ``tools/build_lemma_rules.py`` from UD_Kyrgyz-KTMU; ``{}`` turns the term off.
        Each reading gets ``RULE_WEIGHT * log(p + RULE_FLOOR)``, where ``p`` is the share
        of its edit (letters cut, letters added) among training words with the longest
        ending of this word that the table knows.

    Examples
    --------
    >>> from kgtext.morph.data import LexEntry
    >>> analyzer = Analyzer([LexEntry("долбоор", "NOUN")], include_core=False)
    >>> analyzer.analyze("долбоорлордун")[0].suffixes
    ('лор', 'дун')
    >>> analyzer.lemma("долбоорлордун")
    'долбоор'
    """

    def __init__(
        self,
        lexicon: Iterable[data.LexEntry] | None = None,
        include_core: bool = True,
        min_stem: int = 3,
        rules: data.LemmaRules | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.include_core = include_core
        self.min_stem = min_stem
        self.rules = rules
        self._rules = data.lemma_rules() if rules is None else rules
        # ending -> (term per edit, term of an unseen edit, best term), made on first use
        self._terms: dict[str, tuple[dict[tuple[int, str], float], float, float]] = {}
        self._guess_cands: dict[tuple, tuple] = {}
        self._shares_memo: dict[str, tuple | None] = {}
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
        # key -> ((lemma, pos, state, base score), ...): what a lexicon stem starts
        self._stems: dict[str, tuple[tuple[str, str, str, float], ...]] = {
            key: tuple(
                (
                    e.lemma,
                    pos,
                    "V" if pos in VERBAL else "N",
                    10 + 0.1 * len(key) + 0.6 * math.log1p(e.count),
                )
                for pos, e in slot.items()
            )
            for key, slot in self._lex.items()
        }
        self._states: dict[str, list[data.Suffix]] = {}
        for suffix in data.suffixes():
            for state in suffix.sources:
                self._states.setdefault(state, []).append(suffix)
        self._closed: dict[str, list[data.ClosedForm]] = {}
        for form in data.closed_forms():
            self._closed.setdefault(form.form, []).append(form)
        self._bound: dict[str, list[data.StemVariant]] = {}
        for variant in data.stem_variants():
            self._bound.setdefault(variant.bound, []).append(variant)
        self._pieces, self._piece_prefixes, self._eps, self._longest = _suffix_fsa()
        # piece prefix -> its moves when it is a whole piece, else ()
        self._steps = dict.fromkeys(self._piece_prefixes, ()) | self._pieces
        self._mask_memo: dict[str, int] = {"": -1}
        self._index = self._stem_index()
        self._cache: dict[tuple, tuple] = {}
        self._opt_cache: dict[tuple, list[tuple]] = {}
        self._head_cache: dict[tuple, tuple] = {}
        self._chain_memo: dict[tuple[str, Context, str, int], tuple] = {}
        self._ctx_cache: dict[str, Context] = {}
        self._guess_memo: dict[tuple[str, Context, int], tuple | None] = {}

    # -- suffix chains -------------------------------------------------------------

    def _parse(
        self, ctx: Context, state: str, rest: str, pending: int, nderiv: int
    ) -> tuple[tuple[tuple[data.Suffix, str, str], ...], ...]:
        key = (ctx, state, rest, pending, nderiv)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out: list[tuple[tuple[data.Suffix, str, str], ...]] = []
        if not rest:
            if not pending:
                out.append(())
        else:
            options = self._head_cache.get((ctx, state, pending, rest[0]))
            if options is None:
                options = self._head_options(ctx, state, pending, rest[0])
            parse = self._parse
            size = len(rest)
            for suffix, text, size_text, nctx, deriv, target, soft, cut in options:
                if deriv and nderiv >= 2:
                    continue
                nd = nderiv + deriv
                if rest.startswith(text):
                    for tail in parse(nctx, target, rest[size_text:], 0, nd):
                        out.append(((suffix, text, text), *tail))
                elif soft is not None and size > size_text:
                    # -лык+ы → -лыгы: the suffix's final к п is voiced before a vowel
                    if rest.startswith(soft) and rest[size_text] in VOWELS:
                        for tail in parse(nctx, target, rest[size_text:], 0, nd):
                            if tail and tail[0][1][:1] in VOWELS:
                                out.append(((suffix, soft, soft), *tail))
                if cut is not None:
                    k = size_text - 1
                    if size > k and rest[k] in _MERGED and rest.startswith(cut):
                        for tail in parse(nctx, target, rest[k:], 1, nd):
                            out.append(((suffix, cut, text), *tail))
        result = tuple(out)
        if len(self._cache) > _MEMO_LIMIT:
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

    def _head_options(self, ctx: Context, state: str, pending: int, head: str) -> tuple:
        """The :meth:`_options` :meth:`_parse` tries on a rest that starts with *head*,
        in its order, compiled: ``(suffix, text, len(text), context after, is
        derivation, target state, voiced text or None, merged-away text or None)``.

        Those whose text starts with *head*, then (when *head* may carry a merged
        letter) the one-letter vowel or й options; only those that drop *pending*
        letters of the stem. Made for every head of ``(ctx, state, pending)`` at once.
        """
        by_head: dict[str, list[tuple]] = {}
        singles: list[tuple] = []
        for suffix, text, drop, nctx, deriv in self._options(ctx, state):
            if drop != pending:
                continue
            last = text[-1]
            soft = text[:-1] + _VOICE[last] if last in _VOICE else None
            cut = text[:-1] if last in VOWELS or last == "й" else None
            option = (suffix, text, len(text), nctx, deriv, suffix.target, soft, cut)
            by_head.setdefault(text[0], []).append(option)
            if text in _SINGLES:
                singles.append(option)
        cache = self._head_cache
        merged = tuple(singles)
        for letter in {*by_head, *_MERGED}:
            own = tuple(by_head.get(letter, ()))
            cache[(ctx, state, pending, letter)] = own + merged if letter in _MERGED else own
        return cache.setdefault((ctx, state, pending, head), ())

    def _mask(self, rest: str) -> int:
        """The states from which some suffix chain could spell *rest*, harmony aside.

        A bit mask over grammar states (:data:`_N` for noun stems, :data:`_V` for
        verb stems), memoised per ending and computed from the masks of shorter
        endings: a sound filter that reads every allomorph of every suffix (merged and
        voiced variants included) and ignores which one the stem selects.
        """
        memo = self._mask_memo
        mask = 0
        steps = self._steps
        for k in range(1, min(len(rest), self._longest) + 1):
            edges = steps.get(rest[:k])
            if edges is None:
                break  # no piece starts so
            if edges:
                after = memo.get(rest[k:])
                if after is None:
                    after = self._mask(rest[k:])
                if after:
                    for targets, sources in edges:
                        if after & targets:
                            mask |= sources
        if rest[:1] in _MERGED:
            # a one-letter suffix merged into the next one's first letter
            for _ in range(2):
                for targets, sources in self._eps:
                    if mask & targets:
                        mask |= sources
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
            memo[""] = -1
        memo[rest] = mask
        return mask

    def _chains(self, rest: str, ctx: Context, state: str, pending: int) -> tuple:
        """The suffix chains that spell *rest* after a stem of class *ctx*, compiled:
        ``(chains, picks, guess_pick, guess picks)``."""
        if rest:
            options = self._head_cache.get((ctx, state, pending, rest[0]))
            if options is None:
                options = self._head_options(ctx, state, pending, rest[0])
            if not options:
                return _NO_CHAINS  # no suffix starts so here
        parsed = self._parse(ctx, state, rest, pending, 0)
        if not parsed:
            return _NO_CHAINS
        out: list[_Chain] = []
        for chain in parsed:
            keep = keep_pos = ""
            known = 0.0
            keeping = True
            nderiv = ninfl = nvoice = nrare = 0
            feats: dict[str, str] = {}
            for suffix, _, full in chain:
                if keeping and suffix.lemma == "keep":
                    # the whole suffix, also when its vowel merged into the next one
                    # (жай+ла+оо -> жайлоо: жайла)
                    keep += full
                    if suffix.pos != "-":
                        keep_pos = suffix.pos
                    known -= 0.6
                    continue
                keeping = False
                if suffix.kind == "deriv":
                    nderiv += 1
                elif suffix.kind == "voice":
                    known -= 0.1
                    nvoice += 1
                else:
                    ninfl += 1
                nrare += suffix.id in _RARE_AFTER_GUESS
                feats.update(suffix.feats)
            known -= 0.4 * nderiv + 0.02 * ninfl
            # a guessed stem: prefer splits that explain more of the word; derivations
            # are stripped as in UD KTMU, so they cost a guess nothing
            # (the texts of a chain spell all of rest)
            guess = known + 0.15 * len(rest) + 0.4 * nderiv
            guess -= 0.5 * nrare + 0.3 * nvoice
            if chain and chain[-1][0].target in ("V", "VOICE"):
                guess -= 1.0  # a bare (imperative) verb stem is rare in running text
            tags = tuple([piece[0].id for piece in chain])
            texts = tuple([piece[1] for piece in chain])
            first_vowel = bool(chain) and chain[0][1][:1] in VOWELS
            first_id = chain[0][0].id if chain else ""
            out.append(
                (
                    tags,
                    texts,
                    tuple(feats.items()),
                    keep,
                    keep_pos,
                    known,
                    guess,
                    first_vowel,
                    first_id,
                )
            )
        if len(out) == 1:
            return (out[0],), (0,), 0, (0,)  # what the general case gives for one chain
        # the chains that can win: after a lexicon stem, the first best plain chain and
        # every chain that extends the lemma; after a guessed stem, the first best chain
        plain = [k for k, c in enumerate(out) if not c[3]]
        picks = [k for k, c in enumerate(out) if c[3]]
        if plain:
            picks.append(max(plain, key=lambda k: (out[k][5], -k)))
        guess_pick = max(range(len(out)), key=lambda k: (out[k][6], -k)) if out else -1
        # after a guessed stem with the learned term: the first best chain per kept text
        by_keep: dict[str, int] = {}
        for k, c in enumerate(out):
            old = by_keep.get(c[3])
            if old is None or c[6] > out[old][6]:
                by_keep[c[3]] = k
        return tuple(out), tuple(sorted(picks)), guess_pick, tuple(sorted(by_keep.values()))

    # -- the scan ------------------------------------------------------------------

    def _stem_context(self, low: str, i: int) -> Context:
        """The class of the stem ``low[:i]`` (what :func:`context_of` gives, classed)."""
        tail = low[i - 4 : i] if i > 4 else low[:i]
        hit = self._ctx_cache.get(tail)
        if hit is not None:
            return hit
        ctx = context_of(low[:i])
        ctx = _STAR if ctx.letter == "*" else _canonical(ctx.vowel, ctx.letter)
        if i <= 4 or not VOWELS.isdisjoint(tail):
            self._ctx_cache[tail] = ctx
        return ctx

    def _stem_index(self) -> dict[str, tuple[tuple, ...]]:
        """Written stem -> the lexicon readings it can start, in search order.

        Each reading is ``(lemma, pos, state, score, pending, first, heads, ctx)``:
        ``heads`` the letters the rest of the word must start with (``None``: any),
        ``ctx`` the stem class (``None``: the written stem's; a letter: the written
        stem's vowel with that letter; a :class:`Context`: fixed). Covers the stem
        itself, its к/п written г/б before a vowel, a final ь left out (``февралда``),
        irregular bound stems, and a final vowel or й merged into the next suffix
        (``сакта`` in ``сактоо``).
        """
        direct: dict[str, list[tuple]] = {}
        alt: dict[str, list[tuple]] = {}
        bound: dict[str, list[tuple]] = {}
        merged: dict[str, list[tuple]] = {}
        vowel_heads = frozenset(VOWELS)
        merge_heads: dict[str, frozenset[str]] = {}
        for head, letters in _MERGED.items():
            for letter in letters:
                merge_heads[letter] = merge_heads.get(letter, frozenset()) | {head}
        order = "".join(_MERGED.values())
        for key, starts in self._stems.items():
            for lemma, pos, state, base in starts:
                direct.setdefault(key, []).append((lemma, pos, state, base, 0, "", None, None))
                last = key[-1:]
                if last in _VOICE:
                    reading = (lemma, pos, state, base, 0, "", vowel_heads, "т")
                    alt.setdefault(key[:-1] + _VOICE[last], []).append(reading)
                if last == "ь" and len(key) > 2:
                    # a final soft sign is not written before a suffix: февраль → февралда
                    alt.setdefault(key[:-1], []).append(
                        (lemma, pos, state, base, 0, "", None, None)
                    )
                if last in merge_heads and len(key) > 1:
                    fixed = "й" if last == "й" else _canonical(_SOFT.get(last, last), last)
                    reading = (lemma, pos, state, base - 0.2, 1, "", merge_heads[last], fixed)
                    merged.setdefault(key[:-1], []).append((order.index(last), reading))
        for variant in data.stem_variants():
            state = "V" if variant.pos in VERBAL else "N"
            first = "vowel" if variant.first == "-" else variant.first
            reading = (variant.lemma, variant.pos, state, 14.0, 0, first, None, None)
            bound.setdefault(variant.bound, []).append(reading)
        index: dict[str, tuple[tuple, ...]] = {}
        for key in {*direct, *alt, *bound, *merged}:
            ordered = sorted(merged.get(key, ()), key=lambda pair: pair[0])
            index[key] = (
                *direct.get(key, ()),
                *alt.get(key, ()),
                *bound.get(key, ()),
                *(reading for _, reading in ordered),
            )
        return index

    def _known_starts(self, norm: str, low: str, i: int, ctx: Context) -> list:
        """Lexicon readings of the stem ``low[:i]``: ``(lemma, pos, state, score, ctx,
        pending, first)``, from :meth:`_stem_index` and hyphenated compounds."""
        rest, stem = low[i:], norm[:i]
        head = rest[:1]
        out = []
        for lemma, pos, state, base, pending, first, heads, fixed in self._index.get(low[:i], ()):
            if heads is not None and head not in heads:
                continue
            if lemma[:1] != stem[:1]:
                lemma = _recase(lemma, stem)
            sctx = (
                ctx
                if fixed is None
                else _canonical(ctx.vowel, fixed)
                if type(fixed) is str
                else fixed
            )
            out.append((lemma, pos, state, base, sctx, pending, first))
        skey = low[:i]
        hyphen = skey.rfind("-", 0, i - 1)
        if hyphen >= 0 and skey[-1] != "-":
            tail = skey[hyphen + 1 :]
            shown = norm[: hyphen + 1]
            for lemma, pos, state, base in self._stems.get(tail, ()):
                lemma = shown + _recase(lemma, norm[hyphen + 1 : i])
                out.append((lemma, pos, state, base - 0.5, ctx, 0, ""))
            # the last part with a stem alternation (гимназия-мектебинде -> мектеп)
            for lemma, pos, state, base, pending, first, heads, fixed in self._index.get(tail, ()):
                if (heads is not None and head not in heads) or lemma == tail:
                    continue
                sctx = (
                    ctx
                    if fixed is None
                    else _canonical(ctx.vowel, fixed)
                    if type(fixed) is str
                    else fixed
                )
                lemma = shown + _recase(lemma, norm[hyphen + 1 : i])
                out.append((lemma, pos, state, base - 0.5, sctx, pending, first))
        return out

    def _guess_starts(self, norm: str, low: str, i: int, ctx: Context) -> list:
        """Stems not in the lexicon: ``(lemma, score, ctx, pending)``, or none when the
        stem (after its last hyphen) is shorter than ``min_stem`` or has no vowel."""
        skey, rest, stem = low[:i], low[i:], norm[:i]
        tail = skey.rpartition("-")[2]
        if len(tail) < self.min_stem or VOWELS.isdisjoint(tail):
            return []
        last = skey[-1]
        if _final_voiced(low, i) and rest[:1] in VOWELS:
            out = [(stem[:-1] + _DEVOICE[last], 1.0, ctx, 0), (stem, 0.9, ctx, 0)]
        else:
            out = [(stem, 1.0, ctx, 0)]
        if rest[:1] in _GUESS_MERGED and rest[:2] == rest[0] * 2:
            back = _GUESS_MERGED[rest[0]]
            out.append((stem + back, 1.0 - 0.1 * len(out), _canonical(back, back), 1))
        return out

    def _chainset(self, rest: str, ctx: Context, state: str, pending: int) -> tuple:
        key = (rest, ctx, state, pending)
        hit = self._chain_memo.get(key)
        if hit is None:
            if len(self._chain_memo) > _MEMO_LIMIT:
                self._chain_memo.clear()
            hit = self._chain_memo[key] = self._chains(rest, ctx, state, pending)
        return hit

    def _shares(self, low: str) -> tuple | None:
        """The learned terms of the longest known ending of *low*: ``(term per edit,
        term of an unseen edit, best term)``, or ``None``."""
        marked = ("^" + low)[-RULE_MAX_LEN:]  # all the longest look-up sees
        hit = self._shares_memo.get(marked, _MISSING)
        if hit is not _MISSING:
            return hit
        rules = self._rules
        found = None
        if rules:
            for k in range(len(marked), 0, -1):
                ending = marked[-k:]
                if ending in rules:
                    found = self._terms.get(ending) or self._term_table(ending)
                    break
        if len(self._shares_memo) > _MEMO_LIMIT:
            self._shares_memo.clear()
        self._shares_memo[marked] = found
        return found

    def _term_table(self, ending: str) -> tuple[dict[tuple[int, str], float], float, float]:
        """``(term per edit, term of an unseen edit, best term)`` of a learned ending."""
        total, edits = self._rules[ending]
        by_edit = {e: RULE_WEIGHT * math.log(n / total + RULE_FLOOR) for e, n in edits.items()}
        unseen = RULE_WEIGHT * math.log(RULE_FLOOR)
        table = self._terms[ending] = (by_edit, unseen, max(by_edit.values(), default=unseen))
        return table

    def _readings(self, word: str) -> list[tuple]:
        """Every reading of *word* as ``(score, lemma, pos, chain)``, in search order:
        closed forms, then lexicon stems split by split from the right, then guesses."""
        norm = word if KYRGYZ_LETTERS.isdisjoint(word) else to_cyrillic(word)
        low = norm.lower()
        found: list[tuple] = []
        for form in self._closed.get(low, ()):
            chain = (("closed",), (), form.feats, "", "", 0.0, 0.0, False, "")
            found.append((30.0, _recase(form.lemma, norm), form.pos, chain))
        guessable = []
        for i, rest, ctx, mask, starts in self._splits(norm, low):
            for lemma0, pos0, state, base, sctx, pending, first in starts:
                if not mask & (_V if state == "V" else _N):
                    continue
                for chain in self._chainset(rest, sctx, state, pending)[0]:
                    if first and not _first_ok(first, chain):
                        continue
                    score, lemma, pos = self._known_score(lemma0, pos0, base, chain)
                    found.append((score, lemma, pos, chain))
            if ctx is not None:
                guessable.append((i, rest, ctx, mask))
        for i, rest, ctx, mask in guessable:
            for lemma0, base, gctx, pending in self._guess_starts(norm, low, i, ctx):
                for state, bit in (("N", _N), ("V", _V)):
                    if not mask & bit:
                        continue
                    for chain in self._chainset(rest, gctx, state, pending)[0]:
                        score, lemma, pos = _guess_score(lemma0, state, base, chain)
                        found.append((score, lemma, pos, chain))
        shares = self._shares(low)
        if shares is not None:
            terms: dict[str, float] = {}  # many readings share a lemma
            scored = []
            for s, lem, p, c in found:
                term = terms.get(lem)
                if term is None:
                    term = terms[lem] = _rule_term(low, shares, lem)
                scored.append((s + term, lem, p, c))
            found = scored
        return found

    def _splits(self, norm: str, low: str):
        """Live splits of *low*, right to left: ``(i, rest, ctx, mask, starts)``.

        ``ctx`` is ``None`` when the stem cannot be guessed (numbers, acronyms).
        """
        masks = self._mask_memo
        n = len(low)
        counts = None if low.isalpha() else _prefix_contexts(low)[1]
        maybe_acronym = low[1:] != norm[1:]
        for i in range(n, 0, -1):
            rest = low[i:]
            mask = masks.get(rest)
            if mask is None:
                mask = self._mask(rest)
            if not mask & 3:
                continue
            if counts is not None and counts[i] == 0:
                if rest and counts[n] > 0:
                    stem = norm[:i]
                    start = (stem.rstrip("-") or stem, "NUM", "N", 9.0, _STAR, 0, "")
                    yield i, rest, None, mask, [start]
                continue
            if maybe_acronym and rest and rest.islower() and _is_acronym(norm[:i]):
                stem = norm[:i]
                starts = [
                    (_recase(lemma, stem), pos, state, base, _STAR, 0, "")
                    for lemma, pos, state, base in self._stems.get(low[:i], ())
                ]
                if not starts:
                    starts.append((stem, "PROPN", "N", 9.0, _STAR, 0, ""))
                yield i, rest, None, mask, starts
                continue
            ctx = self._stem_context(low, i)
            yield i, rest, ctx, mask, self._known_starts(norm, low, i, ctx)

    def _known_score(self, lemma: str, pos: str, base: float, chain: _Chain) -> tuple:
        keep = chain[3]
        score = base + chain[5]
        if keep:
            lemma += keep
            pos = chain[4] or pos
            if to_cyrillic(lemma).lower() not in self._lex:
                score -= 2.0  # a derived verb the lexicon does not list
        if chain[0] and pos not in VERBAL and pos not in _NOMINAL:
            score -= 1.0
        return score, lemma, pos

    def _guess_best(self, rest: str, ctx: Context, mask: int) -> tuple | None:
        """The best chain after a guessed stem of class *ctx*: ``(delta, state, chain)``."""
        key = (rest, ctx, mask)
        if key in self._guess_memo:
            return self._guess_memo[key]
        best = None
        for state, bit in (("N", _N), ("V", _V)):
            if mask & bit:
                chains, _, pick, _ = self._chainset(rest, ctx, state, 0)
                if pick >= 0 and (best is None or chains[pick][6] > best[0]):
                    best = (chains[pick][6], state, chains[pick])
        if len(self._guess_memo) > _MEMO_LIMIT:
            self._guess_memo.clear()
        self._guess_memo[key] = best
        return best

    def _best(self, word: str) -> tuple | None:
        """The best reading of *word*: the first of the highest score in :meth:`_readings`
        order, computed without listing the others. Per stem only the chains that can
        win are scored (:meth:`_chains` picks them), and guessed stems are skipped when
        a lexicon reading already scores higher than any guess can."""
        norm = _normal(word)
        low = norm.lower()
        if not low.isalpha() or low[1:] != norm[1:]:
            # numbers, hyphens, acronyms: the general path
            return self._best_general(norm, low)
        best = None
        top = -math.inf
        shares = self._shares(low)
        for form in self._closed.get(low, ()):
            chain = (("closed",), (), form.feats, "", "", 0.0, 0.0, False, "")
            lemma = _recase(form.lemma, norm)
            score = 30.0 if shares is None else 30.0 + _rule_term(low, shares, lemma)
            if score > top:
                top, best = score, (score, lemma, form.pos, chain)
        n = len(low)
        masks, index, chain_memo = self._mask_memo, self._index, self._chain_memo
        ctx_cache = self._ctx_cache
        if n > _LAZY_MAX:
            self._live(low, 1)  # fill the mask memo from the right: no deep recursion
        terms: dict[str, float] = {}
        # lexicon stems: only the splits whose stem is in the index, right to left
        # (a split whose ending no chain can spell has mask 0 and is skipped, as in
        # the full scan of _live)
        for i in range(n, 0, -1):
            readings = index.get(low[:i])
            if readings is None:
                continue
            rest = low[i:]
            mask = masks.get(rest)
            if mask is None:
                mask = self._mask(rest)
            if not mask & 3:
                continue
            head = rest[:1]
            ctx = ctx_cache.get(low[i - 4 : i] if i > 4 else low[:i]) or self._stem_context(low, i)
            for lemma0, pos0, state, base, pending, first, heads, fixed in readings:
                if heads is not None and head not in heads:
                    continue
                if not mask & (_V if state == "V" else _N):
                    continue
                if lemma0[:1] != norm[:1]:
                    lemma0 = _recase(lemma0, norm[:i])
                if fixed is None:
                    sctx = ctx
                elif type(fixed) is str:
                    sctx = _canonical(ctx.vowel, fixed)
                else:
                    sctx = fixed
                key = (rest, sctx, state, pending)
                found = chain_memo.get(key)
                if found is None:
                    found = self._chainset(*key)
                chains = found[0]
                for k in range(len(chains)) if first else found[1]:
                    chain = chains[k]
                    if first and not _first_ok(first, chain):
                        continue
                    if chain[3] or (chain[0] and pos0 not in _SUFFIXABLE):
                        score, lemma, pos = self._known_score(lemma0, pos0, base, chain)
                    else:
                        score, lemma, pos = base + chain[5], lemma0, pos0
                    if shares is not None:
                        term = terms.get(lemma)
                        if term is None:
                            term = terms[lemma] = _rule_term(low, shares, lemma)
                        score += term
                    if score > top:
                        top, best = score, (score, lemma, pos, chain)
        # a guess scores at most 1.0 + 0.15 per suffix letter + 0.4 per derivation (2 at most)
        if top > 1.8 + 0.15 * n + (0.0 if shares is None else shares[2]):
            return best
        min_stem = self.min_stem
        guessable = self._live(low, min_stem)
        if shares is not None:
            return self._best_guess(norm, low, guessable, shares, top, best)
        chainset = self._chainset
        for i, rest, mask in guessable:
            ctx = ctx_cache.get(low[i - 4 : i] if i > 4 else low[:i]) or self._stem_context(low, i)
            if ctx.vowel is None:
                continue
            stem = norm[:i]
            last = low[i - 1]
            lemma0 = stem
            if _final_voiced(low, i) and rest[:1] in VOWELS:
                lemma0 = stem[:-1] + _DEVOICE[last]
            found = self._guess_best(rest, ctx, mask)
            split_best = None
            if found is not None:
                split_best = _guess_score(lemma0, found[1], 1.0, found[2])
                split_best = (*split_best, found[2])
            if rest[:1] in _GUESS_MERGED and rest[:2] == rest[0] * 2:
                back = _GUESS_MERGED[rest[0]]
                base = 0.8 if lemma0 is not stem else 0.9
                for state, bit in (("N", _N), ("V", _V)):
                    if mask & bit:
                        chains, _, pick, _ = chainset(rest, _canonical(back, back), state, 1)
                        if pick >= 0:
                            score, lemma, pos = _guess_score(stem + back, state, base, chains[pick])
                            if split_best is None or score > split_best[0]:
                                split_best = (score, lemma, pos, chains[pick])
            if split_best is not None and split_best[0] > top:
                top, best = split_best[0], split_best
        return best

    def _best_general(self, norm: str, low: str) -> tuple | None:
        """The first best of :meth:`_readings` for any word (numbers, hyphens,
        acronyms), scoring per stem only the chains that can win, as :meth:`_best`."""
        best = None
        top = -math.inf
        shares = self._shares(low)
        terms: dict[str, float] = {}

        def term(lemma: str) -> float:
            hit = terms.get(lemma)
            if hit is None:
                hit = terms[lemma] = _rule_term(low, shares, lemma)
            return hit

        for form in self._closed.get(low, ()):
            chain = (("closed",), (), form.feats, "", "", 0.0, 0.0, False, "")
            lemma = _recase(form.lemma, norm)
            score = 30.0 if shares is None else 30.0 + term(lemma)
            if score > top:
                top, best = score, (score, lemma, form.pos, chain)
        guessable = []
        for i, rest, ctx, mask, starts in self._splits(norm, low):
            for lemma0, pos0, state, base, sctx, pending, first in starts:
                if not mask & (_V if state == "V" else _N):
                    continue
                chains, picks, _, _ = self._chainset(rest, sctx, state, pending)
                for k in range(len(chains)) if first else picks:
                    chain = chains[k]
                    if first and not _first_ok(first, chain):
                        continue
                    score, lemma, pos = self._known_score(lemma0, pos0, base, chain)
                    if shares is not None:
                        score += term(lemma)
                    if score > top:
                        top, best = score, (score, lemma, pos, chain)
            if ctx is not None:
                guessable.append((i, rest, ctx, mask))
        # a guess scores at most 1.0 + 0.15 per suffix letter + 0.4 per derivation (2 at most)
        if top > 1.8 + 0.15 * len(low) + (0.0 if shares is None else shares[2]):
            return best
        for i, rest, ctx, mask in guessable:
            for lemma0, base, gctx, pending in self._guess_starts(norm, low, i, ctx):
                for state, bit in (("N", _N), ("V", _V)):
                    if not mask & bit:
                        continue
                    chains, _, _, gpicks = self._chainset(rest, gctx, state, pending)
                    for k in gpicks:
                        chain = chains[k]
                        score, lemma, pos = _guess_score(lemma0, state, base, chain)
                        if shares is not None:
                            score += term(lemma)
                        if score > top:
                            top, best = score, (score, lemma, pos, chain)
        return best

    def _live(self, low: str, stop: int) -> list[tuple[int, str, int]]:
        """The splits ``(i, rest, mask)`` of *low* whose ending a noun or verb chain may
        spell (harmony aside), right to left, for ``i >= stop``; masks are computed
        from the right, so each is one step from a memoised shorter ending."""
        masks = self._mask_memo
        live = []
        longest, dead = self._longest, 0
        for i in range(len(low), stop - 1, -1):
            rest = low[i:]
            mask = masks.get(rest)
            if mask is None:
                mask = self._mask(rest)
            if not mask & 3:
                if mask:
                    dead = 0
                else:
                    dead += 1
                    if dead >= longest:
                        # no piece reaches past a run of `longest` dead endings, so
                        # every longer ending is dead too
                        break
                continue
            dead = 0
            live.append((i, rest, mask))
        return live

    def _best_guess(
        self, norm: str, low: str, guessable: list, shares: tuple, top: float, best: tuple | None
    ) -> tuple | None:
        """The guess phase of :meth:`_best` with the learned term, in :meth:`_readings`
        order: the candidates of each split come from :meth:`_guess_candidates`, where
        the term's edit is known without the word."""
        by_edit, unseen, most = shares
        ctx_cache, cands_memo = self._ctx_cache, self._guess_cands
        win = None
        # Longest ending first: a guess scores at most 1.0 + 0.15 per suffix letter
        # (see _chains) plus the best learned term, so once that bound is below the
        # best score so far, no shorter ending can win. Ties go to the reading that
        # comes first in _readings order (shorter ending, then candidate order).
        win_pos = -1
        for pos in range(len(guessable) - 1, -1, -1):
            i, rest, mask = guessable[pos]
            if 1.0 + 0.15 * len(rest) + most + 1e-9 < top:
                break
            ctx = ctx_cache.get(low[i - 4 : i] if i > 4 else low[:i]) or self._stem_context(low, i)
            if ctx.vowel is None:
                continue
            last = low[i - 1]
            key = (rest, ctx, mask, last if _final_voiced(low, i) else "")
            cands = cands_memo.get(key)
            if cands is None:
                cands = self._guess_candidates(*key)
            for score, edit, kind, state, chain in cands:
                score += by_edit.get(edit, unseen)
                if score > top or (score == top and pos < win_pos):
                    top, win, win_pos = score, (i, kind, state, chain), pos
        if win is None:
            return best
        i, kind, state, chain = win
        stem = norm[:i]
        if kind == 1:
            stem = stem[:-1] + _DEVOICE[low[i - 1]]
        elif kind == 2:
            stem += _GUESS_MERGED[low[i]]
        return (top, *_guess_score(stem, state, 0.0, chain)[1:], chain)

    def _guess_candidates(self, rest: str, ctx: Context, mask: int, last: str) -> tuple:
        """Guess readings of a split, as in :meth:`_readings`, without the stem:
        ``(score without the term, edit, kind, state, chain)``; kind 0 keeps the stem,
        1 writes its final г б as к п, 2 adds back a vowel merged into the suffix."""
        starts: list[tuple[int, float, Context, int]] = []
        if last and rest[:1] in VOWELS:
            starts += [(1, 1.0, ctx, 0), (0, 0.9, ctx, 0)]
        else:
            starts.append((0, 1.0, ctx, 0))
        if rest[:1] in _GUESS_MERGED and rest[:2] == rest[0] * 2:
            back = _GUESS_MERGED[rest[0]]
            starts.append((2, 1.0 - 0.1 * len(starts), _canonical(back, back), 1))
        out = []
        for kind, base, gctx, pending in starts:
            for state, bit in (("N", _N), ("V", _V)):
                if not mask & bit:
                    continue
                chains, _, _, gpicks = self._chainset(rest, gctx, state, pending)
                for k in gpicks:
                    chain = chains[k]
                    keep = chain[3]
                    if kind == 1:
                        edit = (len(rest) + 1, _DEVOICE[last] + keep)
                    else:
                        added = _GUESS_MERGED[rest[0]] + keep if kind == 2 else keep
                        p = 0
                        for a, b in zip(rest, added, strict=False):
                            if a != b:
                                break
                            p += 1
                        edit = (len(rest) - p, added[p:])
                    out.append((base + chain[6], edit, kind, state, chain))
        result = tuple(out)
        if len(self._guess_cands) > _MEMO_LIMIT:
            self._guess_cands.clear()
        self._guess_cands[(rest, ctx, mask, last)] = result
        return result

    def lemma(self, word: str) -> str:
        """The lemma of the best analysis of *word* (faster than ``analyze(word)[0]``).

        >>> Analyzer().lemma("мектептерибизде")
        'мектеп'
        """
        if not word.isalpha() and (
            not word or word.isdigit() or not any(c.isalpha() for c in word)
        ):
            return word  # as analyze(): a token without letters is its own lemma
        best = self._best(word)
        if best is None:
            return to_cyrillic(word) if not KYRGYZ_LETTERS.isdisjoint(word) else word
        return _lower_derived(best[1], best[2], best[3][0])

    def analyze(self, word: str) -> list[Analysis]:
        """All analyses of *word*, best first; never empty.

        >>> Analyzer().analyze("Бишкектеги")[0].lemma
        'Бишкек'
        """
        ranked = self._ranked(word)
        if type(ranked) is Analysis:
            return [ranked]
        items, shares = ranked
        return [_analysis(item, share) for item, share in zip(items, shares, strict=True)]

    def top(self, word: str) -> tuple[Analysis, float]:
        """``(analyze(word)[0], pos share)`` without building the other analyses: the
        share is the summed confidence of every analysis with the best one's part of
        speech (at most 1.0).

        >>> best, pos_share = Analyzer().top("мектептерибизде")
        >>> best == Analyzer().analyze("мектептерибизде")[0], best.pos, pos_share > 0.9
        (True, 'NOUN', True)
        """
        ranked = self._ranked(word)
        if type(ranked) is Analysis:
            return ranked, 1.0
        items, shares = ranked
        pos = items[0][2]
        pos_share = sum(c for item, c in zip(items, shares, strict=True) if item[2] == pos)
        return _analysis(items[0], shares[0]), round(min(1.0, pos_share), 4)

    def _ranked(self, word: str) -> Analysis | tuple[list[tuple], list[float]]:
        """The readings of *word* as :meth:`analyze` ranks them, with their confidences
        (rounded as the analyses carry them); a word without readings gives its one
        analysis instead."""
        if not word or not any(c.isalpha() for c in word):
            return Analysis(word, _nonword_pos(word), score=0.0)
        found = self._readings(word)
        if not found:
            norm = to_cyrillic(word) if not KYRGYZ_LETTERS.isdisjoint(word) else word
            return Analysis(norm, _guess_pos(norm), (), {}, 0.0)
        # one reading per (lemma, pos, tags), at its best score; a reading moves to
        # where it reached that score, so ties go the way _best breaks them
        best: dict[tuple[str, str, tuple[str, ...]], tuple[float, str, str, _Chain]] = {}
        for item in found:
            key = (item[1], item[2], item[3][0])
            old = best.get(key)
            if old is None or item[0] > old[0]:
                best.pop(key, None)
                best[key] = item
        ranked = sorted(best.values(), key=_neg_score)
        top = ranked[0][0]
        weights = [math.exp(min(0.0, s - top)) for s, *_ in ranked]
        total = sum(weights)
        return ranked, [round(w / total, 4) for w in weights]


def _analysis(item: tuple[float, str, str, _Chain], confidence: float) -> Analysis:
    """The :class:`Analysis` of a ranked reading ``(score, lemma, pos, chain)``."""
    score, lemma, pos, chain = item
    return Analysis(
        _lower_derived(lemma, pos, chain[0]),
        pos,
        chain[1],
        dict(chain[2]),
        round(score, 3),
        chain[0],
        confidence,
    )


def _rule_term(low: str, shares: tuple, lemma: str) -> float:
    """``RULE_WEIGHT * log(p + RULE_FLOOR)``: ``p`` the share of the edit *low* → *lemma*
    among the training words with the ending of *shares* (see :meth:`Analyzer._shares`)."""
    lem = lemma.lower()
    if low.startswith(lem):
        edit = (len(low) - len(lem), "")
    else:
        p = 0
        for a, b in zip(low, lem, strict=False):
            if a != b:
                break
            p += 1
        edit = (len(low) - p, lem[p:])
    return shares[0].get(edit, shares[1])


def _neg_score(item: tuple) -> float:
    return -item[0]


def _lower_derived(lemma: str, pos: str, tags: tuple[str, ...]) -> str:
    """A capitalised -лык word read from an adjective stem has a lower-case lemma (UD
    KTMU: ``Улуттук`` → ``улут``); from a noun stem it keeps the capital
    (``Мамлекеттик`` → ``Мамлекет``: 30 to 12 in KTMU). Acronyms keep their capitals."""
    if pos == "ADJ" and "abstract" in tags and lemma[:1].isupper() and not _is_acronym(lemma):
        return lemma[:1].lower() + lemma[1:]
    return lemma


def _first_ok(first: str, chain: _Chain) -> bool:
    """Whether *chain* may follow a bound stem that requires *first*."""
    if not chain[0]:
        return False
    if first == "vowel":
        return chain[7]
    return chain[8] == first


def _guess_score(lemma: str, state: str, base: float, chain: _Chain) -> tuple[float, str, str]:
    keep = chain[3]
    if keep:
        lemma += keep
    pos = chain[4] or _STATE_POS[state]
    if pos == "NOUN" and lemma[:1].isupper():
        pos = "PROPN"
    return base + chain[6], lemma, pos


def _nonword_pos(token: str) -> str:
    if any(c.isdigit() for c in token):
        return "NUM"
    if token and all(c in "%$€₽+=<>§№" for c in token):
        return "SYM"
    return "PUNCT" if token else "X"


def _guess_pos(word: str) -> str:
    return "PROPN" if word[:1].isupper() else "NOUN"
