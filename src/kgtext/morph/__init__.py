"""Kyrgyz morphology: suffix analyser, lemmatiser and noun inflection.

The core of kgtext: no spaCy, no scikit-learn. Suffixes are data
(``kgtext/data/morph_suffixes.tsv``), realised by vowel harmony and assimilation.

Examples
--------
>>> from kgtext.morph import analyze, inflect, lemmatize
>>> lemmatize("мектептерибизде")
'мектеп'
>>> inflect("ЖОЖ", number="pl", case="loc")
'ЖОЖдордо'
>>> analyze("колледжге")[0].feats
{'Case': 'Dat'}
"""

from kgtext.morph.analyzer import Analysis, Analyzer
from kgtext.morph.api import (
    Reading,
    analyze,
    best_analysis,
    best_reading,
    default_analyzer,
    inflect,
    lemmatize,
    lemmatize_tokens,
    spacy_morph,
)

__all__ = [
    "Analysis",
    "Analyzer",
    "Reading",
    "analyze",
    "best_analysis",
    "best_reading",
    "default_analyzer",
    "inflect",
    "lemmatize",
    "lemmatize_tokens",
    "spacy_morph",
]
