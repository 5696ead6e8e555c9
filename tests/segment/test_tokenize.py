"""Named case lists, one per phenomenon; each case is text this project wrote."""

from __future__ import annotations

import pytest

from kgtext.segment import tokenize
from kgtext.segment.tokenize import split_glued_headline, tokenize_with_rules, ud_tokens

HYPHEN_CASES = [
    ("Ала-Тоо эл-аралык университети", ["Ала-Тоо", "эл-аралык", "университети"]),
    ("адистердин ой-пикирлерин угушту", ["адистердин", "ой-пикирлерин", "угушту"]),
    ("Жалал-Абадда иш-чара өттү", ["Жалал-Абадда", "иш-чара", "өттү"]),
    ("COVID-19 пандемиясы", ["COVID-19", "пандемиясы"]),
    ("орто- жана жогорку окуу жайлар", ["орто-", "жана", "жогорку", "окуу", "жайлар"]),
    ("Ош - Бишкек жолу", ["Ош", "-", "Бишкек", "жолу"]),
    ("Нарын — Торугарт", ["Нарын", "—", "Торугарт"]),
]

NUMBER_SUFFIX_CASES = [
    ("2025-жылы", ["2025-жылы"]),
    ("26-мартта түштөн кийин", ["26-мартта", "түштөн", "кийин"]),
    ("жумушсуздук 22,2%га кыскарды", ["жумушсуздук", "22,2%га", "кыскарды"]),
    ("саат 12:00гө чейин", ["саат", "12:00гө", "чейин"]),
    ("80% окуучу", ["80%", "окуучу"]),
    ("1,5 млрд сом", ["1,5", "млрд", "сом"]),
    ("2024-2025-окуу жылында", ["2024-2025-окуу", "жылында"]),
    ("5- жана 6-класстар", ["5-", "жана", "6-класстар"]),
    ("26.02.2025 күнү", ["26.02.2025", "күнү"]),
    ("№3 мектеп", ["№3", "мектеп"]),
    ("1990-жылдары ачылган", ["1990-жылдары", "ачылган"]),
    ("3:1 эсебинде", ["3:1", "эсебинде"]),
]

ACRONYM_CASES = [
    ("ЖОЖдор жана ЖОЖдордо", ["ЖОЖдор", "жана", "ЖОЖдордо"]),
    ("ЕАЭБдин өлкөлөрү", ["ЕАЭБдин", "өлкөлөрү"]),
    ("ББИМдин буйругу", ["ББИМдин", "буйругу"]),
    ("KOICAнын колдоосу", ["KOICAнын", "колдоосу"]),
    ("ЮНИСЕФтин өкүлү", ["ЮНИСЕФтин", "өкүлү"]),
]

ABBREV_CASES = [
    ("китептер, дептерлер ж.б.у.с. сатылат", ["китептер", ",", "дептерлер", "ж.б.у.с.", "сатылат"]),
    ("Нарын, Талас ж.б. облустар", ["Нарын", ",", "Талас", "ж.б.", "облустар"]),
    ("б.з.ч. III кылым", ["б.з.ч.", "III", "кылым"]),
    ("физика т.б. сабактар", ["физика", "т.б.", "сабактар"]),
    ("1985-ж. курулган", ["1985-ж.", "курулган"]),
    ("Киев көч. 96", ["Киев", "көч.", "96"]),
    ("120 млн. сом", ["120", "млн.", "сом"]),
]

INITIAL_CASES = [
    ("Н.Эсеналиева сүйлөдү", ["Н.", "Эсеналиева", "сүйлөдү"]),
    ("А. Жапаров келди", ["А.", "Жапаров", "келди"]),
    ("С.Ж.Токтогулов", ["С.", "Ж.", "Токтогулов"]),
]

QUOTE_CASES = [
    ("«Алтын Казык» программасы", ["«", "Алтын", "Казык", "»", "программасы"]),
    ("“Кут Билим” гезити", ["“", "Кут", "Билим", "”", "гезити"]),
    ('"Нарын" аэропорту', ['"', "Нарын", '"', "аэропорту"]),
    ("(ЖОЖдор)", ["(", "ЖОЖдор", ")"]),
]

