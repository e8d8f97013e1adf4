"""End to end on real components: img2dataset shards -> Ray -> vLLM (CPU) -> Parquet -> DuckDB."""

import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from conftest import RecordingPool, job_spec

from pipeline.executor import run_job
from pipeline.query import connect

pytestmark = pytest.mark.slow

PROVENANCE = ["model", "engine", "prompt_id", "prompt_hash", "sampling", "seed", "finish_reason",
              "prompt_tokens", "output_tokens", "latency_ms", "run_id"]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, i2d_shards, engine_pool):
    tmp = tmp_path_factory.mktemp("e2e")
    spec = job_spec(tmp, [{"path": str(i2d_shards / "*.tar")}], name="e2e")
    summary = run_job(spec, pool=engine_pool)
    return spec, summary


def q(spec, sql):
    return connect(spec.out_dir).sql(sql).fetchall()


def test_every_input_row_is_kept_or_rejected(demo_run):
    spec, summary = demo_run
    kept = q(spec, "SELECT count(*) FROM samples")[0][0]
    rejected = q(spec, "SELECT count(*) FROM rejects WHERE task IS NULL")[0][0]
    assert kept + rejected == 26 == summary.rows_in
    reasons = dict(q(spec, "SELECT reason, count(*) FROM rejects WHERE task IS NULL GROUP BY 1"))
    assert reasons["failed_to_download"] == 2


def test_every_kept_sample_has_k_rewrites(demo_run):
    spec, summary = demo_run
    missing = q(spec, """
        SELECT s.key, count(r.key) AS n,
               (SELECT count(*) FROM rejects x WHERE x.key = s.key AND x.task = 'rewrite') AS rej
        FROM samples s LEFT JOIN rewrite r USING (key) GROUP BY s.key HAVING n + rej != 2""")
    assert missing == []
    assert summary.tasks["rewrite"]["requests"] == 2 * summary.kept
    assert q(spec, "SELECT count(*) - count(DISTINCT (key, variant)) FROM rewrite")[0][0] == 0


def test_provenance_is_filled(demo_run):
    spec, summary = demo_run
    nulls = " + ".join(f"count(*) - count({c})" for c in PROVENANCE)
    assert q(spec, f"SELECT {nulls} FROM rewrite")[0][0] == 0
    row = q(spec, "SELECT model, prompt_id, sampling, run_id, output_tokens FROM rewrite LIMIT 1")[0]
    assert row[0] == "tiny://llm" and row[1] == "rewrite/laclip-v1"
    assert '"max_tokens": 48' in row[2] and row[3] == summary.run_id and row[4] > 0


def test_files_are_complete_parquet_and_no_temp_files_remain(demo_run):
    spec, _ = demo_run
    files = [p for p in spec.out_dir.rglob("*") if p.is_file() and "_runs" not in p.parts]
    assert not [p for p in files if ".tmp-" in p.name]
    for p in files:
        if p.suffix == ".parquet":
            pq.read_metadata(p)  # raises on a partial file


def test_rerun_skips_everything_and_keeps_exactly_once(demo_run, engine_pool):
    spec, first = demo_run
    pool = RecordingPool(engine_pool)
    again = run_job(spec, pool=pool)
    assert pool.asked == []  # a finished job starts no engine (nor Ray, nor a worker)
    assert again.tasks == {} and again.units_reused == 2 * first.shards
    assert (again.rows_in, again.kept, again.rejected) == (first.rows_in, first.kept, first.rejected)
    assert q(spec, "SELECT count(*) FROM rewrite")[0][0] == first.tasks["rewrite"]["rows"]


def test_prefix_cache_hits_are_counted(demo_run):
    """The rewrite prompts share their system prompt and few-shot examples: vLLM serves that
    prefix from its cache, and the run counts how much of the prompt it was."""
    _, first = demo_run
    t = first.tasks["rewrite"]
    assert 0 < t["cached_tokens"] < t["prompt_tokens"]
    share = t["cached_tokens"] / t["prompt_tokens"]
    print(f"prefix cache: {share:.0%} of {t['prompt_tokens']} prompt tokens")


def test_cli_query_prints_a_table(demo_run):
    spec, _ = demo_run
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "query", str(spec.out_dir),
                        "SELECT count(*) AS n FROM rewrite"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "n" in r.stdout and str(q(spec, "SELECT count(*) FROM rewrite")[0][0]) in r.stdout


def test_notebook_runs_on_the_output(demo_run):
    spec, _ = demo_run
    r = subprocess.run([sys.executable, "notebooks/explore_output.py", str(spec.out_dir)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "rows in = 26" in r.stdout and "rewrite/laclip-v1" in r.stdout
