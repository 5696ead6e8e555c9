"""The one place that knows Kyrgyz letters.

Everything else in kgtext derives its letter classes from here: the Kyrgyz Cyrillic
alphabet, vowel classes for vowel harmony, consonant classes for suffix assimilation,
the letter variants that stand in for ``ң ө ү`` in real text, and the table of
Latin/Cyrillic look-alike letters.

Examples
--------
>>> from kgtext import alphabet
>>> alphabet.is_kyrgyz_letter("ң"), alphabet.is_kyrgyz_letter("q")
(True, False)
>>> alphabet.last_vowel("мектеп")
'е'
>>> alphabet.harmony("мектеп")
Harmony(front=True, rounded=False)
>>> alphabet.harmony("жол")
Harmony(front=False, rounded=True)
>>> alphabet.to_cyrillic("cектор")
'сектор'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "BACK_VOWELS",
    "CONSONANTS",
    "CYRILLIC_TO_LATIN",
    "FRONT_VOWELS",
    "KYRGYZ_LETTERS",
    "KYRGYZ_LOWER",
    "KYRGYZ_UPPER",
    "LATIN_TO_CYRILLIC",
    "LETTER_VARIANTS",
    "ROUNDED_VOWELS",
    "SONORANTS",
    "SPECIFIC_LETTERS",
    "VOICED",
    "VOICELESS",
    "VOWELS",
    "Harmony",
    "harmony",
    "is_kyrgyz_letter",
    "is_vowel",
    "last_letter",
    "last_vowel",
    "to_cyrillic",
    "to_latin",
]

#: The 36 letters of the Kyrgyz Cyrillic alphabet, in alphabetical order.
KYRGYZ_LOWER = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
KYRGYZ_UPPER = KYRGYZ_LOWER.upper()
KYRGYZ_LETTERS = frozenset(KYRGYZ_LOWER + KYRGYZ_UPPER)

#: The three letters that Kyrgyz has and Russian has not.
SPECIFIC_LETTERS = frozenset("ңөүҢӨҮ")

VOWELS = frozenset("аеёиоөуүыэюя")
#: Back vowels (``я ё ю`` are /ja jo ju/ and harmonise as back vowels).
BACK_VOWELS = frozenset("аоуыяёю")
FRONT_VOWELS = frozenset("еиөүэ")
ROUNDED_VOWELS = frozenset("оөуүёю")

CONSONANTS = frozenset(KYRGYZ_LOWER) - VOWELS - frozenset("ъь")
#: Voiceless obstruents: a suffix-initial ``д г б`` becomes ``т к п`` after them.
VOICELESS = frozenset("кпстфхцчшщ")
#: Voiced obstruents.
VOICED = frozenset("бвгджз")
#: Sonorants (nasals, liquids, glide).
SONORANTS = frozenset("йлмнңр")

#: Characters that people type for the Kyrgyz-specific letters, mapped to the
#: standard letter. Each entry is seen in published text: ``ӊ`` (U+04CA, Khanty en
#: with tail) and ``ҥ`` (U+04A5, en-ghe ligature) for ``ң``; ``ѳ`` (fita), ``ɵ``
#: (Latin barred o) and Latin ``ö`` for ``ө``; Latin ``ü``, Kazakh ``ұ`` and
#: ``ү``-like ``ӱ`` for ``ү``.
LETTER_VARIANTS: dict[str, str] = {
    "ӊ": "ң",
    "Ӊ": "Ң",
    "ҥ": "ң",
    "Ҥ": "Ң",
    "ӈ": "ң",
    "Ӈ": "Ң",
    "ѳ": "ө",
    "Ѳ": "Ө",
    "ɵ": "ө",
    "Ɵ": "Ө",
    "ӧ": "ө",
    "Ӧ": "Ө",
    "ö": "ө",
    "Ö": "Ө",
    "ü": "ү",
    "Ü": "Ү",
    "ұ": "ү",
    "Ұ": "Ү",
    "ӱ": "ү",
    "Ӱ": "Ү",
}

#: Latin letters that look like a Cyrillic letter, and that letter.
LATIN_TO_CYRILLIC: dict[str, str] = {
    "a": "а",
    "A": "А",
    "B": "В",
    "c": "с",
    "C": "С",
    "e": "е",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "o": "о",
    "O": "О",
    "p": "р",
    "P": "Р",
    "T": "Т",
    "x": "х",
    "X": "Х",
    "y": "у",
    "Y": "У",
}

#: Cyrillic letters that look like a Latin letter, and that letter.
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a",
    "А": "A",
    "В": "B",
    "с": "c",
    "С": "C",
    "е": "e",
    "Е": "E",
    "Н": "H",
    "К": "K",
    "М": "M",
    "о": "o",
    "О": "O",
    "р": "p",
    "Р": "P",
    "Т": "T",
    "х": "x",
    "Х": "X",
    "у": "y",
    "У": "Y",
    "і": "i",
    "І": "I",
}


class Harmony(NamedTuple):
    """The vowel-harmony class of a stem: front/back and rounded/unrounded."""

    front: bool
    rounded: bool


def is_kyrgyz_letter(char: str) -> bool:
    """Return True for a letter of the Kyrgyz Cyrillic alphabet (either case).

    >>> is_kyrgyz_letter("Ү"), is_kyrgyz_letter("ä")
    (True, False)
    """
    return char in KYRGYZ_LETTERS


def is_vowel(char: str) -> bool:
    """Return True for a Kyrgyz vowel letter (either case).

    >>> is_vowel("Ө"), is_vowel("к")
    (True, False)
    """
    return char.lower() in VOWELS


def last_vowel(word: str) -> str | None:
    """The last vowel letter of *word*, lower-cased, or None when it has none.

    >>> last_vowel("ЖК") is None
    True
    >>> last_vowel("Бишкек")
    'е'
    """
    for char in reversed(word.lower()):
        if char in VOWELS:
            return char
    return None


def last_letter(word: str) -> str | None:
    """The last letter of *word* that is a Kyrgyz letter other than ``ъ ь``, lower-cased.

    >>> last_letter("колледж")
    'ж'
    >>> last_letter("2025") is None
    True
    """
    for char in reversed(word.lower()):
        if char in KYRGYZ_LETTERS and char not in "ъь":
            return char
    return None


def harmony(word: str) -> Harmony:
    """The harmony class that decides the vowels of the suffixes after *word*.

    Words without a vowel (acronyms such as ``ЖК``, numbers) default to back
    unrounded. Acronyms are read either letter by letter or as a word, so their
    suffixes do not follow one rule (``ИДПнын``, ``ГЭСинде``, ``ЖОЖдор`` all occur):
    the analyser accepts every harmony variant after an acronym.

    >>> harmony("үй")
    Harmony(front=True, rounded=True)
    >>> harmony("ЖК")
    Harmony(front=False, rounded=False)
    """
    vowel = last_vowel(word)
    if vowel is None:
        return Harmony(front=False, rounded=False)
    return Harmony(front=vowel in FRONT_VOWELS, rounded=vowel in ROUNDED_VOWELS)


_TO_CYRILLIC = str.maketrans(LATIN_TO_CYRILLIC | LETTER_VARIANTS)
_TO_LATIN = str.maketrans(CYRILLIC_TO_LATIN)


def to_cyrillic(text: str) -> str:
    """Replace Latin look-alike letters and letter variants by Kyrgyz Cyrillic letters.

    >>> to_cyrillic("мeктeптe")
    'мектепте'
    >>> to_cyrillic("кeңeш")
    'кеңеш'
    """
    return text.translate(_TO_CYRILLIC)


def to_latin(text: str) -> str:
    """Replace Cyrillic look-alike letters by the Latin letters they resemble.

    >>> to_latin("СOVID")
    'COVID'
    """
    return text.translate(_TO_LATIN)
