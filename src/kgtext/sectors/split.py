"""Split a text into passages: paragraphs, and long paragraphs at sentence boundaries.

A *passage* is the unit the sector annotation guide tags: a paragraph of an article,
or one turn or item of a meeting report. :func:`passages` finds them from layout
alone, with offsets into the input:

1. a blank line (only whitespace between two line breaks) always ends a paragraph;
2. a single line break ends one too when the text between blank lines is not
   hard-wrapped — one of its lines is longer than ``wrap_width`` characters, or most
   of its line breaks follow the end of a sentence, as in news dumps with one
   paragraph per line: then every line is a paragraph —, and when the line before or
   after it is a headline in capitals, or a list item (``•``, ``-``, ``1.``);
3. a paragraph longer than ``max_chars`` is cut at sentence boundaries
   (:func:`kgtext.sentenize`) into ``ceil(length / max_chars)`` pieces of about equal
   length where the sentences allow it; no piece is longer than ``max_chars`` unless
   it is a single sentence.

Leading and trailing whitespace is never part of a passage; empty paragraphs are
dropped. Pure Python: imports neither spaCy nor scikit-learn.

Examples
--------
>>> text = "Биринчи абзац.\\n\\n  Экинчи абзац. Ал уланат.\\n"
>>> [(p.text, p.start, p.end) for p in passages(text)]
[('Биринчи абзац.', 0, 14), ('Экинчи абзац. Ал уланат.', 18, 42)]
>>> all(text[p.start:p.end] == p.text for p in passages(text))
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["MAX_CHARS", "WRAP_WIDTH", "PassageSpan", "paragraphs", "passages"]

#: Paragraphs longer than this are split at sentence boundaries.
MAX_CHARS = 1200
#: A line longer than this is not a hard-wrapped line: the break after it ends a paragraph.
WRAP_WIDTH = 100

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…:;][»\"”’)\]]*$")
_LIST_MARKER = re.compile(r"[^\S\n]*(?:[•·▪◦‣*–—-]\s|\d{1,2}[.)]\s)")


@dataclass(frozen=True, slots=True)
class PassageSpan:
    """One passage: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


def _is_headline(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def _paragraphs(text: str, wrap_width: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraphs, untrimmed."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    result: list[tuple[int, int]] = []
    for start, end in blocks:
        unwrapped = _one_paragraph_per_line(text[start:end], wrap_width)
        para_start = start
        line_start = start
        while True:
            nl = text.find("\n", line_start, end)
            if nl < 0:
                break
            line = text[line_start:nl].strip()
            next_nl = text.find("\n", nl + 1, end)
            following = text[nl + 1 : next_nl if next_nl >= 0 else end]
            if (
                unwrapped
                or _is_headline(line)
                or _is_headline(following)
                or _LIST_MARKER.match(text, line_start) is not None
                or _LIST_MARKER.match(following) is not None
            ):
                result.append((para_start, nl))
                para_start = nl + 1
            line_start = nl + 1
        result.append((para_start, end))
    return result


def _one_paragraph_per_line(block: str, wrap_width: int) -> bool:
    """Whether the lines of *block* (text between blank lines) are paragraphs, as news
    dumps write them, rather than a hard-wrapped paragraph: a line is longer than
    *wrap_width*, or most line breaks come after the end of a sentence (a hard wrap
    breaks lines mid-sentence)."""
    lines = [line.strip() for line in block.split("\n")]
    lines = [line for line in lines if line]
    if any(len(line) > wrap_width for line in lines):
        return True
    # headlines and list items end their lines anyway (rule 2): they say nothing
    breaks = [
        line for line in lines[:-1] if not _is_headline(line) and _LIST_MARKER.match(line) is None
    ]
    ends = sum(1 for line in breaks if _SENTENCE_END.search(line) is not None)
    return 2 * ends > len(breaks)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at sentence boundaries into pieces of about equal length."""
    from kgtext.segment import sentenize

    sentences = [(start + s.start, start + s.end) for s in sentenize(text[start:end])]
    if len(sentences) < 2:
        return [(start, end)]
    pieces = math.ceil((end - start) / max_chars)
    target = (end - start) / pieces
    result: list[tuple[int, int]] = []
    piece_start = sentences[0][0]
    piece_end = sentences[0][1]
    for s_start, s_end in sentences[1:]:
        too_long = s_end - piece_start > max_chars
        if too_long or piece_end - piece_start >= target:
            result.append((piece_start, piece_end))
            piece_start = s_start
        piece_end = s_end
    result.append((piece_start, piece_end))
    return result


def paragraphs(text: str, *, wrap_width: int = WRAP_WIDTH) -> list[PassageSpan]:
    """The paragraphs of *text* by rules 1 and 2 (layout only, no length limit),
    trimmed, empty ones dropped, with offsets into *text*.

    >>> line = "Мектептерде жаңы окуу жылы башталды, балдар салтанаттуу линейкага чогулушту. "
    >>> [len(p.text) for p in paragraphs(line * 2 + "\\nЭкинчи абзац.\\n\\nҮчүнчү.")]
    [153, 13, 7]
    """
    result = []
    for start, end in _paragraphs(text, wrap_width):
        start, end = _trim(text, start, end)
        if start < end:
            result.append(PassageSpan(text[start:end], start, end))
    return result


def passages(
    text: str, *, max_chars: int = MAX_CHARS, wrap_width: int = WRAP_WIDTH
) -> list[PassageSpan]:
    """The passages of *text*, in order, with offsets into *text*.

    Parameters
    ----------
    text : str
        Any text; line breaks ``\\n`` (``\\r\\n`` works too).
    max_chars : int
        Paragraphs longer than this are split at sentence boundaries.
    wrap_width : int
        A line longer than this ends its paragraph at its line break.

    Returns
    -------
    list of PassageSpan
        ``text[p.start:p.end] == p.text``; increasing, non-overlapping, trimmed.

    Examples
    --------
    >>> long = "Бир сүйлөм бар. " * 100
    >>> [len(p.text) for p in passages(long, max_chars=600)]
    [543, 543, 511]
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    result: list[PassageSpan] = []
    for paragraph in paragraphs(text, wrap_width=wrap_width):
        start, end = paragraph.start, paragraph.end
        pieces = (
            [(start, end)] if end - start <= max_chars else _split_long(text, start, end, max_chars)
        )
        for p_start, p_end in pieces:
            p_start, p_end = _trim(text, p_start, p_end)
            if p_start < p_end:
                result.append(PassageSpan(text[p_start:p_end], p_start, p_end))
    return result
