"""Fixtures for the entity tests: one pipeline per session and a markup renderer."""

from __future__ import annotations

import pytest

#: The pipes the entity tests need (other components are tested elsewhere).
ENTITY_PIPES = ("sentencizer", "lemmatizer", "entities")


@pytest.fixture(scope="session")
def ents_nlp():
    """kgtext's pipeline up to the entities pipe, built once."""
    import kgtext

    return kgtext.load(ENTITY_PIPES)


def markup(doc) -> str:
    """``[text](LABEL)`` around every entity of *doc*, the rest of the text unchanged."""
    out, pos = [], 0
    for ent in doc.ents:
        out.append(doc.text[pos : ent.start_char])
        out.append(f"[{ent.text}]({ent.label_})")
        pos = ent.end_char
    out.append(doc.text[pos:])
    return "".join(out)


@pytest.fixture(scope="session")
def render(ents_nlp):
    """``render(text)`` -> bracketed markup of kgtext's entities in *text*."""
    return lambda text: markup(ents_nlp(text))
