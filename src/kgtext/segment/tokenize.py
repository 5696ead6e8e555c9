"""Kyrgyz tokeniser: ordered, named token rules over the input text.

A token is the longest match of the first rule (in :data:`TOKEN_RULES` order) that
matches where the previous token ended, whitespace skipped. After that, one repair
rule, :func:`split_glued_headline`, splits a scraped all-caps headline glued onto
the next word (``УЛАНУУДА26-мартта`` → ``УЛАНУУДА`` + ``26-мартта``).

Tokens point into the input: ``text[t.start:t.end] == t.text``. A token that joins
a number or an acronym with a Kyrgyz suffix (``2025-жылы``, ``22,2%га``, ``ЖОЖдор``)
keeps the suffix boundary in :attr:`Token.suffix_start`.

Examples
--------
>>> [t.text for t in tokenize("2025-жылы ЖОЖдор 22,2%га өстү.")]
['2025-жылы', 'ЖОЖдор', '22,2%га', 'өстү', '.']
>>> tokenize("Ала-Тоо")[0]
Token(text='Ала-Тоо', start=0, end=7)
>>> tokenize("ЖОЖдор")[0].split_suffix()
('ЖОЖ', 'дор')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import accumulate, repeat
from typing import NamedTuple

import regex

from kgtext.alphabet import KYRGYZ_UPPER, VOWELS
from kgtext.segment.data import abbreviations, acronym_suffixes

__all__ = [
    "Token",
    "TokenRule",
    "split_glued_headline",
    "token_rule_names",
    "token_rules",
    "tokenize",
    "tokenize_with_rules",
    "ud_tokens",
]


class Token(NamedTuple):
    """A token (or a sentence): its text and ``[start, end)`` offsets into the input."""

    text: str
    start: int
    end: int

    @property
    def suffix_start(self) -> int | None:
        """Offset (into the input) where a suffix glued to a number or acronym starts.

        >>> tokenize("Бишкекте 26-мартта")[1].suffix_start
        12
        >>> tokenize("мектеп")[0].suffix_start is None
        True
        """
        cut = _suffix_cut(self.text)
        return None if cut is None else self.start + cut

    def split_suffix(self) -> tuple[str, str]:
        """Split the token into stem and glued suffix (``('', '')``-free: suffix may be '').

        >>> tokenize("80%га")[0].split_suffix()
        ('80%', 'га')
        >>> tokenize("2025-жылы")[0].split_suffix()
        ('2025-', 'жылы')
        """
        cut = _suffix_cut(self.text)
        if cut is None:
            return self.text, ""
        return self.text[:cut], self.text[cut:]


@dataclass(frozen=True, slots=True)
class TokenRule:
    """One alternative of the token grammar: a name, a regex, and a real example."""

    name: str
    pattern: str
    description: str
    example: str


_LET = r"[^\W\d_]"
_UP = "[A-Z" + KYRGYZ_UPPER + "ÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜІЇЄЎҚҒҲӘ]"
#: Invisible characters that separate tokens like a space (zero-width space, word
#: joiner, zero-width no-break space / BOM); the normaliser removes them.
INVISIBLE_SPACE = "\u200b\u2060\ufeff"
#: Combining marks that may follow a character (after NFC they are rare).
_MARKS = "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_CYR_UP = "[" + KYRGYZ_UPPER + "]"
_CYR_LOW = "[абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя]"


@functools.cache
def _abbreviation_pattern() -> str:
    abbrevs = sorted(abbreviations(), key=len, reverse=True)
    return "|".join(regex.escape(a) for a in abbrevs)


@functools.cache
def token_rules() -> tuple[TokenRule, ...]:
    """The ordered token rules (built on first use from ``data/abbreviations.tsv``)."""
    abbr = _abbreviation_pattern()
    number_core = r"№?\d+(?:[.,:/]\d+)*(?:-\d+(?:[.,:/]\d+)*)*"
    return (
        TokenRule(
            "url",
            r"(?:https?://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]'…]"
            r"|[^\W_][\w-]*(?:\.[\w-]+)*\.(?:kg|kz|ru|uz|tj|com|org|net|gov|edu|info|io|tv|"
            r"ua|de|uk|eu|int|me|su)(?!\w)(?:/[^\s«»\"]*[^\s«»\".,;:!?)\]…])?",
            "web addresses and bare domains",
            "24.kg, www.edu.gov.kg",
        ),
        TokenRule("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "e-mail addresses", "info@edu.kg"),
        TokenRule("hashtag", r"[#@]" + _LET + r"\w*", "hashtags and mentions", "#билим"),
        TokenRule(
            "date",
            r"\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)(?:-?" + _LET + r"+)?",
            "numeric dates, with a glued suffix",
            "26.02.2025",
        ),
        TokenRule(
            "number",
            number_core
            + r"[%‰°]?(?:-?(?:(?:"
            + abbr
            + r")(?!"
            + _LET
            + r")|"
            + _LET
            + r"+(?:-"
            + _LET
            + r"+)*)|-(?=\s))?",
            "numbers, decimals, times, ranges and percentages, with a glued suffix",
            "2025-жылы, 22,2%га, 12:00гө, 1,5",
        ),
        TokenRule(
            "abbreviation",
            r"(?:(?:" + abbr + r")|(?:" + _CYR_LOW + r"{1,3}\.){2,})(?!" + _LET + ")",
            "abbreviations written with dots (data/abbreviations.tsv, or any run of "
            "short lower-case dotted pieces)",
            "ж.б.у.с., т.б.",
        ),
        TokenRule(
            "initial",
            _UP + r"\.(?=[ \u00a0]?" + _UP + r")",
            "an initial before a name",
            "Н.Эсеналиева",
        ),
        TokenRule(
            "word",
            _LET
            + r"\w*(?:(?:-|\u00ad|['’ʼ](?="
            + _LET
            + r"))\w+)*"
            + r"(?:-(?=[ \u00a0]+"
            + _LET
            + r"))?",
            "words, hyphenated compounds and acronyms with suffixes",
            "Ала-Тоо, эл-аралык, ЖОЖдор, COVID-19",
        ),
        TokenRule("punct_run", r"\.{2,}|…+|[!?]+|-{2,}", "runs of end marks", "...  ?!"),
        TokenRule(
            "other", r"[^\s" + INVISIBLE_SPACE + "]" + _MARKS + "*", "any other character", "«"
        ),
    )


#: Fast paths tried before the rules: each matches only where the first rule that
#: would match gives the very same token (a plain word or integer followed by
#: nothing that could extend it, a mark that starts no longer token). They make the
#: tokeniser fast without changing what it does; ``explain`` reports them under the
#: rule they stand for.
@functools.cache
def _fast_paths() -> tuple[tuple[str, str], ...]:
    # A word longer than every one-piece abbreviation, before a final dot.
    longest = max(len(a) for a in abbreviations() if a.count(".") == 1)
    return (
        ("word", _LET + r"++(?![\w.@'’ʼ\-\u00ad\u0300-\u036f\u0483-\u0489]|://)"),
        ("word", _LET + f"{{{longest}}}" + _LET + r"*+(?=\.(?:\s|$|[»”\")]))"),
        ("number", r"\d++(?![\w.,:/%‰°\-])"),
        ("other", r"[,;:«»“”„()\[\]{}\"](?!" + _MARKS + ")"),
        ("other", r"\.(?![.\u0300-\u036f])"),
    )


def token_rule_names() -> tuple[str, ...]:
    """Names of the token rules, in order."""
    return tuple(rule.name for rule in token_rules())


@functools.cache
def _master(fast: bool = True) -> re.Pattern[str]:
    """The token grammar as one regex; ``fast=False`` leaves out the fast paths."""
    paths = _fast_paths() if fast else ()
    alternatives = [f"(?P<{name}__fast{i}>{pattern})" for i, (name, pattern) in enumerate(paths)]
    alternatives += [f"(?P<{r.name}>{r.pattern})" for r in token_rules()]
    return re.compile("|".join(alternatives))


@functools.cache
def _splitter() -> re.Pattern[str]:
    # The same grammar for re.split, with two groups: the whitespace before a token and
    # the token. Split pieces come in threes (nothing, whitespace, token), so offsets
    # are running sums of their lengths. Eating the whitespace inside the match spares
    # the engine a failed try of every rule at every space: four times faster.
    grammar = re.sub(r"\(\?P<\w+>", "(?:", _master().pattern)
    return re.compile(r"([\s" + INVISIBLE_SPACE + r"]*+)(" + grammar + ")")


def _rule_name(group: str | None) -> str:
    return (group or "other").split("__", 1)[0]


@functools.cache
def _glued_candidate() -> regex.Pattern[str]:
    # Start only at the start of a capital run and never backtrack into it, so a long
    # run of capitals costs linear time.
    return regex.compile(r"(?<!" + _CYR_UP + ")" + _CYR_UP + r"{4,}+(?:\p{Ll}|\d)")


_VOWELS_UP = frozenset(v.upper() for v in VOWELS)
#: The longest all-caps acronym that takes a lower-case suffix (ЮНИСЕФтин, ЮНЕСКОнун).
MAX_ACRONYM = 6


def split_glued_headline(word: str) -> int | None:
    """Where to split an all-caps headline glued onto the next word, or None.

    The all-caps part must look like a word (four or more letters, two or more
    vowels, so not an acronym); the glued part must start with a digit, or with a
    capital followed by lower-case letters that are not a suffix an acronym takes
    (``ЮНИСЕФтин`` stays whole). A capital run of more than
    :data:`MAX_ACRONYM` letters is never an acronym, so there even a suffix-like
    tail is a glued word (``ӨЗГӨРДҮАнын`` → ``ӨЗГӨРДҮ`` + ``Анын``).

    >>> split_glued_headline("УЛАНУУДА26-мартта")
    8
    >>> split_glued_headline("УЛАНУУДАПрограмманы")
    8
    >>> split_glued_headline("ЮНИСЕФтин") is None
    True
    """
    i = 0
    while i < len(word) and word[i] in KYRGYZ_UPPER:
        i += 1
    if i == len(word) or i < 4:
        return None
    if word[i].isdigit():
        cut = i
    else:
        cut = i - 1  # the last capital starts the glued word
        tail_end = i
        while tail_end < len(word) and word[tail_end].isalpha() and word[tail_end].islower():
            tail_end += 1
        if i <= MAX_ACRONYM and word[i:tail_end].lower() in acronym_suffixes():
            return None
    head = word[:cut]
    if len(head) < 4 or sum(1 for c in head if c in _VOWELS_UP) < 2:
        return None
    return cut


def _suffix_cut(text: str) -> int | None:
    m = _SUFFIX_RE.match(text)
    if m is None:
        return None
    return m.end("stem")


_SUFFIX_RE = regex.compile(
    r"(?P<stem>(?:№?\d+(?:[.,:/]\d+)*(?:-\d+(?:[.,:/]\d+)*)*[%‰°]?-?)|\p{Lu}{2,}|\p{Lu}\p{Lu}?\d*)"
    r"(?=\p{Ll})"
)


def tokenize(text: str) -> list[Token]:
    """Split *text* into tokens with offsets into *text*.

    Parameters
    ----------
    text : str
        Any string; it is not modified (normalise first with
        :func:`kgtext.normalize` for the best results, mapping offsets back with
        :func:`kgtext.normalize_with_offsets`).

    Returns
    -------
    list of Token
        Increasing, non-overlapping, with only whitespace between them.

    Examples
    --------
    >>> [t.text for t in tokenize("Н.Эсеналиева «Алтын Казык» ж.б. УЛАНУУДА26-мартта")]
    ['Н.', 'Эсеналиева', '«', 'Алтын', 'Казык', '»', 'ж.б.', 'УЛАНУУДА', '26-мартта']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() takes a str, not {type(text).__name__}")
    # Trailing whitespace is left out: the split pattern would rescan it from every
    # position (quadratic on a long run of spaces).
    body = text.rstrip()
    while body and body[-1] in INVISIBLE_SPACE:
        body = body[:-1].rstrip()
    parts = _splitter().split(body)
    offsets = list(accumulate(map(len, parts), initial=0))
    words = parts[2::3]
    tokens = list(
        map(_new, repeat(Token, len(words)), zip(words, offsets[2::3], offsets[3::3], strict=True))
    )
    if _glued_candidate().search(text) is not None:
        tokens = _repair_glued(tokens, text)
    return tokens


