"""kgtext.dask on a real LocalCluster with two worker processes (about 20 s)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgtext.archive.records import flat_record
from kgtext.cli import main

from .conftest import ARTICLES

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _cli(path: Path, out: Path) -> list[dict]:
    assert main(["tag", "--quiet", str(path), "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dask_paths_give_the_cli_records(client, archive: Path, tmp_path: Path) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from kgtext.dask import tag_bag, tag_dataframe, tag_files

    # two shards, two partitions, two worker processes
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = [tmp_path / "s1.jsonl", tmp_path / "s2.jsonl"]
    shards[0].write_text("".join(lines[:3]), encoding="utf-8")
    shards[1].write_text("".join(lines[3:]), encoding="utf-8")
    expected = _cli(shards[0], tmp_path / "o1.jsonl") + _cli(shards[1], tmp_path / "o2.jsonl")

    got = tag_files([str(p) for p in shards]).compute()
    assert got == expected

    def strip(records: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "source"} for r in records]

    bag = db.from_sequence(ARTICLES, npartitions=2)
    got_bag = tag_bag(bag).compute()
    assert strip(got_bag) == strip(expected)
    assert got_bag[0]["source"] == "<bag>[0]:1"

    frame = pd.DataFrame(
        {
            "id": [a["id"] for a in ARTICLES],
            "text": [a["text"] for a in ARTICLES],
            "date": [a.get("date") for a in ARTICLES],
        }
    )
    ddf = dd.from_pandas(frame, npartitions=2)
    result = tag_dataframe(ddf, text_column="text", id_column="id", date_column="date").compute()
    assert list(result["id"]) == [a["id"] for a in ARTICLES]
    rows = result.to_dict("records")
    for row, record in zip(rows, expected, strict=True):
        want = flat_record(record)
        assert {k: v for k, v in row.items() if k != "source"} == {
            k: v for k, v in want.items() if k != "source"
        }


def test_missing_text_column(archive: Path) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from kgtext.dask import tag_dataframe

    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        tag_dataframe(ddf)
