"""Hypothesis: any text goes through without a crash; spans are whole, inside, disjoint."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "«",
    "»",
    " ",
    "-",
    "№5",
    "2025-жылдын",
    "26-мартта",
    "университетинин",
    "Ош",
    "облустарынын",
    "жана",
    "ББИМдин",
    "атындагы",
    "программасы",
    ".",
    "\n",
    "Кыргыз",
    "Республикасында",
]
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_entities_are_sane(ents_nlp, text):
    doc = ents_nlp(text)
    last_end = -1
    for ent in doc.ents:
        assert 0 <= ent.start_char < ent.end_char <= len(text)
        assert text[ent.start_char : ent.end_char] == ent.text
        assert ent.start_char >= last_end
        last_end = ent.end_char
        assert ent.label_ in ("ORG", "PROGRAMME", "LOC", "DATE")
        assert (ent._.value is not None) == (ent.label_ == "DATE") or ent.label_ == "DATE"
        if ent.label_ != "DATE":
            assert ent._.canonical