_new = tuple.__new__


def _repair_glued(tokens: list[Token], text: str) -> list[Token]:
    out: list[Token] = []
    candidate = _glued_candidate()
    master = _master()
    for tok in tokens:
        if candidate.search(tok.text) is None:
            out.append(tok)
            continue
        cut = split_glued_headline(tok.text)
        if cut is None:
            out.append(tok)
            continue
        out.append(Token(tok.text[:cut], tok.start, tok.start + cut))
        rest_start = tok.start + cut
        for m in master.finditer(text, rest_start, tok.end):
            out.append(Token(m.group(), m.start(), m.end()))
    return out


def tokenize_with_rules(text: str) -> list[tuple[Token, str]]:
    """Tokens with the name of the rule that made each (for :func:`explain`).

    >>> [(t.text, r) for t, r in tokenize_with_rules("УЛАНУУДАПрограмманы 5%")]
    [('УЛАНУУДА', 'glued_headline'), ('Программаны', 'word'), ('5%', 'number')]
    """
    master = _master()
    out: list[tuple[Token, str]] = []
    for m in master.finditer(text):
        tok = Token(m.group(), m.start(), m.end())
        rule = _rule_name(m.lastgroup)
        cut = split_glued_headline(tok.text) if rule == "word" else None
        if cut is None:
            out.append((tok, rule))
            continue
        out.append((Token(tok.text[:cut], tok.start, tok.start + cut), "glued_headline"))
        for m2 in master.finditer(text, tok.start + cut, tok.end):
            out.append((Token(m2.group(), m2.start(), m2.end()), _rule_name(m2.lastgroup)))
    return out


