"""The corpus registry and the generated corpora/README.md section."""

from __future__ import annotations

from pathlib import Path

import pytest

import kgtext.corpora as corpora
from kgtext.corpora import registry


def test_every_loader_exists() -> None:
    for info in registry.REGISTRY:
        assert callable(getattr(corpora, info.loader)), info.name
    names = [c.name for c in registry.REGISTRY]
    assert len(names) == len(set(names))
    assert {
        "ud-kyrgyz-ktmu",
        "ud-kyrgyz-tuecl",
        "24kg-topics",
        "sib200-kir",
        "unimorph-kir",
    } <= set(names)
    assert {"segmentation", "entities", "sectors"} <= set(names)


def test_get_unknown() -> None:
    with pytest.raises(KeyError, match="unknown corpus"):
        registry.get("nope")


def test_write_readme_creates_and_preserves(tmp_path: Path) -> None:
    readme = tmp_path / "corpora" / "README.md"
    registry.write_readme(readme)
    text = readme.read_text(encoding="utf-8")
    assert registry.START_MARKER in text and registry.END_MARKER in text
    for info in registry.REGISTRY:
        assert f"`{info.name}`" in text
    assert "not present" in text  # nothing exists under tmp_path

    custom = "# Corpora\n\nHand-written conventions.\n\n" + registry.START_MARKER + "\nold\n"
    custom += registry.END_MARKER + "\n\n## Notes\n\nKept.\n"
    readme.write_text(custom, encoding="utf-8")
    registry.write_readme(readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Corpora\n\nHand-written conventions.")
    assert text.endswith("## Notes\n\nKept.\n")
    assert "\nold\n" not in text
    assert registry.main([str(readme), "--check"]) == 0
    readme.write_text(text.replace("`sectors`", "`stale`"), encoding="utf-8")
    assert registry.main([str(readme), "--check"]) == 1


def test_counts_from_a_project_corpus(tmp_path: Path) -> None:
    seg = tmp_path / "corpora" / "segmentation"
    seg.mkdir(parents=True)
    (seg / "gold.jsonl").write_text(
        '{"id": "1", "text": "Ош шаары.", "tokens": [[0, 2], [3, 8], [8, 9]],'
        ' "sentences": [[0, 9]]}\n'
        '{"id": "2", "text": "Oops", "tokens": [[0, 9]]}\n',
        encoding="utf-8",
    )
    (seg / "ok.jsonl").write_text(
        '{"id": "1", "text": "Ош", "tokens": [[0, 2]]}\n', encoding="utf-8"
    )
    counts = registry.count(registry.get("segmentation"), tmp_path)
    assert "error" in counts["gold.jsonl"] and "gold.jsonl:2" in counts["gold.jsonl"]["error"]
    assert counts["ok.jsonl"] == {"documents": 1, "tokens": 1, "sentences": 0}


def test_counts_of_shared_corpora(shared_dir: Path) -> None:
    root = Path(__file__).resolve().parents[2]  # the project root; ../shared beside it
    if (root.parent / "shared").resolve() != shared_dir.resolve():
        pytest.skip("the registry resolves ../shared from the project root; KGTEXT_SHARED differs")
    counts = registry.count(registry.get("ud-kyrgyz-ktmu"), root)
    assert counts["ky_ktmu-ud-train.conllu"]["sentences"] == 1258
    counts = registry.count(registry.get("sib200-kir"), root)
    assert counts["test.tsv"]["passages"] == 204
