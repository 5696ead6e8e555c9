"""Hypothesis properties of the tokeniser, the sentence splitter and the normaliser."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgtext import normalize, normalize_with_offsets
from kgtext.segment import explain, sentenize, tokenize
from kgtext.segment.tokenize import INVISIBLE_SPACE, _master, ud_tokens

_INVISIBLE = str.maketrans("", "", INVISIBLE_SPACE)

# Text that looks like Kyrgyz news: letters of both scripts, look-alikes, digits,
# the punctuation and spaces the rules care about.
KYRGYZISH = st.text(
    alphabet=st.sampled_from(
        list("абвгдежзийклмнңоөпрстуүфхцчшщыэюяАБЖКМНОӨТҮЭЮЯЖОЖ")
        + list("acepoxyABCEHKMOPTXöüӊҥѳɵұ")
        + list("0123456789")
        + list(" .,;:!?-—–«»“”\"'()%№/@#…\n\u00a0\u200b\u00ad")
    ),
    max_size=200,
)
ANY_TEXT = st.text(max_size=300)  # includes surrogates and every plane


def _check_tokens(text: str, tokens) -> None:
    pos = 0
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.start >= pos and t.end > t.start
        assert _blank(text[pos : t.start]), "only whitespace between tokens"
        pos = t.end
    assert _blank(text[pos:])


def _blank(gap: str) -> bool:
    return gap.translate(_INVISIBLE).strip() == ""


@given(st.one_of(KYRGYZISH, ANY_TEXT))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_tokens_cover_the_text(text: str) -> None:
    _check_tokens(text, tokenize(text))
    _check_tokens(text, ud_tokens(text))


@given(st.one_of(KYRGYZISH, ANY_TEXT))
@settings(max_examples=300)
def test_sentences_cover_the_tokens(text: str) -> None:
    sents = sentenize(text)
    _check_tokens(text, sents)
    starts = {t.start for t in tokenize(text)}
    ends = {t.end for t in tokenize(text)}
    for s in sents:
        assert s.start in starts and s.end in ends


@given(KYRGYZISH)
@settings(max_examples=300)
def test_fast_paths_change_nothing(text: str) -> None:
    slow = [(m.group(), m.start(), m.end()) for m in _master(fast=False).finditer(text)]
    fast = [(m.group(), m.start(), m.end()) for m in _master(fast=True).finditer(text)]
    assert fast == slow


@given(st.one_of(KYRGYZISH, ANY_TEXT))
@settings(max_examples=400)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.one_of(KYRGYZISH, ANY_TEXT))
@settings(max_examples=300)
def test_normalize_offsets_point_into_the_original(text: str) -> None:
    n = normalize_with_offsets(text)
    assert n.text == normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    for i in range(len(n.text)):
        assert 0 <= n.starts[i] < n.ends[i] <= len(text)
        if i:
            assert n.starts[i] >= n.starts[i - 1]
    for t in tokenize(n.text):
        a, b = n.to_original(t.start, t.end)
        assert 0 <= a < b <= len(text)


@given(
    st.one_of(KYRGYZISH, ANY_TEXT),
    st.sets(
        st.sampled_from(
            ["invisible", "nfc", "spaces", "letters", "lookalikes", "punctuation", "whitespace"]
        )
    ),
)
@settings(max_examples=200)
def test_every_step_combination_never_raises(text: str, off: set[str]) -> None:
    result = normalize(text, **{step: False for step in off})
    assert isinstance(result, str)


@given(st.one_of(KYRGYZISH, ANY_TEXT))
@settings(max_examples=150)
def test_explain_never_raises(text: str) -> None:
    for d in explain(text):
        assert 0 <= d.offset <= len(text)
        assert d.verdict in {"split", "join"}


def test_huge_inputs_of_one_character() -> None:
    for char in ("а", ".", " ", "-", "\n", "\u200b", "5", "Ж", "\ud800"):
        text = char * 1_000_000
        tokens = tokenize(text)
        _check_tokens(text, tokens)
        assert normalize(normalize(text)) == normalize(text)
        sentenize(text[:200_000])
