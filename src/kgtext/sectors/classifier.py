"""Multi-label passage classifiers: :class:`SectorClassifier` (rules + scikit-learn)
and :class:`RuleClassifier` (the lexicon alone).

:class:`SectorClassifier` is a scikit-learn estimator for any label set: give it
texts and label sets, it learns one logistic regression per label (one-vs-rest) on

* TF-IDF of lemma n-grams (``"lemmas"``; :func:`kgtext.lemmatize`),
* TF-IDF of character n-grams inside word boundaries (``"chars"``),
* the sector lexicon's scores (``"lexicon"``; see :mod:`kgtext.sectors.lexicon`),

(each sector's model sees only its own sector's lexicon columns), then, per label,
calibrates its scores with Platt scaling on out-of-fold decision
values (:func:`sklearn.model_selection.cross_val_predict`, stratified folds) and
picks the probability threshold that maximises F1 on those same out-of-fold
probabilities. ``predict`` returns, per text, the labels whose probability reaches
their threshold. ``explain`` shows why.

Examples
--------
>>> texts = ["Мектепте окуучулар окуйт.", "Бала бакчага балдар барат.",
...          "Мектептин окуучулары сабакта.", "Бала бакчанын тарбиячылары."] * 3
>>> labels = [{"school"}, {"preschool"}, {"school"}, {"preschool"}] * 3
>>> clf = SectorClassifier(cv=2).fit(texts, labels)
>>> clf.classes_.tolist()
['preschool', 'school']
>>> clf.predict(["Окуучулар мектепке барышты."])
[{'school'}]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils.validation import check_is_fitted

from kgtext.sectors.features import (
    LEXICON_SCALE,
    RULE_MIN_SCORE,
    char_text,
    lemma_ngrams,
    lexicon_feature_names,
    lexicon_features,
)
from kgtext.sectors.lexicon import SECTORS, Hit, default_lexicon

__all__ = [
    "FEATURES",
    "Contribution",
    "LabelExplanation",
    "RuleClassifier",
    "SectorClassifier",
]

#: Feature groups a :class:`SectorClassifier` can use.
FEATURES = ("lemmas", "chars", "lexicon")
_MIN_POSITIVES_TO_TUNE = 5


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's share of a label's decision value: ``weight * value``."""

    feature: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class LabelExplanation:
    """Why a label was (not) predicted for a text.

    ``probability >= threshold`` is the decision. ``decision`` is the linear score
    before calibration: ``intercept + sum(c.contribution for all features)``;
    ``contributions`` holds the ``top`` largest in absolute value, largest first.
    ``hits`` are the lexicon terms of this label found in the text.
    """

    label: str
    probability: float
    threshold: float
    predicted: bool
    decision: float = 0.0
    intercept: float = 0.0
    contributions: tuple[Contribution, ...] = ()
    hits: tuple[Hit, ...] = field(default=())


def _check_texts(X: Any) -> list[str]:
    if isinstance(X, str):
        raise TypeError("expected a sequence of texts, got one string; wrap it in a list")
    texts = list(X)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is a {type(t).__name__}, not a str")
    return texts


def _check_label_sets(y: Any, n: int) -> list[frozenset[str]]:
    if isinstance(y, str):
        raise TypeError("y must hold one collection of labels per text, not a string")
    sets = []
    for i, labels in enumerate(y):
        if isinstance(labels, str):
            raise TypeError(f"labels of text {i} are a str; give a set or list of labels")
        sets.append(frozenset(str(label) for label in labels))
    if len(sets) != n:
        raise ValueError(f"{n} texts but {len(sets)} label sets")
    return sets


def _best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """Threshold in [0.05, 0.95] maximising F1 of ``p >= t``; ties: nearest to 0.5."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    pos = y.sum()
    best, best_t = -1.0, 0.5
    for t in sorted(grid, key=lambda t: abs(t - 0.5)):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / (pred.sum() + pos) if pred.sum() + pos else 0.0
        if f1 > best + 1e-12:
            best, best_t = f1, float(t)
    return best_t


def _platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of a logistic fit of ``y`` on ``decision`` (Platt scaling)."""
    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(decision.reshape(-1, 1), y)
    a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    if not a > 0:  # the scores carry no signal: fall back to the plain logistic
        return 1.0, 0.0
    return a, b


class SectorClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label passage classifier: lemma and character n-grams + lexicon scores,
    one-vs-rest logistic regression, calibrated probabilities, tuned thresholds.

    Parameters
    ----------
    labels : sequence of str, optional
        The label set, in order (``classes_``). Default: every label seen in ``y``,
        sorted. Labels outside it in ``y`` raise ``ValueError``.
    features : tuple of str
        Feature groups among ``"lemmas"``, ``"chars"``, ``"lexicon"``.
    lemma_ngram_range, char_ngram_range : tuple of int
        Inclusive n-gram lengths of the lemma and the character features.
    min_df : int
        Keep n-grams seen in at least this many training texts.
    max_lemma_features, max_char_features : int or None
        Keep at most this many of the most frequent n-grams.
    C : float
        Inverse regularisation strength of each logistic regression (liblinear, L2).
    class_weight : "balanced" or None
        Class weights of each logistic regression.
    lexicon_weight : float
        Multiplier of the lexicon feature columns. With 3.0 (and ``C=3.0``) the model
        leans on the lexicon more than on n-grams of the training texts, which
        transfers better from the authored corpus to real news (chosen by 5-fold CV
        on the authored passages and the dev half of the 24.kg paragraphs).
    cv : int
        Folds for the out-of-fold scores used for calibration and thresholds (fewer
        when a label has fewer positives; with under 2, no calibration).
    threshold : "f1" or float
        ``"f1"``: per label, the threshold maximising out-of-fold F1 (0.5 for labels
        with fewer than 5 positives); a float: that threshold for every label.
    random_state : int
        Seed of the fold shuffling.

    Attributes
    ----------
    classes_ : ndarray of str
    vectorizers_ : dict of str to TfidfVectorizer
    coef_ : ndarray of shape (n_labels, n_features)
    intercept_ : ndarray of shape (n_labels,)
    calibration_ : ndarray of shape (n_labels, 2)
        Platt slope and intercept per label: ``p = expit(a * decision + b)``.
    thresholds_ : ndarray of shape (n_labels,)
    n_features_ : int
    cv_proba_ : ndarray of shape (n_samples, n_labels)
        Out-of-fold calibrated probabilities of the training texts (not saved).
    """

    def __init__(
        self,
        *,
        labels: Sequence[str] | None = None,
        features: tuple[str, ...] = FEATURES,
        lemma_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (3, 5),
        min_df: int = 2,
        max_lemma_features: int | None = 10000,
        max_char_features: int | None = 5000,
        C: float = 3.0,
        class_weight: str | None = "balanced",
        lexicon_weight: float = 3.0,
        cv: int = 5,
        threshold: str | float = "f1",
        random_state: int = 0,
    ) -> None:
        self.labels = labels
        self.features = features
        self.lemma_ngram_range = lemma_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_lemma_features = max_lemma_features
        self.max_char_features = max_char_features
        self.C = C
        self.class_weight = class_weight
        self.lexicon_weight = lexicon_weight
        self.cv = cv
        self.threshold = threshold
        self.random_state = random_state

    # ---------------------------------------------------------------- sklearn

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        tags.classifier_tags.multi_label = True
        return tags

    # ---------------------------------------------------------------- features

    def _new_vectorizers(self) -> dict[str, TfidfVectorizer]:
        unknown = set(self.features) - set(FEATURES)
        if unknown or not self.features:
            raise ValueError(
                f"features must be a non-empty subset of {FEATURES}, got {self.features!r}"
            )
        vectorizers: dict[str, TfidfVectorizer] = {}
        if "lemmas" in self.features:
            vectorizers["lemmas"] = self._lemma_vectorizer()
        if "chars" in self.features:
            vectorizers["chars"] = self._char_vectorizer()
        return vectorizers

    def _lemma_vectorizer(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer=functools.partial(lemma_ngrams, ngram_range=tuple(self.lemma_ngram_range)),
            token_pattern=None,
            lowercase=False,
            min_df=self.min_df,
            max_features=self.max_lemma_features,
            sublinear_tf=True,
            vocabulary=vocabulary,
        )

    def _char_vectorizer(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer="char_wb",
            preprocessor=char_text,
            lowercase=False,
            ngram_range=tuple(self.char_ngram_range),
            min_df=self.min_df,
            max_features=self.max_char_features,
            sublinear_tf=True,
            vocabulary=vocabulary,
        )

    def _lexicon_block(self, texts: Sequence[str]) -> sp.csr_matrix:
        dense = lexicon_features(texts, min_score=RULE_MIN_SCORE, scale=LEXICON_SCALE)
        return sp.csr_matrix(dense * float(self.lexicon_weight))

    def _transform(self, texts: Sequence[str], fit: bool = False) -> sp.csr_matrix:
        blocks = []
        for vec in self.vectorizers_.values():
            blocks.append(vec.fit_transform(texts) if fit else vec.transform(texts))
        if "lexicon" in self.features:
            blocks.append(self._lexicon_block(texts))
        return sp.hstack(blocks, format="csr", dtype=np.float64)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names: ``lemma:<n-gram>``, ``char:<n-gram>``, ``lexicon:<sector>:<kind>``."""
        check_is_fitted(self, "coef_")
        names: list[str] = []
        for group, vec in self.vectorizers_.items():
            prefix = "lemma" if group == "lemmas" else "char"
            names.extend(f"{prefix}:{name}" for name in vec.get_feature_names_out())
        if "lexicon" in self.features:
            names.extend(lexicon_feature_names(default_lexicon().labels))
        return np.asarray(names, dtype=object)

    # --------------------------------------------------------------------- fit

    def fit(self, X: Iterable[str], y: Iterable[Iterable[str]]) -> SectorClassifier:
        """Learn from texts ``X`` and one collection of labels per text ``y``.

        Returns
        -------
        self
        """
        texts = _check_texts(X)
        label_sets = _check_label_sets(y, len(texts))
        if not texts:
            raise ValueError("no training texts")
        seen = set().union(*label_sets)
        if self.labels is None:
            classes = sorted(seen)
        else:
            classes = list(self.labels)
            unknown = seen - set(classes)
            if unknown:
                raise ValueError(f"labels {sorted(unknown)} are not in labels={classes}")
        if not classes:
            raise ValueError("no labels: every label set is empty and labels= is not given")
        if not (self.threshold == "f1" or isinstance(self.threshold, float | int)):
            raise ValueError(f'threshold must be "f1" or a number, got {self.threshold!r}')
        self.classes_ = np.asarray(classes, dtype=object)
        Y = np.array([[c in s for c in classes] for s in label_sets], dtype=np.int64)

        self.vectorizers_ = self._new_vectorizers()
        Xm = self._transform(texts, fit=True)
        n_labels, n_features = len(classes), Xm.shape[1]
        self.n_features_ = n_features
        self.coef_ = np.zeros((n_labels, n_features))
        self.intercept_ = np.zeros(n_labels)
        self.calibration_ = np.tile([1.0, 0.0], (n_labels, 1))
        self.thresholds_ = np.full(n_labels, 0.5)
        self.cv_proba_ = np.zeros((len(texts), n_labels))
        for j in range(n_labels):
            self._fit_label(j, Xm, Y[:, j])
        return self

    def _base(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            solver="liblinear",
            max_iter=1000,
            random_state=self.random_state,
        )

    def _column_mask(self, j: int, n_features: int) -> np.ndarray | None:
        """For a label that is a lexicon sector: 0 on the other sectors' lexicon columns.

        Each sector's model sees only its own lexicon scores, so it cannot learn
        "terms of another sector mean not this one", which fails on passages that
        enumerate sectors; n-gram columns are shared. ``None``: keep every column.
        """
        if "lexicon" not in self.features:
            return None
        labels = default_lexicon().labels
        label = str(self.classes_[j])
        if label not in labels:
            return None
        mask = np.ones(n_features)
        start = n_features - 3 * len(labels)
        mask[start:] = 0.0
        k = start + 3 * labels.index(label)
        mask[k : k + 3] = 1.0
        return mask

    def _fit_label(self, j: int, Xm: sp.csr_matrix, y: np.ndarray) -> None:
        mask = self._column_mask(j, Xm.shape[1])
        if mask is not None:
            Xm = sp.csr_matrix(Xm.multiply(mask.reshape(1, -1)))
        n_pos = int(y.sum())
        n_neg = len(y) - n_pos
        if n_pos == 0 or n_neg == 0:  # constant label: no model
            self.intercept_[j] = 10.0 if n_pos else -10.0
            self.cv_proba_[:, j] = float(expit(self.intercept_[j]))
            return
        folds = min(int(self.cv), n_pos, n_neg)
        if folds >= 2:
            splitter = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            oof = cross_val_predict(self._base(), Xm, y, cv=splitter, method="decision_function")
            a, b = _platt(oof, y)
            self.calibration_[j] = (a, b)
            proba = expit(a * oof + b)
            self.cv_proba_[:, j] = proba
            if self.threshold == "f1":
                if n_pos >= _MIN_POSITIVES_TO_TUNE:
                    self.thresholds_[j] = _best_threshold(y, proba)
            else:
                self.thresholds_[j] = float(self.threshold)
        elif self.threshold != "f1":
            self.thresholds_[j] = float(self.threshold)
        model = self._base().fit(Xm, y)
        self.coef_[j] = model.coef_[0] if mask is None else model.coef_[0] * mask
        self.intercept_[j] = model.intercept_[0]
        if folds < 2:
            self.cv_proba_[:, j] = np.nan

    # ----------------------------------------------------------------- predict

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Linear scores ``(n_texts, n_labels)`` before calibration."""
        check_is_fitted(self, "coef_")
        Xm = self._transform(_check_texts(X))
        return np.asarray(Xm @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Calibrated probabilities ``(n_texts, n_labels)``, columns in ``classes_`` order."""
        d = self.decision_function(X)
        return expit(d * self.calibration_[:, 0] + self.calibration_[:, 1])

    def predict(self, X: Iterable[str]) -> list[set[str]]:
        """The set of labels whose probability reaches its threshold, per text."""
        proba = self.predict_proba(X)
        return [
            {c for c, p, t in zip(self.classes_, row, self.thresholds_, strict=True) if p >= t}
            for row in proba
        ]

    def score(
        self, X: Iterable[str], y: Iterable[Iterable[str]], sample_weight: Any = None
    ) -> float:
        """Micro-averaged F1 of :meth:`predict` against ``y`` (not accuracy)."""
        texts = _check_texts(X)
        gold = _check_label_sets(y, len(texts))
        pred = self.predict(texts)
        tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
        total = sum(len(g) for g in gold) + sum(len(p) for p in pred)
        return 2 * tp / total if total else 1.0

    @property
    def threshold_map(self) -> dict[str, float]:
        """``{label: threshold}``."""
        check_is_fitted(self, "coef_")
        return {str(c): float(t) for c, t in zip(self.classes_, self.thresholds_, strict=True)}

    def explain(self, text: str, top: int = 8) -> dict[str, LabelExplanation]:
        """Per label: probability, threshold, the ``top`` features that moved the
        decision most (``weight * value``, signed) and the lexicon hits of that label.

        Examples
        --------
        >>> clf = SectorClassifier(cv=2).fit(
        ...     ["Мектепте окуучулар.", "Бакчада балдар."] * 4, [{"school"}, {"preschool"}] * 4)
        >>> e = clf.explain("Мектептин окуучулары")["school"]
        >>> e.predicted, [h.term for h in e.hits]
        (True, ['мектеп окуучу'])
        """
        check_is_fitted(self, "coef_")
        Xm = self._transform([text])
        row = Xm.getrow(0).tocoo()
        names = self.get_feature_names_out()
        hits = default_lexicon().match(text)
        proba = self.predict_proba([text])[0]
        result: dict[str, LabelExplanation] = {}
        for j, label in enumerate(self.classes_):
            weights = self.coef_[j, row.col]
            parts = [
                Contribution(str(names[c]), float(v), float(w))
                for c, v, w in zip(row.col, row.data, weights, strict=True)
                if w != 0.0
            ]
            parts.sort(key=lambda c: -abs(c.contribution))
            decision = float(self.intercept_[j] + sum(c.contribution for c in parts))
            result[str(label)] = LabelExplanation(
                label=str(label),
                probability=float(proba[j]),
                threshold=float(self.thresholds_[j]),
                predicted=bool(proba[j] >= self.thresholds_[j]),
                decision=decision,
                intercept=float(self.intercept_[j]),
                contributions=tuple(parts[:top]),
                hits=tuple(h for h in hits if h.label == label),
            )
        return result


