"""The spaCy component: factory, user patterns, persistence, displaCy, extract()."""

from __future__ import annotations

import spacy
from spacy import displacy

import kgtext
from kgtext.entities import Entity, extract
from kgtext.entities.patterns import PatternError, load_patterns

ENTITY_PIPES = ("sentencizer", "lemmatizer", "entities")


def test_factory_entry_point_and_default_pipe():
    from kgtext.pipeline import DEFAULT_COMPONENTS

    assert ("entities", "kgtext_entities", "kgtext.entities.component") in DEFAULT_COMPONENTS
    nlp = kgtext.load(ENTITY_PIPES)
    assert "entities" in nlp.pipe_names
    assert nlp.get_pipe_meta("entities").factory == "kgtext_entities"


def test_shipped_patterns_are_valid_spacy_matcher_patterns():
    from spacy.matcher import Matcher

    from kgtext.entities.component import register_extensions

    register_extensions()
    nlp = spacy.blank("ky")
    matcher = Matcher(nlp.vocab, validate=True)
    for i, pat in enumerate(load_patterns("entity_patterns.jsonl")):
        if not isinstance(pat.pattern, str):
            matcher.add(f"p{i}", [list(pat.pattern)])


def test_add_patterns_token_and_phrase():
    nlp = kgtext.load(ENTITY_PIPES)
    ents = nlp.get_pipe("entities")
    ents.add_patterns(
        [
            {"label": "ORG", "pattern": "Тунгуч Билим", "id": "user.tungush"},
            {
                "label": "PROGRAMME",
                "pattern": [{"LOWER": "тоо"}, {"_": {"kg_lemma": "окуу"}}],
                "id": "user.too",
            },
        ]
    )
    doc = nlp("Тунгуч Билимге кат келди. Тоо окуусунда жолугабыз.")
    got = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert ("Тунгуч Билимге", "ORG", "user.tungush") in got
    assert ("Тоо окуусунда", "PROGRAMME", "user.too:Тоо окуусу") in got


def test_add_patterns_from_jsonl(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"label": "LOC", "pattern": "Кең-Суу", "id": "mine.1"}\n', encoding="utf-8")
    nlp = kgtext.load(ENTITY_PIPES)
    nlp.get_pipe("entities").add_patterns_from_jsonl(path)
    assert [e.text for e in nlp("Кең-Сууга бардык.").ents] == ["Кең-Сууга"]


def test_bad_pattern_is_a_clear_error():
    nlp = kgtext.load(ENTITY_PIPES)
    try:
        nlp.get_pipe("entities").add_patterns([{"label": "ORG", "pattern": [{"POS": "X"}]}])
    except PatternError as err:
        assert "POS" in str(err)
    else:  # pragma: no cover
        raise AssertionError("expected PatternError")


def test_to_disk_spacy_load_round_trip(tmp_path):
    nlp = kgtext.load(ENTITY_PIPES)
    nlp.get_pipe("entities").add_patterns([{"label": "ORG", "pattern": "Тунгуч Билим"}])
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert [p.pattern for p in again.get_pipe("entities").user_patterns] == ["Тунгуч Билим"]
    doc = again("Тунгуч Билимдин окуучулары 26-мартта келди.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Тунгуч Билимдин", "ORG"),
        ("26-мартта", "DATE"),
    ]


def test_overwrite_ents_false_keeps_existing(ents_nlp):
    from spacy.tokens import Span

    doc = ents_nlp.make_doc("Азамат ББИМге барды.")
    doc.ents = [Span(doc, 0, 1, label="PER")]
    for _, pipe in ents_nlp.pipeline:
        doc = pipe(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Азамат", "PER"), ("ББИМге", "ORG")]


def test_displacy_renders(ents_nlp):
    html = displacy.render(ents_nlp("ББИМдин кеңешмеси Бишкекте өттү."), style="ent")
    assert "ББИМдин" in html and "ORG" in html


def test_extract_records():
    got = extract("ББИМдин жыйыны 2025-жылдын 26-февралында Бишкекте өттү.")
    assert got[0] == Entity(
        "ORG", "ББИМдин", 0, 7, "Билим берүү жана илим министрлиги", None, "kg.mon"
    )
    assert [(e.label, e.value) for e in got[1:]] == [("DATE", "2025-02-26"), ("LOC", None)]
