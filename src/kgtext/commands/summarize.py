"""``kgtext summarize``: an HTML page summarising the output of ``kgtext tag``.

Usage::

    kgtext summarize TAGGED... [-o report.html] [--top 10] [--format jsonl|csv|parquet]

The page is self-contained (plots embedded); the PNGs are also written to a
sibling folder (``report_files/`` for ``report.html``). It shows the records,
errors and languages, the number of articles and passages per sector (every known
sector, also those with none), the sector mix by month when records have dates,
and the most frequent organisations and programmes in each sector's passages.
Reading is streaming: memory does not grow with the archive.

Examples
--------
>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> rec = {"id": "a", "source": "x:1", "language": "ky", "title": None, "date": "2025-03-01",
...        "byline": None, "passages": [{"text": "т", "start": 0, "end": 1,
...        "sectors": ["school"], "probabilities": {"school": 0.9}}], "entities": []}
>>> _ = (folder / "t.jsonl").write_text(json.dumps(rec) + "\\n")
>>> s = summarize([folder / "t.jsonl"])
>>> s.records, s.articles_by_sector["school"], s.by_month["2025-03"]["school"]
(1, 1, 1)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgtext.cli import CliError

__all__ = ["Summary", "add_parser", "known_sectors", "run", "summarize", "write_summary"]

ENTITY_LABELS = ("ORG", "PROGRAMME")


def known_sectors() -> tuple[str, ...]:
    """The sector labels kgtext knows (from :mod:`kgtext.sectors` or its lexicon)."""
    try:
        from kgtext.sectors.lexicon import SECTORS

        return tuple(SECTORS)
    except ImportError:
        from kgtext._resources import read_tsv

        seen: dict[str, None] = {}
        for row in read_tsv("sector_lexicon.tsv"):
            label = row.get("sector") or ""
            if label and not label.startswith("negative:"):
                seen.setdefault(label)
        return tuple(seen)


@dataclass
class Summary:
    """Counts over tagged records."""

    records: int = 0
    errors: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    passages: int = 0
    passages_by_sector: Counter[str] = field(default_factory=Counter)
    articles_by_sector: Counter[str] = field(default_factory=Counter)
    articles_without_sector: int = 0
    by_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    undated: int = 0
    entities: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    error_examples: list[tuple[Any, Any, Any]] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)

    def add(self, record: dict[str, Any], keep_errors: int = 50) -> None:
        self.records += 1
        if record.get("error") is not None:
            self.errors += 1
            if len(self.error_examples) < keep_errors:
                self.error_examples.append(
                    (record.get("id"), record.get("source"), record.get("error"))
                )
            return
        self.languages[record.get("language") or "?"] += 1
        passages = record.get("passages") or []
        found: set[str] = set()
        spans: list[tuple[int, int, list[str]]] = []
        for p in passages:
            self.passages += 1
            sectors = list(p.get("sectors") or ())
            self.passages_by_sector.update(sectors)
            found.update(sectors)
            spans.append((p.get("start", 0), p.get("end", 0), sectors))
        self.articles_by_sector.update(found)
        if not found:
            self.articles_without_sector += 1
        date = record.get("date")
        if isinstance(date, str) and len(date) >= 7:
            month = self.by_month[date[:7]]
            month.update(found or ["(none)"])
        else:
            self.undated += 1
        for ent in record.get("entities") or ():
            label = ent.get("label")
            if label not in ENTITY_LABELS:
                continue
            name = ent.get("canonical") or ent.get("text") or ""
            start = ent.get("start", -1)
            for s, e, sectors in spans:
                if s <= start < e:
                    for sector in sectors:
                        self.entities[sector][label][name] += 1
                    break


def summarize(paths: Iterable[str | os.PathLike[str]], fmt: str | None = None) -> Summary:
    """Read tagged files and count; every known sector is listed in ``.sectors``."""
    from kgtext.archive.records import read_tagged

    summary = Summary()
    for path in paths:
        for record in read_tagged(path, fmt):
            summary.add(record)
    sectors = list(known_sectors())
    sectors += sorted(set(summary.passages_by_sector) - set(sectors))
    summary.sectors = sectors
    return summary


def _plot_months(summary: Summary, path: Path) -> Path:
    from matplotlib.figure import Figure

    months = sorted(summary.by_month)
    labels = [*summary.sectors, "(none)"]
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    bottom = [0.0] * len(months)
    for label in labels:
        values = [float(summary.by_month[m].get(label, 0)) for m in months]
        if not any(values):
            continue
        ax.bar(months, values, bottom=bottom, label=label)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("articles")
    ax.set_title("sector mix by month (an article counts once per sector)")
    ax.legend(fontsize=7)
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(path, format="png")
    return path


def write_summary(summary: Summary, output: str | os.PathLike[str], top: int = 10) -> Path:
    """Write the HTML page and its PNGs (in ``<stem>_files/`` next to it)."""
    from kgtext import report

    out = Path(output)
    images_dir = out.with_name(out.stem + "_files")
    images_dir.mkdir(parents=True, exist_ok=True)
    ok = summary.records - summary.errors
    ky = summary.languages.get("ky", 0)
    images: list[Path] = []
    shares = {s: (summary.articles_by_sector[s] / ky if ky else 0.0) for s in summary.sectors}
    images.append(
        report.plot_bars(
            shares,
            images_dir / "sectors.png",
            "share of Kyrgyz articles per sector",
            xlabel="share of articles",
        )
    )
    sections = [
        report.Section(
            "Records",
            [
                f"{summary.records:,} records: {ok:,} tagged, {summary.errors:,} errors.",
                f"{ky:,} Kyrgyz articles, {ok - ky:,} in other languages.",
            ],
            [
                report.Table(
                    "Languages",
                    ["language", "records"],
                    [[k, v] for k, v in summary.languages.most_common()],
                )
            ],
        ),
        report.Section(
            "Sectors",
            [
                "An article counts once for each sector found in any of its passages.",
                f"{summary.articles_without_sector:,} tagged articles have no sector.",
            ],
            [
                report.Table(
                    "Articles and passages per sector",
                    ["sector", "articles", "passages", "share of Kyrgyz articles"],
                    [
                        [
                            s,
                            summary.articles_by_sector.get(s, 0),
                            summary.passages_by_sector.get(s, 0),
                            round(shares[s], 4),
                        ]
                        for s in summary.sectors
                    ],
                )
            ],
            [images[0]],
        ),
    ]
    months = sorted(summary.by_month)
    if months:
        columns = [*summary.sectors, "(none)"]
        month_png = _plot_months(summary, images_dir / "sectors_by_month.png")
        images.append(month_png)
        sections.append(
            report.Section(
                "Sectors over time",
                [f"{summary.undated:,} tagged records have no date."],
                [
                    report.Table(
                        "Articles per sector and month",
                        ["month", *columns],
                        [[m, *(summary.by_month[m].get(c, 0) for c in columns)] for m in months],
                    )
                ],
                [month_png],
            )
        )
    else:
        sections.append(report.Section("Sectors over time", ["No record has a date."]))
    tables = []
    for sector in summary.sectors:
        for label in ENTITY_LABELS:
            names = summary.entities.get(sector, {}).get(label, Counter())
            rows = [[name, n] for name, n in names.most_common(top)]
            tables.append(
                report.Table(
                    f"{sector}: top {label}", [label.lower(), "mentions"], rows or [["—", 0]]
                )
            )
    sections.append(
        report.Section(
            "Organisations and programmes per sector",
            ["Entities counted in the passages of each sector (canonical names)."],
            tables,
        )
    )
    sections.append(
        report.Section(
            "Errors",
            [f"{summary.errors:,} records could not be tagged."],
            [
                report.Table(
                    f"The first {len(summary.error_examples)} errors",
                    ["id", "source", "error"],
                    [list(e) for e in summary.error_examples],
                )
            ]
            if summary.error_examples
            else [],
        )
    )
    return report.write_html(out, "kgtext summarize", sections)


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``summarize`` to the ``kgtext`` CLI's sub-parsers; sets ``func=run``."""
    p = sub.add_parser(
        "summarize",
        help="an HTML summary (sectors, sectors over time, entities) of kgtext tag output",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    p.add_argument("inputs", nargs="+", metavar="TAGGED", help="output of kgtext tag")
    p.add_argument("-o", "--output", default="report.html", help="HTML page (default: report.html)")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), help="default: by extension")
    p.add_argument("--top", type=int, default=10, help="entities shown per sector (default: 10)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``kgtext summarize`` for parsed *args*; return the exit status."""
    for name in args.inputs:
        if not Path(name).is_file():
            raise CliError(f"{name}: no such file")
    try:
        summary = summarize(args.inputs, args.format)
    except (OSError, ValueError) as exc:
        raise CliError(" ".join(str(exc).split())) from None
    path = write_summary(summary, args.output, args.top)
    print(
        f"kgtext summarize: {summary.records:,} records ({summary.errors:,} errors) -> {path}",
        file=sys.stderr,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``kgtext summarize`` on its own."""
    from kgtext.cli import main as cli_main

    return cli_main(["summarize", *(argv or [])])
