"""``kgtext tag`` and ``kgtext.tag_records``: formats, nothing lost, resume, jobs."""

from __future__ import annotations

import bz2
import csv
import gzip
import json
import lzma
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kgtext
from kgtext.archive.records import read_tagged
from kgtext.archive.run import part_paths
from kgtext.cli import main

from .conftest import ARTICLES, ROOT


def _tag(*args: str) -> int:
    return main(["tag", "--quiet", *args])


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _without_source(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "source"} for r in records]


# ------------------------------------------------------------------ formats


def _write_inputs(folder: Path) -> dict[str, Path]:
    """The test articles in every input format."""
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES).encode()
    paths: dict[str, Path] = {}
    paths["jsonl"] = folder / "a.jsonl"
    paths["jsonl"].write_bytes(lines)
    for suffix, opener in ((".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)):
        path = folder / f"a.jsonl{suffix}"
        with opener(path, "wb") as f:
            f.write(lines)
        paths[f"jsonl{suffix}"] = path
    for name, delimiter in (("csv", ","), ("tsv", "\t")):
        path = folder / f"a.{name}"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=delimiter)
            writer.writerow(["id", "date", "text"])
            for a in ARTICLES:
                writer.writerow([a["id"], a.get("date", ""), a["text"] or ""])
        paths[name] = path
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths["parquet"] = folder / "a.parquet"
    table = pa.Table.from_pylist(
        [{"id": a["id"], "date": a.get("date"), "text": a["text"]} for a in ARTICLES]
    )
    pq.write_table(table, paths["parquet"])
    txt = folder / "txt"
    txt.mkdir()
    for a in ARTICLES:
        if a["text"] is not None:
            (txt / f"{a['id']}.txt").write_bytes(b"\xef\xbb\xbf" + a["text"].encode())
    paths["txt"] = txt
    return paths


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path], list[dict]]:
    folder = tmp_path_factory.mktemp("formats")
    paths = _write_inputs(folder)
    out = folder / "reference.jsonl"
    assert _tag(str(paths["jsonl"]), "-o", str(out)) == 0
    return folder, paths, _lines(out)


def test_one_record_per_input_in_order(reference) -> None:
    _, paths, records = reference
    assert [r["id"] for r in records] == [a["id"] for a in ARTICLES]
    assert [r["source"] for r in records] == [f"{paths['jsonl']}:{i}" for i in range(1, 7)]
    by_id = {r["id"]: r for r in records}
    assert by_id["t-4"] == {"id": "t-4", "error": "empty text", "source": f"{paths['jsonl']}:4"}
    assert by_id["t-5"]["error"] == "text is null"
    assert by_id["t-1"]["title"] == "ЖАҢЫ БАЛА БАКЧА АЧЫЛДЫ"
    assert by_id["t-1"]["date"] == "2025-03-14"
    assert by_id["t-1"]["byline"] == "Айгүл Токтосунова, “Токмок Кабар”"
    assert [p["text"][:9] for p in by_id["t-1"]["passages"]] == ["13-мартта", "Ар бир то"]
    assert by_id["t-3"]["language"] == "ru"
    assert by_id["t-3"]["passages"][0]["sectors"] == []


def test_offsets_point_into_the_original_text(reference) -> None:
    _, _, records = reference
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for r in records:
        if "error" in r:
            continue
        text = texts[r["id"]]
        for item in [*r["passages"], *r["entities"]]:
            assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize(
    "fmt", ["jsonl.gz", "jsonl.bz2", "jsonl.xz", "csv", "tsv", "parquet", "txt"]
)
def test_every_input_format(reference, fmt: str, tmp_path: Path) -> None:
    _, paths, expected = reference
    out = tmp_path / "out.jsonl"
    assert _tag(str(paths[fmt]), "-o", str(out)) == 0
    got = _lines(out)
    if fmt in ("csv", "tsv", "txt"):  # no null text there: the record is empty instead
        expected = [r for r in expected if r["id"] != "t-5"]
        got = [r for r in got if r["id"] != "t-5"]
    if fmt == "txt":  # one record per file, by file name; dates only from the text
        assert got[0]["date"] == "2025-03-14"
        expected = [{**r, "date": None} for r in expected]
        got = [{**r, "date": None} for r in got]
    assert _without_source(got) == _without_source(expected)
    assert all(r["source"].startswith(str(paths[fmt])) for r in got)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_every_output_format_round_trips(reference, fmt: str, tmp_path: Path) -> None:
    _, paths, expected = reference
    out = tmp_path / f"out.{fmt}"
    assert _tag(str(paths["jsonl"]), "-o", str(out)) == 0
    assert list(read_tagged(out)) == expected
    assert not part_paths(out)[0].exists() and not part_paths(out)[1].exists()


