"""Batch tagging of article archives: cleaning scraped pages, language id, ``kgtext tag``.

Examples
--------
>>> from kgtext.archive import clean_article, detect_language
>>> detect_language("Мектепте сабак башталды")
'ky'
>>> clean_article("Башкы сөз\\n\\nБүгүн сабак башталды.").title
'Башкы сөз'
"""

from kgtext.archive.clean import CleanArticle, Paragraph, clean_article, find_date
from kgtext.archive.langid import LANGUAGES, detect_language
from kgtext.archive.records import iter_raw, read_tagged
from kgtext.archive.tagger import ArchiveTagger, TagOptions, tag_records

__all__ = [
    "LANGUAGES",
    "ArchiveTagger",
    "CleanArticle",
    "Paragraph",
    "TagOptions",
    "clean_article",
    "detect_language",
    "find_date",
    "iter_raw",
    "read_tagged",
    "tag_records",
]
