"""The fast path (:meth:`Analyzer.lemma`) agrees with the full search, and the
conventions the lemmas follow (UD KTMU capitals, names colleagues match on)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgtext.alphabet import KYRGYZ_LOWER
from kgtext.morph import Analyzer, analyze, best_reading, default_analyzer, lemmatize
from kgtext.morph.analyzer import _N, _V

# Lemmas other components match on (entities, sector features): must not move.
MATCHING_CASES = [
    ("министрлигинин", "министрлик"),
    ("фондунун", "фонд"),
    ("мектептерибизде", "мектеп"),
    ("ЖОЖдордо", "ЖОЖ"),
    ("Бишкектеги", "Бишкек"),
    ("университетинин", "университет"),
    ("программасынын", "программа"),
]
# UD KTMU writes the first letter of the lemma as in the word, acronyms in capitals,
# and a capitalised -лык word from an adjective stem in lower case (from a noun stem it
# keeps the capital: Мамлекеттик -> Мамлекет 19 times in KTMU, мамлекет twice).
CAPITALS_CASES = [
    ("Мектептерде", "Мектеп"),
    ("Министрликтин", "Министрлик"),
    ("УКМКнын", "УКМК"),
    ("ББИМдин", "ББИМ"),
    ("Улуттук", "улут"),
    ("Мамлекеттик", "Мамлекет"),
    ("бишкектик", "бишкек"),
]
# A final soft sign is not written before a suffix.
SOFT_SIGN_CASES = [("февралда", "февраль"), ("январында", "январь")]
# Verbal nouns in -уу take the verb stem as lemma (UD KTMU, where no noun is listed).
VERBAL_NOUN_CASES = [("изилдөө", "изилде"), ("колдоосу", "колдо"), ("сактоо", "сакта")]

WORDS = [w for w, _ in MATCHING_CASES + CAPITALS_CASES + SOFT_SIGN_CASES + VERBAL_NOUN_CASES]
WORDS += ["", "-", "2025-жылы", "100дөн", "%ы", "мага", "Ал", "ЕАЭБдин", "xyz", "Airlines"]
WORDS += ["сактоо", "коюлду", "китеби", "мурду", "балдарыма", "Сооронбайдын", "ата-энелер"]


@pytest.mark.parametrize(
    ("word", "lemma"), MATCHING_CASES + CAPITALS_CASES + SOFT_SIGN_CASES + VERBAL_NOUN_CASES
)
def test_lemma(word: str, lemma: str) -> None:
    assert lemmatize(word) == lemma


@pytest.mark.parametrize("word", WORDS)
def test_fast_path_agrees_with_full_search(word: str) -> None:
    analyzer = default_analyzer()
    assert analyzer.lemma(word) == analyzer.analyze(word)[0].lemma


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=KYRGYZ_LOWER + "АБЖКМӨҮ-", min_size=1, max_size=16))
def test_fast_path_agrees_on_any_word(word: str) -> None:
    analyzer = default_analyzer()
    assert analyzer.lemma(word) == analyzer.analyze(word)[0].lemma


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=KYRGYZ_LOWER, min_size=1, max_size=14))
def test_ending_filter_is_sound(word: str) -> None:
    """Every ending a reading strips is one the letter automaton accepts."""
    analyzer = Analyzer()
    for analysis in analyzer.analyze(word):
        if analysis.tags in ((), ("closed",)):
            continue
        rest = "".join(analysis.suffixes)
        if rest and word.endswith(rest):
            assert analyzer._mask(rest) & (_N | _V), (word, analysis)


def test_confidence_is_a_distribution() -> None:
    analyses = analyze("китептеринен")
    assert abs(sum(a.confidence for a in analyses) - 1.0) < 0.01
    assert analyses[0].confidence == max(a.confidence for a in analyses)


def test_best_reading() -> None:
    reading = best_reading("мектептерибизде")
    assert (reading.lemma, reading.pos) == ("мектеп", "NOUN")
    assert "Case=Loc" in reading.morph
    assert 0.9 <= reading.pos_confidence <= 1.0
    assert reading.confidence <= reading.pos_confidence


def test_fresh_analyzers_agree() -> None:
    """Memo tables only speed things up: a fresh analyser gives the same lemmas."""
    words = [w for w in WORDS if w]
    warm = default_analyzer()
    for word in words:
        warm.lemma(word)
    fresh = Analyzer()
    assert [fresh.lemma(w) for w in words] == [warm.lemma(w) for w in words]
