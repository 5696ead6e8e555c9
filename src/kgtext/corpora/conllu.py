"""CoNLL-U (Universal Dependencies) loader and gold-offset helpers.

Examples
--------
>>> import tempfile, pathlib
>>> lines = [
...     "# sent_id = 1",
...     "# text = Мектеп ачылды.",
...     "1\\tМектеп\\tмектеп\\tNOUN\\t_\\tCase=Nom\\t2\\tnsubj\\t_\\t_",
...     "2\\tачылды\\tач\\tVERB\\t_\\t_\\t0\\troot\\t_\\tSpaceAfter=No",
...     "3\\t.\\t.\\tPUNCT\\t_\\t_\\t2\\tpunct\\t_\\t_",
...     "",
... ]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mini.conllu"
>>> _ = path.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
>>> sentence = next(load_conllu(path))
>>> sentence.sent_id, [t.form for t in sentence.tokens], sentence.tokens[1].space_after
('1', ['Мектеп', 'ачылды', '.'], False)
>>> conllu_token_spans(sentence)
[(0, 6), (7, 13), (13, 14)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kgtext.corpora._io import CorpusFormatError, PathLike, check_path, iter_lines

__all__ = [
    "ConlluDocument",
    "ConlluMultiword",
    "ConlluSentence",
    "ConlluToken",
    "conllu_document",
    "conllu_token_spans",
    "load_conllu",
    "parse_feats",
    "surface_tokens",
]

_WORD_ID = re.compile(r"[1-9][0-9]*")
_RANGE_ID = re.compile(r"([1-9][0-9]*)-([1-9][0-9]*)")
_EMPTY_ID = re.compile(r"[0-9]+\.[1-9][0-9]*")


def parse_feats(value: str) -> dict[str, str]:
    """Parse a ``FEATS`` or ``MISC`` column (``A=B|C=D``) into a dict; ``_`` is empty.

    Examples
    --------
    >>> parse_feats("Case=Loc|Number=Sing")
    {'Case': 'Loc', 'Number': 'Sing'}
    >>> parse_feats("_")
    {}
    """
    if value in ("", "_"):
        return {}
    result: dict[str, str] = {}
    for item in value.split("|"):
        key, _, val = item.partition("=")
        result[key] = val
    return result


def _space_after(misc: str) -> bool:
    items = misc.split("|")
    if "SpaceAfter=No" in items:
        return False
    for item in items:
        if item.startswith("SpacesAfter="):
            return item != "SpacesAfter="
    return True


@dataclass(frozen=True, slots=True)
class ConlluToken:
    """One syntactic word of a CoNLL-U sentence (the ten columns, as written).

    ``head`` is ``None`` when the column is ``_``. ``feats`` and ``misc`` keep their
    raw text; :attr:`feats_dict` and :attr:`misc_dict` parse them.
    """

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None
    deprel: str
    deps: str
    misc: str

    @property
    def space_after(self) -> bool:
        """False when ``MISC`` says ``SpaceAfter=No`` (or an empty ``SpacesAfter``)."""
        return _space_after(self.misc)

    @property
    def feats_dict(self) -> dict[str, str]:
        """The ``FEATS`` column as a dict."""
        return parse_feats(self.feats)

    @property
    def misc_dict(self) -> dict[str, str]:
        """The ``MISC`` column as a dict."""
        return parse_feats(self.misc)


@dataclass(frozen=True, slots=True)
class ConlluMultiword:
    """A multiword-token line (``3-4  жатабы``): the surface form of words first..last."""

    first: int
    last: int
    form: str
    misc: str

    @property
    def space_after(self) -> bool:
        """False when ``MISC`` says ``SpaceAfter=No``."""
        return _space_after(self.misc)


@dataclass(frozen=True)
class ConlluSentence:
    """One CoNLL-U sentence.

    Attributes
    ----------
    sent_id, text : str or None
        From the ``# sent_id =`` and ``# text =`` comments.
    tokens : tuple of ConlluToken
        Syntactic words only; multiword ranges and empty nodes are not in this list.
    metadata : dict
        Every comment as ``key -> value`` (a comment without ``=`` maps to ``""``).
    multiword : tuple of ConlluMultiword
        The multiword-token ranges, with their surface forms.
    empty_nodes : tuple of str
        Raw lines of empty nodes (``5.1``), kept for completeness.
    line : int or None
        Line number of the sentence's first line in its file.
    """

    sent_id: str | None
    text: str | None
    tokens: tuple[ConlluToken, ...]
    metadata: dict[str, str] = field(default_factory=dict, hash=False)
    multiword: tuple[ConlluMultiword, ...] = ()
    empty_nodes: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def surface_text(self) -> str:
        """``# text`` if present, else the text rebuilt from forms and ``SpaceAfter``."""
        if self.text is not None:
            return self.text
        parts: list[str] = []
        for form, space in surface_tokens(self):
            parts.append(form + (" " if space else ""))
        return "".join(parts).rstrip(" ")


