"""Entity patterns as data: loading, validating and compiling them.

Patterns use spaCy's entity-ruler JSONL format, one object a line::

    {"label": "ORG", "pattern": [...token specs...] | "phrase", "id": "...",
     "canonical": "nominative" | "name" (optional), ...other keys ignored}

Token specs are the subset of spaCy's ``Matcher`` language kgtext compiles into its own
fast matcher: the keys ``ORTH``/``TEXT``, ``LOWER``/``NORM``, ``LEMMA``, ``IS_TITLE``,
``IS_UPPER``, ``IS_LOWER``, ``IS_ALPHA``, ``IS_DIGIT``, ``IS_PUNCT``, ``IS_SPACE``,
``LIKE_NUM``, ``LENGTH`` and the extension attributes ``_.kg_lemma`` (lowercase
lemma), ``_.kg_stem``, ``_.kg_shape``, ``_.kg_case``, ``_.kg_plural`` and ``_.kg_poss`` (see
:mod:`kgtext.entities.features`); values are literals or dicts with ``IN``,
``NOT_IN``, ``REGEX``, ``==``, ``!=``, ``>=``, ``<=``, ``>``, ``<``; ``OP`` is one of
``! ? * + {n} {n,m} {n,} {,m}``. Because the ``kg_*`` attributes are registered on
spaCy's ``Token`` too, the same file also loads into spaCy's own ``EntityRuler``.

**Lemma closure.** A ``_.kg_lemma`` value matches every token whose lowercase lemma
is the lemma of any case form of the value, bare or with the 3rd-person possessive
(``акимчилик`` also matches ``акимчилигине``, whose lemma the analyser gives as
``акимчи``). Write head nouns as dictionary forms and every inflection is found.

A string ``pattern`` is a phrase: it is tokenised and matched lemma by lemma, its last
word in any case form; its canonical is the phrase itself.

Examples
--------
>>> pats = load_patterns("entity_patterns.jsonl")
>>> sorted({p.label for p in pats})
['DATE', 'LOC', 'ORG', 'PROGRAMME']
>>> compile_spec({"LOWER": {"IN": ["жана"]}, "OP": "?"})[1:]
(0, 1)
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from kgtext._resources import read_data_text
from kgtext.entities.features import TokenFeatures

__all__ = [
    "LABELS",
    "MAX_REPEAT",
    "Pattern",
    "PatternError",
    "compile_spec",
    "lemma_closure",
    "load_patterns",
    "parse_patterns",
    "read_pattern_file",
]

#: Labels the shipped patterns and the gazetteer use.
LABELS = ("ORG", "PROGRAMME", "LOC", "DATE")
#: Upper bound for ``*`` and ``+`` (a name is never longer), keeps matching linear.
MAX_REPEAT = 16

Predicate = Callable[[TokenFeatures], bool]

_ATTRS = {
    "ORTH": "text",
    "TEXT": "text",
    "LOWER": "lower",
    "NORM": "lower",
    "LEMMA": "lemma",
    "IS_TITLE": "is_title",
    "IS_UPPER": "is_upper",
    "IS_LOWER": "is_lower",
    "IS_ALPHA": "is_alpha",
    "IS_DIGIT": "is_digit",
    "IS_PUNCT": "is_punct",
    "IS_SPACE": "is_space",
    "LIKE_NUM": "like_num",
}
_EXT_ATTRS = ("kg_lemma", "kg_stem", "kg_shape", "kg_case", "kg_plural", "kg_poss")
_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


class PatternError(ValueError):
    """A pattern kgtext cannot compile (the message names the pattern and the key)."""


@dataclass(frozen=True)
class Pattern:
    """One entity pattern: label, id, token specs (or a phrase) and canonical strategy."""

    label: str
    pattern: tuple[dict[str, Any], ...] | str
    id: str = ""
    canonical: str = "nominative"
    source: str = "patterns"
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The spaCy entity-ruler JSON object of the pattern."""
        out: dict[str, Any] = {"label": self.label, "pattern": self._pattern_json()}
        if self.id:
            out["id"] = self.id
        if self.canonical != "nominative":
            out["canonical"] = self.canonical
        out.update(self.extra)
        return out

    def _pattern_json(self) -> list[dict[str, Any]] | str:
        return self.pattern if isinstance(self.pattern, str) else list(self.pattern)


