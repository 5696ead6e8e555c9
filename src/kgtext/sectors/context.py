"""Article context for passage sectors.

A paragraph of a news item is often about a sector that only its article names: "the
building was put up in 1972, 600 pupils study there" under a headline about a school.
The annotators of the 24.kg paragraphs read the whole article for orientation and
labelled such paragraphs by what they are about. So a passage's score is raised by its
article's (the model's probability for all the article's passages taken together).

Both are first put on each label's **decision scale**, ``s = expit(logit(p) -
logit(t))`` with ``t`` the label's threshold (so ``s >= 0.5`` is the decision), and
combined as a noisy-OR in which the article is evidence of weight ``w``
(:data:`CONTEXT_WEIGHT`):

    ``s' = 1 - (1 - s) * (1 - w * s_article)``

then mapped back to a probability (``p' >= t`` exactly when ``s' >= 0.5``). ``p' >= p``
always, and ``p' ≈ p`` when the article says nothing of the label. With ``w < 0.5`` a
passage with no evidence of its own is never tagged from its article alone, and labels
with low thresholds are not spread to every paragraph. ``w = 0.4`` was chosen on the
dev half of the labelled 24.kg paragraphs (micro-F1 for w = 0, 0.2, 0.3, 0.35, 0.4,
0.45, 0.5, 0.6: 0.803, 0.821, 0.824, 0.849, 0.849, 0.861, 0.841, 0.795 — the middle of
the good range rather than its sharp peak); the test half is scored by
``benchmarks/sectors.py``.

Used by :func:`kgtext.tag` and ``kgtext tag`` (``context=False`` / ``--no-context``
turns it off); the spaCy component sees one passage and applies no context.

Examples
--------
>>> import numpy as np
>>> t = np.array([0.5, 0.5])
>>> with_context(np.array([[0.40, 0.02]]), np.array([0.95, 0.95]), t).round(3).tolist()
[[0.628, 0.392]]
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "CONTEXT_WEIGHT",
    "from_decision_scale",
    "to_decision_scale",
    "with_context",
]

#: Weight of the article's score (see the module documentation).
CONTEXT_WEIGHT = 0.4
_EPS = 1e-12


def _logit(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, _EPS, 1 - _EPS)
    return np.log(x / (1 - x))


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def to_decision_scale(proba: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """``expit(logit(p) - logit(t))``: probabilities moved so that each threshold is 0.5.

    >>> to_decision_scale(np.array([[0.3, 0.3]]), np.array([0.3, 0.6])).round(3).tolist()
    [[0.5, 0.222]]
    """
    return _expit(_logit(np.asarray(proba)) - _logit(np.asarray(thresholds)))


def from_decision_scale(scores: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """The inverse of :func:`to_decision_scale`."""
    return _expit(_logit(np.asarray(scores)) + _logit(np.asarray(thresholds)))


def with_context(
    proba: np.ndarray,
    article: np.ndarray,
    thresholds: np.ndarray,
    weight: float = CONTEXT_WEIGHT,
) -> np.ndarray:
    """Passage probabilities ``(n, labels)`` raised by the article's ``(labels,)``,
    on each label's decision scale (see the module documentation)."""
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be in [0, 1], got {weight}")
    s = to_decision_scale(proba, thresholds)
    a = to_decision_scale(article, thresholds)
    return from_decision_scale(1.0 - (1.0 - s) * (1.0 - weight * a), thresholds)
