"""Benchmark: engine efficiency and what surrounds it, every ratio in one run.

The same N prompts (unique captions, one rewrite each, the same per-row seeds, so every side
generates the same tokens; the script stops if rows or output tokens differ between sides):

- P1 engine efficiency: ``vllm.LLM.generate`` on all prompts at once (the engine's best case)
  against the whole caprefine job as users run it (default output filters on), and the same job
  with the CPU-side output filters (facts, language, fidelity) off. Engine start-up is excluded
  from both; the job includes reading shards, input filters, rendering, Ray, the actor hop,
  parsing, output filters and the Parquet commit. Where the job's time goes is printed from its
  shard timelines (waiting on the engine vs. the CPU side of the shard).
- P2 the per-sample pattern: caprefine's engine fed one request at a time, as some data tools
  call an engine, against the job.
- P3 memory: peak resident memory of all the job's processes with 1x and 10x rows per shard and
  with 4x larger images (``bench/scale.py``).
- P4 resume: re-running the finished job, wall clock, against its first run (engine start-up
  included, since a user waits for it).
- P5 replica balance: the job on two engine replicas, each one's busy time over the wall time
  (``bench/scale.py``; on a CPU box the figure is the balance, not the speed).
- P6 prefix reuse: the share of the job's prompt tokens vLLM served from its prefix cache, with
  the few-shot examples drawn per row (the default) and per variant (``example_draw: variant``).

    python bench/throughput.py --n 2000      # make bench
    python bench/throughput.py --quick       # a small run of everything (the tests run this)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale import MEMORY_CASES  # noqa: E402

from pipeline.demo_data import _NOISE, _SUBJECTS  # noqa: E402
from pipeline.spec import JobSpec  # noqa: E402


def make_input(folder: Path, n: int, shards: int) -> None:
    import random

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(0)
    # Unique captions: a repeated prompt would be served from the prefix cache whole.
    caps = [rng.choice(_NOISE).format(s=rng.choice(_SUBJECTS), n=1000 + i) for i in range(n)]
    per = (n + shards - 1) // shards
    for i in range(shards):
        chunk = caps[i * per : (i + 1) * per]
        pq.write_table(pa.table({"url": [None] * len(chunk), "caption": chunk}), folder / f"{i:05d}.parquet")


# The CPU-side output filters, off: what the job costs without them.
NO_CPU_FILTERS = {"facts": False, "language": False, "min_similarity": 0}


def spec_for(folder: Path, shards_in_flight: int, max_tokens: int, filters: bool = True,
             replicas: int = 1, draw: str | None = None) -> JobSpec:
    cpus = os.cpu_count() or 1
    return JobSpec.model_validate({
        "name": ("bench" if filters else "bench-nofilters") + (f"-x{replicas}" if replicas > 1 else "")
                + (f"-{draw}" if draw else ""),
        "output": str(folder / "out"),
        "inputs": [{"path": str(folder / "in" / "*.parquet"), "format": "table"}],
        "models": {"llm": {"model": "tiny://llm", "max_model_len": 1024, "replicas": replicas,
                           # 32-token KV blocks: the prefix cache reuses whole blocks, and vLLM's
                           # CPU default (128) is far coarser than its GPU default (16).
                           "engine_args": {"enforce_eager": True, "block_size": 32,
                                           "gpu_memory_utilization": 0.4 / replicas}}},
        "tasks": {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1,
                              "sampling": {"max_tokens": max_tokens}, "example_draw": draw,
                              "filters": {} if filters else NO_CPU_FILTERS}},
        # The job-wide duplicate pass would reject repeated captions that the raw side still
        # sends: both sides must generate the same rows.
        "input_filters": {"dedup": False},
        # Replicas reserve a CPU each; shard workers need some left beside them.
        "execution": {"shards_in_flight": shards_in_flight,
                      "num_cpus": cpus + (replicas if replicas > 1 else 0)},
    })


def planned_requests(spec: JobSpec):
    """Exactly the requests the job sends: same samples, filters, prompts and seeds."""
    from pipeline.shard import prefilter
    from pipeline.sources import list_shards
    from pipeline.tasks import build_tasks

    task = build_tasks(spec)[0]
    reqs = []
    for ref in list_shards(spec.inputs):
        _, kept, _ = prefilter(ref, spec.input_filters, None)
        reqs += [p.request for p in task.plan(kept, {})[0]]
    return reqs


def run_raw(folder: Path, args) -> dict:
    """(a) vllm.LLM.generate on all prompts at once: the engine's best case."""
    from vllm import LLM, SamplingParams

    from pipeline.engine import _cpu_workarounds, chat_token_ids, engine_args

    spec = spec_for(folder, args.shards_in_flight, args.max_tokens)
    reqs = planned_requests(spec)
    eargs = engine_args(spec.models["llm"])
    _cpu_workarounds(eargs)
    llm = LLM(**eargs)
    tok = llm.get_tokenizer()
    # Prompts go in as text, the way a user feeds LLM.generate; vLLM tokenizes inside the call,
    # as caprefine's engine does inside its timed region.
    prompts = [tok.decode(chat_token_ids(tok, r.messages)) for r in reqs]
    params = [SamplingParams(**r.sampling) for r in reqs]
    t0 = time.perf_counter()
    outs = llm.generate(prompts, params, use_tqdm=False)
    dt = time.perf_counter() - t0
    toks = sum(len(o.outputs[0].token_ids) for o in outs)
    return {"rows": len(outs), "seconds": dt, "output_tokens": toks}


