"""SectorClassifier and RuleClassifier follow scikit-learn's estimator contract by hand
(``check_estimator`` assumes 2-D numeric input and one label per sample)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone, is_classifier
from sklearn.exceptions import NotFittedError

import kgtext
from kgtext.sectors import SECTORS, RuleClassifier, SectorClassifier

TOPIC_TEXTS = [
    "Футбол боюнча курама команда жеңишке жетти.",
    "Боксчу алтын медаль алды.",
    "Парламент мыйзам долбоорун кабыл алды.",
    "Депутаттар бюджетти талкуулашты.",
    "Спортчулар чемпионатка даярданууда.",
    "Өкмөт жаңы министрди дайындады.",
] * 3
TOPIC_LABELS = [{"sport"}, {"sport"}, {"politics"}, {"politics"}, {"sport"}, {"politics"}] * 3


def test_public_name():
    assert kgtext.SectorClassifier is SectorClassifier


def test_init_stores_params_unchanged():
    features = ("lemmas",)
    clf = SectorClassifier(features=features, C=0.5, labels=None)
    params = clf.get_params()
    assert params["features"] is features and params["C"] == 0.5
    assert not [k for k in vars(clf) if k.endswith("_")]


def test_set_params_and_clone():
    clf = SectorClassifier().set_params(C=2.0, cv=3)
    twin = clone(clf)
    assert twin is not clf and twin.get_params() == clf.get_params()
    assert is_classifier(clf)


def test_unfitted_raises():
    with pytest.raises(NotFittedError):
        SectorClassifier().predict(["Мектеп"])
    with pytest.raises(NotFittedError):
        SectorClassifier().explain("Мектеп")


def test_fit_returns_self_and_learns_attributes(small_model):
    assert small_model.classes_.tolist() == list(SECTORS)
    n_labels, n_features = small_model.coef_.shape
    assert n_labels == 5 and n_features == len(small_model.get_feature_names_out())
    assert ((0 < small_model.thresholds_) & (small_model.thresholds_ < 1)).all()


def test_predict_and_proba(small_model):
    texts = ["Бала бакчаларда орун жетишпейт.", "Кесиптик лицейлерге студенттер кабыл алынды."]
    proba = small_model.predict_proba(texts)
    assert proba.shape == (2, 5) and ((proba >= 0) & (proba <= 1)).all()
    predicted = small_model.predict(texts)
    assert isinstance(predicted, list) and all(isinstance(p, set) for p in predicted)
    assert "preschool" in predicted[0] and "professional" in predicted[1]
    assert predicted == [
        {c for c, p, t in zip(SECTORS, row, small_model.thresholds_, strict=True) if p >= t}
        for row in proba
    ]


def test_clone_refits_to_the_same_model(authored):
    texts, labels = [p.text for p in authored[:80]], [p.labels for p in authored[:80]]
    a = SectorClassifier(labels=SECTORS, features=("lemmas", "lexicon"), cv=2).fit(texts, labels)
    b = clone(a).fit(texts, labels)
    np.testing.assert_allclose(a.predict_proba(texts[:10]), b.predict_proba(texts[:10]))


def test_any_label_set_trains_a_topic_classifier():
    clf = SectorClassifier(features=("lemmas", "chars"), cv=2).fit(TOPIC_TEXTS, TOPIC_LABELS)
    assert clf.classes_.tolist() == ["politics", "sport"]
    assert clf.predict(["Депутаттар мыйзамды талкуулашты."]) == [{"politics"}]
    assert clf.score(TOPIC_TEXTS, TOPIC_LABELS) == 1.0


def test_bad_input_is_refused():
    clf = SectorClassifier(cv=2)
    with pytest.raises(TypeError, match="one string"):
        clf.fit("Мектеп", [{"school"}])
    with pytest.raises(ValueError, match="label sets"):
        clf.fit(["Мектеп", "Бакча"], [{"school"}])
    with pytest.raises(TypeError, match="str"):
        clf.fit(["Мектеп"], ["school"])
    with pytest.raises(ValueError, match="not in labels"):
        SectorClassifier(labels=["school"]).fit(["Бакча"], [{"preschool"}])
    with pytest.raises(ValueError, match="features"):
        SectorClassifier(features=("words",)).fit(TOPIC_TEXTS, TOPIC_LABELS)


def test_explain_gives_features_and_hits(small_model):
    text = "Бала бакчаларда тарбиячылар жетишпейт."
    why = small_model.explain(text, top=5)
    assert set(why) == set(SECTORS)
    e = why["preschool"]
    assert e.predicted and e.probability >= e.threshold
    assert 0 < len(e.contributions) <= 5
    assert {h.term for h in e.hits} >= {"бала бакча"}
    assert all(text[h.start : h.end] == h.text for h in e.hits)
    names = [c.feature for c in e.contributions]
    assert any(n.startswith(("lemma:", "lexicon:")) for n in names)
    # the decision is the intercept plus every contribution
    full = small_model.explain(text, top=10**6)["preschool"]
    assert full.decision == pytest.approx(
        full.intercept + sum(c.contribution for c in full.contributions)
    )
    assert full.decision == pytest.approx(small_model.decision_function([text])[0, 0])


def test_rule_classifier():
    rules = RuleClassifier().fit([], [])
    texts = ["Ийримдерде балдар бийлешет.", "Базарда эт кымбаттады."]
    assert rules.predict(texts) == [{"out_of_school"}, set()]
    proba = rules.predict_proba(texts)
    assert proba[0, SECTORS.index("out_of_school")] >= 0.5 > proba[1].max()
    assert rules.explain(texts[0])["out_of_school"].hits[0].term == "ийрим"
    assert clone(rules).get_params() == rules.get_params()
