"""spaCy component ``kgtext_sectors``: education-sector labels for a whole doc.

The doc is treated as **one passage**: the model sees ``doc.text`` whole, as it saw
one paragraph at training time. To tag an article paragraph by paragraph, use
:func:`kgtext.tag` (or run the pipeline on each of :func:`kgtext.passages`).

Sets

* ``doc._.sectors`` — tuple of the labels whose probability reaches their threshold,
  in the model's label order;
* ``doc._.sector_probabilities`` — ``{label: calibrated probability}``;
* ``doc.cats`` — ``{label: score}``. With ``scores="probability"`` (the default) the
  score is the calibrated probability of the label (Platt scaling on out-of-fold
  scores), the same number as in ``doc._.sector_probabilities``; the decision is
  ``probability >= threshold`` with each label's own threshold
  (:attr:`SectorTagger.thresholds`), so ``doc.cats[label] >= 0.5`` is **not** the
  decision. ``kgtext evaluate sectors`` run on kgtext itself uses those thresholds.
  With ``scores="decision"`` the probability is moved on the logit scale so that each
  threshold lands on 0.5, ``expit(logit(p) - logit(threshold))`` (monotone in the
  probability, so rankings are unchanged), for tools that cut ``doc.cats`` at 0.5.

Config: ``model`` (a model directory written by ``kgtext train``; default ``null``:
the model shipped with kgtext) and ``scores``. ``nlp.to_disk`` saves the model next
to the pipeline, so the saved pipeline does not depend on the shipped one.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("ky")
>>> _ = nlp.add_pipe("kgtext_sectors")
>>> doc = nlp("Бала бакчаларда орун жетишпейт, кезекте 500 бала турат.")
>>> doc._.sectors
('preschool',)
>>> sectors = nlp.get_pipe("kgtext_sectors")
>>> doc.cats["preschool"] >= sectors.thresholds["preschool"]
True
>>> doc.cats == doc._.sector_probabilities
True
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:  # pragma: no cover
    from kgtext.sectors.classifier import SectorClassifier
    from kgtext.sectors.inference import CompiledModel

# The component predicts with a CompiledModel (numpy only): scikit-learn and scipy are
# never imported by a pipeline, only by training. A SectorClassifier assigned to
# ``pipe.model`` works too (it is saved with kgtext.sectors.persist.save_model).


def default_model() -> CompiledModel:
    from kgtext.sectors.persist import default_compiled

    return default_compiled()


def load_model(path: str | Path) -> CompiledModel:
    from kgtext.sectors.persist import load_compiled

    return load_compiled(path)


def save_model(model: SectorClassifier | CompiledModel, path: str | Path) -> None:
    from kgtext.sectors.inference import CompiledModel

    if isinstance(model, CompiledModel):
        model.to_disk(path)
        return
    from kgtext.sectors.persist import save_model as save

    save(model, path, getattr(model, "training_", None))


def doc_analysis(doc: Doc) -> tuple[str, tuple[Any, ...]]:
    """``(normalised text, words)`` of a doc for the sector features
    (:func:`kgtext.sectors.lexicon.analysed`). When the doc's text is marked as already
    normalised (``doc.user_data[NORMALIZED_KEY]``, set by the batch tagger, which
    normalises before the pipeline), the words come from the doc's own tokens;
    otherwise the text is normalised and tokenised again, as at training time.

    >>> import kgtext
    >>> from kgtext.sectors.lexicon import analysed
    >>> nlp = kgtext.load(components=[])
    >>> doc = nlp.make_doc("Мектептерде окуучулар, 9-класстар.")
    >>> doc.user_data[NORMALIZED_KEY] = True
    >>> doc_analysis(doc) == analysed(doc.text)
    True
    """
    from kgtext.pipeline import TEXT_KEY
    from kgtext.sectors.lexicon import analysed, words_of_tokens

    text = doc_text(doc)
    if doc.user_data.get(NORMALIZED_KEY) is True:
        tokens = doc.user_data.get(TOKENS_KEY)
        if tokens is not None and text is doc.user_data.get(TEXT_KEY):
            return text, words_of_tokens(text, [t[:2] for t in tokens])
        strings = doc.vocab.strings
        tokens = [(strings[orth], idx) for orth, idx in doc.to_array([ORTH, IDX]).tolist()]
        return text, words_of_tokens(text, tokens)
    return analysed(text)


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it when kgtext's tokenizer kept the input text.

    >>> import kgtext
    >>> doc = kgtext.load(components=[])("Мектеп  жана бакча ")
    >>> doc_text(doc) == doc.text
    True
    """
    from kgtext.pipeline import TEXT_KEY

    text = doc.user_data.get(TEXT_KEY)
    if type(text) is str and len(doc):
        last = doc[-1]
        if last.idx + len(last.text_with_ws) == len(text):
            return text
    return doc.text


