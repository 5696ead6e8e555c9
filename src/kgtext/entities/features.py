"""Per-token features the entity patterns test: lowercase lemma, shape, case, number.

Features depend only on a token's text and lemma, so they are computed once per
distinct ``(text, lemma)`` pair and cached. The lemma is the one spaCy holds
(``token.lemma_``, set by the ``lemmatizer`` pipe) or, when empty,
:func:`kgtext.lemmatize` of the text: the same function, so patterns compiled from
lemmas match whatever form the text uses.

Examples
--------
>>> f = features("министрлигинин")
>>> f.kg_lemma, f.kg_case, f.kg_shape
('министрлик', 'Gen', 'lower')
>>> features("ББИМдин").kg_stem, features("ББИМдин").kg_shape
('ББИМ', 'acronym')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kgtext.morph import best_analysis, lemmatize
from kgtext.segment.tokenize import Token

__all__ = ["SHAPES", "TokenFeatures", "features", "is_acronym"]

#: Values of ``kg_shape``.
SHAPES = ("title", "acronym", "initial", "lower", "number", "dash", "punct", "space", "other")
_DASHES = frozenset("-–—")
_SENT_END = frozenset({".", "!", "?", "…", "!»", "?»"})


@dataclass(frozen=True, slots=True)
class TokenFeatures:
    """What a pattern can ask about one token (spaCy attribute names in comments)."""

    text: str  # ORTH / TEXT
    lower: str  # LOWER / NORM
    lemma: str  # LEMMA
    kg_lemma: str  # _.kg_lemma: lowercase lemma
    kg_stem: str  # _.kg_stem: the token without a suffix glued to a number/acronym
    kg_shape: str  # _.kg_shape: one of SHAPES
    kg_case: str  # _.kg_case: UD Case of the best analysis, "" when none (nominative)
    kg_plural: bool  # _.kg_plural: Number=Plur in the best analysis
    kg_poss: bool  # _.kg_poss: a possessive suffix in the best analysis (университети)
    common: bool  # capitalised, but its lowercase form is a common word (not PROPN)
    is_title: bool
    is_upper: bool
    is_lower: bool
    is_alpha: bool
    is_digit: bool
    is_punct: bool
    is_space: bool
    like_num: bool
    sent_end: bool  # the token ends a sentence (., !, ?, …)


def is_acronym(word: str) -> bool:
    """Two or more letters, all capitals (``ББИМ``, ``USAID``).

    >>> is_acronym("ЖК"), is_acronym("Ош"), is_acronym("И.")
    (True, False, False)
    """
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _shape(text: str, stem: str) -> str:
    if not text or text.isspace():
        return "space"
    first = text[0]
    if first.isdigit() or (first == "№" and len(text) > 1):
        return "number"
    if text in _DASHES:
        return "dash"
    if not any(c.isalnum() for c in text):
        return "punct"
    if len(text) == 2 and first.isupper() and text[1] == ".":
        return "initial"
    if is_acronym(stem):
        return "acronym"
    if first.isupper():
        return "title"
    if first.islower():
        return "lower"
    return "other"


@functools.lru_cache(maxsize=1 << 17)
def features(text: str, lemma: str = "") -> TokenFeatures:
    """The :class:`TokenFeatures` of a token (cached on ``(text, lemma)``).

    Parameters
    ----------
    text : str
        The token text.
    lemma : str, optional
        Its lemma; ``""`` computes :func:`kgtext.lemmatize` of *text*.

    Examples
    --------
    >>> features("Бишкектеги").kg_lemma, features("Бишкектеги").kg_case
    ('бишкек', 'Loc')
    >>> features("облустарынын").kg_plural
    True
    """
    alnum = any(c.isalnum() for c in text)
    if not lemma:
        lemma = lemmatize(text) if alnum else text
    stem = Token(text, 0, len(text)).split_suffix()[0] if alnum else text
    shape = _shape(text, stem)
    case, plural, poss, common = "", False, False, False
    if alnum and shape not in ("number", "initial"):
        feats = best_analysis(text).feats
        case = feats.get("Case", "")
        plural = feats.get("Number") == "Plur"
        poss = "Person[psor]" in feats
        if shape == "title":
            common = best_analysis(text.lower()).pos != "PROPN"
    return TokenFeatures(
        text=text,
        lower=text.lower(),
        lemma=lemma,
        kg_lemma=lemma.lower(),
        kg_stem=stem,
        kg_shape=shape,
        kg_case=case,
        kg_plural=plural,
        kg_poss=poss,
        common=common,
        is_title=text.istitle(),
        is_upper=text.isupper(),
        is_lower=text.islower(),
        is_alpha=text.isalpha(),
        is_digit=text.isdigit(),
        is_punct=shape in ("punct", "dash"),
        is_space=shape == "space",
        like_num=text.replace(",", "").replace(".", "").isdigit(),
        sent_end=text in _SENT_END,
    )
