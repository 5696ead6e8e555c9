"""Segmentation benchmark: kgtext against spaCy, razdel, nltk and a regex baseline.

Quality: token- and sentence-boundary errors per 1,000 gold boundaries on
UD_Kyrgyz-KTMU (train), UD_Kyrgyz-TueCL and the project's segmentation gold set.
A boundary is a start or an end offset of a gold token (sentence); a missed split
is a gold boundary no prediction has, a false split a predicted boundary gold lacks;
errors = missed + false (see ``kgtext.evaluate.score_boundaries``). Token
boundaries are scored per UD sentence, rebuilt from ``# text``.

Speed: tokens per second on the 24.kg articles, same process, loading excluded,
median of 5 runs; and the wall time of ``kgtext.load()`` in a fresh interpreter,
median of 5.

Run from the project root (needs ``pip install -e .[bench]`` and ``../shared``)::

    python benchmarks/segmentation.py            # prints the tables
    python benchmarks/segmentation.py --json benchmarks/results/segmentation.json
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kgtext.corpora import conllu_document, conllu_token_spans, load_conllu, load_segmentation
from kgtext.evaluate import score_boundaries_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
KTMU = SHARED / "ud-kyrgyz-ktmu" / "ky_ktmu-ud-train.conllu"
TUECL = SHARED / "ud-kyrgyz-tuecl" / "ky_tuecl-ud-test.conllu"
GOLD = ROOT / "corpora" / "segmentation" / "gold.jsonl"
NEWS = SHARED / "24kg-topics" / "train.csv"

Spans = list[tuple[int, int]]


# --------------------------------------------------------------- the competitors
def tokenizers() -> dict[str, Callable[[str], Spans]]:
    """Every tokenizer under test, as ``text -> [(start, end), ...]``."""
    import kgtext
    from kgtext.segment.tokenize import ud_tokens

    out: dict[str, Callable[[str], Spans]] = {
        "kgtext": lambda t: [(x.start, x.end) for x in kgtext.tokenize(t)],
        "kgtext (UD number view)": lambda t: [(x.start, x.end) for x in ud_tokens(t)],
    }
    try:
        import spacy

        nlp = spacy.blank("ky")
        out["spaCy blank('ky')"] = lambda t: [
            (x.idx, x.idx + len(x)) for x in nlp.tokenizer(t) if not x.is_space
        ]
    except ImportError:  # pragma: no cover
        pass
    try:
        import razdel

        out["razdel"] = lambda t: [(x.start, x.stop) for x in razdel.tokenize(t)]
    except ImportError:
        pass
    try:
        from nltk.tokenize import wordpunct_tokenize

        out["nltk wordpunct_tokenize"] = lambda t: _align(t, wordpunct_tokenize(t))
    except ImportError:
        pass
    pattern = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
    out[r"regex \w+(?:[-']\w+)*|[^\w\s]"] = lambda t: [m.span() for m in pattern.finditer(t)]
    return out


def sentencizers() -> dict[str, Callable[[str], Spans]]:
    """Every sentence splitter under test."""
    import kgtext

    out: dict[str, Callable[[str], Spans]] = {
        "kgtext": lambda t: [(x.start, x.end) for x in kgtext.sentenize(t)],
    }
    try:
        import spacy

        nlp = spacy.blank("ky")
        nlp.add_pipe("sentencizer")
        out["spaCy sentencizer"] = lambda t: [
            _strip(t, s.start_char, s.end_char) for s in nlp(t).sents
        ]
    except ImportError:  # pragma: no cover
        pass
    try:
        import razdel

        out["razdel"] = lambda t: [(x.start, x.stop) for x in razdel.sentenize(t)]
    except ImportError:
        pass
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        punkt = PunktSentenceTokenizer()  # untrained: no model download
        out["nltk Punkt (untrained)"] = lambda t: list(punkt.span_tokenize(t))
    except ImportError:
        pass
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _align(text: str, pieces: list[str]) -> Spans:
    spans, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return spans


# --------------------------------------------------------------- quality
def token_sets() -> dict[str, tuple[list[str], list[Spans]]]:
    """Name -> (texts, gold token spans) for each corpus that is present."""
    sets: dict[str, tuple[list[str], list[Spans]]] = {}
    for name, path in (("UD_Kyrgyz-KTMU train", KTMU), ("UD_Kyrgyz-TueCL", TUECL)):
        if path.exists():
            sentences = list(load_conllu(path))
            sets[name] = ([s.text for s in sentences], [conllu_token_spans(s) for s in sentences])
    if GOLD.exists():
        docs = list(load_segmentation(GOLD))
        sets["kgtext segmentation gold"] = ([d.text for d in docs], [list(d.tokens) for d in docs])
    return sets


def sentence_sets() -> dict[str, tuple[list[str], list[Spans]]]:
    sets: dict[str, tuple[list[str], list[Spans]]] = {}
    for name, path in (("UD_Kyrgyz-KTMU train", KTMU), ("UD_Kyrgyz-TueCL", TUECL)):
        if path.exists():
            text, _tokens, sentences = conllu_document(path)
            sets[name] = ([text], [list(sentences)])
    if GOLD.exists():
        docs = list(load_segmentation(GOLD))
        sets["kgtext segmentation gold"] = (
            [d.text for d in docs],
            [list(d.sentences) for d in docs],
        )
    return sets


def quality(
    systems: dict[str, Callable[[str], Spans]], sets: dict[str, tuple[list[str], list[Spans]]]
) -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    for corpus, (texts, gold) in sets.items():
        results[corpus] = {}
        for name, system in systems.items():
            pred = [system(t) for t in texts]
            score = score_boundaries_corpus(gold, pred, texts=texts)
            results[corpus][name] = {
                "errors_per_1000": round(score.errors_per_1000, 2),
                "missed": score.missed,
                "false": score.false,
                "gold": score.gold,
                "f1": round(score.f1, 4),
            }
    return results


# --------------------------------------------------------------- speed
def news_texts() -> list[str]:
    csv.field_size_limit(1 << 30)
    with NEWS.open(encoding="utf-8", newline="") as f:
        return [row["text"] for row in csv.DictReader(f)]


def speed(texts: list[str], repeats: int = 5) -> dict[str, float]:
    """Tokens per second, median of *repeats*, for kgtext and spaCy's tokenizer."""
    import kgtext

    systems: dict[str, Callable[[str], int]] = {
        "kgtext.tokenize": lambda t: len(kgtext.tokenize(t))
    }
    try:
        import spacy

        tokenizer = spacy.blank("ky").tokenizer
        systems["spaCy blank('ky').tokenizer"] = lambda t: len(tokenizer(t))
    except ImportError:  # pragma: no cover
        pass
    try:
        import razdel

        systems["razdel.tokenize"] = lambda t: sum(1 for _ in razdel.tokenize(t))
    except ImportError:
        pass
    out: dict[str, float] = {}
    for name, system in systems.items():
        for text in texts[:50]:  # warm-up: caches and lazy data
            system(text)
        rates = []
        for _ in range(repeats):
            start = time.perf_counter()
            count = sum(system(t) for t in texts)
            rates.append(count / (time.perf_counter() - start))
        out[name] = round(statistics.median(rates))
    return out


