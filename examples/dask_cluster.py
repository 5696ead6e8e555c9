"""Tag a folder of JSONL shards on a local Dask cluster.

    pip install 'kgtext[dask]'
    python examples/dask_cluster.py SHARDS_DIR OUT_DIR [--workers 2]

Each shard becomes one partition; each worker process loads the kgtext pipeline
once. The output folder gets one ``<shard>.tagged.jsonl`` per shard, with the same
records ``kgtext tag SHARD -o ...`` writes. Without arguments the example archive
(``examples/archive/articles.jsonl``) is split into three shards in a temporary
folder and tagged.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from kgtext.dask import tag_files


def split_example(folder: Path, shards: int = 3) -> list[Path]:
    """Split the example archive into *shards* JSONL files in *folder*."""
    source = Path(__file__).resolve().parent / "archive" / "articles.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // shards)
    paths = []
    for i in range(shards):
        path = folder / f"shard-{i:03d}.jsonl"
        path.write_text("".join(lines[i * size : (i + 1) * size]), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", nargs="?", help="folder of *.jsonl(.gz) shards")
    parser.add_argument("output", nargs="?", help="folder for the tagged shards")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        if args.shards:
            shards = sorted(p for p in Path(args.shards).iterdir() if ".jsonl" in p.name)
        else:
            shards = split_example(Path(tmp))
        out = Path(args.output or Path(tmp) / "tagged")
        out.mkdir(parents=True, exist_ok=True)
        with (
            LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster,
            Client(cluster) as client,
        ):
            print(f"dashboard: {client.dashboard_link}")
            bag = tag_files([str(p) for p in shards])
            targets = [out / (p.name.split(".jsonl")[0] + ".tagged.jsonl") for p in shards]
            # each worker writes its own partitions: nothing is gathered here
            bag.map(json.dumps, ensure_ascii=False).to_textfiles([str(t) for t in targets])
            for shard, target in zip(shards, targets, strict=True):
                with open(target, encoding="utf-8") as f:
                    records = [json.loads(line) for line in f]
                errors = sum("error" in r for r in records)
                print(f"{shard.name}: {len(records)} records, {errors} errors -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
