"""Save and load a :class:`~kgtext.sectors.SectorClassifier` without pickle.

A model is a directory of two files:

``model.json``
    format name and version, the kgtext and scikit-learn versions that wrote it,
    the estimator's parameters, its labels, the n-gram vocabularies (in column
    order), the SHA-256 of the lexicon file it was trained with, a free-form
    ``training`` record (data, command, scores), the SHA-256 of ``arrays.npz``, and
    ``sha256``: the SHA-256 of this JSON document itself without that key
    (canonical form: sorted keys, no spaces, UTF-8).
``arrays.npz``
    plain numeric arrays (``coef``, ``intercept``, ``calibration``, ``thresholds``,
    ``idf_<group>``), read with ``numpy.load(allow_pickle=False)``.

Loading checks both hashes and refuses a file written by another kgtext version or
another scikit-learn minor version (``check_versions=False`` skips that check);
every refusal is a :class:`ModelError` that says what is wrong and what to do.
No code is ever executed from a model file.

Examples
--------
>>> import tempfile
>>> from kgtext.sectors.classifier import SectorClassifier
>>> clf = SectorClassifier(cv=2).fit(["Мектепте окуучулар."] * 3 + ["Базарда баалар."] * 3,
...                                  [{"school"}] * 3 + [set()] * 3)
>>> path = save_model(clf, tempfile.mkdtemp())
>>> load_model(path).predict(["Мектептин окуучулары."])
[{'school'}]
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kgtext._version import __version__
from kgtext.sectors.lexicon import lexicon_sha256

if TYPE_CHECKING:  # pragma: no cover
    from kgtext.sectors.classifier import SectorClassifier
    from kgtext.sectors.inference import CompiledModel

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ModelError",
    "default_compiled",
    "default_model",
    "load_compiled",
    "load_model",
    "save_model",
]

FORMAT = "kgtext-passage-classifier"
FORMAT_VERSION = 1
MODEL_FILE = "model.json"
ARRAYS_FILE = "arrays.npz"
#: Where the shipped sector model lives inside the package.
DEFAULT_MODEL = ("data", "models", "sectors")
_TUPLE_PARAMS = ("features", "lemma_ngram_range", "char_ngram_range", "labels")


class ModelError(ValueError):
    """A model file that cannot be used: missing, tampered, or from another version."""


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def _sklearn_version() -> str:
    """The installed scikit-learn's version, read from its metadata (no import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scikit-learn")
    except PackageNotFoundError:  # pragma: no cover - sklearn is a dependency
        return "not installed"


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def save_model(
    model: SectorClassifier, directory: str | Path, training: dict[str, Any] | None = None
) -> Path:
    """Write *model* into *directory* (created if needed); return the directory.

    Parameters
    ----------
    model : SectorClassifier
        A fitted classifier.
    directory : path
        Target directory; ``model.json`` and ``arrays.npz`` are overwritten.
    training : dict, optional
        JSON-serialisable description of the training run, stored as is.
    """
    from sklearn.utils.validation import check_is_fitted

    from kgtext.sectors.classifier import SectorClassifier

    if not isinstance(model, SectorClassifier):
        raise TypeError(f"expected a SectorClassifier, got {type(model).__name__}")
    check_is_fitted(model, "coef_")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "coef": np.asarray(model.coef_, dtype=np.float64),
        "intercept": np.asarray(model.intercept_, dtype=np.float64),
        "calibration": np.asarray(model.calibration_, dtype=np.float64),
        "thresholds": np.asarray(model.thresholds_, dtype=np.float64),
    }
    vocabularies: dict[str, list[str]] = {}
    for group, vec in model.vectorizers_.items():
        vocabularies[group] = [str(t) for t in vec.get_feature_names_out()]
        arrays[f"idf_{group}"] = np.asarray(vec.idf_, dtype=np.float64)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    array_bytes = buffer.getvalue()
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()}
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kgtext_version": __version__,
        "sklearn_version": _sklearn_version(),
        "estimator": "kgtext.sectors.SectorClassifier",
        "params": params,
        "classes": [str(c) for c in model.classes_],
        "vocabularies": vocabularies,
        "lexicon_sha256": lexicon_sha256(),
        "training": training or {},
        "arrays": {"file": ARRAYS_FILE, "sha256": hashlib.sha256(array_bytes).hexdigest()},
    }
    document["sha256"] = hashlib.sha256(_canonical(document)).hexdigest()
    (out / ARRAYS_FILE).write_bytes(array_bytes)
    (out / MODEL_FILE).write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return out


def _read(directory: Path | Traversable, name: str) -> bytes:
    try:
        return directory.joinpath(name).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise ModelError(f"{directory}: no {name} (not a kgtext model directory)") from None


def _where(directory: str | Path | Traversable | None) -> Path | Traversable:
    if directory is None:
        return resources.files("kgtext").joinpath(*DEFAULT_MODEL)
    if isinstance(directory, str | Path):
        return Path(directory)
    return directory


