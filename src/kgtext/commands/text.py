"""``kgtext normalize``, ``kgtext tokenize`` and ``kgtext sentenize``.

Each reads the files named on the command line (``-`` or nothing: standard input)
as UTF-8 and writes to standard output: plain text, or with ``--jsonl`` one JSON
object per input file with offsets into that file's text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from kgtext.commands.io import read_text_input

__all__ = ["add_parser", "run_normalize", "run_sentenize", "run_tokenize"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the three text sub-commands to *sub*."""
    from kgtext.normalize import STEPS

    p = sub.add_parser("normalize", help="normalise Kyrgyz text (see kgtext.normalize)")
    _inputs(p)
    for step in STEPS:
        p.add_argument(f"--no-{step}", action="store_true", help=f"switch off the {step} step")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="write {file, text, offsets: [[start, end], …]} mapping each character back",
    )
    p.set_defaults(func=run_normalize)

    p = sub.add_parser("tokenize", help="split text into tokens (one per line, or JSONL)")
    _inputs(p)
    p.add_argument("--jsonl", action="store_true", help="write tokens with offsets as JSONL")
    p.set_defaults(func=run_tokenize)

    p = sub.add_parser("sentenize", help="split text into sentences (one per line, or JSONL)")
    _inputs(p)
    p.add_argument("--jsonl", action="store_true", help="write sentences with offsets as JSONL")
    p.set_defaults(func=run_sentenize)


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (default: stdin)")


def _documents(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    names = args.files or ["-"]
    for name in names:
        yield name, read_text_input(name)


def _write_jsonl(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def run_normalize(args: argparse.Namespace) -> int:
    """Print each input normalised."""
    from kgtext.normalize import STEPS, normalize, normalize_with_offsets

    switches = {step: not getattr(args, f"no_{step}") for step in STEPS}
    for name, text in _documents(args):
        if args.jsonl:
            n = normalize_with_offsets(text, **switches)
            offsets = [[s, e] for s, e in zip(n.starts, n.ends, strict=True)]
            _write_jsonl({"file": name, "text": n.text, "offsets": offsets})
        else:
            sys.stdout.write(normalize(text, **switches) + "\n")
    return 0


def run_tokenize(args: argparse.Namespace) -> int:
    """Print the tokens of each input."""
    from kgtext.segment import tokenize

    for name, text in _documents(args):
        tokens = tokenize(text)
        if args.jsonl:
            _write_jsonl(
                {
                    "file": name,
                    "tokens": [{"text": t.text, "start": t.start, "end": t.end} for t in tokens],
                }
            )
        else:
            sys.stdout.write("".join(t.text + "\n" for t in tokens))
    return 0


def run_sentenize(args: argparse.Namespace) -> int:
    """Print the sentences of each input, one per line."""
    from kgtext.segment import sentenize

    for name, text in _documents(args):
        sents = sentenize(text)
        if args.jsonl:
            _write_jsonl(
                {
                    "file": name,
                    "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in sents],
                }
            )
        else:
            sys.stdout.write("".join(" ".join(s.text.split()) + "\n" for s in sents))
    return 0
