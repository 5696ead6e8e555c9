"""The entity matcher: a lemma trie for names, head-anchored token patterns, one resolver.

Three sources of candidate spans, all over :class:`~kgtext.entities.features.TokenFeatures`:

1. **Phrases** (the gazetteer's names, aliases and acronyms, and user phrase patterns)
   are compiled into a trie over lowercase lemmas. The last word of a phrase may be in
   any case form (its :func:`~kgtext.entities.patterns.lemma_closure`), so
   ``министрлигинин`` and ``Бишкектеги`` reach the same leaf as the nominative.
   Acronyms are matched on the token's stem without its suffix (``ББИМдин`` → ``ББИМ``),
   case-sensitively. A phrase written with a capital must start on a capital in the
   text (``талас`` "dispute" is not ``Талас``).
2. **Token patterns** (``entity_patterns.jsonl`` and user token patterns) are matched
   right to left from their last token, the head noun in Kyrgyz, which is looked up
   in an index by lemma; only patterns whose last token is not a literal are tried at
   every token.
3. **Coordinated places** with one plural type noun (``Ош жана Жалал-Абад
   облустарынын``): each name is its own LOC, the shared head is left out, the
   canonical is the name with its type noun, resolved through the gazetteer.

**Overlaps** are resolved by one rule, in this order: a gazetteer name beats a longer
generic ORG/PROGRAMME match that ends on the same token (the generic match only added
words on the left of a known name); otherwise the longest span wins (tokens, then
characters); on equal length, phrases and the gazetteer beat token patterns; then the
earlier span. Kept spans never overlap.

Examples
--------
>>> from kgtext.entities.features import features
>>> m = default_matcher()
>>> words = ["ББИМдин", "маалыматы", "боюнча"]
>>> [(h.start, h.end, h.label, h.canonical) for h in m.find([features(w) for w in words])]
[(0, 1, 'ORG', 'Билим берүү жана илим министрлиги')]
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kgtext._resources import read_data_text
from kgtext.entities.dates import date_value
from kgtext.entities.features import TokenFeatures, features, is_acronym
from kgtext.entities.patterns import Pattern, compile_spec, lemma_closure, load_patterns
from kgtext.segment.tokenize import tokenize

__all__ = [
    "EntityMatcher",
    "GazetteerEntry",
    "Hit",
    "default_matcher",
    "load_gazetteer",
    "nominative",
]

_ACR = "\x01"  # prefix of acronym keys in the trie
_END = ""  # key of a trie node's leaf list
_CASE_TAGS = frozenset(
    {"gen", "acc", "acc.3", "dat", "dat.12", "dat.3", "loc", "loc.3", "abl", "abl.3", "ki.loc"}
)
_CACHE_SIZE = 1 << 18
_date_value = functools.lru_cache(maxsize=1 << 15)(date_value)
_COORD = frozenset({",", "жана", "менен", "ж.б.", "же"})
_TYPE_NOUNS = {"облус": "облусу", "район": "району", "шаар": "шаары", "айыл": "айылы"}
_COORDINATED, _PHRASE, _TOKENS = 0, 1, 2  # source ranks, best first


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One gazetteer record (see ``corpora/entities/README.md``)."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    kind: str


@functools.cache
def load_gazetteer(name: str = "gazetteer.jsonl") -> tuple[GazetteerEntry, ...]:
    """The shipped gazetteer (cached).

    >>> load_gazetteer()[0].label in ("ORG", "PROGRAMME", "LOC")
    True
    """
    out = []
    for line in read_data_text(name).splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                GazetteerEntry(
                    row["id"],
                    row["label"],
                    row["name"],
                    tuple(row.get("aliases", ())),
                    tuple(row.get("acronyms", ())),
                    row.get("kind", ""),
                )
            )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate or kept entity span over token indices ``[start, end)``."""

    start: int
    end: int
    label: str
    id: str
    canonical: str | None
    value: str | None
    rank: int  # _COORDINATED (0), _PHRASE (1) or _TOKENS (2)
    gazetteer: bool


@dataclass(frozen=True, slots=True)
class _Leaf:
    label: str
    id: str
    canonical: str
    exact: bool  # the entry's own name, not an alias or acronym
    needs_cap: bool
    gazetteer: bool
    plural: bool  # the phrase's own last word is plural (Америка Кошмо Штаттары)


