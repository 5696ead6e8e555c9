"""The segmentation gold set (corpora/segmentation): valid, up to date, round-trippable."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEG_DIR = ROOT / "corpora" / "segmentation"


def _load_build():
    spec = importlib.util.spec_from_file_location("segmentation_build", SEG_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


build = _load_build()
GOLD = build.load_gold(SEG_DIR / "gold.jsonl")
BY_ID = {doc["id"]: doc for doc in GOLD}


def _tokens(doc: dict) -> list[str]:
    return [doc["text"][s:e] for s, e in doc["tokens"]]


def _sentences(doc: dict) -> list[str]:
    return [doc["text"][s:e] for s, e in doc["sentences"]]


# --------------------------------------------------------------------------- the file


def test_gold_is_rebuilt_from_the_markup():
    docs, errors = build.build_docs(SEG_DIR / "source")
    assert errors == []
    assert build.dump_jsonl(docs) == (SEG_DIR / "gold.jsonl").read_text(encoding="utf-8")


def test_schema_and_ids():
    ids = [doc["id"] for doc in GOLD]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for doc in GOLD:
        assert set(doc) == {"id", "text", "tokens", "sentences", "phenomena"}
        assert doc["id"].startswith("seg-")
        assert set(doc["phenomena"]) <= set(build.PHENOMENA)


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_offsets_are_valid(doc):
    """Checked here without build.py: increasing, only whitespace between, aligned."""
    text = doc["text"]
    separators = {"\u200b", "\u2060", "\ufeff"}

    def blank(s: str) -> bool:
        return all(c.isspace() or c in separators for c in s)

    prev = 0
    for start, end in doc["tokens"]:
        assert prev <= start < end <= len(text)
        assert blank(text[prev:start]), (doc["id"], text[prev:start])
        assert not any(c.isspace() or c in separators for c in text[start:end])
        prev = end
    assert blank(text[prev:])
    starts = {s for s, _ in doc["tokens"]}
    ends = {e for _, e in doc["tokens"]}
    prev = 0
    n_covered = 0
    for start, end in doc["sentences"]:
        assert start in starts and end in ends and prev <= start < end
        n_covered += sum(1 for s, e in doc["tokens"] if start <= s and e <= end)
        prev = end
    assert n_covered == len(doc["tokens"])
    assert build.validate_doc(doc) == []
    assert build.lint_doc(doc) == []


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_round_trip_with_markup(doc):
    markup = build.read_markup(SEG_DIR / "source" / f"{doc['id']}.txt")
    assert build.render_markup(doc["text"], doc["tokens"], doc["sentences"]) == markup
    text, tokens, sentences = build.parse_markup(markup)
    assert text == doc["text"]
    assert [list(t) for t in tokens] == doc["tokens"]
    assert [list(s) for s in sentences] == doc["sentences"]


def test_every_source_file_is_in_gold():
    names = {p.stem for p in build.source_files(SEG_DIR / "source")}
    assert names == set(BY_ID)


def test_size():
    assert len(GOLD) >= 60
    assert sum(len(doc["sentences"]) for doc in GOLD) >= 300


def test_every_phenomenon_at_least_eight_times():
    occurrences, documents = build.stats(GOLD)
    for name in build.PHENOMENA:
        assert occurrences[name] >= 8, (name, occurrences[name])
        assert documents[name] >= 3, (name, documents[name])
    for doc in GOLD:
        assert doc["phenomena"] == sorted(build.detect_phenomena(doc))


# --------------------------------------------------------------------------- conventions


@pytest.mark.parametrize(
    "token",
    [
        "2025-жылы",
        "26-мартта",
        "12:00гө",
        "22,2%ы",
        "80%ы",
        "1,5",
        "26.02.2025",
        "2025-2026-окуу",
        "ЖОЖдор",
        "ЕАЭБдин",
        "ББИМдин",
        "KOICAнын",
        "USAIDдин",
        "Ала-Тоо",
        "эл-аралык",
        "ой-пикирлерин",
        "иш-чара",
        "СOVID-19",
        "cекторуна",
        "ж.",
        "ж.б.",
        "т.б.",
        "ж.б.у.с.",
        "б.з.ч.",
        "млн.",
        "көч.",
        "пр.",
        "№3",
        "24.kg",
        "www.edu.gov.kg",
        "info@edu.gov.kg",
        "#тазаалатоо",
        "...",
        "…",
    ],
)
def test_examples_are_single_tokens(token):
    assert any(token in _tokens(doc) for doc in GOLD), token


def test_initials_keep_their_dot():
    toks = _tokens(BY_ID["seg-001"])
    i = toks.index("А.")
    assert toks[i + 1] == "Токтосунова"
    assert "Н." in _tokens(BY_ID["seg-002"]) and "Садыкова" in _tokens(BY_ID["seg-002"])


def test_glued_headline_splits_token_and_sentence():
    doc = BY_ID["seg-001"]
    sents = _sentences(doc)
    assert sents[1] == "ОШ ОБЛУСУНДА МУГАЛИМДЕРДИН ФОРУМУ ӨТТҮ"
    assert sents[2].startswith("14-апрелде ")
    assert "ӨТТҮ" in _tokens(doc) and "14-апрелде" in _tokens(doc)


def test_reported_speech_is_one_sentence():
    sents = _sentences(BY_ID["seg-004"])
    assert "Биз бул маселени быйыл биротоло чечебиз! — деди министр." in sents
    assert any(s.startswith("«Китептердин") and s.endswith("— деди ал.") for s in sents)


def test_abbreviation_ends_a_sentence_with_its_dot():
    doc = BY_ID["seg-003"]
    sents = _sentences(doc)
    assert any(s.endswith("практикалык машыгуулар ж.б.") for s in sents)
    assert "Курстарга катышуу акысыз." in sents
    assert "ж.б." in _tokens(doc)


def test_closing_quote_belongs_to_the_sentence():
    sents = _sentences(BY_ID["seg-009"])
    assert sents[-2].endswith("жатабыз.»")


def test_bullets_and_headlines_are_sentences():
    sents = _sentences(BY_ID["seg-021"])
    assert sents[0] == "Министрликтин кабыл алуу бөлмөсү жаңы дарекке көчтү"
    assert sents[-3:] == [
        "• Бишкек ш., Токтогул көч., 125",
        "• каттар үчүн: press@edu.gov.kg",
        "• расмий барак: @minobr_kg",
    ]


# --------------------------------------------------------------------------- markup


def test_markup_parse_and_render():
    markup = "⟦Ал 2025-жылы «|Алтын Казык|» деди|. ⟦Бул{nbsp}ж.б. ⟦Жок|!"
    text, tokens, sentences = build.parse_markup(markup)
    assert text == "Ал 2025-жылы «Алтын Казык» деди. Бул\u00a0ж.б. Жок!"
    assert [text[s:e] for s, e in tokens] == [
        "Ал",
        "2025-жылы",
        "«",
        "Алтын",
        "Казык",
        "»",
        "деди",
        ".",
        "Бул",
        "ж.б.",
        "Жок",
        "!",
    ]
    assert [text[s:e] for s, e in sentences] == [
        "Ал 2025-жылы «Алтын Казык» деди.",
        "Бул\u00a0ж.б.",
        "Жок!",
    ]
    assert build.render_markup(text, tokens, sentences) == markup


def test_markup_glued_sentence_and_zero_width_space():
    text, tokens, sentences = build.parse_markup("⟦ЖЫЙЫН⟦26-мартта{zwsp}өттү|.")
    assert [text[s:e] for s, e in tokens] == ["ЖЫЙЫН", "26-мартта", "өттү", "."]
    assert [text[s:e] for s, e in sentences] == ["ЖЫЙЫН", "26-мартта\u200bөттү."]


@pytest.mark.parametrize("bad", ["Ал келди.", "⟦Ал |келди", "⟦Ал келди||.", "⟦Ал {oops}"])
def test_markup_errors(bad):
    with pytest.raises(build.MarkupError):
        build.parse_markup(bad)


def test_jsonl_lines_are_plain_json():
    for line in (SEG_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["text"]
