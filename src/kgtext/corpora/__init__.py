"""Corpus loaders: read annotated corpora from local files, never download.

Every ``load_*`` function takes a ``str`` or :class:`~pathlib.Path` (``.gz``,
``.bz2`` and ``.xz`` are decompressed), checks that the file exists when called,
and returns an iterator of frozen dataclass records. A malformed line raises
:class:`CorpusFormatError` (a :class:`ValueError`) naming the file, the line and
what was expected. :mod:`kgtext.corpora.registry` holds the corpora's metadata.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "ner.txt"
>>> _ = path.write_text("Бишкекте B-LOC\\nжаңы O\\nмектеп O\\nачылды O\\n. O\\n", encoding="utf-8")
>>> sentence = next(load_conll_ner(path))
>>> sentence.tags[:2]
('B-LOC', 'O')
>>> sentence.to_spans()[1]
[Span(start=0, end=8, label='LOC')]
"""

from kgtext.corpora._io import CorpusFormatError
from kgtext.corpora.conllu import (
    ConlluDocument,
    ConlluMultiword,
    ConlluSentence,
    ConlluToken,
    conllu_document,
    conllu_token_spans,
    load_conllu,
    surface_tokens,
)
from kgtext.corpora.other import SegmentationDoc, UnimorphEntry, load_segmentation, load_unimorph
from kgtext.corpora.passages import (
    KgNewsArticle,
    Passage,
    SibSentence,
    load_24kg,
    load_24kg_paragraphs,
    load_passages,
    load_sib200,
    split_labels,
)
from kgtext.corpora.spans import (
    NerSentence,
    Span,
    SpanDoc,
    load_conll_ner,
    load_jsonl_spans,
    spans_to_tags,
    to_iob2,
    tokens_to_spans,
)

__all__ = [
    "ConlluDocument",
    "ConlluMultiword",
    "ConlluSentence",
    "ConlluToken",
    "CorpusFormatError",
    "KgNewsArticle",
    "NerSentence",
    "Passage",
    "SegmentationDoc",
    "SibSentence",
    "Span",
    "SpanDoc",
    "UnimorphEntry",
    "conllu_document",
    "conllu_token_spans",
    "load_24kg",
    "load_24kg_paragraphs",
    "load_conll_ner",
    "load_conllu",
    "load_jsonl_spans",
    "load_passages",
    "load_segmentation",
    "load_sib200",
    "load_unimorph",
    "spans_to_tags",
    "split_labels",
    "surface_tokens",
    "to_iob2",
    "tokens_to_spans",
]