@functools.lru_cache(maxsize=1 << 15)
def nominative(text: str) -> str:
    """The nominative of a name's last word: case suffixes removed, possessive kept.

    An acronym loses its possessive too (``ЖЧКсына`` → ``ЖЧК``).

    >>> nominative("министрлигинин"), nominative("мектептин"), nominative("акимчилигине")
    ('министрлиги', 'мектеп', 'акимчилиги')
    >>> nominative("ЖЧКсына")
    'ЖЧК'
    """
    from kgtext.morph import analyze

    f = features(text)
    if f.kg_shape == "acronym":
        return f.kg_stem
    analyses = analyze(text)
    best = next((a for a in analyses if a.pos in ("NOUN", "PROPN")), analyses[0])
    cut = 0
    for tag, suffix in zip(reversed(best.tags), reversed(best.suffixes), strict=False):
        if tag not in _CASE_TAGS:
            break
        cut += len(suffix)
    return text[: len(text) - cut] if 0 < cut < len(text) else text


def _join(feats: Sequence[TokenFeatures], spaces: Sequence[bool] | None, start: int, end: int):
    parts = []
    for i in range(start, end):
        parts.append(feats[i].text)
        if i < end - 1 and (spaces is None or spaces[i]):
            parts.append(" ")
    return "".join(parts)


