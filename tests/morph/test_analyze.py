"""Analyser: named case lists per suffix family, each a Kyrgyz word form and its lemma."""

from __future__ import annotations

import pytest

from kgtext.morph import Analyzer, analyze, lemmatize
from kgtext.morph.data import LexEntry, core_lexicon, suffixes

PLURAL_CASES = [
    ("мектептер", "мектеп"),
    ("балдар", "бала"),
    ("окуучулар", "окуучу"),
    ("мугалимдер", "мугалим"),
    ("тоолор", "тоо"),
    ("көлдөр", "көл"),
    ("үйлөр", "үй"),
    ("жолдор", "жол"),
    ("студенттер", "студент"),
]
GENITIVE_CASES = [
    ("мектептин", "мектеп"),
    ("баланын", "бала"),
    ("жолдун", "жол"),
    ("үйдүн", "үй"),
    ("өлкөнүн", "өлкө"),
    ("шаардын", "шаар"),
    ("университеттин", "университет"),
]
ACCUSATIVE_CASES = [("китепти", "китеп"), ("баланы", "бала"), ("жолду", "жол"), ("үйдү", "үй")]
DATIVE_CASES = [
    ("мектепке", "мектеп"),
    ("балага", "бала"),
    ("тоого", "тоо"),
    ("күнгө", "күн"),
    ("сабакка", "сабак"),
    ("колледжге", "колледж"),
]
LOCATIVE_CASES = [("мектепте", "мектеп"), ("үйдө", "үй"), ("шаарда", "шаар"), ("Ошто", "Ош")]
ABLATIVE_CASES = [("мектептен", "мектеп"), ("шаардан", "шаар"), ("көлдөн", "көл")]
POSSESSIVE_CASES = [
    ("китебим", "китеп"),
    ("китебиң", "китеп"),
    ("китебиңиз", "китеп"),
    ("баласы", "бала"),
    ("багы", "бак"),
    ("китебибиз", "китеп"),
    ("мектептериңер", "мектеп"),
    ("министрлиги", "министрлик"),
]
N_FORM_CASES = [
    ("баласын", "бала"),
    ("баласына", "бала"),
    ("баласында", "бала"),
    ("баласынан", "бала"),
    ("министрлигинин", "министрлик"),
    ("университетинин", "университет"),
]
KI_CASES = [("Бишкектеги", "Бишкек"), ("үйдөгү", "үй"), ("мектептеги", "мектеп")]
DERIVATION_CASES = [
    ("мамлекеттик", "мамлекет"),
    ("билимдүү", "билим"),
    ("билимсиз", "билим"),
    ("жумушчулар", "жумушчу"),
]
PREDICATIVE_CASES = [("мугалиммин", "мугалим"), ("окуучусуң", "окуучу")]
VERB_CASES = [
    ("берди", "бер"),
    ("кетти", "кет"),
    ("бардым", "бар"),
    ("барат", "бар"),
    ("окуйт", "оку"),
    ("барбайт", "бар"),
    ("барган", "бар"),
    ("өткөн", "өт"),
    ("барып", "бар"),
    ("жасап", "жаса"),
    ("барса", "бар"),
    ("барсак", "бар"),
    ("өтүүдө", "өт"),
    ("алуу", "ал"),
    ("сактоо", "сакта"),
    ("изилдөө", "изилде"),
    ("берүүчү", "бер"),
    ("баргыла", "бар"),
    ("барыңыз", "бар"),
]
VOICE_CASES = [
    ("кайтарылды", "кайтар"),
    ("алынды", "ал"),
    ("коюлду", "кой"),
    ("жолугушту", "жолук"),
    ("жаздырды", "жаз"),
    ("чыгарды", "чыгар"),  # KTMU: чыгар 10 times, чык once
]
ACRONYM_CASES = [
    ("ЖОЖдор", "ЖОЖ"),
    ("ЖОЖдордо", "ЖОЖ"),
    ("ББИМдин", "ББИМ"),
    ("УКМКнын", "УКМК"),
    ("БУУнун", "БУУ"),
]
NUMBER_CASES = [("2025-жылы", "2025-жыл"), ("100дөн", "100"), ("%ы", "%"), ("40ка", "40")]
LOANWORD_CASES = [
    ("колледжге", "колледж"),
    ("министрлигинин", "министрлик"),
    ("университетинин", "университет"),
    ("программасы", "программа"),
    ("рыногу", "рынок"),
]
LOOKALIKE_CASES = [("мeктeптe", "мектеп"), ("кeңeштин", "кеңеш")]
VOWEL_LOSS_CASES = [("мурду", "мурун"), ("ордуна", "орун"), ("убактында", "убакыт")]
CLOSED_CASES = [("мага", "мен"), ("анын", "ал"), ("мунун", "бул")]

