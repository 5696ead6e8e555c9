"""Normalise Kyrgyz text as it is really published, keeping a map back to the original.

Each fix is a small named step that can be switched off. The steps, in order:

``invisible``
    remove zero-width spaces, word joiners, soft hyphens and byte-order marks;
``nfc``
    Unicode NFC composition;
``spaces``
    every space-like character (no-break, thin, ideographic, tab …) becomes a space;
``letters``
    letter variants typed for ``ң ө ү`` (``ӊ ҥ ѳ ɵ ұ``, and Latin ``ö ü`` inside
    Cyrillic words) become the standard letters;
``lookalikes``
    Latin look-alike letters inside a Cyrillic word become Cyrillic (``cекторго`` →
    ``секторго``), and the other way round in a mostly-Latin word (``СOVID`` →
    ``COVID``); an acronym with a Kyrgyz suffix (``KOICAнын``) is left alone;
``punctuation``
    quotes become ``« » '`` and dashes ``-`` (inside a word or number) or ``—``;
``whitespace``
    runs of spaces collapse to one, lines lose trailing spaces, three or more line
    breaks become one blank line, and the text is stripped.

:func:`normalize` is idempotent and never raises on a ``str``.
:func:`normalize_with_offsets` also returns, for every character of the normalised
text, the span of the original text it came from.

Examples
--------
>>> normalize("Бишкекте\\u00a0мeктeп  ачылды")
'Бишкекте мектеп ачылды'
>>> normalize("кѳл, ӊ, СOVID, “Кут Билим”")
'көл, ң, COVID, «Кут Билим»'
>>> result = normalize_with_offsets("а\\u200bб  в")
>>> result.text
'аб в'
>>> result.to_original(3, 4)
(5, 6)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kgtext.alphabet import (
    CYRILLIC_TO_LATIN,
    KYRGYZ_LETTERS,
    LATIN_TO_CYRILLIC,
    LETTER_VARIANTS,
)

__all__ = ["STEPS", "Normalized", "normalize", "normalize_with_offsets"]

Edit = tuple[int, int, str]

# --- character classes ----------------------------------------------------------------

#: Removed outright: zero-width space, word joiner, BOM / zero-width no-break space,
#: soft hyphen, Mongolian vowel separator, left-to-right and right-to-left marks.
INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f"
#: Become an ordinary space.
SPACE_LIKE = (
    "\t\u000b\u000c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)
#: Line breaks other than ``\\n`` that become ``\\n``.
LINE_BREAKS = "\r\u0085\u2028\u2029"

_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")
_SPACE_RE = re.compile(f"[{SPACE_LIKE}]|\r\n|[{LINE_BREAKS}]")
_ALWAYS_VARIANTS = {k: v for k, v in LETTER_VARIANTS.items() if k not in "öÖüÜ"}
_ALWAYS_TABLE = str.maketrans(_ALWAYS_VARIANTS)
#: Letters of Kazakh that Kyrgyz lacks: a word with one of them is Kazakh, and its
#: ``ұ`` is a real Kazakh letter, not a mistyped ``ү``.
_KAZAKH_LETTERS = frozenset("әғқһіӘҒҚҺІ")
_ALWAYS_VARIANT_RE = re.compile("[" + "".join(_ALWAYS_VARIANTS) + "]")
_LATIN_VARIANT_RE = re.compile("[öÖüÜ]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A word mixing scripts has a Cyrillic letter next to a Latin one somewhere.
_MIXED_SCRIPTS = re.compile(
    "[\u0400-\u052f][A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f][\u0400-\u052f]"
)
_CYRILLIC = frozenset(chr(c) for c in range(0x0400, 0x0530)) | KYRGYZ_LETTERS
_LATIN = frozenset(
    chr(c) for c in range(0x41, 0x250) if chr(c).isalpha()
)  # Basic Latin .. Latin Extended-B
_OPEN_QUOTES = "“„‟«‹〝"
_CLOSE_QUOTES = "”»›〞"
_APOSTROPHES = "‘’‚‛`´ʹʻʼ′"
_QUOTE_RE = re.compile(f'[{_OPEN_QUOTES}{_CLOSE_QUOTES}{_APOSTROPHES}"]')
_DASH_RE = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
#: Runs of spaces and line breaks (other whitespace is a space by then) that may need
#: an edit: at either end of the text, or two characters or more (a single space or
#: line break inside the text stays as it is).
_SPACE_FIX_RE = re.compile(r"\A[ \n]+|[ \n]+\Z|[ \n]{2,}")


def _is_cyrillic(char: str) -> bool:
    return char in _CYRILLIC


def _is_latin(char: str) -> bool:
    return char in _LATIN


# --- steps: each returns the edits to apply to the current text ------------------------


def _invisible(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _INVISIBLE_RE.finditer(text)]


def _nfc(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[Edit] = []
    # NFC only ever changes a starter together with the marks that follow it.
    for m in re.finditer(
        r".[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
        r"\u064b-\u065f\u0900-\u0d7f\u1ab0-\u1aff\u1dc0-\u1dff"
        r"\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f\u1100-\u11ff]*",
        text,
        re.DOTALL,
    ):
        chunk = m.group()
        composed = unicodedata.normalize("NFC", chunk)
        if composed != chunk:
            edits.append((m.start(), m.end(), composed))
    return edits


def _spaces(text: str) -> list[Edit]:
    return [
        (m.start(), m.end(), " " if m.group() in SPACE_LIKE else "\n")
        for m in _SPACE_RE.finditer(text)
    ]


def _letters(text: str) -> list[Edit]:
    edits = [
        (m.start(), m.end(), _ALWAYS_VARIANTS[m.group()])
        for m in _ALWAYS_VARIANT_RE.finditer(text)
        if m.group() not in "ұҰ" or not _KAZAKH_LETTERS.intersection(_word_around(text, m.start()))
    ]
    if _LATIN_VARIANT_RE.search(text):
        fixed = text.translate(_ALWAYS_TABLE)  # one-for-one, so offsets still agree
        for m in _LATIN_VARIANT_RE.finditer(text):
            word = _word_around(fixed, m.start())
            if any(_is_cyrillic(c) for c in word):
                edits.append((m.start(), m.end(), LETTER_VARIANTS[m.group()]))
        edits.sort()
    return edits


def _word_around(text: str, index: int) -> str:
    start = index
    while start > 0 and (text[start - 1].isalpha()):
        start -= 1
    end = index + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


_ACRONYM_SUFFIX = re.compile(r"^(?P<stem>[^\W\d_]*?[^\W\d_a-zа-яёөүң])(?P<suffix>[а-яёөүң]+)$")


def _lookalike_word(word: str) -> str:
    """Return *word* with its look-alike letters in one script, or unchanged."""
    cyr = sum(1 for c in word if _is_cyrillic(c))
    lat = sum(1 for c in word if _is_latin(c))
    if not cyr or not lat:
        return word
    # An upper-case stem with a lower-case Cyrillic suffix (KOICAнын, СOVIDке): fix the
    # stem alone and leave the suffix, which is Cyrillic by rule.
    m = _ACRONYM_SUFFIX.match(word)
    if m and m.group("stem").isupper() and len(m.group("stem")) >= 2:
        return _lookalike_word(m.group("stem")) + m.group("suffix")
    to_cyr = all(c in LATIN_TO_CYRILLIC for c in word if _is_latin(c))
    to_lat = all(c in CYRILLIC_TO_LATIN for c in word if _is_cyrillic(c))
    if to_cyr and (not to_lat or cyr >= lat):
        return "".join(LATIN_TO_CYRILLIC.get(c, c) for c in word)
    if to_lat:
        return "".join(CYRILLIC_TO_LATIN.get(c, c) for c in word)
    return word


def _lookalikes(text: str) -> list[Edit]:
    edits: list[Edit] = []
    if _MIXED_SCRIPTS.search(text) is None:  # the common case: no word mixes scripts
        return edits
    for m in _LETTER_RUN.finditer(text):
        word = m.group()
        fixed = _lookalike_word(word)
        if fixed != word:
            start = m.start()
            edits.extend(
                (start + i, start + i + 1, b)
                for i, (a, b) in enumerate(zip(word, fixed, strict=True))
                if a != b
            )
    return edits


def _punctuation(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _QUOTE_RE.finditer(text):
        char, i = m.group(), m.start()
        if char in _APOSTROPHES:
            new = "'"
        elif char in _OPEN_QUOTES:
            new = "«"
        elif char in _CLOSE_QUOTES:
            new = "»"
        else:  # a straight double quote opens after a space or an opening bracket
            before = text[i - 1] if i else " "
            new = "«" if before.isspace() or before in "([{«" else "»"
        if new != char:
            edits.append((i, i + 1, new))
    for m in _DASH_RE.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        new = "-" if before.isalnum() and after.isalnum() else "—"
        if m.group() != new:
            edits.append((i, i + 1, new))
    edits.sort()
    return edits


def _whitespace(text: str) -> list[Edit]:
    edits: list[Edit] = []
    end = len(text)
    for m in _SPACE_FIX_RE.finditer(text):
        run = m.group()
        if m.start() == 0 or m.end() == end:
            new = ""
        else:
            breaks = run.count("\n")
            new = "\n\n" if breaks >= 2 else "\n" if breaks else " "
        if new != run:
            edits.append((m.start(), m.end(), new))
    return edits


Step = Callable[[str], list[Edit]]

#: The normalisation steps in the order they run; the names are the keyword switches
#: of :func:`normalize`.
STEPS: dict[str, Step] = {
    "invisible": _invisible,
    "nfc": _nfc,
    "spaces": _spaces,
    "letters": _letters,
    "lookalikes": _lookalikes,
    "punctuation": _punctuation,
    "whitespace": _whitespace,
}


# --- offset bookkeeping -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text with, for each of its characters, where it came from.

    ``starts[i]``/``ends[i]`` give the span of the original text that produced
    character ``i`` of :attr:`text`.
    """

    text: str
    original: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalised text to the original text.

        >>> n = normalize_with_offsets("  кѳл")
        >>> n.text, n.to_original(0, 3)
        ('көл', (2, 5))
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside the normalised text")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def spans_to_original(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Map many spans at once."""
        for start, end in spans:
            yield self.to_original(start, end)


