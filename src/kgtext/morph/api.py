"""Module-level functions over a lazily built default :class:`Analyzer`.

Examples
--------
>>> lemmatize_tokens(["Бишкектеги", "мектептерде", "окуучулар"])
['Бишкек', 'мектеп', 'окуучу']
>>> spacy_morph(analyze("мектептерде")[0])
('NOUN', 'Case=Loc|Number=Plur')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from kgtext.alphabet import VOWELS
from kgtext.morph.analyzer import Analysis, Analyzer, _is_acronym
from kgtext.morph.data import suffixes
from kgtext.morph.phonology import context_of, realize_in

__all__ = [
    "CASES",
    "POSSESSIVES",
    "Reading",
    "analyze",
    "best_analysis",
    "best_reading",
    "default_analyzer",
    "inflect",
    "lemmatize",
    "lemmatize_tokens",
    "spacy_morph",
]

#: Case names accepted by :func:`inflect`.
CASES = ("nom", "gen", "acc", "dat", "loc", "abl")
#: Possessor names accepted by :func:`inflect` (``None`` for no possessor).
POSSESSIVES = ("1sg", "2sg", "2sg.pol", "3", "1pl", "2pl", "2pl.pol")
_POSS_ALIASES = {"3sg": "3", "3pl": "3", "2sg_pol": "2sg.pol", "2pl_pol": "2pl.pol"}
_DEVOICED = {"к": "г", "п": "б"}


@cache
def default_analyzer() -> Analyzer:
    """The analyser over the shipped lexicon, built on first use."""
    return Analyzer()


def analyze(word: str) -> list[Analysis]:
    """Analyses of *word*, best first; never empty (an unknown word is its own lemma).

    Examples
    --------
    >>> [(a.lemma, a.suffixes) for a in analyze("ББИМдин")][:1]
    [('ББИМ', ('дин',))]
    >>> analyze("2025-жылы")[0].lemma
    '2025-жыл'
    """
    return list(_analyses(word))


#: The analyses of the words analysed last (word -> analyses, best first): the
#: lemmatizer, the entity features and the sector features of a pipeline ask about a
#: new word one after the other, and each keeps its own longer cache of what it derives.
_RECENT: dict[str, tuple[Analysis, ...]] = {}
_RECENT_SIZE = 1 << 12


def _analyses(word: str) -> tuple[Analysis, ...]:
    hit = _RECENT.get(word)
    if hit is None:
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()
        hit = _RECENT[word] = tuple(default_analyzer().analyze(word))
    return hit


#: The best analysis and POS share (:meth:`Analyzer.top`) of the words asked last
#: through :func:`best_analysis` / :func:`best_reading`.
_RECENT_TOP: dict[str, tuple[Analysis, float]] = {}


def _top(word: str) -> tuple[Analysis, float]:
    hit = _RECENT_TOP.get(word)
    if hit is None:
        hit = default_analyzer().top(word)
        if len(_RECENT_TOP) >= _RECENT_SIZE:
            _RECENT_TOP.clear()
        _RECENT_TOP[word] = hit
    return hit


def best_analysis(word: str) -> Analysis:
    """``analyze(word)[0]``, without building the other analyses.

    Examples
    --------
    >>> a = best_analysis("облустарынын")
    >>> a == analyze("облустарынын")[0], a.lemma, a.feats["Number"]
    (True, 'облус', 'Plur')
    """
    return _top(word)[0]


@lru_cache(maxsize=1 << 17)
def lemmatize(word: str) -> str:
    """The lemma of *word* (the best analysis), cached.

    When the word was just analysed (:func:`analyze`, :func:`best_analysis`), its best
    analysis's lemma is taken (the same lemma, ``tests/morph`` checks it); otherwise the faster
    best-only search of :meth:`Analyzer.lemma` runs.

    Examples
    --------
    >>> lemmatize("кайтарылды"), lemmatize("университетинин"), lemmatize("китеби")
    ('кайтар', 'университет', 'китеп')
    """
    recent = _RECENT.get(word)
    if recent is not None:
        return recent[0].lemma
    top = _RECENT_TOP.get(word)
    if top is not None:
        return top[0].lemma
    return default_analyzer().lemma(word)


def lemmatize_tokens(tokens: Iterable[str]) -> list[str]:
    """Lemmas of a sequence of tokens.

    Examples
    --------
    >>> lemmatize_tokens(["ЖОЖдор", "колледжге"])
    ['ЖОЖ', 'колледж']
    """
    return [lemmatize(token) for token in tokens]


def spacy_morph(analysis: Analysis) -> tuple[str, str]:
    """``(pos, morph)`` for a spaCy token: UPOS and a UD FEATS string (``""`` if none).

    Examples
    --------
    >>> spacy_morph(analyze("ЖОЖдордо")[0])
    ('NOUN', 'Case=Loc|Number=Plur')
    """
    feats = analysis.ud_feats
    return analysis.pos, "" if feats == "_" else feats


class Reading(NamedTuple):
    """The best analysis of a word, flattened for a tagger, with how sure it is.

    ``confidence`` is the share of the best analysis among all analyses (softmax of
    their scores); ``pos_confidence`` the share of every analysis with the same part
    of speech, so ``pos`` can be trusted even when the features are ambiguous.
    """

    lemma: str
    pos: str
    morph: str
    confidence: float
    pos_confidence: float


@lru_cache(maxsize=1 << 12)
def best_reading(word: str) -> Reading:
    """The best analysis of *word* as a :class:`Reading` (lemma, POS, FEATS, confidence).

    A spaCy component can set ``token.pos_`` when ``pos_confidence`` is high (0.9 is a
    good threshold) instead of requiring every analysis to agree.

    Examples
    --------
    >>> r = best_reading("мектептерибизде")
    >>> r.lemma, r.pos, r.pos_confidence > 0.9
    ('мектеп', 'NOUN', True)
    """
    best, pos_share = _top(word)
    pos, morph = spacy_morph(best)
    return Reading(best.lemma, pos, morph, best.confidence, pos_share)


@cache
def _templates() -> dict[str, str]:
    return {s.id: s.template for s in suffixes()}


def _attach(word: str, template: str, acronym: bool) -> str:
    ctx = context_of(word, acronym=False)
    if acronym and ctx.vowel is None:
        ctx = context_of(word + "ы")._replace(letter=ctx.letter)
    real = realize_in(template, ctx)[0]
    base = word[: len(word) - real.drop] if real.drop else word
    if not acronym and real.text[:1] in VOWELS and base[-1:].lower() in _DEVOICED:
        last = base[-1]
        soft = _DEVOICED[last.lower()]
        base = base[:-1] + (soft.upper() if last.isupper() else soft)
    return base + real.text


def inflect(
    lemma: str,
    case: str = "nom",
    number: str = "sg",
    possessive: str | None = None,
) -> str:
    """Inflect a noun (or acronym) for number, possessor and case.

    Parameters
    ----------
    lemma : str
        A noun lemma (``мектеп``), a name (``Бишкек``) or an acronym (``ЖОЖ``).
    case : {"nom", "gen", "acc", "dat", "loc", "abl"}
    number : {"sg", "pl"}
    possessive : {None, "1sg", "2sg", "2sg.pol", "3", "1pl", "2pl", "2pl.pol"}

    Examples
    --------
    >>> inflect("министрлик", possessive="3", case="gen")
    'министрлигинин'
    >>> inflect("Бишкек", case="loc")
    'Бишкекте'
    >>> inflect("бала", number="pl", possessive="1sg", case="dat")
    'балдарыма'
    """
    if case not in CASES:
        raise ValueError(f"case must be one of {CASES}, not {case!r}")
    if number not in ("sg", "pl"):
        raise ValueError(f"number must be 'sg' or 'pl', not {number!r}")
    poss = _POSS_ALIASES.get(possessive, possessive) if possessive else None
    if poss is not None and poss not in POSSESSIVES:
        raise ValueError(f"possessive must be one of {POSSESSIVES} or None, not {possessive!r}")
    templates = _templates()
    acronym = _is_acronym(lemma)
    word = lemma
    if number == "pl":
        if lemma.lower() == "бала":
            word = lemma[:-1] + "дар"
        else:
            word = _attach(word, templates["pl"], acronym)
    if poss is not None:
        word = _attach(word, templates[f"poss.{poss}"], acronym)
    if case != "nom":
        suffix_id = case
        if poss == "3":
            suffix_id = {"gen": "gen"}.get(case, f"{case}.3")
        elif poss in ("1sg", "2sg") and case == "dat":
            suffix_id = "dat.12"
        word = _attach(word, templates[suffix_id], acronym)
    return word