ALL_CASES = (
    PLURAL_CASES
    + GENITIVE_CASES
    + ACCUSATIVE_CASES
    + DATIVE_CASES
    + LOCATIVE_CASES
    + ABLATIVE_CASES
    + POSSESSIVE_CASES
    + N_FORM_CASES
    + KI_CASES
    + DERIVATION_CASES
    + PREDICATIVE_CASES
    + VERB_CASES
    + VOICE_CASES
    + ACRONYM_CASES
    + NUMBER_CASES
    + LOANWORD_CASES
    + LOOKALIKE_CASES
    + VOWEL_LOSS_CASES
    + CLOSED_CASES
)


@pytest.mark.parametrize(("word", "lemma"), ALL_CASES)
def test_lemma(word: str, lemma: str) -> None:
    assert lemmatize(word) == lemma


def test_analysis_fields() -> None:
    best = analyze("мектептеринде")[0]
    assert best.lemma == "мектеп"
    assert best.pos == "NOUN"
    assert best.suffixes == ("тер", "и", "нде")
    assert best.feats["Case"] == "Loc"
    assert best.feats["Number"] == "Plur"
    assert "Case=Loc" in best.ud_feats


def test_ranked_best_first() -> None:
    scores = [a.score for a in analyze("китептеринен")]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("word", ["", "...", "xyz", "2025", "-", "Ъ"])
def test_never_empty(word: str) -> None:
    result = analyze(word)
    assert result
    assert result[0].lemma == word or result[0].lemma


def test_names_keep_capital() -> None:
    assert lemmatize("Бишкектеги") == "Бишкек"
    assert analyze("Бишкектеги")[0].pos == "PROPN"


@pytest.mark.parametrize("row", suffixes(), ids=lambda s: s.id)
def test_every_suffix_example_parses(row) -> None:
    analyses = Analyzer([], include_core=True).analyze(row.example)
    assert any(row.id in a.tags for a in analyses), row


@pytest.mark.parametrize("entry", core_lexicon()[::7], ids=lambda e: e.lemma)
def test_core_lexicon_examples(entry) -> None:
    from kgtext._resources import data_lines
    from kgtext.morph.data import _rows

    examples = {r[0]: r[2] for r in _rows(data_lines("lexicon_core.tsv"))}
    assert entry.lemma in [a.lemma for a in analyze(examples[entry.lemma])]


def test_kept_suffix_keeps_its_merged_vowel() -> None:
    # жай + ла + оо + су: the -ла of the derived verb merged into -оо; the lemma is the
    # whole verb, not a stem cut in the middle of the suffix
    analyzer = Analyzer([LexEntry("жай", "NOUN", 5)], include_core=False, rules={})
    derived = [a for a in analyzer.analyze("жайлоосу") if a.tags[:1] == ("verbal",)]
    assert derived and {a.lemma for a in derived} == {"жайла"}


@pytest.mark.parametrize(("word", "lemma"), [("рейтингинде", "рейтинг"), ("брифингге", "брифинг")])
def test_guessed_loan_keeps_ng(word: str, lemma: str) -> None:
    # Kyrgyz writes its own velar nasal ң: the г of нг is not a voiced к
    analyzer = Analyzer([], include_core=False, rules={})
    assert analyzer.lemma(word) == lemma
    assert all(a.lemma != lemma[:-1] + "к" for a in analyzer.analyze(word))


def test_guessed_stem_final_k_still_voiced() -> None:
    assert Analyzer([], include_core=False, rules={}).lemma("багы") == "бак"
