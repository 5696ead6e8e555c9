"""`kgtext evaluate sectors` on kgtext itself decides at the sectors pipe's thresholds."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import kgtext
from kgtext.commands import evaluate as command


class _FakeNlp:
    pipe_names = ("sectors",)

    def get_pipe(self, name: str):
        assert name == "sectors"
        return SimpleNamespace(thresholds={"school": 0.2, "preschool": 0.7})

    def pipe(self, texts):
        for text in texts:
            school = 0.3 if "мектеп" in text else 0.1
            yield SimpleNamespace(
                cats={"school": school, "preschool": 0.6}, _=SimpleNamespace(sectors=())
            )


def _gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "1", "text": "Жаңы мектеп ачылды.", "labels": ["school"]}\n'
        '{"id": "2", "text": "Базарда эт кымбаттады.", "labels": []}\n',
        encoding="utf-8",
    )
    return gold


def test_pipe_thresholds_without_threshold_option(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kgtext, "load", lambda: _FakeNlp(), raising=False)
    assert command.main(["sectors", str(_gold(tmp_path)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["threshold"] == {"preschool": 0.7, "school": 0.2}
    assert out["metrics"]["per_label"]["school"]["f1"] == 1.0
    assert out["metrics"]["per_label"]["preschool"]["precision"] == 0.0  # 0.6 < 0.7: none


def test_threshold_option_overrides_the_pipe(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kgtext, "load", lambda: _FakeNlp(), raising=False)
    assert command.main(["sectors", str(_gold(tmp_path)), "--threshold", "0.5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["threshold"] == 0.5
    assert out["metrics"]["per_label"]["school"]["recall"] == 0.0
