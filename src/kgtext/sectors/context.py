"""Article context for passage sectors.

A paragraph of a news item is often about a sector that only its article names: "the
building was put up in 1972, 600 pupils study there" under a headline about a school.
The annotators of the 24.kg paragraphs read the whole article for orientation and
labelled such paragraphs by what they are about. So a passage's probability is raised
by its article's: with ``p`` the passage's calibrated probability for a label and ``a``
the article's (the model's probability for all the article's passages taken together),

    ``p' = 1 - (1 - p) * (1 - w * a)``

— a noisy-OR in which the article is evidence of weight ``w``
(:data:`CONTEXT_WEIGHT`). ``p' >= p`` always, ``p' = p`` when the article says nothing
of the label, and the label's threshold still decides. ``w`` was chosen on the dev half
of the labelled 24.kg paragraphs among 0, 0.2, 0.35 and 0.5 (micro-F1 0.803, 0.820,
0.857, 0.805); the test half was scored once after (``benchmarks/sectors.py``).

Used by :func:`kgtext.tag` and ``kgtext tag`` (``context=False`` / ``--no-context``
turns it off); the spaCy component sees one passage and applies no context.

Examples
--------
>>> import numpy as np
>>> with_context(np.array([[0.10, 0.90]]), np.array([0.80, 0.0])).round(3).tolist()
[[0.352, 0.9]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kgtext.sectors.lexicon import Word

__all__ = ["CONTEXT_WEIGHT", "join_analyses", "with_context"]

#: Weight of the article's probability (see the module documentation).
CONTEXT_WEIGHT = 0.35
_SEPARATOR = "\n\n"


def with_context(
    proba: np.ndarray, article: np.ndarray, weight: float = CONTEXT_WEIGHT
) -> np.ndarray:
    """Passage probabilities ``(n, labels)`` raised by the article's ``(labels,)``."""
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be in [0, 1], got {weight}")
    return 1.0 - (1.0 - np.asarray(proba)) * (1.0 - weight * np.asarray(article))


def join_analyses(
    analyses: Sequence[tuple[str, tuple[Word, ...]]],
) -> tuple[str, tuple[Word, ...]]:
    """One analysis ``(text, words)`` for passages already analysed
    (:func:`kgtext.sectors.lexicon.analysed`): their texts joined by a blank line and
    their words with offsets into the joined text; no n-gram crosses two passages.

    >>> from kgtext.sectors.lexicon import analysed
    >>> text, ws = join_analyses([analysed("Мектеп."), analysed("Бакча")])
    >>> text, [(w.text, w.start, w.joined) for w in ws]
    ('Мектеп.\\n\\nБакча', [('Мектеп', 0, False), ('Бакча', 9, False)])
    """
    texts: list[str] = []
    joined: list[Word] = []
    offset = 0
    for text, ws in analyses:
        for k, w in enumerate(ws):
            joined.append(
                w._replace(start=w.start + offset, end=w.end + offset, joined=w.joined and k > 0)
            )
        texts.append(text)
        # words' offsets may point into a passage's original (longer) text: keep the
        # passages' offset ranges apart either way
        offset += max(len(text), ws[-1].end if ws else 0) + len(_SEPARATOR)
    return _SEPARATOR.join(texts), tuple(joined)