def parse_patterns(rows: Iterable[Mapping[str, Any]], source: str = "user") -> list[Pattern]:
    """Validate entity-ruler dicts and turn them into :class:`Pattern` records.

    >>> parse_patterns([{"label": "ORG", "pattern": "Кут Билим", "id": "x"}])[0].id
    'x'
    """
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping) or "label" not in row or "pattern" not in row:
            raise PatternError(f"pattern {i}: needs 'label' and 'pattern' keys, got {row!r}")
        pat = row["pattern"]
        if isinstance(pat, str):
            if not pat.strip():
                raise PatternError(f"pattern {i}: empty phrase")
            body: tuple[dict[str, Any], ...] | str = pat
        elif isinstance(pat, list) and pat and all(isinstance(s, dict) for s in pat):
            body = tuple(pat)
            for spec in body:
                compile_spec(spec, where=f"pattern {i} ({row.get('id', '')})")
        else:
            raise PatternError(f"pattern {i}: 'pattern' must be a string or a list of dicts")
        canonical = row.get("canonical", "nominative")
        if canonical not in ("nominative", "name"):
            raise PatternError(f"pattern {i}: canonical must be 'nominative' or 'name'")
        extra = {k: v for k, v in row.items() if k not in ("label", "pattern", "id", "canonical")}
        out.append(
            Pattern(str(row["label"]), body, str(row.get("id", "")), canonical, source, extra)
        )
    return out


