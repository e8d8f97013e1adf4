"""Commit: one Parquet file per (shard, unit), written atomically, then a marker, written last.

A unit is ``samples`` (the shard's input rows) or a task name. Files appear by rename, so no
reader (DuckDB included) ever sees a partial file; temp files are dot-files that no
``*.parquet`` glob matches. A marker carries the unit's fingerprint: a rerun skips a unit only
when its marker exists and the fingerprint matches.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MARKERS = "_markers"


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{uuid.uuid4().hex[:8]}"
    try:
        write(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_table(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that it appears complete or not at all."""
    _atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


class TableWriter:
    """A Parquet file written batch by batch that appears, complete, only on ``commit()``.

    Until then it is a hidden temp file beside its final path; ``abort()`` (also safe after a
    commit) removes it. A unit with no rows still commits a file with its schema.
    """

    def __init__(self, path: Path, schema: pa.Schema):
        self.path, self.schema = path, schema
        self.tmp = path.parent / f".{path.name}.tmp-{uuid.uuid4().hex[:8]}"
        self.writer: pq.ParquetWriter | None = None

    def _open(self) -> pq.ParquetWriter:
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        return self.writer

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._open().write_table(table)

    def commit(self) -> None:
        self._open().close()
        with open(self.tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:  # closing a writer that failed mid-write: the file goes anyway
                pass
        self.tmp.unlink(missing_ok=True)


def marker_path(out: Path, shard: str, unit: str) -> Path:
    return out / MARKERS / f"{shard}.{unit}.json"


def write_marker(out: Path, shard: str, unit: str, fingerprint: str, counts: dict[str, Any]) -> None:
    body = {"shard": shard, "unit": unit, "fingerprint": fingerprint, "counts": counts, "time": time.time()}
    _atomic_write(marker_path(out, shard, unit), lambda tmp: tmp.write_text(json.dumps(body, indent=1)))


def read_marker(out: Path, shard: str, unit: str) -> dict[str, Any] | None:
    p = marker_path(out, shard, unit)
    try:
        return json.loads(p.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def is_committed(out: Path, shard: str, unit: str, fingerprint: str) -> bool:
    m = read_marker(out, shard, unit)
    return m is not None and m.get("fingerprint") == fingerprint


def table_path(out: Path, table: str, shard: str) -> Path:
    return out / table / f"{shard}.parquet"


def rejects_path(out: Path, shard: str, unit: str) -> Path:
    return out / "rejects" / f"{shard}.{unit}.parquet"
