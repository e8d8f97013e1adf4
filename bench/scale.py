"""Benchmark parts that need their own jobs: P3 memory per shard and P5 replica balance.

Run as children of ``bench/throughput.py`` (``make bench``), each in its own process.

- P3: a visual-caption job (tiny LVLM, images sent to the engine) over webdataset shards of
  1x rows, 10x rows, and 1x rows with images 2x the side (4x the pixels), one engine for all
  three, and the 10x shards once more read whole (``batch_rows`` = the shard) as a control. The
  peak resident memory of every process of the job (driver, Ray, shard workers,
  engine) is sampled while each runs, and printed whole and split into the engine and the
  CPU side, whose memory is what ``execution.batch_rows`` bounds. Each case runs in a fresh
  process with its own Ray and engine (in ``--quick``, all in one).
- P5: the rewrite job on two engine replicas: each replica's busy time (the union of its calls,
  as the shard workers timed them) over the job's wall time, and the spread between them.
"""

from __future__ import annotations

import io
import json
import os
import random
import tarfile
import threading
import time
from pathlib import Path
from typing import Any

from pipeline.spec import JobSpec


def photo_jpeg(rng, side: int) -> bytes:
    """A photo-like ``side`` px JPEG (a colour gradient with sensor-like noise), so that its size
    and decoding cost are realistic; ``rng`` is a numpy Generator."""
    import numpy as np
    from PIL import Image

    yy, xx = np.mgrid[0:side, 0:side] / side
    base = rng.uniform(0, 255, 3) * (0.5 + 0.5 * np.stack([xx, yy, (xx + yy) / 2], -1))
    noise = rng.normal(0, 12, (side, side, 3))
    buf = io.BytesIO()
    Image.fromarray(np.clip(base + noise, 0, 255).astype("uint8")).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def add_sample(tar: tarfile.TarFile, key: str, jpeg: bytes, caption: str, meta: dict) -> None:
    """One sample as img2dataset writes it into a webdataset tar: KEY.jpg, KEY.txt, KEY.json."""
    for ext, data in (("jpg", jpeg), ("txt", caption.encode()), ("json", json.dumps(meta).encode())):
        info = tarfile.TarInfo(f"{key}.{ext}")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def write_shards(folder: Path, shards: int, rows: int, side: int, seed: int = 0) -> None:
    """Webdataset shards laid out as img2dataset writes them, every image distinct."""
    import numpy as np

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(shards):
        with tarfile.open(folder / f"{s:05d}.tar", "w") as tar:
            for i in range(rows):
                key = f"{s:05d}{i:04d}"
                jpeg = photo_jpeg(rng, side)
                cap = f"photo {key} of a {random.Random(i).choice(['dog', 'boat', 'house', 'tree'])}"
                add_sample(tar, key, jpeg, cap, {"key": key, "url": f"http://127.0.0.1/{key}.jpg",
                                                 "caption": cap, "status": "success",
                                                 "width": side, "height": side})


class PeakRSS(threading.Thread):
    """Samples the resident memory of this process and all its descendants (Ray's daemons,
    workers and engine processes, when this process started Ray) and keeps the peaks."""

    def __init__(self, every_s: float = 0.1):
        super().__init__(daemon=True)
        import psutil

        self.me, self.every_s = psutil.Process(), every_s
        self.stop_ = threading.Event()
        self.groups: dict[int, str] = {}
        self.peak = {"all": 0, "engine": 0, "cpu_side": 0}

    def _group(self, p) -> str:
        if p.pid not in self.groups:
            chain = [p] + p.parents()
            cmds = " ".join(" ".join(q.cmdline()) for q in chain if q.pid != self.me.pid)
            self.groups[p.pid] = "engine" if ("EngineReplica" in cmds or "EngineCore" in cmds) else "cpu_side"
        return self.groups[p.pid]

    def sample(self) -> None:
        import psutil

        sums = {"engine": 0, "cpu_side": 0}
        for p in [self.me, *self.me.children(recursive=True)]:
            try:
                sums["cpu_side" if p.pid == self.me.pid else self._group(p)] += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        sums["all"] = sums["engine"] + sums["cpu_side"]
        for k, v in sums.items():
            self.peak[k] = max(self.peak[k], v)

    def run(self) -> None:
        while not self.stop_.is_set():
            self.sample()
            time.sleep(self.every_s)

    def __enter__(self) -> PeakRSS:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop_.set()
        self.join()


