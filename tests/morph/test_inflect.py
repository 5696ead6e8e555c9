"""Noun generation and analyse(inflect(x)) round trips."""

from __future__ import annotations

import itertools

import pytest

from kgtext.morph import analyze, inflect
from kgtext.morph.api import CASES, POSSESSIVES

INFLECT_CASES = [
    (("ЖОЖ",), {"number": "pl", "case": "loc"}, "ЖОЖдордо"),
    (("министрлик",), {"possessive": "3", "case": "gen"}, "министрлигинин"),
    (("Бишкек",), {"case": "loc"}, "Бишкекте"),
    (("мектеп",), {"number": "pl", "case": "dat"}, "мектептерге"),
    (("китеп",), {"possessive": "1sg", "case": "acc"}, "китебимди"),
    (("бала",), {"possessive": "3", "case": "dat"}, "баласына"),
    (("бала",), {"number": "pl"}, "балдар"),
    (("үй",), {"possessive": "1sg", "case": "dat"}, "үйүмө"),
    (("колледж",), {"case": "dat"}, "колледжге"),
    (("жол",), {"case": "gen"}, "жолдун"),
    (("тоо",), {"number": "pl", "case": "abl"}, "тоолордон"),
    (("мугалим",), {"possessive": "1pl"}, "мугалимибиз"),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), INFLECT_CASES)
def test_inflect(args, kwargs, expected) -> None:
    assert inflect(*args, **kwargs) == expected


ROUND_TRIP_LEMMAS = [
    "мектеп",
    "бала",
    "окуучу",
    "мугалим",
    "министрлик",
    "университет",
    "колледж",
    "программа",
    "долбоор",
    "кеңеш",
    "фонд",
    "билим",
    "үй",
    "жол",
    "тоо",
    "өлкө",
    "шаар",
    "китеп",
    "сабак",
    "Бишкек",
    "ЖОЖ",
]


@pytest.mark.parametrize("lemma", ROUND_TRIP_LEMMAS)
def test_round_trip(lemma: str) -> None:
    failures = []
    for case, number, poss in itertools.product(CASES, ("sg", "pl"), (None, *POSSESSIVES)):
        form = inflect(lemma, case=case, number=number, possessive=poss)
        if lemma not in [a.lemma for a in analyze(form)]:
            failures.append(form)
    assert not failures


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        inflect("мектеп", case="ins")
    with pytest.raises(ValueError):
        inflect("мектеп", number="du")
    with pytest.raises(ValueError):
        inflect("мектеп", possessive="4")
