"""The shard step: read → prefilter → (per task) render → engine → parse → postfilter → commit.

Pure of any executor: the engine is whatever object has ``generate(model, requests)``. The same
function runs in-process in a unit test and inside a Ray task in production.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import time
from collections import Counter
from collections.abc import Iterator
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
from .rows import REJECTS_SCHEMA, SAMPLES_SCHEMA, Reject, Sample, rejects_table, samples_table
from .sources import ShardRef, read_shard
from .spec import InputFilterSpec, JobSpec
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


class Prefilter:
    """Input hygiene for one shard, a batch at a time: the filters keep their state (keys seen)
    from batch to batch, so a shard read in batches is filtered exactly as if read whole."""

    def __init__(self, spec: InputFilterSpec, dups: Dups | None = None):
        self.dups = dups or {}
        self.filters = input_filters(spec, self.dups)

    def __call__(self, items: list[Sample | Reject]) -> tuple[list[Sample], list[Sample], list[Reject]]:
        """(samples read, kept samples, rejects: the reader's and the filters')."""
        samples = [i for i in items if isinstance(i, Sample)]
        rejects = [i for i in items if isinstance(i, Reject)]
        for s in samples:
            s.alt_text_clean = clean_alt_text(s.alt_text)

        def reject(s: Sample, f: str, why: str) -> Reject:
            dup = self.dups.get(s.pos)
            detail = dup[1] if dup and why == dup[0] else f
            return Reject(key=s.key, shard=s.shard, stage="input", reason=why, detail=detail)

        kept, dropped, _ = apply_filters(samples, self.filters, reject)
        return samples, kept, rejects + dropped


def prefilter(ref: ShardRef, spec: InputFilterSpec, limit: int | None, dups: Dups | None = None):
    """Read a whole shard and apply input filters: (all samples read, kept samples, rejects).
    For previews and tools; the shard step reads in batches (``process_shard``)."""
    return Prefilter(spec, dups)(list(read_shard(ref, limit)))


@dataclass(frozen=True)
class ShardJob:
    """What every shard of a run shares: its tasks, input filters, where and how to commit."""

    tasks: tuple[Task, ...]
    filters: InputFilterSpec
    out: Path
    run_id: str
    limit: int | None = None  # only the first N rows of each shard
    force: bool = False  # redo committed units
    max_error_fraction: float = 1.0
    batch_rows: int = 1024  # rows read, generated for and filtered at once: bounds a worker's memory

    @classmethod
    def of(cls, spec: JobSpec, tasks: list[Task], run_id: str, force: bool = False) -> ShardJob:
        ex = spec.execution
        return cls(tuple(tasks), spec.input_filters, spec.out_dir, run_id, ex.limit, force,
                   ex.max_error_fraction, ex.batch_rows)

    def fingerprints(self, ref: ShardRef, dups: Dups) -> tuple[str, dict[str, str]]:
        s_fp = samples_fingerprint(ref, self.filters, dups, self.limit)
        return s_fp, unit_fingerprints(list(self.tasks), s_fp)


def pending_tasks(job: ShardJob, ref: ShardRef, dups: Dups) -> list[Task]:
    """The tasks this shard still needs an engine for: those whose unit is not committed with its
    current fingerprint (what ``process_shard`` will run). Reads markers only."""
    if job.force:
        return list(job.tasks)
    _, fps = job.fingerprints(ref, dups)
    return [t for t in job.tasks if not commit.is_committed(job.out, ref.shard_id, t.name, fps[t.name])]


def is_done(job: ShardJob, ref: ShardRef, dups: Dups) -> bool:
    """Is every unit of this shard, its samples too, committed with its current fingerprint?"""
    s_fp, _ = job.fingerprints(ref, dups)
    return commit.is_committed(job.out, ref.shard_id, "samples", s_fp) and not pending_tasks(job, ref, dups)


def _batches(items: Iterator[Sample | Reject], rows: int) -> Iterator[list[Sample | Reject]]:
    while batch := list(itertools.islice(items, rows)):
        yield batch


def process_shard(job: ShardJob, ref: ShardRef, engine: EngineClient,
                  dups: Dups | None = None) -> ShardReport:
    """Process one shard end to end, committing each (shard, unit) that is not already committed.

    Rows stream through in batches of ``job.batch_rows``: a batch is read, filtered, generated
    for by every task in dependency order, and written to each unit's (hidden) file before the
    next is read, so a worker holds one batch of images whatever the shard's size. A unit
    appears, whole, only when the shard's last batch is through (``commit.TableWriter``).
    ``dups`` names this shard's rows whose key or content an earlier row has (pipeline.dedup).
    """
    t0 = time.perf_counter()
    rep = ShardReport(ref.shard_id, started=time.time())
    dups = dups or {}
    s_fp, fps = job.fingerprints(ref, dups)

    def done(unit: str, fp: str) -> bool:
        return not job.force and commit.is_committed(job.out, ref.shard_id, unit, fp)

    todo = [t for t in job.tasks if not done(t.name, fps[t.name])]
    rep.reused = [t.name for t in job.tasks if t not in todo]
    reuse_samples = done("samples", s_fp)
    if not todo and reuse_samples:
        return _report_from_markers(rep, job.out, job.tasks, t0)
    readers = {d for t in job.tasks for d in t.spec.upstream()}
    committed: Upstream = {  # tasks this shard reuses that others read: their text, read once
        t.name: t.outputs(pq.read_table(commit.table_path(job.out, t.name, ref.shard_id)))
        for t in job.tasks if t not in todo and t.name in readers}
    samples = _SamplesUnit(job.out, ref.shard_id, s_fp, reuse_samples)
    units = [_TaskUnit(t, job, ref.shard_id, fps[t.name]) for t in todo]
    prefilter_batch = Prefilter(job.filters, dups)
    try:
        for batch in _batches(read_shard(ref, job.limit), job.batch_rows):
            read, kept, rejects = prefilter_batch(batch)
            samples.add(read, kept, rejects)
            upstream = dict(committed)  # + this batch's rows of the tasks run here
            for unit in units:
                if unit.failed is None:
                    unit.failed = next((u.failed for u in units if u.failed and u.task.name in
                                        unit.task.spec.upstream()), None)  # its input is incomplete
                if unit.failed is None:
                    table = unit.run(kept, upstream, engine)
                    if unit.task.name in readers:
                        upstream[unit.task.name] = unit.task.outputs(table)
        samples.commit(rep)
        for unit in units:  # dependency order: a unit lands only after those it reads
            unit.commit(rep)
    finally:
        samples.abort()
        for unit in units:
            unit.abort()
    rep.seconds = time.perf_counter() - t0
    return rep


class _UnitFiles:
    """A unit's table and its rejects, written batch by batch, committed together, marker last."""

    def __init__(self, out: Path, shard: str, unit: str, schema: pa.Schema):
        self.out, self.shard, self.unit = out, shard, unit
        self.table = commit.TableWriter(commit.table_path(out, unit, shard), schema)
        self.rejects = commit.TableWriter(commit.rejects_path(out, shard, unit), REJECTS_SCHEMA)

    def write(self, table: pa.Table, rejects: list[Reject]) -> None:
        self.table.write(table)
        self.rejects.write(rejects_table(rejects))

    def commit(self, fingerprint: str, counts: dict[str, Any]) -> None:
        self.table.commit()
        self.rejects.commit()
        commit.write_marker(self.out, self.shard, self.unit, fingerprint, counts)

    def abort(self) -> None:
        self.table.abort()
        self.rejects.abort()


