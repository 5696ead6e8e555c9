"""Feature functions of :class:`kgtext.sectors.SectorClassifier`.

Module-level functions (never lambdas), so a fitted vectoriser can be rebuilt from
its vocabulary and the estimator can be cloned:

* :func:`lemma_tokens` — the lemmas of a text's words (:func:`kgtext.lemmatize`,
  lower-cased, digits folded to ``0``), the input of the lemma n-gram features;
* :func:`char_text` — the normalised, lower-cased text, the input of the character
  n-gram features;
* :func:`lexicon_features` — per sector of the lexicon: the summed weights of its
  positive terms and of its negative contexts, and whether the rule layer alone
  would tag the passage (``net >= min_score``).

Examples
--------
>>> lemma_tokens("Мектептерибизде 2025-жылы окуучулардын")
['мектеп', '0000-жыл', 'окуучу']
>>> lemma_ngrams("Мектептерибизде окуучулардын", (1, 2))
['мектеп', 'окуучу', 'мектеп окуучу']
>>> lexicon_feature_names()[:3]
['lexicon:preschool:positive', 'lexicon:preschool:negative', 'lexicon:preschool:rule']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from kgtext.sectors.lexicon import SECTORS, Lexicon, SectorScore, Word, default_lexicon, words

__all__ = [
    "LEXICON_SCALE",
    "RULE_MIN_SCORE",
    "char_text",
    "fold_text",
    "lemma_ngrams",
    "lemma_tokens",
    "lexicon_feature_names",
    "lexicon_features",
    "lexicon_rows",
    "word_lemma_ngrams",
]

#: A sector is tagged by the rules alone when its net lexicon score reaches this.
RULE_MIN_SCORE = 2.0
#: Lexicon weights are divided by this to put them on the scale of TF-IDF values.
LEXICON_SCALE = 3.0

_DIGITS = re.compile(r"\d")


@functools.lru_cache(maxsize=1 << 16)
def _fold(lemma: str) -> str:
    return _DIGITS.sub("0", lemma)


def lemma_tokens(text: str) -> list[str]:
    """Lower-cased lemmas of the words of *text*, digits folded to ``0``."""
    return [_fold(w.lemmas[0]) for w in words(text)]


def lemma_ngrams(text: str, ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Lemma n-grams of *text* (``ngram_range`` inclusive), the analyzer of the lemma
    vectoriser; n-grams do not cross punctuation."""
    return word_lemma_ngrams(words(text), ngram_range)


def word_lemma_ngrams(ws: Sequence[Word], ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """:func:`lemma_ngrams` of words already found (:func:`kgtext.sectors.lexicon.words`)."""
    low, high = ngram_range
    runs: list[list[str]] = [[]]
    for w in ws:
        if not w.joined and runs[-1]:
            runs.append([])
        runs[-1].append(_fold(w.lemmas[0]))
    grams: list[str] = []
    for n in range(low, high + 1):
        for run in runs:
            if n == 1:
                grams.extend(run)
            else:
                grams.extend(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
    return grams


def char_text(text: str) -> str:
    """Normalised, lower-cased text: the preprocessor of the character vectoriser."""
    from kgtext.normalize import normalize

    return fold_text(normalize(text))


def fold_text(normalized: str) -> str:
    """:func:`char_text` of a text already normalised: lower-cased, digits folded."""
    return _DIGITS.sub("0", normalized.lower())


def lexicon_feature_names(labels: Sequence[str] = SECTORS) -> list[str]:
    """Names of the columns of :func:`lexicon_features`."""
    return [f"lexicon:{s}:{kind}" for s in labels for kind in ("positive", "negative", "rule")]


def lexicon_features(
    texts: Sequence[str],
    lexicon: Lexicon | None = None,
    *,
    min_score: float = RULE_MIN_SCORE,
    scale: float = LEXICON_SCALE,
    words_of: Sequence[Sequence[Word]] | None = None,
) -> np.ndarray:
    """Dense ``(len(texts), 3 * len(labels))`` matrix of lexicon scores.

    Columns per sector (in :data:`SECTORS` order): positive weight / ``scale``,
    negative weight / ``scale``, and 1.0 when ``positive - negative >= min_score``.
    ``words_of``: the words of each text when the caller has them.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    scores = [
        lex.scores(text, ws=None if words_of is None else words_of[i])
        for i, text in enumerate(texts)
    ]
    return lexicon_rows(scores, lex.labels, min_score=min_score, scale=scale)


def lexicon_rows(
    scores: Sequence[dict[str, SectorScore]],
    labels: Sequence[str],
    *,
    min_score: float = RULE_MIN_SCORE,
    scale: float = LEXICON_SCALE,
) -> np.ndarray:
    """The :func:`lexicon_features` matrix of scores already computed
    (:meth:`Lexicon.scores`), one row per scores dict."""
    out = np.zeros((len(scores), 3 * len(labels)), dtype=np.float64)
    for i, row in enumerate(scores):
        for j, label in enumerate(labels):
            s = row[label]
            out[i, 3 * j] = s.positive / scale
            out[i, 3 * j + 1] = s.negative / scale
            out[i, 3 * j + 2] = 1.0 if s.net >= min_score else 0.0
    return out
