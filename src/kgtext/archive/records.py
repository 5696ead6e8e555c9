"""Reading article archives record by record, and writing tagged records.

Readers never stop on a bad record: they yield *raw items* ``(source, kind,
payload)`` that a tagger (in this process or a worker) turns into one output
record each, a result or an error. ``source`` is ``file:line`` (the first line of
the record; the row number for Parquet; ``file:1`` for a ``.txt`` file).

Kinds of raw item:

``"json"``
    ``payload`` is the undecoded bytes of one JSONL line (decoded and parsed by the
    tagger, so bad bytes or bad JSON become that record's error);
``"row"``
    ``payload`` is a dict of fields (a CSV/TSV/Parquet row, a dict given in Python);
``"text"``
    ``payload`` is ``(id, text)`` (a ``.txt`` file, a string given in Python);
``"error"``
    ``payload`` is ``(id, message)``: the reader already knows the record is bad
    (too big, not UTF-8).

Examples
--------
>>> import json, tempfile, os
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.jsonl")
>>> with open(path, "wb") as f:
...     _ = f.write(b'{"id": "1", "text": "\\xd0\\x90"}\\n\\n{bad\\n')
>>> [(s.rsplit("/", 1)[-1], kind) for s, kind, _ in iter_raw([path])]
[('a.jsonl:1', 'json'), ('a.jsonl:3', 'json')]
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

__all__ = [
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "RawItem",
    "count_records",
    "detect_input_format",
    "detect_output_format",
    "finalize_output",
    "iter_raw",
    "read_tagged",
]

RawItem = tuple[str, str, Any]

INPUT_FORMATS = ("jsonl", "csv", "tsv", "txt", "parquet")
OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
_COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_SUFFIX_FORMAT = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "txt",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Columns of the flat (CSV, Parquet) output; ``passages``, ``entities`` and
#: ``sector_context`` hold JSON.
FLAT_COLUMNS = (
    "id",
    "source",
    "error",
    "language",
    "title",
    "date",
    "byline",
    "sectors",
    "passages",
    "entities",
    "sector_context",
)
_CHUNK = 1 << 16


class InputError(ValueError):
    """An input that cannot be read at all (missing file, unknown format)."""


def _suffixes(path: str | os.PathLike[str]) -> tuple[str, str]:
    """``(format suffix, compression suffix)`` of a file name."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    compression = ""
    if suffixes and suffixes[-1] in _COMPRESSED:
        compression = suffixes.pop()
    return (suffixes[-1] if suffixes else ""), compression


def detect_input_format(path: str | os.PathLike[str]) -> str:
    """The input format of *path*: a folder is ``txt``; else by suffix.

    >>> detect_input_format("a.jsonl.gz"), detect_input_format("b.TSV")
    ('jsonl', 'tsv')
    >>> detect_input_format("-")
    'jsonl'
    """
    if str(path) == "-":
        return "jsonl"
    if Path(path).is_dir():
        return "txt"
    suffix, _ = _suffixes(path)
    if suffix not in _SUFFIX_FORMAT:
        raise InputError(
            f"{path}: cannot tell the format from the name (use --input-format "
            f"{'|'.join(INPUT_FORMATS)})"
        )
    return _SUFFIX_FORMAT[suffix]


def detect_output_format(path: str | os.PathLike[str]) -> str:
    """The output format of *path* by suffix; JSONL when unknown.

    >>> [detect_output_format(p) for p in ("out.parquet", "out.csv", "o")]
    ['parquet', 'csv', 'jsonl']
    """
    suffix, _ = _suffixes(path)
    fmt = _SUFFIX_FORMAT.get(suffix, "jsonl")
    return fmt if fmt in OUTPUT_FORMATS else "jsonl"


