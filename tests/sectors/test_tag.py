"""kgtext.tag on real layout: the seed article and passages with no sector."""

from __future__ import annotations

import pytest

import kgtext
from kgtext.sectors import SECTORS
from kgtext.sectors.lexicon import default_lexicon

# Written for this test: children, schools or students are mentioned, no sector is the topic.
NO_SECTOR_CASES = {
    "health": (
        "Республикалык балдар ооруканасында кызылча менен ооругандардын саны көбөйдү. "
        "Дарыгерлер ата-энелерди балдарын убагында эмдетүүгө чакырышты."
    ),
    "crime_at_school": (
        "Ош шаарында түн ичинде мектептин короосунда эки жигит мушташып, бирөөсү бычак "
        "жаракатын алды. Милиция кылмыш иши боюнча шектүүнү кармады."
    ),
    "polling_station": (
        "Шайлоо күнү айылдагы мектептин имаратында шайлоо участкасы эртең мененки сегизден "
        "тартып иштеп, тургундар добуш беришти."
    ),
    "weather": "Бишкекте эртең жаан жаап, абанын температурасы он градуска чейин төмөндөйт.",
}


def test_public_name():
    assert kgtext.tag.__module__ == "kgtext.sectors.tagging"


def test_seed_passage_listing_all_five_sectors(seed_text):
    lexicon = default_lexicon()
    tagged = kgtext.tag(seed_text)
    assert [seed_text[p.start : p.end] for p in tagged] == [p.text for p in tagged]
    # the passage whose lexicon hits cover the most sectors, then the most terms
    richest = max(
        tagged,
        key=lambda p: (
            len({h.label for h in lexicon.match(p.text) if not h.negative}),
            len(lexicon.match(p.text)),
        ),
    )
    assert {h.label for h in lexicon.match(richest.text)} >= set(SECTORS)
    assert set(richest.sectors) == set(SECTORS)
    for label in SECTORS:
        evidence = richest.evidence[label]
        assert evidence.probability >= evidence.threshold and evidence.hits


@pytest.mark.parametrize("name", sorted(NO_SECTOR_CASES))
def test_passages_without_a_sector_get_none(name):
    (passage,) = kgtext.tag(NO_SECTOR_CASES[name])
    assert passage.sectors == ()
    assert passage.evidence == {}


def test_tag_offsets_and_probabilities():
    text = "Бала бакчаларда орун жетишпейт.\n\nКесиптик лицейлерге студенттер кабыл алынды."
    tagged = kgtext.tag(text, evidence=False)
    assert [(p.start, p.end) for p in tagged] == [(0, 31), (33, 77)]
    assert [p.sectors for p in tagged] == [("preschool",), ("professional",)]
    assert set(tagged[0].probabilities) == set(SECTORS)
    assert kgtext.tag("") == []
