"""Execution on Ray: engine replicas and shard workers as actors. The only module importing ray.

The driver keeps ``shards_in_flight`` shard workers busy, a shard each; each streams its rows in
batches of ``batch_rows`` and sends a batch's requests to the engine actors at once, so while one
shard parses and commits, the engine is already generating for the next. A worker's memory is
bounded by its batch, never by the shard's or the dataset's size.
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ray

from . import dedup
from .commit import MARKERS
from .endpoint import EndpointEngine, EndpointError
from .engine import EngineDied, EngineRequest, EngineResult, VLLMEngine
from .errors import ClusterTooSmall, EngineFailed, JobFailed
from .lock import OutputLock
from .progress import Progress
from .report import RunSummary, summarize
from .runs import new_run_id, start_run
from .shard import NoEngine, ShardJob, ShardReport, is_done, pending_tasks, process_shard
from .sources import list_shards
from .spec import JobSpec, ModelSpec
from .tasks import Task, build_tasks
from .tiny import resolve_model
from .tiny_clip import resolve_clip

log = logging.getLogger(__name__)


class EngineReplica:
    """One vLLM replica. Async actor (``EngineActor``): thousands of generate calls are in flight at once.

    The engine is built in ``__init__`` so that Ray's restart of a dead actor (``max_restarts``)
    rebuilds it. When vLLM's engine core dies, the actor exits: Ray restarts it, and clients
    resend what was in flight (``RayEngineClient``).
    """

    def __init__(self, spec: ModelSpec):
        # A model that cannot load must fail once, in start(), not be restarted max_restarts times.
        self.engine: VLLMEngine | EndpointEngine | None = None
        self.error: str | None = None
        self.outstanding = 0  # requests accepted and not yet answered: this replica's load
        try:
            self.engine = EndpointEngine(spec) if spec.endpoint else VLLMEngine(spec)
        except EndpointError as e:
            self.error = str(e)
        except Exception as e:
            self.error = f"{type(e).__name__}: {e}"

    @ray.method  # typed handle methods: actor.start.remote() type-checks
    def start(self) -> dict[str, Any]:
        if self.engine is None:
            raise RuntimeError(f"engine {self.error}")
        return self.engine.info()

    @ray.method
    def ping(self) -> int:
        """Answers once the engine is up (after a restart too): the actor's process id."""
        return os.getpid()

    @ray.method
    def load(self) -> int:
        """Requests in flight here; clients send new work to the least-loaded replica."""
        return self.outstanding

    @ray.method
    async def generate(self, requests: list[EngineRequest]) -> list[EngineResult]:
        if self.engine is None:
            raise RuntimeError(f"engine did not restart: {self.error}")
        self.outstanding += len(requests)
        try:
            return await self.engine.generate(requests)
        except EngineDied as e:
            log.error("%s; exiting so that Ray restarts this engine", e)
            try:
                self.engine.shutdown()
            finally:
                os._exit(1)
        finally:
            self.outstanding -= len(requests)

    @ray.method
    def shutdown(self) -> None:
        if self.engine is not None:
            self.engine.shutdown()


# Applied as a call, not a class decorator: type checkers cannot see a decorator turn a class
# into an actor class, and would refuse EngineActor.options().
EngineActor = ray.remote(EngineReplica)

