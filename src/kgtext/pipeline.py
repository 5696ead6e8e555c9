"""kgtext on spaCy: the tokenizer, the components and :func:`load`.

Every component is registered under a versioned name and through the
``spacy_factories`` / ``spacy_tokenizers`` entry points, so a pipeline saved with
``nlp.to_disk()`` loads again with plain ``spacy.load()`` once kgtext is installed.

Examples
--------
>>> nlp = load()
>>> doc = nlp("Бишкекте 2025-жылы ЖОЖдор ачылды. Жыйын уланат.")
>>> [t.text for t in doc]
['Бишкекте', '2025-жылы', 'ЖОЖдор', 'ачылды', '.', 'Жыйын', 'уланат', '.']
>>> [s.text for s in doc.sents]
['Бишкекте 2025-жылы ЖОЖдор ачылды.', 'Жыйын уланат.']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import LEMMA, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as _UPOS_IDS
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kgtext.segment.sentenize import sentence_decisions
from kgtext.segment.tokenize import INVISIBLE_SPACE, Token, tokenize

_INVISIBLE = str.maketrans("", "", INVISIBLE_SPACE)
#: ``doc.user_data`` key under which :class:`KgTokenizer` keeps the input text
#: (``doc.text`` rebuilds it from the tokens each time it is read).
TEXT_KEY = "kgtext.text"

__all__ = [
    "TEXT_KEY",
    "KgLemmatizer",
    "KgSentencizer",
    "KgTokenizer",
    "load",
    "make_lemmatizer",
    "make_sentencizer",
    "make_tokenizer",
    "token_morphology",
]


class KgTokenizer:
    """A spaCy tokenizer whose tokens are :func:`kgtext.tokenize`'s tokens.

    Whitespace other than one space after a token becomes a whitespace token, as
    spaCy does, so ``doc.text`` is always the input text.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return self.make_with_tokens(text)[0]

    def make_with_tokens(self, text: str) -> tuple[Doc, list[Token]]:
        """The doc of *text* and the :func:`kgtext.tokenize` tokens it was made from
        (whitespace tokens of the doc are not among them).

        >>> import kgtext
        >>> doc, tokens = KgTokenizer(kgtext.load(components=[]).vocab).make_with_tokens(
        ...     "Мектеп  жана бакча")
        >>> [t.text for t in doc], [t.text for t in tokens]
        (['Мектеп', ' ', 'жана', 'бакча'], ['Мектеп', 'жана', 'бакча'])
        """
        words: list[str] = []
        spaces: list[bool] = []
        index: list[int] = []  # position in words of each kgtext token
        pos = 0
        tokens = tokenize(text)
        for tok in tokens:
            if tok.start > pos:
                _add_gap(words, spaces, text[pos : tok.start])
            index.append(len(words))
            words.append(tok.text)
            spaces.append(False)
            pos = tok.end
        if pos < len(text):
            _add_gap(words, spaces, text[pos:])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            # kgtext's sentence starts come with the tokens (the sentencizer then has
            # nothing left to do), written as one array (Doc(sent_starts=...) converts
            # them one by one); whitespace before the first token joins the first sentence
            starts = numpy.full((len(words), 1), -1, dtype="int64")
            starts[0, 0] = 1
            for idx, verdict, _rule in sentence_decisions(text, tokens):
                if verdict == "split":
                    starts[index[idx + 1], 0] = 1
            doc.from_array([SENT_START], starts.astype("uint64"))
        doc.user_data[TEXT_KEY] = text
        return doc, tokens

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # stateless: nothing to save
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> KgTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> KgTokenizer:
        return self


def _add_gap(words: list[str], spaces: list[bool], gap: str) -> None:
    if gap[0] == " " and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


@registry.tokenizers("kgtext.tokenizer.v1")
def make_tokenizer() -> Callable[[Language], KgTokenizer]:
    """Registry function for ``[nlp.tokenizer] @tokenizers = "kgtext.tokenizer.v1"``."""

    def create(nlp: Language) -> KgTokenizer:
        return KgTokenizer(nlp.vocab)

    return create


