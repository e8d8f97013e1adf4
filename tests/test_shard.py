"""The shard step in-process, with a deterministic stand-in engine (unit level; the real vLLM
engine is exercised in test_e2e.py). Checks accounting, commit, and fingerprint-based resume."""

import zlib
from collections import Counter

from conftest import job_spec

from pipeline.engine import EngineResult
from pipeline.query import connect
from pipeline.shard import ShardJob, process_shard
from pipeline.sources import list_shards
from pipeline.tasks import build_tasks


class StandInEngine:
    def __init__(self, fail_every: int = 0):
        self.calls = Counter()
        self.fail_every = fail_every

    def generate(self, model, requests):
        self.calls[model] += len(requests)
        out = []
        for i, r in enumerate(requests):
            if self.fail_every and i % self.fail_every == 0:
                out.append(EngineResult(r.id, None, None, 0, 0, 1.0, error="prompt_too_long: 9999 tokens"))
                continue
            alt = r.messages[-1]["content"].split("Alt-text:")[-1].split("\n")[0].strip()
            text = f"\n  A clear photo of {alt}, seen up close.\nsecond line ignored"
            out.append(EngineResult(r.id, text, "stop", 10, 5, 1.0))
        return out


def run(spec, engine, run_id="r1", force=False):
    tasks = build_tasks(spec)
    return [process_shard(ShardJob.of(spec, tasks, run_id, force), ref, engine)
            for ref in list_shards(spec.inputs)]


def test_accounting_and_tables(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}])
    reports = run(spec, StandInEngine())
    assert sum(r.rows_in for r in reports) == 26
    con = connect(spec.out_dir)
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    rej = con.sql("SELECT count(*) FROM rejects WHERE task IS NULL").fetchall()[0][0]
    assert kept + rej == 26
    per_key = con.sql("SELECT key, count(*) FROM rewrite GROUP BY key").fetchall()
    assert len(per_key) == kept and {n for _, n in per_key} == {2}
    text = con.sql("SELECT text FROM rewrite LIMIT 1").fetchall()[0][0]
    assert text.startswith("A clear photo of") and "\n" not in text


def test_rerun_reuses_committed_units(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}])
    run(spec, StandInEngine())
    again = StandInEngine()
    reports = run(spec, again, run_id="r2")
    assert sum(again.calls.values()) == 0
    assert all(set(r.reused) == {"rewrite", "samples"} for r in reports)
    forced = StandInEngine()
    run(spec, forced, run_id="r3", force=True)
    assert sum(forced.calls.values()) > 0
    con = connect(spec.out_dir)
    dup = con.sql("SELECT count(*) - count(DISTINCT (key, variant)) FROM rewrite").fetchall()[0][0]
    assert dup == 0


def test_changed_template_redoes_only_that_task(tmp_path, i2d_shards):
    tpl = tmp_path / "rw.j2"
    tpl.write_text(open("prompts/rewrite.j2").read())
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}],
                    tasks={"rewrite": {"template": str(tpl), "model": "llm", "variants": 1}})
    run(spec, StandInEngine())
    tpl.write_text(tpl.read_text().replace("clear, natural captions", "short captions"))
    eng = StandInEngine()
    reports = run(spec, eng, run_id="r2")
    assert sum(eng.calls.values()) > 0
    assert all(r.reused == ["samples"] for r in reports)


def test_engine_errors_become_rejects(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}])
    run(spec, StandInEngine(fail_every=3))
    con = connect(spec.out_dir)
    n_req = 2 * con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    kept = con.sql("SELECT count(*) FROM rewrite").fetchall()[0][0]
    rej = con.sql("SELECT count(*) FROM rejects WHERE task = 'rewrite' AND stage = 'engine'").fetchall()[0][0]
    assert rej > 0 and kept + rej == n_req
    reason = con.sql("SELECT DISTINCT reason FROM rejects WHERE stage = 'engine'").fetchall()
    assert reason == [("prompt_too_long",)]


