"""`caprefine plan`: what a job costs before it runs.

Renders every task's prompts on a sample of the real input exactly as a run would (Task.plan),
counts their tokens with each model's own tokenizer and chat template, and scales the sample to
the whole input: requests, prompt tokens, output tokens (an estimate and the max_tokens bound),
and engine hours from an output-token throughput (given, or measured by a short real run).
"""

from __future__ import annotations

import logging
import math
import tarfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from filters.base import apply_filters
from filters.text import clean_alt_text

from .engine import EngineRequest, chat_text, chat_token_ids, with_image_part
from .images import ImageError, decode_image
from .rows import Sample
from .shard import input_filters
from .sources import ShardRef, list_shards, read_shard
from .spec import JobSpec, ModelSpec
from .tasks import Output, Outputs, Planned, Task, build_tasks
from .tiny import resolve_model

log = logging.getLogger(__name__)
T = TypeVar("T")

SPREAD = 8  # shards the sample is drawn from (their first rows), spread over the shard list
FILLER = "a small red house stands near the quiet lake under a bright sky in the old city "


class PlanError(ValueError):
    """A deliberate stop of `caprefine plan` (a tokenizer that cannot be loaded): one message."""


@dataclass(frozen=True)
class PlanOptions:
    sample: int = 200  # rows rendered and counted
    tokens_per_s: dict[str, float] = field(default_factory=dict)  # model name or "*" -> output tok/s
    output_tokens: dict[str, int] = field(default_factory=dict)  # task -> output tokens per request
    calibrate: bool = False  # measure output tok/s with a short real run of each in-process model
    calibrate_requests: int = 256  # requests per calibration run (enough to fill a CPU batch)
    count_shards: int = 1000  # shards whose rows are counted from metadata; the rest extrapolated


# ----------------------------------------------------------------------------- the input


@dataclass(frozen=True)
class InputCount:
    """How many rows the whole input has, and how many the sample read."""

    shards: int
    rows: int  # rows with data (img2dataset successes): what tasks can be asked about
    failed: int  # rows img2dataset failed to download (source rejects): no request
    counted: int  # shards counted; rows of the others are extrapolated from their mean
    how: str  # where the counts come from
    sampled: int  # rows with data the sample read
    sample_shards: int
    kept: int  # sampled rows that pass the input filters

    @property
    def scale(self) -> float:
        """Whole input / sample: what every sampled figure is multiplied by."""
        return self.rows / self.sampled if self.sampled else 0.0


def spread(n: int, k: int) -> list[int]:
    """All indices 0..n-1, the first k evenly spread (first and last shard included)."""
    k = min(n, k)
    first = sorted({round(i * (n - 1) / (k - 1)) for i in range(k)}) if k > 1 else [0][:n]
    return first + [i for i in range(n) if i not in set(first)]


def sample_rows(spec: JobSpec, refs: list[ShardRef], n: int
                ) -> tuple[list[Sample], list[Sample], list[ShardRef]]:
    """(rows read, rows passing the input filters, shards read): the first rows of up to SPREAD
    shards spread over the input, an equal share each; shards with rows left top up short ones."""
    order = [refs[i] for i in spread(len(refs), SPREAD)]
    cap = spec.execution.limit or n  # execution.limit: a run reads only a shard's first rows
    k = min(len(order), SPREAD)
    taken: dict[str, list[Sample]] = {}
    exhausted: set[str] = set()
    total = 0
    for top_up in (False, True):
        for j, ref in enumerate(order):
            need = n - total
            if need <= 0:
                break
            have = taken.get(ref.shard_id, [])
            take = min(need if top_up or j >= k else math.ceil(need / (k - j)), cap - len(have))
            if take <= 0 or ref.shard_id in exhausted:
                continue
            got = list(islice(_samples(ref), len(have), len(have) + take))
            exhausted |= {ref.shard_id} if len(got) < take else set()
            taken[ref.shard_id] = have + got
            total += len(got)
    read = [s for ref in order for s in taken.get(ref.shard_id, [])]
    for s in read:
        s.alt_text_clean = clean_alt_text(s.alt_text)
    kept, _, _ = apply_filters(read, input_filters(spec.input_filters), lambda s, f, why: why)
    return read, kept, [r for r in order if taken.get(r.shard_id)]


