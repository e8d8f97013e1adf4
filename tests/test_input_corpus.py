"""Every kind of bad input ends as a reject with its reason, or is kept cleaned; none is lost."""

from collections import Counter

from bad_inputs import GOOD, image, rows, write_tar
from conftest import job_spec
from test_shard import StandInEngine

from pipeline import dedup
from pipeline.images import decode_image
from pipeline.query import connect
from pipeline.shard import process_shard
from pipeline.sources import list_shards
from pipeline.tasks import build_tasks


def test_bad_corpus_rejects_with_reasons_and_loses_nothing(tmp_path):
    corpus = rows()
    write_tar(tmp_path / "in" / "00000.tar", corpus)
    # a second shard: one row repeats shard 0's "ok" row (same image bytes, same alt-text)
    again = [dict(key="ok_again", alt=b"A red lighthouse on a rocky coast", img=GOOD, expect="duplicate"),
             dict(key="fresh", alt=b"A blue door", img=GOOD, expect=None),
             dict(key="banner", alt=b"A key shard 0 used", img=image((73, 50)), expect="duplicate_key")]
    write_tar(tmp_path / "in" / "00001.tar", again)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "in" / "*.tar")}], name="bad")
    out, refs, tasks = spec.out_dir, list_shards(spec.inputs), build_tasks(spec)
    for ref in refs:
        dedup.index_shard(ref, out, None)
    dups = dedup.duplicates(out, [r.shard_id for r in refs])
    engine = StandInEngine()
    reports = [process_shard(ref, tasks, spec.input_filters, engine, out, "r1", dups=dups[ref.shard_id])
               for ref in refs]

    con = connect(out)
    rejected = Counter(con.sql("SELECT key, reason FROM rejects WHERE task IS NULL").fetchall())
    kept = Counter(k for (k,) in con.sql("SELECT key FROM samples").fetchall())
    for r in corpus + again:
        if r["expect"] is None:
            assert r["key"] in kept, (r["key"], [k for k in rejected if k[0] == r["key"]])
        else:
            assert rejected[(r["key"], r["expect"])] == 1, (r["key"], r["expect"], rejected)
    assert max(kept.values()) == 1  # every key once
    rows_in = sum(rep.rows_in for rep in reports)
    assert rows_in == len(corpus) + len(again) == kept.total() + rejected.total()
    detail = con.sql("SELECT detail FROM rejects WHERE key = 'ok_again'").fetchall()[0][0]
    assert detail == "of 00000/ok"  # which copy was kept instead
    clean = dict(con.sql("SELECT key, alt_text_clean FROM samples").fetchall())
    assert clean["entities"] == "Fish & chips <3"
    assert clean["bad_utf8"].startswith("café ")  # a Latin-1 alt-text, decoded as such
    # every kept image decodes to the RGB a vision model gets, whatever mode it came in
    for r in corpus:
        if r["key"] in kept and r["img"] and r["expect"] is None:
            assert decode_image(r["img"]).mode == "RGB"
    # every kept row went to the engine, K=2 variants each
    assert engine.calls["llm"] == 2 * kept.total()


def test_structural_faults_are_job_errors_naming_the_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    import pytest

    from pipeline.errors import ShardError
    from pipeline.sources import read_shard

    d = tmp_path / "in"
    d.mkdir()
    (d / "html.tar").write_bytes(b"<html>502 Bad Gateway</html>" * 30)
    (d / "zero.tar").write_bytes(b"")
    write_tar(d / "empty.tar", [])
    pq.write_table(pa.table({"url": ["u"], "caption": ["c"]}), d / "nokey.parquet")
    pq.write_table(pa.table({"url": ["u"], "text": ["c"]}), d / "nocaption.parquet")
    cases = [("html.tar", "webdataset", "cannot be read as webdataset"),
             ("zero.tar", "webdataset", "cannot be read as webdataset"),
             ("nokey.parquet", "parquet", "no 'key' column"),
             ("nocaption.parquet", "table", "no column 'caption'")]
    for name, fmt, message in cases:
        spec = job_spec(tmp_path, [{"path": str(d / name), "format": fmt}])
        (ref,) = list_shards(spec.inputs)
        with pytest.raises(ShardError, match=message) as e:
            list(read_shard(ref))
        assert str(d / name) in str(e.value)
    spec = job_spec(tmp_path, [{"path": str(d / "empty.tar")}])
    assert list(read_shard(list_shards(spec.inputs)[0])) == []  # an empty shard is just empty


def test_a_shard_error_inside_ray_reaches_the_driver_as_a_job_failure(tmp_path, ray_local):
    import pytest

    from pipeline.errors import JobFailed
    from pipeline.executor import _index_task, _result

    (tmp_path / "bad.tar").write_bytes(b"not a tar at all" * 64)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "bad.tar")}])
    (shard,) = list_shards(spec.inputs)
    ref = _index_task.options(num_cpus=0.1, max_retries=0).remote(shard, spec.out_dir, None)
    with pytest.raises(JobFailed, match="bad.tar cannot be read as webdataset"):
        _result(ref)
