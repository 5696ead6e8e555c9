"""CoNLL NER columns, tagging schemes and JSONL spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgtext.corpora import (
    CorpusFormatError,
    NerSentence,
    Span,
    load_conll_ner,
    load_jsonl_spans,
    spans_to_tags,
    to_iob2,
    tokens_to_spans,
)

NER_TAB = """-DOCSTART-\tO

# a comment line
Бишкекте\tB-LOC
жаңы\tO
мектеп\tO
ачылды\tO
.\tO

Билим\tB-ORG
берүү\tI-ORG
министрлиги\tI-ORG
билдирди\tO
-DOCSTART-\tO
Ош\tB-LOC
шаарында\tO
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_tab_separated_with_docstart_and_comments(tmp_path: Path) -> None:
    sentences = list(load_conll_ner(write(tmp_path / "a.conll", NER_TAB)))
    assert len(sentences) == 3
    assert isinstance(sentences[0], NerSentence)
    assert sentences[0].tokens[0] == "Бишкекте"
    assert [s.doc_index for s in sentences] == [0, 0, 1]
    text, spans = sentences[1].to_spans()
    assert text == "Билим берүү министрлиги билдирди"
    assert [(text[s.start : s.end], s.label) for s in spans] == [("Билим берүү министрлиги", "ORG")]


def test_space_separated_extra_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "b.txt", "Бишкекте PROPN B-LOC\nачылды VERB O\n")
    (sentence,) = load_conll_ner(path)
    assert sentence.tokens == ("Бишкекте", "ачылды")
    assert sentence.tags == ("B-LOC", "O")


def test_hash_token_is_not_a_comment(tmp_path: Path) -> None:
    path = write(tmp_path / "c.conll", "# sent_id = 1\n#\tO\nмектеп\tO\n")
    (sentence,) = load_conll_ner(path)
    assert sentence.tokens == ("#", "мектеп")


@pytest.mark.parametrize(
    ("tags", "scheme", "expected"),
    [
        (["I-ORG", "I-ORG", "B-ORG", "O"], "iob1", ["B-ORG", "I-ORG", "B-ORG", "O"]),
        (["I-ORG", "I-ORG", "B-ORG", "O"], "auto", ["B-ORG", "I-ORG", "B-ORG", "O"]),
        (["B-LOC", "I-LOC", "O"], "iob2", ["B-LOC", "I-LOC", "O"]),
        (["S-PER", "B-ORG", "I-ORG", "E-ORG"], "bioes", ["B-PER", "B-ORG", "I-ORG", "I-ORG"]),
        (["U-PER", "B-ORG", "L-ORG"], "auto", ["B-PER", "B-ORG", "I-ORG"]),
        (["B-LOC", "E-LOC", "S-LOC"], "auto", ["B-LOC", "I-LOC", "B-LOC"]),
    ],
)
def test_schemes(tags: list[str], scheme, expected: list[str]) -> None:
    assert to_iob2(tags, scheme) == expected


def test_strict_iob2_rejects_dangling_inside(tmp_path: Path) -> None:
    path = write(tmp_path / "d.conll", "Бишкекте\tO\nшаары\tI-LOC\n")
    assert next(iter(load_conll_ner(path))).tags == ("O", "B-LOC")
    with pytest.raises(CorpusFormatError, match=r"d\.conll:2: expected a valid iob2"):
        list(load_conll_ner(path, scheme="iob2"))


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        ("Ош\tB-LOC\nшаары\n", 2, "a token and a tag column"),
        ("Ош\tB-LOC\n\nшаары\tX-LOC\n", 3, "a tag 'O' or like 'B-LOC'"),
        ("Ош\tB-LOC\nшаары\tB-\n", 2, "a tag 'O' or like 'B-LOC'"),
    ],
)
def test_malformed_ner_lines(tmp_path: Path, content: str, line: int, expected: str) -> None:
    path = write(tmp_path / "bad.conll", content)
    with pytest.raises(CorpusFormatError) as info:
        list(load_conll_ner(path))
    assert f"{path}:{line}:" in str(info.value)
    assert expected in str(info.value)


def test_jsonl_spans(tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.jsonl",
        '{"id": "x1", "text": "Бишкекте жаңы мектеп", "spans": '
        '[{"start": 0, "end": 8, "label": "LOC", "id": "Q9361"}]}\n'
        "\n"
        '{"text": "Ош шаары", "spans": []}\n',
    )
    first, second = load_jsonl_spans(path)
    assert first.id == "x1"
    assert first.spans == (Span(0, 8, "LOC"),)
    assert first.spans[0].attrs == {"id": "Q9361"}
    assert second.id == "3"  # line number when no id


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "a JSON object"),
        ('{"spans": []}', 'a string "text"'),
        ('{"text": "Ош", "spans": [{"start": 0, "end": 9, "label": "LOC"}]}', "0 <= start < end"),
        ('{"text": "Ош", "spans": [{"start": 0, "end": 2}]}', '"label"'),
    ],
)
def test_malformed_jsonl_spans(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path / "bad.jsonl", '{"text": "Ош", "spans": []}\n' + line + "\n")
    with pytest.raises(CorpusFormatError) as info:
        list(load_jsonl_spans(path))
    assert f"{path}:2:" in str(info.value)
    assert expected in str(info.value)


LABELS = ("LOC", "ORG", "PER")


@st.composite
def tagged(draw):
    """Valid IOB2 sequences over Kyrgyz-looking tokens."""
    tokens = draw(st.lists(st.sampled_from(["Ош", "шаары", "мектеп", "ЖОЖ", "Бакыт"]), max_size=12))
    tags: list[str] = []
    for _ in tokens:
        choice = draw(st.sampled_from(["O", "B", "I"]))
        label = draw(st.sampled_from(LABELS))
        if choice == "I" and tags and tags[-1] != "O":
            tags.append("I-" + tags[-1][2:])
        elif choice == "O":
            tags.append("O")
        else:
            tags.append("B-" + label)
    return tokens, tags


@given(tagged())
def test_spans_round_trip(case) -> None:
    tokens, tags = case
    text, spans = tokens_to_spans(tokens, tags)
    assert spans_to_tags(tokens, spans) == tags
    for span in spans:
        assert text[span.start : span.end].strip() == text[span.start : span.end]