@dataclass
class EnginePool:
    """Running engine replicas, keyed by the model spec they serve; shareable across jobs."""

    replicas: dict[str, list[Any]] = field(default_factory=dict)  # model spec json -> actor handles
    startup_s: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def key(spec: ModelSpec) -> str:
        return spec.model_dump_json()

    def ensure(self, specs: list[ModelSpec], progress: Progress | None = None) -> None:
        """Start replicas for any model not yet served; all start in parallel."""
        progress = progress or Progress()
        pending = []
        for spec in specs:
            k = self.key(spec)
            if k in self.replicas:
                continue
            if spec.endpoint is None:
                resolve_model(spec.model)  # build tiny models here, once, before actors race to
            opts = {"num_cpus": reserved_cpus(spec), "num_gpus": spec.num_gpus, "max_concurrency": 10_000,
                    "max_restarts": spec.max_restarts, "max_task_retries": 0}
            actors = [EngineActor.options(**opts).remote(spec) for _ in range(spec.replicas)]
            self.replicas[k] = actors
            pending += [(k, a.start.remote()) for a in actors]
        if pending:
            names = Counter(json.loads(k)["model"] for k, _ in pending)
            progress.waiting("engines starting: " + ", ".join(f"{m} ×{n}" for m, n in names.items())
                             + " (a replica loads its model: minutes for a large one)")
        up: Counter[str] = Counter()
        for k, ref in pending:
            try:
                info = ray.get(ref)
            except ray.exceptions.RayTaskError as e:
                cause = getattr(e, "cause", e)
                endpoint = json.loads(k)["endpoint"]
                if endpoint:  # nothing of vLLM's own log would help: say what the server said
                    raise EngineFailed(f"the endpoint {endpoint['base_url']} cannot serve "
                                       f"{endpoint['model']}: {str(cause).removeprefix('engine ')}. "
                                       "Check models.*.endpoint and that the server is up") from None
                raise EngineFailed(f"the engine for {json.loads(k)['model']} failed to start: {cause}. "
                                   "Check models.*.max_model_len and engine_args; run with -v to see "
                                   "vLLM's own log") from None
            self.startup_s[k] = max(self.startup_s.get(k, 0.0), info["startup_s"])
            model = json.loads(k)["model"]
            up[model] += 1
            progress.engines_up(model, up[model], len(self.replicas[k]))
            log.info("engine replica up in %.1fs", info["startup_s"])

    def client(self, spec: JobSpec) -> RayEngineClient:
        return RayEngineClient({name: self.replicas[self.key(m)] for name, m in spec.models.items()
                                if self.key(m) in self.replicas}, spec.execution.request_chunk)

    def shutdown(self) -> None:
        for actors in self.replicas.values():
            for a in actors:
                try:
                    ray.get(a.shutdown.remote(), timeout=60)
                except Exception:  # the actor may already be gone; killing it is what matters
                    pass
                ray.kill(a)
        self.replicas.clear()


def reserved_cpus(spec: ModelSpec) -> float:
    """CPUs a replica's actor reserves: an endpoint's is an HTTP client and reserves none."""
    return 0.0 if spec.endpoint is not None else spec.num_cpus


# How long a client waits for a dead engine to come back (a restart loads the model again).
RESTART_WAIT_S = 1800.0
DEAD_FOR_GOOD_S = 10.0  # a call can race a death; an actor that stays dead this long is gone
LOAD_TIMEOUT_S = 5.0  # a replica that cannot say its load this fast gets no new work


