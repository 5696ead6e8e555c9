"""The spaCy component ``kgtext_entities``: ORG, PROGRAMME, LOC and DATE in ``doc.ents``.

It sets ``doc.ents`` (``ent.ent_id_`` = gazetteer id, or ``<pattern id>:<canonical>``
for a generic hit), ``span._.canonical`` (nominative canonical name; ``None`` for
DATE) and ``span._.value`` (ISO value of a DATE, else ``None``). Token extensions
``_.kg_lemma``, ``_.kg_stem``, ``_.kg_shape``, ``_.kg_case``, ``_.kg_plural``, ``_.kg_poss`` are
registered too, so kgtext's pattern files also work in spaCy's own ``EntityRuler``.

Examples
--------
>>> import kgtext
>>> nlp = kgtext.load(components=("sentencizer", "lemmatizer", "entities"))
>>> doc = nlp("ББИМдин маалыматына караганда, 26-мартта Бишкектеги жыйын өттү.")
>>> for e in doc.ents:
...     print(e.text, e.label_, e._.canonical or e._.value, e.ent_id_)
ББИМдин ORG Билим берүү жана илим министрлиги kg.mon
26-мартта DATE --03-26 date.day_month
Бишкектеги LOC Бишкек loc.city.bishkek
>>> nlp.get_pipe("entities").add_patterns([{"label": "ORG", "pattern": "Кут Билим"}])
>>> [e.text for e in nlp("Кут Билимге кат жазды.").ents]
['Кут Билимге']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken
from spacy.util import filter_spans

from kgtext.entities.features import features
from kgtext.entities.matcher import EntityMatcher, load_gazetteer
from kgtext.entities.patterns import (
    Pattern,
    load_patterns,
    parse_patterns,
    read_pattern_file,
)

__all__ = [
    "DEFAULT_PATTERN_FILES",
    "EntityRecognizer",
    "make_entities",
    "register_extensions",
]

#: Pattern files of the default component (names in ``kgtext/data`` or paths).
DEFAULT_PATTERN_FILES = ("entity_patterns.jsonl",)
_USER_FILE = "patterns.jsonl"
_CACHE_SIZE = 1 << 18


def _feat_getter(attr: str):
    def get(token: SpacyToken) -> Any:
        return getattr(features(token.text, token.lemma_), attr)

    return get


def register_extensions() -> None:
    """Register ``Span._.canonical``/``value`` and the ``Token._.kg_*`` getters, once.

    An extension another package already registered is left alone.
    """
    for name in ("canonical", "value"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for attr in ("kg_lemma", "kg_stem", "kg_shape", "kg_case", "kg_plural", "kg_poss"):
        if not SpacyToken.has_extension(attr):
            SpacyToken.set_extension(attr, getter=_feat_getter(attr))


class EntityRecognizer:
    """Rule-based entity recognizer over lemmas (see :mod:`kgtext.entities.matcher`).

    Parameters
    ----------
    nlp : Language
        The pipeline (its vocab holds the labels).
    name : str
        The pipe name.
    pattern_files : iterable of str
        JSONL pattern files (data file names or paths).
    gazetteer : str or None
        Gazetteer data file compiled into phrase patterns (``None``: none).
    overwrite_ents : bool
        Replace existing ``doc.ents`` (``True``) or keep them and add only
        non-overlapping new spans (``False``).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "entities",
        *,
        pattern_files: Iterable[str] = DEFAULT_PATTERN_FILES,
        gazetteer: str | None = "gazetteer.jsonl",
        overwrite_ents: bool = False,
    ) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.pattern_files = tuple(pattern_files)
        self.gazetteer = gazetteer
        self.overwrite_ents = overwrite_ents
        self.user_patterns: list[Pattern] = []
        # (TokenFeatures, matcher info) by (orth hash, lemma hash): a seen token costs
        # one dict look-up, no string decoding
        self._features: dict[tuple[int, int], tuple] = {}
        self._build()

    def _build(self) -> None:
        base: list[Pattern] = []
        for fname in self.pattern_files:
            if Path(fname).exists():
                base += parse_patterns(read_pattern_file(fname), source=fname)
            else:
                base += load_patterns(fname)
        gaz = load_gazetteer(self.gazetteer) if self.gazetteer else ()
        self.matcher = EntityMatcher([*base, *self.user_patterns], gaz)
        self._features.clear()

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels the component can assign."""
        return tuple(sorted({p.label for p in self.matcher.patterns} | {"ORG", "LOC"}))

    def add_patterns(self, patterns: Iterable[Mapping[str, Any]]) -> None:
        """Add entity-ruler patterns (token lists or phrase strings); saved by ``to_disk``.

        Examples
        --------
        >>> import kgtext
        >>> ents = kgtext.load(components=["entities"]).get_pipe("entities")
        >>> ents.add_patterns([{"label": "ORG", "pattern": "Айгөлбилим", "id": "x.1"}])
        >>> len(ents.user_patterns)
        1
        """
        new = parse_patterns(patterns, source="user")
        self.user_patterns.extend(new)
        self.matcher.add(new)
        self._features.clear()

    def add_patterns_from_jsonl(self, path: str | Path) -> None:
        """Add the patterns of a JSONL file (spaCy entity-ruler format)."""
        self.add_patterns(read_pattern_file(path))

    def __call__(self, doc: Doc) -> Doc:
        cache = self._features
        info = self.matcher.info
        strings = doc.vocab.strings
        feats = []
        infos = []
        # one array call instead of a Token object per token
        for key in map(tuple, doc.to_array([ORTH, LEMMA]).tolist()):
            pair = cache.get(key)
            if pair is None:
                if len(cache) > _CACHE_SIZE:
                    cache.clear()
                lemma = strings[key[1]] if key[1] else ""
                f = features(strings[key[0]], lemma)
                pair = cache[key] = (f, info(f))
            feats.append(pair[0])
            infos.append(pair[1])
        hits = self.matcher.find_with_info(feats, infos, _Spaces(doc))
        spans = []
        for h in hits:
            span = Span(doc, h.start, h.end, label=h.label, span_id=h.id)
            span._.canonical = h.canonical
            span._.value = h.value
            spans.append(span)
        if self.overwrite_ents or not doc.ents:
            doc.ents = spans
        else:
            doc.ents = filter_spans([*doc.ents, *spans])
        return doc

    # -------------------------------------------------------------- serialisation
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the configuration and the user-added patterns."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / _USER_FILE).open("w", encoding="utf-8") as f:
            for p in self.user_patterns:
                f.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityRecognizer:
        """Load user-added patterns saved by :meth:`to_disk`."""
        file = Path(path) / _USER_FILE
        self.user_patterns = []
        if file.exists():
            self.user_patterns = parse_patterns(read_pattern_file(file), source="user")
        self._build()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps([p.to_json() for p in self.user_patterns], ensure_ascii=False).encode()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EntityRecognizer:
        self.user_patterns = parse_patterns(json.loads(data.decode()) if data else [])
        self._build()
        return self


class _Spaces:
    """``spaces[i]``: token *i* is followed by whitespace (read only where needed)."""

    __slots__ = ("doc",)

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def __getitem__(self, i: int) -> bool:
        return bool(self.doc[i].whitespace_)

    def __len__(self) -> int:
        return len(self.doc)


@Language.factory(
    "kgtext_entities",
    default_config={
        "pattern_files": list(DEFAULT_PATTERN_FILES),
        "gazetteer": "gazetteer.jsonl",
        "overwrite_ents": False,
    },
    assigns=["doc.ents", "span._.canonical", "span._.value"],
)
def make_entities(
    nlp: Language,
    name: str,
    pattern_files: list[str],
    gazetteer: str | None,
    overwrite_ents: bool,
) -> EntityRecognizer:
    """spaCy factory ``kgtext_entities``: ORG, PROGRAMME, LOC, DATE from lemma patterns."""
    return EntityRecognizer(
        nlp,
        name,
        pattern_files=pattern_files,
        gazetteer=gazetteer,
        overwrite_ents=overwrite_ents,
    )
