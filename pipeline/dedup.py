"""Exact duplicates across a job: same image bytes and same cleaned alt-text; the first is kept.

A cheap pass (it runs while the engines load) writes one small index per shard,
``_dedup/{shard}.parquet`` (key, content hash). DuckDB then names, per shard, the rows whose
content an earlier (shard, key) already has. The choice is deterministic, so a rerun after a
crash decides exactly as the first run did, and a shard's decisions enter its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pyarrow as pa

from filters.text import clean_alt_text

from . import __version__, commit
from .rows import Sample
from .sources import ShardRef, read_shard

INDEX = "_dedup"
INDEX_SCHEMA = pa.schema([("key", pa.string()), ("hash", pa.string())])


def content_hash(s: Sample) -> str:
    """Image bytes (or, for text-only rows, the URL) + cleaned alt-text."""
    what = s.image_sha256 or f"url:{s.url or ''}"
    return hashlib.sha256(f"{what}\0{clean_alt_text(s.alt_text) or ''}".encode()).hexdigest()[:32]


def index_path(out: Path, shard: str) -> Path:
    return out / INDEX / f"{shard}.parquet"


def index_shard(ref: ShardRef, out: Path, limit: int | None) -> int:
    """Write the shard's content index unless one for the same input is committed; rows indexed."""
    fp = hashlib.sha256(json.dumps([ref.signature(), limit, __version__]).encode()).hexdigest()[:20]
    if commit.is_committed(out, ref.shard_id, "dedup", fp):
        return 0
    keys, hashes = [], []
    for item in read_shard(ref, limit):
        if isinstance(item, Sample):
            keys.append(item.key)
            hashes.append(content_hash(item))
    table = pa.table({"key": keys, "hash": hashes}, schema=INDEX_SCHEMA)
    commit.write_table(table, index_path(out, ref.shard_id))
    commit.write_marker(out, ref.shard_id, "dedup", fp, {"rows": len(keys)})
    return len(keys)


def duplicates(out: Path, shards: list[str]) -> dict[str, dict[str, str]]:
    """shard -> {key of a duplicate row: "shard/key" of the row kept in its place}."""
    if not shards:
        return {}
    files = [str(index_path(out, s)) for s in shards]
    rows = duckdb.sql(
        """
        SELECT shard, key, first_value(shard || '/' || key) OVER w AS kept,
               row_number() OVER w AS n
        FROM read_parquet($files, filename = true)
             JOIN (SELECT unnest($files) AS filename, unnest($shards) AS shard) USING (filename)
        WINDOW w AS (PARTITION BY hash ORDER BY shard, key)
        QUALIFY n > 1
        """,
        params={"files": files, "shards": shards},
    ).fetchall()
    found: dict[str, dict[str, str]] = {s: {} for s in shards}
    for shard, key, kept, _ in rows:
        found[shard][key] = kept
    return found
