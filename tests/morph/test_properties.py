"""Hypothesis: the analyser never raises and its lemmas are tied to the word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kgtext.alphabet import KYRGYZ_LOWER, to_cyrillic
from kgtext.morph import analyze
from kgtext.morph.data import closed_forms, stem_variants

_ALTERNATION = str.maketrans({"г": "к", "б": "п"})


def _related(word: str, lemma: str) -> bool:
    w, m = to_cyrillic(word).lower(), to_cyrillic(lemma).lower()
    if w.startswith(m):
        return True
    if any(w.startswith(v.bound) and m == v.lemma for v in stem_variants()):
        return True
    if any(w == f.form and m == f.lemma for f in closed_forms()):
        return True
    # a stem-final letter changed: к→г, п→б, й+у→ю, a vowel merged into a long vowel
    return len(m) >= 2 and w.startswith(m[:-1])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_never_raises_on_any_text(text: str) -> None:
    result = analyze(text)
    assert result


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KYRGYZ_LOWER + KYRGYZ_LOWER.upper()[:10] + "-", min_size=1, max_size=18))
def test_lemma_is_prefix_or_alternation(word: str) -> None:
    for analysis in analyze(word)[:3]:
        assert analysis.lemma
        assert _related(word, analysis.lemma), (word, analysis)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=KYRGYZ_LOWER + KYRGYZ_LOWER.upper()[:12] + "-0129aceo", max_size=16)
    | st.text(max_size=12)
)
def test_best_only_search_finds_the_best_analysis(word: str) -> None:
    """``lemmatize`` may answer from a word's full analysis when it has one, so the
    best-only search must give the lemma of the best full analysis."""
    from kgtext.morph.api import default_analyzer

    analyzer = default_analyzer()
    assert analyzer.lemma(word) == analyzer.analyze(word)[0].lemma


def test_lemmatize_reuses_a_recent_full_analysis() -> None:
    from kgtext.morph import api

    word = "мугалимдерибиздин"
    api.lemmatize.cache_clear()
    api._RECENT.clear()
    assert api.analyze(word)[0].lemma == "мугалим"
    assert word in api._RECENT
    assert api.lemmatize(word) == "мугалим"


def _pos_share(analyses) -> float:
    best = analyses[0]
    return round(min(1.0, sum(a.confidence for a in analyses if a.pos == best.pos)), 4)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=KYRGYZ_LOWER + KYRGYZ_LOWER.upper()[:12] + "-0129aceo", max_size=16)
    | st.text(max_size=12)
)
def test_top_is_the_first_analysis_with_its_pos_share(word: str) -> None:
    """``Analyzer.top`` (what the lemmatizer and the entity features ask for) builds
    only the best analysis: the same one, features and confidence included."""
    from kgtext.morph.api import default_analyzer

    analyzer = default_analyzer()
    full = analyzer.analyze(word)
    best, share = analyzer.top(word)
    assert (best, best.feats, best.confidence) == (full[0], full[0].feats, full[0].confidence)
    assert share == _pos_share(full)


def test_best_reading_is_the_same_from_a_full_or_a_best_only_analysis() -> None:
    from kgtext.morph import api

    for word in ("мектептерибизде", "Бишкектеги", "окуйт", "ЖОЖдордо", "2025-жылы", "«"):
        api._RECENT.clear()
        api._RECENT_TOP.clear()
        api.best_reading.cache_clear()
        alone = api.best_reading(word)
        api._RECENT_TOP.clear()
        api.best_reading.cache_clear()
        api.analyze(word)  # now the full analyses are at hand
        assert api.best_reading(word) == alone
        assert api.best_analysis(word) == api.analyze(word)[0]
        assert alone.pos_confidence == _pos_share(api.analyze(word))
