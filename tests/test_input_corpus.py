"""Every kind of bad input ends as a reject with its reason, or is kept cleaned; none is lost."""

from collections import Counter

import pytest
import ray
from bad_inputs import GOOD, image, rows, write_tar
from conftest import job_spec
from test_shard import StandInEngine

from pipeline import dedup
from pipeline.images import decode_image
from pipeline.query import connect
from pipeline.shard import ShardJob, process_shard
from pipeline.sources import list_shards
from pipeline.tasks import build_tasks
from pipeline.verify import verify


def write_corpus(tmp_path):
    corpus = rows()
    write_tar(tmp_path / "in" / "00000.tar", corpus)
    # a second shard: one row repeats shard 0's "ok" row (same image bytes, same alt-text), one
    # reuses a key of shard 0
    again = [dict(key="ok_again", alt=b"A red lighthouse on a rocky coast", img=GOOD, expect="duplicate"),
             dict(key="fresh", alt=b"A blue door", img=GOOD, expect=None),
             dict(key="banner", alt=b"A key shard 0 used", img=image((73, 50)), expect="duplicate_key")]
    write_tar(tmp_path / "in" / "00001.tar", again)
    return corpus + again


def check_corpus(out, expected, reports) -> Counter:
    """Each row kept or rejected with its expected reason; every key once; nothing lost."""
    con = connect(out)
    rejected = Counter(con.sql("SELECT key, reason FROM rejects WHERE task IS NULL").fetchall())
    kept = Counter(k for (k,) in con.sql("SELECT key FROM samples").fetchall())
    for r in expected:
        if r["expect"] is None:
            assert r["key"] in kept, (r["key"], [k for k in rejected if k[0] == r["key"]])
        else:
            assert rejected[(r["key"], r["expect"])] == 1, (r["key"], r["expect"], rejected)
    assert max(kept.values()) == 1  # every key once
    assert sum(rep.rows_in for rep in reports) == len(expected) == kept.total() + rejected.total()
    detail = con.sql("SELECT detail FROM rejects WHERE key = 'ok_again'").fetchall()[0][0]
    assert detail == "of 00000/ok"  # which copy was kept instead
    clean = dict(con.sql("SELECT key, alt_text_clean FROM samples").fetchall())
    assert clean["entities"] == "Fish & chips <3"
    assert clean["bad_utf8"].startswith("café ")  # a Latin-1 alt-text, decoded as such
    v = verify(out)
    assert v.clean, v.problems
    return kept


def test_bad_corpus_rejects_with_reasons_and_loses_nothing(tmp_path):
    expected = write_corpus(tmp_path)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "in" / "*.tar")}], name="bad")
    out, refs, tasks = spec.out_dir, list_shards(spec.inputs), build_tasks(spec)
    for ref in refs:
        dedup.index_shard(ref, out, None)
    dups = dedup.duplicates(out, [r.shard_id for r in refs])
    engine = StandInEngine()
    reports = [process_shard(ShardJob.of(spec, tasks, "r1"), ref, engine, dups[ref.shard_id])
               for ref in refs]
    kept = check_corpus(out, expected, reports)
    # every kept image decodes to the RGB a vision model gets, whatever mode it came in
    for r in expected:
        if r["key"] in kept and r["img"] and r["expect"] is None:
            assert decode_image(r["img"]).mode == "RGB"
    assert engine.calls["llm"] == 2 * kept.total()  # every kept row went to the engine, K=2


@pytest.mark.slow
def test_bad_corpus_on_ray_and_vllm_with_a_vision_model(tmp_path, engine_pool):
    """The same corpus as a real job: the duplicate pass on Ray, images through the tiny BLIP-2
    (CMYK, palette + alpha, animated GIF), text through the tiny LLM."""
    from conftest import NOISE_FILTERS, TINY_LLM, TINY_VLM

    from pipeline.executor import run_job

    expected = write_corpus(tmp_path)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "in" / "*.tar")}], name="bad-ray",
                    models={"llm": TINY_LLM, "lvlm": TINY_VLM},
                    tasks={"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1,
                                       "filters": NOISE_FILTERS},
                           "visual_caption": {"template": "prompts/visual_caption.j2", "model": "lvlm",
                                              "filters": NOISE_FILTERS}})
    reports = []
    summary = run_job(spec, pool=engine_pool, on_shard=lambda rep, *_: reports.append(rep))
    kept = check_corpus(spec.out_dir, expected, reports)
    con = connect(spec.out_dir)
    captions = con.sql("SELECT count(*) FROM visual_caption").fetchall()[0][0]
    engine_errors = con.sql("SELECT count(*) FROM rejects WHERE stage = 'engine'").fetchall()[0][0]
    assert engine_errors == 0  # every image that passed the input filters, the VLM could take
    assert captions + con.sql("SELECT count(*) FROM rejects WHERE task = 'visual_caption'"
                              ).fetchall()[0][0] == kept.total()
    assert summary.rows_in == len(expected)


def test_structural_faults_are_job_errors_naming_the_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

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
    from pipeline.errors import JobFailed
    from pipeline.executor import ShardWorkerActor, _result

    (tmp_path / "bad.tar").write_bytes(b"not a tar at all" * 64)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "bad.tar")}])
    (shard,) = list_shards(spec.inputs)
    worker = ShardWorkerActor.options(num_cpus=0.1).remote([])
    try:
        with pytest.raises(JobFailed, match="bad.tar cannot be read as webdataset"):
            _result(worker.index.remote(shard, spec.out_dir, None))
    finally:
        ray.kill(worker)