def surface_tokens(sentence: ConlluSentence) -> list[tuple[str, bool]]:
    """Return the sentence's surface tokens as ``(form, space_after)`` pairs.

    A multiword token counts once, with its surface form; the words it covers are
    left out.

    Examples
    --------
    >>> w = [ConlluToken(i, f, f, "X", "_", "_", None, "_", "_", "_")
    ...      for i, f in enumerate(["Келип", "жата", "бы"], start=1)]
    >>> s = ConlluSentence("1", "Келип жатабы", tuple(w),
    ...                    multiword=(ConlluMultiword(2, 3, "жатабы", "_"),))
    >>> surface_tokens(s)
    [('Келип', True), ('жатабы', True)]
    """
    ranges = {mw.first: mw for mw in sentence.multiword}
    result: list[tuple[str, bool]] = []
    skip_until = 0
    for token in sentence.tokens:
        if token.id <= skip_until:
            continue
        mw = ranges.get(token.id)
        if mw is not None:
            result.append((mw.form, mw.space_after))
            skip_until = mw.last
        else:
            result.append((token.form, token.space_after))
    return result


def _align(text: str, forms: list[str], where: str) -> list[tuple[int, int]]:
    """Find each form in ``text`` in order, skipping whitespace between them."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    for form in forms:
        while i < n and text[i].isspace():
            i += 1
        if text.startswith(form, i):
            spans.append((i, i + len(form)))
            i += len(form)
            continue
        # Tolerant path: the form and the text may differ in internal whitespace.
        chars = [c for c in form if not c.isspace()]
        j = i
        k = 0
        while k < len(chars) and j < n:
            if text[j] == chars[k]:
                j += 1
                k += 1
            elif text[j].isspace() and k > 0:
                j += 1
            else:
                break
        if k == len(chars) and chars:
            spans.append((i, j))
            i = j
            continue
        context = text[max(0, i - 15) : i] + "|" + text[i : i + 15]
        raise ValueError(
            f"{where}: cannot align token {form!r} to the sentence text at offset {i} "
            f"(text around it: {context!r})"
        )
    return spans


def conllu_token_spans(sentence: ConlluSentence) -> list[tuple[int, int]]:
    """Align the gold surface tokens to :attr:`ConlluSentence.surface_text`.

    Each surface token (a multiword token counts once, with its surface form) is
    looked up in the text from left to right, skipping whitespace; a form that
    differs from the text only by whitespace still aligns.

    Returns
    -------
    list of (int, int)
        Character ``(start, end)`` offsets into ``sentence.surface_text``.

    Raises
    ------
    ValueError
        If a token cannot be found where expected; the message names the sentence.
    """
    where = f"sentence {sentence.sent_id!r}"
    if sentence.line is not None:
        where += f" (line {sentence.line})"
    return _align(sentence.surface_text, [f for f, _ in surface_tokens(sentence)], where)


class ConlluDocument(NamedTuple):
    """A whole CoNLL-U file as one text with gold token and sentence offsets."""

    text: str
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def conllu_document(path: PathLike, separator: str = " ") -> ConlluDocument:
    """Join all sentences of a CoNLL-U file into one text, for boundary evaluation.

    Parameters
    ----------
    path : str or Path
        A ``.conllu`` file (optionally compressed).
    separator : str
        Put between sentences: ``" "`` (default, harder for a sentence splitter)
        or ``"\\n"``.

    Returns
    -------
    ConlluDocument
        ``(text, token_spans, sentence_spans)``; unpacks like a tuple.

    Raises
    ------
    CorpusFormatError
        On a malformed line, or when a sentence's tokens do not align to its text.
    """
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    for sentence in load_conllu(path):
        if parts:
            parts.append(separator)
            offset += len(separator)
        text = sentence.surface_text
        try:
            spans = conllu_token_spans(sentence)
        except ValueError as exc:
            raise CorpusFormatError(
                path, sentence.line, "token forms that align to '# text'", str(exc)
            ) from exc
        tokens.extend((offset + s, offset + e) for s, e in spans)
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            sentences.append((offset + lead, offset + lead + len(stripped)))
        parts.append(text)
        offset += len(text)
    return ConlluDocument("".join(parts), tokens, sentences)


def load_conllu(path: PathLike) -> Iterator[ConlluSentence]:
    """Read a CoNLL-U file sentence by sentence.

    Parameters
    ----------
    path : str or Path
        Local file; ``.gz``, ``.bz2`` and ``.xz`` are decompressed. Never downloads.

    Yields
    ------
    ConlluSentence

    Raises
    ------
    FileNotFoundError
        At call time, if the file does not exist.
    CorpusFormatError
        While iterating, on a malformed line (the message names file and line).
    """
    p = check_path(path)
    return _iter_conllu(p)


def _iter_conllu(path: Path) -> Iterator[ConlluSentence]:
    metadata: dict[str, str] = {}
    words: list[ConlluToken] = []
    multiword: list[ConlluMultiword] = []
    empty: list[str] = []
    first_line: int | None = None

    def build() -> ConlluSentence:
        return ConlluSentence(
            sent_id=metadata.get("sent_id"),
            text=metadata.get("text"),
            tokens=tuple(words),
            metadata=dict(metadata),
            multiword=tuple(multiword),
            empty_nodes=tuple(empty),
            line=first_line,
        )

    for number, line in iter_lines(path):
        if not line.strip():
            if words:
                yield build()
            elif multiword or empty:
                raise CorpusFormatError(path, number, "word lines before the blank line")
            metadata, words, multiword, empty, first_line = {}, [], [], [], None
            continue
        if first_line is None:
            first_line = number
        if line.startswith("#"):
            if words or multiword:
                raise CorpusFormatError(
                    path, number, "a blank line before the next sentence's comments", line
                )
            body = line[1:].strip()
            key, eq, value = body.partition("=")
            if eq:
                key = key.strip()
                # keep the text's own spacing: drop only the one space after "="
                metadata[key] = value.removeprefix(" ") if key == "text" else value.strip()
            else:
                metadata[body] = ""
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise CorpusFormatError(
                path, number, f"10 tab-separated columns (found {len(columns)})", line
            )
        ident = columns[0]
        if _WORD_ID.fullmatch(ident):
            expected_id = len(words) + 1
            if int(ident) != expected_id:
                raise CorpusFormatError(path, number, f"word ID {expected_id}", ident)
            head_text = columns[6]
            if head_text == "_":
                head = None
            elif head_text.isdigit():
                head = int(head_text)
            else:
                raise CorpusFormatError(path, number, "an integer HEAD or '_'", head_text)
            words.append(
                ConlluToken(int(ident), *columns[1:6], head, *columns[7:10])  # type: ignore[arg-type]
            )
        elif match := _RANGE_ID.fullmatch(ident):
            first, last = int(match.group(1)), int(match.group(2))
            if last < first or first != len(words) + 1:
                raise CorpusFormatError(
                    path, number, f"a multiword range starting at word {len(words) + 1}", ident
                )
            multiword.append(ConlluMultiword(first, last, columns[1], columns[9]))
        elif _EMPTY_ID.fullmatch(ident):
            empty.append(line)
        else:
            raise CorpusFormatError(
                path, number, "an ID like '3', '3-4' or '3.1' in column 1", ident
            )
    if words:
        yield build()
    elif multiword or empty:
        raise CorpusFormatError(path, None, "word lines after the last multiword/empty node")