class KgSentencizer:
    """Sets sentence starts from kgtext's sentence rules (abbreviations, quotes, speech).

    kgtext's own tokenizer already sets them while it tokenises; this component is for
    docs made by another tokenizer (it leaves a doc with sentence starts alone).
    """

    def __init__(self, nlp: Language, name: str = "sentencizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("SENT_START"):
            return doc  # kgtext's tokenizer set them already
        text = doc.text
        content = [t for t in doc if t.text.translate(_INVISIBLE).strip()]
        if not content:
            return doc
        tokens = [Token(t.text, t.idx, t.idx + len(t.text)) for t in content]
        # Set every sentence start at once: token by token, spaCy re-checks the whole
        # document each time (quadratic in its length).
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        flags[0, 0] = 1  # leading whitespace belongs to the first sentence
        for idx, verdict, _rule in sentence_decisions(text, tokens):
            if verdict == "split":
                flags[content[idx + 1].i, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> KgSentencizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> KgSentencizer:
        return self


@Language.factory("kgtext_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> KgSentencizer:
    """spaCy factory ``kgtext_sentencizer``: sentence starts from kgtext's rules."""
    return KgSentencizer(nlp, name)


class KgLemmatizer:
    """Sets ``token.lemma_`` from :func:`kgtext.lemmatize`, and ``token.pos_`` and
    ``token.morph`` where the best analysis is confident (see :func:`token_morphology`)."""

    def __init__(self, nlp: Language, name: str = "lemmatizer") -> None:
        self.name = name
        self.vocab = nlp.vocab
        # ORTH hash -> (lemma, POS id, MORPH key). Lemmas are kept as strings and added
        # to the StringStore per doc: inside ``nlp.memory_zone()`` new strings are
        # transient, so a cached hash could outlive its string. Morphology keys are
        # permanent (spaCy stores FEATS strings outside memory zones).
        self._values: dict[int, tuple[str, int, int]] = {}

    def _lookup(self, orth: int) -> tuple[str, int, int]:
        text = self.vocab.strings[orth]
        if not text.strip():  # whitespace tokens get no lemma, as spaCy leaves them
            values = ("", 0, 0)
        else:
            lemma, pos, morph = token_morphology(text)
            values = (lemma, _POS_IDS.get(pos, 0), self.vocab.morphology.add(morph) if morph else 0)
        if len(self._values) > _LEMMA_CACHE_SIZE:
            self._values.clear()
        self._values[orth] = values
        return values

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("POS") or doc.has_annotation("MORPH"):
            return self._per_token(doc)  # keep what another component set
        values = self._values
        lookup = self._lookup
        add = self.vocab.strings.add
        rows = []
        for orth in doc.to_array(ORTH).tolist():
            lemma, pos, morph = values.get(orth) or lookup(orth)
            rows.append((add(lemma) if lemma else 0, pos, morph))
        # one array write instead of three attribute writes per token
        doc.from_array([LEMMA, POS, MORPH], numpy.array(rows, dtype="uint64"))
        return doc

    def _per_token(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_space:
                continue
            lemma, pos, morph = token_morphology(token.text)
            token.lemma_ = lemma
            if pos:
                token.pos_ = pos
            if morph:
                token.set_morph(morph)
        return doc

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> KgLemmatizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> KgLemmatizer:
        return self


_LEMMA_CACHE_SIZE = 1 << 18
_POS_IDS: dict[str, int] = {name: int(i) for name, i in _UPOS_IDS.items()}

#: ``token.pos_`` is set when the readings with the best analysis's POS carry at least
#: this share of the analyser's confidence; ``token.morph`` when the best reading alone does.
POS_CONFIDENCE = 0.9


@functools.lru_cache(maxsize=1 << 17)
def token_morphology(word: str) -> tuple[str, str, str]:
    """``(lemma, pos, morph)`` of *word*; pos and morph are ``""`` when not confident.

    >>> token_morphology("мектептерибизде")[:2]
    ('мектеп', 'NOUN')
    >>> token_morphology("«")
    ('«', 'PUNCT', '')
    """
    from kgtext.morph import best_reading

    if not any(c.isalnum() for c in word):
        return word, "PUNCT", ""
    reading = best_reading(word)
    pos = reading.pos if reading.pos_confidence >= POS_CONFIDENCE else ""
    morph = reading.morph if pos and reading.confidence >= POS_CONFIDENCE else ""
    return reading.lemma, pos, morph


@Language.factory("kgtext_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> KgLemmatizer:
    """spaCy factory ``kgtext_lemmatizer``: lemmas (and unambiguous POS/morph) from kgtext."""
    return KgLemmatizer(nlp, name)


#: Components of the default pipeline, in order: (pipe name, factory name, module
#: that registers the factory). Components whose module is missing are skipped.
DEFAULT_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("sentencizer", "kgtext_sentencizer", "kgtext.pipeline"),
    ("lemmatizer", "kgtext_lemmatizer", "kgtext.pipeline"),
    ("entities", "kgtext_entities", "kgtext.entities.component"),
    ("sectors", "kgtext_sectors", "kgtext.sectors.component"),
)


def load(components: Iterable[str] | None = None, *, exclude: Iterable[str] = ()) -> Language:
    """A spaCy ``Language`` for Kyrgyz with kgtext's tokenizer and components.

    Parameters
    ----------
    components : iterable of str, optional
        Pipe names to include (default: all of :data:`DEFAULT_COMPONENTS`).
    exclude : iterable of str
        Pipe names to leave out.

    Returns
    -------
    spacy.language.Language
        ``nlp.lang == "ky"``; save it with ``nlp.to_disk`` and load it back with
        ``spacy.load``.

    Examples
    --------
    >>> load().pipe_names[:1]
    ['sentencizer']
    """
    import importlib

    wanted = None if components is None else set(components)
    excluded = set(exclude)
    nlp = spacy.blank("ky", config={"nlp": {"tokenizer": {"@tokenizers": "kgtext.tokenizer.v1"}}})
    for name, factory, module in DEFAULT_COMPONENTS:
        if (wanted is not None and name not in wanted) or name in excluded:
            continue
        importlib.import_module(module)
        nlp.add_pipe(factory, name=name)
    return nlp
