"""Article context: passages' sector probabilities raised by their article's."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kgtext
from kgtext.sectors.context import CONTEXT_WEIGHT, join_analyses, with_context
from kgtext.sectors.lexicon import analysed

ARTICLE = (
    "Бишкекте жаңы бала бакча ачылды. Бала бакчага 200 бала барат.\n\n"
    "Имарат эки кабаттуу, ичинде бассейн жана спорт зал бар."
)

unit = st.floats(min_value=0.0, max_value=1.0)


@given(st.lists(unit, min_size=5, max_size=5), st.lists(unit, min_size=5, max_size=5), unit)
def test_context_only_raises_and_stays_a_probability(p, a, w):
    raised = with_context(np.array([p]), np.array(a), w)[0]
    assert np.all(raised >= np.array(p) - 1e-12)
    assert np.all(raised <= 1.0 + 1e-12)
    assert np.allclose(with_context(np.array([p]), np.zeros(5), w)[0], p)


def test_weight_is_checked():
    with pytest.raises(ValueError, match="weight"):
        with_context(np.array([[0.5]]), np.array([0.5]), 1.5)


def test_joined_words_point_into_the_joined_text():
    parts = [analysed("Мектептер ачылды."), analysed("Окуучулар келишти")]
    text, words = join_analyses(parts)
    assert [text[w.start : w.end] for w in words] == ["Мектептер", "ачылды", "Окуучулар", "келишти"]
    assert [w.joined for w in words] == [False, True, False, True]


def test_tag_raises_a_paragraph_by_its_article():
    alone = kgtext.tag(ARTICLE, context=False, evidence=False)
    within = kgtext.tag(ARTICLE, evidence=False)
    assert len(within) == 2 and within[1].context
    article = within[1].context["preschool"]
    assert article > 0.5  # the article is about a kindergarten
    p = alone[1].probabilities["preschool"]
    expected = 1 - (1 - p) * (1 - CONTEXT_WEIGHT * article)
    assert within[1].probabilities["preschool"] == pytest.approx(expected)
    assert within[1].probabilities["preschool"] > p
    assert "preschool" in within[0].sectors


def test_batch_tagger_records_the_article_context():
    record = next(kgtext.tag_records([{"id": 1, "text": ARTICLE}]))
    plain = next(kgtext.tag_records([{"id": 1, "text": ARTICLE}], context=False))
    assert "sector_context" not in plain
    assert record["sector_context"]["preschool"] > 0.5
    for with_ctx, without in zip(record["passages"], plain["passages"], strict=True):
        for label, p in without["probabilities"].items():
            assert with_ctx["probabilities"][label] >= p
