"""Validate the entity gold (``gold.jsonl``) and the gazetteer, and print counts.

``python corpora/entities/stats.py`` validates both files and prints a Markdown table
of counts; ``--write-readme`` also puts that table into ``README.md`` between the
``<!-- stats:start -->`` and ``<!-- stats:end -->`` markers. Exit status 1 on any
validation error. ``tests/corpora/test_entities_gold.py`` runs the same functions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD = HERE / "gold.jsonl"
README = HERE / "README.md"
GAZETTEER = ROOT / "src" / "kgtext" / "data" / "gazetteer.jsonl"

LABELS = ("ORG", "PROGRAMME", "LOC", "DATE")
STYLES = ("news", "meeting")
TARGETS = {"passages": 220, "ORG": 300, "PROGRAMME": 80, "LOC": 200, "DATE": 150}
NOVEL_SHARE = 0.40  # share of ORG+PROGRAMME spans whose canonical is no gazetteer name
KINDS = {
    "ORG": {
        "ministry",
        "agency",
        "parliament",
        "council",
        "court",
        "party",
        "foundation",
        "ngo",
        "intl",
        "university",
        "college",
        "school",
        "company",
        "media",
    },
    "PROGRAMME": {"programme", "strategy", "project"},
    "LOC": {"region", "city", "district", "village", "country"},
}
CONFIDENCE = {"high", "medium"}
_PART = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})"
DATE_VALUE = re.compile(rf"^{_PART}(?:/{_PART})?$")
ID = re.compile(r"^ent-\d{4}$")
MARKERS = ("<!-- stats:start -->", "<!-- stats:end -->")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def validate_gazetteer(entries: list[dict]) -> list[str]:
    """Return a list of problems in the gazetteer entries (empty when valid)."""
    errors = []
    ids = Counter(e.get("id") for e in entries)
    errors += [f"duplicate gazetteer id {i!r}" for i, n in ids.items() if n > 1]
    names = Counter((e.get("label"), e.get("name")) for e in entries)
    errors += [f"duplicate gazetteer name {k!r}" for k, n in names.items() if n > 1]
    for e in entries:
        where = f"gazetteer {e.get('id')!r}"
        label, kind = e.get("label"), e.get("kind")
        if label not in KINDS:
            errors.append(f"{where}: label {label!r} not one of {sorted(KINDS)}")
        elif kind not in KINDS[label]:
            errors.append(f"{where}: kind {kind!r} is not a {label} kind")
        for key in ("id", "name", "en", "example"):
            if not isinstance(e.get(key), str) or not e[key].strip():
                errors.append(f"{where}: empty {key}")
        for key in ("aliases", "acronyms"):
            forms = e.get(key)
            if not isinstance(forms, list) or not all(
                isinstance(f, str) and f.strip() for f in forms
            ):
                errors.append(f"{where}: {key} must be a list of non-empty strings")
        if e.get("name") in e.get("aliases", []):
            errors.append(f"{where}: name repeated among aliases")
        if e.get("confidence") not in CONFIDENCE:
            errors.append(f"{where}: confidence {e.get('confidence')!r}")
    return errors


def gazetteer_index(entries: list[dict]) -> tuple[set, dict]:
    """``(names, other_forms)``: {(label, name)} and {(label, alias|acronym): name}."""
    names = {(e["label"], e["name"]) for e in entries}
    other: dict = {}
    for e in entries:
        for form in e["aliases"] + e["acronyms"]:
            other.setdefault((e["label"], form), e["name"])
    return names, other


def validate_gold(records: list[dict], gazetteer: list[dict] | None = None) -> list[str]:
    """Return a list of problems in the gold records (empty when valid).

    Checks ids, styles, span offsets (inside the text, sorted, not overlapping, no
    surrounding whitespace), labels, canonical/value presence and form, and, when a
    gazetteer is given, that a canonical naming a gazetteer entry uses its ``name``
    rather than one of its aliases or acronyms.
    """
    errors = []
    names, other = gazetteer_index(gazetteer) if gazetteer else (set(), {})
    seen = set()
    for r in records:
        rid = r.get("id")
        if not isinstance(rid, str) or not ID.match(rid) or rid in seen:
            errors.append(f"bad or repeated id {rid!r}")
        seen.add(rid)
        text = r.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{rid}: empty text")
            continue
        if r.get("style") not in STYLES:
            errors.append(f"{rid}: style {r.get('style')!r}")
        prev_end = 0
        for s in r.get("spans", []):
            start, end, label = s.get("start"), s.get("end"), s.get("label")
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            ):
                errors.append(f"{rid}: span {start}-{end} outside the text")
                continue
            surface = text[start:end]
            if start < prev_end:
                errors.append(f"{rid}: span {surface!r} overlaps or is out of order")
            prev_end = end
            if surface != surface.strip():
                errors.append(f"{rid}: span {surface!r} has surrounding whitespace")
            if label not in LABELS:
                errors.append(f"{rid}: label {label!r}")
            elif label == "DATE":
                if not DATE_VALUE.match(str(s.get("value", ""))) or "canonical" in s:
                    errors.append(f"{rid}: DATE {surface!r} needs an ISO value, no canonical")
            else:
                canonical = s.get("canonical")
                if not isinstance(canonical, str) or not canonical.strip():
                    errors.append(f"{rid}: {label} {surface!r} without canonical")
                elif (label, canonical) not in names and (label, canonical) in other:
                    errors.append(
                        f"{rid}: canonical {canonical!r} is a gazetteer alias; "
                        f"use the name {other[(label, canonical)]!r}"
                    )
    return errors


def count(records: list[dict], gazetteer: list[dict]) -> dict:
    """Counts used by the README table and the tests."""
    names, _ = gazetteer_index(gazetteer)
    spans = [(r, s) for r in records for s in r["spans"]]
    labels = Counter(s["label"] for _, s in spans)
    inflected = Counter(
        s["label"]
        for r, s in spans
        if s["label"] != "DATE" and r["text"][s["start"] : s["end"]] != s["canonical"]
    )
    in_gaz = Counter(
        s["label"]
        for _, s in spans
        if s["label"] != "DATE" and (s["label"], s["canonical"]) in names
    )
    distinct = {
        lab: len({s.get("canonical", s.get("value")) for _, s in spans if s["label"] == lab})
        for lab in LABELS
    }
    org_prog = labels["ORG"] + labels["PROGRAMME"]
    novel = org_prog - in_gaz["ORG"] - in_gaz["PROGRAMME"]
    return {
        "passages": len(records),
        "styles": Counter(r["style"] for r in records),
        "labels": labels,
        "inflected": inflected,
        "in_gazetteer": in_gaz,
        "distinct": distinct,
        "novel_share": novel / org_prog if org_prog else 0.0,
        "gazetteer": Counter(e["label"] for e in gazetteer),
    }


def table(c: dict) -> str:
    rows = [
        "| label | spans | distinct | surface ≠ canonical | canonical in gazetteer |",
        "|---|---:|---:|---:|---:|",
    ]
    for lab in LABELS:
        infl = "—" if lab == "DATE" else str(c["inflected"][lab])
        gaz = "—" if lab == "DATE" else str(c["in_gazetteer"][lab])
        rows.append(f"| {lab} | {c['labels'][lab]} | {c['distinct'][lab]} | {infl} | {gaz} |")
    styles = ", ".join(f"{k} {v}" for k, v in sorted(c["styles"].items()))
    gaz = ", ".join(f"{k} {v}" for k, v in sorted(c["gazetteer"].items()))
    rows += [
        "",
        f"Passages: {c['passages']} ({styles}). ORG+PROGRAMME spans whose canonical is "
        f"not a gazetteer name: {c['novel_share']:.1%}.",
        f"Gazetteer entries: {sum(c['gazetteer'].values())} ({gaz}).",
    ]
    return "\n".join(rows)


def check_targets(c: dict) -> list[str]:
    errors = []
    if c["passages"] < TARGETS["passages"]:
        errors.append(f"{c['passages']} passages < {TARGETS['passages']}")
    for lab in LABELS:
        if c["labels"][lab] < TARGETS[lab]:
            errors.append(f"{lab}: {c['labels'][lab]} spans < {TARGETS[lab]}")
    if c["novel_share"] < NOVEL_SHARE:
        errors.append(f"non-gazetteer ORG/PROGRAMME share {c['novel_share']:.1%} < 40%")
    return errors


def readme_block(text: str) -> str | None:
    start, end = MARKERS
    if start not in text or end not in text:
        return None
    return text.split(start, 1)[1].split(end, 1)[0].strip("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args(argv)
    gazetteer = read_jsonl(GAZETTEER)
    records = read_jsonl(GOLD)
    errors = validate_gazetteer(gazetteer) + validate_gold(records, gazetteer)
    c = count(records, gazetteer)
    errors += check_targets(c)
    out = table(c)
    print(out)
    if args.write_readme:
        text = README.read_text(encoding="utf-8")
        old = readme_block(text)
        if old is None:
            errors.append("README.md has no stats markers")
        else:
            start, end = MARKERS
            head, tail = text.split(start, 1)[0], text.split(end, 1)[1]
            README.write_text(f"{head}{start}\n{out}\n{end}{tail}", encoding="utf-8")
    for e in errors:
        print("error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
