"""The seed article (read from ../shared at run time) yields what a reader sees in it."""

from __future__ import annotations

ORGS = {
    "Билим берүү жана илим министрлиги",
    "Ага Хан фонду",
    "Ала-Тоо эл аралык университети",
    "Жогорку Кеңеш",
}


def test_seed_organisations_and_programme(ents_nlp, seed_text):
    doc = ents_nlp(seed_text)
    canon = {(e.label_, e._.canonical) for e in doc.ents}
    assert {c for label, c in canon if label == "ORG"} >= ORGS
    assert ("PROGRAMME", "«Алтын Казык» программасы") in canon
    programmes = [e for e in doc.ents if e.label_ == "PROGRAMME"]
    assert len(programmes) >= 3  # the programme is named three times
    assert all(e.text.startswith("«Алтын Казык»") for e in programmes)


def test_seed_has_no_generic_noun_entities(ents_nlp, seed_text):
    doc = ents_nlp(seed_text)
    assert not [e for e in doc.ents if e.text.startswith("ЖОЖ")]