def read_model_files(
    directory: str | Path | Traversable | None = None, *, check_versions: bool = True
) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, bytes]]:
    """Read and check a model directory: ``(document, arrays, raw files)``.

    The checks of :func:`load_model` (hashes, format, versions) without building an
    estimator; scikit-learn is not imported.

    Raises
    ------
    ModelError
        As :func:`load_model`.
    """
    where = _where(directory)
    name = f"{where}/{MODEL_FILE}"
    raw = _read(where, MODEL_FILE)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{name}: not valid JSON ({exc}); the file is damaged") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelError(f"{name}: not a kgtext model file (format {FORMAT!r} expected)")
    stated = document.pop("sha256", None)
    if stated != hashlib.sha256(_canonical(document)).hexdigest():
        raise ModelError(
            f"{name}: SHA-256 does not match the content; the file was modified or damaged. "
            "Retrain or reinstall the model."
        )
    if document.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{name}: model format version {document.get('format_version')!r}, "
            f"this kgtext reads version {FORMAT_VERSION}"
        )
    if check_versions:
        saved = (document.get("kgtext_version"), document.get("sklearn_version"))
        here = (__version__, _sklearn_version())
        if saved[0] != here[0] or _minor(str(saved[1])) != _minor(here[1]):
            raise ModelError(
                f"{name}: saved by kgtext {saved[0]} with scikit-learn {saved[1]}, but this is "
                f"kgtext {here[0]} with scikit-learn {here[1]}. Retrain the model with this "
                "version (`kgtext train sectors ...`), or load it with check_versions=False "
                "at your own risk."
            )
    array_bytes = _read(where, ARRAYS_FILE)
    if hashlib.sha256(array_bytes).hexdigest() != document["arrays"]["sha256"]:
        raise ModelError(
            f"{where}/{ARRAYS_FILE}: SHA-256 does not match the one in {MODEL_FILE}; the file "
            "was modified or damaged. Retrain or reinstall the model."
        )
    if document.get("lexicon_sha256") != lexicon_sha256():
        import warnings

        warnings.warn(
            f"{name}: trained with another version of sector_lexicon.tsv; its lexicon "
            "features may have shifted. Retrain the model.",
            stacklevel=3,
        )
    try:
        with np.load(io.BytesIO(array_bytes), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except ValueError as exc:
        raise ModelError(f"{where}/{ARRAYS_FILE}: not a plain-array file ({exc})") from None
    return document, arrays, {MODEL_FILE: raw, ARRAYS_FILE: array_bytes}


def load_model(
    directory: str | Path | Traversable | None = None, *, check_versions: bool = True
) -> SectorClassifier:
    """Read a model written by :func:`save_model` (default: the shipped sector model).

    Raises
    ------
    ModelError
        When a file is missing, does not match its SHA-256 (tampered or damaged),
        is not a kgtext model, or was written by another kgtext version or another
        scikit-learn minor version (unless ``check_versions=False``).
    """
    document, arrays, _raw = read_model_files(directory, check_versions=check_versions)
    try:
        return _rebuild(document, arrays)
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(
            f"{_where(directory)}/{MODEL_FILE}: inconsistent model content ({exc})"
        ) from None


def load_compiled(
    directory: str | Path | Traversable | None = None, *, check_versions: bool = True
) -> CompiledModel:
    """The same model as :func:`load_model`, for prediction only, in numpy alone
    (:class:`kgtext.sectors.inference.CompiledModel`; scikit-learn is not imported).

    Raises
    ------
    ModelError
        As :func:`load_model`.
    """
    from kgtext.sectors.inference import CompiledModel

    document, arrays, raw = read_model_files(directory, check_versions=check_versions)
    try:
        return CompiledModel(document, arrays, raw)
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(
            f"{_where(directory)}/{MODEL_FILE}: inconsistent model content ({exc})"
        ) from None


def _rebuild(document: dict[str, Any], arrays: dict[str, np.ndarray]) -> SectorClassifier:
    from kgtext.sectors.classifier import SectorClassifier

    params = dict(document["params"])
    for key in _TUPLE_PARAMS:
        if isinstance(params.get(key), list):
            params[key] = tuple(params[key])
    model = SectorClassifier(**params)
    model.classes_ = np.asarray(document["classes"], dtype=object)
    model.vectorizers_ = {}
    for group, vocabulary in document["vocabularies"].items():
        vocab = {term: i for i, term in enumerate(vocabulary)}
        vec = model._lemma_vectorizer(vocab) if group == "lemmas" else model._char_vectorizer(vocab)
        vec.idf_ = arrays[f"idf_{group}"]
        model.vectorizers_[group] = vec
    model.coef_ = arrays["coef"]
    model.intercept_ = arrays["intercept"]
    model.calibration_ = arrays["calibration"]
    model.thresholds_ = arrays["thresholds"]
    model.n_features_ = model.coef_.shape[1]
    model.training_ = document.get("training", {})
    n = len(model.classes_)
    if model.coef_.shape[0] != n or model.thresholds_.shape != (n,):
        raise ValueError(f"{n} labels but arrays of shape {model.coef_.shape}")
    width = sum(len(v) for v in document["vocabularies"].values())
    if "lexicon" in model.features:
        width += len(_lexicon_names())
    if width != model.coef_.shape[1]:
        raise ValueError(f"{width} features in the vocabularies but {model.coef_.shape[1]} weights")
    return model


def _lexicon_names() -> list[str]:
    from kgtext.sectors.features import lexicon_feature_names
    from kgtext.sectors.lexicon import default_lexicon

    return lexicon_feature_names(default_lexicon().labels)


@functools.cache
def default_model() -> SectorClassifier:
    """The shipped sector model, loaded once per process."""
    return load_model()


@functools.cache
def default_compiled() -> CompiledModel:
    """The shipped sector model for prediction (numpy only), loaded once per process."""
    return load_compiled()
