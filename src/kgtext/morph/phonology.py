"""Suffix allomorphy: archiphoneme templates realised by vowel harmony and assimilation.

A suffix is written once, as a template in which upper-case letters are
archiphonemes (see :data:`ARCHIPHONEMES`). :func:`realize` turns a template into the
surface forms it takes after a given stem. Letter classes come from
:mod:`kgtext.alphabet`; nothing here lists allomorphs.

Examples
--------
>>> realize("ЛАр", "мектеп")[0].text
'тер'
>>> realize("НЫн", "жол")[0].text
'дун'
>>> realize("ГА", "Бишкек")[0].text
'ке'
>>> realize("(с)Ы", "бала")[0].text
'сы'
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from kgtext.alphabet import FRONT_VOWELS, VOICELESS, VOWELS

__all__ = [
    "ARCHIPHONEMES",
    "Context",
    "Realization",
    "context_of",
    "realize",
    "realize_in",
]

#: What each archiphoneme stands for (documentation; the rules are below).
ARCHIPHONEMES: dict[str, str] = {
    "Ы": "high vowel: ы after a ы я, и after е и э, у after о у ё ю, ү after ө ү",
    "У": "high rounded vowel: у after back, ү after front vowels",
    "А": "low vowel: а after а ы у я ю, е after е и э, о after о ё, ө after ө ү",
    "Д": "т after a voiceless consonant, else д",
    "Г": "к after a voiceless consonant, else г",
    "Б": "п after a voiceless consonant, else б",
    "Л": "л after a vowel, й or р; т after a voiceless consonant; else д",
    "Н": "н after a vowel; т after a voiceless consonant; else д",
}

_BACK_ROUND = frozenset("оуёю")
_LOW_ROUND_FRONT = frozenset("өү")
_SOFT = {"я": "а", "ё": "о", "ю": "у", "э": "е"}
#: A verb-stem vowel and a following high rounded suffix vowel merge: сакта+уу → сактоо.
_MERGE = {"а": "о", "о": "о", "я": "о", "е": "ө", "ө": "ө", "ы": "у", "у": "у", "ю": "у"}
_MERGE |= {"и": "ү", "ү": "ү", "э": "ө"}
#: й + vowel at a boundary is written as one iotated letter: кой+ул → коюл.
_IOTATED = {"у": "ю", "а": "я", "о": "ё"}


class Context(NamedTuple):
    """What the suffix rules look at in the preceding text.

    ``vowel`` is the last vowel (``None`` when there is none, ``"*"`` when any
    harmony is accepted, as after acronyms); ``letter`` is the last letter
    (``"*"`` when any assimilation is accepted).
    """

    vowel: str | None
    letter: str | None


class Realization(NamedTuple):
    """One surface form of a suffix: drop ``drop`` letters of the stem, then add ``text``."""

    text: str
    drop: int = 0


def context_of(text: str, acronym: bool = False) -> Context:
    """The :class:`Context` of *text* (lower-cased; digits and signs are skipped).

    >>> context_of("Бишкек")
    Context(vowel='е', letter='к')
    >>> context_of("ЖОЖ", acronym=True)
    Context(vowel='*', letter='*')
    """
    if acronym:
        return Context("*", "*")
    vowel = letter = None
    for char in reversed(text.lower()):
        if char in "ъь" or not char.isalpha():
            if letter is None and char.isdigit():
                letter = "*"  # a number: its spoken last sound is unknown here
            continue
        if letter is None:
            letter = char
        if char in VOWELS:
            vowel = _SOFT.get(char, char)
            break
    if letter == "*":
        vowel = "*"
    return Context(vowel, letter)


def _high(vowel: str) -> str:
    if vowel in _BACK_ROUND:
        return "у"
    if vowel in _LOW_ROUND_FRONT:
        return "ү"
    return "и" if vowel in FRONT_VOWELS else "ы"


def _low(vowel: str) -> str:
    if vowel in "оё":
        return "о"
    if vowel in _LOW_ROUND_FRONT:
        return "ө"
    return "е" if vowel in FRONT_VOWELS else "а"


def _round(vowel: str) -> str:
    return "ү" if vowel in FRONT_VOWELS else "у"


def _consonant(arch: str, letter: str) -> str:
    if letter in VOICELESS:
        return {"Д": "т", "Г": "к", "Б": "п", "Л": "т", "Н": "т"}[arch]
    vowel_like = letter in VOWELS
    if arch == "Л" and (vowel_like or letter in "йр"):
        return "л"
    if arch == "Н" and vowel_like:
        return "н"
    return {"Д": "д", "Г": "г", "Б": "б", "Л": "д", "Н": "д"}[arch]


def _options(arch: str, ctx: Context) -> tuple[str, ...]:
    """Every letter *arch* may stand for in *ctx* (canonical first)."""
    if arch in "ЫАУ":
        if ctx.vowel == "*":
            pool = {"Ы": "ыиуү", "А": "аеоө", "У": "уү"}[arch]
            return tuple(pool)
        vowel = ctx.vowel or "а"
        return ({"Ы": _high, "А": _low, "У": _round}[arch](vowel),)
    if ctx.letter == "*":
        pool = {"Д": "дт", "Г": "гк", "Б": "бп", "Л": "лдт", "Н": "ндт"}[arch]
        return tuple(pool)
    letter = ctx.letter or "а"
    first = _consonant(arch, letter)
    extra: tuple[str, ...] = ()
    if arch == "Л" and letter == "р":
        extra = ("д",)  # -лык/-луу after р: шаардык, but шаарлар
    elif arch == "Б" and letter in "мнң":
        extra = ("м",)
    return (first, *extra)


def _step(ctx: Context, char: str) -> Context:
    char = _SOFT.get(char, char)
    if char in VOWELS:
        return Context(char, char)
    return Context(ctx.vowel, char)


def _ends_in_vowel(ctx: Context) -> bool | None:
    if ctx.letter == "*":
        return None
    return ctx.letter is None or ctx.letter in VOWELS


@cache
def realize_in(template: str, ctx: Context) -> tuple[Realization, ...]:
    """Surface forms of *template* after a stem with context *ctx* (canonical first).

    Template syntax: archiphonemes (:data:`ARCHIPHONEMES`); ``(x)`` is an optional
    part kept after a consonant when it starts with a vowel (``(Ы)м``) and after a
    vowel when it starts with a consonant (``(с)Ы``); ``x~y`` gives the form after a
    consonant and after a vowel (``А~й``). A leading ``У`` after a vowel merges with
    it (``сакта`` + ``УУ`` → ``сактоо``).

    >>> [r.text for r in realize_in("ЛАр", Context("*", "*"))][:4]
    ['лар', 'лер', 'лор', 'лөр']
    """
    vowel_end = _ends_in_vowel(ctx)
    if "~" in template:
        after_c, after_v = template.split("~")
        choices = [after_v] if vowel_end else [after_c]
        if vowel_end is None:
            choices = [after_c, after_v]
        out: list[Realization] = []
        for choice in choices:
            out.extend(realize_in(choice, ctx))
        return tuple(dict.fromkeys(out))
    if template.startswith("("):
        opt, rest = template[1:].split(")", 1)
        starts_vowel = opt[0] in "ЫАУ" or opt[0] in VOWELS
        keep = [not vowel_end if starts_vowel else bool(vowel_end)]
        if vowel_end is None:
            keep = [True, False]
        out = []
        for k in keep:
            out.extend(realize_in((opt if k else "") + rest, ctx))
        return tuple(dict.fromkeys(out))
    results: list[tuple[str, Context, int]] = [("", ctx, 0)]
    if template.startswith("УУ") and vowel_end and ctx.vowel not in (None, "*"):
        # the stem's last vowel and the suffix's long vowel become one long vowel
        merged = _MERGE.get(ctx.letter or "", "у")
        results = [(merged * 2, _step(ctx, merged), 1)]
        template = template[2:]
    for char in template:
        nxt: list[tuple[str, Context, int]] = []
        for text, cur, drop in results:
            opts = _options(char, cur) if char in ARCHIPHONEMES else (char,)
            for opt in opts:
                nxt.append((text + opt, _step(cur, opt), drop))
        results = nxt
    out = [Realization(text, drop) for text, _, drop in results]
    if ctx.letter == "й" and out and out[0].text[:1] in _IOTATED:
        iot = [Realization(_IOTATED[r.text[0]] + r.text[1:], 1) for r in out]
        out = iot + out  # кой+ул → коюл (canonical), койул also read
    return tuple(dict.fromkeys(out))


def realize(template: str, stem: str, acronym: bool = False) -> tuple[Realization, ...]:
    """Surface forms of *template* after *stem* (canonical first).

    >>> [r.text for r in realize("ДА", "үй")]
    ['дө']
    >>> realize("УУ", "сакта")[0]
    Realization(text='оо', drop=1)
    >>> realize("(Ы)л", "кой")[0]
    Realization(text='юл', drop=1)
    """
    return realize_in(template, context_of(stem, acronym))
