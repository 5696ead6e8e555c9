"""``kgtext.tag``: split a text into passages and tag each with its sectors.

Examples
--------
>>> text = "Бала бакчаларда орун жетишпейт.\\n\\nКесиптик лицейлерге студенттер кабыл алынды."
>>> [(p.start, p.end, p.sectors) for p in tag(text)]
[(0, 31, ('preschool',)), (33, 77, ('professional',))]
>>> tag(text)[1].evidence["professional"].hits[0].term
'кесиптик лицей'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kgtext.sectors.classifier import LabelExplanation, SectorClassifier
from kgtext.sectors.split import MAX_CHARS, passages

__all__ = ["TaggedPassage", "tag"]


@dataclass(frozen=True)
class TaggedPassage:
    """One passage of the input: ``text == source[start:end]``.

    ``sectors`` are the labels over their thresholds, ``probabilities`` the
    calibrated probability of every label (raised by the whole text's, ``context``,
    unless ``context=False``: :mod:`kgtext.sectors.context`), ``evidence`` the
    explanation (:meth:`SectorClassifier.explain`) of each label in ``sectors``, on the
    passage alone.
    """

    text: str
    start: int
    end: int
    sectors: tuple[str, ...]
    probabilities: dict[str, float]
    evidence: dict[str, LabelExplanation] = field(default_factory=dict)
    context: dict[str, float] = field(default_factory=dict)


def tag(
    text: str,
    *,
    model: SectorClassifier | str | Path | None = None,
    evidence: bool = True,
    top: int = 5,
    max_chars: int = MAX_CHARS,
    context: bool = True,
) -> list[TaggedPassage]:
    """Tag every passage of *text* (see :func:`kgtext.passages`) with sectors.

    Parameters
    ----------
    text : str
    model : SectorClassifier or path, optional
        Default: the model shipped with kgtext.
    evidence : bool
        Explain each predicted label (features and lexicon hits); off is faster.
    top : int
        Features per explanation.
    max_chars : int
        Passage length limit, as in :func:`kgtext.passages`.
    context : bool
        Raise each passage's probabilities by those of the whole text (an article's
        paragraphs are about what the article is about; :mod:`kgtext.sectors.context`).
    """
    from kgtext.sectors.persist import default_model, load_model

    if model is None:
        clf = default_model()
    elif isinstance(model, SectorClassifier):
        clf = model
    else:
        clf = load_model(model)
    spans = passages(text, max_chars=max_chars)
    if not spans:
        return []
    proba = clf.predict_proba([p.text for p in spans])
    labels = [str(c) for c in clf.classes_]
    whole: dict[str, float] = {}
    if context and len(spans) > 1:
        from kgtext.sectors.context import with_context

        article = clf.predict_proba([text])[0]
        proba = with_context(proba, article, clf.thresholds_)
        whole = {label: float(a) for label, a in zip(labels, article, strict=True)}
    result = []
    for span, row in zip(spans, proba, strict=True):
        chosen = tuple(
            label for label, p, t in zip(labels, row, clf.thresholds_, strict=True) if p >= t
        )
        why: dict[str, LabelExplanation] = {}
        if evidence and chosen:
            explained = clf.explain(span.text, top=top)
            why = {label: explained[label] for label in chosen}
        result.append(
            TaggedPassage(
                span.text,
                span.start,
                span.end,
                chosen,
                {label: float(p) for label, p in zip(labels, row, strict=True)},
                why,
                whole,
            )
        )
    return result
