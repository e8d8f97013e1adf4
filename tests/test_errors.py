"""Deliberate stops, as a user meets them: one message naming the fix, no traceback, exit != 0."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

CLI = [sys.executable, "-m", "pipeline.cli", "run"]


def job(tmp_path: Path, **over) -> Path:
    (tmp_path / "in.csv").write_text("url,caption\nhttp://x/1.jpg,a red car by the sea\n")
    spec = {
        "name": "e", "output": str(tmp_path / "out"),
        "inputs": [{"path": str(tmp_path / "in.csv"), "format": "table"}],
        "models": {"llm": {"model": "tiny://llm", "max_model_len": 1024,
                           "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.2}}},
        "tasks": {"rewrite": {"template": str(ROOT / "prompts" / "rewrite.j2"), "model": "llm"}},
    }
    for k, v in over.items():
        spec[k] = v
    path = tmp_path / "job.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


def run(path: Path, *sets: str) -> str:
    """stderr of a failed run, its lines joined (rich wraps them to the terminal's width)."""
    args = [a for s in sets for a in ("--set", s)]
    r = subprocess.run([*CLI, str(path), *args], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"}, cwd=ROOT)
    assert r.returncode != 0
    assert "Traceback" not in r.stdout + r.stderr, r.stderr[-3000:]
    return " ".join(r.stderr.split())


def test_missing_input_folder(tmp_path):
    err = run(job(tmp_path, inputs=[{"path": str(tmp_path / "nowhere" / "*.tar")}]))
    assert f"error: inputs[0].path '{tmp_path}/nowhere/*.tar' matches no webdataset shard" in err


def test_unknown_tiny_model(tmp_path):
    err = run(job(tmp_path), "models.llm.model=tiny://nope")
    assert "unknown tiny model 'tiny://nope'; the tiny models are tiny://llm, tiny://vlm" in err


@pytest.mark.slow  # starts a local Ray (about 10 s)
def test_cluster_that_cannot_fit_the_job(tmp_path):
    err = run(job(tmp_path), "execution.num_cpus=1")
    assert "job failed: the Ray cluster has 1 CPUs and the engine replicas reserve 1" in err
    assert "give Ray more CPUs (execution.num_cpus)" in err


@pytest.mark.slow  # starts a local Ray and the endpoint's client actor
def test_unreachable_endpoint(tmp_path):
    endpoint = {"base_url": "http://127.0.0.1:9/v1", "model": "some-model"}
    err = run(job(tmp_path, models={"llm": {"endpoint": endpoint}}))
    assert "job failed: the endpoint http://127.0.0.1:9/v1 cannot serve some-model: cannot reach" in err
    assert "Check models.*.endpoint and that the server is up" in err
