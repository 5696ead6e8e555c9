"""Rule data for segmentation, loaded on first use."""

from __future__ import annotations

import functools
import itertools

from kgtext._resources import read_tsv

__all__ = ["abbreviations", "acronym_suffixes", "sentence_final_abbreviations"]


@functools.cache
def _abbreviation_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("abbreviations.tsv"))


def abbreviations() -> frozenset[str]:
    """Abbreviations written with dots (``data/abbreviations.tsv``).

    >>> "ж.б." in abbreviations()
    True
    """
    return frozenset(row["abbreviation"] for row in _abbreviation_rows())


def sentence_final_abbreviations() -> frozenset[str]:
    """Abbreviations after which a capitalised word may start a new sentence.

    >>> "т.б." in sentence_final_abbreviations(), "көч." in sentence_final_abbreviations()
    (True, False)
    """
    return frozenset(
        row["abbreviation"] for row in _abbreviation_rows() if row["ends_sentence"] == "yes"
    )


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
