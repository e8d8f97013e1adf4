"""A job submitted with `ray job submit` to a head started with `ray start --head` (loopback only)."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import free_port

from pipeline.query import connect

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def ray_head(tmp_path_factory):
    """A separate Ray cluster; `--block` ties its processes to one we can stop on teardown."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    # Ray 2.5x enables token auth on new clusters; head and client share this test's token.
    env.update(RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32))
    for attempt in range(3):  # a port picked free can be taken before ray binds it: try anew
        temp = tmp_path_factory.mktemp("rayhead")
        head, address = _start_head(env, temp)
        try:
            _wait_for_dashboard(address, env, head, temp / "ray-start.log")
            break
        except RuntimeError:
            if attempt == 2:
                raise
    yield address, env
    os.killpg(head.pid, signal.SIGTERM)
    head.wait(timeout=60)


def _start_head(env, temp):
    gcs, dash = free_port(), free_port()
    # Every port explicit: the test session's own local Ray already holds the default agent ports
    # (52365 for the job agent), and a head whose agent cannot bind never accepts a job.
    ports = [f"--{name}={free_port()}" for name in (
        "dashboard-agent-listen-port", "dashboard-agent-grpc-port", "runtime-env-agent-port",
        "metrics-export-port", "ray-client-server-port", "node-manager-port", "object-manager-port")]
    log = open(temp / "ray-start.log", "w")  # noqa: SIM115 (closed with the process)
    head = subprocess.Popen(
        [BIN / "ray", "start", "--head", "--block", f"--port={gcs}", "--node-ip-address=127.0.0.1",
         "--num-cpus=2", "--include-dashboard=true", "--dashboard-host=127.0.0.1",
         f"--dashboard-port={dash}", f"--temp-dir={temp}", "--disable-usage-stats", *ports],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    return head, f"http://127.0.0.1:{dash}"


def _wait_for_dashboard(address, env, head, log: Path, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if head.poll() is not None:
            raise RuntimeError(f"ray start exited with {head.returncode}:\n{log.read_text()[-2000:]}")
        r = subprocess.run([BIN / "ray", "job", "list", "--address", address], env=env,
                           capture_output=True, text=True)
        if r.returncode == 0:
            return
        time.sleep(2)
    raise TimeoutError("Ray dashboard did not come up")


def test_job_submit_runs_the_job_on_the_cluster(ray_head, tmp_path, i2d_shards):
    address, env = ray_head
    work = tmp_path / "work"
    work.mkdir()
    out = tmp_path / "out"
    spec = {
        "name": "submitted",
        "output": str(out),
        "inputs": [{"path": str(i2d_shards / "*.tar")}],
        "models": {"llm": {"model": "tiny://llm", "max_model_len": 1024,
                           "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.2}}},
        "tasks": {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1,
                              "filters": {"truncation": False, "language": False, "facts": False,
                                          "min_similarity": 0}}},
        "execution": {"limit": 4},
    }
    (work / "job.yaml").write_text(yaml.safe_dump(spec))
    cmd = [BIN / "ray", "job", "submit", "--address", address, "--working-dir", str(work), "--",
           sys.executable, "-m", "pipeline.cli", "run", "job.yaml"]
    for _ in range(30):
        r = subprocess.run(cmd, env={**env, "HF_HUB_OFFLINE": "1"}, capture_output=True, text=True,
                           timeout=900)
        # The head's job agent comes up a little after its dashboard answers: Ray says so, retry.
        if "No available agent" not in r.stdout + r.stderr:
            break
        time.sleep(2)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "rows in" in r.stdout  # the job's own summary, streamed back by ray job submit
    # Not a terminal: progress comes as plain lines, what it waits for first.
    assert "waiting: engines starting: tiny://llm ×1" in r.stdout, r.stdout[-3000:]
    assert "| shards 3/3 |" in r.stdout and "\x1b[" not in r.stdout.split("waiting:", 1)[1].split("\n", 1)[0]
    con = connect(out / "submitted")
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    assert kept > 0
    assert con.sql("SELECT count(*) FROM rewrite").fetchall()[0][0] + con.sql(
        "SELECT count(*) FROM rejects WHERE task = 'rewrite'").fetchall()[0][0] == kept
