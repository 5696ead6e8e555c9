"""kgtext.load(): spaCy tokens are kgtext's tokens, sentences kgtext's sentences."""

from __future__ import annotations

import spacy

import kgtext


def test_tokens_and_sentences_match_kgtext(nlp) -> None:
    text = "  Н.Эсеналиева 2025-жылы ЖОЖдорду кыдырды.\n\nЖыйын т.б. маселелерди карады.  "
    doc = nlp(text)
    assert doc.text == text
    words = [t.text for t in doc if not t.is_space]
    assert words == [t.text for t in kgtext.tokenize(text)]
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [s.text for s in kgtext.sentenize(text)]


def test_lemmas_are_set(nlp) -> None:
    doc = nlp("Бишкектеги мектептерде окуучулар окушат.")
    assert [t.lemma_ for t in doc][:3] == ["Бишкек", "мектеп", "окуучу"]
    assert doc[-1].pos_ == "PUNCT"


def test_round_trip_through_disk(nlp, tmp_path) -> None:
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert again.pipe_names == nlp.pipe_names
    text = "Проф. Асанов сүйлөдү. УЛАНУУДА26-мартта жыйын өттү."
    assert [t.text for t in again(text)] == [t.text for t in nlp(text)]
    assert [s.text for s in again(text).sents] == [s.text for s in nlp(text).sents]


def test_load_can_leave_components_out() -> None:
    assert "lemmatizer" not in kgtext.load(exclude=["lemmatizer"]).pipe_names
    assert kgtext.load(components=["sentencizer"]).pipe_names == ["sentencizer"]
