"""Readers on real img2dataset output (made by img2dataset itself from a loopback server)."""

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.rows import Reject, Sample
from pipeline.sources import list_shards, read_shard
from pipeline.spec import InputSpec


def read_all(path, fmt="webdataset", **kw):
    items = []
    for ref in list_shards([InputSpec(path=str(path), format=fmt, **kw)]):
        items += list(read_shard(ref))
    return items


def test_webdataset_rows_and_failed_downloads(i2d_shards):
    items = read_all(i2d_shards / "*.tar")
    samples = [i for i in items if isinstance(i, Sample)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(items) == 26  # 24 images + 2 dead URLs: every input row accounted for
    assert len(samples) == 24 and len(rejects) == 2
    assert {r.reason for r in rejects} == {"failed_to_download"}
    assert all("404" in r.detail for r in rejects)
    s = samples[0]
    assert s.image[:2] == b"\xff\xd8" and len(s.image_sha256) == 64
    assert s.url.startswith("http://127.0.0.1") and s.width and s.height
    assert len({x.key for x in samples}) == 24


def test_limit_stops_early(i2d_shards):
    ref = list_shards([InputSpec(path=str(i2d_shards))])[0]
    assert len(list(read_shard(ref, limit=3))) == 3


def test_img2dataset_parquet_format(i2d_parquet_shards):
    items = read_all(i2d_parquet_shards, "parquet")
    assert len(items) == 9
    assert sum(isinstance(i, Reject) for i in items) == 1
    assert all(i.image for i in items if isinstance(i, Sample))


def test_plain_tables(tmp_path):
    pq.write_table(pa.table({"url": ["u1", "u2"], "caption": ["a", "b"]}), tmp_path / "t.parquet")
    (tmp_path / "t2.csv").write_text("url,text\nu3,c\n")
    assert [s.alt_text for s in read_all(tmp_path / "t.parquet", "table")] == ["a", "b"]
    rows = read_all(tmp_path / "t2.csv", "table", caption_col="text")
    assert rows[0].alt_text == "c" and rows[0].image is None


def test_shard_ids_are_unique_across_inputs(i2d_shards):
    spec = InputSpec(path=str(i2d_shards / "*.tar"))
    refs = list_shards([spec, spec])
    assert len({r.shard_id for r in refs}) == len(refs)
