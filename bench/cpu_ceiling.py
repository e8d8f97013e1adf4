"""Benchmark: the pipeline's CPU ceiling, with an engine that answers instantly.

On a GPU node the engine is fast and everything around it (reading, rendering, Ray, parsing,
output filters, commit) must keep up: an 8×H100 node with a 7-8B model writes on the order of
6k output tokens/s per GPU, over a hundred 48-token captions per second per GPU. This runs the
whole job as users run it (default filters) with a benchmark instrument in place of vLLM: an
engine client that answers every request at once with a recorded output. The recorded outputs
are the faithful generations of the labeled set (tests/data/filter_labels.jsonl, rows labeled
good), and each input row is the alt-text that output was written for, so the filters do the
work they do on real data. It prints, per task kind, rows/s and rows/s per CPU core.

The instrument is never the main path: it exists only here, passed to run_job as its pool.

    python bench/cpu_ceiling.py [--n 2000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.engine import EngineRequest, EngineResult  # noqa: E402
from pipeline.spec import JobSpec  # noqa: E402

LABELS = ROOT / "tests" / "data" / "filter_labels.jsonl"
GPU_CAPTIONS_PER_S = 125  # ~6k output tokens/s per GPU (datatrove's Qwen3-8B figure) / 48 tokens
CORES_PER_GPU = 12


class Recorded:
    """Answers each request with the recorded output written for its row's alt-text (the row's
    key, which leads the request id, names the labeled row)."""

    def __init__(self, outputs: list[str], json_answer: str):
        self.outputs, self.json_answer = outputs, json_answer
        self.timeline: list[dict] = []  # the run report's engine timeline: none here

    def generate(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]:
        out = []
        for r in requests:
            row = int(r.id.split(":", 1)[0].split("-", 1)[0])
            text = self.json_answer if r.json_schema else self.outputs[row]
            prompt = r.messages[-1]["content"]
            out.append(EngineResult(r.id, text, "stop", len(prompt) // 4, max(1, len(text) // 4), 0.0))
        return out


class RecordedPool:
    """What run_job takes as its pool: no engine starts, the client is the recorder."""

    def __init__(self, client: Recorded):
        self._client = client

    def ensure(self, specs, progress=None) -> None:
        pass

    def client(self, spec) -> Recorded:
        return self._client

    def shutdown(self) -> None:
        pass


def rows(task: str) -> list[dict]:
    out = []
    for line in LABELS.read_text().splitlines():
        r = json.loads(line)
        if r["label"] == "good" and r["task"] == task and r["source"].strip():
            out.append(r)
    return out


def make_input(folder: Path, good: list[dict], n: int, shards: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    per = (n + shards - 1) // shards
    for i in range(shards):
        rows_ = [k % len(good) for k in range(i * per, min(n, (i + 1) * per))]
        chunk = [good[k]["source"] for k in rows_]
        keys = [f"{k}-{i:05d}{j:06d}" for j, k in enumerate(rows_)]  # labeled row first
        pq.write_table(pa.table({"key": keys, "url": [None] * len(chunk), "caption": chunk}),
                       folder / f"{i:05d}.parquet")


def spec_for(folder: Path, task: dict, workers: int) -> JobSpec:
    return JobSpec.model_validate({
        "name": "ceiling", "output": str(folder / "out"),
        "inputs": [{"path": str(folder / "in" / "*.parquet"), "format": "table", "key_col": "key"}],
        "models": {"llm": {"model": "tiny://llm", "num_cpus": 0}},  # no engine runs: the recorder answers
        "tasks": {"t": {**task, "model": "llm"}},
        "input_filters": {"dedup": False},  # the inputs repeat the labeled alt-texts on purpose
        "execution": {"shards_in_flight": workers, "shard_num_cpus": 1, "num_cpus": workers},
    })


KINDS = {
    "rewrite": ({"kind": "rewrite", "template": "prompts/rewrite.j2", "variants": 1}, "rewrite"),
    "tags (JSON)": ({"kind": "tags", "template": "prompts/tags_text.j2"}, "rewrite"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="rows per task kind")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="shard workers (1 CPU each)")
    ap.add_argument("--shards", type=int, default=8)
    args = ap.parse_args()
    from pipeline.executor import ensure_ray, run_job

    print(f"{args.n} rows per kind, {args.workers} shard workers (1 CPU each), default output filters")
    for name, (task, labeled) in KINDS.items():
        good = rows(labeled)
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            (folder / "in").mkdir()
            make_input(folder / "in", good, args.n, args.shards)
            spec = spec_for(folder, task, args.workers)
            ensure_ray(spec)
            client = Recorded([r["output"] for r in good], '{"tags":["red car","street"]}')
            t0 = time.perf_counter()
            s = run_job(spec, pool=RecordedPool(client), force=True)
            wall = time.perf_counter() - t0
        t = s.tasks["t"]
        if t["requests"] != args.n:
            raise SystemExit(f"{name}: {t['requests']} requests for {args.n} rows: not the work asked for")
        rate = t["requests"] / s.seconds
        need = GPU_CAPTIONS_PER_S / CORES_PER_GPU
        print(f"{name:>12}: {t['requests']} requests ({t['rows']} kept) in {s.seconds:.1f}s "
              f"(wall {wall:.1f}s with Ray and workers starting) = {rate:.1f} rows/s, "
              f"{rate / args.workers:.1f} rows/s per core; a GPU node needs {need:.1f} per core "
              f"({GPU_CAPTIONS_PER_S} captions/s per GPU, {CORES_PER_GPU} cores per GPU)")


if __name__ == "__main__":
    main()
