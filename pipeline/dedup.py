"""Duplicates across a job: a key seen before (always: output tables are keyed by it), and exact
content duplicates, the same image bytes and cleaned alt-text (``input_filters.dedup``).

A cheap pass (it runs while the engines load) writes one small index per shard,
``_dedup/{shard}.parquet`` (row position, key, content hash). DuckDB then names, per shard, the
rows whose key or content an earlier row (by shard, then position) already has. The choice is
deterministic, so a rerun after a crash decides exactly as the first run did, and a shard's
decisions enter its fingerprint.
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
INDEX_SCHEMA = pa.schema([("pos", pa.int64()), ("key", pa.string()), ("hash", pa.string())])


def content_hash(s: Sample) -> str:
    """Image bytes (or, for text-only rows, the URL) + cleaned alt-text."""
    what = s.image_sha256 or f"url:{s.url or ''}"
    return hashlib.sha256(f"{what}\0{clean_alt_text(s.alt_text) or ''}".encode()).hexdigest()[:32]


def index_path(out: Path, shard: str) -> Path:
    return out / INDEX / f"{shard}.parquet"


def _index_fingerprint(ref: ShardRef, limit: int | None) -> str:
    return hashlib.sha256(json.dumps([ref.signature(), limit, __version__]).encode()).hexdigest()[:20]


def is_indexed(ref: ShardRef, out: Path, limit: int | None) -> bool:
    """Is the shard's content index committed for its input as it is now?"""
    return commit.is_committed(out, ref.shard_id, "dedup", _index_fingerprint(ref, limit))


def index_shard(ref: ShardRef, out: Path, limit: int | None) -> int:
    """Write the shard's content index unless one for the same input is committed; rows indexed."""
    fp = _index_fingerprint(ref, limit)
    if commit.is_committed(out, ref.shard_id, "dedup", fp):
        return 0
    rows = [(s.pos, s.key, content_hash(s)) for s in read_shard(ref, limit) if isinstance(s, Sample)]
    pos, keys, hashes = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [])
    table = pa.table({"pos": pos, "key": keys, "hash": hashes}, schema=INDEX_SCHEMA)
    commit.write_table(table, index_path(out, ref.shard_id))
    commit.write_marker(out, ref.shard_id, "dedup", fp, {"rows": len(keys)})
    return len(rows)


def duplicates(out: Path, shards: list[str], content: bool = True) -> dict[str, dict[int, tuple[str, str]]]:
    """shard -> {row position: (reason, detail)}: ``duplicate_key`` (its key came earlier) or
    ``duplicate`` (its content came earlier; only with ``content``). Detail names the kept row."""
    if not shards:
        return {}
    files = [str(index_path(out, s)) for s in shards]
    sql = """
        WITH t AS (
            SELECT shard, pos, key, hash
            FROM read_parquet($files, filename = true)
                 JOIN (SELECT unnest($files) AS filename, unnest($shards) AS shard) USING (filename)
        ),
        by_key AS (
            SELECT shard, pos, 'duplicate_key' AS reason, first_value(shard || '/' || key) OVER w AS kept,
                   1 AS priority
            FROM t WINDOW w AS (PARTITION BY key ORDER BY shard, pos)
            QUALIFY row_number() OVER w > 1
        ),
        by_content AS (
            SELECT shard, pos, 'duplicate' AS reason, first_value(shard || '/' || key) OVER w AS kept,
                   2 AS priority
            FROM t WINDOW w AS (PARTITION BY hash ORDER BY shard, pos)
            QUALIFY $content AND row_number() OVER w > 1
        )
        SELECT shard, pos, arg_min(reason, priority), arg_min(kept, priority)
        FROM (SELECT * FROM by_key UNION ALL SELECT * FROM by_content)
        GROUP BY shard, pos
    """
    found: dict[str, dict[int, tuple[str, str]]] = {s: {} for s in shards}
    params = {"files": files, "shards": shards, "content": content}
    for shard, pos, reason, kept in duckdb.execute(sql, parameters=params).fetchall():
        found[shard][pos] = (reason, f"of {kept}")
    return found
