"""Benchmark: the pipeline's CPU ceiling, with an engine that answers instantly.

On a GPU node the engine is fast and everything around it (reading, rendering, Ray, parsing,
output filters, commit) must keep up: an 8×H100 node with a 7-8B model writes on the order of
6k output tokens/s per GPU, over a hundred 48-token captions per second per GPU. This runs the
whole job as users run it (default filters) with a benchmark instrument in place of vLLM: an
engine client that answers every request at once with a recorded output. The recorded outputs
are the faithful generations of the labeled set (tests/data/filter_labels.jsonl, rows labeled
good), and each input row is the alt-text that output was written for, so the filters do the
work they do on real data. It prints, per task kind, rows/s and rows/s per CPU core.

The image kinds (visual caption, describe) read webdataset shards of 512 px JPEGs, and the
instrument decodes and resizes each request's image as a vision model's processor does on the
engine's host before answering (vLLM runs that on the node's CPUs too). Each kind runs a short
warm-up job first, so the figure is a long job's steady state: a shard worker loads its models
(MiniLM, lingua) once, not per thousand rows.

The instrument is never the main path: it exists only here, passed to run_job as its pool.

    python bench/cpu_ceiling.py [--n 2000] [--workers 2] [--kinds rewrite,describe (JSON)] [--quick]
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
sys.path.insert(0, str(ROOT / "bench"))

from pipeline.engine import EngineRequest, EngineResult  # noqa: E402
from pipeline.spec import JobSpec  # noqa: E402

LABELS = ROOT / "tests" / "data" / "filter_labels.jsonl"
GPU_TOKENS_PER_S = 6000  # output tokens/s per GPU: datatrove's Qwen3-8B figure on an H100
CORES_PER_GPU = 12
# A row costs the GPU at least a 48-token caption's time: a shorter answer does not make its
# prompt's prefill free. Longer answers (describe) cost their measured length.
MIN_TOKENS_A_ROW = 48


class Recorded:
    """Answers each request with the recorded output written for its row's alt-text (the row's
    key, which leads the request id, names the labeled row)."""

    def __init__(self, outputs: list[str], json_answer: str):
        self.outputs, self.json_answer = outputs, json_answer
        self.timeline: list[dict] = []  # the run report's engine timeline: none here

    def generate(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]:
        out = []
        for r in requests:
            if r.image is not None:
                processed(r.image)
            row = int(r.id.split(":", 1)[0].split("-", 1)[0])
            text = self.json_answer if r.json_schema else self.outputs[row]
            prompt = r.messages[-1]["content"]
            out.append(EngineResult(r.id, text, "stop", len(prompt) // 4, max(1, len(text) // 4), 0.0))
        return out


def processed(image: bytes, side: int = 448):
    """What a vision model's processor does with an image on the engine's host: decode it
    upright in RGB, resize it to the model's input, scale and normalise it to floats."""
    import numpy as np
    from PIL import Image

    from pipeline.images import decode_image

    img = decode_image(image).resize((side, side), Image.Resampling.BICUBIC)
    return (np.asarray(img, dtype=np.float32) / 255.0 - 0.5) / 0.5


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


def make_input(folder: Path, good: list[dict], n: int, shards: int, images: bool) -> None:
    """Rows whose keys lead with the labeled row they repeat: a Parquet table, or webdataset
    shards with a 512 px photo-like JPEG per row for the image kinds."""
    import tarfile

    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq
    from scale import add_sample, photo_jpeg

    rng = np.random.default_rng(0)
    # a few distinct photos, reused: decoding is the cost
    jpegs = [photo_jpeg(rng, 512) for _ in range(16 if images else 0)]
    per = (n + shards - 1) // shards
    for i in range(shards):
        rows_ = [k % len(good) for k in range(i * per, min(n, (i + 1) * per))]
        chunk = [good[k]["source"] for k in rows_]
        keys = [f"{k}-{i:05d}{j:06d}" for j, k in enumerate(rows_)]  # labeled row first
        if not images:
            pq.write_table(pa.table({"key": keys, "url": [None] * len(chunk), "caption": chunk}),
                           folder / f"{i:05d}.parquet")
            continue
        with tarfile.open(folder / f"{i:05d}.tar", "w") as tar:
            for j, (key, cap) in enumerate(zip(keys, chunk, strict=True)):
                meta = {"key": key, "caption": cap, "status": "success"}
                add_sample(tar, key, jpegs[j % len(jpegs)], cap, meta)


