"""The shard step: read → prefilter → (per task) render → engine → parse → postfilter → commit.

Pure of any executor: the engine is whatever object has ``generate(model, requests)``. The same
function runs in-process in a unit test and inside a Ray task in production.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from filters.base import apply_filters
from filters.image import ImageCheck
from filters.text import (
    AltTextLanguage,
    AltTextLength,
    Duplicate,
    HasAltText,
    HasImage,
    UniqueKey,
    clean_alt_text,
)

from . import __version__, commit
from .engine import EngineRequest, EngineResult
from .errors import ErrorBudgetExceeded
from .rows import Reject, Sample, rejects_table, samples_table
from .sources import ShardRef, read_shard
from .spec import InputFilterSpec
from .tasks import Task, Upstream

log = logging.getLogger(__name__)


ERROR_STAGES = ("engine", "parse")
MIN_REQUESTS_FOR_BUDGET = 10  # a handful of bad rows in a tiny shard is data, not a systemic fault


def check_error_budget(shard: str, task: str, rejects: list[Reject], requests: int, budget: float) -> None:
    errors = [r for r in rejects if r.stage in ERROR_STAGES]
    if requests < MIN_REQUESTS_FOR_BUDGET or len(errors) <= budget * requests:
        return
    top = ", ".join(f"{k} {n}" for k, n in Counter(f"{r.stage}:{r.reason}" for r in errors).most_common(3))
    example = next((r.detail for r in errors if r.detail), "")
    raise ErrorBudgetExceeded(
        f"{shard}/{task}: {len(errors)} of {requests} requests failed ({top}"
        f"; e.g. {example[:300]!r}), over the error budget execution.max_error_fraction={budget:g}. "
        "Nothing of this unit was committed; fix the cause (model, template, max_model_len) and rerun."
    )


class EngineClient(Protocol):
    def generate(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]: ...


class NoEngine:
    """For shards with nothing left to generate: asking it is a bug, said loudly."""

    def generate(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]:
        raise RuntimeError(f"no engine was started for {model}: this shard was judged complete")


@dataclass
class ShardReport:
    """What happened to one shard; summed into the run summary."""

    shard: str
    rows_in: int = 0
    kept: int = 0
    rejected: Counter[str] = field(default_factory=Counter)  # "stage:reason" -> rows
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)  # units skipped: committed with same fingerprint
    seconds: float = 0.0
    started: float = 0.0  # wall-clock start (time.time()), for run timelines
    # Engine calls as the executor's client timed them: model, replica, start, end, requests.
    engine_calls: list[dict[str, Any]] = field(default_factory=list)


def _hash(parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]


Dups = dict[int, tuple[str, str]]  # row position -> (reason, detail), from pipeline.dedup


def samples_fingerprint(ref: ShardRef, filters: InputFilterSpec, dups: Dups, limit) -> str:
    """The input shard as read (size + mtime), the input filters, and this shard's dedup verdicts."""
    return _hash({"input": ref.input.model_dump(), "sig": ref.signature(), "filters": filters.model_dump(),
                  "dups": sorted(dups.items()), "limit": limit, "code": __version__})


def unit_fingerprints(tasks: list[Task], samples_fp: str) -> dict[str, str]:
    """A task unit is stale when its task changed, its shard's kept rows changed, or a task it
    reads was redone: each fingerprint chains the samples' and its upstream tasks'."""
    fps: dict[str, str] = {}
    for t in tasks:  # dependency order: upstream fingerprints are already known
        fps[t.name] = _hash([t.fingerprint(), samples_fp, [fps[d] for d in t.spec.upstream()]])
    return fps


def input_filters(spec: InputFilterSpec, dups: Dups | None = None) -> list:
    fs: list = [UniqueKey(), HasAltText(), AltTextLength(spec.min_chars, spec.max_chars)]
    if spec.languages:
        fs.append(AltTextLanguage(spec.languages))
    if spec.require_image:
        fs.append(HasImage())
    if spec.check_images:
        fs.append(ImageCheck(spec.max_pixels, spec.min_side, spec.max_aspect))
    if dups:
        fs.append(Duplicate(dups))  # last: a duplicate of a rejected row is rejected for that reason
    return fs