__all__ = [
    "NORMALIZED_KEY",
    "PARTS_KEY",
    "SCORES",
    "TOKENS_KEY",
    "SectorTagger",
    "decision_scores",
    "doc_analysis",
    "doc_text",
    "make_sectors",
]

SCORES = ("decision", "probability")
#: ``doc.user_data`` flag: the doc's text is already :func:`kgtext.normalize`-d.
NORMALIZED_KEY = "kgtext.normalized"
#: ``doc.user_data`` key where the pipe leaves a flagged doc's feature parts
#: (:meth:`CompiledModel.parts`), for the batch tagger's article context
#: (:mod:`kgtext.sectors.context`).
PARTS_KEY = "kgtext.sector_parts"
#: ``doc.user_data`` key of the :func:`kgtext.tokenize` tokens a flagged doc was made
#: from (:meth:`kgtext.pipeline.KgTokenizer.make_with_tokens`), set with
#: :data:`NORMALIZED_KEY` by the batch tagger: the sector words are read from them.
TOKENS_KEY = "kgtext.tokens"


def _register_extensions() -> None:
    if not Doc.has_extension("sectors"):
        Doc.set_extension("sectors", default=())
    if not Doc.has_extension("sector_probabilities"):
        Doc.set_extension("sector_probabilities", default=None)


def decision_scores(proba: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """``expit(logit(p) - logit(t))``: probabilities moved so that each threshold is 0.5.

    >>> decision_scores(np.array([[0.3, 0.3]]), np.array([0.3, 0.6])).round(3).tolist()
    [[0.5, 0.222]]
    """
    from kgtext.sectors.context import to_decision_scale

    return to_decision_scale(proba, thresholds)


class SectorTagger:
    """The ``kgtext_sectors`` pipe: see the module documentation."""

    def __init__(
        self,
        nlp: Language,
        name: str = "sectors",
        model: str | None = None,
        scores: str = "probability",
    ) -> None:
        if scores not in SCORES:
            raise ValueError(f"scores must be one of {SCORES}, got {scores!r}")
        _register_extensions()
        self.name = name
        self.scores = scores
        self.model: CompiledModel | SectorClassifier = (
            default_model() if model is None else load_model(model)
        )

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.model.classes_)

    @property
    def thresholds(self) -> dict[str, float]:
        """``{label: threshold}``: a label is predicted when its probability reaches it."""
        return {
            label: float(t) for label, t in zip(self.labels, self.model.thresholds_, strict=True)
        }

    def _set(self, doc: Doc, proba: np.ndarray) -> Doc:
        labels = self.labels
        thresholds = self.model.thresholds_
        shown = decision_scores(proba, thresholds) if self.scores == "decision" else proba
        doc.cats = {label: float(s) for label, s in zip(labels, shown, strict=True)}
        doc._.sector_probabilities = {
            label: float(p) for label, p in zip(labels, proba, strict=True)
        }
        doc._.sectors = tuple(
            label for label, p, t in zip(labels, proba, thresholds, strict=True) if p >= t
        )
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return next(self._batch([doc]))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]) -> Iterator[Doc]:
        from kgtext.sectors.inference import CompiledModel

        if isinstance(self.model, CompiledModel):
            parts = [self.model.parts(doc_analysis(d)) for d in docs]
            for doc, part in zip(docs, parts, strict=True):
                if doc.user_data.get(NORMALIZED_KEY) is True:
                    doc.user_data[PARTS_KEY] = part  # for the tagger's article context
            proba = self.model.predict_proba_parts(parts)
        else:
            proba = self.model.predict_proba([doc_text(d) for d in docs])
        for doc, row in zip(docs, proba, strict=True):
            yield self._set(doc, row)

    # ------------------------------------------------------------ persistence

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        save_model(self.model, path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SectorTagger:
        self.model = load_model(path)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        from kgtext.sectors.persist import ARRAYS_FILE, MODEL_FILE

        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp)
            files = {n: (Path(tmp) / n).read_bytes() for n in (MODEL_FILE, ARRAYS_FILE)}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SectorTagger:
        import srsly

        from kgtext.sectors.persist import ARRAYS_FILE, MODEL_FILE

        files: dict[str, Any] = srsly.msgpack_loads(data)
        with tempfile.TemporaryDirectory() as tmp:
            for n in (MODEL_FILE, ARRAYS_FILE):
                (Path(tmp) / n).write_bytes(files[n])
            self.model = load_model(tmp)
        return self


@Language.factory(
    "kgtext_sectors",
    default_config={"model": None, "scores": "probability"},
)
def make_sectors(nlp: Language, name: str, model: str | None, scores: str) -> SectorTagger:
    """spaCy factory ``kgtext_sectors``: ``doc.cats`` and ``doc._.sectors`` per doc."""
    return SectorTagger(nlp, name, model, scores)