def memory_spec(inputs: Path, out: Path, batch_rows: int) -> JobSpec:
    return JobSpec.model_validate({
        "name": inputs.name,
        "output": str(out),
        "inputs": [{"path": str(inputs / "*.tar"), "format": "webdataset"}],
        "models": {"lvlm": {"model": "tiny://vlm", "role": "lvlm", "max_model_len": 1024,
                            "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.2}}},
        "tasks": {"visual_caption": {"template": "prompts/visual_caption.j2", "model": "lvlm",
                                     "sampling": {"max_tokens": 8},
                                     # random weights write noise: nothing to judge it by
                                     "filters": {"truncation": False, "language": False, "facts": False,
                                                 "min_similarity": 0, "min_words": 0}}},
        "input_filters": {"dedup": False},
        "execution": {"shards_in_flight": 2, "batch_rows": batch_rows, "num_cpus": os.cpu_count()},
    })


MEMORY_CASES = ("1x", "10x rows", "4x pixels", "10x rows in one batch")


def run_memory(folder: Path, rows: int, side: int, names: list[str]) -> dict:
    """P3: peak RSS of the job's processes for the named cases, one engine for them all (this
    process is one child of the benchmark: full runs give each case its own, so no case
    inherits another's memory)."""
    from pipeline.executor import EnginePool, ensure_ray, run_job

    # case -> (rows per shard, image side, input folder, batch_rows)
    cases = {"1x": (rows, side, "1x", rows), "10x rows": (10 * rows, side, "10x", rows),
             "4x pixels": (rows, 2 * side, "4x_pixels", rows),
             # the control: the 10x shards read whole, as one batch (what streaming saves)
             "10x rows in one batch": (10 * rows, side, "10x", 10 * rows)}
    specs = {}
    for name in names:
        n, px, sub, batch = cases[name]
        if not (folder / "mem" / sub).exists():
            write_shards(folder / "mem" / sub, 2, n, px)
        specs[name] = memory_spec(folder / "mem" / sub, folder / "mem-out", batch)
    first = next(iter(specs.values()))
    ensure_ray(first)
    pool = EnginePool()
    pool.ensure([first.models["lvlm"]])
    result: dict[str, Any] = {}
    try:
        for name, spec in specs.items():
            with PeakRSS() as rss:
                s = run_job(spec, pool=pool, force=True)
            t = s.tasks["visual_caption"]
            if s.rows_in != 2 * cases[name][0] or t["requests"] != s.rows_in:
                raise SystemExit(f"P3 {name}: {s.rows_in} rows in, {t['requests']} requests: expected "
                                 f"{2 * cases[name][0]} of each")
            result[name] = {"rows": s.rows_in, "seconds": s.seconds, "side": cases[name][1],
                            "batch_rows": cases[name][3], **rss.peak}
    finally:
        pool.shutdown()
    return result


def busy_seconds(calls: list[dict]) -> float:
    """The union of [start, end] intervals: time with at least one call outstanding."""
    busy, end = 0.0, float("-inf")
    for c in sorted(calls, key=lambda c: c["start"]):
        if c["end"] > end:
            busy += c["end"] - max(c["start"], end)
            end = c["end"]
    return busy


def run_balance(spec: JobSpec) -> dict:
    """P5: the job on ``replicas`` engine replicas; each one's busy time over the wall time."""
    from pipeline.executor import run_job

    s = run_job(spec, force=True)
    n = spec.models["llm"].replicas
    calls = [c for c in s.engine_calls if c["model"] == "llm"]
    t0 = min(r["started"] for r in s.shard_timeline)
    wall = max(r["started"] + r["seconds"] for r in s.shard_timeline) - t0
    busy = [busy_seconds([c for c in calls if c["replica"] == i]) / wall for i in range(n)]
    requests = [sum(c["requests"] for c in calls if c["replica"] == i) for i in range(n)]
    return {"rows": s.tasks["rewrite"]["requests"], "output_tokens": s.tasks["rewrite"]["output_tokens"],
            "wall": wall, "busy": busy, "requests": requests}
