"""Clean a scraped news or meeting page: title, date, byline, paragraphs, no boilerplate.

A scraper dump of a Kyrgyz news page looks like this (made up)::

    ЖАҢЫ МЕКТЕП АЧЫЛДЫ

      • 01.09.2025
      • 12

    ЖАҢЫ МЕКТЕП АЧЫЛДЫБүгүн айылда жаңы мектеп ачылды.

    Айша Сейитова, “Айыл Кабар”

    Бөлүшүү

    Комментарийлер

:func:`clean_article` finds the title (the first line, when it stands alone), the
date (a bullet ``• 01.09.2025`` or a line that is only a date, else a date written in
the text), the byline (``Name Surname, “Outlet”``, else an ``Автор: …`` line), drops
page furniture — share and comment labels (with network names and counts), view
counts, "read also" lines, a "related news" label (``Тектеш``, ``Окшош
жаңылыктар:``) with the headlines listed under it, photo captions (``Фото Интернеттен
алынды``), breadcrumbs, tags, copyright lines (:data:`FURNITURE_PATTERNS`) —, cuts
what is left into paragraphs as :func:`kgtext.passages` does (a news dump's lines are
paragraphs), and removes the headline that the scraper glued onto paragraph starts.
Every paragraph keeps its offsets into the **original** text, so
``text[p.start:p.end] == p.text``.

Examples
--------
>>> page = "ЖАҢЫ МЕКТЕП АЧЫЛДЫ\\n\\n  • 01.09.2025\\n  • 12\\n\\n" \\
...        "ЖАҢЫ МЕКТЕП АЧЫЛДЫБүгүн айылда жаңы мектеп ачылды.\\n\\n" \\
...        "Айша Сейитова, “Айыл Кабар”\\n\\nБөлүшүү"
>>> article = clean_article(page)
>>> article.title, article.date, article.byline
('ЖАҢЫ МЕКТЕП АЧЫЛДЫ', '2025-09-01', 'Айша Сейитова, “Айыл Кабар”')
>>> [p.text for p in article.paragraphs]
['Бүгүн айылда жаңы мектеп ачылды.']
>>> p = article.paragraphs[0]
>>> page[p.start:p.end] == p.text
True
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from kgtext.entities.dates import month_stems
from kgtext.sectors.split import paragraphs as layout_paragraphs
from kgtext.segment.tokenize import split_glued_headline

__all__ = [
    "BOILERPLATE_LINES",
    "FURNITURE_PATTERNS",
    "READ_ALSO_PREFIXES",
    "CleanArticle",
    "Paragraph",
    "clean_article",
    "find_date",
]

#: Whole lines that are page furniture, compared case-insensitively without the
#: trailing colon: share and comment labels of Kyrgyz, Russian and English sites.
BOILERPLATE_LINES: frozenset[str] = frozenset(
    {
        "бөлүшүү",
        "бөлүшүңүз",
        "комментарийлер",
        "комментарий",
        "пикирлер",
        "пикир калтыруу",
        "поделиться",
        "комментарии",
        "комментарии (0)",
        "share",
        "comments",
        "print",
        "басып чыгаруу",
        "печать",
    }
)
#: Line prefixes of "read also" links (case-insensitive).
READ_ALSO_PREFIXES: tuple[str, ...] = (
    "окуңуз да",
    "ошондой эле окуңуз",
    "дагы окуңуз",
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "смотрите также",
    "read also",
    "see also",
    "related:",
)

_NETWORKS = (
    r"(?:facebook|fb|whatsapp|telegram|twitter|x|vk|вконтакте|одноклассники|ok|instagram"
    r"|linkedin|e-?mail|почта)"
)
#: Whole lines of page furniture beyond :data:`BOILERPLATE_LINES`, by name (matched
#: case-insensitively on the stripped line); each is dropped.
FURNITURE_PATTERNS: dict[str, regex.Pattern[str]] = {
    # "Бөлүшүү: Facebook WhatsApp Telegram"
    "share": regex.compile(
        r"(?:бөлүшүү|бөлүшүңүз|поделиться|share)\s*:?(?:[\s,|/•·]*" + _NETWORKS + r")+[\s,|/]*",
        regex.IGNORECASE,
    ),
    # "Комментарийлер (0)", "Пикирлер: 3"
    "comments": regex.compile(
        r"(?:комментарийлер|комментарий|комментарии|пикирлер|comments?)\s*:?\s*\(?\d+\)?",
        regex.IGNORECASE,
    ),
    # "Көрүүлөр: 1 523", "Просмотров: 2,3K", "1 523 көрүү"
    "views": regex.compile(
        r"(?:(?:көрүүлөр(?:дүн саны)?|көрүлдү|каралды|окулду|просмотр\p{L}*|views)\s*:?\s*"
        r"\d[\d \u00a0\u202f.,]*[kкКK]?"
        r"|\d[\d \u00a0\u202f.,]*[kкКK]?\s*(?:көрүү\p{L}*|просмотр\p{L}*|views))",
        regex.IGNORECASE,
    ),
    # "© 2024 Кабар. Бардык укуктар корголгон."
    "copyright": regex.compile(r"(?:©|\(c\)|copyright\b).{0,150}", regex.IGNORECASE),
    # "Башкы бет / Коом / Билим"
    "breadcrumbs": regex.compile(
        r"(?:башкы бет|башкы барак|главная|home)\s*[/>»›|].{0,150}", regex.IGNORECASE
    ),
    # "Тегдер: билим, мектеп"
    "tags": regex.compile(r"(?:тегдер|теги|tags)\s*:.{0,200}", regex.IGNORECASE),
    # "Сүрөт: Кабар", "Фото: 24.kg"
    "photo_credit": regex.compile(r"(?:сүрөт|фото|photo)\s*:.{1,80}", regex.IGNORECASE),
    # "Фото Интернеттен алынды", "Фото ... жеке архивинен алынды. <caption>"
    "photo_caption": regex.compile(
        r"(?:сүрөт|фото)\s[^.!?\n]{0,100}?\b(?:алынды|алынган|тарткан|тартылган)\b.{0,150}",
        regex.IGNORECASE,
    ),
}
#: A line naming the author: "Автор: Айгүл Токтосунова".
_AUTHOR_LINE = regex.compile(
    r"(?:автор|авторы|author|текст)\s*:\s*(?P<author>\p{Lu}[\p{L}.'’ -]{1,60}?)\s*",
    regex.IGNORECASE,
)
#: A label above links to other articles ("Тектеш", "Окшош жаңылыктар:"); the
#: headline lines after it (short, no full stop) go with it.
_RELATED_LABEL = regex.compile(
    r"(?:тектеш|(?:окшош|тектеш|башка|акыркы|эң акыркы|популярдуу|көп окулган|эң көп окулган)"
    r"\s+(?:жаңылыктар|макалалар|материалдар)"
    r"|похожие (?:новости|материалы)|другие новости|последние новости|читайте также"
    r"|related (?:news|articles|posts)|more news)\s*:?",
    regex.IGNORECASE,
)
_SENTENCE_END = regex.compile(r"[.!?…][»\"”’)\]]*$")
_DATE_WORDS = regex.compile(r"\p{L}+")

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_BULLET = regex.compile(r"^[ \t\u00a0]*[•·▪●◦‣][ \t\u00a0]*(?P<body>.*?)[ \t\u00a0]*$")
_VIEWS = regex.compile(r"^\d[\d \u00a0\u202f.,]*[kKкК]?$")
_DOTTED_DATE = regex.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)")
_ISO_DATE = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")


@functools.cache
def _months() -> dict[str, int]:
    """Month stems (``data/entity_months.tsv``, shared with DATE entities), plus the
    Russian genitive ``мая`` that Russian dates use (``12 мая 2025``)."""
    return {**dict(month_stems()), "мая": 5}


@functools.cache
def _named_month_dates() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """``2025-жылдын 12-апрелинде`` (Kyrgyz) and ``12 апреля 2025`` (Russian)."""
    alt = "|".join(sorted(_months(), key=len, reverse=True))
    kyrgyz = regex.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)[-‑–]?\s*(?:жыл\p{L}*)\s+(?P<d>\d{1,2})[-‑–](?P<m>"
        + alt
        + r")\p{L}*",
        regex.IGNORECASE,
    )
    russian = regex.compile(
        r"(?<!\d)(?P<d>\d{1,2})\s+(?P<m>" + alt + r")\p{L}*\s+(?P<y>(?:19|20)\d\d)(?!\d)",
        regex.IGNORECASE,
    )
    return kyrgyz, russian


_BYLINE = regex.compile(
    r"^(?P<author>\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,3})\s*[,—–-]\s*"
    r"(?P<source>[“«\"„]?[^\s,].{0,60}?[”»\"“]?)\s*$"
)
_QUOTED = regex.compile(r"^[“«\"„].+[”»\"“]$")


class Paragraph(NamedTuple):
    """A paragraph of a cleaned article: its text and span in the original text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanArticle:
    """What :func:`clean_article` found in a page.

    Attributes
    ----------
    text : str
        The original text; every offset points into it.
    title : str or None
        The headline (``None`` when the page has none).
    date : str or None
        ISO ``YYYY-MM-DD`` from a date bullet, else from the text.
    byline : str or None
        The author-and-outlet line as written (``Кабыл Макешов, “Кут Билим”``).
    author, source : str or None
        The two halves of the byline, the outlet without its quotes.
    paragraphs : tuple of Paragraph
        The body, boilerplate and glued headlines removed.
    dropped : tuple of Paragraph
        Lines that were removed as boilerplate (for inspection).
    """

    text: str
    title: str | None = None
    date: str | None = None
    byline: str | None = None
    author: str | None = None
    source: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    dropped: tuple[Paragraph, ...] = field(default=(), repr=False)
    title_span: tuple[int, int] | None = None

    @property
    def body(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


def _iso(year: str, month: int | str, day: str) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first date written in *text*, as ISO ``YYYY-MM-DD``, or ``None``.

    Understands ``26.02.2025``, ``2025-02-26``, ``2025-жылдын 12-апрелинде`` and
    ``12 апреля 2025``.

    >>> find_date("Жыйын 2025-жылдын 12-апрелинде өттү.")
    '2025-04-12'
    >>> find_date("• 26.02.2025"), find_date("2025-жылы")
    ('2025-02-26', None)
    """
    best: tuple[int, str] | None = None
    for pattern in (_DOTTED_DATE, _ISO_DATE, *_named_month_dates()):
        for m in pattern.finditer(text):
            month = m["m"]
            iso = _iso(m["y"], month if month.isdigit() else _months()[month.lower()], m["d"])
            if iso is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), iso)
                break
    return best[1] if best else None


# --------------------------------------------------------------------- lines


class _Line(NamedTuple):
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # stripped


def _lines(text: str) -> Iterator[_Line | None]:
    """Stripped lines with offsets; ``None`` for a blank line."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        if not stripped:
            yield None
        else:
            lead = len(raw) - len(raw.lstrip())
            yield _Line(pos + lead, pos + lead + len(stripped), stripped)
        pos = stop + 1


def _blocks(text: str) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in _lines(text):
        if line is None:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _is_boilerplate(line: str) -> bool:
    low = line.casefold().rstrip(":").strip()
    if low in BOILERPLATE_LINES:
        return True
    return any(low.startswith(p) for p in READ_ALSO_PREFIXES)


def _furniture(line: str) -> bool:
    return any(p.fullmatch(line) is not None for p in FURNITURE_PATTERNS.values())


def _date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date, with or without a time
    (``12.03.2024, 14:35``, ``2024-жылдын 12-марты``), else ``None``."""
    if len(line) > 40:
        return None
    date = find_date(line)
    if date is None:
        return None
    months = _months()
    for word in _DATE_WORDS.findall(line.casefold()):
        if word.startswith("жыл") or word in ("ж", "г", "саат"):
            continue
        if not any(word.startswith(stem) for stem in months):
            return None
    return date


def _looks_like_title(block: list[_Line], n_blocks: int) -> bool:
    if len(block) != 1 or n_blocks < 2:
        return False
    line = block[0].text
    if len(line) > 250 or _BULLET.match(line):
        return False
    return not line.endswith((".", "!", "?", "…", ":", ";", ",")) or line.isupper()


def _match_prefix(text: str, start: int, end: int, head: str) -> int | None:
    """End offset in *text* of *head* written at ``text[start:]`` (whitespace and case
    differences allowed), or None."""
    i = start
    for ch in head:
        if ch.isspace():
            while i < end and text[i].isspace():
                i += 1
            continue
        while i < end and text[i].isspace() and text[i] != ch:
            i += 1
        if i >= end or text[i].casefold() != ch.casefold():
            return None
        i += 1
    return i


def _strip_head(text: str, start: int, end: int, title: str | None) -> int:
    """New start of a paragraph after removing a glued (or repeated) headline."""
    if title:
        cut = _match_prefix(text, start, end, title)
        if cut is not None and cut < end:
            while cut < end and text[cut].isspace():
                cut += 1
            return cut if cut < end else start
    return start


def _common_caps_head(paragraphs: Sequence[tuple[int, int]], text: str) -> str | None:
    """An all-caps headline glued onto the start of two or more paragraphs."""
    heads: dict[str, int] = {}
    for start, end in paragraphs:
        first = text[start : min(end, start + 400)]
        words = first.split()
        if not words:
            continue
        # find the first word that the tokenizer splits as a glued headline
        pos = 0
        for word in words:
            idx = first.find(word, pos)
            cut = split_glued_headline(word)
            if cut is not None:
                head = first[: idx + cut]
                if sum(c.isalpha() for c in head) >= 8:
                    heads[head] = heads.get(head, 0) + 1
                break
            if not any(c.isalpha() for c in word) or word != word.upper():
                break
            pos = idx + len(word)
    if not heads:
        return None
    return max(heads.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def clean_article(text: str, *, title: str | None = None) -> CleanArticle:
    """Clean a scraped news/meeting page.

    Parameters
    ----------
    text : str
        The page text as scraped (``\\n`` or ``\\r\\n`` line ends).
    title : str, optional
        The headline when it is known from elsewhere (a CSV ``title`` column); it
        is then removed where the scraper glued it onto paragraphs, and not looked
        for in the first line unless the first line repeats it.

    Returns
    -------
    CleanArticle
        Paragraph offsets point into *text*.

    Examples
    --------
    >>> a = clean_article("Жыйын өттү\\n\\nЖыйында мугалимдер сөз алды.\\n\\nОкуңуз да: Башка")
    >>> a.title, [p.text for p in a.paragraphs]
    ('Жыйын өттү', ['Жыйында мугалимдер сөз алды.'])
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_article() takes a str, not {type(text).__name__}")
    blocks = _blocks(text)
    dropped: list[Paragraph] = []
    bullet_date: str | None = None
    title_span: tuple[int, int] | None = None

    # 1. date and view-count bullets and lines, share/comment labels, read-also lines
    # and related-article lists, author lines and other page furniture
    kept: list[list[_Line]] = []
    line_author: tuple[str, str] | None = None  # (line, name) of an "Автор: …" line
    for block in blocks:
        run: list[_Line] = []
        related = False  # inside the headline list after a "related news" label
        for line in block:
            m = _BULLET.match(line.text)
            drop = True
            if m is not None:
                body = m["body"]
                date = find_date(body) if len(body) <= 40 else None
                if date is not None:
                    bullet_date = bullet_date or date
                else:
                    drop = not body or _VIEWS.match(body) is not None
            elif _is_boilerplate(line.text) or _furniture(line.text):
                pass
            elif _RELATED_LABEL.fullmatch(line.text) is not None:
                related = True
            elif (date := _date_line(line.text)) is not None:
                bullet_date = bullet_date or date
            elif (author := _AUTHOR_LINE.fullmatch(line.text)) is not None:
                line_author = line_author or (line.text, author["author"].strip())
            elif related and len(line.text) <= 150 and _SENTENCE_END.search(line.text) is None:
                pass  # a headline in the related-articles list
            else:
                drop = related = False
            if drop:
                dropped.append(Paragraph(line.text, line.start, line.end))
                if run:
                    kept.append(run)
                    run = []
            else:
                run.append(line)
        if run:
            kept.append(run)

    # 2. the title: a lone first line, or the given title repeated as the first line
    if kept:
        first = kept[0]
        if title is not None:
            if (
                len(first) == 1
                and _match_prefix(text, first[0].start, first[0].end, title) == first[0].end
            ):
                title_span = (first[0].start, first[0].end)
                kept = kept[1:]
        elif _looks_like_title(first, len(kept)):
            title = first[0].text
            title_span = (first[0].start, first[0].end)
            kept = kept[1:]

    # 3. the byline: a short "Name Surname, “Outlet”" line after the body
    byline = author = source = None
    for i in range(len(kept) - 1, -1, -1):
        block = kept[i]
        if len(block) != 1 or len(block[0].text) > 90:
            continue
        m = _BYLINE.match(block[0].text)
        if m is not None and (_QUOTED.match(m["source"]) or len(m["source"].split()) <= 3):
            if i == 0:
                break
            byline = block[0].text
            author = m["author"]
            source = m["source"].strip('“”«»"„')
            dropped.append(Paragraph(block[0].text, block[0].start, block[0].end))
            kept = kept[:i] + kept[i + 1 :]
            break
        if i < len(kept) - 3:
            break

    if byline is None and line_author is not None:
        byline, author = line_author

    # 4. paragraphs (a block is cut where kgtext.passages cuts: at every line of text
    # that is not hard-wrapped, around capitals headlines and list items), a glued
    # headline removed from each
    spans = []
    for block in kept:
        start = block[0].start
        spans.extend(
            (start + p.start, start + p.end) for p in layout_paragraphs(text[start : block[-1].end])
        )
    head = title
    if head is None:
        head = _common_caps_head(spans, text)
        if head is not None:
            # the headline the scraper glued onto the paragraphs is the title, and
            # where it also stands alone on the first line, that line is
            title = head.strip()
            if spans and text[spans[0][0] : spans[0][1]] == title:
                title_span = spans[0]
                spans = spans[1:]
    paragraphs: list[Paragraph] = []
    for start, end in spans:
        new_start = _strip_head(text, start, end, head)
        paragraphs.append(Paragraph(text[new_start:end], new_start, end))

    date = bullet_date or find_date("\n".join(p.text for p in paragraphs[:50]))
    return CleanArticle(
        text=text,
        title=title,
        date=date,
        byline=byline,
        author=author,
        source=source,
        paragraphs=tuple(paragraphs),
        dropped=tuple(sorted(dropped, key=lambda p: p.start)),
        title_span=title_span,
    )
