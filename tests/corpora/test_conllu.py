"""CoNLL-U loader, token alignment and whole-file documents."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from kgtext.corpora import (
    ConlluSentence,
    CorpusFormatError,
    conllu_document,
    conllu_token_spans,
    load_conllu,
    surface_tokens,
)


def row(*cols: object) -> str:
    return "\t".join(str(c) for c in cols)


SENT_1 = [
    "# newdoc id = d1",
    "# sent_id = s1",
    "# text = Бишкекте жаңы мектеп ачылды.",
    row(1, "Бишкекте", "Бишкек", "PROPN", "_", "Case=Loc", 4, "obl", "_", "_"),
    row(2, "жаңы", "жаңы", "ADJ", "_", "_", 3, "amod", "_", "_"),
    row(3, "мектеп", "мектеп", "NOUN", "_", "Case=Nom", 4, "nsubj", "_", "_"),
    row(4, "ачылды", "ачыл", "VERB", "_", "_", 0, "root", "_", "SpaceAfter=No"),
    row(5, ".", ".", "PUNCT", "_", "_", 4, "punct", "_", "_"),
]
# a multiword token ("келеби" = "келе" + "би") and an empty node
SENT_2 = [
    "# sent_id = s2",
    "# text = Ал эртең келеби?",
    row(1, "Ал", "ал", "PRON", "_", "_", 3, "nsubj", "_", "_"),
    row(2, "эртең", "эртең", "ADV", "_", "_", 3, "advmod", "_", "_"),
    row("3-4", "келеби", "_", "_", "_", "_", "_", "_", "_", "SpaceAfter=No"),
    row(3, "келе", "кел", "VERB", "_", "_", 0, "root", "_", "_"),
    row("3.1", "бар", "бар", "VERB", "_", "_", "_", "_", "3:conj", "_"),
    row(4, "би", "бы", "PART", "_", "_", 3, "discourse", "_", "_"),
    row(5, "?", "?", "PUNCT", "_", "_", 3, "punct", "_", "_"),
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def conllu_file(tmp_path: Path) -> Path:
    return write(tmp_path / "mini.conllu", [*SENT_1, "", *SENT_2, ""])


def test_sentences_tokens_and_metadata(conllu_file: Path) -> None:
    first, second = list(load_conllu(conllu_file))
    assert isinstance(first, ConlluSentence)
    assert first.sent_id == "s1"
    assert first.text == "Бишкекте жаңы мектеп ачылды."
    assert first.metadata["newdoc id"] == "d1"
    assert [t.form for t in first.tokens] == ["Бишкекте", "жаңы", "мектеп", "ачылды", "."]
    assert first.tokens[0].feats_dict == {"Case": "Loc"}
    assert first.tokens[0].head == 4
    assert [t.space_after for t in first.tokens] == [True, True, True, False, True]
    assert first.line == 1 and second.line == 10
    # words only: no range, no empty node
    assert [t.id for t in second.tokens] == [1, 2, 3, 4, 5]
    assert [t.form for t in second.tokens] == ["Ал", "эртең", "келе", "би", "?"]
    assert second.multiword[0].form == "келеби"
    assert (second.multiword[0].first, second.multiword[0].last) == (3, 4)
    assert len(second.empty_nodes) == 1


def test_records_are_frozen(conllu_file: Path) -> None:
    sentence = next(load_conllu(conllu_file))
    with pytest.raises(AttributeError):
        sentence.tokens[0].form = "x"  # type: ignore[misc]


def test_token_spans_use_multiword_surface(conllu_file: Path) -> None:
    first, second = list(load_conllu(conllu_file))
    spans = conllu_token_spans(first)
    assert [first.text[s:e] for s, e in spans] == ["Бишкекте", "жаңы", "мектеп", "ачылды", "."]
    spans = conllu_token_spans(second)
    assert [second.text[s:e] for s, e in spans] == ["Ал", "эртең", "келеби", "?"]
    assert surface_tokens(second)[2] == ("келеби", False)


def test_text_rebuilt_without_text_comment(tmp_path: Path) -> None:
    lines = [line for line in SENT_2 if not line.startswith("# text")]
    sentence = next(load_conllu(write(tmp_path / "t.conllu", lines)))
    assert sentence.text is None
    assert sentence.surface_text == "Ал эртең келеби?"


def test_alignment_tolerates_spaces_inside_a_form(tmp_path: Path) -> None:
    lines = [
        "# text = 2 500 сом",
        row(1, "2500", "2500", "NUM", "_", "_", 2, "nummod", "_", "_"),
        row(2, "сом", "сом", "NOUN", "_", "_", 0, "root", "_", "_"),
    ]
    sentence = next(load_conllu(write(tmp_path / "s.conllu", lines)))
    assert conllu_token_spans(sentence) == [(0, 5), (6, 9)]


def test_alignment_failure_is_a_clear_error(tmp_path: Path) -> None:
    lines = [
        "# sent_id = bad",
        "# text = Ош шаары",
        row(1, "Бишкек", "Бишкек", "PROPN", "_", "_", 0, "root", "_", "_"),
    ]
    sentence = next(load_conllu(write(tmp_path / "s.conllu", lines)))
    with pytest.raises(ValueError, match=r"'bad'.*'Бишкек'"):
        conllu_token_spans(sentence)
    with pytest.raises(CorpusFormatError, match=r"s\.conllu:1:"):
        conllu_document(tmp_path / "s.conllu")


def test_document_joins_sentences(conllu_file: Path) -> None:
    doc = conllu_document(conllu_file)
    text, tokens, sentences = doc
    assert [text[s:e] for s, e in sentences] == ["Бишкекте жаңы мектеп ачылды.", "Ал эртең келеби?"]
    assert text[sentences[0][1]] == " "
    assert [text[s:e] for s, e in tokens][-3:] == ["эртең", "келеби", "?"]
    newline_doc = conllu_document(conllu_file, separator="\n")
    assert newline_doc.text.count("\n") == 1


@pytest.mark.parametrize(
    ("suffix", "opener"), [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)]
)
def test_compressed(tmp_path: Path, suffix: str, opener) -> None:
    path = tmp_path / f"mini.conllu{suffix}"
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join([*SENT_1, ""]) + "\n")
    assert [s.sent_id for s in load_conllu(str(path))] == ["s1"]


def test_missing_file_fails_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_conllu(tmp_path / "absent.conllu")


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("1\tБишкекте\tБишкек\tPROPN", "10 tab-separated columns"),
        (row("x", "Ош", "Ош", "PROPN", "_", "_", 0, "root", "_", "_"), "an ID like"),
        (row(7, "Ош", "Ош", "PROPN", "_", "_", 0, "root", "_", "_"), "word ID 1"),
        (row(1, "Ош", "Ош", "PROPN", "_", "_", "head", "root", "_", "_"), "HEAD"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, bad_line: str, expected: str) -> None:
    path = write(tmp_path / "bad.conllu", [*SENT_1, "", "# sent_id = s2", bad_line, ""])
    with pytest.raises(CorpusFormatError) as info:
        list(load_conllu(path))
    message = str(info.value)
    assert str(path) in message
    assert ":11:" in message
    assert expected in message
    assert info.value.line == 11
    assert isinstance(info.value, ValueError)


def test_shared_ud_ktmu_aligns(corpora_dir: Path) -> None:
    path = corpora_dir / "ud-kyrgyz-ktmu" / "ky_ktmu-ud-train.conllu"
    sentences = list(load_conllu(path))
    assert len(sentences) == 1258
    assert sum(len(s.tokens) for s in sentences) == 11883
    for sentence in sentences:
        spans = conllu_token_spans(sentence)
        assert len(spans) == len(sentence.tokens)
    doc = conllu_document(path)
    assert len(doc.sentences) == 1258


def test_shared_ud_tuecl_multiword(corpora_dir: Path) -> None:
    path = corpora_dir / "ud-kyrgyz-tuecl" / "ky_tuecl-ud-test.conllu"
    sentences = list(load_conllu(path))
    assert len(sentences) == 173
    assert sum(len(s.tokens) for s in sentences) == 1250
    with_mwt = [s for s in sentences if s.multiword]
    assert with_mwt
    for sentence in with_mwt:
        spans = conllu_token_spans(sentence)
        assert len(spans) == len(surface_tokens(sentence)) < len(sentence.tokens)
        forms = [sentence.surface_text[s:e] for s, e in spans]
        assert all(mw.form in forms for mw in sentence.multiword)