class _SamplesUnit:
    """The shard's ``samples`` unit and its row accounting, written batch by batch."""

    def __init__(self, out: Path, shard: str, fingerprint: str, reuse: bool):
        self.shard, self.fp = shard, fingerprint
        self.rows_in = self.kept = 0
        self.rejected: Counter[str] = Counter()
        self.files = None if reuse else _UnitFiles(out, shard, "samples", SAMPLES_SCHEMA)

    def add(self, read: list[Sample], kept: list[Sample], rejects: list[Reject]) -> None:
        # Row accounting is exact: every row read is kept or rejected, checked before anything lands.
        rows_in = len(read) + sum(r.stage == "source" for r in rejects)
        if len(kept) + len(rejects) != rows_in:
            raise AssertionError(f"{self.shard}: {rows_in} in != {len(kept)} kept + {len(rejects)} rejected")
        self.rows_in, self.kept = self.rows_in + rows_in, self.kept + len(kept)
        self.rejected.update(f"{r.stage}:{r.reason}" for r in rejects)
        if self.files is not None:
            self.files.write(samples_table(kept), rejects)

    def commit(self, rep: ShardReport) -> None:
        rep.rows_in, rep.kept = self.rows_in, self.kept
        rep.rejected.update(self.rejected)
        if self.files is None:
            rep.reused.append("samples")
            return
        counts = {"rows_in": self.rows_in, "kept": self.kept, "rejected": dict(self.rejected)}
        self.files.commit(self.fp, counts)

    def abort(self) -> None:
        if self.files is not None:
            self.files.abort()


