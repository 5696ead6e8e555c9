"""One ``kgtext tag`` run: streaming, checkpointed, resumable, atomic.

The output is written as JSONL to ``OUTPUT.part`` (append only). Every second the
part file is flushed and fsynced and ``OUTPUT.progress.json`` records how many
records are done and the byte length of the part file holding them. At the end
the part file is converted (CSV, Parquet) or renamed (JSONL) onto ``OUTPUT``
atomically, and the progress file is removed.

After an interruption (Ctrl-C, ``kill -9``, a power cut) ``resume=True``
truncates the part file to its last complete line (at least the checkpointed
length), counts the records it holds, skips that many input records and carries
on, so no record is missing or duplicated. Because output is one line per input
record in input order, the number of lines *is* the number of input records done.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kgtext.archive.records import (
    InputError,
    count_records,
    detect_input_format,
    detect_output_format,
    finalize_output,
    iter_raw,
)
from kgtext.archive.tagger import TagOptions, _work_lines, options_dict, run_parallel

__all__ = ["RunSummary", "part_paths", "tag_files"]

_STATE_VERSION = 1


@dataclass
class RunSummary:
    """Counts of one run (including records done before a resume)."""

    records: int = 0
    ok: int = 0
    errors: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    resumed_from: int = 0
    output: str = ""

    @property
    def not_kyrgyz(self) -> int:
        return self.ok - self.languages.get("ky", 0)

    def add(self, status: str | None) -> None:
        self.records += 1
        if status is None:
            self.errors += 1
        else:
            self.ok += 1
            self.languages[status] += 1

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        done = self.records - self.resumed_from
        rate = done / self.seconds if self.seconds > 0 else 0.0
        langs = ", ".join(f"{k} {v:,}" for k, v in self.languages.most_common())
        resumed = f"; resumed after {self.resumed_from:,}" if self.resumed_from else ""
        return (
            f"kgtext tag: {self.records:,} records: {self.ok:,} ok, {self.errors:,} errors, "
            f"{self.not_kyrgyz:,} not Kyrgyz ({langs or 'none'}); "
            f"{done:,} in {self.seconds:.1f} s, {rate:,.1f} records/s{resumed}"
            + (f" -> {self.output}" if self.output else "")
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "ok": self.ok,
            "errors": self.errors,
            "languages": dict(self.languages),
        }


def part_paths(output: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(part file, progress file)`` of *output*.

    >>> [p.name for p in part_paths("out/tagged.jsonl")]
    ['tagged.jsonl.part', 'tagged.jsonl.progress.json']
    """
    out = Path(output)
    return out.with_name(out.name + ".part"), out.with_name(out.name + ".progress.json")