def load_time(repeats: int = 5, components: str = "None") -> float:
    """Median wall time of ``import kgtext; kgtext.load()`` in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); import kgtext; "
        f"kgtext.load(components={components}); print(time.perf_counter() - t)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeats)
    ]
    return round(statistics.median(times), 3)


def _table(title: str, rows: dict[str, dict[str, float]]) -> str:
    lines = [title, f"{'system':34} {'errors/1000':>11} {'missed':>7} {'false':>6} {'F1':>7}"]
    for name, r in sorted(rows.items(), key=lambda kv: kv[1]["errors_per_1000"]):
        lines.append(
            f"{name:34} {r['errors_per_1000']:11.2f} {r['missed']:7d} {r['false']:6d}"
            f" {r['f1']:7.4f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    results: dict[str, object] = {
        "tokens": quality(tokenizers(), token_sets()),
        "sentences": quality(sentencizers(), sentence_sets()),
    }
    for corpus, rows in results["tokens"].items():  # type: ignore[union-attr]
        print(_table(f"\nToken boundaries — {corpus}", rows))
    for corpus, rows in results["sentences"].items():  # type: ignore[union-attr]
        print(_table(f"\nSentence boundaries — {corpus}", rows))
    if NEWS.exists():
        texts = news_texts()
        results["speed_tokens_per_s"] = speed(texts, args.repeats)
        print("\nSpeed on the 24.kg articles (tokens/s, median of", args.repeats, "runs)")
        for name, rate in results["speed_tokens_per_s"].items():  # type: ignore[union-attr]
            print(f"  {name:34} {rate:>12,.0f}")
    configs = {
        "full default pipeline": "None",
        "tokenizer + sentences": "['sentencizer']",
        "+ lemmatizer": "['sentencizer', 'lemmatizer']",
        "+ entities": "['sentencizer', 'lemmatizer', 'entities']",
    }
    results["kgtext_load_seconds"] = {
        name: load_time(args.repeats, components) for name, components in configs.items()
    }
    print("\nkgtext.load() in a fresh interpreter, median of", args.repeats, "runs:")
    for name, seconds in results["kgtext_load_seconds"].items():  # type: ignore[union-attr]
        print(f"  {name:34} {seconds:6.3f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