def test_output_format_flag_and_stdout(reference, tmp_path: Path, capsys) -> None:
    _, paths, expected = reference
    out = tmp_path / "data.out"
    assert _tag(str(paths["jsonl"]), "-o", str(out), "--output-format", "parquet") == 0
    assert list(read_tagged(out, "parquet")) == expected
    capsys.readouterr()
    assert _tag(str(paths["jsonl"]), "-o", "-") == 0
    captured = capsys.readouterr()
    assert [json.loads(x) for x in captured.out.splitlines()] == expected
    assert "6 records: 4 ok, 2 errors" in captured.err


def test_stdin_through_the_console_script(reference, kgtext_script: str) -> None:
    _, paths, expected = reference
    done = subprocess.run(
        [kgtext_script, "tag", "-", "-o", "-"],
        input=paths["jsonl"].read_bytes(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    got = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert _without_source(got) == _without_source(expected)
    assert got[0]["source"] == "<stdin>:1"


# ------------------------------------------------------------ nothing lost


def test_bad_lines_never_stop_the_run(tmp_path: Path, capsys) -> None:
    good = json.dumps({"id": "ok", "text": "Мектепте сабак башталды."}, ensure_ascii=False)
    huge = json.dumps({"id": "huge", "text": "а" * 3000}, ensure_ascii=False)
    raw = b"\n".join(
        [
            good.encode(),
            b'{"id": "broken", "text": "\xd0',  # malformed JSON and cut bytes
            b'{"id": "bytes", "text": "\xff\xfe"}',
            b"",  # a blank line is not a record
            huge.encode(),
            b"[1, 2]",
            b'{"id": "no-text"}',
            b'{"id": 7, "text": 12}',
            good.encode(),
        ]
    )
    path = tmp_path / "dirty.jsonl"
    path.write_bytes(raw + b"\n")
    out = tmp_path / "out.jsonl"
    assert _tag(str(path), "-o", str(out), "--max-bytes", "2000") == 0
    records = _lines(out)
    assert [r.get("id") for r in records] == [
        "ok",
        None,
        None,
        "huge",
        None,
        "no-text",
        7,
        "ok",
    ]
    assert [r["source"].rsplit(":", 1)[1] for r in records] == [
        "1",
        "2",
        "3",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]
    errors = [r.get("error", "") for r in records]
    assert errors[1].startswith("not valid UTF-8") or errors[1].startswith("malformed JSON")
    assert errors[2].startswith("not valid UTF-8")
    assert errors[3].startswith("record too large (6,")
    assert errors[4] == "expected a JSON object, got list"
    assert errors[5] == "no 'text' field"
    assert errors[6] == "text is not a string (int)"
    assert "error" not in records[0] and "error" not in records[-1]
    assert "8 records: 2 ok, 6 errors" in capsys.readouterr().err


def test_bad_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "dirty.csv"
    path.write_bytes(
        'id,text\nr1,"Биринчи сап,\nэкинчи сап."\n'.encode()
        + b"r2,\xff\xfe bad\n"
        + "r3,Мектеп,ашыкча\nr4,Жакшы текст.\n".encode()
    )
    records = list(kgtext.archive.tag_records([]))  # the API accepts an empty input
    assert records == []
    out = tmp_path / "out.jsonl"
    assert _tag(str(path), "-o", str(out)) == 0
    records = _lines(out)
    assert [r["id"] for r in records] == ["r1", "r2", "r3", "r4"]
    assert [r["source"].rsplit(":", 1)[1] for r in records] == ["2", "4", "5", "6"]
    assert records[1]["error"].startswith("not valid UTF-8")
    assert records[2]["error"] == "expected 2 fields, got 3"
    assert "error" not in records[3]


def test_tag_records_api(nlp) -> None:
    records = list(
        kgtext.tag_records(
            ["Мектепте сабак башталды.", {"id": "x", "text": None}, {"body": "Жаңы курс ачылды."}],
            nlp=nlp,
            text_field="text",
        )
    )
    assert records[0]["language"] == "ky" and records[0]["source"] == "<records>:1"
    assert records[1] == {"id": "x", "error": "text is null", "source": "<records>:2"}
    assert records[2]["error"] == "no 'text' field"
    other = list(kgtext.tag_records([{"body": "Жаңы курс ачылды."}], text_field="body", nlp=nlp))
    assert other[0]["passages"][0]["text"] == "Жаңы курс ачылды."


#: A news dump with one paragraph per line, a short paragraph among long ones.
NEWS_DUMP = (
    "Билим берүү жана илим министрлиги 2025-жылы республикадагы мектептерде жаңы окуу "
    "китептери колдонулаарын билдирди.\n"
    "Бул тууралуу министрдин орун басары айтты.\n"
    "Ошондой эле Ош облусундагы бала бакчаларда кошумча топтор ачылып, 300дөн ашык бала "
    "орун алат деп күтүлүүдө."
)


def test_passages_are_those_of_kgtext_passages(nlp) -> None:
    """``kgtext tag`` tags the passages ``kgtext.passages`` and ``kgtext.tag`` find:
    every line of a news dump, short ones too."""
    (record,) = kgtext.tag_records([NEWS_DUMP], nlp=nlp)
    got = [(p["start"], p["end"]) for p in record["passages"]]
    assert got == [(p.start, p.end) for p in kgtext.passages(NEWS_DUMP)]
    assert len(got) == 3
    assert [p["sectors"] for p in record["passages"]][2] == ["preschool"]


def test_long_paragraphs_are_cut_at_sentence_boundaries(nlp) -> None:
    sentence = "Мугалимдердин квалификациясын жогорулатуу курстары Нарында өттү. "
    text = sentence * 40  # one paragraph of about 2,600 characters
    (record,) = kgtext.tag_records([text], nlp=nlp, max_chars=1000)
    spans = [(p["start"], p["end"]) for p in record["passages"]]
    assert spans == [(p.start, p.end) for p in kgtext.passages(text, max_chars=1000)]
    assert len(spans) == 3 and all(e - s <= 1000 for s, e in spans)
    assert all(record["passages"][i]["text"].endswith(".") for i in range(3))


# ----------------------------------------------------------- jobs and resume


def _big_archive(path: Path, n: int) -> Path:
    """*n* short made-up Kyrgyz articles (some broken), one a line."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 97 == 13:
                f.write(f'{{"id": "broken-{i}", "text": \n')
                continue
            text = (
                f"ЖЫЙЫН №{i} ӨТТҮ\n\nЖЫЙЫН №{i} ӨТТҮ{i % 28 + 1}-мартта Нарында {i} мугалим "
                f"жыйналды.\n\nАлар мектептердин {i % 7 + 2} маселесин талкуулашты."
            )
            f.write(json.dumps({"id": f"a-{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("big")
    path = _big_archive(folder / "big.jsonl", 3000)
    out = folder / "reference.jsonl"
    assert _tag(str(path), "-o", str(out), "--jobs", "2") == 0
    return path, out.read_text(encoding="utf-8").splitlines()


def test_jobs_2_equals_jobs_1(big, tmp_path: Path) -> None:
    path, _ = big
    small = tmp_path / "small.jsonl"
    small.write_text("".join(line + "\n" for line in path.read_text().splitlines()[:400]))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _tag(str(small), "-o", str(one), "--jobs", "1") == 0
    assert _tag(str(small), "-o", str(two), "--jobs", "2", "--chunk-size", "7") == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == 400


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_resume_after_the_process_is_killed(big, tmp_path: Path, kgtext_script: str, sig) -> None:
    path, reference = big
    out = tmp_path / "out.jsonl"
    part, state = part_paths(out)
    proc = subprocess.Popen(
        [kgtext_script, "tag", str(path), "-o", str(out), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            if state.exists() and part.exists() and part.stat().st_size > 40_000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert b"--resume" in err
    else:
        assert proc.returncode == -signal.SIGKILL
        with open(part, "ab") as f:  # a torn last write
            f.write(b'{"id": "a-99999", "sou')
    assert not out.exists()
    done_before = len(part.read_bytes().split(b"\n")) - 1
    assert 0 < done_before < len(reference)
    assert _tag(str(path), "-o", str(out), "--resume") == 0
    assert out.read_text(encoding="utf-8").splitlines() == reference
    assert not part.exists() and not state.exists()


def test_resume_refuses_other_options(big, tmp_path: Path, capsys) -> None:
    path, _ = big
    out = tmp_path / "out.jsonl"
    part, state = part_paths(out)
    part.write_bytes(b"")
    state.write_text(
        json.dumps({"signature": {"other": 1}, "records": 0, "bytes": 0, "counts": {}}),
        encoding="utf-8",
    )
    assert _tag(str(path), "-o", str(out), "--resume") == 2
    assert "other inputs or options" in capsys.readouterr().err


# ------------------------------------------------------ README and summary


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images = 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "img":
            self.images += 1


def test_readme_command_through_the_console_script(tmp_path: Path, kgtext_script: str) -> None:
    archive = ROOT / "examples" / "archive" / "articles.jsonl"
    command = (
        f"{kgtext_script} tag {archive} -o tagged.jsonl && "
        f"{kgtext_script} summarize tagged.jsonl -o report.html"
    )
    done = subprocess.run(
        command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    records = _lines(tmp_path / "tagged.jsonl")
    assert len(records) == 25
    assert sum("error" in r for r in records) == 2
    languages = {r["id"]: r.get("language") for r in records}
    assert (languages["kg-0010"], languages["kg-0011"], languages["kg-0012"]) == ("ru", "kk", "en")
    page = _Page()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    from kgtext.commands.summarize import known_sectors

    for sector in known_sectors():
        assert sector in text
    assert "Sectors over time" in text and "Errors" in text
    assert page.images >= 2
    assert sorted(p.name for p in (tmp_path / "report_files").iterdir()) == [
        "sectors.png",
        "sectors_by_month.png",
    ]


def test_summarize_reads_every_output_format(reference, tmp_path: Path) -> None:
    _, paths, _ = reference
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"t.{fmt}"
        assert _tag(str(paths["jsonl"]), "-o", str(out)) == 0
        assert main(["summarize", str(out), "-o", str(tmp_path / f"{fmt}.html")]) == 0
    pages = {fmt: (tmp_path / f"{fmt}.html").read_text() for fmt in ("jsonl", "csv", "parquet")}
    strip = [p.split("<img")[0] for p in pages.values()]
    assert strip[0] == strip[1] == strip[2]


def test_cli_errors(tmp_path: Path, capsys) -> None:
    assert _tag(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")) == 2
    assert "no such file" in capsys.readouterr().err
    odd = tmp_path / "a.odd"
    odd.write_text("x")
    assert _tag(str(odd), "-o", str(tmp_path / "o.jsonl")) == 2
    assert "--input-format" in capsys.readouterr().err
    assert main(["summarize", str(tmp_path / "missing.jsonl")]) == 2
    ok = tmp_path / "ok.txt"
    ok.write_text("Мектеп ачылды.", encoding="utf-8")
    assert _tag(str(ok), "-o", str(tmp_path / "o.jsonl"), "--max-chars", "0") == 2
    assert "--max-chars must be positive" in capsys.readouterr().err


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("signals and fork")


def test_collector_thresholds_are_restored(nlp) -> None:
    """Tagging in the caller's process raises the garbage collector's thresholds only
    while a chunk is tagged."""
    import gc

    from kgtext.archive.tagger import GC_THRESHOLDS

    before = gc.get_threshold()
    assert before != GC_THRESHOLDS
    records = kgtext.tag_records(["Мектеп ачылды.", "Бакча курулду."], nlp=nlp, chunk_size=1)
    next(records)
    assert gc.get_threshold() == before  # between chunks, the caller's settings
    list(records)
    assert gc.get_threshold() == before


def test_entities_of_a_record(nlp) -> None:
    text = "Жыйын 2025-жылдын 12-мартында Бишкекте өттү. Билим берүү министрлиги билдирди."
    (record,) = kgtext.tag_records([text], nlp=nlp)
    found = {(e["label"], e["text"]): e for e in record["entities"]}
    date = found[("DATE", "2025-жылдын 12-мартында")]
    assert date["value"] == "2025-03-12" and date["canonical"] is None  # no pattern id
    assert found[("LOC", "Бишкекте")]["canonical"] == "Бишкек"
    org = found[("ORG", "Билим берүү министрлиги")]
    assert text[org["start"] : org["end"]] == org["text"]


def test_ctrl_c_is_acted_on_between_chunks() -> None:
    """SIGINT during a run sets a flag checked after each chunk (an interrupt raised
    inside a garbage-collector finalizer would be ignored by Python and lost)."""
    from kgtext.archive.run import _deferred_interrupt

    before = signal.getsignal(signal.SIGINT)
    with _deferred_interrupt() as check:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the handler has run: nothing raised in the middle of a chunk
        with pytest.raises(KeyboardInterrupt):
            check()
    assert signal.getsignal(signal.SIGINT) is before