def _apply(
    text: str, edits: list[Edit], starts: list[int] | None, ends: list[int] | None
) -> tuple[str, list[int], list[int]]:
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0

    def keep(a: int, b: int) -> None:
        if a >= b:
            return
        pieces.append(text[a:b])
        if starts is None:
            new_starts.extend(range(a, b))
            new_ends.extend(range(a + 1, b + 1))
        else:
            new_starts.extend(starts[a:b])
            new_ends.extend(ends[a:b])  # type: ignore[index]

    for a, b, repl in edits:
        keep(pos, a)
        pieces.append(repl)
        if repl:
            if len(repl) == b - a:
                for i in range(a, b):
                    new_starts.append(i if starts is None else starts[i])
                    new_ends.append(i + 1 if ends is None else ends[i])
            else:
                s0 = a if starts is None else starts[a]
                e0 = b if ends is None else ends[b - 1]
                new_starts.extend([s0] * len(repl))
                new_ends.extend([e0] * len(repl))
        pos = b
    keep(pos, len(text))
    return "".join(pieces), new_starts, new_ends


_MAX_ROUNDS = 4


def _run(text: str, options: dict[str, bool], track: bool) -> Normalized | str:
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    unknown = set(options) - set(STEPS)
    if unknown:
        raise TypeError(f"unknown normalisation step(s): {', '.join(sorted(unknown))}")
    original = text
    starts: list[int] | None = None
    ends: list[int] | None = None
    for _round in range(_MAX_ROUNDS):
        # A letter replaced or composed in one round can change how a mixed-script
        # word reads (its majority script) in the next: repeat until nothing changes,
        # so that normalising a normalised text changes nothing. Ordinary text needs
        # one round (rounds after the first run only when letters were replaced).
        letters_changed = False
        for name, step in STEPS.items():
            if not options.get(name, True):
                continue
            edits = step(text)
            if not edits:
                continue
            if name in ("letters", "lookalikes"):
                letters_changed = True
            if track:
                text, starts, ends = _apply(text, edits, starts, ends)
            else:
                text = _splice(text, edits)
            if name in ("letters", "lookalikes", "punctuation") and options.get("nfc", True):
                # A replaced letter may now compose with a following mark.
                nfc_edits = _nfc(text)
                if nfc_edits:
                    if track:
                        text, starts, ends = _apply(text, nfc_edits, starts, ends)
                    else:
                        text = _splice(text, nfc_edits)
        if not letters_changed:
            break
    if not track:
        return text
    if starts is None:
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    return Normalized(text, original, tuple(starts), tuple(ends))  # type: ignore[arg-type]


def _splice(text: str, edits: list[Edit]) -> str:
    pieces: list[str] = []
    pos = 0
    for a, b, repl in edits:
        pieces.append(text[pos:a])
        pieces.append(repl)
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def normalize(text: str, **steps: bool) -> str:
    """Normalise Kyrgyz text; switch a step off with ``step=False``.

    Parameters
    ----------
    text : str
        Any string.
    **steps : bool
        ``invisible``, ``nfc``, ``spaces``, ``letters``, ``lookalikes``,
        ``punctuation``, ``whitespace`` (all on by default).

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalize("Ала‑Тоо — эл–аралык")
    'Ала-Тоо — эл-аралык'
    >>> normalize("cекторго", lookalikes=False)
    'cекторго'
    """
    return _run(text, steps, track=False)  # type: ignore[return-value]


def normalize_with_offsets(text: str, **steps: bool) -> Normalized:
    """Normalise *text* and keep, for each output character, its original span.

    Examples
    --------
    >>> n = normalize_with_offsets("Тoyota\\u00a0 кѳлү")
    >>> n.text
    'Toyota көлү'
    >>> n.original[slice(*n.to_original(7, 11))]
    'кѳлү'
    """
    return _run(text, steps, track=True)  # type: ignore[return-value]
