"""kgtext.passages: paragraphs and long-paragraph splits, with offsets into the input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kgtext
from kgtext.sectors.split import passages


def spans(text: str, **kw) -> list[str]:
    return [p.text for p in passages(text, **kw)]


LAYOUT_CASES = [
    # blank lines separate paragraphs, however much whitespace they hold
    ("Биринчи абзац.\n\nЭкинчи абзац.", ["Биринчи абзац.", "Экинчи абзац."]),
    ("Бир.\n \t\n\n  Эки.  \n", ["Бир.", "Эки."]),
    # hard-wrapped short lines stay one paragraph
    (
        "Мектептер жаңы окуу жылына\nдаярданып жатышат.",
        ["Мектептер жаңы окуу жылына\nдаярданып жатышат."],
    ),
    # a long line is a paragraph of its own
    ("А" * 120 + ".\nКийинки абзац.", ["А" * 120 + ".", "Кийинки абзац."]),
    # a news dump, one paragraph per line: a short line between long ones is a
    # paragraph too (the text is not hard-wrapped)
    (
        "Кыш" + "ы" * 110 + ".\nБул тууралуу министрлик билдирди.\nЖай" + "ы" * 110 + ".",
        ["Кыш" + "ы" * 110 + ".", "Бул тууралуу министрлик билдирди.", "Жай" + "ы" * 110 + "."],
    ),
    # hard-wrapped text (no line over the wrap width) keeps its lines together
    (
        "Билим берүү министрлиги жаңы окуу жылына даярдыкты\n"
        "талкуулады. Мектептердин оңдоосу аяктады.\nКийинки жума\nокуу башталат.",
        [
            "Билим берүү министрлиги жаңы окуу жылына даярдыкты\n"
            "талкуулады. Мектептердин оңдоосу аяктады.\nКийинки жума\nокуу башталат."
        ],
    ),
    # list items and headlines in capitals
    ("Сунуштар:\n• биринчи\n• экинчи", ["Сунуштар:", "• биринчи", "• экинчи"]),
    (
        "БИЛИМ БЕРҮҮ ЖАҢЫЛЫКТАРЫ\nМектептер ачылды.",
        ["БИЛИМ БЕРҮҮ ЖАҢЫЛЫКТАРЫ", "Мектептер ачылды."],
    ),
    ("\r\nБир.\r\n\r\nЭки.\r\n", ["Бир.", "Эки."]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUT_CASES)
def test_layout(text, expected):
    assert spans(text) == expected


def test_public_name():
    assert kgtext.passages is passages


def test_long_paragraph_is_cut_at_sentence_boundaries():
    sentence = "Окуучулар жаңы окуу китептерин алышты. "
    text = sentence * 80  # ~3,100 characters, one paragraph
    result = passages(text)
    assert len(result) == 3
    assert all(len(p.text) <= 1200 for p in result)
    assert all(p.text.endswith(".") for p in result)
    assert "".join(p.text for p in result).replace(" ", "") == text.replace(" ", "")


def test_one_long_sentence_stays_whole():
    text = "сөз " * 500 + "."
    assert len(passages(text)) == 1


def test_max_chars_must_be_positive():
    with pytest.raises(ValueError):
        passages("Бир.", max_chars=0)


TEXT = st.text(alphabet=st.sampled_from(list("абв гд.\n\n ЖОЖ,!?•-\t")), max_size=400)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=20, max_value=300))
def test_offsets_point_into_the_input(text, max_chars):
    result = passages(text, max_chars=max_chars)
    end = 0
    for p in result:
        assert text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.start >= end
        assert text[end : p.start].strip() == ""  # nothing but whitespace is left out
        end = p.end
    assert text[end:].strip() == ""
