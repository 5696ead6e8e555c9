"""The suffix grammar as a letter automaton that ignores harmony, and its shipped table.

:class:`~kgtext.morph.analyzer.Analyzer` rejects a word ending that no chain of suffix
allomorphs can spell with one look-up in this automaton. Building it realises every
suffix after every class of stem (:func:`~kgtext.morph.phonology.realize_in`), which
is most of the analyser's start-up time, so the result is shipped as
``data/morph_fsa.tsv``. The table records a digest of ``morph_suffixes.tsv``; when the
grammar changes the automaton is rebuilt at run time until the table is rewritten
with ``python -m kgtext.morph.fsa``. A test checks the table against a fresh build.

Examples
--------
>>> pieces, prefixes, eps, longest = suffix_fsa()
>>> "лар" in pieces and "ла" in prefixes
True
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

from kgtext._resources import data_lines, read_data_text
from kgtext.alphabet import VOWELS
from kgtext.morph import data
from kgtext.morph.phonology import Context, realize_in

__all__ = ["FSA_FILE", "NOUN_BIT", "VERB_BIT", "build_suffix_fsa", "suffix_fsa", "write_fsa"]

#: Bits of the noun-stem and verb-stem states in an automaton mask.
NOUN_BIT, VERB_BIT = 1, 2
#: The shipped table, in ``kgtext/data``.
FSA_FILE = "morph_fsa.tsv"
_VOICE = {"к": "г", "п": "б"}

#: ``(pieces, prefixes, merged-away moves, longest piece)``; see :func:`build_suffix_fsa`.
Moves = tuple[tuple[int, int], ...]
Fsa = tuple[dict[str, Moves], frozenset[str], Moves, int]


def grammar_digest() -> str:
    """SHA-1 of ``morph_suffixes.tsv``, the grammar the automaton is built from."""
    return hashlib.sha1(read_data_text("morph_suffixes.tsv").encode("utf-8")).hexdigest()


def build_suffix_fsa() -> Fsa:
    """The suffix grammar as a letter automaton that ignores harmony (a superset).

    Returns: surface piece -> ``(target bit, source mask)`` pairs (every allomorph after
    every class of stem, plus the shortened and voiced variants the parser reads);
    every prefix of a piece; the moves of a one-letter suffix that merged into the
    next one, as ``(target bit, source mask)``; the longest piece.
    """
    contexts = {Context("*", "*"), Context(None, None)}
    for letter in (*sorted(VOWELS), "т", "д", "н", "л", "р", "й"):
        for vowel in ("а", "е", "о", "у", "ө", None):
            contexts.add(Context(vowel, letter))
    states = sorted({s for suf in data.suffixes() for s in (*suf.sources, suf.target)})
    states.remove("N")
    states.remove("V")
    bits = {"N": NOUN_BIT, "V": VERB_BIT} | {state: 1 << (k + 2) for k, state in enumerate(states)}
    edges: dict[str, dict[int, int]] = {}
    eps: dict[int, int] = {}
    for suffix in data.suffixes():
        texts: set[str] = set()
        for ctx in contexts:
            for real in realize_in(suffix.template, ctx):
                text = real.text
                if not text:
                    continue
                texts.add(text)
                if text[-1] in _VOICE:
                    texts.add(text[:-1] + _VOICE[text[-1]])
                if text[-1] in VOWELS or text[-1] == "й":
                    texts.add(text[:-1])
        target = bits[suffix.target]
        sources = 0
        for state in suffix.sources:
            sources |= bits[state]
        for text in texts:
            slot = edges.setdefault(text, {}) if text else eps
            slot[target] = slot.get(target, 0) | sources
    pieces = {text: tuple(slot.items()) for text, slot in edges.items()}
    return _finish(pieces, tuple(eps.items()))


def _finish(pieces: dict[str, Moves], eps: Moves) -> Fsa:
    prefixes = frozenset(p[:k] for p in pieces for k in range(1, len(p) + 1))
    return pieces, prefixes, eps, max(map(len, pieces))


def _read_table() -> Fsa | None:
    """The shipped automaton, or ``None`` when it is missing or was built from
    another grammar."""
    try:
        lines = data_lines(FSA_FILE)
        digest = ""
        pieces: dict[str, list[tuple[int, int]]] = {}
        eps: list[tuple[int, int]] = []
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("# grammar-sha1: "):
                digest = line.split(": ", 1)[1]
                continue
            if not line or line.startswith("#") or line.startswith("piece\t"):
                continue
            piece, target, sources = line.split("\t")
            move = (int(target), int(sources))
            if piece:
                pieces.setdefault(piece, []).append(move)
            else:
                eps.append(move)
    except FileNotFoundError:
        return None
    if not pieces or digest != grammar_digest():
        return None
    return _finish({p: tuple(m) for p, m in pieces.items()}, tuple(eps))


@cache
def suffix_fsa() -> Fsa:
    """The automaton: the shipped table when it matches the grammar, else built."""
    return _read_table() or build_suffix_fsa()


def write_fsa(path: Path) -> None:
    """Write the automaton built from the current grammar to *path* (TSV)."""
    pieces, _, eps, _ = build_suffix_fsa()
    out = [
        "# Suffix automaton of kgtext.morph, built from morph_suffixes.tsv by",
        "# `python -m kgtext.morph.fsa` (kgtext.morph.fsa.build_suffix_fsa): every surface",
        "# piece a suffix can take after any stem class, harmony aside, with its moves as",
        "# bit masks over grammar states (1 noun stem, 2 verb stem, the others by sorted",
        "# name). An empty piece is a one-letter suffix merged into the next one.",
        "# Loaded instead of rebuilt while the digest below matches the grammar.",
        f"# grammar-sha1: {grammar_digest()}",
        "piece\ttarget\tsources",
    ]
    for piece in sorted(pieces):
        out.extend(f"{piece}\t{t}\t{s}" for t, s in pieces[piece])
    out.extend(f"\t{t}\t{s}" for t, s in eps)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    target = Path(__file__).resolve().parents[1] / "data" / FSA_FILE
    write_fsa(Path(sys.argv[1]) if len(sys.argv) > 1 else target)
    print(f"wrote {target}")
