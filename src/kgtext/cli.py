"""The ``kgtext`` command line: ``kgtext normalize | tokenize | sentenize | evaluate | …``.

Every sub-command lives in :mod:`kgtext.commands` and is loaded only when used.
Errors in the input (a missing file, bytes that are not UTF-8) print one line,
``kgtext: error: …``, naming the file and the byte offset, and exit with code 2.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
kgtext ...
0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kgtext._version import __version__

__all__ = ["CliError", "main"]

#: Sub-command name -> module in kgtext.commands that defines add_parser().
SUBCOMMANDS: dict[str, str] = {
    "normalize": "kgtext.commands.text",
    "tokenize": "kgtext.commands.text",
    "sentenize": "kgtext.commands.text",
    "evaluate": "kgtext.commands.evaluate",
    "train": "kgtext.commands.train",
    "tag": "kgtext.commands.tag",
    "summarize": "kgtext.commands.summarize",
}


class CliError(Exception):
    """A user error: printed as one line, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgtext",
        description="Kyrgyz text processing: normalise, tokenise, tag, evaluate.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    added: set[str] = set()
    for module_name in SUBCOMMANDS.values():
        if module_name in added:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # a sub-command that this version does not have yet
            raise
        module.add_parser(sub)
        added.add(module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"kgtext {__version__}")
        return 0
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"kgtext: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `kgtext tokenize big.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("kgtext: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