def spec_for(folder: Path, task: dict, workers: int, images: bool) -> JobSpec:
    model = {"model": "tiny://vlm" if images else "tiny://llm", "role": "lvlm" if images else "llm",
             "num_cpus": 0}  # no engine runs: the recorder answers
    source = ({"path": str(folder / "in" / "*.tar"), "format": "webdataset"} if images else
              {"path": str(folder / "in" / "*.parquet"), "format": "table", "key_col": "key"})
    return JobSpec.model_validate({
        "name": "ceiling", "output": str(folder / "out"),
        "inputs": [source],
        "models": {"m": model},
        "tasks": {"t": {**task, "model": "m"}},
        "input_filters": {"dedup": False},  # the inputs repeat the labeled alt-texts on purpose
        "execution": {"shards_in_flight": workers, "shard_num_cpus": 1, "num_cpus": workers},
    })


DESCRIBE = json.dumps({
    "long_positive": "A red vintage car with chrome bumpers is parked on a cobbled street beside a "
                     "bakery with a striped awning; two people walk past on the pavement and a "
                     "bicycle leans against a lamp post in the soft evening light.",
    "long_negative": "A blue modern car with black bumpers is parked on an asphalt road beside a "
                     "pharmacy with a green sign; three people wait at a bus stop and a scooter "
                     "stands beside a tree in bright midday sun.",
    "tags_positive": ["red car", "cobbled street", "bakery", "awning", "bicycle", "lamp post"],
    "tags_negative": ["blue car", "bus stop", "scooter", "pharmacy", "midday sun", "tree"],
})

# name -> (task, the labeled task whose good outputs answer it, images?, JSON answer)
KINDS = {
    "rewrite": ({"kind": "rewrite", "template": "prompts/rewrite.j2", "variants": 1}, "rewrite", False,
                '{}'),
    "tags (JSON)": ({"kind": "tags", "template": "prompts/tags_text.j2"}, "rewrite", False,
                    '{"tags":["red car","street"]}'),
    "visual caption": ({"kind": "visual_caption", "template": "prompts/visual_caption_conditioned.j2"},
                       "visual_caption", True, "{}"),
    "describe (JSON)": ({"kind": "describe", "template": "prompts/describe.j2"}, "visual_caption", True,
                        DESCRIBE),
}


def run_kind(name: str, n: int, workers: int, shards: int):
    """One kind's job over ``n`` rows after a warm-up job; (summary, wall seconds)."""
    from pipeline.executor import ensure_ray, run_job

    task, labeled, images, answer = KINDS[name]
    good = rows(labeled)
    client = Recorded([r["output"] for r in good], answer)
    for rows_n in (min(n, 32 * workers), n):  # the warm-up, then the measured job
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            (folder / "in").mkdir()
            make_input(folder / "in", good, rows_n, shards, images)
            spec = spec_for(folder, task, workers, images)
            ensure_ray(spec)
            t0 = time.perf_counter()
            s = run_job(spec, pool=RecordedPool(client), force=True)
            wall = time.perf_counter() - t0
    return s, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="rows per task kind")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="shard workers (1 CPU each)")
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    ap.add_argument("--quick", action="store_true", help="64 rows per kind, one worker (the tests run this)")
    args = ap.parse_args()
    if args.quick:
        args.n, args.workers, args.shards = 64, 1, 2

    print(f"{args.n} rows per kind, {args.workers} shard workers (1 CPU each), default output filters")
    for name in args.kinds.split(","):
        s, wall = run_kind(name, args.n, args.workers, args.shards)
        t = s.tasks["t"]
        if t["requests"] != args.n:
            raise SystemExit(f"{name}: {t['requests']} requests for {args.n} rows: not the work asked for")
        rate = t["requests"] / s.seconds
        # the recorded answers' length (~4 chars a token), at least a 48-token caption's
        per_row = max(MIN_TOKENS_A_ROW, t["output_tokens"] / t["requests"])
        need = GPU_TOKENS_PER_S / per_row / CORES_PER_GPU
        print(f"{name:>15}: {t['requests']} requests ({t['rows']} kept) in {s.seconds:.1f}s "
              f"(wall {wall:.1f}s) = {rate:.1f} rows/s, {rate / args.workers:.1f} rows/s per core = "
              f"{rate / args.workers / need:.1f}x what a GPU node needs ({need:.1f} per core: "
              f"{GPU_TOKENS_PER_S} tokens/s per GPU / {per_row:.0f} tokens a row / {CORES_PER_GPU} cores)")


if __name__ == "__main__":
    main()