class RayEngineClient:
    """What a shard worker holds: the actor handles of each model.

    A call's requests go out in chunks of ``chunk``, each to the replica with the fewest
    requests in flight (asked of the replicas themselves, so every shard worker sees the load
    of all), so a big shard, or the job's last shards, still keep every replica busy. A replica
    that is restarting does not answer and gets nothing.

    When the engine dies mid-call, the client waits for Ray to restart it and resends that
    chunk in halves, so a row that kills the engine every time ends alone, as an
    ``engine_crash`` reject, after about log2(n) more restarts; the other rows are served.
    """

    def __init__(self, handles: dict[str, list[Any]], chunk: int = 128):
        self.handles = handles
        self.chunk = chunk
        self.calls = 0
        self.timeline: list[dict[str, Any]] = []  # one record per answered call (run report)

    def generate(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]:
        if not requests:
            return []
        replicas = self.handles[model]
        loads = self._loads(replicas)
        sent = []
        for i in range(0, len(requests), self.chunk):
            chunk = requests[i:i + self.chunk]
            # Least loaded; ties go round, so idle replicas share a shard's first chunks.
            replica = min(loads, key=lambda r: (loads[r], (r - self.calls) % len(replicas)))
            loads[replica] += len(chunk)
            self.calls += 1
            sent.append((replica, chunk, time.time(), replicas[replica].generate.remote(chunk)))
        results: list[EngineResult] = []
        for replica, chunk, start, ref in sent:
            try:
                results += ray.get(ref)
                self._record(model, replica, start, len(chunk))
            except ray.exceptions.RayActorError as e:
                self._wait_for_restart(model, replicas[replica], e)
                results += self._resend(model, chunk)
        return results

    def _resend(self, model: str, requests: list[EngineRequest]) -> list[EngineResult]:
        """What was in flight when an engine died, again: in halves, until a killer row is alone."""
        if len(requests) == 1:
            log.warning("engine %s died on request %s alone: rejected as engine_crash", model, requests[0].id)
            return [EngineResult(requests[0].id, None, None, 0, 0, 0.0,
                                 error="engine_crash: the engine died serving this request alone")]
        log.warning("engine %s died with %d requests in flight; resending in halves", model, len(requests))
        mid = len(requests) // 2
        return self.generate(model, requests[:mid]) + self.generate(model, requests[mid:])

    @staticmethod
    def _loads(replicas: list[Any]) -> dict[int, int]:
        """Requests in flight per replica that answers; all of them (as idle) if none does, so
        the call finds out, and waits for, what is wrong."""
        refs = [(i, a.load.remote()) for i, a in enumerate(replicas)]
        loads = {}
        for i, ref in refs:
            try:
                loads[i] = ray.get(ref, timeout=LOAD_TIMEOUT_S)
            except (ray.exceptions.RayActorError, ray.exceptions.GetTimeoutError):
                continue  # restarting, dead, or stuck: no new work until it answers again
        return loads or dict.fromkeys(range(len(replicas)), 0)

    def _record(self, model: str, replica: int, start: float, requests: int) -> None:
        """Engine busy time for the run report's timeline: wall clock, as the shard worker saw it."""
        self.timeline.append({"model": model, "replica": replica, "start": start, "end": time.time(),
                              "requests": requests})

    @staticmethod
    def _wait_for_restart(model: str, actor: Any, err: Exception) -> None:
        """Block until Ray has restarted the engine; EngineFailed if it never will."""
        deadline, died_since = time.monotonic() + RESTART_WAIT_S, None
        while time.monotonic() < deadline:
            try:
                ray.get(actor.ping.remote(), timeout=max(1.0, deadline - time.monotonic()))
                return
            except ray.exceptions.ActorUnavailableError:  # restarting: not reachable yet
                died_since = None
            except ray.exceptions.RayActorError:  # dead; for good once it stays so for a while
                died_since = died_since or time.monotonic()
                if time.monotonic() - died_since > DEAD_FOR_GOOD_S:
                    raise EngineFailed(
                        f"the engine of models.{model} died and will not restart: its restarts "
                        f"(models.{model}.max_restarts) are used up. Last failure: {str(err)[:500]}"
                    ) from None
            except ray.exceptions.GetTimeoutError:
                break
            time.sleep(1.0)
        raise EngineFailed(f"the engine of models.{model} died and did not come back within "
                           f"{RESTART_WAIT_S:g}s") from None


def engine_reservation(spec: JobSpec, resource: str) -> float:
    """The ``CPU`` or ``GPU`` that all engine replicas of ``spec`` reserve together."""
    return sum((reserved_cpus(m) if resource == "CPU" else m.num_gpus) * m.replicas
               for m in spec.models.values())


def one_node() -> bool:
    """Whether the Ray cluster is one node, so nothing can add room: a local Ray, say."""
    return len([n for n in ray.nodes() if n.get("Alive")]) == 1


def local_cpus(spec: JobSpec) -> int:
    """Logical CPUs for a local Ray: enough for every engine replica plus the shard workers.

    Engine replicas reserve CPUs (vLLM binds its own threads anyway); if they took every logical
    CPU, shard workers could never be scheduled and the job would wait forever.
    """
    engines = engine_reservation(spec, "CPU")
    workers = spec.execution.shards_in_flight * spec.execution.shard_num_cpus
    return max(os.cpu_count() or 1, math.ceil(engines + workers))


