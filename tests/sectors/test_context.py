"""Article context: passages' sector probabilities raised by their article's."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kgtext
import kgtext.sectors.persist
from kgtext.sectors.context import (
    CONTEXT_WEIGHT,
    from_decision_scale,
    to_decision_scale,
    with_context,
)
from kgtext.sectors.lexicon import analysed

ARTICLE = (
    "Бишкекте жаңы бала бакча ачылды. Бала бакчага 200 бала барат.\n\n"
    "Имарат эки кабаттуу, ичинде бассейн жана спорт зал бар."
)


def join_analyses(analyses):
    """The passages read together as one text, each apart (the reference for
    ``combine_parts``): texts joined by a blank line, words shifted, the first word of
    each passage not joined to the one before."""
    texts, joined, offset = [], [], 0
    for text, ws in analyses:
        for k, w in enumerate(ws):
            joined.append(
                w._replace(start=w.start + offset, end=w.end + offset, joined=w.joined and k > 0)
            )
        texts.append(text)
        offset += max(len(text), ws[-1].end if ws else 0) + 2
    return "\n\n".join(texts), tuple(joined)


unit = st.floats(min_value=0.0, max_value=1.0)
inner = st.floats(min_value=0.01, max_value=0.99)
five = st.lists(unit, min_size=5, max_size=5)


@given(five, five, st.lists(inner, min_size=5, max_size=5), unit)
def test_context_only_raises_and_stays_a_probability(p, a, t, w):
    p, a, t = np.array([p]), np.array(a), np.array(t)
    raised = with_context(p, a, t, w)[0]
    assert np.all(raised >= p[0] - 1e-9)
    assert np.all(raised <= 1.0)
    assert np.allclose(with_context(p, np.zeros(5), t, w)[0], p[0], atol=1e-6)


@given(st.lists(inner, min_size=3, max_size=3), st.lists(inner, min_size=3, max_size=3))
def test_decision_scale_puts_thresholds_at_one_half_and_inverts(p, t):
    p, t = np.array(p), np.array(t)
    s = to_decision_scale(p, t)
    assert np.all((s >= 0.5) == (p >= t - 1e-12)) or np.allclose(p, t)
    assert np.allclose(from_decision_scale(s, t), p)


def test_no_evidence_of_its_own_is_never_enough():
    """Below weight 0.5 the article alone cannot tag a passage, whatever the threshold."""
    t = np.array([0.08, 0.3, 0.5, 0.9])
    raised = with_context(np.zeros((1, 4)) + 1e-6, np.ones(4) - 1e-6, t)[0]
    assert np.all(raised < t)


def test_weight_is_checked():
    with pytest.raises(ValueError, match="weight"):
        with_context(np.array([[0.5]]), np.array([0.5]), np.array([0.5]), 1.5)


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
    t = kgtext.sectors.persist.default_model().threshold_map["preschool"]
    s, a = to_decision_scale(np.array([p, article]), np.array([t, t]))
    expected = from_decision_scale(1 - (1 - s) * (1 - CONTEXT_WEIGHT * a), t)
    assert within[1].probabilities["preschool"] == pytest.approx(float(expected))
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


def test_context_without_normalisation_too():
    record = next(kgtext.tag_records([{"id": 1, "text": ARTICLE}], normalize=False))
    assert record["sector_context"]["preschool"] > 0.5


def test_article_features_are_the_sum_of_its_passages(authored):
    """The batch tagger adds the passages' parts; that is the model on the passages read
    together (join_analyses), to rounding."""
    from kgtext.sectors.inference import combine_parts
    from kgtext.sectors.persist import load_compiled

    model = load_compiled()
    for k in range(0, 60, 4):
        analyses = [analysed(p.text) for p in authored[k : k + 4]]
        summed = model.predict_proba_parts([combine_parts([model.parts(a) for a in analyses])])
        joined = model.predict_proba_parts([model.parts(join_analyses(analyses))])
        np.testing.assert_allclose(summed, joined, atol=1e-12)
