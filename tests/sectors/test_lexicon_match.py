"""The rule layer finds inflected terms on lemmas and stems, and negative contexts."""

from __future__ import annotations

import pytest

from kgtext.sectors.lexicon import SECTORS, Lexicon, Term, default_lexicon, words

INFLECTED_CASES = [
    ("Айылда бала бакчаларга оюнчук келди.", "preschool", "бала бакча", "бала бакчаларга"),
    ("Бул мугалимдерибиздин эмгеги.", "school", "мугалим", "мугалимдерибиздин"),
    ("Балдар ийримдерде сүрөт тартууну үйрөнүшөт.", "out_of_school", "ийрим", "ийримдерде"),
    ("Быйыл ЖОЖдордо окуу акысы өстү.", "professional", "ЖОЖ", "жождордо"),
    ("Кесиптик лицейлерде адистик ачылды.", "professional", "кесиптик лицей",
     "кесиптик лицейлерде"),
    ("Мектептерибизде компьютерлер жетишсиз.", "school", "мектеп", "мектептерибизде"),
    ("Окуучулардын саны өстү.", "school", "окуучу", "окуучулардын"),
    ("Мугалимдердин квалификациясын жогорулатуу курстары башталды.", "teacher_training",
     "квалификация жогорулатуу", "квалификациясын жогорулатуу"),
    ("Ал 9-класстын окуучусу.", "school", "класс", "9-класстын"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "label", "term", "surface"), INFLECTED_CASES)
def test_finds_inflected_terms(text, label, term, surface):
    hits = [h for h in default_lexicon().match(text) if h.label == label and not h.negative]
    assert (term, surface) in [(h.term, h.text.lower()) for h in hits]
    for h in hits:
        assert text[h.start : h.end] == h.text


def test_longest_hit_wins_within_a_sector():
    hits = default_lexicon().match("Балдар бакчасынын тарбиячылары келди.")
    preschool = [h.term for h in hits if h.label == "preschool"]
    assert preschool == ["балдар бакча тарбиячы"]


def test_negative_context_cancels_a_sector():
    scores = default_lexicon().scores("Мектептин имаратында шайлоо участкасы ачылды.")
    assert scores["school"].positive > 0
    assert scores["school"].net <= 0


def test_phrases_do_not_cross_punctuation():
    lex = Lexicon([Term("preschool", "бала бакча", "phrase", 3.0)])
    assert lex.match("бала бакчага барат") != []
    assert lex.match("бала, бакча") == []


def test_offsets_survive_normalisation():
    text = "Жаңы\u00a0мeктeптe окуучулар"  # no-break space, Latin e
    hits = default_lexicon().match(text)
    assert ("мектеп окуучу", "мeктeптe окуучулар") in [(h.term, h.text) for h in hits]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_every_sector_has_terms():
    assert default_lexicon().labels == SECTORS


def test_words_are_cached_records():
    ws = words("ЖОЖдордо окуучулар")
    assert [w.lemmas[0] for w in ws] == ["жож", "окуучу"]
    assert words("ЖОЖдордо окуучулар") is ws


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        Lexicon([Term("school", "мектеп", "regex", 1.0)])