def check_capacity(spec: JobSpec) -> None:
    """Fail fast, with the fix, when the cluster cannot ever run a shard worker beside the engines.

    Only meaningful where no autoscaler can add nodes: a Ray that is local to this machine.
    """
    if not one_node():
        return
    total, ex = ray.cluster_resources(), spec.execution
    for res, need, fix in (
        ("CPU", ex.shard_num_cpus, "lower models.*.num_cpus or replicas, or give Ray more CPUs "
                                   "(execution.num_cpus)"),
        ("GPU", ex.shard_num_gpus, "use fewer engine replicas, or tasks.*.grounding.device: cpu"),
    ):
        engines = engine_reservation(spec, res)
        if need and total.get(res, 0.0) - engines < need:
            raise ClusterTooSmall(
                f"the Ray cluster has {total.get(res, 0.0):g} {res}s and the engine replicas reserve "
                f"{engines:g}, leaving none for shard workers (execution.shard_num_{res.lower()}s="
                f"{need:g}); {fix}"
            )


def ensure_ray(spec: JobSpec) -> None:
    """Join the configured cluster (or the one ``ray job submit`` runs us in), else start locally."""
    if ray.is_initialized():
        return
    # Engine and worker logs reach the terminal only with --verbose; failures still surface
    # through the exceptions ray.get raises.
    to_driver = os.environ.get("CAPREFINE_VERBOSE") == "1"
    address = spec.execution.ray_address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=to_driver)
    else:
        cpus = spec.execution.num_cpus or local_cpus(spec)
        # address="local": always a fresh Ray of our own; plain ray.init() would silently join
        # whatever Ray happens to run on this machine (or fail on a stale one's address file).
        ray.init(address="local", num_cpus=cpus, include_dashboard=False, log_to_driver=to_driver)


# A shard worker process that dies (OOM killer, preemption) is restarted by Ray and its call
# retried; the retry reuses the units the dead one committed. Exceptions are not retried: bad
# data is a reject, a bug stops.
WORKER_RETRIES = 3


class ShardWorker:
    """One shard worker process, kept for the whole job (``ShardWorkerActor``).

    It loads what its tasks' filters need once (``warm``: the embedder, language models, place
    tables, a CLIP), indexes shards for the duplicate pass while engines load, then processes
    shards one after another. Per-shard Ray tasks paid that loading again in every new worker
    process Ray started, and Ray starts and stops task workers at will (an idle one beyond one per
    CPU lives about a second).
    """

    def __init__(self, tasks: list[Task]):
        logging.basicConfig(level=logging.INFO)
        self.tasks = tasks

    def warm(self) -> int:
        for t in self.tasks:
            t.warm()
        return os.getpid()

    def index(self, ref, out: Path, limit: int | None) -> int:
        return dedup.index_shard(ref, out, limit)

    def shard(self, job: ShardJob, ref, client, dups) -> ShardReport:
        rep = process_shard(job, ref, client, dups)
        rep.engine_calls = client.timeline  # this call's own copy of the client: its calls only
        return rep


ShardWorkerActor = ray.remote(ShardWorker)
_WHAT = {"index": "shard index", "shard": "shard"}  # what a stalled call was doing, for its error


