"""The numpy-only CompiledModel predicts what the scikit-learn SectorClassifier does."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgtext.sectors.persist import load_compiled, load_model, save_model

HARD = [
    "",
    "   ",
    "2025-жылы 26-мартта",
    "Бала бакчаларда орун жетишпейт, кезекте 500 бала турат.",
    "Мектеп шайлоо участкасы болот.",
    "Бизнес-мектепте ишкерлер окуду.",
    "Мугалимдердин квалификациясын жогорулатуу курстары башталды.",
    "ЖОЖдордо студенттер стипендия алышат; колледждерде да.",
]


def test_shipped_model_compiled_equals_sklearn(authored):
    texts = [p.text for p in authored] + HARD
    compiled, reference = load_compiled(), load_model()
    got, want = compiled.predict_proba(texts), reference.predict_proba(texts)
    assert got.shape == (len(texts), len(reference.classes_))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    assert compiled.predict(texts) == reference.predict(texts)
    assert compiled.classes_.tolist() == reference.classes_.tolist()


def test_a_model_with_char_ngrams_only(tmp_path, authored):
    from kgtext.sectors import SECTORS, SectorClassifier

    sample = authored[:150]
    clf = SectorClassifier(labels=SECTORS, features=("chars",), cv=2).fit(
        [p.text for p in sample], [p.labels for p in sample]
    )
    save_model(clf, tmp_path / "m")
    texts = [p.text for p in authored[150:250]] + HARD
    np.testing.assert_allclose(
        load_compiled(tmp_path / "m").predict_proba(texts), clf.predict_proba(texts), atol=1e-12
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_arbitrary_text_agrees_and_never_raises(texts):
    got = load_compiled().predict_proba(texts)
    assert got.shape == (len(texts), 5)
    assert np.all((got >= 0) & (got <= 1))
    np.testing.assert_allclose(got, load_model().predict_proba(texts), atol=1e-12)


def test_no_texts_no_rows():
    assert load_compiled().predict_proba([]).shape == (0, 5)


def test_one_string_is_refused():
    with pytest.raises(TypeError, match="one string"):
        load_compiled().predict_proba("Мектеп")


def test_loading_and_predicting_never_imports_sklearn_or_scipy():
    code = (
        "import sys; from kgtext.sectors.persist import load_compiled; "
        "print('preschool' in load_compiled().predict(['Бала бакчада орун жок.'])[0]); "
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["True", "[]"]


def _flagged_doc(text, with_tokens=False):
    """A doc of *text* flagged as normalised, as the batch tagger makes it (with the
    tokens it was made from when *with_tokens*, else read from the doc)."""
    import kgtext
    from kgtext.sectors.component import NORMALIZED_KEY, TOKENS_KEY

    nlp = _BARE or kgtext.load(components=[])
    doc, tokens = nlp.tokenizer.make_with_tokens(text)
    doc.user_data[NORMALIZED_KEY] = True
    if with_tokens:
        doc.user_data[TOKENS_KEY] = tokens
    return doc


_BARE = None


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Мектепбакча ЖОЖдор-–—9.,«»\n\u00a0\u200bкласстын"))
        | st.characters(blacklist_categories=("Cs",)),  # spaCy cannot hold surrogates
        max_size=80,
    )
)
def test_words_from_a_normalised_doc_are_those_of_the_text(text):
    """The batch tagger's shortcut (words from the doc's tokens) sees what
    normalising and tokenising the text again would."""
    from kgtext import normalize
    from kgtext.sectors.component import doc_analysis
    from kgtext.sectors.lexicon import analysed

    norm = normalize(text)
    assert doc_analysis(_flagged_doc(norm)) == analysed(norm)
    assert doc_analysis(_flagged_doc(norm, with_tokens=True)) == analysed(norm)


def test_words_from_a_normalised_doc_on_real_passages(authored):
    from kgtext import normalize
    from kgtext.sectors.component import doc_analysis
    from kgtext.sectors.lexicon import analysed

    for p in authored[:300]:
        norm = normalize(p.text)
        assert doc_analysis(_flagged_doc(norm)) == analysed(norm)
        assert doc_analysis(_flagged_doc(norm, with_tokens=True)) == analysed(norm)
