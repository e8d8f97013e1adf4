"""Read input shards one at a time, streaming: img2dataset webdataset/parquet output or plain tables.

Each reader yields ``Sample`` or ``Reject`` values; nothing reads the whole dataset into memory.
Rows img2dataset marked as failed become rejects (stage ``source``) carrying its own reason.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import ShardError
from .rows import Reject, Sample
from .spec import InputSpec, SpecError

log = logging.getLogger(__name__)

IMAGE_EXTS = ("jpg", "jpeg", "png", "webp")
SUFFIX = {"webdataset": (".tar",), "parquet": (".parquet",), "table": (".parquet", ".csv")}


@dataclass(frozen=True)
class ShardRef:
    """One input shard: the unit of reading and of commit."""

    shard_id: str
    path: str
    input: InputSpec

    def signature(self) -> str:
        """Size + mtime of the shard (and its img2dataset sidecar): a changed input is detected."""
        parts = []
        for p in (Path(self.path), _sidecar(Path(self.path))):
            if p is not None and p.exists():
                st = p.stat()
                parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
        return "|".join(parts)


def list_shards(inputs: list[InputSpec]) -> list[ShardRef]:
    """Expand every input's path/glob into shards with job-unique ids."""
    refs: list[ShardRef] = []
    seen: set[str] = set()
    for i, spec in enumerate(inputs):
        paths = _expand(spec)
        if not paths:
            raise SpecError(f"inputs[{i}].path {spec.path!r} matches no {spec.format} shard")
        for p in paths:
            sid = Path(p).stem if Path(p).stem not in seen else f"{i}-{Path(p).stem}"
            seen.add(sid)
            refs.append(ShardRef(sid, p, spec))
    return refs


def _expand(spec: InputSpec) -> list[str]:
    p = Path(spec.path)
    if p.is_dir():
        candidates = sorted(str(c) for c in p.iterdir())
    else:
        candidates = sorted(glob.glob(spec.path))
    return [c for c in candidates if c.endswith(SUFFIX[spec.format])]


def read_shard(ref: ShardRef, limit: int | None = None) -> Iterator[Sample | Reject]:
    """Yield the shard's rows as samples or source rejects, at most ``limit`` of them.

    A shard that cannot be read at all is a ShardError naming the file: a structural fault of
    the input, reported as such, never a half-read shard.
    """
    readers = {"webdataset": _read_webdataset, "parquet": _read_i2d_parquet, "table": _read_table}
    pos = 0
    try:
        for n, item in enumerate(readers[ref.input.format](ref)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, Sample):
                item.pos, pos = pos, pos + 1
            yield item
    except (tarfile.TarError, pa.ArrowException, OSError) as e:
        raise ShardError(f"input shard {ref.path} cannot be read as {ref.input.format} "
                         f"({type(e).__name__}: {e}); fix or remove it, then rerun") from None


def _sidecar(tar_path: Path) -> Path | None:
    return tar_path.with_suffix(".parquet") if tar_path.suffix == ".tar" else None


def _read_webdataset(ref: ShardRef) -> Iterator[Sample | Reject]:
    # img2dataset writes a sidecar parquet listing every row of the shard, failed ones included;
    # the tar only holds successes. Failed rows come from the sidecar so none is lost.
    sidecar = _sidecar(Path(ref.path))
    if sidecar is not None and sidecar.exists():
        for rec in pq.read_table(sidecar, columns=None).to_pylist():
            if rec.get("status") not in (None, "success"):
                yield _source_reject(ref, rec)
    for key, members in _tar_groups(ref.path):
        yield _sample_from_members(ref, key, members)


def _tar_groups(path: str) -> Iterator[tuple[str, dict[str, bytes]]]:
    """Group consecutive tar members by key (webdataset convention: KEY.EXT)."""
    current: str | None = None
    group: dict[str, bytes] = {}
    with tarfile.open(path, mode="r|*") as tar:
        for m in tar:
            if not m.isfile():
                continue
            base = Path(m.name).name
            key, _, ext = base.partition(".")
            if key != current and group:
                yield current, group  # type: ignore[misc]
                group = {}
            current = key
            f = tar.extractfile(m)
            group[ext.lower()] = f.read() if f else b""
    if group and current is not None:
        yield current, group


def _sample_from_members(ref: ShardRef, key: str, members: dict[str, bytes]) -> Sample:
    try:
        meta = json.loads(members["json"]) if "json" in members else {}
    except ValueError:  # a torn metadata member: the row still has its key, image and caption
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    caption = _decode_text(members["txt"]) if "txt" in members else meta.get("caption")
    image = next((members[e] for e in IMAGE_EXTS if e in members), None)
    return _make_sample(ref, str(meta.get("key") or key), meta.get("url"), caption, image, meta)


def _decode_text(data: bytes) -> str:
    """UTF-8, else Windows-1252/Latin-1: invalid UTF-8 alt-text on the web is nearly always a
    legacy single-byte encoding ("caf\\xe9"), which decodes to its real letters, not to U+FFFD."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _read_i2d_parquet(ref: ShardRef) -> Iterator[Sample | Reject]:
    pf = pq.ParquetFile(ref.path)
    if "key" not in pf.schema_arrow.names:
        raise ShardError(f"{ref.path}: no 'key' column; is this img2dataset parquet output? "
                         f"(columns: {pf.schema_arrow.names}); for a plain table use format: table")
    img_col = next((c for c in IMAGE_EXTS if c in pf.schema_arrow.names), None)
    for batch in pf.iter_batches(batch_size=256):
        for rec in batch.to_pylist():
            if rec.get("status") not in (None, "success"):
                yield _source_reject(ref, rec)
                continue
            image = rec.pop(img_col, None) if img_col else None
            yield _make_sample(ref, str(rec["key"]), rec.get("url"), rec.get("caption"), image, rec)


def _read_table(ref: ShardRef) -> Iterator[Sample | Reject]:
    spec = ref.input
    for n, rec in enumerate(_table_records(ref.path)):
        if spec.caption_col not in rec:
            raise ShardError(
                f"{ref.path}: no column {spec.caption_col!r} (set inputs[].caption_col); "
                f"columns are {sorted(rec)}"
            )
        key = str(rec[spec.key_col]) if spec.key_col else f"{ref.shard_id}-{n:09d}"
        yield _make_sample(ref, key, rec.get(spec.url_col), rec[spec.caption_col], None, {})


def _table_records(path: str) -> Iterator[dict]:
    if path.endswith(".csv"):
        from pyarrow import csv

        reader = csv.open_csv(path)
        for batch in reader:
            yield from batch.to_pylist()
        return
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        yield from batch.to_pylist()


def _make_sample(ref: ShardRef, key: str, url, caption, image: bytes | None, meta: dict) -> Sample:
    return Sample(
        key=key,
        shard=ref.shard_id,
        url=url,
        alt_text=caption,
        image=image,
        width=meta.get("width"),
        height=meta.get("height"),
        image_sha256=hashlib.sha256(image).hexdigest() if image else None,
    )


def _source_reject(ref: ShardRef, rec: dict) -> Reject:
    return Reject(
        key=str(rec.get("key")),
        shard=ref.shard_id,
        stage="source",
        reason=str(rec.get("status")),
        detail=rec.get("error_message"),
    )
