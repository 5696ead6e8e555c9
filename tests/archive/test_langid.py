"""kgtext.detect_language on short and long texts written for these tests."""

from __future__ import annotations

import pytest

import kgtext

#: (name, text, language)
LANGUAGE_CASES = [
    ("ky_specific_letters", "Бүгүн мектепте жаңы окуу жылы башталды.", "ky"),
    ("ky_no_specific_letters", "Бишкекте жыйын болду", "ky"),
    ("ky_one_word", "Жаңылыктар", "ky"),
    (
        "ky_with_russian_loans",
        "Министрлик объект боюнча отчет берди, ал эми мэрия макул болду.",
        "ky",
    ),
    ("ky_variant_letters", "Ысык-Кɵлдɵ жайкы лагерь ачылат, балдар ɵнɵр үйрɵнɵт.", "ky"),
    ("ru_short", "Школа открылась", "ru"),
    ("ru_yo_hard_sign", "Объявлен ещё один конкурс для учителей.", "ru"),
    (
        "ru_with_kyrgyz_name",
        "Депутаты Жогорку Кенеша обсудили закон об образовании и бюджет школ.",
        "ru",
    ),
    ("kk", "Биыл ауылдағы мектепке үш жүз оқушы қабылданды.", "kk"),
    ("kk_short", "Қала әкімдігі", "kk"),
    ("en", "The ministry opened a new school in Osh.", "en"),
    ("en_short", "School opened", "en"),
    ("other_german", "Die Schule wurde gestern eröffnet und ist sehr schön.", "other"),
    ("other_turkish", "Okul dün açıldı ve çocuklar çok mutlu.", "other"),
    ("other_ukrainian", "Вчора відкрилася нова школа, діти їдуть туди.", "other"),
    # Cyrillic Turkic and Iranian languages of the region: ә ө ү ң are not enough
    ("other_tatar", "Мәгариф министрлыгы яңа уку елына әзерлекне тикшерде.", "other"),
    ("other_bashkir", "Мәғариф министрлығы яңы уҡыу йылына әҙерлекте тикшерҙе.", "other"),
    ("other_tajik", "Вазорати маориф ба соли нави таҳсил омодагӣ дид.", "other"),
    ("other_azerbaijani", "Тәһсил назирлији јени тәдрис илинә һазырлыг көрдү.", "other"),
    ("other_uzbek", "Вазирлик янги ўқув йилига тайёргарликни муҳокама қилди.", "other"),
    ("kk_greeting", "Сәлем! Қалың қалай?", "kk"),
    ("other_digits", "2025 — 12 — 30", "other"),
    ("other_empty", "", "other"),
]


@pytest.mark.parametrize(
    ("text", "language"), [c[1:] for c in LANGUAGE_CASES], ids=[c[0] for c in LANGUAGE_CASES]
)
def test_language_cases(text: str, language: str) -> None:
    assert kgtext.detect_language(text) == language


def test_none_is_other() -> None:
    assert kgtext.detect_language(None) == "other"  # type: ignore[arg-type]


def test_seed_is_kyrgyz(seed_text: str) -> None:
    assert kgtext.detect_language(seed_text) == "ky"


def test_one_foreign_letter_in_a_long_kyrgyz_text_is_kept(seed_text: str) -> None:
    """A name written with another alphabet's letter does not make an article foreign."""
    assert kgtext.detect_language("Ҳамидов " + seed_text) == "ky"
