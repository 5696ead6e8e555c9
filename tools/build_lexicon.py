"""Build the UD-derived stem lexicon shipped as ``src/kgtext/data/lexicon_ud.tsv``.

Reads the lemma and UPOS columns of UD_Kyrgyz-KTMU (train), keeps word lemmas (Kyrgyz
or Latin letters, hyphens, no digits), and writes ``lemma<TAB>pos<TAB>count`` sorted by
lemma. Normalisation, so the lexicon follows the conventions kgtext.morph produces:

* lemmas of common words (not PROPN) are lower-cased (KTMU keeps a sentence-initial
  capital in some lemmas);
* acronym lemmas are written in capitals when every form of them is in capitals
  (KTMU writes ``УКМКнын`` → ``Укмк``);
* Latin look-alike letters inside Cyrillic words are mapped to Cyrillic.

``--holdout odd`` (or ``even``, or ``K/N`` for fold K of N by sentence index) leaves
those sentences out, so the held-out part can be used to measure the lemmatiser on
text its lexicon was not built from (``benchmarks/lemmas.py`` does this).

Usage::

    python tools/build_lexicon.py                       # writes the shipped lexicon
    python tools/build_lexicon.py --holdout odd -o /tmp/lexicon_even.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kgtext.alphabet import to_cyrillic  # noqa: E402
from kgtext.corpora.conllu import load_conllu  # noqa: E402

DEFAULT_TREEBANK = ROOT.parent / "shared/corpora/ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"
DEFAULT_OUT = ROOT / "src/kgtext/data/lexicon_ud.tsv"
SKIP_POS = {"PUNCT", "SYM", "NUM", "X"}


def in_holdout(index: int, holdout: str | None) -> bool:
    """True when sentence *index* (0-based) belongs to the held-out part."""
    if not holdout:
        return False
    if holdout == "odd":
        return index % 2 == 1
    if holdout == "even":
        return index % 2 == 0
    fold, _, folds = holdout.partition("/")
    return index % int(folds) == int(fold)


def is_word_lemma(lemma: str) -> bool:
    """A lemma made of letters and inner hyphens (no digits, quotes or signs)."""
    core = lemma.replace("-", "")
    return bool(core) and core.isalpha() and not lemma.startswith("-") and not lemma.endswith("-")


def build(treebank: Path, holdout: str | None) -> Counter[tuple[str, str]]:
    """Count ``(lemma, pos)`` pairs of the treebank outside the held-out part."""
    counts: Counter[tuple[str, str]] = Counter()
    upper_forms: Counter[str] = Counter()
    all_forms: Counter[str] = Counter()
    pairs: list[tuple[str, str, str]] = []
    for index, sentence in enumerate(load_conllu(treebank)):
        if in_holdout(index, holdout):
            continue
        for token in sentence.tokens:
            if token.upos in SKIP_POS or not is_word_lemma(token.lemma):
                continue
            lemma = to_cyrillic(token.lemma) if _has_cyrillic(token.lemma) else token.lemma
            form = to_cyrillic(token.form)
            key = lemma.lower()
            all_forms[key] += 1
            stem = form[: len(lemma)]
            if len(lemma) >= 2 and stem.isupper() and stem.lower() == key:
                upper_forms[key] += 1
            pairs.append((lemma, token.upos, key))
    for lemma, pos, key in pairs:
        if upper_forms[key] == all_forms[key] and upper_forms[key]:
            lemma = lemma.upper()
        elif pos != "PROPN":
            lemma = lemma.lower()
        counts[(lemma, pos)] += 1
    return counts


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def write(counts: Counter[tuple[str, str]], out: Path, note: str) -> None:
    """Write the lexicon as a sorted TSV with a header."""
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0].lower(), kv[0][0], kv[0][1]))
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f"# Stems from UD_Kyrgyz-KTMU train lemmas, tools/build_lexicon.py{note}\n")
        handle.write("# (CC BY-SA 4.0). count = tokens with this lemma and UPOS.\n")
        handle.write("lemma\tpos\tcount\n")
        for (lemma, pos), count in rows:
            handle.write(f"{lemma}\t{pos}\t{count}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    parser.add_argument("--holdout", default=None, help="odd | even | K/N (fold K of N)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = build(args.treebank, args.holdout)
    note = f" (held out: {args.holdout})" if args.holdout else ""
    write(counts, args.out, note)
    print(f"{len(counts)} stems -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
