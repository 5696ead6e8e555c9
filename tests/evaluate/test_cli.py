"""``kgtext evaluate`` run in-process: gold corpora, prediction files, reports, errors."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

import kgtext
from kgtext.commands import evaluate as command
from kgtext.corpora import conllu_token_spans, load_conllu, load_sib200


@pytest.fixture
def ud_ktmu(corpora_dir: Path) -> Path:
    return corpora_dir / "ud-kyrgyz-ktmu" / "ky_ktmu-ud-train.conllu"


@pytest.fixture
def sib_test(corpora_dir: Path) -> Path:
    return corpora_dir / "sib200-kir" / "test.tsv"


class TextOnly(HTMLParser):
    """Collect the visible text of an HTML page and its image sources."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self.cells: list[str] = []
        self._in_td = False

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs)["src"])
        self._in_td = tag in ("td", "th")

    def handle_endtag(self, tag):
        self._in_td = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_td:
            self.cells.append(data)


def record(token_start: int, token_end: int) -> SimpleNamespace:
    return SimpleNamespace(start=token_start, end=token_end)


def whitespace_tokenize(text: str) -> list[SimpleNamespace]:
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                out.append(record(start, i))
                start = None
        elif start is None:
            start = i
    return out


# --------------------------------------------------------------------- tokens


