"""Print label and label-combination statistics for corpora/sectors/authored.jsonl.

Usage: python corpora/sectors/stats.py [path/to/authored.jsonl]
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

ORDER = ["preschool", "school", "out_of_school", "teacher_training", "professional"]

# Hard-negative notes start with "hard negative: <free text>"; they are grouped
# into coarse types by the first matching keyword (order matters).
HARD_TYPES = [
    ("'business school' = a company", ("business school",)),
    ("school/kindergarten as polling station", ("polling",)),
    (
        "academy of sciences / research institute as research body",
        ("academy of sciences", "research institute", "medical research"),
    ),
    ("biography line mentioning a university/institute", ("biography", "obituary")),
    (
        "crime at/near a school or university, juvenile crime",
        ("crime", "theft", "juvenile", "fight", "missing child", "bomb"),
    ),
    (
        "accident / safety (school bus, playground, drowning, fire, roads)",
        ("accident", "fire", "unexploded", "road safety", "flood", "storm"),
    ),
    (
        "children's / youth health (vaccination, outbreaks, hospitals)",
        ("health", "vaccination", "hospital", "clinic", "nutrition", "infant"),
    ),
    ("child welfare, benefits, child labour", ("welfare", "benefit", "labour")),
    ("education in general, no sector named (budget, law, reform, pay)", ("no sector", "general")),
    ("sports events not about children's learning", ("sport", "chess", "football")),
    (
        "school/university building used as venue or shelter",
        ("concert", "exhibition", "shelter", "stadium", "venue"),
    ),
    ("youth unemployment, migration, youth policy/leisure", ("youth",)),
]
OTHER = "other incidental mention (teacher in unrelated story, school as landmark, demographics)"

WORD = re.compile(r"[\w-]+")


def hard_type(note: str) -> str:
    low = note.lower()
    for name, keys in HARD_TYPES:
        if any(k in low for k in keys):
            return name
    return OTHER


def main(path: Path) -> None:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in rows:
        assert set(r) <= {"id", "text", "labels", "style", "note", "source"}, r["id"]
        assert r["labels"] == sorted(r["labels"], key=ORDER.index), r["id"]
        assert len(set(r["labels"])) == len(r["labels"]), r["id"]
    first8 = collections.Counter(tuple(WORD.findall(r["text"].lower())[:8]) for r in rows)
    dup8 = sum(1 for v in first8.values() if v > 1)
    lengths = [len(WORD.findall(r["text"])) for r in rows]

    print(f"passages: {len(rows)}  (ids unique; passages sharing the same first 8 words: {dup8})")
    mean = sum(lengths) / len(lengths)
    print(f"words per passage: min {min(lengths)}, max {max(lengths)}, mean {mean:.1f}")
    style = collections.Counter(r["style"] for r in rows)
    print("style: " + ", ".join(f"{k} {v}" for k, v in sorted(style.items())))
    source = collections.Counter(r.get("source", "round1") for r in rows)
    print("source: " + ", ".join(f"{k} {v}" for k, v in sorted(source.items())))

    print("\nper label (multi-label, overlapping):")
    per = collections.Counter(lab for r in rows for lab in r["labels"])
    for lab in ORDER:
        print(f"  {lab:<17} {per[lab]:>4}")

    nlab = collections.Counter(len(r["labels"]) for r in rows)
    print("\nnumber of labels per passage:")
    for k in sorted(nlab):
        print(f"  {k}: {nlab[k]:>4}")
    print(f"  2+ labels: {sum(v for k, v in nlab.items() if k >= 2)}")

    print("\nlabel combinations:")
    combo = collections.Counter(" + ".join(r["labels"]) or "(none)" for r in rows)
    for k, v in sorted(combo.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {v:>4}  {k}")

    neg = [r for r in rows if not r["labels"]]
    hard = [r for r in neg if r.get("note", "").startswith("hard negative")]
    other = len(neg) - len(hard)
    print(f"\nno label: {len(neg)}  (hard negatives: {len(hard)}, unrelated-topic: {other})")
    types = collections.Counter(hard_type(r["note"]) for r in hard)
    print("hard-negative types:")
    for k, v in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {v:>4}  {k}")
    noted = sum(1 for r in rows if r["labels"] and r.get("note"))
    print(f"\npositive passages with a borderline note: {noted}")


if __name__ == "__main__":
    default = Path(__file__).with_name("authored.jsonl")
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
