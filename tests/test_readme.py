"""Every command and example in the README runs (docs must not drift from the code)."""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [line[2:].strip() for line in README.splitlines() if line.startswith("$ ")]


def test_readme_has_the_two_fresh_machine_commands() -> None:
    assert COMMANDS[0].startswith("pip install -e . && kgtext tag ")
    assert COMMANDS[1] == "bash .ci/run"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "KGTEXT_REQUIRE_SHARED=1" in ci and "pip install" in ci and "pytest" in ci


def test_python_examples() -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(README, {}, "README.md", str(ROOT / "README.md"), 0)
    assert test.examples, "the README shows Python examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "bash .ci/run"])
def test_shell_commands(command: str, tmp_path: Path) -> None:
    # Run where the README's relative paths resolve, writing outputs into tmp_path.
    for name in ("examples", "corpora"):
        (tmp_path / name).symlink_to(ROOT / name)
    for part in command.split("&&"):
        part = part.strip()
        if part.startswith("pip install"):
            # the install step is what .ci/run does before the tests run
            assert shlex.split(part)[:3] == ["pip", "install", "-e"]
            continue
        result = subprocess.run(
            part, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"{part}\n{result.stderr[-2000:]}"
    outputs = re.findall(r"-o (\S+)", command)
    for out in outputs:
        assert (tmp_path / out).exists(), out
