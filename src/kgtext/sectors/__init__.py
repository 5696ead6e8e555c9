"""Education-sector tagging of passages: rules (a lexicon) + scikit-learn.

* :func:`passages` — split a text into paragraphs / passages with offsets;
* :class:`Lexicon`, :func:`default_lexicon` — the rule layer, hits with offsets;
* :class:`SectorClassifier` — a trainable multi-label estimator for any label set;
  :class:`RuleClassifier` — the lexicon alone, same interface;
* :func:`save_model`, :func:`load_model`, :class:`ModelError` — persistence without
  pickle;
* :func:`tag` — passages of a text with sectors, probabilities and evidence;
* the spaCy factory ``kgtext_sectors`` (:mod:`kgtext.sectors.component`).

Attributes are imported lazily: ``kgtext.sectors.split`` does not load
scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kgtext.sectors.classifier import (  # noqa: F401
        LabelExplanation,
        RuleClassifier,
        SectorClassifier,
    )
    from kgtext.sectors.lexicon import SECTORS, Hit, Lexicon, default_lexicon  # noqa: F401
    from kgtext.sectors.persist import ModelError, load_model, save_model  # noqa: F401
    from kgtext.sectors.split import PassageSpan, passages  # noqa: F401
    from kgtext.sectors.tagging import TaggedPassage, tag  # noqa: F401

_EXPORTS: dict[str, str] = {
    "SECTORS": "kgtext.sectors.lexicon",
    "Hit": "kgtext.sectors.lexicon",
    "Lexicon": "kgtext.sectors.lexicon",
    "default_lexicon": "kgtext.sectors.lexicon",
    "PassageSpan": "kgtext.sectors.split",
    "passages": "kgtext.sectors.split",
    "LabelExplanation": "kgtext.sectors.classifier",
    "RuleClassifier": "kgtext.sectors.classifier",
    "SectorClassifier": "kgtext.sectors.classifier",
    "ModelError": "kgtext.sectors.persist",
    "load_model": "kgtext.sectors.persist",
    "save_model": "kgtext.sectors.persist",
    "TaggedPassage": "kgtext.sectors.tagging",
    "tag": "kgtext.sectors.tagging",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kgtext.sectors' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