def prefilter(ref: ShardRef, spec: InputFilterSpec, limit: int | None, dups: Dups | None = None):
    """Read the shard and apply input filters: (all samples read, kept samples, rejects)."""
    dups = dups or {}
    samples: list[Sample] = []
    rejects: list[Reject] = []
    for item in read_shard(ref, limit):
        (samples if isinstance(item, Sample) else rejects).append(item)  # type: ignore[arg-type]
    for s in samples:
        s.alt_text_clean = clean_alt_text(s.alt_text)

    def reject(s: Sample, f: str, why: str) -> Reject:
        detail = dups[s.pos][1] if s.pos in dups and why == dups[s.pos][0] else f
        return Reject(key=s.key, shard=s.shard, stage="input", reason=why, detail=detail)

    kept, dropped, _ = apply_filters(samples, input_filters(spec, dups), reject)
    return samples, kept, rejects + dropped


def pending_tasks(ref: ShardRef, tasks: list[Task], filters: InputFilterSpec, out: Path,
                  limit: int | None, force: bool, dups: Dups) -> list[Task]:
    """The tasks this shard still needs an engine for: those whose unit is not committed with its
    current fingerprint (what ``process_shard`` will run). Reads markers only."""
    if force:
        return list(tasks)
    fps = unit_fingerprints(tasks, samples_fingerprint(ref, filters, dups, limit))
    return [t for t in tasks if not commit.is_committed(out, ref.shard_id, t.name, fps[t.name])]


def is_done(ref: ShardRef, tasks: list[Task], filters: InputFilterSpec, out: Path, limit: int | None,
            dups: Dups) -> bool:
    """Is every unit of this shard, its samples too, committed with its current fingerprint?"""
    s_fp = samples_fingerprint(ref, filters, dups, limit)
    return commit.is_committed(out, ref.shard_id, "samples", s_fp) and not pending_tasks(
        ref, tasks, filters, out, limit, False, dups)


def process_shard(
    ref: ShardRef,
    tasks: list[Task],
    filters: InputFilterSpec,
    engine: EngineClient,
    out: Path,
    run_id: str,
    limit: int | None = None,
    force: bool = False,
    dups: Dups | None = None,
    max_error_fraction: float = 1.0,
) -> ShardReport:
    """Process one shard end to end, committing each (shard, unit) that is not already committed.

    ``dups`` names this shard's rows whose key or content an earlier row has (pipeline.dedup).
    """
    t0 = time.perf_counter()
    rep = ShardReport(ref.shard_id, started=time.time())
    dups = dups or {}
    s_fp = samples_fingerprint(ref, filters, dups, limit)
    fps = unit_fingerprints(tasks, s_fp)

    def done(unit: str, fp: str) -> bool:
        return not force and commit.is_committed(out, ref.shard_id, unit, fp)

    todo = [t for t in tasks if not done(t.name, fps[t.name])]
    rep.reused = [t.name for t in tasks if t not in todo]
    if not todo and done("samples", s_fp):
        return _report_from_markers(rep, out, tasks, t0)
    _samples, kept, rejects = prefilter(ref, filters, limit, dups)
    rep.rows_in, rep.kept = len(_samples) + sum(r.stage == "source" for r in rejects), len(kept)
    rep.rejected.update(f"{r.stage}:{r.reason}" for r in rejects)
    _commit_samples(out, ref, kept, rejects, rep, s_fp, reuse=done("samples", s_fp))
    upstream: Upstream = {}  # task -> its kept rows, for tasks that read or judge it
    readers = {d for t in tasks for d in t.spec.upstream()}
    for task in tasks:  # already in dependency order
        if task in todo:
            table = _run_task(task, kept, upstream, engine, out, ref.shard_id, run_id, rep, fps[task.name],
                              max_error_fraction)
        elif task.name in readers:
            table = pq.read_table(commit.table_path(out, task.name, ref.shard_id))
        if task.name in readers:
            upstream[task.name] = task.outputs(table)
    rep.seconds = time.perf_counter() - t0
    return rep