class RuleClassifier(ClassifierMixin, BaseEstimator):
    """The lexicon alone: a label when its net lexicon score reaches ``min_score``.

    ``predict_proba`` is ``expit(slope * (net - min_score))``, so the decision
    threshold is 0.5 for every label. ``fit`` learns nothing but ``classes_``
    (the given ``labels``, default the five sectors).

    Examples
    --------
    >>> rules = RuleClassifier().fit([], [])
    >>> rules.predict(["Кесиптик лицейлерде студенттер окуйт."])
    [{'professional'}]
    """

    def __init__(
        self,
        *,
        labels: Sequence[str] | None = None,
        min_score: float = RULE_MIN_SCORE,
        slope: float = 2.0,
    ) -> None:
        self.labels = labels
        self.min_score = min_score
        self.slope = slope

    def fit(self, X: Iterable[str], y: Iterable[Iterable[str]] | None = None) -> RuleClassifier:
        """Set ``classes_``; the rules are not trained."""
        known = default_lexicon().labels
        classes = list(self.labels) if self.labels is not None else list(SECTORS)
        unknown = set(classes) - set(known)
        if unknown:
            raise ValueError(f"the lexicon has no terms for labels {sorted(unknown)}")
        self.classes_ = np.asarray(classes, dtype=object)
        self.thresholds_ = np.full(len(classes), 0.5)
        return self

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Net lexicon score minus ``min_score`` per text and label."""
        check_is_fitted(self, "classes_")
        lex = default_lexicon()
        rows = []
        for text in _check_texts(X):
            scores = lex.scores(text)
            rows.append([scores[c].net - self.min_score for c in self.classes_])
        return np.asarray(rows, dtype=np.float64).reshape(-1, len(self.classes_))

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        return expit(self.slope * self.decision_function(X))

    def predict(self, X: Iterable[str]) -> list[set[str]]:
        return [
            {c for c, d in zip(self.classes_, row, strict=True) if d >= 0}
            for row in self.decision_function(X)
        ]

    def score(
        self, X: Iterable[str], y: Iterable[Iterable[str]], sample_weight: Any = None
    ) -> float:
        """Micro-averaged F1."""
        return SectorClassifier.score(self, X, y)  # type: ignore[arg-type]

    def explain(self, text: str, top: int = 8) -> dict[str, LabelExplanation]:
        """Per label: probability, threshold 0.5 and the lexicon hits."""
        check_is_fitted(self, "classes_")
        hits = default_lexicon().match(text)
        proba = self.predict_proba([text])[0]
        d = self.decision_function([text])[0]
        return {
            str(c): LabelExplanation(
                str(c), float(p), 0.5, bool(x >= 0), float(x), -self.min_score, (),
                tuple(h for h in hits if h.label == c),
            )
            for c, p, x in zip(self.classes_, proba, d, strict=True)
        }  # fmt: skip
