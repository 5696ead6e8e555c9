"""Read the rule data shipped in ``kgtext/data`` (lazily, with ``importlib.resources``)."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from importlib import resources

__all__ = ["data_lines", "read_data_text", "read_tsv"]


def data_lines(name: str) -> Iterator[str]:
    """The lines of data file *name* in ``kgtext/data`` (``.gz`` files decompressed).

    >>> next(data_lines("abbreviations.tsv")).startswith("#")
    True
    """
    path = resources.files("kgtext").joinpath("data").joinpath(name)
    if name.endswith(".gz"):
        with gzip.open(path.open("rb"), "rt", encoding="utf-8") as handle:  # type: ignore[arg-type]
            yield from handle
    else:
        with path.open("r", encoding="utf-8") as handle:
            yield from handle


def read_data_text(name: str) -> str:
    """The text of data file *name* in ``kgtext/data``.

    >>> read_data_text("abbreviations.tsv").startswith("#")
    True
    """
    return resources.files("kgtext").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts; ``#`` lines before the header are comments.

    >>> rows = read_tsv("abbreviations.tsv")
    >>> rows[0]["abbreviation"]
    'ж.б.у.с.'
    """
    lines = [line for line in read_data_text(name).splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row for row in reader if any(row.values())]
