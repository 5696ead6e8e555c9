"""``kgtext tag``: tag article archives, one output record per input record.

Usage::

    kgtext tag INPUT... -o OUTPUT [--jobs N] [--resume] [--quiet]
        [--text-field text] [--id-field id] [--date-field date] [--title-field title]
        [--input-format jsonl|csv|tsv|txt|parquet] [--output-format jsonl|csv|parquet]
        [--max-bytes 1000000] [--languages ky,...] [--no-normalize] [--exclude PIPE]

Inputs: JSONL, CSV, TSV, Parquet (each possibly ``.gz``/``.bz2``/``.xz``), folders
of ``.txt`` files, or ``-`` (JSONL on standard input). Output: JSONL (default),
CSV or Parquet, chosen by the extension or ``--output-format``; ``-o -`` writes
JSONL to standard output. Each output record is either a result (``id``,
``source``, ``language``, ``title``, ``date``, ``byline``, ``passages``,
``entities``) or ``{"id", "error", "source"}``; a bad record never stops the run.
A summary goes to standard error at the end.

Exit status: 0 when the run finished (even with error records), 2 for an input
that cannot be read at all, 130 when interrupted (continue with ``--resume``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgtext.cli import CliError

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``tag`` to the ``kgtext`` CLI's sub-parsers; sets ``func=run``."""
    from kgtext.archive.records import INPUT_FORMATS, OUTPUT_FORMATS

    p = sub.add_parser(
        "tag",
        help="tag article archives (JSONL/CSV/Parquet/txt) with passages, sectors, entities",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders of .txt, or -")
    p.add_argument("-o", "--output", required=True, help="output file (- for stdout)")
    p.add_argument("--output-format", choices=OUTPUT_FORMATS, help="default: by extension")
    p.add_argument("--input-format", choices=INPUT_FORMATS, help="default: by extension")
    p.add_argument("--text-field", default="text", help="field with the text (default: text)")
    p.add_argument("--id-field", default="id", help="field with the record id (default: id)")
    p.add_argument("--date-field", default="date", help="field with an ISO date (default: date)")
    p.add_argument("--title-field", default="title", help="field with the title (default: title)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=1_000_000,
        help="records larger than this are reported as errors (default: 1000000)",
    )
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: 1)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--languages",
        default="ky",
        help="comma-separated languages to run the pipeline on (default: ky)",
    )
    p.add_argument(
        "--no-normalize", action="store_true", help="do not normalise text before tagging"
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="PIPE", help="leave out a component"
    )
    p.add_argument(
        "--no-context",
        action="store_true",
        help="decide each passage's sectors alone, without its article's (see docs/sectors.md)",
    )
    p.add_argument(
        "--max-chars",
        type=int,
        default=None,
        help="passages longer than this are cut at sentence boundaries (default: 1200)",
    )
    p.add_argument("--chunk-size", type=int, default=32, help=argparse.SUPPRESS)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``kgtext tag`` for parsed *args*; return the exit status."""
    from kgtext.archive.records import InputError
    from kgtext.archive.run import tag_files
    from kgtext.archive.tagger import TagOptions

    if args.jobs < 1:
        raise CliError(f"--jobs must be at least 1, got {args.jobs}")
    if args.max_bytes < 1:
        raise CliError(f"--max-bytes must be positive, got {args.max_bytes}")
    if args.max_chars is not None and args.max_chars < 1:
        raise CliError(f"--max-chars must be positive, got {args.max_chars}")
    options = TagOptions(
        text_field=args.text_field,
        id_field=args.id_field,
        date_field=args.date_field,
        title_field=args.title_field,
        max_bytes=args.max_bytes,
        languages=tuple(x.strip() for x in args.languages.split(",") if x.strip()),
        normalize=not args.no_normalize,
        exclude=tuple(args.exclude),
        context=not args.no_context,
        **({} if args.max_chars is None else {"max_chars": args.max_chars}),
    )
    try:
        summary = tag_files(
            args.inputs,
            args.output,
            options=options,
            jobs=args.jobs,
            input_format=args.input_format,
            output_format=args.output_format,
            resume=args.resume,
            progress=not args.quiet and sys.stderr.isatty(),
            chunk_size=args.chunk_size,
        )
    except (InputError, OSError) as exc:
        raise CliError(" ".join(str(exc).split())) from None
    print(summary.line(), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``kgtext tag`` on its own: ``main(["in.jsonl", "-o", "out.jsonl"])``."""
    from kgtext.cli import main as cli_main

    return cli_main(["tag", *(argv or [])])