class EntityMatcher:
    """Finds entity spans in a token sequence; see the module docstring for the rules.

    Parameters
    ----------
    patterns : iterable of Pattern
        Token and phrase patterns.
    gazetteer : iterable of GazetteerEntry
        Names compiled into phrases (name, aliases, acronyms) with their ids.
    """

    def __init__(
        self, patterns: Iterable[Pattern] = (), gazetteer: Iterable[GazetteerEntry] = ()
    ) -> None:
        self._trie: dict[str, Any] = {}
        self._by_name: dict[str, GazetteerEntry] = {}
        self._by_id: dict[str, GazetteerEntry] = {}
        # anchored token patterns: attribute -> key -> [compiled]
        self._anchored: dict[str, dict[str, list[tuple]]] = {
            "kg_lemma": defaultdict(list),
            "lower": defaultdict(list),
            "text": defaultdict(list),
        }
        # other token patterns, grouped by their last token spec: (predicate, patterns)
        self._free: dict[str, tuple[Any, list[tuple]]] = {}
        self.patterns: list[Pattern] = []
        self._candidates: dict[tuple[str, str], tuple[tuple, ...]] = {}
        for entry in gazetteer:
            self._add_entry(entry)
        self.add(patterns)

    # ------------------------------------------------------------------ building
    def _add_entry(self, entry: GazetteerEntry) -> None:
        self._by_id.setdefault(entry.id, entry)
        for i, phrase in enumerate((entry.name, *entry.aliases)):
            self._by_name.setdefault(phrase.lower(), entry)
            self._add_phrase(phrase, entry.label, entry.id, entry.name, i == 0, True)
        for acronym in entry.acronyms:
            self._add_acronym(acronym, entry.label, entry.id, entry.name)

    def _add_acronym(self, acronym: str, label: str, id_: str, canonical: str) -> None:
        node = self._trie.setdefault(_ACR + acronym, {})
        node.setdefault(_END, []).append(_Leaf(label, id_, canonical, False, False, True, True))

    def _add_phrase(
        self, phrase: str, label: str, id_: str, canonical: str, exact: bool, gaz: bool
    ) -> None:
        words = [t.text for t in tokenize(phrase)]
        if not words:
            return
        if len(words) == 1 and is_acronym(words[0]):
            self._add_acronym(words[0], label, id_, canonical)
        keys = [features(w).kg_lemma for w in words[:-1]]
        last = words[-1]
        f_last = features(last)
        finals = {f_last.kg_lemma, last.lower()}
        if any(c.isalpha() for c in last):
            # case forms of the last word; lemmas much shorter than the word are
            # analyser over-cuts (Алайга -> ал) and would match pronouns
            shortest = min(len(last), len(f_last.lemma)) - 1
            closure = lemma_closure(last) | lemma_closure(f_last.lemma)
            finals |= {k for k in closure if len(k) >= shortest}
        if gaz is False and id_ in self._by_id:
            canonical = self._by_id[id_].name
        leaf = _Leaf(label, id_, canonical, exact, words[0][:1].isupper(), gaz, f_last.kg_plural)
        node = self._trie
        for key in keys:
            node = node.setdefault(key, {})
        for key in finals:
            leaves = node.setdefault(key, {}).setdefault(_END, [])
            if leaf not in leaves:
                leaves.append(leaf)

    def add(self, patterns: Iterable[Pattern]) -> None:
        """Add patterns (token or phrase) to the matcher."""
        self._candidates.clear()
        for pat in patterns:
            self.patterns.append(pat)
            if isinstance(pat.pattern, str):
                self._add_phrase(pat.pattern, pat.label, pat.id, pat.pattern, True, False)
                continue
            specs = list(pat.pattern)
            # a trailing optional token becomes two patterns, with and without it, so
            # that every pattern's last token is present and can anchor the match
            variants = [specs]
            while variants[-1] and variants[-1][-1].get("OP") in ("?", "*"):
                last = variants[-1]
                op = last[-1]["OP"]
                variants[-1] = [*last[:-1], {**last[-1], "OP": None if op == "?" else "+"}]
                variants.append(last[:-1])
            for variant in variants:
                if variant:
                    self._add_tokens(variant, pat)

    def _add_tokens(self, specs: list[dict[str, Any]], pat: Pattern) -> None:
        items = tuple(compile_spec(s) for s in specs)
        compiled = (items, pat)
        anchor = self._anchor(specs[-1])
        if anchor is None:
            key = json.dumps(specs[-1], sort_keys=True, ensure_ascii=False)
            group = self._free.setdefault(key, (items[-1][0], []))
            group[1].append(compiled)
            return
        attr, values = anchor
        for v in values:
            self._anchored[attr][v].append(compiled)

    @staticmethod
    def _anchor(spec: dict[str, Any]) -> tuple[str, Iterable[str]] | None:
        if spec.get("OP") not in (None, "!") and spec.get("OP") != "{1}":
            return None
        if spec.get("OP") == "!":
            return None
        ext = spec.get("_", {})
        for attr, value in (
            ("kg_lemma", ext.get("kg_lemma")),
            ("lower", spec.get("LOWER")),
            ("text", spec.get("ORTH", spec.get("TEXT"))),
        ):
            if isinstance(value, str):
                vals = [value]
            elif isinstance(value, dict) and set(value) == {"IN"}:
                vals = list(value["IN"])
            else:
                continue
            if attr == "kg_lemma":
                return attr, sorted(set().union(*(lemma_closure(v) for v in vals)))
            return attr, vals
        return None

    # ------------------------------------------------------------------ matching
    def find(
        self, feats: Sequence[TokenFeatures], spaces: Sequence[bool] | None = None
    ) -> list[Hit]:
        """Non-overlapping entity hits, in text order.

        Parameters
        ----------
        feats : sequence of TokenFeatures
            One per token.
        spaces : sequence of bool, optional
            Whether each token is followed by a space (for canonical names); default
            all ``True``.
        """
        infos = [self.info(f) for f in feats]
        return self.find_with_info(feats, infos, spaces)

    def info(self, f: TokenFeatures) -> tuple:
        """What the matcher needs from one token type (cached on ``(text, lemma)``):
        ``(trie node, acronym leaves, token-pattern candidates, coordination head)``."""
        key = (f.text, f.lemma)
        out = self._candidates.get(key)
        if out is None:
            trie = self._trie
            node = trie.get(f.kg_lemma) or trie.get(f.lower)
            acr = None
            if f.kg_shape == "acronym":
                acr_node = trie.get(_ACR + f.kg_stem) or trie.get(_ACR + f.lemma)
                acr = acr_node.get(_END) if acr_node else None
            coord = f.kg_plural and f.kg_lemma in _TYPE_NOUNS
            out = (node, acr, self._token_candidates(f), coord)
            if len(self._candidates) > _CACHE_SIZE:
                self._candidates.clear()
            self._candidates[key] = out
        return out

    def find_with_info(
        self,
        feats: Sequence[TokenFeatures],
        infos: Sequence[tuple],
        spaces: Sequence[bool] | None = None,
    ) -> list[Hit]:
        """:meth:`find` with the :meth:`info` of every token already looked up."""
        hits: list[Hit] = []
        for i, (node, acr, cands, coord) in enumerate(infos):
            if node is not None or acr is not None:
                hit = self._phrase_at(feats, i, node, acr)
                if hit is not None:
                    hits.append(hit)
            for items, pat in cands:
                start = _rmatch(items, feats, i + 1)
                if start is not None:
                    hit = self._make_hit(pat, feats, spaces, start, i + 1)
                    if hit is not None:
                        hits.append(hit)
            if coord:
                hits += self._coordination_at(feats, i)
        return _resolve(hits) if hits else hits

    def _phrase_at(self, feats: Sequence[TokenFeatures], i: int, node: Any, acr: Any) -> Hit | None:
        n = len(feats)
        best = (i + 1, acr) if acr else None
        j = i + 1
        while node is not None:
            leaves = node.get(_END)
            if leaves and feats[j - 1].kg_plural:
                leaves = [x for x in leaves if x.plural]
            if leaves:
                best = (j, leaves)
            if j >= n:
                break
            g = feats[j]
            node = node.get(g.kg_lemma) or node.get(g.lower)
            j += 1
        if best is None:
            return None
        end, leaves = best
        cap = feats[i].text[:1].isupper()
        usable = [leaf for leaf in leaves if cap or not leaf.needs_cap]
        if not usable:
            return None
        leaf = next((x for x in usable if x.exact), usable[0])
        return Hit(i, end, leaf.label, leaf.id, leaf.canonical, None, _PHRASE, leaf.gazetteer)

    def _token_candidates(self, f: TokenFeatures) -> tuple[tuple, ...]:
        """Token patterns whose last token matches *f*."""
        anchored = self._anchored
        cands = [
            *anchored["kg_lemma"].get(f.kg_lemma, ()),
            *anchored["lower"].get(f.lower, ()),
            *anchored["text"].get(f.text, ()),
        ]
        for pred, group in self._free.values():
            if pred(f):
                cands += group
        return tuple(c for c in cands if c[0][-1][0](f))

    def _make_hit(
        self,
        pat: Pattern,
        feats: Sequence[TokenFeatures],
        spaces: Sequence[bool] | None,
        start: int,
        end: int,
    ) -> Hit | None:
        if pat.label == "DATE":
            text = _join(feats, spaces, start, end)
            return Hit(start, end, "DATE", pat.id, None, _date_value(text), _TOKENS, False)
        # a capitalised common word opening a sentence is not part of the name
        while (
            end - start > 2
            and (start == 0 or feats[start - 1].sent_end)
            and feats[start].common
            and feats[start + 1].kg_shape in ("title", "acronym")
        ):
            start += 1
        if pat.canonical == "name":
            canonical = _join(feats, spaces, start, end - 1)
        else:
            head = nominative(feats[end - 1].text)
            canonical = _join(feats, spaces, start, end - 1)
            canonical = f"{canonical} {head}" if canonical else head
        entry = self._by_name.get(canonical.lower())
        if entry is not None and entry.label == pat.label:
            return Hit(start, end, pat.label, entry.id, entry.name, None, _TOKENS, False)
        id_ = f"{pat.id}:{canonical}" if pat.id else canonical
        return Hit(start, end, pat.label, id_, canonical, None, _TOKENS, False)

    def _coordination_at(self, feats: Sequence[TokenFeatures], j: int) -> list[Hit]:
        names = []
        i = j - 1
        while i >= 0 and feats[i].kg_shape == "title" and feats[i].kg_case == "":
            names.append(i)
            i -= 1
            if i >= 0 and feats[i].lower in _COORD:
                i -= 1
                continue
            break
        if len(names) < 2:
            return []
        return [self._coordinated(feats[k].text, k, feats[j].kg_lemma) for k in names]

    def _coordinated(self, name: str, k: int, type_lemma: str) -> Hit:
        full = f"{name} {_TYPE_NOUNS[type_lemma]}"
        entry = self._by_name.get(full.lower())
        if entry is None and type_lemma in ("шаар", "айыл"):
            entry = self._by_name.get(name.lower())
            if entry is not None and entry.label != "LOC":
                entry = None
        if entry is not None:
            return Hit(k, k + 1, "LOC", entry.id, entry.name, None, _COORDINATED, True)
        canonical = name if type_lemma in ("шаар", "айыл") else full
        id_ = f"generic.loc.coordinated:{canonical}"
        return Hit(k, k + 1, "LOC", id_, canonical, None, _COORDINATED, True)