class ShardWorkers:
    """The job's shard workers; work goes to whichever is idle, in the order it is given."""

    def __init__(self, spec: JobSpec, tasks: list[Task], n: int):
        ex = spec.execution
        opts = {"num_cpus": ex.shard_num_cpus, "num_gpus": ex.shard_num_gpus,
                "max_restarts": WORKER_RETRIES, "max_task_retries": WORKER_RETRIES}
        self.stall_s = ex.stall_timeout_s
        self.actors: list[Any] = [ShardWorkerActor.options(**opts).remote(tasks) for _ in range(n)]
        self.warming = {a.warm.remote(): a for a in self.actors}  # a worker gets work once warm
        self.idle: list[Any] = []

    def map(self, method: str, calls: list[tuple], progress: Progress) -> Iterator[Any]:
        """Call ``method`` once per argument tuple, each on the next idle worker; yield the results
        as they finish."""
        queue: list[tuple] = list(calls)
        running: dict[Any, Any] = {}
        while queue or running:
            while queue and self.idle:
                actor = self.idle.pop()
                running[getattr(actor, method).remote(*queue.pop(0))] = actor
            what = _WHAT[method]
            done = _wait_one([*running, *self.warming], self.stall_s, progress, what)
            if done is None:
                raise JobFailed(f"no {what} finished in {self.stall_s:g}s (execution.stall_timeout_s) with "
                                f"{len(running)} running: the engines or workers are stuck. Committed work "
                                "is kept; rerun to resume, with --verbose to see engine logs.")
            if done in self.warming:
                _result(done)
                self.idle.append(self.warming.pop(done))
                continue
            self.idle.append(running.pop(done))
            yield _result(done)

    def shutdown(self) -> None:
        for a in self.actors:  # also stops calls still running when the job failed
            ray.kill(a, no_restart=True)


def worker_count(spec: JobSpec, shards: int) -> int:
    """Shard workers to start: ``shards_in_flight`` (no more than there are shards), and on a
    local Ray no more than fit beside the engines; a cluster's autoscaler can add nodes."""
    ex = spec.execution
    n = max(1, min(ex.shards_in_flight, shards))
    if not one_node():
        return n
    total = ray.cluster_resources()
    fit = n
    for res, need in (("CPU", ex.shard_num_cpus), ("GPU", ex.shard_num_gpus)):
        if need:
            fit = min(fit, math.floor((total.get(res, 0.0) - engine_reservation(spec, res)) / need + 1e-9))
    if fit < n:
        log.info("%d shard workers fit beside the engines (execution.shards_in_flight asks for %d)", fit, n)
    return max(1, fit)


