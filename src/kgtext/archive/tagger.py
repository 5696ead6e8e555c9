"""Tag article records: clean, detect the language, find passages, sectors, entities.

:func:`tag_records` is the Python face of ``kgtext tag``: one output record per
input record, in input order, a result or an error, never an exception for bad
data. With ``jobs > 1`` the work is spread over worker processes (each loads the
spaCy pipeline once) with a bounded window of chunks in flight, so memory does not
grow with the size of the archive.

A result record::

    {"id": "kg-0001", "source": "articles.jsonl:1", "language": "ky",
     "title": "…", "date": "2025-03-14", "byline": "…",
     "passages": [{"text": "…", "start": 120, "end": 300,
                   "sectors": ["preschool"], "probabilities": {"preschool": 0.93, …}}],
     "entities": [{"label": "ORG", "text": "…", "canonical": "…", "value": None,
                   "start": 130, "end": 152}]}

Offsets point into the record's original text. An error record::

    {"id": "kg-0014", "error": "text is null", "source": "articles.jsonl:14"}

Entities and sectors come from the ``entities`` and ``sectors`` components of
:func:`kgtext.load` when they are installed; without them those fields stay empty.

Examples
--------
>>> out = list(tag_records(["Жыйын өттү\\n\\nМугалимдер Бишкекте жыйналышты.", ""]))
>>> out[0]["language"], out[0]["title"], [p["text"] for p in out[0]["passages"]]
('ky', 'Жыйын өттү', ['Мугалимдер Бишкекте жыйналышты.'])
>>> out[1]
{'id': None, 'error': 'empty text', 'source': '<records>:2'}
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import json
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kgtext.archive.clean import Paragraph, clean_article
from kgtext.archive.langid import detect_language
from kgtext.archive.records import RawItem, iter_items
from kgtext.sectors.split import MAX_CHARS, passages

#: What the pipeline fills for one article: (text, passage spans (then the title's),
#: passages, entities, the record).
_Job = tuple[str, list[tuple[int, int]], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _spacy_safe(text: str) -> str:
    """*text* with lone surrogates (from ``\\ud800``-style JSON escapes) replaced by
    U+FFFD, one for one so that offsets still hold: spaCy cannot store them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


#: New strings a memory zone may hold before it is closed (see ``ArchiveTagger.close``).
ZONE_STRINGS = 100_000

__all__ = ["ArchiveTagger", "TagOptions", "tag_raw_items", "tag_records"]


@dataclass(frozen=True)
class TagOptions:
    """How records are read and tagged (all picklable, sent to worker processes).

    Attributes
    ----------
    text_field, id_field, date_field, title_field : str
        Field names in JSONL/CSV/Parquet records and dicts.
    max_bytes : int
        Texts longer than this many UTF-8 bytes become errors.
    languages : tuple of str
        Languages run through the spaCy pipeline; other records get their passages
        but no sectors or entities.
    normalize : bool
        Normalise passages (:func:`kgtext.normalize_with_offsets`) before the
        pipeline; offsets are mapped back to the original text either way.
    exclude : tuple of str
        Pipeline components to leave out (e.g. ``("lemmatizer",)`` when no other
        component needs lemmas).
    context : bool
        Raise each passage's sector probabilities by its article's
        (:mod:`kgtext.sectors.context`); the record gets ``sector_context``, the
        article's probabilities.
    max_chars : int
        Passage length limit: a longer paragraph is cut at sentence boundaries, as
        :func:`kgtext.passages` cuts it.
    """

    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    title_field: str = "title"
    max_bytes: int = 1_000_000
    languages: tuple[str, ...] = ("ky",)
    normalize: bool = True
    exclude: tuple[str, ...] = ()
    digits: int = 4
    context: bool = True
    max_chars: int = MAX_CHARS


