"""Rule data for segmentation, loaded on first use."""

from __future__ import annotations

import functools
import itertools

from kgtext._resources import read_tsv

__all__ = [
    "abbreviations",
    "acronym_suffixes",
    "sentence_final_abbreviations",
    "unit_abbreviations",
]


@functools.cache
def _abbreviation_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("abbreviations.tsv"))


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations written with dots (``data/abbreviations.tsv``).

    >>> "ж.б." in abbreviations()
    True
    """
    return frozenset(v for row in _abbreviation_rows() for v in _variants(row["abbreviation"]))


@functools.cache
def sentence_final_abbreviations() -> frozenset[str]:
    """Abbreviations after which a capitalised word may start a new sentence.

    >>> "т.б." in sentence_final_abbreviations(), "көч." in sentence_final_abbreviations()
    (True, False)
    """
    return frozenset(
        v
        for row in _abbreviation_rows()
        if row["ends_sentence"] in ("yes", "unit")
        for v in _variants(row["abbreviation"])
    )


@functools.cache
def unit_abbreviations() -> frozenset[str]:
    """Quantity abbreviations, followed by their unit or currency (``млн. АКШ доллары``).

    >>> "млн." in unit_abbreviations()
    True
    """
    return frozenset(
        v
        for row in _abbreviation_rows()
        if row["ends_sentence"] == "unit"
        for v in _variants(row["abbreviation"])
    )


def _variants(abbreviation: str) -> tuple[str, ...]:
    """The abbreviation, and its capitalised form at a sentence start (``Проф.``).

    One-letter pieces get no capitalised form: ``Ж.`` is an initial, not ``ж.``.
    """
    first_piece = abbreviation.split(".", 1)[0]
    if len(first_piece) < 2 or not first_piece.isalpha():
        return (abbreviation,)
    return (abbreviation, abbreviation[0].upper() + abbreviation[1:])


# Suffix templates that follow an acronym, each written once; capitals are
# archiphonemes: Cyrillic А = а/е/о/ө and Latin Y = ы/и/у/ү.
_PLURAL = ("", "лАр", "дАр", "тАр")
_POSSESSIVE = ("", "Y", "сY", "Yм", "Yбыз", "Yңыз", "Yң")
_CASE = (
    "",
    "нYн",
    "дYн",
    "тYн",
    "нY",
    "дY",
    "тY",
    "н",
    "гА",
    "кА",
    "нА",
    "А",
    "дА",
    "тА",
    "ндА",
    "дАн",
    "тАн",
    "нАн",
    "дАгY",
    "тАгY",
    "ндАгY",
    "чА",
    "дАй",
    "тАй",
    "сYз",
)
_A = "аеоө"
_Y = "ыиуү"


def _expand(template: str) -> list[str]:
    slots = [_A if c == "А" else _Y if c == "Y" else c for c in template]
    return ["".join(p) for p in itertools.product(*slots)]


@functools.cache
def acronym_suffixes() -> frozenset[str]:
    """Every suffix chain (plural, possessive, case) that may follow an acronym.

    All harmony variants are allowed, since acronyms are read letter by letter or
    as words (``ИДПнын``, ``ГЭСинде``, ``ЖОЖдор``).

    >>> {"дор", "тин", "нын", "дордо", "ы", "си"} <= acronym_suffixes()
    True
    """
    out: set[str] = set()
    for plural, poss, case in itertools.product(_PLURAL, _POSSESSIVE, _CASE):
        template = plural + poss + case
        if template:
            out.update(_expand(template))
    return frozenset(out)
