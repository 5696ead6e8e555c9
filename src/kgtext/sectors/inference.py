"""Prediction with a saved passage classifier in numpy alone: :class:`CompiledModel`.

A :class:`~kgtext.sectors.SectorClassifier` is saved as plain arrays and JSON
(:mod:`kgtext.sectors.persist`). For tagging, those are all that is needed: the
n-gram vocabularies, the IDF weights, the linear weights and the calibration.
:class:`CompiledModel` computes the same features as the scikit-learn vectorisers
(TF-IDF with sublinear TF and L2 norm per feature group, ``char_wb`` character
n-grams, lemma n-grams, lexicon scores) and the same probabilities, without
importing scikit-learn or scipy — so a pipeline loads faster and each worker
process holds less memory — and faster, because the work per word is done once per
distinct word and cached:

* a text is normalised, tokenised and lemmatised once
  (:func:`kgtext.sectors.lexicon.analysed`), for the lexicon and the lemma n-grams;
* the character n-grams of a whitespace-separated word depend on the word alone,
  so each distinct word's vocabulary columns are computed once.

The probabilities equal :meth:`SectorClassifier.predict_proba` of the same saved
model to floating-point rounding (tested on the project corpora).

Examples
--------
>>> from kgtext.sectors.persist import load_compiled
>>> model = load_compiled()
>>> model.predict(["Бала бакчаларда орун жетишпейт."])
[{'preschool'}]
>>> model.predict_proba(["Базарда эт кымбаттады."]).shape
(1, 5)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from kgtext.sectors.features import fold_text, lexicon_rows, word_lemma_ngrams
from kgtext.sectors.lexicon import Hit, Word, analysed, default_lexicon

__all__ = ["CompiledModel", "combine_parts"]

#: A text's analysis: its normalised text and its words.
Analysis = tuple[str, tuple[Word, ...]]
#: A text's features before weighting: vocabulary columns per n-gram group, lexicon hits.
Parts = tuple[list[list[int]], list[Hit]]


def combine_parts(parts: Sequence[Parts]) -> Parts:
    """The parts of several texts read together as one, each apart (no n-gram or
    lexicon phrase crosses from one into the next): an article from its passages."""
    groups = len(parts[0][0]) if parts else 0
    cols: list[list[int]] = [[] for _ in range(groups)]
    hits: list[Hit] = []
    for part_cols, part_hits in parts:
        for g in range(groups):
            cols[g].extend(part_cols[g])
        hits.extend(part_hits)
    return cols, hits


_WORD_CACHE_LIMIT = 1 << 18


def _char_wb(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of one whitespace-free word."""
    w = " " + word + " "
    size = len(w)
    grams: list[str] = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(w[offset : offset + n])
        while offset + n < size:
            offset += 1
            grams.append(w[offset : offset + n])
        if offset == 0:  # a short word counts once
            break
    return grams


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class CompiledModel:
    """A saved passage classifier, ready to predict (see the module documentation).

    Built by :func:`kgtext.sectors.persist.load_compiled` from a model directory;
    ``raw`` keeps the files' bytes so that the model can be written back unchanged.

    Attributes
    ----------
    classes_, thresholds_, coef_, intercept_, calibration_ : ndarray
        As on :class:`~kgtext.sectors.SectorClassifier`.
    training_ : dict
        The training record stored with the model.
    """

    def __init__(
        self, document: dict[str, Any], arrays: dict[str, np.ndarray], raw: dict[str, bytes]
    ) -> None:
        params = dict(document["params"])
        self.params = params
        self.raw = dict(raw)
        self.features = tuple(params["features"])
        self.classes_ = np.asarray(document["classes"], dtype=object)
        self.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        self.intercept_ = np.asarray(arrays["intercept"], dtype=np.float64)
        self.calibration_ = np.asarray(arrays["calibration"], dtype=np.float64)
        self.thresholds_ = np.asarray(arrays["thresholds"], dtype=np.float64)
        self.training_ = document.get("training", {})
        n = len(self.classes_)
        if self.coef_.shape[0] != n or self.thresholds_.shape != (n,):
            raise ValueError(f"{n} labels but arrays of shape {self.coef_.shape}")
        # feature groups in column order: (name, first column, vocabulary, idf)
        self._groups: list[tuple[str, int, dict[str, int], np.ndarray]] = []
        offset = 0
        for group, vocabulary in document["vocabularies"].items():
            idf = np.asarray(arrays[f"idf_{group}"], dtype=np.float64)
            if len(idf) != len(vocabulary):
                raise ValueError(f"{group}: {len(vocabulary)} terms but {len(idf)} IDF weights")
            self._groups.append((group, offset, {t: i for i, t in enumerate(vocabulary)}, idf))
            offset += len(vocabulary)
        self._lexicon_at: int | None = None
        if "lexicon" in self.features:
            self._lexicon_at = offset
            offset += 3 * len(default_lexicon().labels)
        if offset != self.coef_.shape[1]:
            raise ValueError(
                f"{offset} features in the vocabularies but {self.coef_.shape[1]} weights"
            )
        self._lemma_range = tuple(params["lemma_ngram_range"])
        self._char_range = tuple(params["char_ngram_range"])
        self._lexicon_weight = float(params["lexicon_weight"])
        self._char_columns: dict[str, tuple[int, ...]] = {}

    # ----------------------------------------------------------------- features

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator parameters the model was trained with (tuples as tuples)."""
        return {k: tuple(v) if isinstance(v, list) else v for k, v in self.params.items()}

    def _lemma_columns(self, ws: Sequence[Word], vocab: dict[str, int]) -> list[int]:
        get = vocab.get
        return [c for c in map(get, word_lemma_ngrams(ws, self._lemma_range)) if c is not None]

    def _chars_columns(self, text: str, vocab: dict[str, int]) -> list[int]:
        cache = self._char_columns
        low, high = self._char_range
        cols: list[int] = []
        for word in text.split():
            hit = cache.get(word)
            if hit is None:
                hit = tuple(
                    c for c in (vocab.get(g) for g in _char_wb(word, low, high)) if c is not None
                )
                if len(cache) > _WORD_CACHE_LIMIT:
                    cache.clear()
                cache[word] = hit
            cols.extend(hit)
        return cols

    def parts(self, analysis: Analysis) -> Parts:
        """What a text contributes to the features: its vocabulary columns per n-gram
        group and its lexicon hits. Parts of several texts add up
        (:func:`combine_parts`) to those of the texts read as one, each apart."""
        norm, ws = analysis
        cols: list[list[int]] = []
        for group, _offset, vocab, _idf in self._groups:
            if group == "lemmas":
                cols.append(self._lemma_columns(ws, vocab))
            else:
                cols.append(self._chars_columns(fold_text(norm), vocab))
        hits = default_lexicon().match(norm, ws) if self._lexicon_at is not None else []
        return cols, hits

    def _decide(self, rows: Sequence[Parts]) -> np.ndarray:
        """Decision values of texts given by their parts: the n-gram TF-IDF of all rows
        in a few array operations (one sort of ``(row, column)`` keys), then the
        lexicon block."""
        n = len(rows)
        decision = np.tile(self.intercept_, (n, 1))
        if not n:
            return decision
        coef = self.coef_
        width = coef.shape[1]
        for g, (_group, offset, _vocab, idf) in enumerate(self._groups):
            found: list[int] = []
            lengths = np.zeros(n, dtype=np.int64)
            for i, (cols, _hits) in enumerate(rows):
                lengths[i] = len(cols[g])
                found.extend(cols[g])
            if not found:
                continue
            keys = np.repeat(np.arange(n, dtype=np.int64) * width, lengths)
            keys += np.asarray(found, dtype=np.int64)
            uniq, counts = np.unique(keys, return_counts=True)
            rows_at, cols_at = np.divmod(uniq, width)
            values = (np.log(counts) + 1.0) * idf[cols_at]
            norms = np.zeros(n)
            np.add.at(norms, rows_at, values * values)
            values /= np.sqrt(norms)[rows_at]
            contrib = coef[:, offset + cols_at] * values  # (labels, nnz)
            for j in range(coef.shape[0]):
                decision[:, j] += np.bincount(rows_at, weights=contrib[j], minlength=n)
        if self._lexicon_at is not None:
            at = self._lexicon_at
            lex = default_lexicon()
            block = lexicon_rows([lex.scores("", hits=hits) for _cols, hits in rows], lex.labels)
            block *= self._lexicon_weight
            decision += block @ coef[:, at : at + block.shape[1]].T
        return decision

    def _decisions(
        self, texts: Sequence[str], analyses: Sequence[Analysis] | None = None
    ) -> np.ndarray:
        if analyses is None:
            analyses = [analysed(text) for text in texts]
        return self._decide([self.parts(a) for a in analyses])

    # ----------------------------------------------------------------- predict

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Linear scores ``(n_texts, n_labels)`` before calibration."""
        if isinstance(X, str):
            raise TypeError("expected a sequence of texts, got one string; wrap it in a list")
        return self._decisions(list(X))

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Calibrated probabilities ``(n_texts, n_labels)``, columns in ``classes_`` order."""
        d = self.decision_function(X)
        return _expit(d * self.calibration_[:, 0] + self.calibration_[:, 1])

    def predict_proba_parts(self, rows: Sequence[Parts]) -> np.ndarray:
        """:meth:`predict_proba` of texts given by their :meth:`parts`."""
        d = self._decide(rows)
        return _expit(d * self.calibration_[:, 0] + self.calibration_[:, 1])

    def predict(self, X: Iterable[str]) -> list[set[str]]:
        """The set of labels whose probability reaches its threshold, per text."""
        return [
            {str(c) for c, p, t in zip(self.classes_, row, self.thresholds_, strict=True) if p >= t}
            for row in self.predict_proba(X)
        ]

    def to_disk(self, directory: Any) -> None:
        """Write the model files back, byte for byte as they were read."""
        from pathlib import Path

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        for name, data in self.raw.items():
            (out / name).write_bytes(data)
