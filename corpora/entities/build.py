"""Build ``gold.jsonl`` from the bracket markup in ``source.txt`` (and back).

Markup, one passage per line::

    @news Бүгүн [ББИМдин|ORG|Билим берүү жана илим министрлиги] өкүлдөрү [Ошко|LOC|Ош] барышты.
    @meeting Жыйын [2025-жылдын 26-февралында|DATE|2025-02-26] өттү.

``[surface|LABEL]`` or ``[surface|LABEL|canonical]`` for ORG, PROGRAMME and LOC (the canonical
defaults to the surface); ``[surface|DATE|value]`` for DATE, the value being ISO 8601.
Lines starting with ``#`` and blank lines are comments. Passage ids are given in order
(``ent-0001`` ...). ``python corpora/entities/build.py`` writes ``gold.jsonl``;
``--check`` verifies that the file on disk equals the build and that rendering the gold
back gives the source passages unchanged (round trip).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.txt"
GOLD = HERE / "gold.jsonl"
STYLES = ("news", "meeting")
LABELS = ("ORG", "PROGRAMME", "LOC", "DATE")
SPAN = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)(?:\|([^\[\]|]+))?\]")
LINE = re.compile(r"^@(\w+) (.+)$")


def parse_passage(markup: str) -> tuple[str, list[dict]]:
    """Return ``(text, spans)`` for one marked-up passage."""
    text_parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in SPAN.finditer(markup):
        plain = markup[pos : m.start()]
        text_parts.append(plain)
        length += len(plain)
        surface, label, extra = m.group(1), m.group(2), m.group(3)
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {m.group(0)!r}")
        span: dict = {"start": length, "end": length + len(surface), "label": label}
        if label == "DATE":
            if extra is None:
                raise ValueError(f"DATE without a value: {m.group(0)!r}")
            span["value"] = extra
        else:
            if extra == surface:
                raise ValueError(f"canonical equals the surface, omit it: {m.group(0)!r}")
            span["canonical"] = extra if extra is not None else surface
        spans.append(span)
        text_parts.append(surface)
        length += len(surface)
        pos = m.end()
    rest = markup[pos:]
    if "[" in rest or "]" in rest or any("[" in p or "]" in p for p in text_parts[::2]):
        raise ValueError(f"stray bracket in {markup[:60]!r}")
    text_parts.append(rest)
    return "".join(text_parts), spans


def parse_source(source: str) -> list[dict]:
    """Parse the whole source file into gold records."""
    records = []
    for no, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = LINE.match(line)
        if not m or m.group(1) not in STYLES:
            raise ValueError(f"line {no}: expected '@news ...' or '@meeting ...'")
        try:
            text, spans = parse_passage(m.group(2))
        except ValueError as exc:
            raise ValueError(f"line {no}: {exc}") from None
        rid = f"ent-{len(records) + 1:04d}"
        records.append({"id": rid, "text": text, "spans": spans, "style": m.group(1)})
    return records


def render(record: dict) -> str:
    """Render one gold record back to a markup line."""
    text = record["text"]
    out = []
    pos = 0
    for span in sorted(record["spans"], key=lambda s: s["start"]):
        surface = text[span["start"] : span["end"]]
        out.append(text[pos : span["start"]])
        if span["label"] == "DATE":
            out.append(f"[{surface}|DATE|{span['value']}]")
        elif span["canonical"] == surface:
            out.append(f"[{surface}|{span['label']}]")
        else:
            out.append(f"[{surface}|{span['label']}|{span['canonical']}]")
        pos = span["end"]
    out.append(text[pos:])
    return f"@{record['style']} " + "".join(out)


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args(argv)
    source = SOURCE.read_text(encoding="utf-8")
    records = parse_source(source)
    passages = [ln for ln in source.splitlines() if ln.startswith("@")]
    rendered = [render(r) for r in records]
    if rendered != passages:
        bad = next(i for i, (a, b) in enumerate(zip(rendered, passages, strict=True)) if a != b)
        print(f"round trip fails at passage {bad + 1}", file=sys.stderr)
        return 1
    built = dumps(records)
    if args.check:
        if not GOLD.exists() or GOLD.read_text(encoding="utf-8") != built:
            print("gold.jsonl is out of date: run corpora/entities/build.py", file=sys.stderr)
            return 1
        print(f"ok: {len(records)} passages round-trip")
        return 0
    GOLD.write_text(built, encoding="utf-8")
    print(f"wrote {GOLD.name}: {len(records)} passages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
