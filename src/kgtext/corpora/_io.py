"""File access shared by the corpus loaders: paths, compression, errors.

Nothing here downloads anything: every loader reads a local path.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["CorpusFormatError", "PathLike", "check_path", "iter_lines", "open_text", "stem_suffix"]

PathLike = str | os.PathLike[str]

_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


class CorpusFormatError(ValueError):
    """A corpus file does not have the expected format.

    The message names the file, the 1-based line number and what was expected, so
    that ``kgtext evaluate`` can print it as a one-line error.

    Parameters
    ----------
    path : str or Path
        The file being read.
    line : int or None
        1-based line number of the offending line (``None`` if unknown).
    expected : str
        What the loader expected to find there.
    got : str, optional
        What it found (shortened in the message).

    Examples
    --------
    >>> err = CorpusFormatError("a.conllu", 7, "10 tab-separated columns", "1 Бишкек")
    >>> str(err)
    "a.conllu:7: expected 10 tab-separated columns, got '1 Бишкек'"
    >>> isinstance(err, ValueError), err.line
    (True, 7)
    """

    def __init__(
        self, path: PathLike, line: int | None, expected: str, got: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.expected = expected
        self.got = got
        where = f"{self.path}:{line}" if line is not None else self.path
        message = f"{where}: expected {expected}"
        if got is not None:
            shown = got if len(got) <= 60 else got[:57] + "..."
            message += f", got {shown!r}"
        super().__init__(message)


def stem_suffix(path: PathLike) -> str:
    """Return the file's format suffix, looking through a compression suffix.

    Examples
    --------
    >>> stem_suffix("train.conllu.gz"), stem_suffix("a/B.JSONL"), stem_suffix("x")
    ('.conllu', '.jsonl', '')
    """
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] in _OPENERS:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def check_path(path: PathLike) -> Path:
    """Return ``path`` as a :class:`~pathlib.Path`; raise if it is not a readable file.

    Loaders call this before returning their (lazy) iterator, so a missing file is
    reported when the loader is called, not on the first ``next()``.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file")
    if p.is_dir():
        raise IsADirectoryError(f"{p}: is a directory, expected a file")
    return p


def open_text(path: PathLike, newline: str | None = None) -> IO[str]:
    """Open a UTF-8 text file, transparently decompressing ``.gz``, ``.bz2``, ``.xz``.

    A byte-order mark at the start of the file is dropped.
    """
    p = Path(path)
    opener = _OPENERS.get(p.suffix.lower())
    if opener is None:
        return open(p, encoding="utf-8-sig", newline=newline)
    return opener(p, "rt", encoding="utf-8-sig", newline=newline)  # type: ignore[operator]


def iter_lines(path: PathLike) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` with 1-based numbers and line endings removed."""
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            yield number, line.rstrip("\r\n")
