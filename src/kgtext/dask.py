"""Tag article archives with Dask: a bag of records, a dataframe, or a list of files.

Needs the ``dask`` extra (``pip install 'kgtext[dask]'``); dask is imported when a
function here is called, never by ``import kgtext``. Each Dask worker process
loads the spaCy pipeline once (cached per worker and per set of options) and
tags whole partitions, so the records are exactly those of ``kgtext tag``:

* :func:`tag_files` — JSONL/CSV/Parquet/txt files, one partition per file; the
  records (``source`` included) equal those ``kgtext tag FILE...`` writes;
* :func:`tag_bag` — a bag of texts or dicts, a bag of output dicts;
* :func:`tag_dataframe` — a dataframe with a text column, a dataframe of flat rows
  (the columns of the CSV/Parquet output; ``passages``/``entities`` as JSON).

Examples
--------
>>> import dask.bag as db
>>> bag = tag_bag(db.from_sequence(["Бишкекте жыйын өттү.", None], npartitions=1))
>>> [r.get("error") for r in bag.compute(scheduler="sync")]
[None, 'expected a str or a dict, got NoneType']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kgtext.archive.records import FLAT_COLUMNS, RawItem, flat_record, iter_items, iter_raw
from kgtext.archive.tagger import ArchiveTagger, TagOptions

__all__ = ["tag_bag", "tag_dataframe", "tag_files"]

_TAGGERS: dict[TagOptions, ArchiveTagger] = {}


def _require(what: str = "dask.bag") -> Any:
    import importlib

    try:
        return importlib.import_module(what)
    except ImportError as exc:
        raise ImportError(
            f"kgtext.dask needs {what.split('.')[0]} ({exc}); install it with "
            "pip install 'kgtext[dask]'"
        ) from exc


def _tagger(options: TagOptions) -> ArchiveTagger:
    tagger = _TAGGERS.get(options)
    if tagger is None:
        tagger = _TAGGERS[options] = ArchiveTagger(options)
    return tagger


def _options(options: TagOptions | None, kwargs: dict[str, Any]) -> TagOptions:
    if options is not None and kwargs:
        raise TypeError("pass either options= or keyword options, not both")
    if options is not None:
        return options
    for key in ("languages", "exclude"):
        if key in kwargs:
            kwargs[key] = tuple(kwargs[key])
    return TagOptions(**kwargs)


def _tag_items(items: list[RawItem], options: TagOptions) -> list[dict[str, Any]]:
    return _tagger(options).tag_items(items)


def _tag_partition(part: Sequence[Any], index: int, options: TagOptions) -> list[dict[str, Any]]:
    return _tag_items(list(iter_items(part, origin=f"<bag>[{index}]")), options)


def _tag_file(paths: Sequence[str], input_format: str | None, options: TagOptions) -> list[Any]:
    items = iter_raw(
        list(paths),
        input_format=input_format,
        id_field=options.id_field,
        max_bytes=options.max_bytes,
    )
    tagger = _tagger(options)
    return [tagger.tag_item(item) for item in items]


def tag_files(
    paths: Sequence[str],
    *,
    input_format: str | None = None,
    options: TagOptions | None = None,
    **kwargs: Any,
) -> Any:
    """A ``dask.bag.Bag`` of the output records of *paths*, one partition per file.

    Keyword arguments are :class:`~kgtext.archive.TagOptions` fields
    (``text_field``, ``id_field``, ``max_bytes``, …).
    """
    db = _require("dask.bag")
    opts = _options(options, kwargs)
    files = [str(p) for p in paths]
    if not files:
        return db.from_sequence([], npartitions=1)
    return db.from_sequence(files, npartitions=len(files)).map_partitions(
        _tag_file, input_format, opts
    )


def tag_bag(bag: Any, *, options: TagOptions | None = None, **kwargs: Any) -> Any:
    """Tag a ``dask.bag.Bag`` of texts or dicts; returns a bag of output records.

    ``source`` is the item's own ``"source"`` field when it has one, else
    ``<bag>[partition]:n``.
    """
    db = _require("dask.bag")
    delayed = _require("dask").delayed
    opts = _options(options, kwargs)
    parts = [delayed(_tag_partition)(part, i, opts) for i, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def _tag_frame(
    frame: Any,
    text_column: str,
    id_column: str | None,
    date_column: str | None,
    title_column: str | None,
    options: TagOptions,
) -> Any:
    import pandas as pd

    items: list[RawItem] = []
    columns = [c for c in (text_column, id_column, date_column, title_column) if c]
    present = [c for c in columns if c in frame.columns]
    for index, values in zip(frame.index, frame[present].itertuples(index=False), strict=True):
        row = {k: (None if _isna(v) else v) for k, v in zip(present, values, strict=True)}
        record = {
            options.text_field: row.get(text_column),
            options.id_field: row.get(id_column) if id_column else None,
            options.date_field: row.get(date_column) if date_column else None,
            options.title_field: row.get(title_column) if title_column else None,
        }
        items.append((f"<dataframe>:{index}", "row", record))
    rows = [flat_record(r) for r in _tag_items(items, options)]
    return pd.DataFrame(rows, columns=list(FLAT_COLUMNS), index=frame.index, dtype=object)


def _isna(value: Any) -> bool:
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def tag_dataframe(
    ddf: Any,
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    date_column: str | None = None,
    title_column: str | None = None,
    options: TagOptions | None = None,
    **kwargs: Any,
) -> Any:
    """Tag a ``dask.dataframe.DataFrame``; returns one flat row per input row.

    The result has the columns of the CSV/Parquet output of ``kgtext tag``
    (``id, source, error, language, title, date, byline, sectors, passages,
    entities``, all strings; ``passages`` and ``entities`` are JSON) and the
    input's index; ``source`` is ``<dataframe>:<index>``.
    """
    _require("dask.dataframe")
    import pandas as pd

    opts = _options(options, kwargs)
    if text_column not in ddf.columns:
        raise KeyError(f"no column {text_column!r}; columns: {list(ddf.columns)}")
    meta = pd.DataFrame({c: pd.Series(dtype=object) for c in FLAT_COLUMNS})
    return ddf.map_partitions(
        _tag_frame,
        text_column,
        id_column if id_column in ddf.columns else None,
        date_column,
        title_column,
        opts,
        meta=meta,
    )
