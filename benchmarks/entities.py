"""Entity benchmark: strict/partial F1 per label on the gold halves, and throughput.

Usage::

    python benchmarks/entities.py [--gold corpora/entities/gold.jsonl]
        [--articles ../shared/corpora/24kg-topics/train.csv] [--repeats 5] [--json]

* **Quality.** ``kgtext.load()`` up to the ``entities`` pipe, on every passage of
  ``corpora/entities/gold.jsonl``;
  ``doc.ents`` scored with :func:`kgtext.evaluate.score_spans` (strict: same start,
  end and label; partial: overlap and same label, each span matched once) on the dev
  half (``ent-0001``..``ent-0120``, the passages the patterns were written against),
  the held-out test half (``ent-0121``..``ent-0240``) and all. Canonical accuracy:
  the share of strictly correct ORG/PROGRAMME/LOC spans whose ``span._.canonical``
  equals the gold canonical (DATE: ``span._.value`` equals the gold value).
* **Speed.** The 24.kg articles (column ``text``) are run once through the
  tokenizer, sentencizer and lemmatizer, then once through the entity pipe to warm
  its caches (model loading and lemmatisation excluded); the entity pipe alone is then
  timed over all documents, ``--repeats`` times, and the median is reported as tokens
  per second (spaCy tokens, whitespace tokens included).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "entities" / "gold.jsonl"
ARTICLES = ROOT.parent / "shared" / "corpora" / "24kg-topics" / "train.csv"
LABELS = ("ORG", "PROGRAMME", "LOC", "DATE")
PIPES = ("sentencizer", "lemmatizer", "entities")


def _half(doc_id: str) -> str:
    return "dev" if int(doc_id.split("-")[-1]) <= 120 else "test"


def quality(gold_path: Path) -> dict:
    import kgtext
    from kgtext.corpora import load_jsonl_spans
    from kgtext.evaluate import score_spans

    nlp = kgtext.load(components=PIPES)
    raw = {}
    with gold_path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                raw[row["id"]] = row
    docs = list(load_jsonl_spans(gold_path))
    preds = {d.id: nlp(d.text) for d in docs}
    out = {}
    for part in ("dev", "test", "all"):
        chosen = [d for d in docs if part == "all" or _half(d.id) == part]
        pred = [[(e.start_char, e.end_char, e.label_) for e in preds[d.id].ents] for d in chosen]
        score = score_spans(chosen, pred)
        right = total = 0
        for d in chosen:
            ents = {(e.start_char, e.end_char, e.label_): e for e in preds[d.id].ents}
            for s in raw[d.id]["spans"]:
                e = ents.get((s["start"], s["end"], s["label"]))
                if e is None:
                    continue
                total += 1
                want = s.get("value") if s["label"] == "DATE" else s.get("canonical")
                got = e._.value if s["label"] == "DATE" else e._.canonical
                right += want == got
        out[part] = {
            "docs": len(chosen),
            "strict": {lab: _prf(score.strict.get(lab)) for lab in LABELS},
            "partial": {lab: _prf(score.partial.get(lab)) for lab in LABELS},
            "canonical_accuracy": round(right / total, 4) if total else None,
        }
    return out


def _prf(prf) -> dict:
    if prf is None:
        return {"p": 0.0, "r": 0.0, "f1": 0.0, "n": 0}
    return {
        "p": round(prf.precision, 4),
        "r": round(prf.recall, 4),
        "f1": round(prf.f1, 4),
        "n": prf.tp + prf.fn,
    }


def speed(articles: Path, repeats: int) -> dict:
    import kgtext

    csv.field_size_limit(1 << 30)
    with articles.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    nlp = kgtext.load(components=PIPES)
    docs = list(nlp.pipe(texts, disable=["entities"]))
    pipe = nlp.get_pipe("entities")
    for doc in docs:  # warm-up
        pipe(doc)
    tokens = sum(len(d) for d in docs)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for doc in docs:
            pipe(doc)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    return {
        "documents": len(docs),
        "tokens": tokens,
        "seconds_median": round(median, 4),
        "tokens_per_second": round(tokens / median),
        "repeats": repeats,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--articles", type=Path, default=ARTICLES)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = {"quality": quality(args.gold)}
    if args.articles.exists():
        result["speed"] = speed(args.articles, args.repeats)
    else:
        print(f"{args.articles} not found: speed not measured", file=sys.stderr)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print("| half | label | strict P | strict R | strict F1 | partial F1 | gold spans |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for part, res in result["quality"].items():
        for lab in LABELS:
            s, p = res["strict"][lab], res["partial"][lab]
            print(
                f"| {part} | {lab} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} "
                f"| {p['f1']:.3f} | {s['n']} |"
            )
    for part, res in result["quality"].items():
        print(f"canonical/value accuracy on correct spans ({part}): {res['canonical_accuracy']}")
    if "speed" in result:
        sp = result["speed"]
        print(
            f"entity stage: {sp['tokens_per_second']:,} tokens/s (median of {sp['repeats']}; "
            f"{sp['tokens']:,} tokens in {sp['documents']} 24.kg articles)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
