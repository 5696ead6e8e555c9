"""kgtext: Kyrgyz text processing — normalise, tokenise, lemmatise, find entities, tag sectors.

The public face of the package; everything is defined in submodules and imported
lazily, so ``import kgtext`` is cheap and pulls in neither spaCy nor scikit-learn.

Examples
--------
>>> import kgtext
>>> kgtext.normalize("Бишкекте\\u00a0мeктeп")
'Бишкекте мектеп'
>>> [t.text for t in kgtext.tokenize("ЖОЖдордо 2025-жылы")]
['ЖОЖдордо', '2025-жылы']
>>> [s.text for s in kgtext.sentenize("Жыйын өттү. Ал уланат.")]
['Жыйын өттү.', 'Ал уланат.']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kgtext._version import __version__

# Bound now, not lazily: ``kgtext.normalize`` is also a submodule, and importing the
# submodule anywhere would otherwise shadow the function on the package.
from kgtext.normalize import Normalized, normalize, normalize_with_offsets  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from kgtext.archive import clean_article, detect_language, tag_records  # noqa: F401
    from kgtext.morph import Analysis, analyze, inflect, lemmatize  # noqa: F401
    from kgtext.pipeline import load  # noqa: F401
    from kgtext.sectors.classifier import SectorClassifier  # noqa: F401
    from kgtext.sectors.split import passages  # noqa: F401
    from kgtext.sectors.tagging import tag  # noqa: F401
    from kgtext.segment import Token, sentenize, tokenize  # noqa: F401

_EXPORTS: dict[str, str] = {
    "normalize": "kgtext.normalize",
    "normalize_with_offsets": "kgtext.normalize",
    "Normalized": "kgtext.normalize",
    "tokenize": "kgtext.segment",
    "sentenize": "kgtext.segment",
    "Token": "kgtext.segment",
    "load": "kgtext.pipeline",
    "analyze": "kgtext.morph",
    "lemmatize": "kgtext.morph",
    "inflect": "kgtext.morph",
    "Analysis": "kgtext.morph",
    "clean_article": "kgtext.archive",
    "tag_records": "kgtext.archive",
    "detect_language": "kgtext.archive",
    "passages": "kgtext.sectors.split",
    "tag": "kgtext.sectors.tagging",
    "SectorClassifier": "kgtext.sectors.classifier",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kgtext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
