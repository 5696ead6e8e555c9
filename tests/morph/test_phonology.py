"""Suffix templates realised by vowel harmony and assimilation."""

from __future__ import annotations

import pytest

from kgtext.morph.phonology import Realization, realize

# (template, stem, canonical surface): one row per harmony/assimilation class.
HARMONY_CASES = [
    ("ЛАр", "бала", "лар"),
    ("ЛАр", "эне", "лер"),
    ("ЛАр", "тоо", "лор"),
    ("ЛАр", "көл", "дөр"),
    ("ЛАр", "уул", "дар"),
    ("ЛАр", "мектеп", "тер"),
    ("ЛАр", "үй", "лөр"),
    ("ЛАр", "шаар", "лар"),
    ("НЫн", "бала", "нын"),
    ("НЫн", "үй", "дүн"),
    ("НЫн", "жол", "дун"),
    ("НЫн", "китеп", "тин"),
    ("НЫн", "өлкө", "нүн"),
    ("ГА", "мектеп", "ке"),
    ("ГА", "тоо", "го"),
    ("ГА", "күн", "гө"),
    ("ГА", "сабак", "ка"),
    ("ДА", "Ош", "то"),
    ("ДА", "үй", "дө"),
    ("ДАн", "шаар", "дан"),
    ("ДЫ", "кет", "ти"),
    ("ДЫ", "кур", "ду"),
    ("ГАн", "өт", "көн"),
    ("(с)Ы", "бала", "сы"),
    ("(с)Ы", "жол", "у"),
    ("(Ы)м", "китеп", "им"),
    ("(Ы)п", "жаса", "п"),
    ("А~й", "бар", "а"),
    ("А~й", "оку", "й"),
]


@pytest.mark.parametrize(("template", "stem", "surface"), HARMONY_CASES)
def test_harmony_and_assimilation(template: str, stem: str, surface: str) -> None:
    assert realize(template, stem)[0].text == surface


def test_long_vowel_merges_with_stem_vowel() -> None:
    assert realize("УУ", "сакта")[0] == Realization("оо", 1)
    assert realize("УУ", "изилде")[0] == Realization("өө", 1)
    assert realize("УУ", "ал")[0] == Realization("уу", 0)


def test_iotation_after_y() -> None:
    assert realize("(Ы)л", "кой")[0] == Realization("юл", 1)


def test_acronyms_accept_every_variant() -> None:
    texts = {r.text for r in realize("НЫн", "УКМК", acronym=True)}
    assert {"нын", "нун", "дин", "тын"} <= texts
