"""Sentence splitting: named case lists (text the project wrote) and the seed article."""

from __future__ import annotations

import pytest

from kgtext.segment import explain, sentenize
from kgtext.segment.sentenize import SENTENCE_RULES

ABBREVIATION_CASES = [
    (
        "Китептер, дептерлер ж.б. окуу куралдары сатылат. Баасы арзан.",
        ["Китептер, дептерлер ж.б. окуу куралдары сатылат.", "Баасы арзан."],
    ),
    (
        "Нарын, Талас, Баткен ж.б. Жыйын 10-апрелде өтөт.",
        ["Нарын, Талас, Баткен ж.б.", "Жыйын 10-апрелде өтөт."],
    ),
    ("Мекеме Киев көч. 96 дарегинде иштейт.", ["Мекеме Киев көч. 96 дарегинде иштейт."]),
    ("Баяндаманы проф. Асанов окуду.", ["Баяндаманы проф. Асанов окуду."]),
    (
        "Мектеп 1985-ж. курулган. Быйыл ремонттолот.",
        ["Мектеп 1985-ж. курулган.", "Быйыл ремонттолот."],
    ),
    (
        "Долбоорго 12 млн. АКШ доллары бөлүндү. Иш башталды.",
        ["Долбоорго 12 млн. АКШ доллары бөлүндү.", "Иш башталды."],
    ),
]

INITIAL_CASES = [
    (
        "Н.Эсеналиева жыйынды ачты. Ал сөз сүйлөдү.",
        ["Н.Эсеналиева жыйынды ачты.", "Ал сөз сүйлөдү."],
    ),
    ("Жыйынга А. Б. Осмонов катышты.", ["Жыйынга А. Б. Осмонов катышты."]),
]

QUOTE_CASES = [
    (
        "«Биз бул ишти улантабыз», — деди ал. Жыйын аяктады.",
        ["«Биз бул ишти улантабыз», — деди ал.", "Жыйын аяктады."],
    ),
    ("Биз даярбыз! — деди министр.", ["Биз даярбыз! — деди министр."]),
    (
        "Ал мындай деди: «Мектеп ачылат.» Андан кийин суроолор берилди.",
        ["Ал мындай деди: «Мектеп ачылат.»", "Андан кийин суроолор берилди."],
    ),
    (
        "Бюджет кабыл алынды (жалпы 5 млрд сом.) Кийинки маселе каралды.",
        ["Бюджет кабыл алынды (жалпы 5 млрд сом.)", "Кийинки маселе каралды."],
    ),
]

LINE_CASES = [
    (
        "МЕКТЕПТЕР ЖАҢЫ ОКУУ ЖЫЛЫНА ДАЯР\nБыйыл 120 мектеп ремонттолду.",
        ["МЕКТЕПТЕР ЖАҢЫ ОКУУ ЖЫЛЫНА ДАЯР", "Быйыл 120 мектеп ремонттолду."],
    ),
    ("Биринчи абзац\n\nЭкинчи абзац", ["Биринчи абзац", "Экинчи абзац"]),
    (
        "Күн тартиби:\n• бюджет\n• мектептер\n1. Окуу китептери",
        ["Күн тартиби:", "• бюджет", "• мектептер", "1. Окуу китептери"],
    ),
    (
        "Мектептердин саны быйыл\nкөбөйдү жана жаңы имараттар курулду.",
        ["Мектептердин саны быйыл\nкөбөйдү жана жаңы имараттар курулду."],
    ),
]

GLUED_CASES = [
    (
        "ЖЫЙЫН УЛАНУУДА26-мартта сессиялар өттү.",
        ["ЖЫЙЫН УЛАНУУДА", "26-мартта сессиялар өттү."],
    ),
    ("ЖЫЙЫН УЛАНУУДААр бир топ иштеди.", ["ЖЫЙЫН УЛАНУУДА", "Ар бир топ иштеди."]),
    ("КЕҢЕШ ӨТТҮ«Алтын Казык» талкууланды.", ["КЕҢЕШ ӨТТҮ", "«Алтын Казык» талкууланды."]),
]

PUNCT_CASES = [
    ("Эмне болду?! Баары жакшы.", ["Эмне болду?!", "Баары жакшы."]),
    ("Эмне болду?. Баары жакшы.", ["Эмне болду?.", "Баары жакшы."]),
    ("Күтөбүз... Жооп келди.", ["Күтөбүз...", "Жооп келди."]),
    ("Күтөбүз... анан жооп келди.", ["Күтөбүз... анан жооп келди."]),
    ("Баасы 3.5 пайызга өстү. Бул жакшы.", ["Баасы 3.5 пайызга өстү.", "Бул жакшы."]),
    ("Ал 24.kg сайтына айтты. Маалымат так.", ["Ал 24.kg сайтына айтты.", "Маалымат так."]),
]

ALL = {
    "abbreviation": ABBREVIATION_CASES,
    "initial": INITIAL_CASES,
    "quote": QUOTE_CASES,
    "line": LINE_CASES,
    "glued": GLUED_CASES,
    "punct": PUNCT_CASES,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, e, id=f"{k}:{t[:24]}") for k, cases in ALL.items() for t, e in cases],
)
def test_sentences(text: str, expected: list[str]) -> None:
    sents = sentenize(text)
    assert [s.text for s in sents] == expected
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_rules_are_named_and_documented() -> None:
    names = [r.name for r in SENTENCE_RULES]
    assert len(names) == len(set(names))
    assert names[-1] == "end_mark"
    assert all(r.description for r in SENTENCE_RULES)


def test_explain_names_the_rule_for_each_decision() -> None:
    decisions = [
        d
        for d in explain("«Даярбыз!» — деди ал. Проф. Асанов т.б. Жыйын.")
        if d.level == "sentence"
    ]
    assert [(d.verdict, d.rule) for d in decisions] == [
        ("join", "reported_speech"),
        ("split", "end_mark"),
        ("join", "abbreviation"),
        ("split", "abbreviation"),
    ]


def test_seed_article_split_as_a_person_would(seed_text: str) -> None:
    sents = [s.text for s in sentenize(seed_text)]
    # the glued headline is a sentence of its own, every time it is repeated
    title = sents[0]
    assert title.isupper() and title.endswith("УЛАНУУДА")
    assert sents.count(title) == 5
    starts = [s.split()[0] for s in sents]
    for start in ("26-мартта", "Программаны", "Ар", "«Алтын"):
        assert start in starts, start
    # the four questions are four sentences
    assert sum(s.endswith("?") for s in sents) == 4
    # the list of five sectors stays inside one sentence
    (listing,) = [s for s in sents if "мектепке чейинки" in s]
    assert "кесиптик билим берүү" in listing and listing.endswith("айтышты.")
    # boilerplate lines are sentences, not glued onto the last paragraph
    assert sents[-2:] == ["Бөлүшүү", "Комментарийлер"]