def _passages_of(paragraphs: Sequence[Paragraph], max_chars: int) -> list[Paragraph]:
    """The passages of cleaned paragraphs: each paragraph, or its pieces cut at
    sentence boundaries when it is longer than *max_chars* (:func:`kgtext.passages`)."""
    out: list[Paragraph] = []
    for p in paragraphs:
        if p.end - p.start <= max_chars:
            out.append(p)
            continue
        for piece in passages(p.text, max_chars=max_chars):
            out.append(Paragraph(piece.text, p.start + piece.start, p.start + piece.end))
    return out


def _error(record_id: Any, message: str, source: str) -> dict[str, Any]:
    return {"id": record_id, "error": message, "source": source}


def _iso_date(value: Any) -> str | None:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 10:
        try:
            return _dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _id(value: Any) -> Any:
    if value is None or isinstance(value, str | int):
        return value
    return str(value)


class ArchiveTagger:
    """Turns raw items (see :mod:`kgtext.archive.records`) into output records.

    The spaCy pipeline is loaded on first use (or pass *nlp*).

    Examples
    --------
    >>> tagger = ArchiveTagger()
    >>> tagger.tag_item(("x:1", "row", {"id": 7, "text": None}))
    {'id': 7, 'error': 'text is null', 'source': 'x:1'}
    """

    def __init__(self, options: TagOptions | None = None, nlp: Any = None) -> None:
        self.options = options or TagOptions()
        self._nlp = nlp
        self._setup = False
        self._zone: Any = None
        self._zone_base = 0
        self._context_model: Any = None

    # -------------------------------------------------------------- pipeline
    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from kgtext.pipeline import load

            self._nlp = load(exclude=self.options.exclude)
        if not self._setup:
            self._prepare()
        return self._nlp

    def _prepare(self) -> None:
        from spacy.tokens import Doc, Span

        self._setup = True
        self._has_sectors = Doc.has_extension("sectors")
        self._has_canonical = Span.has_extension("canonical")
        self._has_value = Span.has_extension("value")
        self._context_model = None
        if self.options.context and "sectors" in self._nlp.pipe_names:
            from kgtext.sectors.inference import CompiledModel

            model = getattr(self._nlp.get_pipe("sectors"), "model", None)
            if isinstance(model, CompiledModel):
                self._context_model = model

    # ----------------------------------------------------------------- items
    def tag_item(self, item: RawItem) -> dict[str, Any]:
        """One output record for one raw item; never raises for bad data."""
        record, job = self._prepare_item(item)
        if job is not None:
            try:
                self._annotate_jobs([job])
            except Exception as exc:  # a bug must not lose the record either
                message = f"internal error: {type(exc).__name__}: {exc}"
                return _error(record["id"], message, record["source"])
        return record

    def _prepare_item(self, item: RawItem) -> tuple[dict[str, Any], _Job | None]:
        """The record of one raw item (or its error record) and the pipeline job it needs."""
        source, kind, payload = item
        opts = self.options
        record_id: Any = None
        try:
            if kind == "error":
                return _error(_id(payload[0]), payload[1], source), None
            if kind == "json":
                try:
                    line = payload.decode("utf-8")
                except UnicodeDecodeError as exc:
                    message = f"not valid UTF-8 at byte offset {exc.start}"
                    return _error(None, message, source), None
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    return _error(None, f"malformed JSON ({exc})", source), None
                if not isinstance(record, dict):
                    found = type(record).__name__
                    return _error(None, f"expected a JSON object, got {found}", source), None
                kind, payload = "row", record
            if kind == "row":
                record = payload
                record_id = _id(record.get(opts.id_field))
                if opts.text_field not in record:
                    return _error(record_id, f"no {opts.text_field!r} field", source), None
                text = record[opts.text_field]
                date = _iso_date(record.get(opts.date_field))
                title = record.get(opts.title_field)
                title = title.strip() if isinstance(title, str) and title.strip() else None
            else:
                record_id, text = payload
                date = title = None
            if text is None:
                return _error(record_id, "text is null", source), None
            if not isinstance(text, str):
                found = type(text).__name__
                return _error(record_id, f"text is not a string ({found})", source), None
            if not text.strip():
                return _error(record_id, "empty text", source), None
            if len(text) * 4 > opts.max_bytes and len(text.encode("utf-8")) > opts.max_bytes:
                size = len(text.encode("utf-8"))
                message = f"record too large ({size:,} bytes > --max-bytes {opts.max_bytes:,})"
                return _error(record_id, message, source), None
            return self._prepare_text(
                text, record_id=record_id, source=source, date=date, title=title
            )
        except Exception as exc:  # a bug must not lose the record either
            message = f"internal error: {type(exc).__name__}: {exc}"
            return _error(record_id, message, source), None

    def tag_text(
        self,
        text: str,
        *,
        record_id: Any = None,
        source: str | None = None,
        date: str | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        """Tag one article text; offsets in the result point into *text*."""
        record, job = self._prepare_text(
            text, record_id=record_id, source=source, date=date, title=title
        )
        if job is not None:
            self._annotate_jobs([job])
        return record

    def _prepare_text(
        self,
        text: str,
        *,
        record_id: Any = None,
        source: str | None = None,
        date: str | None = None,
        title: str | None = None,
    ) -> tuple[dict[str, Any], _Job | None]:
        """The record of one article without the pipeline's results, and the job for it."""
        article = clean_article(text, title=title)
        paragraphs = _passages_of(article.paragraphs, self.options.max_chars)
        head = article.title or ""
        language = detect_language(head + "\n" + "\n".join(p.text for p in paragraphs[:6]))
        passages = [
            {"text": p.text, "start": p.start, "end": p.end, "sectors": [], "probabilities": {}}
            for p in paragraphs
        ]
        entities: list[dict[str, Any]] = []
        job: _Job | None = None
        record = {
            "id": record_id,
            "source": source,
            "language": language,
            "title": article.title,
            "date": date or article.date,
            "byline": article.byline,
            "passages": passages,
            "entities": entities,
        }
        if language in self.options.languages and paragraphs:
            spans = [(p.start, p.end) for p in paragraphs]
            if article.title_span is not None:
                spans.append(article.title_span)
            job = (text, spans, passages, entities, record)
        return record, job

    # Strings and lexemes of new words live in a spaCy memory zone that is closed (and
    # its entries freed) once it holds ZONE_STRINGS new strings: over an archive of
    # millions of articles the vocabulary would otherwise grow without end. A zone
    # spans many batches, because every word seen again in a new zone costs a new
    # lexeme. Everything kept is copied out of the docs before a zone closes.

    def _enter_zone(self) -> None:
        if self._zone is None and hasattr(self.nlp, "memory_zone"):
            self._zone = self.nlp.memory_zone()
            self._zone.__enter__()
            self._zone_base = len(self.nlp.vocab.strings)

    def _check_zone(self) -> None:
        if self._zone is not None and (
            len(self.nlp.vocab.strings) - self._zone_base >= ZONE_STRINGS
        ):
            self.close()

    def close(self) -> None:
        """Free the current memory zone's strings and lexemes (call between batches;
        the tagger opens a new zone when it is used again)."""
        if self._zone is not None:
            zone, self._zone = self._zone, None
            zone.__exit__(None, None, None)

    def _annotate_jobs(self, jobs: list[_Job]) -> None:
        """Run the pipeline once over the passages of many articles (one nlp.pipe)."""
        inputs: list[str] = []
        owners: list[tuple[int, int, Any]] = []  # (job, passage index, offset map)
        normalize = self.options.normalize
        if normalize:
            from kgtext.normalize import normalize_with_offsets
        for j, (text, spans, *_rest) in enumerate(jobs):
            for i, (start, end) in enumerate(spans):
                if normalize:
                    n = normalize_with_offsets(text[start:end])
                    inputs.append(_spacy_safe(n.text))
                    owners.append((j, i, n))
                else:
                    inputs.append(_spacy_safe(text[start:end]))
                    owners.append((j, i, None))
        stream: Iterable[Any] = inputs
        if normalize and self._kgtext_tokens:
            stream = (self._normalized_doc(t) for t in inputs)
        from kgtext.sectors.component import PARTS_KEY, doc_analysis

        self._enter_zone()
        context: list[list[tuple[int, dict[str, float], Any]]] | None = None
        if self._context_model is not None:
            context = [[] for _ in jobs]
        for (j, i, mapping), doc in zip(owners, self.nlp.pipe(stream), strict=True):
            text, spans, passages, entities, _record = jobs[j]
            probabilities = doc._.sector_probabilities if context is not None else None
            # with article context, the sectors of an article of several passages are
            # decided in _apply_context, not here
            decide = probabilities is None or len(spans) < 2
            self._collect(doc, text, spans[i][0], mapping, i, passages, entities, decide)
            if probabilities is not None:
                # the features the sectors pipe computed (kept on normalised docs;
                # others are analysed again, from the cache the pipe has just filled)
                parts = doc.user_data.get(PARTS_KEY)
                if parts is None:
                    parts = self._context_model.parts(doc_analysis(doc))
                context[j].append((i, probabilities, parts))
        self._check_zone()
        if context is not None:
            self._apply_context(jobs, context)
        for *_rest, entities, _record in jobs:
            entities.sort(key=lambda x: (x["start"], x["end"]))

    @property
    def _kgtext_tokens(self) -> bool:
        """The pipeline's tokens are :func:`kgtext.tokenize`'s (kgtext's tokenizer)."""
        from kgtext.pipeline import KgTokenizer

        return isinstance(self.nlp.tokenizer, KgTokenizer)

    def _normalized_doc(self, text: str) -> Any:
        """A doc of normalised *text*, marked so (the sector features then read its
        tokens instead of normalising and tokenising the text again)."""
        from kgtext.sectors.component import NORMALIZED_KEY, TOKENS_KEY

        doc, tokens = self.nlp.tokenizer.make_with_tokens(text)
        doc.user_data[NORMALIZED_KEY] = True
        doc.user_data[TOKENS_KEY] = tokens
        return doc

    def _apply_context(
        self, jobs: list[_Job], context: list[list[tuple[int, dict[str, float], Any]]]
    ) -> None:
        """Raise each passage's sector probabilities by its article's
        (:mod:`kgtext.sectors.context`) and decide again at the model's thresholds.
        An article's features are the sum of its passages' (one prediction for all the
        articles of the batch); an article of one passage gets no context."""
        import numpy as np

        from kgtext.sectors.context import with_context
        from kgtext.sectors.inference import combine_parts

        model = self._context_model
        chosen = [(job, items) for job, items in zip(jobs, context, strict=True) if len(items) > 1]
        if not chosen:
            return
        articles = model.predict_proba_parts(
            [combine_parts([parts for _i, _p, parts in items]) for _job, items in chosen]
        )
        labels = [str(c) for c in model.classes_]
        digits = self.options.digits
        # every passage of the batch raised by its article's row in one array operation
        targets: list[dict[str, Any]] = []
        rows: list[list[float]] = []
        owner: list[int] = []
        for k, ((job, items), article) in enumerate(zip(chosen, articles, strict=True)):
            _text, _spans, passages, _entities, record = job
            record["sector_context"] = {
                label: round(a, digits) for label, a in zip(labels, article.tolist(), strict=True)
            }
            for i, probabilities, _parts in items:
                if i >= len(passages):
                    continue  # the title: context only
                targets.append(passages[i])
                rows.append([probabilities[label] for label in labels])
                owner.append(k)
        if not targets:
            return
        raised = with_context(np.array(rows), articles[owner], model.thresholds_)
        thresholds = model.thresholds_.tolist()
        for passage, row in zip(targets, raised.tolist(), strict=True):
            passage["sectors"] = [
                label for label, p, t in zip(labels, row, thresholds, strict=True) if p >= t
            ]
            passage["probabilities"] = {
                label: round(p, digits) for label, p in zip(labels, row, strict=True)
            }

    def _collect(
        self,
        doc: Any,
        text: str,
        base: int,
        mapping: Any,
        i: int,
        passages: list[dict[str, Any]],
        entities: list[dict[str, Any]],
        decide: bool = True,
    ) -> None:
        digits = self.options.digits
        if decide and i < len(passages):
            cats = doc.cats
            if self._has_sectors:
                sectors = list(doc._.sectors or ())
            else:
                sectors = [k for k, v in cats.items() if v >= 0.5]
            passages[i]["sectors"] = sectors
            passages[i]["probabilities"] = {k: round(float(v), digits) for k, v in cats.items()}
        for ent in doc.ents:
            s, e = ent.start_char, ent.end_char
            if mapping is not None:
                s, e = mapping.to_original(s, e)
            s += base
            e += base
            canonical = ent._.canonical if self._has_canonical else None
            value = ent._.value if self._has_value else None
            if not canonical and value is None:
                canonical = ent.ent_id_  # a user pattern's id when it names nothing else
            entities.append(
                {
                    "label": ent.label_,
                    "text": text[s:e],
                    # a date or number has a value and no name (not its pattern's id)
                    "canonical": canonical or None,
                    "value": value,
                    "start": s,
                    "end": e,
                }
            )

    def tag_items(self, items: Iterable[RawItem]) -> list[dict[str, Any]]:
        """Tag many raw items (one chunk) in this process, with one pipeline batch.

        If the batch fails, each item is redone alone, so a bad record costs only its
        own result (an error record), never its neighbours'.
        """
        prepared = [(item, *self._prepare_item(item)) for item in items]
        jobs = [job for _item, _record, job in prepared if job is not None]
        try:
            self._annotate_jobs(jobs)
        except Exception:
            return [self.tag_item(item) for item, _record, _job in prepared]
        return [record for _item, record, _job in prepared]


# ------------------------------------------------------------- parallel work

_WORKER: ArchiveTagger | None = None


#: Cyclic garbage collector thresholds while tagging. Tagging allocates many
#: short-lived containers (tokens, docs, passages) next to a large heap of long-lived
#: caches; with the default first threshold (700) the collector runs every few
#: passages and often walks the old generations: about 9 % of the tagging time.
GC_THRESHOLDS = (50_000, 50, 100)


@contextlib.contextmanager
def _collector_tuned() -> Iterator[None]:
    """Raise the collector's thresholds (:data:`GC_THRESHOLDS`) for the block."""
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _init_worker(options: TagOptions) -> None:
    global _WORKER
    _WORKER = ArchiveTagger(options)
    _WORKER.nlp  # noqa: B018 - load the pipeline once per worker
    # a worker only tags: its loaded pipeline is never garbage, and the collector
    # runs less often (see GC_THRESHOLDS)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _work_records(chunk: list[RawItem]) -> list[dict[str, Any]]:
    assert _WORKER is not None
    return _WORKER.tag_items(chunk)


def _work_lines(chunk: list[RawItem]) -> list[tuple[str, str | None]]:
    assert _WORKER is not None
    return [_serialize(r) for r in _WORKER.tag_items(chunk)]


def _serialize(record: dict[str, Any]) -> tuple[str, str | None]:
    """``(JSON line, status)``; status is ``None`` for an error, else the language."""
    status = None if "error" in record else record.get("language")
    return json.dumps(record, ensure_ascii=False) + "\n", status


def _chunks(
    items: Iterable[RawItem], size: int, max_chars: int = 1 << 20
) -> Iterator[list[RawItem]]:
    chunk: list[RawItem] = []
    chars = 0
    for item in items:
        chunk.append(item)
        payload = item[2]
        chars += len(payload) if isinstance(payload, bytes | str) else 1000
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk = []
            chars = 0
    if chunk:
        yield chunk


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_parallel(
    items: Iterable[RawItem],
    options: TagOptions,
    *,
    jobs: int = 1,
    chunk_size: int = 32,
    work: Callable[[list[RawItem]], list[Any]] = _work_records,
    tagger: ArchiveTagger | None = None,
) -> Iterator[list[Any]]:
    """Results of *work* for each chunk of *items*, in order.

    ``jobs == 1`` works in this process; otherwise a pool of *jobs* processes with at
    most ``4 * jobs`` chunks in flight (so reading never runs ahead of tagging).
    """
    if jobs <= 1:
        local = tagger or ArchiveTagger(options)
        try:
            for chunk in _chunks(items, chunk_size):
                with _collector_tuned():
                    results = local.tag_items(chunk)
                    if work is not _work_records:
                        results = [_serialize(r) for r in results]
                yield results
        finally:
            local.close()
        return
    pool = _context().Pool(jobs, initializer=_init_worker, initargs=(options,))
    try:
        window: deque[Any] = deque()
        for chunk in _chunks(items, chunk_size):
            window.append(pool.apply_async(work, (chunk,)))
            if len(window) >= 4 * jobs:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def tag_raw_items(
    items: Iterable[RawItem],
    options: TagOptions | None = None,
    *,
    jobs: int = 1,
    chunk_size: int = 32,
    tagger: ArchiveTagger | None = None,
) -> Iterator[dict[str, Any]]:
    """Output records for raw items (see :mod:`kgtext.archive.records`), in order."""
    options = options or TagOptions()
    for results in run_parallel(items, options, jobs=jobs, chunk_size=chunk_size, tagger=tagger):
        yield from results


def tag_records(
    records: Iterable[str | dict[str, Any]],
    *,
    jobs: int = 1,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    title_field: str = "title",
    max_bytes: int = 1_000_000,
    languages: Sequence[str] = ("ky",),
    normalize: bool = True,
    exclude: Sequence[str] = (),
    nlp: Any = None,
    chunk_size: int = 32,
    context: bool = True,
    max_chars: int = MAX_CHARS,
) -> Iterator[dict[str, Any]]:
    """Tag articles: one output record per input record, in input order.

    Parameters
    ----------
    records : iterable of str or dict
        Article texts, or dicts with the text under *text_field* (and optionally
        *id_field*, *date_field*, *title_field*, ``source``).
    jobs : int
        Worker processes (1: tag in this process).
    text_field, id_field, date_field, title_field : str
        Field names in dict records.
    max_bytes : int
        Texts longer than this (UTF-8 bytes) become error records.
    languages : sequence of str
        Languages tagged with the pipeline (others get passages only).
    normalize : bool
        Normalise passages before the pipeline (offsets still refer to the input).
    exclude : sequence of str
        Pipeline components to leave out.
    nlp : spacy.Language, optional
        A loaded pipeline to use when ``jobs == 1``.
    chunk_size : int
        Records per chunk sent to a worker.
    context : bool
        Raise passages' sector probabilities by their article's
        (:mod:`kgtext.sectors.context`).
    max_chars : int
        Passage length limit (:func:`kgtext.passages`).

    Yields
    ------
    dict
        ``{"id", "source", "language", "title", "date", "byline", "passages",
        "entities", "sector_context"}`` (``sector_context`` when the article went
        through the sectors pipe with context on) or ``{"id", "error", "source"}``.

    Examples
    --------
    >>> [r.get("error") for r in tag_records([{"id": 1, "text": None}, 5])]
    ['text is null', 'expected a str or a dict, got int']
    """
    options = TagOptions(
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        title_field=title_field,
        max_bytes=max_bytes,
        languages=tuple(languages),
        normalize=normalize,
        exclude=tuple(exclude),
        context=context,
        max_chars=max_chars,
    )
    tagger = ArchiveTagger(options, nlp) if jobs <= 1 else None
    yield from tag_raw_items(
        iter_items(records), options, jobs=jobs, chunk_size=chunk_size, tagger=tagger
    )


def options_dict(options: TagOptions) -> dict[str, Any]:
    """The options as plain JSON data (recorded in a run's progress file)."""
    data = asdict(options)
    data["languages"] = list(options.languages)
    data["exclude"] = list(options.exclude)
    return data
