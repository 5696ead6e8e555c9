"""ISO 8601 values of DATE spans, computed from the span text alone.

The year of the article is never carried over: a day and month without a year give
``--MM-DD``. Ranges give ISO intervals (``2025/2027``, ``--04-10/--04-12``).
Month names come from ``kgtext/data/entity_months.tsv``.

Examples
--------
>>> date_value("2025-жылдын 26-февралында")
'2025-02-26'
>>> date_value("26-мартта"), date_value("2024-жылы"), date_value("26.02.2025")
('--03-26', '2024', '2025-02-26')
>>> date_value("2025–2027-жылдарга"), date_value("10–12-апрелде")
('2025/2027', '--04-10/--04-12')
>>> date_value("2024-жылдын 3-4-июлунда"), date_value("2024-жылдын март-май айларында")
('2024-07-03/2024-07-04', '2024-03/2024-05')
"""

from __future__ import annotations

import functools

import regex

from kgtext._resources import read_tsv

__all__ = ["date_value", "month_stems"]

_NUMERIC = regex.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PIECE = regex.compile(r"\d+|\p{L}+")


@functools.cache
def month_stems() -> tuple[tuple[str, int], ...]:
    """``(stem, month number)`` pairs, longest stem first.

    >>> dict(month_stems())["март"]
    3
    """
    rows = [(row["stem"], int(row["month"])) for row in read_tsv("entity_months.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _month(word: str) -> int | None:
    word = word.lower()
    for stem, number in month_stems():
        if word.startswith(stem):
            return number
    return None


def date_value(text: str) -> str | None:
    """The ISO value of a DATE expression, or ``None`` when it has no number.

    Parameters
    ----------
    text : str
        The span text (``2025-жылдын 26-февралында``).

    Returns
    -------
    str or None
        ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``--MM-DD`` or an interval ``A/B``.
    """
    text = text.strip()
    numeric = _NUMERIC.match(text)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    years: list[int] = []
    days: list[int] = []
    months: list[int] = []
    for piece in _PIECE.findall(text):
        if piece.isdigit():
            (years if len(piece) == 4 else days).append(int(piece))
        else:
            month = _month(piece)
            if month is not None:
                months.append(month)
    if not years and not (days and months):
        return None
    prefix = f"{years[0]:04d}" if len(years) == 1 else "-"
    if not months:
        if len(years) >= 2:
            return f"{years[0]:04d}/{years[-1]:04d}"
        return f"{years[0]:04d}" if years else None
    if days:
        month = months[-1]
        values = [f"{prefix}-{month:02d}-{day:02d}" for day in days[-2:]]
        return "/".join(values)
    if not years:
        return None
    return "/".join(f"{prefix}-{month:02d}" for month in months[-2:])