def run_per_sample(folder: Path, args) -> dict:
    """P2: caprefine's engine (no Ray, no shards) fed one request at a time, awaiting each."""
    import asyncio

    from pipeline.engine import VLLMEngine

    spec = spec_for(folder, args.shards_in_flight, args.max_tokens)
    reqs = planned_requests(spec)
    eng = VLLMEngine(spec.models["llm"])

    async def one_by_one():
        return [(await eng.generate([r]))[0] for r in reqs]

    t0 = time.perf_counter()
    res = asyncio.run(one_by_one())
    dt = time.perf_counter() - t0
    eng.shutdown()
    return {"rows": len(res), "seconds": dt, "output_tokens": sum(r.output_tokens for r in res)}


def run_caprefine(folder: Path, args) -> dict:
    """P1, P4, P6: the job with default filters, again with the CPU-side filters off (one engine
    for both, started beforehand), then a rerun of the finished job."""
    from pipeline.executor import EnginePool, ensure_ray, run_job

    spec = spec_for(folder, args.shards_in_flight, args.max_tokens)
    ensure_ray(spec)
    pool = EnginePool()
    t0 = time.perf_counter()
    pool.ensure([spec.models["llm"]])
    startup = time.perf_counter() - t0
    try:
        t1 = time.perf_counter()
        on = run_job(spec, pool=pool, force=True)
        first_wall = startup + time.perf_counter() - t1
        off = run_job(spec_for(folder, args.shards_in_flight, args.max_tokens, filters=False), pool=pool,
                      force=True)
        shared = run_job(spec_for(folder, args.shards_in_flight, args.max_tokens, filters=False,
                                  draw="variant"), pool=pool, force=True).tasks["rewrite"]
    finally:
        pool.shutdown()
    t2 = time.perf_counter()
    again = run_job(spec)  # nothing left to do: no pool given, none needed
    rerun_wall = time.perf_counter() - t2
    if again.tasks:
        raise SystemExit(f"the rerun generated again: {again.tasks}")
    t = on.tasks["rewrite"]
    return {"rows": t["requests"], "seconds": on.seconds, "output_tokens": t["output_tokens"],
            "split": _split(on), "prompt_tokens": t["prompt_tokens"], "cached_tokens": t["cached_tokens"],
            "off": {"rows": off.tasks["rewrite"]["requests"], "seconds": off.seconds,
                    "output_tokens": off.tasks["rewrite"]["output_tokens"], "split": _split(off)},
            "first_wall": first_wall, "rerun_wall": rerun_wall,
            "shared": {k: shared[k] for k in ("requests", "prompt_tokens", "cached_tokens")}}


def run_memory(folder: Path, args) -> dict:
    from scale import run_memory as memory

    return memory(folder, args.mem_rows, args.mem_side, args.mem_cases.split(","))


def run_balance(folder: Path, args) -> dict:
    from scale import run_balance as balance

    return balance(spec_for(folder, args.shards_in_flight, args.max_tokens, replicas=2))


def _split(summary) -> dict:
    """Shard seconds spent waiting on the engine, and on everything else (the CPU side)."""
    engine = shard = 0.0
    for rep in summary.shard_timeline:
        shard += rep["seconds"]
        for t in rep["tasks"].values():
            engine += t.get("engine_end", 0) - t.get("engine_start", 0)
    return {"engine_s": engine, "cpu_side_s": shard - engine}


