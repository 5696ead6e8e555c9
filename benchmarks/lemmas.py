"""Lemma accuracy and speed of kgtext.morph on UD Kyrgyz treebanks.

Accuracy is the share of syntactic words whose predicted lemma equals the gold lemma,
compared case-insensitively (``ci``; the two treebanks disagree on capitals: KTMU keeps
a sentence-initial capital and title-cases acronyms, TueCL lower-cases) and exactly
(``exact``). Words whose gold lemma is ``_`` are skipped. The lemmatiser sees one word
at a time, without context.

Rows:

* ``KTMU held-out``: odd-indexed KTMU train sentences, lexicon and learned ending
  rules built by ``tools/build_lexicon.py --holdout odd`` and
  ``tools/build_lemma_rules.py --holdout odd`` (not fitted to them);
* ``TueCL``: UD_Kyrgyz-TueCL test, never used for building, shipped lexicon;
* ``KTMU train (fitted)``: all KTMU train, shipped lexicon and rules (built from it);
* ``KTMU held-out, no learned rules``: as the first row, without the ending table;
* ``* core only``: no UD-derived stems or learned rules, hand-written lexicon only.

Speed: words per second of ``kgtext.morph.lemmatize`` over every word token of the
24.kg train articles (``kgtext.tokenize``), cold (empty caches, analyser built in the
timed run) and warm (second pass); see :func:`speed`.

Usage::

    PYTHONPATH=src python benchmarks/lemmas.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from build_lemma_rules import learn  # noqa: E402
from build_lexicon import build  # noqa: E402

from kgtext.corpora.conllu import load_conllu  # noqa: E402
from kgtext.morph import Analyzer, lemmatize  # noqa: E402
from kgtext.morph.data import LexEntry  # noqa: E402

POS_ROWS = ("NOUN", "PROPN", "VERB", "ADJ")

Gold = tuple[str, str, str]


def gold_words(path: Path, keep: Callable[[int], bool] = lambda i: True) -> list[Gold]:
    """``(form, lemma, upos)`` of every syntactic word of the kept sentences."""
    out = []
    for index, sentence in enumerate(load_conllu(path)):
        if not keep(index):
            continue
        for token in sentence.tokens:
            if token.lemma != "_":
                out.append((token.form, token.lemma, token.upos))
    return out


def score(words: Iterable[Gold], lemma_of: Callable[[str], str]) -> dict[str, tuple[int, int, int]]:
    """Per-UPOS ``(n, correct case-insensitively, correct exactly)``, plus ``all``."""
    table: dict[str, list[int]] = {}
    for form, gold, upos in words:
        pred = lemma_of(form)
        for key in ("all", upos):
            row = table.setdefault(key, [0, 0, 0])
            row[0] += 1
            row[1] += pred.lower() == gold.lower()
            row[2] += pred == gold
    return {k: (v[0], v[1], v[2]) for k, v in table.items()}


def errors(words: Iterable[Gold], lemma_of: Callable[[str], str], top: int = 30):
    """The most frequent ``(form, gold, predicted, upos)`` errors."""
    c: Counter[tuple[str, str, str, str]] = Counter()
    for form, gold, upos in words:
        pred = lemma_of(form)
        if pred.lower() != gold.lower():
            c[(form, gold, pred, upos)] += 1
    return c.most_common(top)


def cached(analyzer: Analyzer) -> Callable[[str], str]:
    memo: dict[str, str] = {}

    def lemma_of(word: str) -> str:
        hit = memo.get(word)
        if hit is None:
            hit = memo[word] = analyzer.analyze(word)[0].lemma
        return hit

    return lemma_of


def fmt(name: str, table: dict[str, tuple[int, int, int]]) -> str:
    cells = [name]
    for key in ("all", *POS_ROWS):
        n, ci, ex = table.get(key, (0, 0, 0))
        cells.append(f"{100 * ci / n:5.1f} / {100 * ex / n:5.1f}" if n else "-")
    cells.append(str(table["all"][0]))
    return "| " + " | ".join(cells) + " |"


def speed(csv_path: Path) -> dict[str, float]:
    """Speed of ``lemmatize`` on 24.kg running text, from a cold start.

    Tokens: every ``kgtext.tokenize`` token with a letter or digit in the ``text``
    column, in order. ``cold`` empties every cache (the default analyser is rebuilt
    inside the timed run, as a user's first call does); ``warm`` is a second pass.
    Wall-clock and process (CPU) time are both reported: the CPU figure is the one
    to compare when the machine is shared.
    """
    import kgtext
    import kgtext.morph.api as api

    csv.field_size_limit(1 << 30)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    tokens = [t.text for text in texts for t in kgtext.tokenize(text)]
    tokens = [t for t in tokens if any(c.isalnum() for c in t)]
    unique = len(set(tokens))
    lemmatize.cache_clear()
    api.default_analyzer.cache_clear()
    api._RECENT.clear()
    api._RECENT_TOP.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    api.default_analyzer()
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    for w in tokens:
        lemmatize(w)
    cold_wall, cold_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    for w in tokens:
        lemmatize(w)
    warm_wall, warm_cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(tokens)
    return {
        "tokens": n,
        "unique": unique,
        "build_ms": 1000 * build_cpu,
        "build_ms_wall": 1000 * build_wall,
        "cold": n / cold_cpu,
        "cold_wall": n / cold_wall,
        "unique_per_s": unique / (cold_cpu - build_cpu),
        "warm": n / warm_cpu,
        "warm_wall": n / warm_wall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kgtext.morph lemma benchmark")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--errors", type=int, default=0, help="print the N top errors per row")
    args = parser.parse_args(argv)
    ktmu = args.shared / "corpora/ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"
    tuecl = args.shared / "corpora/ud-kyrgyz-tuecl/ky_tuecl-ud-test.conllu"
    kg24 = args.shared / "corpora/24kg-topics/train.csv"

    sp = speed(kg24)  # first, so that nothing is built or cached yet
    held_lex = [LexEntry(lemma, pos, n) for (lemma, pos), n in build(ktmu, "odd").items()]
    held = Analyzer(held_lex, rules=learn(ktmu, "odd"))
    held_norules = Analyzer(held_lex, rules={})
    full = Analyzer()
    core = Analyzer([], include_core=True, rules={})
    ktmu_odd = gold_words(ktmu, lambda i: i % 2 == 1)
    ktmu_all = gold_words(ktmu)
    tuecl_all = gold_words(tuecl)
    rows = [
        ("KTMU held-out (odd sentences)", ktmu_odd, held),
        ("TueCL test (never used)", tuecl_all, full),
        ("KTMU train (fitted)", ktmu_all, full),
        ("KTMU held-out, no learned rules", ktmu_odd, held_norules),
        ("KTMU held-out, core only", ktmu_odd, core),
        ("TueCL, core only", tuecl_all, core),
    ]
    header = "| data | all | " + " | ".join(POS_ROWS) + " | words |"
    print("Lemma accuracy, % case-insensitive / % exact\n")
    print(header)
    print("|" + "---|" * (len(POS_ROWS) + 3))
    for name, words, analyzer in rows:
        lemma_of = cached(analyzer)
        print(fmt(name, score(words, lemma_of)))
        if args.errors:
            for (form, gold, pred, upos), n in errors(words, lemma_of, args.errors):
                print(f"    {n:3d}  {upos:6s} {form} -> {pred} (gold {gold})")
    print(
        f"\nSpeed of lemmatize on 24.kg train running text ({sp['tokens']:,} word tokens, "
        f"{sp['unique']:,} distinct), words/s, CPU time (wall clock in brackets):"
    )
    print(
        f"cold start (analyser built in the run: {sp['build_ms']:.0f} ms): "
        f"{sp['cold']:,.0f} ({sp['cold_wall']:,.0f}); distinct words/s after the build: "
        f"{sp['unique_per_s']:,.0f}; warm (cached): {sp['warm']:,.0f} ({sp['warm_wall']:,.0f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
