"""Fixtures for the sector tests: corpora and small models, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUTHORED = ROOT / "corpora" / "sectors" / "authored.jsonl"


@pytest.fixture(scope="session")
def authored():
    from kgtext.corpora import load_passages

    return list(load_passages(AUTHORED))


@pytest.fixture(scope="session")
def small_model(authored):
    """A quick model on 200 authored passages (lemmas + lexicon, 3 folds)."""
    from kgtext.sectors import SECTORS, SectorClassifier

    sample = authored[:200]
    return SectorClassifier(labels=SECTORS, features=("lemmas", "lexicon"), cv=3).fit(
        [p.text for p in sample], [p.labels for p in sample]
    )


@pytest.fixture(scope="session")
def shipped_model():
    from kgtext.sectors.persist import default_model

    return default_model()