def child(mode: str, folder: Path, args, *extra: str) -> dict:
    # Each side runs in its own process so the two engines never share memory or CPU.
    cmd = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--n", str(args.n),
           "--shards", str(args.shards), "--shards-in-flight", str(args.shards_in_flight),
           "--max-tokens", str(args.max_tokens), "--mem-rows", str(args.mem_rows),
           "--mem-side", str(args.mem_side), *extra]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")]
    if out.returncode != 0 or not lines:
        sys.stderr.write(out.stderr[-5000:])
        raise SystemExit(f"{mode} run failed (exit {out.returncode})")
    return json.loads(lines[-1][len("RESULT "):])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="prompts (rows, one rewrite each)")
    ap.add_argument("--shards", type=int, default=8, help="input shards the rows are split into")
    ap.add_argument("--shards-in-flight", type=int, default=4)
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--mem-rows", type=int, default=128,
                    help="P3: rows per shard at 1x, and the job's batch_rows")
    ap.add_argument("--mem-side", type=int, default=512, help="P3: image side in px at 1x")
    ap.add_argument("--mem-cases", default=",".join(MEMORY_CASES), help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="a small run of everything: 64 rows, 16 tokens")
    ap.add_argument("--child", choices=["raw", "per_sample", "caprefine", "memory", "balance"])
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args()
    if args.quick:
        args.n, args.shards, args.max_tokens, args.mem_rows, args.mem_side = 64, 4, 16, 8, 128
    if args.child:
        fn = {"raw": run_raw, "per_sample": run_per_sample, "caprefine": run_caprefine, "memory": run_memory,
              "balance": run_balance}[args.child]
        print("RESULT " + json.dumps(fn(args.folder, args)), flush=True)
        return
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / "in").mkdir()
        make_input(folder / "in", args.n, args.shards)
        raw, job, single, bal = (child(m, folder, args)
                                 for m in ("raw", "caprefine", "per_sample", "balance"))
        # P3: each case in a fresh process (its own Ray and engine); --quick runs them in one.
        groups = [MEMORY_CASES] if args.quick else [(c,) for c in MEMORY_CASES]
        mem = {k: v for g in groups
               for k, v in child("memory", folder, args, "--mem-cases", ",".join(g)).items()}
    off = job["off"]
    sides = {"raw": raw, "job": job, "job, CPU filters off": off, "per-sample": single}
    for name, r in sides.items():
        print(f"{name:>21}: {r['rows']} rows in {r['seconds']:.2f}s = {r['rows'] / r['seconds']:.1f} rows/s, "
              f"{r['output_tokens'] / r['seconds']:.0f} output tokens/s ({r['output_tokens']} tokens)")
    work = {name: (r["rows"], r["output_tokens"]) for name, r in sides.items()}
    work["two replicas (P5)"] = (bal["rows"], bal["output_tokens"])
    if len(set(work.values())) != 1:
        raise SystemExit(f"the sides did different work (rows, output tokens): {work}")
    rate = {name: r["rows"] / r["seconds"] for name, r in sides.items()}
    for name, r in (("job", job), ("job, CPU filters off", off)):
        sp = r["split"]
        print(f"{name:>21}: shard workers spent {sp['engine_s']:.1f}s waiting on the engine and "
              f"{sp['cpu_side_s']:.1f}s on the CPU side (read, render, parse, filters, commit)")
    p1, p1_off = rate["job"] / rate["raw"], rate["job, CPU filters off"] / rate["raw"]
    print(f"P1 engine efficiency, job / raw rows/s:                {p1:.3f}")
    print(f"P1 with the CPU-side filters off:                      {p1_off:.3f}")
    print(f"P2 job / per-sample rows/s:                            {rate['job'] / rate['per-sample']:.1f}x")
    print_memory(mem)
    p4 = job["rerun_wall"] / job["first_wall"]
    print(f"P4 rerun of the finished job / first run (wall clock): {p4:.3f} "
          f"({job['rerun_wall']:.1f}s / {job['first_wall']:.1f}s)")
    share = job["cached_tokens"] / job["prompt_tokens"] if job["prompt_tokens"] else 0.0
    busy = ", ".join(f"{b:.1%}" for b in bal["busy"])
    print(f"P5 replica busy time / wall, two replicas:             {busy} (spread "
          f"{max(bal['busy']) - min(bal['busy']):.1%}; requests {bal['requests']}, {bal['wall']:.1f}s)")
    print(f"P6 prompt tokens from the prefix cache:                {share:.1%} "
          f"({job['cached_tokens']} of {job['prompt_tokens']}; examples drawn per row, the default)")
    sh = job["shared"]
    if sh["requests"] != job["rows"]:
        raise SystemExit(f"P6: the example_draw: variant run sent {sh['requests']} requests, "
                         f"not {job['rows']}")
    print(f"P6 with example_draw: variant:                         "
          f"{sh['cached_tokens'] / sh['prompt_tokens']:.1%} ({sh['cached_tokens']} of "
          f"{sh['prompt_tokens']}; one example draw per variant, shared by all rows)")


def print_memory(mem: dict) -> None:
    mib = 2**20
    base = mem["1x"]
    for name in MEMORY_CASES:
        m = mem[name]
        print(f"{'P3 ' + name:>25}: {m['rows']} rows (2 shards, batch_rows {m['batch_rows']}, "
              f"{m['side']} px): peak RSS all {m['all'] / mib:.0f} MiB "
              f"= engine {m['engine'] / mib:.0f} + CPU side {m['cpu_side'] / mib:.0f} MiB "
              f"({m['seconds']:.1f}s)")
    for name in ("10x rows", "4x pixels", "10x rows in one batch"):
        m = mem[name]
        print(f"P3 memory, {name} / 1x:{'':<{31 - len(name)}} all {m['all'] / base['all']:.2f}, "
              f"CPU side {m['cpu_side'] / base['cpu_side']:.2f}")


if __name__ == "__main__":
    main()