def test_tokens_with_fake_tokenizer(ud_ktmu: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(kgtext, "tokenize", whitespace_tokenize, raising=False)
    assert command.main(["tokens", str(ud_ktmu), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "missed splits" in out and "errors per 1000" in out
    assert "errors (first 3)" in out


def test_tokens_with_real_tokenizer(ud_ktmu: Path, capsys) -> None:
    try:
        from kgtext import tokenize  # noqa: F401
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"kgtext.tokenize not importable yet: {exc}")
    assert command.main(["tokens", str(ud_ktmu), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["system"] == "kgtext.tokenize"
    assert metrics["documents"] == 1258
    assert metrics["metrics"]["gold_boundaries"] > 11883


def test_sentences_from_perfect_predictions(ud_ktmu: Path, tmp_path: Path, capsys) -> None:
    from kgtext.corpora import conllu_document

    doc = conllu_document(ud_ktmu)
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps({"sentences": doc.sentences}) + "\n", encoding="utf-8")
    code = command.main(["sentences", str(ud_ktmu), "--predictions", str(predictions), "--json"])
    assert code == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["errors_per_1000"] == 0
    assert metrics["gold_boundaries"] == 2 * 1258


def test_token_predictions_checked_against_gold_ids(ud_ktmu: Path, tmp_path: Path, capsys) -> None:
    sentences = list(load_conllu(ud_ktmu))[:2]
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(
        json.dumps({"id": sentences[0].sent_id, "tokens": conllu_token_spans(sentences[0])})
        + "\n"
        + json.dumps({"id": "not-" + str(sentences[1].sent_id), "tokens": []})
        + "\n",
        encoding="utf-8",
    )
    assert command.main(["tokens", str(ud_ktmu), "--predictions", str(predictions)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgtext: error: ")
    assert f"{predictions}:2:" in err
    assert err.count("\n") == 1


def test_segmentation_gold_and_report(tmp_path: Path, monkeypatch, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    docs = [
        {"id": "a", "text": "Ош шаары. Жаңы мектеп.", "sentences": [[0, 9], [10, 22]],
         "tokens": [[0, 2], [3, 8], [8, 9], [10, 14], [15, 21], [21, 22]],
         "phenomena": ["period"]},
        {"id": "b", "text": "Ж. Бакиев келди.", "sentences": [[0, 16]],
         "tokens": [[0, 2], [3, 9], [10, 15], [15, 16]], "phenomena": ["initials", "period"]},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")

    def naive_sentenize(text: str):
        out, start = [], 0
        for i, ch in enumerate(text):
            if ch == ".":
                out.append(record(start, i + 1))
                start = i + 2
        return out

    monkeypatch.setattr(kgtext, "sentenize", naive_sentenize, raising=False)
    report = tmp_path / "report"
    assert command.main(["sentences", str(gold), "--report", str(report)]) == 0
    metrics = json.loads((report / "metrics.json").read_text("utf-8"))
    assert metrics["format"] == "segmentation"
    assert metrics["metrics"]["false_splits"] == 2  # after "Ж."
    assert metrics["by_phenomenon"]["initials"]["false_splits"] == 2
    assert metrics["by_phenomenon"]["period"]["documents"] == 2
    assert metrics["by_phenomenon"]["period"]["gold_boundaries"] == 6
    assert (report / "sentences_errors_by_phenomenon.png").exists()
    errors = [
        json.loads(line) for line in (report / "errors.jsonl").read_text("utf-8").splitlines()
    ]
    assert {e["kind"] for e in errors} == {"false"}
    assert errors[0]["context"] == "Ж.| Бакиев келди."
    assert (report / "sentences_boundaries.png").stat().st_size > 0
    assert "false splits" in capsys.readouterr().out


# --------------------------------------------------------------------- lemmas


def test_lemmas_with_fake_lemmatizer_and_reports(
    ud_ktmu: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(kgtext, "lemmatize", lambda form: form.lower(), raising=False)
    report, html = tmp_path / "r", tmp_path / "lemmas.html"
    args = ["lemmas", str(ud_ktmu), "--report", str(report), "--html", str(html), "--errors", "5"]
    assert command.main(args) == 0
    out = capsys.readouterr().out
    assert "lemma accuracy by UPOS" in out and "NOUN" in out
    metrics = json.loads((report / "metrics.json").read_text("utf-8"))["metrics"]
    assert metrics["total"] == 11883
    assert 0 < metrics["accuracy"] < metrics["accuracy_case_insensitive"] <= 1
    assert len((report / "errors.jsonl").read_text("utf-8").splitlines()) == 5
    assert (report / "lemma_errors_by_upos.png").exists()
    parser = TextOnly()
    parser.feed(html.read_text("utf-8"))
    assert all(src.startswith("data:image/png;base64,") for src in parser.images)
    assert len(parser.images) == 2
    for upos in metrics["by_upos"]:
        assert upos in parser.cells


def test_lemma_predictions_conllu_and_tsv(ud_ktmu: Path, tmp_path: Path, capsys) -> None:
    assert command.main(["lemmas", str(ud_ktmu), "--predictions", str(ud_ktmu), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["metrics"]["accuracy"] == 1.0
    tokens = [t for s in load_conllu(ud_ktmu) for t in s.tokens]
    tsv = tmp_path / "lemmas.tsv"
    tsv.write_text("".join(f"{t.form}\t{t.form}\n" for t in tokens), encoding="utf-8")
    assert command.main(["lemmas", str(ud_ktmu), "--predictions", str(tsv), "--json"]) == 0
    accuracy = json.loads(capsys.readouterr().out)["metrics"]["accuracy"]
    assert 0 < accuracy < 1
    tsv.write_text(f"{tokens[0].form}\tx\nнеправильно\tx\n", encoding="utf-8")
    assert command.main(["lemmas", str(ud_ktmu), "--predictions", str(tsv)]) == 2
    err = capsys.readouterr().err
    assert f"{tsv}:2:" in err and "word 2 of the gold" in err


# ------------------------------------------------------------------- entities

NER_GOLD = (
    "Бишкекте\tB-LOC\nжаңы\tO\nмектеп\tO\nачылды\tO\n\n"
    "Билим\tB-ORG\nберүү\tI-ORG\nминистрлиги\tI-ORG\n"
)


class FakeNlp:
    def __init__(self, make_doc) -> None:
        self.make_doc = make_doc

    def pipe(self, texts):
        return (self.make_doc(t) for t in texts)

    def __call__(self, text):
        return self.make_doc(text)


def test_entities_with_fake_pipeline(tmp_path: Path, monkeypatch, capsys) -> None:
    gold = tmp_path / "gold.conll"
    gold.write_text(NER_GOLD, encoding="utf-8")

    def make_doc(text: str):
        ents = []
        if text.startswith("Бишкекте"):
            ents.append(SimpleNamespace(start_char=0, end_char=8, label_="GPE"))
        if text.startswith("Билим"):
            ents.append(SimpleNamespace(start_char=0, end_char=11, label_="ORG"))
        return SimpleNamespace(ents=ents)

    monkeypatch.setattr(kgtext, "load", lambda: FakeNlp(make_doc), raising=False)
    html = tmp_path / "ents.html"
    assert (
        command.main(["entities", str(gold), "--map", "GPE=LOC", "--html", str(html), "--json"])
        == 0
    )
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["strict"]["per_label"]["LOC"]["f1"] == 1.0
    assert metrics["strict"]["per_label"]["ORG"]["f1"] == 0.0
    assert metrics["partial"]["per_label"]["ORG"]["f1"] == 1.0
    parser = TextOnly()
    parser.feed(html.read_text("utf-8"))
    assert {"LOC", "ORG"} <= set(parser.cells)


def test_entity_predictions_jsonl(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.conll"
    gold.write_text(NER_GOLD, encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        '{"text": "Бишкекте жаңы мектеп ачылды",'
        ' "spans": [{"start": 0, "end": 8, "label": "LOC"}]}\n'
        '{"spans": []}\n',
        encoding="utf-8",
    )
    assert command.main(["entities", str(gold), "--predictions", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "missed" in out and "ORG" in out
    pred.write_text('{"text": "Башка текст", "spans": []}\n{"spans": []}\n', encoding="utf-8")
    assert command.main(["entities", str(gold), "--predictions", str(pred)]) == 2
    assert f"{pred}:1:" in capsys.readouterr().err


# -------------------------------------------------------------------- sectors


def write_sib_predictions(sib_test: Path, path: Path, probabilities: bool) -> list[str]:
    passages = list(load_sib200(sib_test))
    labels = sorted({p.category for p in passages})
    with path.open("w", encoding="utf-8") as handle:
        for i, p in enumerate(passages):
            guess = p.category if i % 3 else labels[i % len(labels)]
            line = {"id": p.id, "labels": [guess]}
            if probabilities:
                line["probabilities"] = {
                    lab: (0.9 if lab == guess else 0.1 + 0.01 * (i % 7)) for lab in labels
                }
            handle.write(json.dumps(line) + "\n")
    return labels


def test_sectors_sib200_report_and_html(sib_test: Path, tmp_path: Path, capsys) -> None:
    pred = tmp_path / "pred.jsonl"
    labels = write_sib_predictions(sib_test, pred, probabilities=True)
    report, html = tmp_path / "r", tmp_path / "sectors.html"
    args = ["sectors", str(sib_test), "--predictions", str(pred), "--report", str(report)]
    assert command.main([*args, "--html", str(html), "--threshold", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "samples Jaccard" in out and "threshold" in out
    metrics = json.loads((report / "metrics.json").read_text("utf-8"))
    assert metrics["format"] == "sib200"
    assert metrics["metrics"]["threshold"] == 0.5
    assert set(metrics["metrics"]["average_precision"]) == set(labels)
    assert (report / "pr_curves.png").exists() and (report / "f1_by_label.png").exists()
    parser = TextOnly()
    parser.feed(html.read_text("utf-8"))
    for label in labels:
        assert label in parser.cells, label
    assert len(parser.images) == 2


def test_sectors_label_sets_and_map(sib_test: Path, tmp_path: Path, capsys) -> None:
    pred = tmp_path / "pred.jsonl"
    write_sib_predictions(sib_test, pred, probabilities=False)
    args = ["sectors", str(sib_test), "--predictions", str(pred), "--json"]
    assert command.main([*args, "--map", "travel=O", "--map", "sports=leisure"]) == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["threshold"] is None
    assert "travel" not in metrics["labels"] and "leisure" in metrics["labels"]


def test_sectors_with_fake_pipeline(tmp_path: Path, monkeypatch, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "1", "text": "Жаңы мектеп ачылды.", "labels": ["school"]}\n'
        '{"id": "2", "text": "Бала бакча курулат.", "labels": ["preschool"]}\n',
        encoding="utf-8",
    )

    def make_doc(text: str):
        school = 0.8 if "мектеп" in text else 0.3
        return SimpleNamespace(
            cats={"school": school, "preschool": 1 - school}, _=SimpleNamespace(sectors=[])
        )

    monkeypatch.setattr(kgtext, "load", lambda: FakeNlp(make_doc), raising=False)
    assert command.main(["sectors", str(gold), "--threshold", "school=0.9", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["threshold"] == {"preschool": 0.5, "school": 0.9}
    assert metrics["per_label"]["school"]["recall"] == 0.0
    assert metrics["per_label"]["preschool"]["f1"] == 1.0


# -------------------------------------------------------------- bad input, CLI


@pytest.mark.parametrize(
    "argv",
    [
        ["tokens", "no/such/file.conllu"],
        ["sectors", "no/such/file.tsv"],
        ["lemmas", "__CORPUS__", "--predictions", "no/such/pred.tsv"],
        ["sectors", "__CORPUS__"],
        ["entities", "__CORPUS__", "--map", "broken"],
    ],
)
def test_bad_input_exits_2_with_one_line(argv: list[str], ud_ktmu: Path, capsys) -> None:
    argv = [str(ud_ktmu) if a == "__CORPUS__" else a for a in argv]
    assert command.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgtext: error: ") and err.count("\n") == 1


def test_malformed_corpus_line_is_reported(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.conllu"
    bad.write_text("# text = Ош\n1\tОш\tОш\tPROPN\n", encoding="utf-8")
    assert command.main(["lemmas", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: expected 10 tab-separated columns" in err


def test_unavailable_component_exits_1(tmp_path: Path, monkeypatch, capsys) -> None:
    def broken(name):
        raise command.Unavailable(f"kgtext.{name} is not available (test)")

    monkeypatch.setattr(command, "_kgtext", broken)
    gold = tmp_path / "g.conllu"
    gold.write_text("1\tОш\tОш\tPROPN\t_\t_\t0\troot\t_\t_\n", encoding="utf-8")
    assert command.main(["lemmas", str(gold)]) == 1
    assert "kgtext.lemmatize is not available" in capsys.readouterr().err


def test_usage_errors_return_2(capsys) -> None:
    assert command.main(["nonsense", "x"]) == 2
    assert command.main(["--help"]) == 0
    assert "--predictions" in capsys.readouterr().out


def test_add_parser_registers_run() -> None:
    parser = argparse.ArgumentParser(prog="kgtext")
    sub = parser.add_subparsers(dest="command")
    command.add_parser(sub)
    args = parser.parse_args(["evaluate", "tokens", "gold.jsonl", "--errors", "3"])
    assert args.func is command.run and args.errors == 3


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.conllu", "", "conllu"),
        ("a.iob", "", "conll"),
        ("a.jsonl", '{"text": "Ош", "spans": []}', "jsonl"),
        ("a.jsonl", '{"text": "Ош", "tokens": []}', "segmentation"),
        ("a.jsonl", '{"text": "Ош", "labels": []}', "passages"),
        ("a.jsonl", '{"article_id": "1", "paragraph": 0, "labels": []}', "24kg-paragraphs"),
        ("a.csv", "id,text,labels_set,tokenized_text", "24kg"),
        ("a.csv", "id,text,labels", "passages"),
        ("a.tsv", "index_id\tcategory\ttext", "sib200"),
        ("a.txt", "Ош\tB-LOC", "conll"),
        ("a.txt", "1\tОш\tОш\tPROPN\t_\t_\t0\troot\t_\t_", "conllu"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content + "\n", encoding="utf-8")
    assert command.detect_format(path) == expected


# ------------------------------------------------------- the installed console script


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("kgtext")
    if exe is None:
        pytest.skip("kgtext is not installed as a console script (pip install -e .)")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=300)


def test_console_script_tokens_on_ud(ud_ktmu: Path) -> None:
    result = _console("evaluate", "tokens", str(ud_ktmu), "--json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["gold_boundaries"] > 20_000
    assert metrics["errors_per_1000"] < 12


def test_console_script_sib200_predictions(sib_test: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    labels = write_sib_predictions(sib_test, pred, probabilities=False)
    html = tmp_path / "sib.html"
    result = _console(
        "evaluate", "sectors", str(sib_test), "--predictions", str(pred), "--html", str(html)
    )
    assert result.returncode == 0, result.stderr
    parser = TextOnly()
    parser.feed(html.read_text("utf-8"))
    assert all(label in parser.cells for label in labels)


def test_console_script_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tмектеп\n", encoding="utf-8")
    result = _console("evaluate", "lemmas", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith("kgtext: error:") and "bad.conllu" in result.stderr
