#!/usr/bin/env python3
"""Select 24.kg paragraphs for education-sector annotation (issue 6, part 6(b)).

Reads the public 24.kg topic-classification CSV (never copied into the project)
and writes a stand-off list of paragraphs to annotate:

* ``education_mention`` -- EVERY non-empty paragraph that matches the broad
  education regex below (``MENTION_PATTERNS``);
* ``random`` -- a sample of ``RANDOM_SAMPLE_SIZE`` other non-empty paragraphs,
  drawn with ``random.Random(SEED)``, as a control for what the regex misses.

A paragraph is one element of ``text.split("\\n")``; its index counts empty
strings too, and paragraphs empty after ``.strip()`` are never selected.

The regex only *selects*: the labels are assigned by reading each paragraph
(see ``corpora/sectors/README_24kg.md``). It is deliberately broad -- most
matches are expected to be incidental and to receive no label.

Usage::

    python3 corpora/sectors/tools/select_24kg.py [--corpus PATH] [--out PATH]

Standard library only; the output is deterministic for a given CSV.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "24kg-topics" / "train.csv"
DEFAULT_OUT = ROOT / "corpora" / "sectors" / "24kg_selection.tsv"

SEED = 20261125
RANDOM_SAMPLE_SIZE = 160

# Stems matched case-insensitively at the start of a word (``\b`` + stem), so
# every inflected form is caught (мектептерде, студенттерге, ЖОЖдордун ...).
# Grouped only for the reader; every group is used the same way.
STEMS = {
    "institutions": [
        "мектеп",        # school (also music/sport/art schools, мектепке чейинки)
        "бакча",         # бала бакча, балдар бакчасы (kindergarten); also 'garden'
        "лицей", "гимназия", "колледж", "университет", "институт",
        "академия", "училище", "техникум",
    ],
    "people": [
        "окуучу",        # pupil
        "мугалим",       # teacher
        "тарбиячы",      # kindergarten educator
        "студент", "педагог",
        "бүтүрүүчү",     # graduate / school leaver
        "абитуриент", "ректор", "декан", "профессор", "магистр", "аспирант",
        "бакалавр",
        "балдар",        # children
        "бала(?!н)",     # child; (?!н) keeps баланс 'balance' out
        "наристе",       # infant
        "өспүрүм",       # teenager
        "жаштар",        # youth
    ],
    "learning": [
        "окуу",          # study; окуу жай (educational institution), окуу жылы
        "окут",          # teach; окутуучу (lecturer)
        "окуган", "окуп", "окуш", "окуй",   # forms of оку- 'study/read'; not окуя 'event'
        "билим",         # knowledge; билим берүү (education)
        "илим",          # science (Билим берүү жана илим министрлиги)
        "сабак",         # lesson (also 'lesson learned')
        "ийрим",         # club, circle
        "класс", "олимпиада",
        "сынак",         # exam, contest
        "тест",          # testing (ЖРТ); also medical tests
        "китеп",         # book; окуу китеби (textbook)
        "тарбия",        # upbringing, тарбиялоо
        "үйрөт", "үйрөн",  # teach, learn
        "курс", "тренинг",
        "чыгармачыл",    # creative (creative centres)
        "лагер",         # camp
        "кесиптик",      # professional / vocational
    ],
    "credentials": [
        "стипенди", "грант", "диплом", "аккредитац", "квалификац",
        r"кайра\s+даярд",  # кайра даярдоо (retraining)
    ],
}

# Acronyms matched case-sensitively, or ОРТ would match орто 'middle'.
ACRONYMS = [
    "ЖОЖ",  # жогорку окуу жайы (higher-education institution)
    "ЖРТ",  # жалпы республикалык тестирлөө (national admission test)
    "ОРТ",  # the same test under its Russian acronym
]

MENTION_PATTERNS = [
    re.compile(r"\b(?:" + "|".join(s for group in STEMS.values() for s in group) + ")",
               re.IGNORECASE),
    re.compile(r"\b(?:" + "|".join(ACRONYMS) + ")"),
]


def mentions_education(paragraph: str) -> bool:
    """True when ``paragraph`` matches any of ``MENTION_PATTERNS``."""
    return any(p.search(paragraph) for p in MENTION_PATTERNS)


def read_paragraphs(corpus: Path):
    """Yield ``(article_id, paragraph_index, text)`` for non-empty paragraphs, in file order."""
    csv.field_size_limit(1 << 30)
    with corpus.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for index, paragraph in enumerate(row["text"].split("\n")):
                if paragraph.strip():
                    yield row["id"], index, paragraph


def select(corpus: Path) -> list[tuple[str, int, str]]:
    """Return the selection as ``(article_id, paragraph_index, selection)`` in file order."""
    mentions, others = [], []
    for article_id, index, paragraph in read_paragraphs(corpus):
        (mentions if mentions_education(paragraph) else others).append((article_id, index))
    sampled = set(random.Random(SEED).sample(others, RANDOM_SAMPLE_SIZE))
    chosen = {key: "education_mention" for key in mentions}
    chosen.update({key: "random" for key in sampled})
    order = {key: n for n, key in enumerate(mentions + others)}
    return [(a, i, chosen[(a, i)]) for a, i in sorted(chosen, key=order.__getitem__)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = select(args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("article_id\tparagraph\tselection\n")
        for article_id, index, selection in rows:
            fh.write(f"{article_id}\t{index}\t{selection}\n")
    counts = {s: sum(1 for r in rows if r[2] == s) for s in ("education_mention", "random")}
    print(f"wrote {len(rows)} paragraphs to {args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
