"""Benchmark: the same N prompts (a) straight through vllm.LLM.generate, (b) through a caprefine job.

Prints rows/s and output tokens/s of each and the ratio (b)/(a). Both use the same engine
arguments, the same rendered prompts and the same per-row seeds, so they generate the same tokens.
(a) gets the chat-templated prompts as text (rendered before its clock starts); (b) renders the
Jinja template and the chat template inside its clock.
Engine start-up is excluded from both; (b) includes everything else: reading shards, input
filters, prompt rendering, Ray scheduling, the actor hop, parsing, output filters and the Parquet
commit with markers.

    python bench/throughput.py --n 1000
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

from pipeline.demo_data import _NOISE, _SUBJECTS  # noqa: E402
from pipeline.spec import JobSpec  # noqa: E402


def make_input(folder: Path, n: int, shards: int) -> None:
    import random

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(0)
    caps = [rng.choice(_NOISE).format(s=rng.choice(_SUBJECTS), n=rng.randint(1000, 9999)) for _ in range(n)]
    per = (n + shards - 1) // shards
    for i in range(shards):
        chunk = caps[i * per : (i + 1) * per]
        pq.write_table(pa.table({"url": [None] * len(chunk), "caption": chunk}), folder / f"{i:05d}.parquet")


def spec_for(folder: Path, shards_in_flight: int, max_tokens: int) -> JobSpec:
    return JobSpec.model_validate({
        "name": "bench",
        "output": str(folder / "out"),
        "inputs": [{"path": str(folder / "in" / "*.parquet"), "format": "table"}],
        "models": {"llm": {"model": "tiny://llm", "max_model_len": 1024,
                           "engine_args": {"enforce_eager": True, "gpu_memory_utilization": 0.4}}},
        "tasks": {"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1,
                              "sampling": {"max_tokens": max_tokens}}},
        # The job-wide duplicate pass would reject repeated captions that the raw side still
        # sends: both sides must generate the same rows.
        "input_filters": {"dedup": False},
        "execution": {"shards_in_flight": shards_in_flight, "num_cpus": os.cpu_count()},
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


def run_async(folder: Path, args) -> dict:
    """Diagnostic: caprefine's VLLMEngine in-process (no Ray, no shards), all prompts at once."""
    import asyncio

    from pipeline.engine import VLLMEngine

    spec = spec_for(folder, args.shards_in_flight, args.max_tokens)
    reqs = planned_requests(spec)
    eng = VLLMEngine(spec.models["llm"])
    t0 = time.perf_counter()
    res = asyncio.run(eng.generate(reqs))
    dt = time.perf_counter() - t0
    eng.shutdown()
    return {"rows": len(res), "seconds": dt, "output_tokens": sum(r.output_tokens for r in res)}


def run_caprefine(folder: Path, args) -> dict:
    """(b) the whole caprefine job on Ray, engine started beforehand."""
    from pipeline.executor import EnginePool, ensure_ray, run_job

    spec = spec_for(folder, args.shards_in_flight, args.max_tokens)
    ensure_ray(spec)
    pool = EnginePool()
    pool.ensure([spec.models["llm"]])
    try:
        s = run_job(spec, pool=pool, force=True, on_shard=_timeline)
    finally:
        pool.shutdown()
    toks = s.tasks["rewrite"]["output_tokens"]
    return {"rows": s.tasks["rewrite"]["requests"], "seconds": s.seconds, "output_tokens": toks}


def _timeline(rep, done, total) -> None:
    t = rep.tasks.get("rewrite", {})
    print(f"shard {rep.shard}: start {rep.started:.2f} engine {t.get('engine_start', 0):.2f}"
          f"-{t.get('engine_end', 0):.2f} end {rep.started + rep.seconds:.2f}", file=sys.stderr)


def child(mode: str, folder: Path, args) -> dict:
    # Each side runs in its own process so the two engines never share memory or CPU.
    cmd = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--n", str(args.n),
           "--shards", str(args.shards), "--shards-in-flight", str(args.shards_in_flight),
           "--max-tokens", str(args.max_tokens)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")]
    if out.returncode != 0 or not lines:
        sys.stderr.write(out.stderr[-5000:])
        raise SystemExit(f"{mode} run failed (exit {out.returncode})")
    return json.loads(lines[-1][len("RESULT "):])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="prompts (rows, one rewrite each)")
    ap.add_argument("--shards", type=int, default=8, help="input shards the rows are split into")
    ap.add_argument("--shards-in-flight", type=int, default=4)
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--child", choices=["raw", "async", "caprefine"])
    ap.add_argument("--diagnose", action="store_true", help="also time the engine alone, no Ray")
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args()
    if args.child:
        res = {"raw": run_raw, "async": run_async, "caprefine": run_caprefine}[args.child](args.folder, args)
        print("RESULT " + json.dumps(res), flush=True)
        return
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / "in").mkdir()
        make_input(folder / "in", args.n, args.shards)
        modes = ("raw", "async", "caprefine") if args.diagnose else ("raw", "caprefine")
        results = {m: child(m, folder, args) for m in modes}
    for m, r in results.items():
        print(f"{m:>10}: {r['rows']} rows in {r['seconds']:.2f}s = {r['rows'] / r['seconds']:.1f} rows/s, "
              f"{r['output_tokens'] / r['seconds']:.0f} output tokens/s ({r['output_tokens']} tokens)")
    raw, job = results["raw"], results["caprefine"]
    if (raw["rows"], raw["output_tokens"]) != (job["rows"], job["output_tokens"]):
        raise SystemExit(f"the two sides did different work: raw {raw['rows']} rows / {raw['output_tokens']} "
                         f"tokens, caprefine {job['rows']} rows / {job['output_tokens']} tokens")
    a, b = (results[m]["rows"] / results[m]["seconds"] for m in ("raw", "caprefine"))
    print(f"ratio caprefine/raw rows/s: {b / a:.3f}")


if __name__ == "__main__":
    main()