class _TaskUnit:
    """One task's unit of one shard: generated for batch by batch, committed once, whole.

    A systemic failure (over the error budget) is known as soon as enough requests failed: the
    unit then stops asking the engine, the shard's other units go on, and the job stops after
    they are committed, with nothing of this one.
    """

    def __init__(self, task: Task, job: ShardJob, shard: str, fingerprint: str):
        self.task, self.job, self.shard, self.fp = task, job, shard, fingerprint
        self.files = _UnitFiles(job.out, shard, task.name, task.schema)
        self.expected = self.rows = 0
        self.rejected: Counter[str] = Counter()
        self.errors: list[Reject] = []  # engine and parse failures, for the error budget
        self.tokens = Counter[str]()
        self.engine_start: float | None = None
        self.engine_end = 0.0
        self.failed: ErrorBudgetExceeded | None = None

    def run(self, kept: list[Sample], upstream: Upstream, engine: EngineClient) -> pa.Table:
        task = self.task
        planned, rejects = task.plan(kept, upstream)
        n_expected = task.expected(kept, upstream)
        t0 = time.time()
        results = engine.generate(task.model_name, [p.request for p in planned]) if planned else []
        planned, results = _retry_unparsable(task, engine, planned, results)
        self.engine_start = t0 if self.engine_start is None else self.engine_start
        self.engine_end = time.time()
        table, gen_rejects = task.collect(planned, results, self.job.run_id)
        rejects += gen_rejects
        if table.num_rows + len(rejects) != n_expected:
            n = f"{table.num_rows} + {len(rejects)}"
            raise AssertionError(f"{self.shard}/{task.name}: {n_expected} expected != {n} rows + rejects")
        self.expected += n_expected
        self.rows += table.num_rows
        self.rejected.update(f"{r.stage}:{r.reason}" for r in rejects)
        self.errors += [r for r in rejects if r.stage in ERROR_STAGES]
        self.tokens.update(prompt_tokens=sum(r.prompt_tokens for r in results),
                           cached_tokens=sum(r.cached_tokens for r in results),  # prefix-cache hits
                           output_tokens=sum(r.output_tokens for r in results))
        self.files.write(table, rejects)
        try:
            check_error_budget(self.shard, task.name, self.errors, self.expected, self.job.max_error_fraction)
        except ErrorBudgetExceeded as e:
            self.failed = e
        return table

    def commit(self, rep: ShardReport) -> None:
        if self.failed is not None:
            raise self.failed
        counts = {
            "requests": self.expected,
            "rows": self.rows,
            "rejected": dict(self.rejected),
            **{k: self.tokens[k] for k in ("prompt_tokens", "cached_tokens", "output_tokens")},
            "engine_start": self.engine_start or time.time(),  # wall clock: first request out,
            "engine_end": self.engine_end or time.time(),  # last answer back
        }
        self.files.commit(self.fp, counts)
        rep.tasks[self.task.name] = counts

    def abort(self) -> None:
        self.files.abort()


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


def _report_from_markers(rep: ShardReport, out: Path, tasks: tuple[Task, ...], t0: float) -> ShardReport:
    m = commit.read_marker(out, rep.shard, "samples") or {}
    counts = m.get("counts", {})
    rep.rows_in, rep.kept = counts.get("rows_in", 0), counts.get("kept", 0)
    rep.rejected.update(counts.get("rejected", {}))
    rep.reused.append("samples")
    rep.seconds = time.perf_counter() - t0
    return rep