def _commit_samples(out: Path, ref: ShardRef, kept, rejects, rep: ShardReport, fp: str, reuse: bool):
    # Row accounting is exact: every row read is kept or rejected, checked before anything lands.
    if rep.kept + len(rejects) != rep.rows_in:
        raise AssertionError(f"{ref.shard_id}: {rep.rows_in} in != {rep.kept} kept + {len(rejects)} rejected")
    if reuse:
        rep.reused.append("samples")
        return
    commit.write_table(samples_table(kept), commit.table_path(out, "samples", ref.shard_id))
    commit.write_table(rejects_table(rejects), commit.rejects_path(out, ref.shard_id, "samples"))
    counts = {"rows_in": rep.rows_in, "kept": rep.kept, "rejected": dict(rep.rejected)}
    commit.write_marker(out, ref.shard_id, "samples", fp, counts)


def _run_task(task: Task, kept, upstream: Upstream, engine: EngineClient, out: Path, shard: str, run_id: str,
              rep: ShardReport, fingerprint: str, max_error_fraction: float = 1.0) -> pa.Table:
    planned, rejects = task.plan(kept, upstream)
    n_expected = task.expected(kept, upstream)
    t0 = time.time()
    results = engine.generate(task.model_name, [p.request for p in planned]) if planned else []
    planned, results = _retry_unparsable(task, engine, planned, results)
    t1 = time.time()
    table, gen_rejects = task.collect(planned, results, run_id)
    rejects += gen_rejects
    if table.num_rows + len(rejects) != n_expected:
        n = f"{table.num_rows} + {len(rejects)}"
        raise AssertionError(f"{shard}/{task.name}: {n_expected} expected != {n} rows + rejects")
    check_error_budget(shard, task.name, rejects, n_expected, max_error_fraction)
    commit.write_table(table, commit.table_path(out, task.name, shard))
    commit.write_table(rejects_table(rejects), commit.rejects_path(out, shard, task.name))
    counts = {
        "requests": n_expected,
        "rows": table.num_rows,
        "rejected": dict(Counter(f"{r.stage}:{r.reason}" for r in rejects)),
        "prompt_tokens": sum(r.prompt_tokens for r in results),
        "cached_tokens": sum(r.cached_tokens for r in results),  # prefix-cache hits
        "output_tokens": sum(r.output_tokens for r in results),
        "engine_start": t0,  # wall clock: when the requests went out and came back
        "engine_end": t1,
    }
    commit.write_marker(out, shard, task.name, fingerprint, counts)
    rep.tasks[task.name] = counts
    return table


def _retry_unparsable(task: Task, engine: EngineClient, planned: list, results: list[EngineResult]):
    """Ask again, with a new seed, for outputs that do not parse, up to ``task.spec.retries`` times."""
    planned, results = list(planned), list(results)
    for attempt in range(1, task.spec.retries + 1):
        again = [i for i, (p, r) in enumerate(zip(planned, results, strict=True)) if task.unparsable(p, r)]
        if not again:
            break
        for i in again:
            planned[i] = task.reseeded(planned[i], attempt)
        for i, r in zip(again, engine.generate(task.model_name, [planned[i].request for i in again]),
                        strict=True):
            results[i] = r
    return planned, results


def _report_from_markers(rep: ShardReport, out: Path, tasks: list[Task], t0: float) -> ShardReport:
    m = commit.read_marker(out, rep.shard, "samples") or {}
    counts = m.get("counts", {})
    rep.rows_in, rep.kept = counts.get("rows_in", 0), counts.get("kept", 0)
    rep.rejected.update(counts.get("rejected", {}))
    rep.reused.append("samples")
    rep.seconds = time.perf_counter() - t0
    return rep
