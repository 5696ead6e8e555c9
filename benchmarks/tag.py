"""Benchmark ``kgtext tag``: records/s, MB/s, tokens/s, scaling with --jobs, peak memory.

The input is the 24.kg articles (``../shared/corpora/24kg-topics/train.csv``, column
``text``) repeated into JSONL files of the requested sizes in a temporary folder
(never committed; each copy gets its own id, and from the second copy on every line
of an article ends with the copy number, so that no paragraph repeats verbatim:
caches keyed on whole texts cannot flatter the figures; ``--verbatim`` repeats them
unchanged). Every run is the installed
``kgtext tag`` console script, end to end (reading, cleaning, language id, the full
pipeline, writing, the final rename), timed by wall clock. Tokens are counted with
:func:`kgtext.tokenize` on the input texts (not timed). Memory is sampled over the
whole process tree (the CLI and its workers): the sum of RSS every 0.1 s
(``/proc/PID/statm``), and the sum of PSS (shared pages divided among the processes
that share them, which is what a forked worker really costs) every second (reading
``smaps_rollup`` costs about 8 ms of CPU for three processes: every 0.1 s it took
8 % of a core from the two workers it measured). CPU seconds (user + system) of the CLI and its
workers come from ``getrusage(RUSAGE_CHILDREN)``; tokens per CPU second is the
per-core speed even when other work shares the machine (the load average before each
run is recorded).

    python benchmarks/tag.py                      # 10 MB and 100 MB, --jobs 1 and 2
    python benchmarks/tag.py --sizes 10 --jobs 1  # quicker
    python benchmarks/tag.py --profile 2000       # cProfile of tagging 2,000 records
    python benchmarks/tag.py --first-pass         # first vs second pass over 1,000 articles

Results go to stdout (a table) and ``benchmarks/results/tag.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KGTEXT_SHARED", ROOT.parent / "shared"))
SOURCE = SHARED / "corpora" / "24kg-topics" / "train.csv"


def load_texts(path: Path = SOURCE) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as f:
        return [row["text"] for row in csv.DictReader(f) if row.get("text")]


def _copy(text: str, k: int) -> str:
    """Copy *k* of an article: from the second copy on, every line ends with a marker
    `` №k``, so no paragraph repeats verbatim and caches keyed on whole texts (or
    paragraphs) cannot make a repeated archive look faster than a real one; word-level
    caches still fill as they would on a large real archive."""
    if k == 0:
        return text
    return "\n".join(line + f" №{k}" if line.strip() else line for line in text.split("\n"))


def make_archive(
    texts: list[str], target_mb: float, path: Path, *, verbatim: bool = False
) -> tuple[int, int, int]:
    """Write texts (repeated, see :func:`_copy`) as JSONL until *target_mb*;
    return (records, bytes, tokens)."""
    import kgtext

    limit = int(target_mb * 1_000_000)
    written = records = total_tokens = copy = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < limit:
            for original in texts:
                text = original if verbatim else _copy(original, copy)
                line = json.dumps({"id": f"24kg-{records}", "text": text}, ensure_ascii=False)
                f.write(line + "\n")
                written += len(line.encode()) + 1
                records += 1
                total_tokens += len(kgtext.tokenize(text))
                if written >= limit:
                    break
            copy += 1
    return records, written, total_tokens


def _tree(pid: int) -> list[int]:
    import psutil

    try:
        parent = psutil.Process(pid)
        return [pid, *(c.pid for c in parent.children(recursive=True))]
    except psutil.NoSuchProcess:
        return []


def _rss(pids: list[int]) -> int:
    """Summed RSS from ``/proc/PID/statm`` (cheap: sampled every 0.1 s)."""
    page = os.sysconf("SC_PAGE_SIZE")
    rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss += int(f.read().split()[1]) * page
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss


def _memory(pids: list[int]) -> tuple[int, int]:
    """Summed RSS and PSS from ``/proc/PID/smaps_rollup`` (about 3 ms of CPU per
    250 MB process: sampled once a second, so that the monitor does not take CPU
    from the workers it measures)."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss, pss


