"""Build the learned ending rules shipped as ``src/kgtext/data/lemma_rules.tsv``.

From the form and lemma columns of UD_Kyrgyz-KTMU (train), learn for every word ending
how often each edit turns a form into its gold lemma, in the manner of spaCy's
edit-tree lemmatiser but as a small table. The edit of a form ``f`` with lemma ``g`` (both
lower-cased, Latin look-alikes mapped to Cyrillic) is ``strip k, append s``: ``k``
letters cut from the end of ``f`` and ``s`` added so that the result is ``g``. Every
ending of ``^f`` (``^`` marks the start of the word, so short whole words are endings
too) of 1 to ``--max-len`` characters votes for the word's edit; parts of speech are
pooled. A row gives an ending, an edit, the words of that ending with that edit and
the words with that ending (seen at least ``--min-count`` times). The analyser reads
the edit shares of the longest ending it knows as a ranking term
(:mod:`kgtext.morph.analyzer`).

``--holdout odd`` (or ``even``, ``K/N``) leaves those sentences out, as in
``tools/build_lexicon.py``, so the held-out part can be measured honestly.

Usage::

    python tools/build_lemma_rules.py                        # the shipped table
    python tools/build_lemma_rules.py --holdout odd -o /tmp/lemma_rules_even.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from build_lexicon import DEFAULT_TREEBANK, SKIP_POS, in_holdout, is_word_lemma  # noqa: E402

from kgtext.alphabet import to_cyrillic  # noqa: E402
from kgtext.corpora.conllu import load_conllu  # noqa: E402

DEFAULT_OUT = ROOT / "src/kgtext/data/lemma_rules.tsv"
MAX_LEN = 8
MIN_COUNT = 1

#: ending -> (words with that ending, {(strip, append): words with that edit}).
Rules = dict[str, tuple[int, dict[tuple[int, str], int]]]


def edit_of(form: str, lemma: str) -> tuple[int, str]:
    """``(strip, append)`` turning *form* into *lemma* (both lower case).

    >>> edit_of("мектептерде", "мектеп")
    (5, '')
    >>> edit_of("китеби", "китеп")
    (2, 'п')
    """
    p = 0
    for a, b in zip(form, lemma, strict=False):
        if a != b:
            break
        p += 1
    return len(form) - p, lemma[p:]


def learn(
    treebank: Path,
    holdout: str | None = None,
    max_len: int = MAX_LEN,
    min_count: int = MIN_COUNT,
) -> Rules:
    """Learn the ending table from the treebank outside the held-out part.

    Returns ending -> ``(total, {(strip, append): count})``. An ending whose edit
    shares equal those of the ending one letter shorter is left out: the analyser backs
    off to the longest ending it has, so the answer is the same without it.
    """
    votes: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)
    for index, sentence in enumerate(load_conllu(treebank)):
        if in_holdout(index, holdout):
            continue
        for token in sentence.tokens:
            if token.upos in SKIP_POS or not is_word_lemma(token.lemma):
                continue
            form = to_cyrillic(token.form).lower()
            if not form.isalpha():
                continue
            edit = edit_of(form, to_cyrillic(token.lemma).lower())
            marked = "^" + form
            for k in range(1, min(max_len, len(marked)) + 1):
                votes[marked[-k:]][edit] += 1
    rules: Rules = {}
    for ending, counter in votes.items():
        total = sum(counter.values())
        if total < min_count:
            continue
        parent = votes.get(ending[1:]) if len(ending) > 1 else None
        if parent is not None and _same_shares(counter, total, parent):
            continue
        rules[ending] = (total, dict(counter))
    return rules


def _same_shares(a: Counter[tuple[int, str]], total: int, b: Counter[tuple[int, str]]) -> bool:
    b_total = sum(b.values())
    return a.keys() == b.keys() and all(a[e] * b_total == b[e] * total for e in a)


def write(rules: Rules, out: Path, note: str) -> None:
    """Write the table as a TSV sorted by reversed ending, with a provenance header."""
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# Learned lemma edits by word ending, tools/build_lemma_rules.py"
            f"{note}, from UD_Kyrgyz-KTMU train form/lemma pairs (CC BY-SA 4.0).\n"
        )
        handle.write(
            "# ending: last letters of the lower-cased form (^ = start of word); strip/append:\n"
            "# an edit form -> lemma (cut `strip` letters, add `append`); count: words of\n"
            "# that ending with that edit; total: words with that ending. Endings whose\n"
            "# shares equal the next shorter ending's are left out (the reader backs off).\n"
            "# Example: мектептерде -> мектеп is the edit strip 5, append '' (empty).\n"
        )
        handle.write("ending\tstrip\tappend\tcount\ttotal\n")
        for ending in sorted(rules, key=lambda e: e[::-1]):
            total, edits = rules[ending]
            for (strip, append), n in sorted(edits.items(), key=lambda kv: (-kv[1], kv[0])):
                handle.write(f"{ending}\t{strip}\t{append}\t{n}\t{total}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    parser.add_argument("--holdout", default=None, help="odd | even | none | K/N (fold K of N)")
    parser.add_argument("--max-len", type=int, default=MAX_LEN)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    holdout = None if args.holdout in (None, "none") else args.holdout
    rules = learn(args.treebank, holdout, args.max_len, args.min_count)
    note = f" (held out: {holdout})" if holdout else ""
    write(rules, args.out, note)
    print(f"{len(rules)} endings -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
