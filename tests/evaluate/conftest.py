"""Fixtures for this test folder: the shared public corpora, read at run time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("KGTEXT_SHARED", ROOT / ".." / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` seen from the project root (or ``$KGTEXT_SHARED``); skip if absent.

    With ``KGTEXT_REQUIRE_SHARED=1`` a missing folder is a failure, not a skip.
    """
    if not (SHARED / "corpora").is_dir():
        message = f"shared corpora not found at {SHARED.resolve()}"
        if os.environ.get("KGTEXT_REQUIRE_SHARED") == "1":
            pytest.fail(message + " (KGTEXT_REQUIRE_SHARED=1)")
        pytest.skip(message)
    return SHARED.resolve()


@pytest.fixture(scope="session")
def corpora_dir(shared_dir: Path) -> Path:
    """``../shared/corpora``."""
    return shared_dir / "corpora"
