"""The entity gold (corpora/entities) and the gazetteer (src/kgtext/data) are valid.

Runs the validation of ``corpora/entities/stats.py`` and the round trip of
``corpora/entities/build.py``; both scripts live outside the package, so they are
loaded from their paths.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = ROOT / "corpora" / "entities"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"entities_{name}", ENTITIES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stats = _load("stats")
build = _load("build")


@pytest.fixture(scope="module")
def gazetteer() -> list[dict]:
    return stats.read_jsonl(stats.GAZETTEER)


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return stats.read_jsonl(stats.GOLD)


def test_gazetteer_is_valid(gazetteer):
    assert stats.validate_gazetteer(gazetteer) == []


def test_gazetteer_size_and_coverage(gazetteer):
    assert len(gazetteer) >= 250
    kinds = {e["kind"] for e in gazetteer}
    for kind in (
        "ministry",
        "parliament",
        "court",
        "party",
        "university",
        "intl",
        "media",
        "region",
        "district",
        "city",
        "country",
        "programme",
    ):
        assert kind in kinds, kind
    assert sum(e["kind"] == "district" for e in gazetteer) >= 40
    assert sum(e["kind"] == "region" for e in gazetteer) == 7


def test_gazetteer_examples_mention_their_entry(gazetteer):
    # The example must contain the name, an alias or an acronym, allowing the last
    # word to be inflected (compared on its first letters).
    def stem_in(form: str, example: str) -> bool:
        words = form.replace("«", "").replace("»", "").lower().split()
        last = words[-1]
        keep = max(2, len(last) - 3) if len(last) > 4 else len(last)
        return (
            " ".join([*words[:-1], last[:keep]])
            in example.replace("«", "").replace("»", "").lower()
        )

    missing = [
        e["id"]
        for e in gazetteer
        if not any(stem_in(f, e["example"]) for f in [e["name"], *e["aliases"], *e["acronyms"]])
    ]
    assert missing == []


def test_gold_is_valid(gold, gazetteer):
    assert stats.validate_gold(gold, gazetteer) == []


def test_gold_meets_targets(gold, gazetteer):
    counts = stats.count(gold, gazetteer)
    assert stats.check_targets(counts) == []
    assert counts["passages"] >= 220
    assert counts["labels"]["ORG"] >= 300
    assert counts["labels"]["PROGRAMME"] >= 80
    assert counts["labels"]["LOC"] >= 200
    assert counts["labels"]["DATE"] >= 150
    assert counts["novel_share"] >= 0.40
    assert set(counts["styles"]) == {"news", "meeting"}


def test_gold_builds_from_source_and_round_trips():
    source = build.SOURCE.read_text(encoding="utf-8")
    records = build.parse_source(source)
    assert build.dumps(records) == build.GOLD.read_text(encoding="utf-8")
    passages = [line for line in source.splitlines() if line.startswith("@")]
    assert [build.render(r) for r in records] == passages
    assert build.main(["--check"]) == 0


def test_readme_counts_are_current(gold, gazetteer):
    block = stats.readme_block(stats.README.read_text(encoding="utf-8"))
    assert block == stats.table(stats.count(gold, gazetteer))


@pytest.mark.parametrize(
    ("markup", "text", "spans"),
    [
        pytest.param(
            "[ББИМдин|ORG|Билим берүү жана илим министрлиги] буйругу",
            "ББИМдин буйругу",
            [(0, 7, "ORG", "Билим берүү жана илим министрлиги")],
            id="acronym-with-suffix",
        ),
        pytest.param(
            "Быйыл [«Алтын Казык» программасы|PROGRAMME] [26-мартта|DATE|--03-26] башталат.",
            "Быйыл «Алтын Казык» программасы 26-мартта башталат.",
            [(6, 31, "PROGRAMME", "«Алтын Казык» программасы"), (32, 41, "DATE", "--03-26")],
            id="quoted-programme-and-date",
        ),
    ],
)
def test_markup_parses_to_offsets(markup, text, spans):
    got_text, got = build.parse_passage(markup)
    assert got_text == text
    assert [
        (s["start"], s["end"], s["label"], s.get("canonical", s.get("value"))) for s in got
    ] == spans


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("[Бишкек|LOC|Бишкек] шаары", id="redundant-canonical"),
        pytest.param("[2024-жылы|DATE] болду", id="date-without-value"),
        pytest.param("[Ош|CITY] шаары", id="unknown-label"),
        pytest.param("[Ош шаары", id="stray-bracket"),
    ],
)
def test_bad_markup_is_rejected(markup):
    with pytest.raises(ValueError):
        build.parse_passage(markup)


def test_validation_catches_broken_spans(gazetteer):
    record = {
        "id": "ent-0001",
        "style": "news",
        "text": "Ошто жыйын болду.",
        "spans": [
            {"start": 0, "end": 5, "label": "LOC", "canonical": "Ош"},
            {"start": 3, "end": 9, "label": "ORG", "canonical": "x"},
            {"start": 10, "end": 30, "label": "DATE", "value": "2025"},
        ],
    }
    errors = stats.validate_gold([record], gazetteer)
    assert any("whitespace" in e for e in errors)
    assert any("overlaps" in e for e in errors)
    assert any("outside" in e for e in errors)
    alias = {
        "id": "ent-0002",
        "style": "news",
        "text": "ББИМ",
        "spans": [{"start": 0, "end": 4, "label": "ORG", "canonical": "ББИМ"}],
    }
    assert any("alias" in e for e in stats.validate_gold([alias], gazetteer))


def test_gold_lines_are_json_objects():
    for line in build.GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"id", "text", "spans", "style"}
