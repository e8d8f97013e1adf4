"""The run summary: rows in, kept, rejected by reason, per-task outputs, throughput."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .shard import ShardReport


@dataclass
class RunSummary:
    run_id: str
    out_dir: str
    shards: int
    rows_in: int
    kept: int
    rejected: dict[str, int]
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    units_reused: int = 0
    seconds: float = 0.0  # wall time of the shard work, engines already up
    engine_startup_s: float = 0.0
    rows_per_s: float = 0.0  # kept input rows through all tasks per second
    output_tokens_per_s: float = 0.0
    # For the HTML report's timeline: per shard its start, duration and per task engine window
    # (start, end, tokens); per engine call its model, replica, start, end (wall clock).
    shard_timeline: list[dict[str, Any]] = field(default_factory=list)
    engine_calls: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())


def summarize(
    run_id: str, out: Path, reports: list[ShardReport], seconds: float, startup: float
) -> RunSummary:
    rejected: Counter[str] = Counter()
    tasks: dict[str, Counter] = {}
    task_reasons: dict[str, Counter] = {}
    for r in reports:
        rejected.update(r.rejected)
        for name, c in r.tasks.items():
            t = tasks.setdefault(name, Counter())
            for k in ("requests", "rows", "prompt_tokens", "cached_tokens", "output_tokens"):
                t[k] += c.get(k, 0)  # markers written before cached_tokens was counted have none
            t["rejected"] += sum(c["rejected"].values())
            task_reasons.setdefault(name, Counter()).update(c["rejected"])
    out_tokens = sum(t["output_tokens"] for t in tasks.values())
    kept = sum(r.kept for r in reports)
    return RunSummary(
        run_id=run_id,
        out_dir=str(out),
        shards=len(reports),
        rows_in=sum(r.rows_in for r in reports),
        kept=kept,
        rejected=dict(rejected.most_common()),
        tasks={k: {**v, "rejected_by": dict(task_reasons[k].most_common())} for k, v in tasks.items()},
        units_reused=sum(len(r.reused) for r in reports),
        seconds=seconds,
        engine_startup_s=startup,
        rows_per_s=kept / seconds if seconds > 0 else 0.0,
        output_tokens_per_s=out_tokens / seconds if seconds > 0 else 0.0,
        shard_timeline=[_timeline(r) for r in reports],
        engine_calls=[{**c, "shard": r.shard} for r in reports for c in r.engine_calls],
    )


def _timeline(r: ShardReport) -> dict[str, Any]:
    keep = ("engine_start", "engine_end", "requests", "rows", "prompt_tokens", "output_tokens")
    return {"shard": r.shard, "started": r.started, "seconds": r.seconds, "reused": r.reused,
            "tasks": {name: {k: c[k] for k in keep if k in c} for name, c in r.tasks.items()}}
