"""Fixtures for the archive tests: small archives written here, in every format."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Articles written for these tests (made-up events; no text from a corpus or a site).
ARTICLES = [
    {
        "id": "t-1",
        "date": "2025-03-14",
        "text": (
            "ЖАҢЫ БАЛА БАКЧА АЧЫЛДЫ\n\n  • 14.03.2025\n  • 57\n\n"
            "ЖАҢЫ БАЛА БАКЧА АЧЫЛДЫ13-мартта Токмокто жаңы бала бакча ачылды. "
            "Бакча 90 балага ылайыкталган.\n\n"
            "ЖАҢЫ БАЛА БАКЧА АЧЫЛДЫАр бир топто эки тарбиячы иштейт.\n\n"
            "Айгүл Токтосунова, “Токмок Кабар”\n\nБөлүшүү\n\nКомментарийлер\n\n"
            "Окуңуз да: Башка бир жаңылык"
        ),
    },
    {
        "id": "t-2",
        "date": "2025-04-02",
        "text": (
            "Мектептерде жаңы окуу жылы башталат\n\n"
            "Билим берүү жана илим министрлиги мектептердеги окуу планын жаңыртты.\n\n"
            "Мугалимдер жайкы курстардан өтүшөт."
        ),
    },
    {
        "id": "t-3",
        "text": "В Бишкеке открылся новый детский сад. Он рассчитан на сто детей.",
    },
    {"id": "t-4", "date": "2025-05-01", "text": ""},
    {"id": "t-5", "date": "2025-05-02", "text": None},
    {
        "id": "t-6",
        "date": "2025-05-20",
        "text": (
            "Кесиптик лицейде\r\nдуалдык окутуу башталды.\r\n\r\nЛицейге 200 окуучу кабыл алынды."
        ),
    },
]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A JSONL archive of :data:`ARTICLES`."""
    path = tmp_path / "articles.jsonl"
    path.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="session")
def kgtext_script() -> str:
    """The installed ``kgtext`` console script."""
    candidate = Path(sys.executable).with_name("kgtext")
    found = str(candidate) if candidate.exists() else shutil.which("kgtext")
    if not found:
        pytest.skip("the kgtext console script is not installed")
    return found
