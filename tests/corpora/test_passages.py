"""Passage loaders: generic JSONL/CSV, 24.kg, SIB-200, stand-off paragraphs, segmentation."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from kgtext.corpora import (
    CorpusFormatError,
    KgNewsArticle,
    Passage,
    SegmentationDoc,
    load_24kg,
    load_24kg_paragraphs,
    load_passages,
    load_segmentation,
    load_sib200,
    load_unimorph,
    split_labels,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_passages_jsonl(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.jsonl",
        '{"id": "a", "text": "Жаңы мектеп ачылды.", "labels": ["school"]}\n'
        '{"id": "b", "text": "Бала бакча курулат.", "labels": "preschool|school"}\n'
        '{"id": "c", "text": "Жамгыр жаады.", "labels": []}\n',
    )
    assert list(load_passages(path)) == [
        Passage("a", "Жаңы мектеп ачылды.", ("school",)),
        Passage("b", "Бала бакча курулат.", ("preschool", "school")),
        Passage("c", "Жамгыр жаады.", ()),
    ]


def test_passages_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc", "body", "tags"])
        writer.writerow(["1", "Мугалимдер\nокутулат.", "teacher_training,school"])
        writer.writerow(["2", "Колледж ачылды.", '["professional"]'])
    records = list(load_passages(path, text_column="body", labels_column="tags", id_column="doc"))
    assert records[0].labels == ("teacher_training", "school")
    assert records[0].text == "Мугалимдер\nокутулат."
    assert records[1].labels == ("professional",)


def test_passages_tsv_gz(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("id\ttext\tlabels\nx\tМектеп\tschool\n")
    assert next(load_passages(path)).labels == ("school",)


def test_passages_errors(tmp_path: Path) -> None:
    bad_json = write(tmp_path / "bad.jsonl", '{"text": "Ок", "labels": []}\n{"labels": []}\n')
    with pytest.raises(CorpusFormatError, match=r"bad\.jsonl:2: expected a string 'text'"):
        list(load_passages(bad_json))
    bad_csv = write(tmp_path / "bad.csv", "id,body\n1,Мектеп\n")
    with pytest.raises(CorpusFormatError, match=r"bad\.csv:1: expected a header"):
        list(load_passages(bad_csv))
    short = write(tmp_path / "short.csv", "id,text,labels\n1,Мектеп,school\n2,Бакча\n")
    with pytest.raises(CorpusFormatError, match=r"short\.csv:3: expected 3 separated fields"):
        list(load_passages(short))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a,b", ("a", "b")),
        ("a|b,c", ("a", "b,c")),
        ('["a", "b"]', ("a", "b")),
        (["a", " b "], ("a", "b")),
        ("", ()),
        (None, ()),
    ],
)
def test_split_labels(value, expected) -> None:
    assert split_labels(value) == expected


def test_24kg_long_multiline_fields(tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    long_text = "Жаңы мектеп ачылды.\n" + "Окуучулар келди. " * 20000  # > default csv limit
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "labels_set", "tokenized_text"])
        writer.writerow(["7", long_text, "education,society", "Жаңы мектеп ачылды ."])
        writer.writerow(["8", "Ош шаары.", "local announcements", "Ош шаары ."])
    first, second = load_24kg(path)
    assert isinstance(first, KgNewsArticle)
    assert first.labels == ("education", "society")
    assert first.text == long_text
    assert second.labels == ("local announcements",)
    assert second.tokenized_text == "Ош шаары ."


def test_24kg_bad_header(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "id,text\n1,Мектеп\n")
    with pytest.raises(CorpusFormatError, match=r"x\.csv:1: expected a header"):
        list(load_24kg(path))


def test_24kg_paragraphs(tmp_path: Path) -> None:
    corpus = tmp_path / "train.csv"
    with corpus.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "labels_set", "tokenized_text"])
        writer.writerow(["5", "Ош шаары.\n\nЖаңы мектеп ачылды.", "education", ""])
    labels = write(
        tmp_path / "labels.jsonl",
        json.dumps({"article_id": "5", "paragraph": 2, "labels": ["school"]}) + "\n",
    )
    (passage,) = load_24kg_paragraphs(labels, corpus)
    assert passage == Passage("5:2", "Жаңы мектеп ачылды.", ("school",))
    bad = write(tmp_path / "bad.jsonl", json.dumps({"article_id": "5", "paragraph": 9}) + "\n")
    with pytest.raises(CorpusFormatError, match=r"bad\.jsonl:1: expected a paragraph index"):
        list(load_24kg_paragraphs(bad, corpus))


def test_sib200(tmp_path: Path) -> None:
    path = write(
        tmp_path / "test.tsv",
        "index_id\tcategory\ttext\n1\thealth\tДарыгерлер келди.\n2\tsports\tОюн башталды.\n",
    )
    first, second = load_sib200(path)
    assert first.category == "health"
    assert second.labels == ("sports",)
    bad = write(tmp_path / "bad.tsv", "index_id\tcategory\ttext\n1\thealth\n")
    with pytest.raises(CorpusFormatError, match=r"bad\.tsv:2: expected 3 tab-separated"):
        list(load_sib200(bad))
    header = write(tmp_path / "header.tsv", "id\tlabel\ttext\n")
    with pytest.raises(CorpusFormatError, match=r"header\.tsv:1: expected the header"):
        list(load_sib200(header))


def test_segmentation(tmp_path: Path) -> None:
    record = {
        "id": "d1",
        "text": "Ош шаары. Жаңы мектеп.",
        "tokens": [[0, 2], [3, 8], [8, 9], [10, 14], [15, 21], [21, 22]],
        "sentences": [[0, 9], [10, 22]],
        "phenomena": ["period"],
    }
    path = write(tmp_path / "gold.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    (doc,) = load_segmentation(path)
    assert isinstance(doc, SegmentationDoc)
    assert [doc.text[s:e] for s, e in doc.sentences] == ["Ош шаары.", "Жаңы мектеп."]
    assert doc.phenomena == ("period",)
    record["tokens"] = [[0, 2], [1, 8]]
    bad = write(tmp_path / "bad.jsonl", "\n" + json.dumps(record, ensure_ascii=False) + "\n")
    with pytest.raises(CorpusFormatError, match=r"bad\.jsonl:2: expected \"tokens\" spans"):
        list(load_segmentation(bad))


def test_unimorph(tmp_path: Path) -> None:
    path = write(tmp_path / "kir.tsv", "окуу\tокуйт\tV;SG;3;FUT\nокуу\tокуйм\n")
    with pytest.raises(CorpusFormatError, match=r"kir\.tsv:2:"):
        list(load_unimorph(path))
    assert next(load_unimorph(path)).features == ("V", "SG", "3", "FUT")


def test_shared_classification_corpora(corpora_dir: Path) -> None:
    articles = list(load_24kg(corpora_dir / "24kg-topics" / "train.csv"))
    assert len(articles) == 1000
    assert any("education" in a.labels for a in articles)
    assert len({label for a in articles for label in a.labels}) == 20
    sizes = {
        split: len(list(load_sib200(corpora_dir / "sib200-kir" / f"{split}.tsv")))
        for split in ("train", "dev", "test")
    }
    assert sizes == {"train": 701, "dev": 99, "test": 204}
    assert len(list(load_unimorph(corpora_dir / "unimorph-kir" / "kir.tsv"))) == 5544
