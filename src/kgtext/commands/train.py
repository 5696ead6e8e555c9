"""``kgtext train``: train a passage classifier and save it without pickle.

Usage::

    kgtext train sectors CORPUS [--also FILE ...] [--source CSV] -o DIR
        [--features lemmas,chars,lexicon] [--C X] [--cv K] [--seed N]
    kgtext train passages CORPUS [--also FILE ...] -o DIR ...

``sectors`` trains :class:`kgtext.SectorClassifier` on the five labels of the
education-sector guide (any other label in the data is an error); ``passages``
trains the same class on whatever labels the corpus has (24.kg topics, SIB-200
categories ...), by default without the sector lexicon features.

Corpus formats are guessed as in ``kgtext evaluate`` (``--format`` to force one for
every file): passages JSONL/CSV (``{"id", "text", "labels"}``), 24.kg stand-off
paragraph labels (``{"article_id", "paragraph", "labels"}``, text read from the
24.kg CSV given with ``--source`` or found in ``../shared``), the 24.kg topic CSV and
SIB-200 TSV. The model directory gets ``model.json`` + ``arrays.npz`` (see
:mod:`kgtext.sectors.persist`), with the data files, their SHA-256, this command
line, label counts and cross-validated scores recorded in ``model.json``.

The shipped model ``src/kgtext/data/models/sectors`` is trained on project-written
passages only (the 24.kg text is for development and evaluation only, and a model's
n-gram vocabulary would carry it)::

    kgtext train sectors corpora/sectors/authored.jsonl -o src/kgtext/data/models/sectors

``--also corpora/sectors/24kg_labels.jsonl --source .../24kg-topics/train.csv`` adds
the labelled 24.kg paragraphs for a model of your own (not to be redistributed).

Examples
--------
>>> from kgtext.cli import main
>>> main(["train", "sectors", "no-such-file.jsonl", "-o", "out"])
2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import time
from collections import Counter
from pathlib import Path
from typing import Any

from kgtext.cli import CliError

__all__ = ["TASKS", "add_parser", "load_training_data", "run"]

TASKS = ("sectors", "passages")
FORMATS = ("passages", "24kg", "24kg-paragraphs", "sib200")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _line_numbers(path: Path) -> dict[str, int]:
    """id -> line number for a JSONL file (for error messages)."""
    numbers: dict[str, int] = {}
    if path.suffix not in (".jsonl", ".json", ".ndjson"):
        return numbers
    with path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                key = record.get("id")
                if key is None and "article_id" in record:
                    key = f"{record['article_id']}:{record.get('paragraph')}"
                numbers.setdefault(str(key), no)
    return numbers


def load_training_data(
    paths: list[Path], fmt: str | None, source: Path | None
) -> tuple[list[str], list[tuple[str, ...]], list[dict[str, Any]]]:
    """Texts, label tuples and a description of each file; CliError on bad input."""
    from kgtext.commands.evaluate import InputError, _find_24kg, detect_format
    from kgtext.corpora import (
        CorpusFormatError,
        load_24kg,
        load_24kg_paragraphs,
        load_passages,
        load_sib200,
    )

    texts: list[str] = []
    labels: list[tuple[str, ...]] = []
    described: list[dict[str, Any]] = []
    for path in paths:
        if not path.is_file():
            raise CliError(f"{path}: no such file")
        try:
            kind = fmt or detect_format(path)
            if kind not in FORMATS:
                raise CliError(
                    f"{path}: cannot train on a {kind!r} corpus (use {', '.join(FORMATS)})"
                )
            entry: dict[str, Any] = {"path": str(path), "format": kind, "sha256": _sha256(path)}
            if kind == "24kg-paragraphs":
                csv = source if source is not None else _find_24kg(path)
                if not csv.is_file():
                    raise CliError(f"{csv}: no such file (the 24.kg CSV for {path})")
                records = list(load_24kg_paragraphs(path, csv))
                entry["source"] = {"path": csv.name, "sha256": _sha256(csv)}
            elif kind == "24kg":
                records = list(load_24kg(path))
            elif kind == "sib200":
                records = list(load_sib200(path))
            else:
                records = list(load_passages(path))
        except (CorpusFormatError, InputError) as exc:
            raise CliError(" ".join(str(exc).split())) from None
        except UnicodeDecodeError as exc:
            raise CliError(f"{path}: byte {exc.start}: not UTF-8") from None
        entry["passages"] = len(records)
        described.append(entry)
        for r in records:
            texts.append(r.text)
            labels.append(tuple(r.labels))
        entry["_records"] = records
    return texts, labels, described


def _check_sector_labels(described: list[dict[str, Any]]) -> None:
    from kgtext.sectors.lexicon import SECTORS

    for entry in described:
        lines: dict[str, int] | None = None
        for record in entry["_records"]:
            unknown = [label for label in record.labels if label not in SECTORS]
            if unknown:
                if lines is None:
                    lines = _line_numbers(Path(entry["path"]))
                where = f"line {lines[record.id]}" if record.id in lines else f"passage {record.id}"
                raise CliError(
                    f"{entry['path']}: {where}: unknown sector label {unknown[0]!r} "
                    f"(expected one of {', '.join(SECTORS)}; use `kgtext train passages` "
                    "for other label sets)"
                )


def _cv_report(model: Any, labels: list[tuple[str, ...]]) -> dict[str, Any]:
    """Per-label P/R/F1 of the out-of-fold probabilities at the chosen thresholds."""
    import numpy as np

    from kgtext.evaluate import score_passages

    classes = [str(c) for c in model.classes_]
    proba = np.nan_to_num(model.cv_proba_, nan=0.0)
    predicted = [
        {c for c, p, t in zip(classes, row, model.thresholds_, strict=True) if p >= t}
        for row in proba
    ]
    s = score_passages(labels, predicted, labels=classes)
    return {
        "note": "out-of-fold predictions of the training data at thresholds chosen on them "
        "(optimistic); features fitted on all the data",
        "micro_f1": round(s.micro.f1, 4),
        "macro_f1": round(s.macro_f1, 4),
        "per_label": {
            c: {
                "support": s.per_label[c].support,
                "precision": round(s.per_label[c].precision, 4),
                "recall": round(s.per_label[c].recall, 4),
                "f1": round(s.per_label[c].f1, 4),
            }
            for c in classes
        },
    }


def run(args: argparse.Namespace) -> int:
    """Run ``kgtext train`` for parsed ``args``; return the exit status."""
    from kgtext.sectors.classifier import FEATURES, SectorClassifier
    from kgtext.sectors.lexicon import SECTORS
    from kgtext.sectors.persist import save_model

    paths = [Path(args.corpus), *(Path(p) for p in args.also or ())]
    source = Path(args.source) if args.source else None
    if source is not None and not source.is_file():
        raise CliError(f"{source}: no such file")
    features = tuple(f.strip() for f in args.features.split(",")) if args.features else None
    if features is not None and (not features or set(features) - set(FEATURES)):
        raise CliError(f"--features: choose from {', '.join(FEATURES)}, got {args.features!r}")
    if args.C <= 0 or args.cv < 2:
        raise CliError("--C must be positive and --cv at least 2")
    texts, labels, described = load_training_data(paths, args.format, source)
    if args.task == "sectors":
        _check_sector_labels(described)
        features = features or FEATURES
        fixed_labels: tuple[str, ...] | None = SECTORS
    else:
        features = features or ("lemmas", "chars")
        fixed_labels = None
    for entry in described:
        entry.pop("_records")
    if not texts:
        raise CliError(f"{paths[0]}: no passages")
    if not any(labels):
        raise CliError(f"{paths[0]}: no passage has a label; nothing to learn")

    started = time.perf_counter()
    model = SectorClassifier(
        labels=fixed_labels, features=features, C=args.C, cv=args.cv, random_state=args.seed
    )
    model.fit(texts, labels)
    seconds = time.perf_counter() - started
    counts = Counter(label for ls in labels for label in ls)
    training = {
        "task": args.task,
        "command": "kgtext train " + " ".join(shlex.quote(a) for a in _argv(args)),
        "data": described,
        "passages": len(texts),
        "passages_without_label": sum(1 for ls in labels if not ls),
        "label_counts": {str(c): counts.get(str(c), 0) for c in model.classes_},
        "seed": args.seed,
        "cross_validation": _cv_report(model, labels),
        "fit_seconds": round(seconds, 1),
    }
    out = save_model(model, args.output, training)
    size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    if not args.quiet:
        from kgtext.report import text_table

        cv = training["cross_validation"]
        rows = [
            [c, counts.get(c, 0), float(t), v["precision"], v["recall"], v["f1"]]
            for (c, v), t in zip(cv["per_label"].items(), model.thresholds_, strict=True)
        ]
        rows.append(["micro", sum(counts.values()), "-", "-", "-", cv["micro_f1"]])
        print(f"kgtext train {args.task}: {len(texts)} passages from {len(paths)} file(s)")
        for entry in described:
            print(f"  {entry['path']} ({entry['format']}, {entry['passages']} passages)")
        print(f"features: {', '.join(features)}; {model.n_features_:,} columns; {seconds:.1f} s")
        print("cross-validated (out-of-fold) scores at the chosen thresholds:")
        print(text_table(["label", "support", "threshold", "precision", "recall", "F1"], rows))
        print(f"saved {out} ({size / 1e6:.2f} MB)")
    return 0


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("task", choices=TASKS, help="sectors (the five labels) or passages (any)")
    parser.add_argument("corpus", help="training corpus (format guessed, see --format)")
    parser.add_argument(
        "--also", action="append", metavar="FILE", help="another training corpus (repeatable)"
    )
    parser.add_argument("--format", choices=FORMATS, help="format of every corpus file")
    parser.add_argument("--source", metavar="CSV", help="24.kg CSV for stand-off paragraph labels")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="model directory")
    parser.add_argument("--features", metavar="LIST", help="comma-separated: lemmas,chars,lexicon")
    parser.add_argument("--C", type=float, default=3.0, help="inverse regularisation (3)")
    parser.add_argument("--cv", type=int, default=5, help="folds for calibration (5)")
    parser.add_argument("--seed", type=int, default=0, help="fold shuffling seed (0)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    return parser


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``train`` to the ``kgtext`` CLI's sub-parsers; sets ``func=run``."""
    parser = subparsers.add_parser(
        "train",
        help="train a passage classifier (sectors or any labels) and save it",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    _configure(parser)
    parser.set_defaults(func=run)
    return parser


def _argv(args: argparse.Namespace) -> list[str]:
    """The command line that reproduces this run (options in a fixed order)."""
    argv = [args.task, args.corpus]
    for path in args.also or ():
        argv += ["--also", path]
    if args.format:
        argv += ["--format", args.format]
    if args.source:
        argv += ["--source", args.source]
    argv += ["-o", str(args.output)]
    if args.features:
        argv += ["--features", args.features]
    if args.C != 3.0:
        argv += ["--C", str(args.C)]
    if args.cv != 5:
        argv += ["--cv", str(args.cv)]
    if args.seed != 0:
        argv += ["--seed", str(args.seed)]
    return argv