_UD_PIECES = re.compile(
    r"\d+(?=,\d)|,\d+|[%‰°]|\d+-(?=[^\W\d_])|[^\W\d_][\w-]*|\S+?(?=,\d|[%‰°]|$)"
)


def ud_tokens(text: str) -> list[Token]:
    """Tokens split the way UD_Kyrgyz-KTMU splits numbers, for comparison with UD data.

    kgtext keeps a number and its glued suffix together (``2030-жылга``, ``22,2%га``);
    UD_Kyrgyz-KTMU writes ``2030-`` + ``жылга`` and ``22`` + ``,2`` + ``%`` + ``га``.
    This view applies those splits to number tokens and leaves every other token alone
    (see ``docs/tokenization.md``).

    >>> [t.text for t in ud_tokens("2030-жылга 22,2%га 1,5 млрд")]
    ['2030-', 'жылга', '22', ',2', '%', 'га', '1', ',5', 'млрд']
    """
    out: list[Token] = []
    for tok in tokenize(text):
        if not tok.text[:1].isdigit() or _UD_SPLITTABLE.search(tok.text) is None:
            out.append(tok)
            continue
        for m in _UD_PIECES.finditer(tok.text):
            out.append(Token(m.group(), tok.start + m.start(), tok.start + m.end()))
    return out


_UD_SPLITTABLE = re.compile(r"\d,\d|[%‰°]|\d-[^\W\d_]")