def _samples(ref: ShardRef) -> Iterator[Sample]:
    return (s for s in read_shard(ref) if isinstance(s, Sample))


def shard_rows(ref: ShardRef, scan: bool) -> tuple[int, int] | None:
    """(rows with data, failed rows) of a shard: from Parquet metadata or img2dataset's status
    column where there is one; a tar without its sidecar or a CSV needs a full read (``scan``)."""
    p = Path(ref.path)
    if ref.input.format == "webdataset":
        side = p.with_suffix(".parquet")
        if side.exists():
            return _status_counts(side)
        return (_tar_keys(p), 0) if scan else None
    if p.suffix == ".csv":
        return (sum(b.num_rows for b in pacsv.open_csv(p)), 0) if scan else None
    return _status_counts(p)


def _status_counts(path: Path) -> tuple[int, int]:
    pf = pq.ParquetFile(path)
    if "status" not in pf.schema_arrow.names:
        return pf.metadata.num_rows, 0
    status = pq.read_table(path, columns=["status"]).column("status").to_pylist()
    ok = sum(1 for s in status if s in (None, "success"))
    return ok, len(status) - ok


def _tar_keys(path: Path) -> int:
    with tarfile.open(path) as tar:  # seekable: reads headers, skips the image bytes
        return len({Path(m.name).name.partition(".")[0] for m in tar if m.isfile()})


def count_input(spec: JobSpec, refs: list[ShardRef], sampled: list[ShardRef], max_shards: int
                ) -> tuple[int, int, int, str]:
    """(rows with data, failed rows, shards counted, how). Up to ``max_shards`` shards are counted
    from metadata; one that needs a full read only if the sample read it anyway. The other shards
    are extrapolated: shards x mean of the counted ones."""
    by_id = {r.shard_id: r for r in sampled + [refs[i] for i in spread(len(refs), max_shards)[:max_shards]]}
    picked = list(by_id.values())
    sampled_ids = {r.shard_id for r in sampled}
    counts = [c for ref in picked if (c := shard_rows(ref, scan=ref.shard_id in sampled_ids))]
    if spec.execution.limit is not None:  # execution.limit: the run reads the first N rows only
        counts = [(min(ok, spec.execution.limit), min(bad, spec.execution.limit)) for ok, bad in counts]
    if not counts:
        return 0, 0, 0, "no shard could be counted"
    ok, failed = sum(c[0] for c in counts), sum(c[1] for c in counts)
    if len(counts) == len(refs):
        return ok, failed, len(counts), "counted in every shard"
    f = len(refs) / len(counts)
    return (round(ok * f), round(failed * f), len(counts),
            f"counted in {len(counts)} of {len(refs)} shards; the rest extrapolated (shards x mean)")


# ----------------------------------------------------------------------------- tokens