def run_job(
    spec: JobSpec,
    spec_dir: Path | None = None,
    pool: EnginePool | None = None,
    force: bool = False,
    on_shard: Callable[[ShardReport, int, int], None] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Run a job to completion and return its summary. Reuses ``pool`` if given (tests do).

    ``progress`` is told what the job waits for and how far it is (``pipeline.progress``).
    """
    tasks = build_tasks(spec, spec_dir)
    shards = list_shards(spec.inputs)
    run_id = new_run_id()
    progress = progress or Progress()
    with OutputLock(spec.out_dir, run_id):  # a second job on this folder is refused here
        try:
            return _run_locked(spec, tasks, shards, run_id, pool, force, on_shard, progress)
        finally:
            progress.close()


def _run_locked(spec, tasks, shards, run_id, pool, force, on_shard, progress) -> RunSummary:
    out = spec.out_dir
    run = start_run(spec, out, run_id)
    t0 = time.perf_counter()
    job = ShardJob.of(spec, tasks, run.run_id, force)
    finished = None if force else _finished(spec, job, shards)
    if finished is not None:  # nothing left to do: no Ray, no engine, no worker
        progress.started(len(finished))
        for i, rep in enumerate(finished, 1):
            progress.shard(rep, i, len(finished))
        summary = summarize(run.run_id, out, finished, time.perf_counter() - t0, 0.0)
        run.finish(summary)
        _write_report(out, run.run_id)
        return summary
    ensure_ray(spec)
    own_pool = pool is None
    pool = pool or EnginePool()
    workers = None
    try:
        check_capacity(spec)
        for t in tasks:  # tiny://clip built here, once, not by every shard worker at once
            if t.grounding is not None:
                resolve_clip(t.grounding.scorer.model)
        # Workers start and warm up while engines load; they index shards for the duplicate pass
        # as soon as they are up. A first run needs every engine: start them meanwhile. A rerun
        # starts only the models with work left, which it knows once the verdicts are in.
        workers = ShardWorkers(spec, tasks, worker_count(spec, len(shards)))
        index = workers.map("index", [(ref, out, spec.execution.limit) for ref in shards], progress)
        fresh = force or not (out / MARKERS).exists()
        if fresh:
            pool.ensure([spec.models[t.model_name] for t in tasks], progress)
        progress.waiting(f"indexing {len(shards)} shards for the duplicate pass")
        for _ in index:
            pass
        dups = dedup.duplicates(out, [s.shard_id for s in shards], content=spec.input_filters.dedup)
        if not fresh:
            left = {t.model_name for ref in shards
                    for t in pending_tasks(job, ref, dups.get(ref.shard_id, {}))}
            if not left:
                log.info("every unit is committed with its current fingerprint: no engine started")
            pool.ensure([spec.models[name] for name in sorted(left)], progress)
        t_engines = time.perf_counter()
        reports = _drive(job, shards, workers, pool.client(spec), on_shard, dups, progress)
        t_end = time.perf_counter()
    finally:
        if workers is not None:
            workers.shutdown()
        if own_pool:
            pool.shutdown()
    summary = summarize(run.run_id, out, reports, t_end - t_engines, t_engines - t0)
    run.finish(summary)
    _write_report(out, run.run_id)
    return summary


def _write_report(out: Path, run_id: str) -> None:
    """``_runs/<id>/report.html``. A report that fails to render never fails the job that ran."""
    try:
        from .html_report import write_report

        write_report(out, run_id)
    except Exception as e:
        log.warning("run report not written (%s: %s); rebuild it with: caprefine report %s --run %s",
                    type(e).__name__, e, out, run_id)


def _finished(spec: JobSpec, job: ShardJob, shards) -> list[ShardReport] | None:
    """The shards' reports, read from their markers, when every unit of every shard is committed
    with its current fingerprint (its duplicate index too); None when anything is left to do."""
    out = job.out
    if not (out / MARKERS).exists():
        return None
    if not all(dedup.is_indexed(ref, out, job.limit) for ref in shards):
        return None
    dups = dedup.duplicates(out, [s.shard_id for s in shards], content=spec.input_filters.dedup)
    if not all(is_done(job, ref, dups.get(ref.shard_id, {})) for ref in shards):
        return None
    log.info("every unit is committed with its current fingerprint: nothing to run")
    return [process_shard(job, ref, NoEngine(), dups.get(ref.shard_id, {})) for ref in shards]


# How often the driver looks up from waiting on shards, and after how long it says it waits.
POLL_S, QUIET_S = 5.0, 30.0


def _drive(job, shards, workers: ShardWorkers, client, on_shard, dups, progress) -> list[ShardReport]:
    job_ref = ray.put(job)  # shared by every shard call: sent to the object store once
    reports: list[ShardReport] = []
    progress.started(len(shards))
    calls = [(job_ref, ref, client, dups.get(ref.shard_id, {})) for ref in shards]
    for rep in workers.map("shard", calls, progress):
        reports.append(rep)
        progress.shard(rep, len(reports), len(shards))
        if on_shard:
            on_shard(rep, len(reports), len(shards))
        log.info("shard %s: %d in, %d kept (%.1fs)", rep.shard, rep.rows_in, rep.kept, rep.seconds)
    return reports


def _wait_one(running: list, stall_s: float, progress: Progress, what: str) -> Any:
    """Wait for one of ``running`` to finish, at most ``stall_s``; say so when none has for a
    while. Returns the finished ref, or None."""
    t0, said = time.monotonic(), 0
    while True:
        left = stall_s - (time.monotonic() - t0)
        done, _ = ray.wait(running, num_returns=1, timeout=max(0.0, min(POLL_S, left)))
        quiet = time.monotonic() - t0
        if done or quiet >= stall_s:
            return done[0] if done else None
        if quiet // QUIET_S > said:  # once every QUIET_S of silence
            said = int(quiet // QUIET_S)
            progress.waiting(f"{len(running)} running, no {what} finished for {quiet:.0f}s (a large shard, "
                             f"or an engine restarting; the job stops after {stall_s:g}s, "
                             "execution.stall_timeout_s)")


def _result(ref) -> Any:
    """A task's result; a deliberate stop inside it (JobFailed) is raised here with its message."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayTaskError as e:
        cause = getattr(e, "cause", None)
        if isinstance(cause, JobFailed):
            raise JobFailed(str(cause)) from None
        raise
