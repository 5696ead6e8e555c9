"""kgtext train: in-process and through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from kgtext.cli import main
from kgtext.sectors.persist import load_model


@pytest.fixture
def corpus(tmp_path, authored):
    path = tmp_path / "train.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for p in authored[:60]:
            fh.write(json.dumps({"id": p.id, "text": p.text, "labels": list(p.labels)},
                                ensure_ascii=False) + "\n")  # fmt: skip
    return path


def test_train_sectors_in_process(corpus, tmp_path, capsys):
    out = tmp_path / "model"
    code = main(["train", "sectors", str(corpus), "-o", str(out), "--features", "lemmas,lexicon",
                 "--cv", "2"])  # fmt: skip
    assert code == 0
    assert "cross-validated" in capsys.readouterr().out
    model = load_model(out)
    assert model.features == ("lemmas", "lexicon")
    record = model.training_
    assert record["command"].startswith("kgtext train sectors")
    assert record["data"][0]["passages"] == 60 and len(record["data"][0]["sha256"]) == 64


def test_unknown_label_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "a", "text": "Мектеп", "labels": ["school"]}\n'
        '{"id": "b", "text": "Спорт", "labels": ["sport"]}\n',
        encoding="utf-8",
    )
    assert main(["train", "sectors", str(path), "-o", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert f"{path}: line 2: unknown sector label 'sport'" in err


def test_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["train", "passages", str(tmp_path / "none.jsonl"), "-o", "x"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_console_script(corpus, tmp_path):
    exe = shutil.which("kgtext")
    if exe is None:
        pytest.skip("kgtext console script not installed")
    out = tmp_path / "topic-model"
    result = subprocess.run(
        [exe, "train", "passages", str(corpus), "-o", str(out), "--features", "lemmas",
         "--cv", "2", "-q"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (out / "model.json").exists()
