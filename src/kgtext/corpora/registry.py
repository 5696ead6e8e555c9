"""Metadata for every corpus kgtext is evaluated on, and the ``corpora/README.md`` table.

Counts are computed by the corpus's own loader when its files exist, so the table
never drifts from the data. Regenerate the README with::

    python -m kgtext.corpora.registry            # writes corpora/README.md
    python -m kgtext.corpora.registry --check    # exit 1 if it is out of date

Only the part between ``<!-- registry:start -->`` and ``<!-- registry:end -->`` is
generated; text outside the markers (conventions, notes) is kept as written.

Examples
--------
>>> info = get("ud-kyrgyz-ktmu")
>>> info.loader, info.task
('load_conllu', 'tokens, sentences, lemmas')
>>> [c.name for c in REGISTRY if c.origin == "project"]
['segmentation', 'entities', 'sectors']
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgtext.corpora import conllu, other, passages, spans
from kgtext.corpora._io import CorpusFormatError

__all__ = [
    "END_MARKER",
    "REGISTRY",
    "START_MARKER",
    "CorpusInfo",
    "count",
    "files",
    "get",
    "main",
    "render_table",
    "write_readme",
]

START_MARKER = "<!-- registry:start -->"
END_MARKER = "<!-- registry:end -->"


@dataclass(frozen=True)
class CorpusInfo:
    """What the project knows about one corpus.

    ``path`` is a glob relative to the project root (shared corpora live in the
    root's sibling ``../shared/corpora``); ``loader`` names a function of
    :mod:`kgtext.corpora`.
    """

    name: str
    title: str
    licence: str
    source: str
    loader: str
    path: str
    task: str
    origin: str = "shared"
    source_path: str | None = None


REGISTRY: tuple[CorpusInfo, ...] = (
    CorpusInfo(
        "ud-kyrgyz-ktmu",
        "UD Kyrgyz-KTMU treebank (train split), mostly news headlines",
        "CC BY-SA 4.0",
        "UniversalDependencies/UD_Kyrgyz-KTMU @ 57ad72f",
        "load_conllu",
        "../shared/corpora/ud-kyrgyz-ktmu/*.conllu",
        "tokens, sentences, lemmas",
    ),
    CorpusInfo(
        "ud-kyrgyz-tuecl",
        "UD Kyrgyz-TueCL treebank: grammar examples with multiword tokens",
        "CC BY-SA 4.0",
        "UniversalDependencies/UD_Kyrgyz-TueCL @ be49bb8",
        "load_conllu",
        "../shared/corpora/ud-kyrgyz-tuecl/*.conllu",
        "tokens, sentences, lemmas",
    ),
    CorpusInfo(
        "24kg-topics",
        "24.kg news articles, 20 multi-label topics (Alekseev et al., AIST 2023), train split",
        "no licence file; public benchmark, development and evaluation only",
        "alexeyev/kyrgyz-multi-label-topic-classification @ 8072f88",
        "load_24kg",
        "../shared/corpora/24kg-topics/*.csv",
        "sectors",
    ),
    CorpusInfo(
        "sib200-kir",
        "SIB-200 Kyrgyz: Flores-200 sentences, 7 topic categories",
        "Apache-2.0 (repository); Flores-200 sentences CC BY-SA 4.0",
        "dadelani/sib-200 @ 593cea8, data/annotated/kir_Cyrl",
        "load_sib200",
        "../shared/corpora/sib200-kir/*.tsv",
        "sectors",
    ),
    CorpusInfo(
        "unimorph-kir",
        "UniMorph Kyrgyz verb paradigms (many words spelt with Latin look-alikes)",
        "CC BY-SA 3.0",
        "unimorph/kir @ 3eba9b7",
        "load_unimorph",
        "../shared/corpora/unimorph-kir/kir.tsv",
        "lemmas, normalisation",
    ),
    CorpusInfo(
        "segmentation",
        "kgtext segmentation gold: token and sentence offsets, tagged by phenomenon",
        "project (MIT)",
        "written by the kgtext developers",
        "load_segmentation",
        "corpora/segmentation/*.jsonl",
        "tokens, sentences",
        origin="project",
    ),
    CorpusInfo(
        "entities",
        "kgtext entity gold: character spans with labels",
        "project (MIT)",
        "written by the kgtext developers",
        "load_jsonl_spans",
        "corpora/entities/*.jsonl",
        "entities",
        origin="project",
    ),
    CorpusInfo(
        "sectors",
        "kgtext education-sector gold: stand-off labels on 24.kg paragraphs",
        "project (MIT) labels; text from 24kg-topics",
        "written by the kgtext developers",
        "load_24kg_paragraphs",
        "corpora/sectors/*_labels.jsonl",
        "sectors",
        origin="project",
        source_path="../shared/corpora/24kg-topics/train.csv",
    ),
    CorpusInfo(
        "sectors-authored",
        "kgtext education-sector passages in the style of news and meeting reports",
        "project (MIT)",
        "written by the kgtext developers",
        "load_passages",
        "corpora/sectors/authored.jsonl",
        "sectors",
        origin="project",
    ),
)


def get(name: str) -> CorpusInfo:
    """Return the registry entry called ``name`` (``KeyError`` if unknown)."""
    for info in REGISTRY:
        if info.name == name:
            return info
    raise KeyError(f"unknown corpus {name!r}; known: {', '.join(c.name for c in REGISTRY)}")


def files(info: CorpusInfo, root: str | Path) -> list[Path]:
    """The existing files of ``info`` under the project ``root``, sorted."""
    pattern = Path(root) / info.path
    return sorted(p for p in pattern.parent.glob(pattern.name) if p.is_file())


def _count_conllu(path: Path) -> dict[str, int]:
    counts = {"sentences": 0, "words": 0, "multiword tokens": 0}
    for sentence in conllu.load_conllu(path):
        counts["sentences"] += 1
        counts["words"] += len(sentence.tokens)
        counts["multiword tokens"] += len(sentence.multiword)
    return counts


def _count_passages(records: Iterable[passages.Passage]) -> dict[str, int]:
    counts = {"passages": 0, "characters": 0}
    labels: set[str] = set()
    for record in records:
        counts["passages"] += 1
        counts["characters"] += len(record.text)
        labels.update(record.labels)
    counts["labels"] = len(labels)
    return counts


def _count_segmentation(path: Path) -> dict[str, int]:
    counts = {"documents": 0, "tokens": 0, "sentences": 0}
    for doc in other.load_segmentation(path):
        counts["documents"] += 1
        counts["tokens"] += len(doc.tokens)
        counts["sentences"] += len(doc.sentences)
    return counts


def _count_spans(path: Path) -> dict[str, int]:
    counts = {"documents": 0, "spans": 0}
    for doc in spans.load_jsonl_spans(path):
        counts["documents"] += 1
        counts["spans"] += len(doc.spans)
    return counts


def _count_unimorph(path: Path) -> dict[str, int]:
    lemmas: set[str] = set()
    rows = 0
    for entry in other.load_unimorph(path):
        rows += 1
        lemmas.add(entry.lemma)
    return {"rows": rows, "lemmas": len(lemmas)}


_COUNTERS: dict[str, Callable[[Path], dict[str, int]]] = {
    "load_conllu": _count_conllu,
    "load_24kg": lambda p: _count_passages(passages.load_24kg(p)),
    "load_sib200": lambda p: _count_passages(passages.load_sib200(p)),
    "load_passages": lambda p: _count_passages(passages.load_passages(p)),
    "load_segmentation": _count_segmentation,
    "load_jsonl_spans": _count_spans,
    "load_unimorph": _count_unimorph,
}


def _count_24kg_paragraphs(path: Path, source: Path) -> dict[str, int]:
    return _count_passages(passages.load_24kg_paragraphs(path, source))


def count(info: CorpusInfo, root: str | Path) -> dict[str, Any]:
    """Count records of every existing file of ``info`` with its loader.

    Returns a dict ``{file name: {what: n}}``; an unreadable file maps to
    ``{"error": message}`` instead of raising, so one bad file does not hide the
    rest of the table.
    """
    result: dict[str, Any] = {}
    for path in files(info, root):
        try:
            if info.source_path is not None:
                source = Path(root) / info.source_path
                result[path.name] = _count_24kg_paragraphs(path, source)
            else:
                result[path.name] = _COUNTERS[info.loader](path)
        except (CorpusFormatError, ValueError, OSError) as exc:
            result[path.name] = {"error": str(exc).replace(str(path), path.name)}
    return result


def _format_counts(per_file: dict[str, Any]) -> str:
    if not per_file:
        return "not present"
    parts = []
    for name, counts in per_file.items():
        if "error" in counts:
            parts.append(f"`{name}`: unreadable ({counts['error']})")
        else:
            inner = ", ".join(f"{n:,} {what}" for what, n in counts.items())
            parts.append(f"`{name}`: {inner}")
    return "; ".join(parts).replace("|", "\\|")


def render_table(root: str | Path) -> str:
    """Render the generated README section (a Markdown table and a sources list)."""
    lines = [
        "| corpus | task | loader | path (from project root) | licence | counts |",
        "|---|---|---|---|---|---|",
    ]
    for info in REGISTRY:
        lines.append(
            f"| `{info.name}` | {info.task} | `{info.loader}` | `{info.path}` "
            f"| {info.licence} | {_format_counts(count(info, root))} |"
        )
    lines += ["", "Titles and sources:", ""]
    for info in REGISTRY:
        lines.append(f"- `{info.name}`: {info.title}. Source: {info.source}.")
    return "\n".join(lines) + "\n"


_DEFAULT_HEAD = """# Annotated corpora

Gold annotations written for kgtext, and the public corpora it is evaluated on.
Public corpora are read at run time from `../shared/corpora/`; their text is never
copied here. Evaluate with `kgtext evaluate TASK CORPUS` (see `kgtext evaluate -h`).

## Conventions

- Offsets are Python string indices (Unicode code points), `[start, end)`.
- Files are UTF-8 JSON lines, one record per line, loaded by `kgtext.corpora`.
- Annotations on public text are stand-off (document id, paragraph index, offsets)
  and are resolved against `../shared/corpora` at run time.

## Corpora

The table below is generated by `python -m kgtext.corpora.registry` from
`src/kgtext/corpora/registry.py`; edit that file, not the table. Text outside the
registry markers is kept as written.

"""


def _compose(existing: str | None, table: str) -> str:
    block = f"{START_MARKER}\n{table}{END_MARKER}"
    if existing is None:
        return _DEFAULT_HEAD + block + "\n"
    start = existing.find(START_MARKER)
    end = existing.find(END_MARKER)
    if start == -1 or end == -1 or end < start:
        return existing.rstrip("\n") + "\n\n" + block + "\n"
    return existing[:start] + block + existing[end + len(END_MARKER) :]


def write_readme(path: str | Path = "corpora/README.md", root: str | Path | None = None) -> Path:
    """Write the registry table into ``path`` between the registry markers.

    Parameters
    ----------
    path : str or Path
        The README to create or update.
    root : str or Path, optional
        Project root that corpus paths are relative to; default ``path``'s
        grandparent (``corpora/README.md`` -> the project root).

    Returns
    -------
    Path
        The written file.
    """
    target = Path(path)
    base = Path(root) if root is not None else target.resolve().parent.parent
    existing = target.read_text(encoding="utf-8") if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_compose(existing, render_table(base)), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate (or ``--check``) ``corpora/README.md``."""
    parser = argparse.ArgumentParser(
        prog="python -m kgtext.corpora.registry", description="Write corpora/README.md."
    )
    parser.add_argument("path", nargs="?", default="corpora/README.md")
    parser.add_argument("--root", default=None, help="project root (default: path/../..)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    target = Path(args.path)
    if args.check:
        base = Path(args.root) if args.root else target.resolve().parent.parent
        existing = target.read_text(encoding="utf-8") if target.exists() else None
        if existing != _compose(existing, render_table(base)):
            print(
                f"{target} is out of date; run python -m kgtext.corpora.registry", file=sys.stderr
            )
            return 1
        return 0
    print(write_readme(target, args.root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