class TokenCounter:
    """One model's prompt tokens, counted as its engine renders them (pipeline.engine)."""

    def __init__(self, name: str, model: ModelSpec):
        path = _resolve(name, model)
        self.tokenizer = _load_tokenizer(name, model, path)
        self.processor: Any = None
        self.image_note = ""
        if model.role == "lvlm":
            self.processor, self.image_note = _load_processor(path)
        self._image_tokens: dict[bytes, int] = {}
        self._fillers: dict[int, str] = {}

    def prompt(self, req: EngineRequest) -> int:
        if req.image is None:
            return len(chat_token_ids(self.tokenizer, req.messages))
        text = chat_text(self.tokenizer, with_image_part(req.messages))
        return len(self.tokenizer.encode(text)) + self.image_tokens(req.image, text)

    def image_tokens(self, image: bytes, text: str) -> int:
        """What the model's processor expands one image into (0 without a processor)."""
        if self.processor is None:
            return 0
        if image not in self._image_tokens:
            try:
                ids = self.processor(images=decode_image(image), text=text)["input_ids"][0]
                self._image_tokens[image] = len(ids) - len(self.tokenizer.encode(text))
            except ImageError:
                self._image_tokens[image] = 0  # the run rejects it: no request
        return self._image_tokens[image]

    def text(self, s: str | None) -> int:
        return len(self.tokenizer.encode(s or "", add_special_tokens=False))

    def filler(self, n: int) -> str:
        """A caption-like text of about n tokens: stands for an upstream output not yet written."""
        if n not in self._fillers:
            ids = self.tokenizer.encode(FILLER * (n // 8 + 2), add_special_tokens=False)[:n]
            self._fillers[n] = self.tokenizer.decode(ids).strip()
        return self._fillers[n]


def _resolve(name: str, model: ModelSpec) -> str:
    try:
        return resolve_model(model.model)
    except ValueError as e:
        raise PlanError(f"models.{name}.model: {e}") from None


def _load_tokenizer(name: str, model: ModelSpec, path: str) -> Any:
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(path, revision=model.revision)
    except (OSError, ValueError) as e:
        why = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise PlanError(
            f"models.{name}: cannot load the tokenizer of {model.model!r} ({why[:200]}). plan counts "
            "tokens with the model's own tokenizer: make it available (online once, or "
            f"`hf download {model.model} --include '*.json' 'tokenizer*'`), or name a local "
            "folder") from None


def _load_processor(path: str) -> tuple[Any, str]:
    """The model's HF processor, which knows how many tokens an image becomes; None if it fails."""
    from transformers import AutoProcessor

    try:
        return AutoProcessor.from_pretrained(path), "image tokens counted by the model's processor"
    except Exception as e:  # any failure only costs the image tokens, which the note then says
        return None, f"image tokens NOT counted (model-specific; processor failed: {type(e).__name__})"


# ----------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class Asked:
    """One request of the sample, counted."""

    key: str
    variant: int
    prompt_id: str
    prompt_tokens: int
    output_bound: int  # max_tokens: no output is longer
    output_est: int
    basis: str  # what output_est rests on
    request: EngineRequest


@dataclass
class TaskCount:
    """A task's requests in the sample, and the sampled rows it would reject without asking."""

    task: str
    model: str
    asked: list[Asked] = field(default_factory=list)
    unaskable: int = 0  # no image, no upstream output: a dependency reject, no request
    notes: list[str] = field(default_factory=list)

    def total(self, attr: str) -> int:
        return sum(getattr(a, attr) for a in self.asked)

    @property
    def basis(self) -> str:
        return " + ".join(sorted({a.basis for a in self.asked})) or "-"


def count_tasks(tasks: list[Task], kept: list[Sample], counters: dict[str, TokenCounter],
                output_tokens: dict[str, int]) -> list[TaskCount]:
    """Plan every task on the sample in dependency order, exactly as a run plans it. A task that
    reads or judges another gets a placeholder of that output's estimated length instead."""
    done: dict[str, TaskCount] = {}
    by_name = {t.name: t for t in tasks}
    for t in tasks:
        c = counters[t.model_name]
        upstream = {d: _placeholders(done[d], by_name[d], c) for d in t.spec.upstream()}
        planned, rejects = t.plan(kept, upstream)
        tc = TaskCount(t.name, t.model_name, unaskable=len(rejects))
        given = output_tokens.get(t.name, output_tokens.get("*"))
        tc.asked = [_asked(t, p, c, given) for p in planned]
        if upstream:
            judged = f"; every {t.spec.judges} output assumed kept, each judged" if t.spec.judges else ""
            tc.notes.append(f"reads {', '.join(upstream)}: a placeholder text of its estimated "
                            f"output length stands in for it{judged}")
        if c.image_note:
            tc.notes.append(c.image_note)
        done[t.name] = tc
    return list(done.values())


def _asked(t: Task, p: Planned, c: TokenCounter, given: int | None) -> Asked:
    bound = int(p.request.sampling["max_tokens"])
    if given is not None:
        est, basis = given, "given"
    elif t.kind.output == "text" and p.sees_source:
        # Written from texts its prompt shows (rewrite, fusion, translate): about as long as them.
        est, basis = c.text(p.source) + sum(c.text(x) for x in p.context), "source"
    else:  # an image caption or a JSON answer has nothing to scale from
        est, basis = bound, "bound"
    return Asked(p.sample.key, p.variant, p.template.id, c.prompt(p.request), bound,
                 max(1, min(est, bound)), basis, p.request)


def _placeholders(dep: TaskCount, task: Task, c: TokenCounter) -> Outputs:
    rows = [Output(a.key, a.variant, a.prompt_id, c.filler(a.output_est)) for a in dep.asked]
    return Outputs.of(rows, task.templates[0].id)


# ----------------------------------------------------------------------------- throughput


@dataclass(frozen=True)
class Throughput:
    """Output tokens per second of one engine replica, on this job's prompts."""

    tokens_per_s: float
    source: str  # "given", or what the calibration measured
    output_tokens: dict[str, float] = field(default_factory=dict)  # task -> measured mean per request
    # task -> (prompt tokens the engine saw, prompt tokens plan counted) on the same requests
    prompt_check: dict[str, tuple[int, int]] = field(default_factory=dict)
    requests: int = 0  # requests the calibration sent at once (0: a given figure)


def calibrate(model: ModelSpec, asked: dict[str, list[Asked]], n: int) -> Throughput:
    """Start the model's engine in this process and time up to ``n`` of the sample's requests.
    vLLM's start-up is not timed; four requests sent first warm the engine up."""
    import asyncio

    from .engine import VLLMEngine

    picked = round_robin({t: [(t, a) for a in v] for t, v in asked.items()}, n)
    log.info("calibrating %s: starting its engine here (not timed)", model.model)
    eng = VLLMEngine(model)
    try:
        results, seconds = asyncio.run(_timed(eng, [a.request for _, a in picked]))
    finally:
        eng.shutdown()
        # Something in vLLM keeps the AsyncLLM alive until interpreter exit, where its __del__
        # shuts it down again after vLLM's modules are torn down and prints a traceback. It is
        # shut down already: make that second call a no-op.
        eng.engine.shutdown = lambda *a, **k: None  # type: ignore[method-assign]
    out: dict[str, list[int]] = defaultdict(list)
    check: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for (task, a), res in zip(picked, results, strict=True):
        if res.error is None:
            out[task].append(res.output_tokens)
            seen, counted = check[task]
            check[task] = (seen + res.prompt_tokens, counted + a.prompt_tokens)
    total = sum(sum(v) for v in out.values())
    return Throughput(total / seconds if seconds > 0 else 0.0,
                      f"measured here: {len(picked)} requests, {total:,} output tokens in {seconds:.1f}s",
                      {t: sum(v) / len(v) for t, v in out.items()}, dict(check), len(picked))


async def _timed(eng: Any, reqs: list[EngineRequest]) -> tuple[list[Any], float]:
    await eng.generate(reqs[:4])
    t0 = time.perf_counter()
    results = await eng.generate(reqs)
    return results, time.perf_counter() - t0


def round_robin(queues_by_task: dict[str, list[T]], n: int) -> list[T]:
    """Up to n items, taking from each task in turn, so that every task is measured."""
    queues = list(queues_by_task.values())
    out: list[T] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out += [q[i] for q in queues if i < len(q)]
    return out[:n]


# ----------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class TaskTotal:
    """One task over the whole input: the sample's figures times the input's scale."""

    task: str
    model: str
    requests: float
    prompt_tokens: float
    output_est: float
    output_bound: float
    basis: str


@dataclass(frozen=True)
class ModelHours:
    """One model's share: engine hours from its output tokens (None without a throughput)."""

    name: str
    spec: ModelSpec
    throughput: Throughput | None
    output_est: float
    output_bound: float

    def replica_hours(self, tokens: float) -> float | None:
        t = self.throughput
        return tokens / t.tokens_per_s / 3600 if t is not None and t.tokens_per_s > 0 else None

    def device_hours(self, tokens: float) -> float | None:
        """GPU-hours (replica-hours x GPUs per replica); replica-hours for a CPU engine."""
        h = self.replica_hours(tokens)
        return None if h is None else h * (self.spec.num_gpus or 1)

    def wall_hours(self, tokens: float) -> float | None:
        """With every replica busy the whole time (the engines kept saturated)."""
        h = self.replica_hours(tokens)
        return None if h is None else h / self.spec.replicas


@dataclass(frozen=True)
class Plan:
    job: str
    input: InputCount
    counts: list[TaskCount]  # the sample, request by request
    tasks: list[TaskTotal]  # the whole input
    models: list[ModelHours]

    def notes(self) -> list[str]:
        """What the figures rest on, once each."""
        out = [f"{tc.task}: {n}" for tc in self.counts for n in tc.notes]
        out += [f"{t}: {_prompt_check(seen, counted)}" for m in self.models if m.throughput
                for t, (seen, counted) in m.throughput.prompt_check.items()]
        out += [f"{m.name}: the rate is from {m.throughput.requests} requests at once; a run keeps "
                "the engine fuller, so hours from it lean high" for m in self.models
                if m.throughput and m.throughput.requests]
        out += [f"{tc.task}: {tc.unaskable} sampled requests would be rejected before asking (no "
                "image, no upstream output) and are not counted" for tc in self.counts if tc.unaskable]
        return list(dict.fromkeys(out))


def _prompt_check(seen: int, counted: int) -> str:
    gap = (seen - counted) / counted if counted else 0.0
    what = "as counted" if abs(gap) < 0.005 else f"{gap:+.1%} against the count"
    return f"the calibration engine saw {seen:,} prompt tokens ({what}: {counted:,})"


def make_plan(spec: JobSpec, spec_dir: Path | None, opts: PlanOptions) -> Plan:
    """Sample, count, scale. SpecError, PlanError and ShardError are deliberate stops."""
    _known(opts.tokens_per_s, spec.models, "--tokens-per-s", "model")
    _known(opts.output_tokens, spec.tasks, "--output-tokens", "task")
    refs = list_shards(spec.inputs)
    tasks = build_tasks(spec, spec_dir)
    read, kept, sampled = sample_rows(spec, refs, opts.sample)
    rows, failed, counted, how = count_input(spec, refs, sampled, opts.count_shards)
    inp = InputCount(len(refs), rows, failed, counted, how, len(read), len(sampled), len(kept))
    names = list(dict.fromkeys(t.model_name for t in tasks))
    counters = {m: TokenCounter(m, spec.models[m]) for m in names}
    counts = count_tasks(tasks, kept, counters, opts.output_tokens)
    tput = {m: t for m in names if (t := _throughput(m, spec.models[m], counts, opts)) is not None}
    totals = [_total(tc, inp.scale, tput.get(tc.model)) for tc in counts]
    models = [ModelHours(m, spec.models[m], tput.get(m),
                         sum(t.output_est for t in totals if t.model == m),
                         sum(t.output_bound for t in totals if t.model == m)) for m in names]
    return Plan(spec.name, inp, counts, totals, models)


def _known(figures: dict[str, Any], names: dict[str, Any], option: str, what: str) -> None:
    for n in figures:
        if n != "*" and n not in names:
            raise PlanError(f"{option} {n}=...: {n!r} is not a {what} of this job ({what}s: {sorted(names)})")


def _total(tc: TaskCount, scale: float, tput: Throughput | None) -> TaskTotal:
    n = len(tc.asked) * scale
    est, basis = tc.total("output_est") * scale, tc.basis
    if tput is not None and tc.task in tput.output_tokens and basis != "given":
        est, basis = tput.output_tokens[tc.task] * n, "measured"  # a measurement beats a guess
    return TaskTotal(tc.task, tc.model, n, tc.total("prompt_tokens") * scale, est,
                     tc.total("output_bound") * scale, basis)


def _throughput(name: str, model: ModelSpec, counts: list[TaskCount], opts: PlanOptions
                ) -> Throughput | None:
    given = opts.tokens_per_s.get(name, opts.tokens_per_s.get("*"))
    if given is not None:
        return Throughput(given, "given")
    asked = {tc.task: tc.asked for tc in counts if tc.model == name and tc.asked}
    if not opts.calibrate or model.endpoint is not None or not asked:
        return None  # an endpoint's rate is its server's: only the user knows it
    return calibrate(model, asked, opts.calibrate_requests)


def parse_figures(values: list[str], what: str, cast: type) -> dict[str, Any]:
    """`NAME=X` options; a bare X applies to every name (key "*"). PlanError on a malformed one."""
    out: dict[str, Any] = {}
    for v in values:
        name, _, x = v.rpartition("=")
        try:
            figure = cast(x)
        except ValueError:
            raise PlanError(f"{what} expects NUMBER or NAME=NUMBER, got {v!r}") from None
        if figure <= 0:
            raise PlanError(f"{what} must be positive, got {v!r}")
        out[name or "*"] = figure
    return out


# ----------------------------------------------------------------------------- for people


def num(x: float) -> str:
    """Counts people can read at a billion rows, in 7 characters: 48, 54,292, 3.41 M, 123 B."""
    for div, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(x) >= div:
            return f"{_sig3(x / div)} {unit}"
    return f"{x:,.0f}"


def hours(h: float | None) -> str:
    if h is None:
        return "-"
    return f"{h:,.0f}" if h >= 1000 else _sig3(h) if h >= 1 else f"{h:.2g}"


def _sig3(x: float) -> str:
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def print_plan(console: Any, plan: Plan) -> None:
    """The input, one table of the whole input's requests, tokens and hours, and what each rests on."""
    from rich import box
    from rich.table import Table

    i = plan.input
    console.rule(f"[bold]caprefine plan: {plan.job}")
    console.print(f"input: [bold]{num(i.rows)}[/] rows with data in {num(i.shards)} shards ({i.how}); "
                  f"{num(i.failed)} more failed to download (no request)", highlight=False)
    console.print(f"sample: {i.sampled} rows, the first rows of {i.sample_shards} shards; {i.kept} pass the "
                  f"input filters. Whole input = sample x {i.scale:,.4g}", highlight=False)
    models = {m.name: m for m in plan.models}
    t = Table("task", "requests", "prompt\ntokens", "output\nestimate", "from", "output\nbound",
              "GPU-h\nestimate", "GPU-h\nbound", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
              collapse_padding=True, title="Whole input: tokens and hours", title_justify="left")
    t.columns[0].min_width = max(len(tt.task) for tt in plan.tasks)
    for col in t.columns:
        col.no_wrap = True
    for col in t.columns[1:]:
        col.justify = "right"
    t.columns[4].justify = "left"
    for tt in plan.tasks:
        m = models[tt.model]
        t.add_row(tt.task, num(tt.requests), num(tt.prompt_tokens), num(tt.output_est), tt.basis,
                  num(tt.output_bound), hours(m.device_hours(tt.output_est)),
                  hours(m.device_hours(tt.output_bound)))
    console.print(t)
    for m in plan.models:
        tasks = ", ".join(tt.task for tt in plan.tasks if tt.model == m.name)
        console.print(f"[bold]{m.name}[/] ({tasks}): {_model_line(m)}", highlight=False)
    walls = [(m.wall_hours(m.output_est), m.wall_hours(m.output_bound)) for m in plan.models]
    if walls and all(w[0] is not None for w in walls):
        est, bound = max(w[0] or 0 for w in walls), max(w[1] or 0 for w in walls)
        console.print(f"job wall-clock: [bold]{hours(est)} h[/] estimate, {hours(bound)} h bound "
                      "(models run at once: the slowest decides)", highlight=False)
    for note in _legend(plan):
        console.print(f"[dim]- {note}[/]", highlight=False)


def _model_line(m: ModelHours) -> str:
    where = "an endpoint" if m.spec.endpoint else (
        f"{m.spec.replicas} replica(s) x {m.spec.num_gpus:g} GPU" if m.spec.num_gpus
        else f"{m.spec.replicas} CPU replica(s), GPU-h = CPU replica-hours")
    if m.throughput is None:
        return (f"{m.spec.model}, {where}; no throughput figure: give --tokens-per-s "
                f"{m.name}=N" + ("" if m.spec.endpoint else " or --calibrate") + " for hours")
    t = m.throughput
    return (f"{m.spec.model}, {where}; {t.tokens_per_s:,.0f} output tokens/s per replica "
            f"({t.source}); wall-clock {hours(m.wall_hours(m.output_est))} h estimate, "
            f"{hours(m.wall_hours(m.output_bound))} h bound")


def _legend(plan: Plan) -> list[str]:
    return [
        "output bound: every request writes max_tokens; no output is longer. The estimate is from: "
        "source = as long as the texts its prompt shows; measured = the calibration run's mean; "
        "given = --output-tokens; bound = nothing to estimate from (give --output-tokens TASK=N)",
        "GPU-h = output tokens / output tokens/s of one replica x its GPUs; wall-clock = that / "
        "replicas, with busy engines. Filters and CLIP scores run beside the engines: not counted",
        *plan.notes(),
    ]
