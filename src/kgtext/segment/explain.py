"""Say which rule made each segmentation decision.

Examples
--------
>>> for d in explain("ЖОЖдор т.б. УЛАНУУДА26-мартта"):
...     print(d)
Decision(offset=8, level='token', verdict='join', rule='abbreviation')
Decision(offset=9, level='token', verdict='join', rule='abbreviation')
Decision(offset=10, level='token', verdict='join', rule='abbreviation')
Decision(offset=11, level='sentence', verdict='split', rule='abbreviation')
Decision(offset=20, level='token', verdict='split', rule='number')
Decision(offset=20, level='sentence', verdict='split', rule='glued_headline')
Decision(offset=22, level='token', verdict='join', rule='number')
Decision(offset=23, level='token', verdict='join', rule='number')
"""

from __future__ import annotations

from typing import NamedTuple

from kgtext.segment.sentenize import sentence_decisions
from kgtext.segment.tokenize import Token, tokenize_with_rules

__all__ = ["Decision", "explain"]


class Decision(NamedTuple):
    """One decision: at ``offset``, a token or sentence boundary was made or refused."""

    offset: int
    level: str  # "token" or "sentence"
    verdict: str  # "split" or "join"
    rule: str


def _kind(char: str) -> str:
    if char.isalpha():
        return "L"
    if char.isdigit():
        return "D"
    return "P" + char  # every punctuation character is its own class


def explain(text: str) -> list[Decision]:
    """Every place where a naive splitter would hesitate, with kgtext's verdict and rule.

    At the token level: each offset inside a run of non-space characters where the
    kind of character changes (letter, digit, each punctuation mark) is either
    split (a token boundary, with the rule that made the token to the right) or
    joined (inside a token, with the rule that made the token). At the sentence
    level: every candidate sentence boundary, with the rule that decided it.
    """
    pairs = tokenize_with_rules(text)
    out: list[Decision] = []
    prev: Token | None = None
    for tok, rule in pairs:
        if prev is not None and prev.end == tok.start:
            out.append(Decision(tok.start, "token", "split", rule))
        for i in range(tok.start + 1, tok.end):
            if _kind(text[i - 1]) != _kind(text[i]):
                out.append(Decision(i, "token", "join", rule))
        prev = tok
    tokens = [tok for tok, _ in pairs]
    for idx, verdict, rule in sentence_decisions(text, tokens):
        out.append(Decision(tokens[idx].end, "sentence", verdict, rule))
    out.sort(key=lambda d: (d.offset, d.level != "token"))
    return out
