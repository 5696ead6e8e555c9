"""Named cases for each normalisation step, each switch, and the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgtext import normalize, normalize_with_offsets
from kgtext.alphabet import harmony, last_vowel, to_cyrillic, to_latin

INVISIBLE_CASES = [
    ("мек\u00adтеп", "мектеп"),
    ("\ufeffБишкек", "Бишкек"),
    ("окуу\u200bчулар", "окуучулар"),
]
SPACE_CASES = [
    ("Бишкек\u00a0шаары", "Бишкек шаары"),
    ("2\u202f000 сом", "2 000 сом"),
    ("Ош\tшаары", "Ош шаары"),
]
LETTER_CASES = [
    ("кеӊеш", "кеңеш"),
    ("кеҥеш", "кеңеш"),
    ("кѳл", "көл"),
    ("кɵл", "көл"),
    ("үй-бүлө", "үй-бүлө"),
    ("тұрмуш", "түрмуш"),
    ("müller", "müller"),  # a Latin word keeps its ü
    ("құрылыс", "құрылыс"),  # a Kazakh word keeps its ұ
    ("кöл", "көл"),  # Latin ö inside a Cyrillic word
]
LOOKALIKE_CASES = [
    ("cекторго", "секторго"),
    ("Тoyota", "Toyota"),
    ("СOVID", "COVID"),
    ("мeктeп", "мектеп"),
    ("KOICAнын", "KOICAнын"),
    ("СOVIDке", "COVIDке"),
    ("aйдoo", "айдоо"),
    ("көpүнүш", "көрүнүш"),
]
PUNCTUATION_CASES = [
    ("“Кут Билим”", "«Кут Билим»"),
    ('"Нарын" аэропорту', "«Нарын» аэропорту"),
    ("Ала‑Тоо", "Ала-Тоо"),
    ("Ош – Бишкек", "Ош — Бишкек"),
    ("2024–2025", "2024-2025"),
    ("Ысык‑Көл", "Ысык-Көл"),
]
WHITESPACE_CASES = [
    ("  Бишкек   шаары  ", "Бишкек шаары"),
    ("биринчи\n\n\n\nэкинчи", "биринчи\n\nэкинчи"),
    ("сап  \n  сап", "сап\nсап"),
    ("\r\nА\r\nБ", "А\nБ"),
]
ALL = {
    "invisible": INVISIBLE_CASES,
    "spaces": SPACE_CASES,
    "letters": LETTER_CASES,
    "lookalikes": LOOKALIKE_CASES,
    "punctuation": PUNCTUATION_CASES,
    "whitespace": WHITESPACE_CASES,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, e, id=f"{k}:{t}") for k, cases in ALL.items() for t, e in cases],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize(expected) == expected


@pytest.mark.parametrize("step", list(ALL))
def test_each_step_can_be_switched_off(step: str) -> None:
    changed = [t for t, e in ALL[step] if t != e and normalize(t) != t]
    assert changed
    for text in changed:
        off = normalize(text, **{step: False})
        assert off != normalize(text), (step, text)


def test_nfc() -> None:
    decomposed = "о\u0308"  # o + combining diaeresis
    assert normalize("Бишкек " + "e\u0301") == "Бишкек " + "é"
    assert normalize(decomposed, nfc=False, letters=False).endswith("\u0308")


def test_unknown_switch_is_an_error() -> None:
    with pytest.raises(TypeError, match="unknown normalisation step"):
        normalize("x", colour=False)


def test_offsets_map_back_to_the_user_text() -> None:
    text = "  Билим\u00a0берүү   жана илим министрлигинин «Алтын Казык»"
    n = normalize_with_offsets(text)
    start = n.text.index("министрлигинин")
    a, b = n.to_original(start, start + len("министрлигинин"))
    assert text[a:b] == "министрлигинин"
    a, b = n.to_original(0, len(n.text))
    assert text[a:b] == text.strip()


def test_alphabet_harmony() -> None:
    assert last_vowel("ЖОЖ") == "о"
    assert harmony("мектеп").front and not harmony("мектеп").rounded
    assert harmony("көл") == (True, True)
    assert harmony("жол") == (False, True)
    assert harmony("бала") == (False, False)
    assert to_cyrillic("cектор") == "сектор" and to_latin("СOVID") == "COVID"


def _whitespace_reference(text: str) -> str:
    """What the whitespace step should give, said another way: strip the ends, then
    every run of spaces and line breaks becomes a blank line (two breaks or more), a
    line break (one) or a space."""
    import re

    def one(m: re.Match[str]) -> str:
        breaks = m.group().count("\n")
        return "\n\n" if breaks >= 2 else "\n" if breaks else " "

    return re.sub(r"[ \n]+", one, text.strip(" \n"))


@given(st.text(alphabet=st.sampled_from(" \n\nаб.\t"), max_size=40))
def test_whitespace_step_edits_exactly_the_runs_that_change(text):
    from kgtext.normalize import _splice, _whitespace

    edits = _whitespace(text)
    assert _splice(text, edits) == _whitespace_reference(text)
    assert all(text[a:b] != new for a, b, new in edits)  # no edit that changes nothing


MIXED = [
    *"Мектепбакча ЖОЖдор-–—9.,«»\n\u00a0\u200b",
    "\u0301", "\u0306", "\u2028", "\x85", "\u3000", "\t", "\r", "é", "a", "c", "o", "e", "p",
    "ǅ", "ﬁ", "²", "ө", "ү", "ң",
]  # fmt: skip


@given(st.text(alphabet=st.sampled_from(MIXED), max_size=40))
def test_idempotent_on_mixed_scripts_and_combining_marks(text):
    """A letter composed or replaced in one pass can tip a mixed word's script; the
    normaliser repeats until stable (found by fuzzing: 'с😀т\\x85—éа́с')."""
    once = normalize(text)
    assert normalize(once) == once
    n = normalize_with_offsets(text)
    assert n.text == once
    for i in range(len(n.text)):
        start, end = n.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)


def test_a_word_tipped_to_latin_by_a_composed_letter():
    text = "éа\u0301с"  # é, Cyrillic а + combining acute, Cyrillic с
    assert normalize(normalize(text)) == normalize(text)


def test_the_function_is_not_shadowed_by_its_submodule():
    import importlib

    import kgtext

    importlib.import_module("kgtext.normalize")  # as the pipeline's modules do
    assert callable(kgtext.normalize)
    assert kgtext.normalize("мeктeп") == "мектеп"
