"""Validate the rule data in ``kgtext/data/sector_lexicon.tsv``.

The file is data, not code, so these tests are its type checker: the columns and
header, the label set of the annotation guide, weights in range, a real example per
entry that shows the term inflected, and no duplicates.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import NamedTuple

import pytest

from kgtext._resources import read_data_text, read_tsv
from kgtext.alphabet import KYRGYZ_LETTERS, LETTER_VARIANTS

SECTORS = ("preschool", "school", "out_of_school", "teacher_training", "professional")
VALID_SECTORS = frozenset(SECTORS) | {f"negative:{s}" for s in SECTORS}
KINDS = frozenset({"stem", "lemma", "phrase"})
COLUMNS = ["sector", "term", "kind", "weight", "example"]
MIN_WEIGHT, MAX_WEIGHT = 0.2, 3.0
MIN_TERMS_PER_SECTOR = 40
MIN_NEGATIVES = 25

# A word, hyphenated compounds kept whole (бала-бакча, 9-класстын, ата-энелер).
WORD = re.compile(r"\w+(?:-\w+)*")


class Entry(NamedTuple):
    line: int
    sector: str
    term: str
    kind: str
    weight: str
    example: str


@cache
def read_lexicon() -> tuple[list[str], list[str], list[Entry]]:
    """Return (comment lines, header fields, entries) of the lexicon file."""
    text = read_data_text("sector_lexicon.tsv")
    comments: list[str] = []
    header: list[str] = []
    entries: list[Entry] = []
    for no, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            assert not header, f"line {no}: comment after the header row"
            comments.append(line)
        elif not header:
            header = line.split("\t")
        else:
            fields = line.split("\t")
            assert len(fields) == len(COLUMNS), f"line {no}: {len(fields)} fields: {line!r}"
            entries.append(Entry(no, *fields))
    return comments, header, entries


def entries() -> list[Entry]:
    return read_lexicon()[2]


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def word_forms(text: str) -> set[str]:
    """Every word of ``text``, and every part of a hyphenated word (9-класстын -> класстын)."""
    forms = set()
    for w in words(text):
        forms.add(w)
        forms.update(w.split("-"))
    return forms


def shows_term(entry: Entry) -> bool:
    """Does the example contain the term as a matcher of its kind would find it?"""
    term = entry.term.lower()
    if entry.kind == "phrase":
        parts, ws = term.split(), words(entry.example)
        return any(
            all(ws[i + j].startswith(p) for j, p in enumerate(parts))
            for i in range(len(ws) - len(parts) + 1)
        )
    return any(w.startswith(term) for w in word_forms(entry.example))


def mixes_scripts(word: str) -> bool:
    has_cyrillic = any(ch in KYRGYZ_LETTERS for ch in word)
    has_latin = any("a" <= ch.lower() <= "z" for ch in word)
    return has_cyrillic and has_latin


# --- the file as a whole ----------------------------------------------------------------


def test_header_row_names_the_columns():
    assert read_lexicon()[1] == COLUMNS


def test_the_library_loader_reads_the_same_rows():
    rows = read_tsv("sector_lexicon.tsv")
    assert [tuple(row[c] for c in COLUMNS) for row in rows] == [e[1:] for e in entries()]


def test_comment_block_states_purpose_columns_and_sources():
    block = "\n".join(read_lexicon()[0]).lower()
    assert len(read_lexicon()[0]) >= 5
    for needle in ("sector", "columns:", "kind:", "weight:", "example:", "sources:"):
        assert needle in block, f"header comment does not describe {needle!r}"


@pytest.mark.parametrize("sector", SECTORS)
def test_each_sector_has_enough_terms(sector):
    count = sum(e.sector == sector for e in entries())
    assert count >= MIN_TERMS_PER_SECTOR, f"{sector}: {count} terms"


def test_enough_negative_contexts():
    negatives = [e for e in entries() if e.sector.startswith("negative:")]
    assert len(negatives) >= MIN_NEGATIVES
    # every sector can be cancelled by at least one context
    assert {e.sector for e in negatives} == {f"negative:{s}" for s in SECTORS}


def test_no_duplicate_sector_term():
    counts = Counter((e.sector, e.term.lower()) for e in entries())
    assert [key for key, n in counts.items() if n > 1] == []


# --- every entry ------------------------------------------------------------------------


def failures(check) -> list[str]:
    return [f"line {e.line}: {e.sector} {e.term!r}" for e in entries() if not check(e)]


def test_sectors_are_labels_of_the_guide():
    assert failures(lambda e: e.sector in VALID_SECTORS) == []


def test_kinds_are_known():
    assert failures(lambda e: e.kind in KINDS) == []


def test_phrases_have_several_words_and_stems_one():
    def ok(e: Entry) -> bool:
        n = len(e.term.split(" "))
        return n >= 2 if e.kind == "phrase" else n == 1

    assert failures(ok) == []


def test_weights_are_numbers_in_range():
    def ok(e: Entry) -> bool:
        try:
            weight = float(e.weight)
        except ValueError:
            return False
        return MIN_WEIGHT <= weight <= MAX_WEIGHT

    assert failures(ok) == []


def test_fields_are_trimmed_and_single_spaced():
    def ok(e: Entry) -> bool:
        return all(f and f == f.strip() and "  " not in f for f in e[1:])

    assert failures(ok) == []


def test_terms_are_lower_case_except_acronyms():
    def ok(e: Entry) -> bool:
        return all(w == w.lower() or w.isupper() or w.isascii() for w in e.term.split())

    assert failures(ok) == []


def test_examples_show_the_term_inflected():
    assert failures(shows_term) == []


def test_examples_are_sentences():
    assert failures(lambda e: e.example[0].isupper() or e.example[0] in "«0123456789") == []
    assert failures(lambda e: e.example.rstrip("»")[-1] in ".!?") == []


def test_text_uses_standard_kyrgyz_letters():
    """No ӊ/ɵ variants and no Latin look-alikes inside Cyrillic words: the lexicon is
    matched against normalised text, so it must itself be normalised."""

    def ok(e: Entry) -> bool:
        text = f"{e.term} {e.example}"
        return not any(ch in LETTER_VARIANTS for ch in text) and not any(
            mixes_scripts(w) for w in WORD.findall(text)
        )

    assert failures(ok) == []


# --- the checks themselves --------------------------------------------------------------

SHOW_CASES = [
    (Entry(0, "school", "окуучу", "stem", "1.0", "Окуучулардын саны өстү."), True),
    (Entry(0, "school", "класс", "lemma", "1.0", "9-класстын окуучулары келди."), True),
    (Entry(0, "preschool", "бала бакча", "phrase", "1.0", "Бала бакчасы ачылды."), True),
    (Entry(0, "preschool", "бала бакча", "phrase", "1.0", "Бакчага бала барат."), False),
    (Entry(0, "school", "мектеп", "lemma", "1.0", "Мектебибиз жаңы."), False),
]


@pytest.mark.parametrize(("entry", "expected"), SHOW_CASES)
def test_shows_term(entry, expected):
    assert shows_term(entry) is expected


def test_mixes_scripts():
    assert mixes_scripts("мeктeп")  # Latin e
    assert not mixes_scripts("мектеп")
    assert not mixes_scripts("PhD")
