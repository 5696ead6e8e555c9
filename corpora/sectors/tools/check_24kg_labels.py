#!/usr/bin/env python3
"""Check the stand-off 24.kg sector labels and print their counts (issue 6, part 6(b)).

Verifies that

* every paragraph in ``24kg_selection.tsv`` is labelled exactly once in
  ``24kg_labels.jsonl``, and nothing else is;
* every ``(article_id, paragraph)`` exists in the CSV and is non-empty there;
* each record's ``selection`` agrees with the selection file;
* labels are known, unique and in the canonical order; records carry only the
  stand-off keys (no paragraph text).

Then prints counts per label, per selection and per label combination.
Exit status 0 when every check passes, 1 otherwise.

Usage::

    python3 corpora/sectors/tools/check_24kg_labels.py [--corpus PATH]

Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTORS = HERE.parent
ROOT = HERE.parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "24kg-topics" / "train.csv"
DEFAULT_SELECTION = SECTORS / "24kg_selection.tsv"
DEFAULT_LABELS = SECTORS / "24kg_labels.jsonl"

LABELS = ("preschool", "school", "out_of_school", "teacher_training", "professional")
SELECTIONS = ("education_mention", "random")
REQUIRED_KEYS = {"article_id", "paragraph", "selection", "labels"}
ALLOWED_KEYS = REQUIRED_KEYS | {"reason"}


def read_paragraphs(corpus: Path) -> dict[str, list[str]]:
    """Map article id to its ``text.split("\\n")``."""
    csv.field_size_limit(1 << 30)
    with corpus.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row["text"].split("\n") for row in csv.DictReader(fh)}


def read_selection(path: Path) -> dict[tuple[str, int], str]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {(r["article_id"], int(r["paragraph"])): r["selection"] for r in rows}


def check(corpus: Path, selection_path: Path, labels_path: Path) -> tuple[list[str], list[dict]]:
    """Return ``(errors, records)``."""
    paragraphs = read_paragraphs(corpus)
    selection = read_selection(selection_path)
    errors: list[str] = []
    records: list[dict] = []
    seen: Counter = Counter()
    with labels_path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            where = f"{labels_path.name}:{no}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            keys = set(rec)
            if not REQUIRED_KEYS <= keys or not keys <= ALLOWED_KEYS:
                errors.append(f"{where}: keys {sorted(keys)}, expected {sorted(REQUIRED_KEYS)} "
                              f"(+ optional 'reason')")
                continue
            key = (rec["article_id"], rec["paragraph"])
            seen[key] += 1
            records.append(rec)
            article = paragraphs.get(rec["article_id"])
            if article is None:
                errors.append(f"{where}: article {rec['article_id']!r} not in the CSV")
            elif not isinstance(rec["paragraph"], int) or not 0 <= rec["paragraph"] < len(article):
                errors.append(f"{where}: paragraph {rec['paragraph']!r} out of range "
                              f"(article has {len(article)})")
            elif not article[rec["paragraph"]].strip():
                errors.append(f"{where}: paragraph {rec['paragraph']} is empty")
            if key not in selection:
                errors.append(f"{where}: {key} is not in {selection_path.name}")
            elif rec["selection"] != selection[key]:
                errors.append(f"{where}: selection {rec['selection']!r}, "
                              f"{selection_path.name} says {selection[key]!r}")
            labels = rec["labels"]
            if not isinstance(labels, list) or any(label not in LABELS for label in labels):
                errors.append(f"{where}: unknown labels {labels!r}")
            elif labels != sorted(set(labels), key=LABELS.index):
                errors.append(f"{where}: labels {labels!r} duplicated or not in canonical order")
            if "reason" in rec and not (isinstance(rec["reason"], str) and rec["reason"].strip()):
                errors.append(f"{where}: empty reason")
    for key, n in seen.items():
        if n > 1:
            errors.append(f"{key} labelled {n} times")
    missing = [key for key in selection if key not in seen]
    for key in missing:
        errors.append(f"{key} selected but not labelled")
    return errors, records


def report(records: list[dict]) -> str:
    """Counts per label, per selection and per combination, as Markdown-friendly text."""
    lines = [f"paragraphs labelled: {len(records)}"]
    per_selection = Counter(r["selection"] for r in records)
    tagged = Counter(r["selection"] for r in records if r["labels"])
    lines.append("")
    lines.append("per selection (paragraphs / with at least one label):")
    for s in SELECTIONS:
        lines.append(f"  {s:<20} {per_selection[s]:>4} / {tagged[s]:>4}")
    lines.append(f"  {'total':<20} {len(records):>4} / {sum(tagged.values()):>4}")
    lines.append("")
    lines.append("per label (education_mention / random / total):")
    for label in LABELS:
        n = Counter(r["selection"] for r in records if label in r["labels"])
        lines.append(f"  {label:<20} {n['education_mention']:>4} / {n['random']:>4} / "
                     f"{sum(n.values()):>4}")
    lines.append("")
    lines.append("label combinations (all selections):")
    combos = Counter("+".join(r["labels"]) or "(none)" for r in records)
    for combo, n in sorted(combos.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {combo:<40} {n:>4}")
    lines.append("")
    lines.append(f"articles touched: {len({r['article_id'] for r in records})}; "
                 f"with a labelled paragraph: "
                 f"{len({r['article_id'] for r in records if r['labels']})}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--selection", type=Path, default=DEFAULT_SELECTION)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    args = parser.parse_args(argv)
    errors, records = check(args.corpus, args.selection, args.labels)
    for error in errors[:50]:
        print("ERROR", error)
    if len(errors) > 50:
        print(f"ERROR ... and {len(errors) - 50} more")
    print(("OK: every selected paragraph is labelled exactly once; ids, indices and "
           "labels are valid") if not errors else f"{len(errors)} error(s)")
    print()
    print(report(records))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