def run_tag(archive: Path, out: Path, jobs: int, extra: list[str]) -> dict[str, float]:
    script = shutil.which("kgtext") or str(Path(sys.executable).with_name("kgtext"))
    command = [script, "tag", str(archive), "-o", str(out), "--quiet", "--jobs", str(jobs), *extra]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    last_pss = 0.0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        peak_rss = max(peak_rss, _rss(pids))
        if time.perf_counter() - last_pss >= 1.0:
            last_pss = time.perf_counter()
            peak_pss = max(peak_pss, _memory(pids)[1])
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and its reaped workers
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"kgtext tag failed ({proc.returncode}): {err}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load_before": load,
        "peak_rss_mb": peak_rss / 1e6,
        "peak_pss_mb": peak_pss / 1e6,
        "summary": err.strip().splitlines()[-1],
    }


def profile(texts: list[str], n: int) -> None:
    """cProfile of tagging *n* records in this process, in the steady state of a big
    archive: the pipeline is loaded and every text tagged once before profiling."""
    import kgtext

    records = [
        {"id": i, "text": _copy(texts[i % len(texts)], 1 + i // len(texts))} for i in range(n)
    ]
    nlp = kgtext.load()
    list(kgtext.tag_records(texts, nlp=nlp))  # warm the word caches, as a long run does
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in kgtext.tag_records(records, nlp=nlp):
        pass
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(35)
    print(stream.getvalue())
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(25)
    print(stream.getvalue())


def first_pass(texts: list[str]) -> None:
    """CPU seconds of tagging the 24.kg articles twice in one process with a freshly
    loaded pipeline: the first pass analyses every word for the first time, the second
    finds them in the caches (what a small archive costs against a large one)."""
    import kgtext

    nlp = kgtext.load()
    tokens = sum(len(kgtext.tokenize(t)) for t in texts)
    for name in ("first pass", "second pass"):
        cpu = time.process_time()
        for _ in kgtext.tag_records(texts, nlp=nlp):
            pass
        cpu = time.process_time() - cpu
        print(f"{name}: {cpu:.1f} s CPU, {tokens / cpu:,.0f} tokens/s ({len(texts)} articles)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 100], help="MB")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--profile", type=int, metavar="N", help="profile N records instead")
    parser.add_argument(
        "--first-pass", action="store_true", help="time a first and a second pass instead"
    )
    parser.add_argument(
        "--verbatim", action="store_true", help="repeat the articles unchanged (no copy marks)"
    )
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more tag flags")
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results" / "tag.json"))
    args = parser.parse_args(argv)
    if not SOURCE.exists():
        raise SystemExit(f"{SOURCE} not found")
    texts = load_texts()
    if args.profile:
        profile(texts, args.profile)
        return 0
    if args.first_pass:
        first_pass(texts)
        return 0
    import kgtext

    pipes = kgtext.load().pipe_names
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            archive = Path(tmp) / f"archive-{size:g}MB.jsonl"
            records, nbytes, tokens = make_archive(texts, size, archive, verbatim=args.verbatim)
            for jobs in args.jobs:
                result = run_tag(archive, Path(tmp) / "out.jsonl", jobs, args.extra)
                s = result["seconds"]
                row = {
                    "size_mb": round(nbytes / 1e6, 1),
                    "jobs": jobs,
                    "records": records,
                    "tokens": tokens,
                    "seconds": round(s, 2),
                    "records_per_s": round(records / s, 1),
                    "mb_per_s": round(nbytes / 1e6 / s, 3),
                    "tokens_per_s": round(tokens / s),
                    "tokens_per_s_per_job": round(tokens / s / jobs),
                    "cpu_s": round(result["cpu_seconds"], 1),
                    "tokens_per_cpu_s": round(tokens / result["cpu_seconds"]),
                    "load_before": round(result["load_before"], 2),
                    "peak_rss_mb": round(result["peak_rss_mb"], 1),
                    "peak_pss_mb": round(result["peak_pss_mb"], 1),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
                (Path(tmp) / "out.jsonl").unlink()
            archive.unlink()
    header = list(rows[0])
    print("\npipeline:", ", ".join(pipes), "| cores:", os.cpu_count())
    print("  ".join(f"{h:>14}" for h in header))
    for row in rows:
        print("  ".join(f"{row[h]!s:>14}" for h in header))
    for size in {r["size_mb"] for r in rows}:
        by_jobs = {r["jobs"]: r for r in rows if r["size_mb"] == size}
        if 1 in by_jobs and 2 in by_jobs:
            speedup = by_jobs[2]["tokens_per_s"] / by_jobs[1]["tokens_per_s"]
            print(f"{size} MB: --jobs 2 speed-up {speedup:.2f}x")
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(
        json.dumps({"pipeline": pipes, "cores": os.cpu_count(), "runs": rows}, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
