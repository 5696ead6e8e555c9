"""The spaCy component kgtext_sectors: doc.cats, doc._.sectors, saving with the pipeline."""

from __future__ import annotations

import pytest
import spacy

from kgtext.sectors.component import SectorTagger

TEXT = "Бала бакчаларда орун жетишпейт, кезекте 500 бала турат."


def test_in_the_default_pipeline(nlp):
    assert "sectors" in nlp.pipe_names
    doc = nlp(TEXT)
    assert "preschool" in doc._.sectors
    assert set(doc.cats) == set(doc._.sector_probabilities)


TEXTS = [TEXT, "Базарда эт кымбаттады.", "Ийримдерде балдар бийлешет.", "ЖОЖдордо студенттер"]


def test_cats_are_probabilities_decided_at_the_pipe_thresholds(nlp):
    thresholds = nlp.get_pipe("sectors").thresholds
    for doc in nlp.pipe(TEXTS):
        assert doc.cats == doc._.sector_probabilities
        over = {label for label, p in doc.cats.items() if p >= thresholds[label]}
        assert over == set(doc._.sectors)


def test_decision_scores_cross_one_half_exactly_at_the_threshold():
    nlp = spacy.blank("ky")
    pipe = nlp.add_pipe("kgtext_sectors", config={"scores": "decision"})
    assert isinstance(pipe, SectorTagger)
    for doc in nlp.pipe(TEXTS):
        over = {label for label, score in doc.cats.items() if score >= 0.5}
        assert over == set(doc._.sectors)


def test_scores_option_is_checked():
    with pytest.raises(ValueError, match="scores"):
        spacy.blank("ky").add_pipe("kgtext_sectors", config={"scores": "odds"})


def test_to_disk_from_disk(tmp_path, small_model):
    nlp = spacy.blank("ky")
    pipe = nlp.add_pipe("kgtext_sectors")
    pipe.model = small_model
    expected = nlp(TEXT).cats
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "kgtext_sectors" / "model.json").exists()
    again = spacy.load(tmp_path / "pipeline")
    # reloaded, the pipe predicts with the compiled (numpy-only) model: same numbers
    assert again(TEXT).cats == pytest.approx(expected, abs=1e-12)
    again.to_disk(tmp_path / "again")
    for name in ("model.json", "arrays.npz"):  # written back byte for byte
        first = (tmp_path / "pipeline" / "kgtext_sectors" / name).read_bytes()
        assert (tmp_path / "again" / "kgtext_sectors" / name).read_bytes() == first
    blob = pipe.to_bytes()
    other = spacy.blank("ky").add_pipe("kgtext_sectors").from_bytes(blob)
    assert other.model.get_params() == small_model.get_params()


def test_model_from_config(tmp_path, small_model):
    from kgtext.sectors.persist import save_model

    save_model(small_model, tmp_path / "m")
    nlp = spacy.blank("ky")
    nlp.add_pipe("kgtext_sectors", config={"model": str(tmp_path / "m")})
    assert nlp(TEXT)._.sector_probabilities == pytest.approx(
        dict(zip(small_model.classes_, small_model.predict_proba([TEXT])[0], strict=True))
    )