def read_pattern_file(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSONL pattern file; a bare name is looked up in ``kgtext/data``."""
    p = Path(path)
    text = p.read_text(encoding="utf-8") if p.exists() else read_data_text(str(path))
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise PatternError(f"{path}:{n}: {err}") from None
    return rows


@functools.cache
def load_patterns(name: str) -> tuple[Pattern, ...]:
    """The patterns of a shipped data file (cached).

    >>> load_patterns("entity_patterns.jsonl")[0].id
    'generic.org.quoted'
    """
    return tuple(parse_patterns(read_pattern_file(name), source=name))


@functools.lru_cache(maxsize=4096)
def lemma_closure(word: str) -> frozenset[str]:
    """Lowercase lemmas of every case form of *word*, bare and possessive-3.

    >>> "акимчи" in lemma_closure("акимчилик")
    True
    >>> sorted(lemma_closure("программа"))
    ['программа']
    """
    from kgtext.morph import inflect, lemmatize

    base = {word.lower(), lemmatize(word).lower()}
    try:  # the possessive nominative (университети) is how a head noun usually appears
        base.add(lemmatize(inflect(word, possessive="3")).lower())
    except (ValueError, KeyError, IndexError):
        pass
    seen: dict[str, int] = {}
    for poss in (None, "3"):
        for case in ("nom", "gen", "acc", "dat", "loc", "abl"):
            try:
                form = inflect(word, case=case, possessive=poss)
            except (ValueError, KeyError, IndexError):
                continue
            lemma = lemmatize(form).lower()
            seen[lemma] = seen.get(lemma, 0) + 1
    # a lemma the analyser gives for one form only is an over-cut (ЖАК -> жак "side")
    return frozenset(base | {lemma for lemma, count in seen.items() if count >= 3})


def _value_test(attr: str, value: Any, where: str) -> Predicate:
    get = operator.attrgetter(attr)
    if not isinstance(value, dict):
        if attr == "kg_lemma" and isinstance(value, str):
            allowed = lemma_closure(value)
            return lambda f: f.kg_lemma in allowed
        return lambda f: get(f) == value
    tests: list[Predicate] = []
    for op, arg in value.items():
        if op == "IN":
            items = _as_set(attr, arg)
            tests.append(lambda f, items=items: get(f) in items)
        elif op == "NOT_IN":
            items = frozenset(arg)
            tests.append(lambda f, items=items: get(f) not in items)
        elif op == "REGEX":
            rx = regex.compile(arg)
            tests.append(lambda f, rx=rx: rx.search(str(get(f))) is not None)
        elif op in _COMPARE:
            cmp = _COMPARE[op]
            tests.append(lambda f, cmp=cmp, arg=arg: cmp(get(f), arg))
        else:
            raise PatternError(f"{where}: unsupported operator {op!r}")
    if len(tests) == 1:
        return tests[0]
    return lambda f: all(t(f) for t in tests)


def _as_set(attr: str, values: Iterable[Any]) -> frozenset[Any]:
    if attr == "kg_lemma":
        return frozenset().union(*(lemma_closure(v) for v in values))
    return frozenset(values)


def _parse_op(op: str | None, where: str) -> tuple[int, int, bool]:
    if op is None:
        return 1, 1, False
    simple = {"!": (1, 1, True), "?": (0, 1, False), "*": (0, MAX_REPEAT, False)}
    if op in simple:
        return simple[op]
    if op == "+":
        return 1, MAX_REPEAT, False
    m = regex.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
    if not m or (not m.group(1) and not m.group(3)):
        raise PatternError(f"{where}: unsupported OP {op!r}")
    lo = int(m.group(1) or 0)
    hi = int(m.group(3)) if m.group(3) else (lo if not m.group(2) else MAX_REPEAT)
    return lo, min(hi, MAX_REPEAT), False


def compile_spec(spec: Mapping[str, Any], where: str = "pattern") -> tuple[Predicate, int, int]:
    """Compile one spaCy token spec into ``(predicate, min repeats, max repeats)``."""
    tests: list[Predicate] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key == "LENGTH":
            tests.append(_value_test_len(value, where))
        elif key == "_":
            if not isinstance(value, dict):
                raise PatternError(f"{where}: '_' must map extension names to values")
            for ext, ext_value in value.items():
                if ext not in _EXT_ATTRS:
                    raise PatternError(f"{where}: unknown extension attribute {ext!r}")
                tests.append(_value_test(ext, ext_value, where))
        elif key in _ATTRS:
            tests.append(_value_test(_ATTRS[key], value, where))
        else:
            raise PatternError(f"{where}: unsupported token attribute {key!r}")
    lo, hi, negate = _parse_op(spec.get("OP"), where)
    if not tests:
        pred: Predicate = _any
    elif len(tests) == 1:
        pred = tests[0]
    elif len(tests) == 2:
        t1, t2 = tests
        pred = lambda f: t1(f) and t2(f)  # noqa: E731
    else:
        pred = functools.partial(_all, tuple(tests))
    if negate:
        inner = pred
        pred = lambda f: not inner(f)  # noqa: E731
    return pred, lo, hi


def _any(f: TokenFeatures) -> bool:
    return True


def _all(tests: tuple[Predicate, ...], f: TokenFeatures) -> bool:
    return all(t(f) for t in tests)


def _value_test_len(value: Any, where: str) -> Predicate:
    if isinstance(value, dict):
        ops = [(o, a) for o, a in value.items()]
        for o, _ in ops:
            if o not in _COMPARE and o not in ("IN", "NOT_IN"):
                raise PatternError(f"{where}: unsupported LENGTH operator {o!r}")

        def test(f: TokenFeatures) -> bool:
            n = len(f.text)
            for o, a in ops:
                if o == "IN" and n not in a:
                    return False
                if o == "NOT_IN" and n in a:
                    return False
                if o in _COMPARE and not _COMPARE[o](n, a):
                    return False
            return True

        return test
    return lambda f: len(f.text) == value
