"""Shared fixtures: where ``../shared`` is, and the rule for tests that need it.

Tests that read the public corpora or the seed article in ``../shared`` (seen from
the project root) skip with a reason when it is absent, except when the environment
sets ``KGTEXT_REQUIRE_SHARED=1`` (as ``.ci/run`` does): then a missing file fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KGTEXT_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path of a file under ``../shared``; skip (or fail when required) if missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found (the shared corpora are not on this machine)"
        if os.environ.get("KGTEXT_REQUIRE_SHARED") == "1":
            pytest.fail(message + "; KGTEXT_REQUIRE_SHARED=1 makes this a failure")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (or ``$KGTEXT_SHARED``): skip, or fail when required, if absent."""
    return shared_path("corpora").parent


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """``../shared/corpora``."""
    return shared_path("corpora")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article the project started from (read at run time, never copied)."""
    folder = shared_path("seed")
    files = sorted(folder.glob("*.txt"))
    if not files:
        shared_path("seed", "*.txt")
    return files[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def ktmu_path() -> Path:
    return shared_path("corpora", "ud-kyrgyz-ktmu", "ky_ktmu-ud-train.conllu")


@pytest.fixture(scope="session")
def tuecl_path() -> Path:
    return shared_path("corpora", "ud-kyrgyz-tuecl", "ky_tuecl-ud-test.conllu")


@pytest.fixture(scope="session")
def nlp():
    """The default kgtext pipeline, built once per test session."""
    import kgtext

    return kgtext.load()