GLUED_HEADLINE_CASES = [
    ("ЖЫЙЫН УЛАНУУДА26-мартта", ["ЖЫЙЫН", "УЛАНУУДА", "26-мартта"]),
    ("ЖЫЙЫН УЛАНУУДАПрограмманы", ["ЖЫЙЫН", "УЛАНУУДА", "Программаны"]),
    ("МЕКТЕПТЕР АЧЫЛДЫАр бир", ["МЕКТЕПТЕР", "АЧЫЛДЫ", "Ар", "бир"]),
    ("ОКУУ ЖЫЛЫ БАШТАЛДЫ«Алтын", ["ОКУУ", "ЖЫЛЫ", "БАШТАЛДЫ", "«", "Алтын"]),
    ("КЕҢЕШ ӨТТҮМектептерде", ["КЕҢЕШ", "ӨТТҮ", "Мектептерде"]),
]

WEB_CASES = [
    ("24.kg агенттиги", ["24.kg", "агенттиги"]),
    ("www.edu.gov.kg сайтында.", ["www.edu.gov.kg", "сайтында", "."]),
    ("https://edu.gov.kg/news/12.", ["https://edu.gov.kg/news/12", "."]),
    ("info@edu.kg дарегине", ["info@edu.kg", "дарегине"]),
    ("#билим #мектеп", ["#билим", "#мектеп"]),
]

PUNCT_CASES = [
    ("Эмне болду?!", ["Эмне", "болду", "?!"]),
    ("Күтөбүз...", ["Күтөбүз", "..."]),
    ("Күтөбүз…", ["Күтөбүз", "…"]),
    ("Бишкек, Ош; Нарын: баары.", ["Бишкек", ",", "Ош", ";", "Нарын", ":", "баары", "."]),
]

ALL_CASES = {
    "hyphen": HYPHEN_CASES,
    "number_suffix": NUMBER_SUFFIX_CASES,
    "acronym": ACRONYM_CASES,
    "abbreviation": ABBREV_CASES,
    "initial": INITIAL_CASES,
    "quote": QUOTE_CASES,
    "glued_headline": GLUED_HEADLINE_CASES,
    "web": WEB_CASES,
    "punct": PUNCT_CASES,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(t, e, id=f"{family}:{t[:24]}")
        for family, cases in ALL_CASES.items()
        for t, e in cases
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    tokens = tokenize(text)
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "stem", "suffix"),
    [
        ("2025-жылы", "2025-", "жылы"),
        ("22,2%га", "22,2%", "га"),
        ("12:00гө", "12:00", "гө"),
        ("ЖОЖдордо", "ЖОЖ", "дордо"),
        ("ЕАЭБдин", "ЕАЭБ", "дин"),
        ("KOICAнын", "KOICA", "нын"),
        ("мектеп", "мектеп", ""),
        ("2025", "2025", ""),
    ],
)
def test_suffix_boundary_is_kept(text: str, stem: str, suffix: str) -> None:
    (token,) = tokenize(text)
    assert token.split_suffix() == (stem, suffix)
    if suffix:
        assert token.suffix_start == len(stem)
    else:
        assert token.suffix_start is None


def test_tokens_are_frozen_records() -> None:
    token = tokenize("мектеп")[0]
    assert (token.text, token.start, token.end) == ("мектеп", 0, 6)
    with pytest.raises(AttributeError):
        token.start = 3  # type: ignore[misc]


def test_glued_headline_keeps_acronyms_whole() -> None:
    for word in ("ЮНИСЕФтин", "ГЭСинде", "ЖОЖдор", "ЭКСПОго", "УКМКнын"):
        assert split_glued_headline(word) is None, word


def test_rules_are_reported() -> None:
    rules = dict((t.text, r) for t, r in tokenize_with_rules("2025-жылы т.б. 24.kg Н.Осмонов"))
    assert rules == {
        "2025-жылы": "number",
        "т.б.": "abbreviation",
        "24.kg": "url",
        "Н.": "initial",
        "Осмонов": "word",
    }


def test_ud_view_splits_numbers_like_ktmu() -> None:
    assert [t.text for t in ud_tokens("2030-жылга 40%га 3,61 гектар Ала-Тоо")] == [
        "2030-",
        "жылга",
        "40",
        "%",
        "га",
        "3",
        ",61",
        "гектар",
        "Ала-Тоо",
    ]


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        tokenize(b"bytes")  # type: ignore[arg-type]