def test_changed_input_shard_redoes_that_shard_and_its_dependents(tmp_path, i2d_shards):
    import os
    import shutil

    src = tmp_path / "in"
    shutil.copytree(i2d_shards, src)
    spec = job_spec(tmp_path, [{"path": str(src / "*.tar")}],
                    tasks={"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1},
                           "translate": {"template": "prompts/translate.j2", "model": "llm",
                                         "source": "rewrite", "languages": ["de"]}})
    run(spec, StandInEngine())
    first = sorted(src.glob("*.tar"))[0]
    st = first.stat()
    os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # the shard was re-downloaded
    eng = StandInEngine()
    reports = {r.shard: r for r in run(spec, eng, run_id="r2")}
    assert reports[first.stem].reused == []  # samples, rewrite and translate (reads rewrite) redone
    assert all(set(r.reused) == {"samples", "rewrite", "translate"} for s, r in reports.items()
               if s != first.stem)
    assert eng.calls["llm"] > 0


class FlakyJSONEngine:
    """Invalid JSON the first time a request is asked, valid JSON after."""

    def __init__(self):
        self.seen: set[str] = set()

    def generate(self, model, requests):
        out = []
        for r in requests:
            text = '{"tags": ["red car", "sea"]}' if r.id in self.seen else '{"tags": ["red car"'
            self.seen.add(r.id)
            out.append(EngineResult(r.id, text, "stop", 10, 5, 1.0))
        return out


def test_unparsable_outputs_are_asked_again_with_a_new_seed(tmp_path, i2d_shards):
    from pipeline.prompts import row_seed

    for retries, expect_rows in ((1, True), (0, False)):
        spec = job_spec(tmp_path / str(retries), [{"path": str(i2d_shards / "00000.tar")}],
                        tasks={"tags": {"template": "prompts/tags_text.j2", "model": "llm",
                                        "retries": retries}})
        run(spec, FlakyJSONEngine())
        con = connect(spec.out_dir)
        rows = con.sql("SELECT key, variant, seed FROM tags").fetchall()
        parse = con.sql("SELECT count(*) FROM rejects WHERE stage = 'parse'").fetchall()[0][0]
        kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
        if expect_rows:
            assert len(rows) == kept and parse == 0
            assert all(seed == row_seed(f"{k}#retry1", "tags", v) for k, v, seed in rows)
        else:
            assert rows == [] and parse == kept


class RecordingEngine(StandInEngine):
    """The stand-in engine failing a request by its id (not its place in a call), and
    remembering the largest call it was asked."""

    def __init__(self):
        super().__init__()
        self.largest = 0

    def generate(self, model, requests):
        self.largest = max(self.largest, len(requests))
        fails = [r for r in requests if zlib.crc32(r.id.encode()) % 4 == 0]
        answers = {a.id: a for a in super().generate(model, [r for r in requests if r not in fails])}
        return [answers.get(r.id) or EngineResult(r.id, None, None, 0, 0, 1.0, error="prompt_too_long: 9999")
                for r in requests]


def test_rows_stream_in_batches_with_the_same_tables_as_a_whole_shard(tmp_path, i2d_shards):
    """A shard read 3 rows at a time (a task reading another's output included) lands exactly as
    read whole: same rows, rejects and counts; no engine call is larger than one batch's asks."""
    tasks = {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 2},
             "translate": {"template": "prompts/translate.j2", "model": "llm", "source": "rewrite",
                           "languages": ["de"]}}
    tables = {}
    for rows in (3, 1024):
        spec = job_spec(tmp_path / str(rows), [{"path": str(i2d_shards / "*.tar")}], tasks=tasks,
                        execution={"batch_rows": rows})
        eng = RecordingEngine()
        reports = run(spec, eng)
        assert eng.largest <= 2 * rows  # a batch's rows × the rewrite's 2 variants
        con = connect(spec.out_dir)
        tables[rows] = {
            t: con.sql(f"SELECT * EXCLUDE (latency_ms, run_id) FROM {t} ORDER BY ALL").fetchall()
            if t != "samples" else con.sql("SELECT * FROM samples ORDER BY ALL").fetchall()
            for t in ("samples", "rewrite", "translate")}
        tables[rows]["rejects"] = con.sql("SELECT * FROM rejects ORDER BY ALL").fetchall()
        tables[rows]["counts"] = sorted((r.shard, r.rows_in, r.kept, sorted(r.rejected.items()),
                                         {t: c["rows"] for t, c in r.tasks.items()}) for r in reports)
        assert not list(spec.out_dir.rglob(".*.tmp-*"))  # no temp file is left behind
    assert tables[3]["rewrite"] and {r[5] for r in tables[3]["rejects"]} == {None, "rewrite", "translate"}
    assert tables[3] == tables[1024]
