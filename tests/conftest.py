"""Shared fixtures: real img2dataset shards from a loopback server, one local Ray, one vLLM engine.

Engines and Ray start once per test session (engine start is ~40 s on CPU), never per test.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach a model hub
os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")
os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from pipeline.rows import Sample  # noqa: E402
from pipeline.spec import JobSpec  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

TINY_LLM = {
    "model": "tiny://llm",
    "role": "llm",
    "max_model_len": 1024,
    "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.2},
}
TINY_VLM = {
    "model": "tiny://vlm",
    "role": "lvlm",
    "max_model_len": 2048,
    "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.2},
}


def sample(key: str = "k0", alt: str | None = "a red car", shard: str = "s0", **kw) -> Sample:
    """One-line row builder for unit tests."""
    return Sample(key=key, shard=shard, url=kw.pop("url", f"http://x/{key}.jpg"), alt_text=alt,
                  alt_text_clean=kw.pop("clean", alt), **kw)


# Random-weight models never stop on their own and write no language: the filters that judge
# finished, on-topic text would reject every output, so tiny-model jobs turn them off.
NOISE_FILTERS = {"truncation": False, "language": False, "facts": False, "min_similarity": 0}


def job_spec(tmp_path: Path, inputs: list[dict], **over) -> JobSpec:
    data = {
        "name": over.pop("name", "t"),
        "output": str(tmp_path / "out"),
        "inputs": inputs,
        "models": {"llm": TINY_LLM},
        "tasks": {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 2,
                              "filters": NOISE_FILTERS}},
        "execution": {"shards_in_flight": 2},
    }
    data.update(over)
    return JobSpec.model_validate(data)


@pytest.fixture(scope="session")
def i2d_shards(tmp_path_factory) -> Path:
    """img2dataset's own webdataset output, 24 images + 2 dead URLs, 10 rows per shard."""
    from pipeline.demo_data import make_shards

    root = tmp_path_factory.mktemp("i2d")
    return make_shards(root, n_images=24, per_shard=10, missing=2, seed=1)


@pytest.fixture(scope="session")
def i2d_parquet_shards(tmp_path_factory) -> Path:
    from pipeline.demo_data import make_shards

    root = tmp_path_factory.mktemp("i2d_pq")
    return make_shards(root, n_images=8, per_shard=5, missing=1, seed=2, output_format="parquet")


@pytest.fixture(scope="session")
def ray_local():
    import ray

    if not ray.is_initialized():
        # Logical CPUs: two engine actors (1 each) + shard workers; the machine has 2 cores.
        ray.init(num_cpus=4, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def engine_pool(ray_local):
    """Real vLLM engines (tiny random Qwen2 LLM, tiny random BLIP-2 VLM) in Ray actors, started
    once and shared by every end-to-end test."""
    from pipeline.executor import EnginePool
    from pipeline.spec import ModelSpec

    pool = EnginePool()
    pool.ensure([ModelSpec.model_validate(TINY_LLM), ModelSpec.model_validate(TINY_VLM)])
    yield pool
    pool.shutdown()


class RecordingPool:
    """The session's engine pool, recording which models a job asked it to start."""

    def __init__(self, pool):
        self.pool, self.asked = pool, []

    def ensure(self, specs, progress=None):
        self.asked.append(sorted(s.model for s in specs))
        self.pool.ensure(specs, progress)

    def client(self, spec):
        return self.pool.client(spec)

    def shutdown(self):
        pass


def free_port() -> int:
    """A loopback port nobody listens on (for servers the tests start)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