def _open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    if str(path) == "-":
        return sys.stdin.buffer
    _, compression = _suffixes(path)
    if compression:
        return _COMPRESSED[compression](path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _id_from_prefix(prefix: bytes, id_field: str) -> str | None:
    m = re.search(
        rb'"' + re.escape(id_field.encode()) + rb'"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)', prefix
    )
    if m is None:
        return None
    try:
        value = json.loads(m.group(1))
    except ValueError:
        return None
    return str(value)


def _iter_jsonl(path: str, id_field: str, max_bytes: int) -> Iterator[RawItem]:
    name = "<stdin>" if path == "-" else path
    with _open_binary(path) as handle:
        number = 0
        while True:
            line = handle.readline(max_bytes + 2)
            if not line:
                break
            number += 1
            if not line.endswith(b"\n") and len(line) >= max_bytes + 2:
                # too big: skip the rest of the line without holding it in memory
                size = len(line)
                while True:
                    more = handle.readline(_CHUNK)
                    size += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield (
                    f"{name}:{number}",
                    "error",
                    (
                        _id_from_prefix(line[:4096], id_field),
                        f"record too large ({size:,} bytes > --max-bytes {max_bytes:,})",
                    ),
                )
                continue
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            yield f"{name}:{number}", "json", line


def _decoded(handle: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")


_SURROGATE = re.compile("[\udc80-\udcff]")


def _iter_delimited(path: str, delimiter: str, max_bytes: int) -> Iterator[RawItem]:
    csv.field_size_limit(sys.maxsize)
    with _open_binary(path) as binary, _decoded(binary) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{path}:1: cannot read the CSV header ({exc})") from None
        previous = reader.line_num
        while True:
            line = previous + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield f"{path}:{line}", "error", (None, f"malformed CSV ({exc})")
                break
            previous = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            record = dict(zip(header, row, strict=False))
            bad = next((v for v in row if _SURROGATE.search(v)), None)
            if bad is not None:
                offset = _SURROGATE.search(bad).start()  # type: ignore[union-attr]
                yield (
                    f"{path}:{line}",
                    "error",
                    (record.get("id"), f"not valid UTF-8 (in a field, near character {offset})"),
                )
                continue
            if len(row) != len(header):
                yield (
                    f"{path}:{line}",
                    "error",
                    (record.get("id"), f"expected {len(header)} fields, got {len(row)}"),
                )
                continue
            yield f"{path}:{line}", "row", record


def _txt_files(folder: Path) -> list[Path]:
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and _suffixes(p)[0] == ".txt" and not p.name.startswith(".")
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _txt_id(path: Path) -> str:
    name = path.name
    for suffix in reversed(path.suffixes):
        if suffix.lower() in (*_COMPRESSED, ".txt"):
            name = name[: -len(suffix)]
    return name


def _iter_txt(path: str, max_bytes: int) -> Iterator[RawItem]:
    p = Path(path)
    files = _txt_files(p) if p.is_dir() else [p]
    for file in files:
        source = f"{file}:1"
        with _open_binary(file) as handle:
            data = handle.read(max_bytes + 1)
            size = len(data)
            if size > max_bytes:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                yield (
                    source,
                    "error",
                    (
                        _txt_id(file),
                        f"record too large ({size:,} bytes > --max-bytes {max_bytes:,})",
                    ),
                )
                continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield (
                source,
                "error",
                (_txt_id(file), f"not valid UTF-8 at byte offset {exc.start}"),
            )
            continue
        yield source, "text", (_txt_id(file), text)


def _iter_parquet(path: str, batch_size: int = 512) -> Iterator[RawItem]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            f"{path}: reading Parquet needs pyarrow: pip install 'kgtext[parquet]'"
        ) from None
    handle = pq.ParquetFile(path)
    row = 0
    for batch in handle.iter_batches(batch_size=batch_size):
        for record in batch.to_pylist():
            row += 1
            yield f"{path}:{row}", "row", record


def iter_raw(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    input_format: str | None = None,
    id_field: str = "id",
    max_bytes: int = 1_000_000,
) -> Iterator[RawItem]:
    """Raw items of every record of *inputs*, in order (see the module docstring).

    Parameters
    ----------
    inputs : sequence of path
        JSONL, CSV, TSV, Parquet files (each possibly ``.gz/.bz2/.xz``), folders of
        ``.txt`` files, or ``-`` for JSONL on standard input.
    input_format : str, optional
        Force one of :data:`INPUT_FORMATS` for every input.
    id_field : str
        Field that holds the record id (used to name a record too large to parse).
    max_bytes : int
        Records longer than this (in UTF-8 bytes) become errors without being parsed.
    """
    for path in inputs:
        name = str(path)
        if name != "-" and not Path(name).exists():
            raise InputError(f"{name}: no such file or folder")
        fmt = input_format or detect_input_format(name)
        if fmt == "jsonl":
            yield from _iter_jsonl(name, id_field, max_bytes)
        elif fmt in ("csv", "tsv"):
            yield from _iter_delimited(name, "," if fmt == "csv" else "\t", max_bytes)
        elif fmt == "txt":
            yield from _iter_txt(name, max_bytes)
        elif fmt == "parquet":
            yield from _iter_parquet(name)
        else:
            raise InputError(f"{name}: unknown input format {fmt!r}")


def count_records(
    inputs: Sequence[str | os.PathLike[str]], input_format: str | None = None
) -> int | None:
    """A quick count of the records in *inputs* (for a progress bar's ETA), or
    ``None`` when that would be slow (compressed files, standard input)."""
    total = 0
    for path in inputs:
        name = str(path)
        if name == "-" or _suffixes(name)[1]:
            return None
        fmt = input_format or detect_input_format(name)
        if fmt == "jsonl":
            with open(name, "rb") as f:
                total += sum(1 for line in iter(lambda f=f: f.readline(), b"") if line.strip())
        elif fmt == "txt":
            total += len(_txt_files(Path(name))) if Path(name).is_dir() else 1
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(name).metadata.num_rows
        else:
            return None
    return total


# ------------------------------------------------------------------- output


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A tagged record as one flat row (:data:`FLAT_COLUMNS`) for CSV or Parquet."""
    passages = record.get("passages")
    sectors = sorted({s for p in passages or () for s in p.get("sectors", ())})
    return {
        "id": None if record.get("id") is None else str(record.get("id")),
        "source": record.get("source"),
        "error": record.get("error"),
        "language": record.get("language"),
        "title": record.get("title"),
        "date": record.get("date"),
        "byline": record.get("byline"),
        "sectors": ";".join(sectors) if passages is not None else None,
        "passages": None if passages is None else json.dumps(passages, ensure_ascii=False),
        "entities": None
        if record.get("entities") is None
        else json.dumps(record["entities"], ensure_ascii=False),
        "sector_context": None
        if record.get("sector_context") is None
        else json.dumps(record["sector_context"], ensure_ascii=False),
    }


def unflat_record(row: dict[str, Any]) -> dict[str, Any]:
    """Undo :func:`flat_record` (``""`` in CSV is read as missing)."""
    row = {k: (None if v == "" else v) for k, v in row.items()}
    if row.get("error") is not None:
        return {"id": row.get("id"), "error": row["error"], "source": row.get("source")}
    record = {
        "id": row.get("id"),
        "source": row.get("source"),
        "language": row.get("language"),
        "title": row.get("title"),
        "date": row.get("date"),
        "byline": row.get("byline"),
        "passages": json.loads(row["passages"]) if row.get("passages") else [],
        "entities": json.loads(row["entities"]) if row.get("entities") else [],
    }
    if row.get("sector_context"):
        record["sector_context"] = json.loads(row["sector_context"])
    return record


def _fsync_replace(tmp: Path, target: Path) -> None:
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _iter_part(part: Path) -> Iterator[dict[str, Any]]:
    with open(part, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def finalize_output(part: str | os.PathLike[str], output: str | os.PathLike[str], fmt: str) -> None:
    """Turn the JSONL part file into *output* (format *fmt*) atomically.

    JSONL: fsync and rename. CSV and Parquet: converted record by record into a
    temporary file next to *output*, fsynced and renamed; the part file is removed.
    """
    part, target = Path(part), Path(output)
    if fmt == "jsonl":
        _fsync_replace(part, target)
        return
    tmp = target.with_name(f".{target.name}.tmp")
    if fmt == "csv":
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=FLAT_COLUMNS)
            writer.writeheader()
            for record in _iter_part(part):
                writer.writerow(flat_record(record))
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.string()) for c in FLAT_COLUMNS])
        with pq.ParquetWriter(tmp, schema) as writer:
            batch: list[dict[str, Any]] = []
            for record in _iter_part(part):
                batch.append(flat_record(record))
                if len(batch) >= 1000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    _fsync_replace(tmp, target)
    part.unlink()


def read_tagged(path: str | os.PathLike[str], fmt: str | None = None) -> Iterator[dict[str, Any]]:
    """Read records written by ``kgtext tag`` (JSONL, CSV or Parquet) back as dicts.

    A JSONL line that is not JSON is yielded as ``{"id": None, "error": ...,
    "source": "file:line"}``, so a damaged file is still counted.
    """
    fmt = fmt or detect_output_format(path)
    if fmt == "jsonl":
        with _open_binary(path) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except (ValueError, UnicodeDecodeError) as exc:
                    yield {
                        "id": None,
                        "error": f"not a JSON record ({exc})",
                        "source": f"{path}:{number}",
                    }
    elif fmt == "csv":
        csv.field_size_limit(sys.maxsize)
        with _open_binary(path) as binary, _decoded(binary) as handle:
            for row in csv.DictReader(handle):
                yield unflat_record(row)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
            for row in batch.to_pylist():
                yield unflat_record(row)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def iter_items(items: Iterable[Any], origin: str = "<records>") -> Iterator[RawItem]:
    """Raw items for Python objects: a ``str`` is a text, a ``dict`` a record, ``bytes``
    a JSON line; anything else becomes an error record."""
    for number, item in enumerate(items, start=1):
        source = f"{origin}:{number}"
        if isinstance(item, str):
            yield source, "text", (None, item)
        elif isinstance(item, dict):
            yield item.get("source") or source, "row", item
        elif isinstance(item, bytes | bytearray):
            yield source, "json", bytes(item)
        else:
            yield source, "error", (None, f"expected a str or a dict, got {type(item).__name__}")
