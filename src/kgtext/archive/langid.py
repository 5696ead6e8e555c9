"""Which language is a text in: Kyrgyz, Russian, Kazakh, English or something else.

Two kinds of evidence, in this order:

1. **letters** (from :mod:`kgtext.alphabet` and the Kazakh letter set): ``ә ғ қ ұ һ
   і`` mark Kazakh, ``ң ө ү`` without them mark Kyrgyz; letters of other Cyrillic
   alphabets (Ukrainian ``ї є ґ``, Belarusian and Uzbek ``ў``, Tatar ``җ``, Bashkir
   ``ҙ ҫ ҡ``, Tajik ``ӣ ӯ ҳ ҷ``, Azerbaijani ``ј ҹ ҝ``), or ``ә`` without any of
   Kazakh's ``қ ғ ұ і`` (Tatar), mark something else; a mostly-Latin text is English or
   something else;
2. **character n-grams** (1 to 3 letters, word edges marked) scored with naive
   Bayes against profiles built at first use from the sample sentences in
   ``kgtext/data/langid_samples.tsv``; they decide when the letters do not, e.g.
   for a short Kyrgyz text with none of ``ң ө ү`` (``Бишкекте жыйын болду``).

Examples
--------
>>> detect_language("Бүгүн Бишкекте жыйын өттү.")
'ky'
>>> detect_language("Бишкекте жыйын болду")
'ky'
>>> detect_language("В Бишкеке прошло заседание.")
'ru'
>>> detect_language("Биыл ауылдағы мектепке оқушылар қабылданды.")
'kk'
>>> detect_language("The school was opened today.")
'en'
>>> detect_language("12345"), detect_language("Der Unterricht beginnt morgen früh.")
('other', 'other')
>>> detect_language("Привіт, як справи? Діти пішли до школи.")
'other'
>>> detect_language("Мәгариф министрлыгы яңа уку елына әзерлекне тикшерде.")  # Tatar
'other'
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import regex

from kgtext._resources import read_tsv
from kgtext.alphabet import SPECIFIC_LETTERS

__all__ = ["LANGUAGES", "detect_language", "language_scores"]

#: The answers :func:`detect_language` gives.
LANGUAGES = ("ky", "ru", "kk", "en", "other")

_KAZAKH = frozenset("әғқұһіӘҒҚҰҺІ")
_KAZAKH_STRONG = frozenset("әғқһӘҒҚҺ")  # not і (Ukrainian) or ұ (a typo for ү)
_KYRGYZ = SPECIFIC_LETTERS
#: Letters of Cyrillic alphabets that Kyrgyz, Kazakh and Russian do not use: Ukrainian,
#: Belarusian and Uzbek (ї є ґ ў), Serbian and Macedonian, Tatar (җ), Bashkir (ҙ ҫ ҡ),
#: Tajik (ӣ ӯ ҳ ҷ), Azerbaijani (ј ҹ ҝ).
_OTHER_CYRILLIC = frozenset("їєґўђћџљњѓќҗҙҫҡӣӯҳҷјҹҝЇЄҐЎЂЋЏЉЊЃЌҖҘҪҠӢӮҲҶЈҸҜ")
#: Letters of Kazakh that the other Cyrillic Turkic alphabets with ә lack (Tatar has
#: ә ө ү ң һ but none of these).
_KAZAKH_CORE = frozenset("қғұіҚҒҰІ")
_WORD = regex.compile(r"\p{L}+")
_CYRILLIC_RE = regex.compile(r"[\u0400-\u04ff]+")
_ASCII_RE = regex.compile(r"[A-Za-z]+")


def _count(text: str, letters: frozenset[str]) -> int:
    return sum(map(text.count, letters))


_ALPHA = 0.1  # add-alpha smoothing
#: Mean log-probability per n-gram below which a Latin text is not English.
_EN_MIN = -6.2
_EN_WORDS = frozenset(
    "the and of to in is are was were for on with that this by from at an it be has have".split()
)


def _grams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        padded = f" {word} "
        for n in (1, 2, 3):
            for i in range(len(padded) - n + 1):
                g = padded[i : i + n]
                if g != " ":
                    grams[g] += 1
    return grams


@functools.cache
def _profiles() -> dict[str, tuple[dict[str, float], float]]:
    """Per language: log-probabilities of seen n-grams and the unseen log-probability."""
    texts: dict[str, list[str]] = {}
    for row in read_tsv("langid_samples.tsv"):
        texts.setdefault(row["language"], []).append(row["text"])
    vocabulary = set()
    counts = {}
    for lang, lines in texts.items():
        counts[lang] = _grams(" ".join(lines))
        vocabulary.update(counts[lang])
    size = len(vocabulary) + 1
    result = {}
    for lang, c in counts.items():
        total = sum(c.values()) + _ALPHA * size
        result[lang] = (
            {g: math.log((k + _ALPHA) / total) for g, k in c.items()},
            math.log(_ALPHA / total),
        )
    return result


def language_scores(text: str, limit: int = 2000) -> dict[str, float]:
    """Mean log-probability per n-gram of *text* (its first *limit* characters)
    under each language profile; higher is more alike.

    >>> scores = language_scores("Мектепте сабак башталды")
    >>> max(scores, key=scores.get)
    'ky'
    """
    grams = _grams(text[:limit])
    n = sum(grams.values())
    if not n:
        return {lang: -math.inf for lang in _profiles()}
    scores = {}
    for lang, (logp, unseen) in _profiles().items():
        scores[lang] = sum(k * logp.get(g, unseen) for g, k in grams.items()) / n
    return scores


def detect_language(text: str | None, limit: int = 2000) -> str:
    """The language of *text*: ``"ky"``, ``"ru"``, ``"kk"``, ``"en"`` or ``"other"``.

    Parameters
    ----------
    text : str
        Any text; only its first *limit* characters are looked at.
    limit : int
        How much of the text to read (default 2,000 characters).

    Returns
    -------
    str
        One of :data:`LANGUAGES`; ``"other"`` for a text without letters.

    Examples
    --------
    >>> detect_language("Жогорку Кеңештин депутаттары")
    'ky'
    >>> detect_language("Ещё объявление")
    'ru'
    """
    if not text:
        return "other"
    sample = text[:limit]
    runs = _WORD.findall(sample)
    n = sum(map(len, runs))
    if not n:
        return "other"
    letters = "".join(runs)
    cyrillic = n - len(_CYRILLIC_RE.sub("", letters))
    latin = n - len(_ASCII_RE.sub("", letters))
    if latin > cyrillic:
        if latin < 0.8 * n:
            return "other"
        words = [w.lower() for w in runs]
        if any(w in _EN_WORDS for w in words):
            return "en"
        scores = language_scores(sample, limit)
        return "en" if scores.get("en", -math.inf) > _EN_MIN and len(words) <= 4 else "other"
    if cyrillic < 0.5 * n:
        return "other"
    other = _count(letters, _OTHER_CYRILLIC)
    if other and other >= 0.002 * n:
        return "other"
    kazakh = _count(letters, _KAZAKH)
    kazakh_strong = _count(letters, _KAZAKH_STRONG)
    kyrgyz = _count(letters, _KYRGYZ)
    if kazakh_strong and kazakh >= max(1, 0.01 * n):
        if kazakh_strong >= 2 and not _count(letters, _KAZAKH_CORE):
            return "other"  # ә һ without қ ғ ұ і: Tatar
        return "kk"
    if kyrgyz >= max(1, 0.01 * n):
        return "ky"
    if kazakh and not kazakh_strong and not kyrgyz and kazakh >= max(2, 0.01 * n):
        return "other"  # і without any Kazakh or Kyrgyz letter: Ukrainian, Belarusian
    scores = language_scores(sample, limit)
    candidates = ("ky", "ru", "kk") if kazakh else ("ky", "ru")
    return max(candidates, key=lambda lang: scores.get(lang, -math.inf))
