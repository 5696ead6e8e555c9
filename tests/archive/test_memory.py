"""Tagging a long archive does not grow the spaCy vocabulary (memory stays flat)."""

from __future__ import annotations

import itertools

import kgtext
from kgtext.archive.tagger import tag_records

SYLLABLES = ["ка", "ла", "мек", "теп", "бак", "ча", "ор", "ду", "ны", "сү", "рөт", "күн"]


def _articles(n: int, start: int) -> list[dict[str, str]]:
    """Articles full of words never seen before (made-up stems with real endings)."""
    words = ("".join(p) for p in itertools.product(SYLLABLES, repeat=3))
    made_up = list(itertools.islice(words, start, start + 20 * n))
    return [
        {
            "id": f"a{start + i}",
            "text": "Бишкектеги мектептерде окуучулар "
            + " ".join(w + "лардын" for w in made_up[20 * i : 20 * i + 20])
            + " жөнүндө айтышты. Бала бакчаларга 2025-жылы орун берилди.",
        }
        for i in range(n)
    ]


def test_new_words_do_not_stay_in_the_vocabulary():
    nlp = kgtext.load()
    first = list(tag_records(_articles(40, 0), nlp=nlp))
    size = len(nlp.vocab.strings)
    again = list(tag_records(_articles(200, 800), nlp=nlp, context=False))
    assert len(nlp.vocab.strings) <= size + 50  # 4,000 new words, the vocabulary flat
    assert all("error" not in r for r in first + again)
    # what was tagged inside the memory zones is what the pipeline gives outside them
    plain = kgtext.load()
    for record in again[::40]:
        for passage in record["passages"]:
            doc = plain(kgtext.normalize(passage["text"]))
            assert passage["sectors"] == list(doc._.sectors)
        assert "Бишкек" in {e["canonical"] for e in record["entities"]}


def test_lemmas_survive_the_memory_zone():
    nlp = kgtext.load(components=["sentencizer", "lemmatizer"])
    with nlp.memory_zone():
        assert [t.lemma_ for t in nlp("мектептерибизде окуучулар")] == ["мектеп", "окуучу"]
    with nlp.memory_zone():  # cached lemmas are re-added to the string store
        doc = nlp("мектептерибизде окуучулар")
        assert [t.lemma_ for t in doc] == ["мектеп", "окуучу"]
        assert doc[0].pos_ == "NOUN"


def test_a_lone_surrogate_does_not_cost_the_record():
    text = "Мектепке \ud800 жаңы мугалимдер келди. Окуучулар кубанышты."
    record = next(tag_records([{"id": 1, "text": text}]))
    assert "error" not in record
    passage = record["passages"][0]
    assert text[passage["start"] : passage["end"]] == passage["text"]
    assert "school" in passage["sectors"]