def _write_state(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _recover(part: Path, state_path: Path, signature: dict[str, Any]) -> tuple[int, RunSummary]:
    """Byte length of the part file's complete records, and their counts."""
    summary = RunSummary()
    offset = 0
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        if state.get("signature") != signature:
            raise InputError(
                f"{state_path}: the interrupted run had other inputs or options; "
                "run without --resume to start over"
            )
        offset = int(state["bytes"])
        counts = state["counts"]
        summary.records = int(state["records"])
        summary.ok, summary.errors = int(counts["ok"]), int(counts["errors"])
        summary.languages = Counter(counts["languages"])
    with open(part, "rb+") as f:
        size = f.seek(0, os.SEEK_END)
        if size < offset:
            raise InputError(f"{part}: shorter than its checkpoint; run without --resume")
        f.seek(offset)
        for line in f:  # complete lines written after the last checkpoint
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            summary.add(None if "error" in record else record.get("language"))
            offset += len(line)
        f.truncate(offset)
    return offset, summary


@contextlib.contextmanager
def _deferred_interrupt() -> Iterator[Callable[[], None]]:
    """Ctrl-C during a run is acted on between chunks, by the returned check.

    Python's default SIGINT handler raises KeyboardInterrupt wherever the main thread
    is, and an exception raised inside a finalizer that the garbage collector runs is
    printed and ignored: an interrupt could be lost and the run go on. Here SIGINT only
    sets a flag; the check raises KeyboardInterrupt after the chunk at hand is written
    (a second Ctrl-C raises at once). Outside the main thread nothing is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    pending = False

    def handler(signum: int, frame: Any) -> None:
        nonlocal pending
        if pending:
            raise KeyboardInterrupt
        pending = True

    def check() -> None:
        if pending:
            raise KeyboardInterrupt

    old = signal.signal(signal.SIGINT, handler)
    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, old if old is not None else signal.SIG_DFL)


def tag_files(
    inputs: Sequence[str],
    output: str,
    *,
    options: TagOptions | None = None,
    jobs: int = 1,
    input_format: str | None = None,
    output_format: str | None = None,
    resume: bool = False,
    progress: bool = False,
    checkpoint_seconds: float = 1.0,
    chunk_size: int = 32,
    log: IO[str] | None = None,
) -> RunSummary:
    """Tag every record of *inputs* into *output* (``-``: JSONL on standard output).

    Returns the :class:`RunSummary`; raises :class:`InputError` for an input that
    cannot be read at all. Bad records become error records.
    """
    options = options or TagOptions()
    log = log if log is not None else sys.stderr
    fmt = output_format or detect_output_format(output)
    started = time.monotonic()
    for name in inputs:  # fail before anything is written
        if name != "-" and not Path(name).exists():
            raise InputError(f"{name}: no such file or folder")
        if input_format is None:
            detect_input_format(name)
    items = iter_raw(
        inputs, input_format=input_format, id_field=options.id_field, max_bytes=options.max_bytes
    )
    if output == "-":
        if fmt != "jsonl":
            raise InputError("standard output takes JSONL only (--output-format jsonl)")
        summary = RunSummary()
        stdout = sys.stdout
        with _deferred_interrupt() as check_interrupt:
            for results in run_parallel(
                items, options, jobs=jobs, chunk_size=chunk_size, work=_work_lines
            ):
                for line, status in results:
                    stdout.write(line)
                    summary.add(status)
                check_interrupt()
        stdout.flush()
        summary.seconds = time.monotonic() - started
        return summary

    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    part, state_path = part_paths(out)
    signature = {
        "version": _STATE_VERSION,
        "inputs": [("-" if i == "-" else os.path.abspath(i)) for i in inputs],
        "input_format": input_format,
        "output_format": fmt,
        "options": options_dict(options),
    }
    if resume and "-" in inputs:
        raise InputError("--resume cannot re-read standard input")
    offset = 0
    summary = RunSummary()
    if resume and part.exists():
        offset, summary = _recover(part, state_path, signature)
        summary.resumed_from = summary.records
        print(f"kgtext tag: resuming after {summary.records:,} records", file=log)
    else:
        if resume:
            print("kgtext tag: no interrupted run to resume; starting from the beginning", file=log)
        with open(part, "wb"):
            pass
    summary.output = str(out)
    handle = open(part, "ab")  # closed in finally

    def checkpoint() -> None:
        handle.flush()
        os.fsync(handle.fileno())
        _write_state(
            state_path,
            {
                "signature": signature,
                "records": summary.records,
                "bytes": offset,
                "counts": summary.to_json(),
            },
        )

    bar = None
    if progress:
        from tqdm import tqdm

        total = count_records(inputs, input_format)
        bar = tqdm(
            total=total,
            initial=summary.records,
            unit="rec",
            desc="kgtext tag",
            file=sys.stderr,
            dynamic_ncols=True,
            smoothing=0.1,
        )
    finished = False
    try:
        with _deferred_interrupt() as check_interrupt:
            checkpoint()
            last = time.monotonic()
            skipped = itertools.islice(items, summary.records, None)
            for results in run_parallel(
                skipped, options, jobs=jobs, chunk_size=chunk_size, work=_work_lines
            ):
                for line, status in results:
                    data = line.encode("utf-8")
                    handle.write(data)
                    offset += len(data)
                    summary.add(status)
                check_interrupt()
                if bar is not None:
                    bar.update(len(results))
                now = time.monotonic()
                if now - last >= checkpoint_seconds:
                    checkpoint()
                    last = now
            checkpoint()
            finished = True
    finally:
        if bar is not None:
            bar.close()
        if not finished:
            try:
                checkpoint()
            finally:
                handle.close()
            print(
                f"kgtext tag: stopped after {summary.records:,} records; "
                "run the same command with --resume to continue",
                file=log,
            )
    handle.close()
    finalize_output(part, out, fmt)
    state_path.unlink(missing_ok=True)
    summary.seconds = time.monotonic() - started
    return summary
