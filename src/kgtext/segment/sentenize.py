"""Kyrgyz sentence splitter: ordered, named rules at each candidate boundary.

A candidate boundary follows an end mark (``. ! ? …``, a dotted abbreviation), a
line break, or a glued headline. Each rule in :data:`SENTENCE_RULES` looks at one
candidate and answers ``"split"``, ``"join"`` or ``None``; the first answer wins.
Closing quotes and brackets, and further end marks (``?.``), right after an end mark
stay with the sentence.

Examples
--------
>>> [s.text for s in sentenize("«Биз даярбыз!» — деди министр. Жыйын т.б. маселелерди карады.")]
['«Биз даярбыз!» — деди министр.', 'Жыйын т.б. маселелерди карады.']
>>> [s.text for s in sentenize("ЖЫЙЫН УЛАНУУДА26-мартта сессия өттү.")]
['ЖЫЙЫН УЛАНУУДА', '26-мартта сессия өттү.']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from kgtext.segment.data import (
    abbreviations,
    sentence_final_abbreviations,
    unit_abbreviations,
)
from kgtext.segment.tokenize import Token, tokenize

__all__ = ["SENTENCE_RULES", "Boundary", "SentenceRule", "sentence_decisions", "sentenize"]

_END_MARK = regex.compile(r"^(?:[.!?…]+|[!?][!?.]*)$")
_CLOSING = frozenset("»”’)]}›\"'")
_DASHES = frozenset("—–-")
#: Marks that only ever open a quote or bracket (a straight quote may close one).
_OPENING = frozenset("«“„‹([{")
_BULLETS = frozenset("•·▪‣◦●○■□►▶*–—-")
_INITIAL = regex.compile(r"^\p{Lu}\.$")
_NUMBER = regex.compile(r"^\d+$")
_UPPER_WORD = regex.compile(r"^\p{Lu}{2,}$")


@dataclass(frozen=True, slots=True)
class Boundary:
    """A candidate sentence boundary between ``tokens[left]`` and ``tokens[left + 1]``."""

    text: str
    tokens: list[Token]
    left: int
    end_mark: int  # index of the end mark (left may be a closing quote after it)

    @property
    def gap(self) -> str:
        """The text between the two tokens (whitespace only)."""
        return self.text[self.tokens[self.left].end : self.tokens[self.left + 1].start]

    @property
    def prev(self) -> Token:
        return self.tokens[self.end_mark]

    @property
    def next(self) -> Token:
        return self.tokens[self.left + 1]

    def after(self, k: int) -> Token | None:
        """The k-th token after the boundary (0 = the next one), or None."""
        i = self.left + 1 + k
        return self.tokens[i] if i < len(self.tokens) else None

    @property
    def is_end_mark(self) -> bool:
        return _is_end_mark(self.prev.text)


Verdict = str | None


@dataclass(frozen=True, slots=True)
class SentenceRule:
    """A named rule: looks at one candidate boundary and answers split, join or None."""

    name: str
    decide: Callable[[Boundary], Verdict]
    description: str


#: token text -> whether it is an end mark (:func:`_is_end_mark`), for the boundary scan
_MARK_CACHE: dict[str, bool] = {}
_MARK_CACHE_SIZE = 1 << 16


def _is_end_mark(tok: str) -> bool:
    return bool(_END_MARK.match(tok)) or (tok.endswith(".") and len(tok) > 1 and tok[-2] != ".")


def _starts_lower(tok: Token) -> bool:
    return tok.text[:1].isalpha() and tok.text[:1].islower()


def blank_line(b: Boundary) -> Verdict:
    """A blank line (two or more line breaks) always ends a sentence."""
    return "split" if b.gap.count("\n") >= 2 else None


def bullet_next(b: Boundary) -> Verdict:
    """A line starting with a bullet or a list number starts a new sentence."""
    if "\n" not in b.gap:
        return None
    nxt = b.next.text
    if nxt in _BULLETS:
        return "split"
    after = b.after(1)
    if _NUMBER.match(nxt) and after is not None and after.text in {".", ")"}:
        return "split"
    return None


def glued_headline(b: Boundary) -> Verdict:
    """An all-caps headline glued onto a word (no space between) ends a sentence."""
    if b.gap == "" and b.left == b.end_mark:
        prev = b.prev.text
        first = b.next.text[:1]
        if (
            len(prev) >= 4
            and _UPPER_WORD.match(prev)
            and (first.isdigit() or first.isupper() or first in _OPENING)
        ):
            return "split"
    return None


def broken_line(b: Boundary) -> Verdict:
    """A line break inside a sentence (no end mark, next line in lower case) joins."""
    if "\n" in b.gap and not b.is_end_mark and _starts_lower(b.next):
        return "join"
    return None


def line_break(b: Boundary) -> Verdict:
    """A line that ends without an end mark (a headline, a list item) is a sentence."""
    if "\n" in b.gap and not b.is_end_mark:
        return "split"
    return None


def not_end_mark(b: Boundary) -> Verdict:
    """No end mark, no line break: no boundary."""
    return None if b.is_end_mark else "join"


def punctuation_follows(b: Boundary) -> Verdict:
    """A comma, semicolon or colon after the mark continues the sentence (``т.б., ...``)."""
    return "join" if b.next.text in {",", ";", ":", ")", "]"} else None


def reported_speech(b: Boundary) -> Verdict:
    """``… — деди ал.``: a dash and a lower-case word after the mark continue the sentence."""
    if b.next.text in _DASHES:
        after = b.after(1)
        if after is not None and _starts_lower(after):
            return "join"
    return None


def next_lowercase(b: Boundary) -> Verdict:
    """A sentence never starts in lower case."""
    return "join" if _starts_lower(b.next) else None


def initial(b: Boundary) -> Verdict:
    """An initial (``Н.``) is followed by a name, not a new sentence."""
    return "join" if _INITIAL.match(b.prev.text) else None


def abbreviation(b: Boundary) -> Verdict:
    """Abbreviations that end no sentence (``көч.``, ``проф.``) join; ``т.б.`` may end one;
    a quantity (``млн.``) before an acronym (``АКШ доллары``) joins."""
    tok = b.prev.text
    if tok in abbreviations() or _dotted(tok):
        if tok in unit_abbreviations() and _UPPER_WORD.match(b.next.text):
            return "join"
        return "split" if _ends_sentence(tok) else "join"
    return None


def _dotted(tok: str) -> bool:
    return tok.count(".") >= 2 and tok.endswith(".") and ".." not in tok


def _ends_sentence(tok: str) -> bool:
    final = sentence_final_abbreviations()
    return (
        tok in final
        or any(tok.endswith("-" + a) for a in final)
        or (_dotted(tok) and tok not in abbreviations())
    )


def list_number(b: Boundary) -> Verdict:
    """``1.`` at the start of a line is a list number, not a sentence."""
    if b.prev.text == "." and b.end_mark > 0:
        num = b.tokens[b.end_mark - 1]
        if _NUMBER.match(num.text) and num.end == b.prev.start:
            line_start = b.text.rfind("\n", 0, num.start) + 1
            if b.text[line_start : num.start].strip() == "":
                return "join"
    return None


def end_mark(b: Boundary) -> Verdict:
    """Any other end mark ends the sentence."""
    return "split"


#: The rules, in the order they are tried.
SENTENCE_RULES: tuple[SentenceRule, ...] = tuple(
    SentenceRule(f.__name__, f, (f.__doc__ or "").strip())
    for f in (
        blank_line,
        bullet_next,
        glued_headline,
        broken_line,
        line_break,
        not_end_mark,
        punctuation_follows,
        reported_speech,
        next_lowercase,
        initial,
        list_number,
        abbreviation,
        end_mark,
    )
)


def sentence_decisions(text: str, tokens: list[Token]) -> list[tuple[int, str, str]]:
    """Decisions at every candidate boundary: ``(token index, verdict, rule name)``.

    The index is that of the last token before the boundary.
    """
    out: list[tuple[int, str, str]] = []
    n = len(tokens)
    i = 0
    breaks = "\n" in text  # most passages have no line break: no gap to look at
    marks = _MARK_CACHE
    while i < n - 1:
        tok = tokens[i]
        mark_here = marks.get(tok.text)
        if mark_here is None:
            if len(marks) > _MARK_CACHE_SIZE:
                marks.clear()
            mark_here = marks[tok.text] = _is_end_mark(tok.text)
        if not mark_here:
            start = tokens[i + 1].start
            if not (
                (breaks and "\n" in text[tok.end : start])
                or (tok.end == start and _UPPER_WORD.match(tok.text) is not None)
            ):
                i += 1
                continue
        mark = i
        # closing quotes and brackets right after the mark stay with the sentence
        j = i
        if _is_end_mark(tok.text):
            while (
                j + 1 < n
                and (tokens[j + 1].text in _CLOSING or _END_MARK.match(tokens[j + 1].text))
                and tokens[j + 1].start == tokens[j].end
            ):
                j += 1
        if j == n - 1:
            break
        b = Boundary(text, tokens, j, mark)
        for rule in SENTENCE_RULES:
            verdict = rule.decide(b)
            if verdict is not None:
                out.append((j, verdict, rule.name))
                break
        i = j + 1
    return out


def sentenize(text: str) -> list[Token]:
    """Split *text* into sentences, as records with offsets into *text*.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    list of Token
        One record per sentence, from its first token to its last.

    Examples
    --------
    >>> [s.text for s in sentenize("Н.Эсеналиева сүйлөдү. 2025-ж. программа кабыл алынды")]
    ['Н.Эсеналиева сүйлөдү.', '2025-ж. программа кабыл алынды']
    """
    tokens = tokenize(text)
    if not tokens:
        return []
    out: list[Token] = []
    first = 0
    for idx, verdict, _rule in sentence_decisions(text, tokens):
        if verdict == "split":
            start, end = tokens[first].start, tokens[idx].end
            out.append(Token(text[start:end], start, end))
            first = idx + 1
    start, end = tokens[first].start, tokens[-1].end
    out.append(Token(text[start:end], start, end))
    return out
