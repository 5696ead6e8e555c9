"""Fixtures for the morphology tests: the shared corpora folder, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project root; skip (or fail if required) when absent."""
    if not SHARED.is_dir():
        if os.environ.get("KGTEXT_REQUIRE_SHARED") == "1":
            pytest.fail(f"KGTEXT_REQUIRE_SHARED=1 but {SHARED} is missing")
        pytest.skip(f"shared corpora not found at {SHARED}")
    return SHARED
