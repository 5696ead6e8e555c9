"""Every gazetteer name is found with its last word in five cases.

The forms come from :func:`kgtext.inflect` on the name's last word. Entries whose
inflection is not defined (inflect raises) are skipped and counted; at least 90 % of
all (entry, case) pairs must be found as one span with the entry's label and id.
"""

from __future__ import annotations

import pytest

from kgtext.entities.matcher import load_gazetteer

CASES = ("nom", "gen", "dat", "loc", "abl")
ENTRIES = [e for e in load_gazetteer() if e.label in ("ORG", "PROGRAMME", "LOC")]
_results: dict[tuple[str, str], bool | None] = {}


def _inflected(name: str, case: str) -> str | None:
    from kgtext import inflect

    head, _, last = name.rpartition(" ")
    try:
        form = inflect(last, case=case)
    except (ValueError, KeyError, IndexError):
        return None
    return f"{head} {form}" if head else form


def _found(nlp, entry, phrase: str) -> bool:
    doc = nlp(f"Кечээ {phrase} тууралуу айтылды.")
    start = len("Кечээ ")
    return any(
        e.start_char == start
        and e.end_char == start + len(phrase)
        and e.label_ == entry.label
        and e.ent_id_ == entry.id
        for e in doc.ents
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_entry_in_five_cases(ents_nlp, entry):
    for case in CASES:
        phrase = _inflected(entry.name, case)
        _results[(entry.id, case)] = None if phrase is None else _found(ents_nlp, entry, phrase)
    # the nominative itself must always be found
    assert _results[(entry.id, "nom")] in (True, None), entry.name


def test_inflected_recall_at_least_90_percent(ents_nlp):
    for entry in ENTRIES:  # in case the parametrized test was deselected
        for case in CASES:
            if (entry.id, case) not in _results:
                phrase = _inflected(entry.name, case)
                _results[(entry.id, case)] = (
                    None if phrase is None else _found(ents_nlp, entry, phrase)
                )
    defined = [v for v in _results.values() if v is not None]
    skipped = len(_results) - len(defined)
    found = sum(defined)
    assert len(defined) >= 0.9 * len(_results), f"{skipped} forms without inflection"
    assert found >= 0.9 * len(defined), f"found {found}/{len(defined)}"
