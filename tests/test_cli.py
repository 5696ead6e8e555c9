"""The CLI in-process (main(argv)) and through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from kgtext import __version__
from kgtext.cli import main

TEXT = "Н.Эсеналиева сүйлөдү. 2025-жылы ЖОЖдор\u00a0ачылды.\n"


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"kgtext {__version__}"


def test_tokenize_file(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["tokenize", str(path)]) == 0
    assert capsys.readouterr().out.split("\n")[:3] == ["Н.", "Эсеналиева", "сүйлөдү"]
    assert main(["tokenize", "--jsonl", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert all(TEXT[t["start"] : t["end"]] == t["text"] for t in record["tokens"])


def test_sentenize_and_normalize(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["sentenize", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Н.Эсеналиева сүйлөдү.",
        "2025-жылы ЖОЖдор ачылды.",
    ]
    assert main(["normalize", "--no-spaces", str(path)]) == 0
    assert "\u00a0" in capsys.readouterr().out


def test_bad_bytes_name_file_and_offset(tmp_path, capsys) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("мектеп".encode() + b"\xff\xfe")
    assert main(["tokenize", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"kgtext: error: {path}: not valid UTF-8 at byte offset 12 (byte 0xff)"
    assert "\n" not in err


def test_missing_file(capsys) -> None:
    assert main(["sentenize", "/no/such/file.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_console_script_reads_stdin() -> None:
    exe = shutil.which("kgtext")
    if exe is None:
        pytest.skip("kgtext is not installed as a console script (pip install -e .)")
    result = subprocess.run(
        [exe, "tokenize", "-"], input="ЖОЖдордо 22,2%га.".encode(), capture_output=True, check=True
    )
    assert result.stdout.decode().split() == ["ЖОЖдордо", "22,2%га", "."]
    bad = subprocess.run([exe, "tokenize", "-"], input=b"\xff", capture_output=True)
    assert bad.returncode == 2 and b"<stdin>" in bad.stderr


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kgtext.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"kgtext {__version__}"
