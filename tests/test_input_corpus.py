"""Every kind of bad input ends as a reject with its reason, or is kept cleaned; none is lost."""

from bad_inputs import GOOD, rows, write_tar
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
             dict(key="fresh", alt=b"A blue door", img=GOOD, expect=None)]
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
    reasons = dict(con.sql("SELECT key, reason FROM rejects WHERE task IS NULL").fetchall())
    kept = {k for (k,) in con.sql("SELECT key FROM samples").fetchall()}
    for r in corpus + again:
        if r["expect"] is None:
            assert r["key"] in kept, (r["key"], reasons.get(r["key"]))
        else:
            assert reasons.get(r["key"]) == r["expect"], r["key"]
    assert sum(rep.rows_in for rep in reports) == len(corpus) + len(again) == len(kept) + len(reasons)
    detail = con.sql("SELECT detail FROM rejects WHERE key = 'ok_again'").fetchall()[0][0]
    assert detail == "of 00000/ok"  # which copy was kept instead
    clean = dict(con.sql("SELECT key, alt_text_clean FROM samples").fetchall())
    assert clean["entities"] == "Fish & chips <3"
    assert clean["bad_utf8"].startswith("café ")  # a Latin-1 alt-text, decoded as such
    # every kept image decodes to the RGB a vision model gets, whatever mode it came in
    for r in corpus:
        if r["key"] in kept and r["img"]:
            assert decode_image(r["img"]).mode == "RGB"
    # every kept row went to the engine, K=2 variants each
    assert engine.calls["llm"] == 2 * len(kept)