def _rmatch(items: tuple, feats: Sequence[TokenFeatures], end: int) -> int | None:
    """Smallest start such that ``feats[start:end]`` matches *items* (None if none)."""
    return _walk(items, feats, len(items) - 1, end, None)


def _walk(
    items: tuple, feats: Sequence[TokenFeatures], k: int, pos: int, best: int | None
) -> int | None:
    if k < 0:
        return pos if best is None or pos < best else best
    pred, lo, hi = items[k]
    n = 0
    p = pos
    while n < hi and p > 0 and pred(feats[p - 1]):
        p -= 1
        n += 1
    for m in range(n, lo - 1, -1):
        best = _walk(items, feats, k - 1, pos - m, best)
    return best


def _resolve(hits: list[Hit]) -> list[Hit]:
    # a gazetteer name beats a longer generic ORG/PROGRAMME match ending on its last token
    gaz_ends = {(h.end, h.label): h for h in hits if h.gazetteer and h.label != "LOC"}
    kept_in: list[Hit] = []
    for h in hits:
        g = gaz_ends.get((h.end, h.label))
        if not h.gazetteer and g is not None and g.start > h.start:
            continue
        kept_in.append(h)
    order = sorted(kept_in, key=lambda h: (-(h.end - h.start), h.rank, h.start))
    taken = set()
    kept = []
    for h in order:
        span = range(h.start, h.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        kept.append(h)
    return sorted(kept, key=lambda h: h.start)


@functools.cache
def default_matcher() -> EntityMatcher:
    """The matcher over the shipped gazetteer and ``entity_patterns.jsonl`` (built once)."""
    return EntityMatcher(load_patterns("entity_patterns.jsonl"), load_gazetteer())
