"""Tasks are data: templates + a model + sampling + a kind (output columns, parsing) + filters.

A task turns kept samples into engine requests, and engine results into typed output rows or
rejects. It never talks to an engine itself; the shard step does that. A task with several
templates is a prompt A/B: every version runs on the same rows into the same table.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from filters import generated as gf
from filters.base import Filter, apply_filters, detail_of
from filters.drift import Fidelity, LanguageDrift
from filters.facts import FactConsistency
from filters.generated import Generation
from filters.grounding import ClipScorer, Grounding, ImageText, load_clip
from filters.language import detect

from . import __version__
from .engine import EngineRequest, EngineResult, sampling_json
from .kinds import KINDS, Kind, ParseError
from .prompts import Template, load_template, row_seed
from .rows import Reject, Sample, Stage, task_schema
from .spec import GroundingSpec, JobSpec, ModelSpec, OutputFilterSpec, SpecError, TaskSpec
from .tiny import default_revision
from .tiny_clip import clip_revision

CLIP_SCORE = ("clip_score", pa.float32())  # a task table's column where grounding is configured


@dataclass(frozen=True)
class Output:
    """One kept row of a task, as a task that reads or judges it sees it."""

    key: str
    variant: int
    prompt_id: str
    text: str  # its caption column


@dataclass(frozen=True)
class Outputs:
    """One shard's kept rows of a task. A reader (needs:, source:) sees the text of variant 0 of
    the first template; a judge sees every row."""

    first_prompt: str
    by_key: dict[str, list[Output]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: list[Output], first_prompt: str) -> Outputs:
        by_key: dict[str, list[Output]] = {}
        for r in rows:
            by_key.setdefault(r.key, []).append(r)
        return cls(first_prompt, by_key)

    def text(self, key: str) -> str | None:
        return next((r.text for r in self.rows(key) if r.variant == 0 and r.prompt_id == self.first_prompt),
                    None)

    def rows(self, key: str) -> list[Output]:
        return self.by_key.get(key, [])


Upstream = dict[str, Outputs]  # task name -> its kept rows in this shard
NO_OUTPUTS = Outputs("")


@dataclass(frozen=True)
class Ask:
    """One generation a row gets: a template, a variant, and (for a judge) the row it judges."""

    template: Template
    variant: int
    judged: Output | None = None

    def seed_name(self, key: str) -> str:
        # Each judged row draws its own seed; other tasks keep the row key alone (unchanged seeds).
        return key if self.judged is None else f"{key}#{self.judged.prompt_id}#{self.judged.variant}"


@dataclass
class Planned:
    """One request to send, and what the output row needs to know about it."""

    request: EngineRequest
    sample: Sample
    ask: Ask
    cols: dict[str, Any] = field(default_factory=dict)  # columns fixed before generation
    source: str = ""  # the text the output is checked against (alt-text or an upstream output)
    context: tuple[str, ...] = ()  # other texts the prompt showed (fusion: the visual caption)
    sees_source: bool = True  # the template shows the source (not a plain visual caption)

    @property
    def variant(self) -> int:
        return self.ask.variant

    @property
    def template(self) -> Template:
        return self.ask.template


@dataclass
class Task:
    """A configured task of one job, ready to build requests and collect results."""

    name: str
    kind: Kind
    spec: TaskSpec
    templates: list[Template]
    model_name: str
    model: ModelSpec
    grounding: Grounding | None = None  # CLIP score of kept captions (tasks.*.grounding)

    @property
    def variants(self) -> int:
        return self.kind.variants(self.spec, self.templates[0])

    @property
    def needs_image(self) -> bool:
        return self.model.role == "lvlm"

    @property
    def schema(self) -> pa.Schema:
        return task_schema(self.kind.fields + ([CLIP_SCORE] if self.grounding else []))

    def sampling(self, tpl: Template, seed: int) -> dict[str, Any]:
        s = dict(tpl.sampling)
        s.update(self.spec.sampling.model_dump(exclude_none=True))
        if self.kind.output == "text" and self.spec.filters.repetition:
            s.setdefault("repetition_detection", ENGINE_REPETITION)  # stop loops early, in vLLM
        return {**s, "seed": seed, "n": 1}

    def output_filters(self) -> list[Filter[Generation]]:
        return output_filters(self.kind, self.spec.filters)

    def fingerprint(self, code_version: str = __version__) -> str:
        """Everything that determines this task's output, hashed."""
        parts: dict[str, Any] = {
            "kind": self.kind.name,
            "model": self.model.identity(),
            "prompts": [(t.id, t.hash) for t in self.templates],
            # Fields added later are left out where unset (or set to what unset means), so adding
            # them redid no committed unit.
            "spec": self.spec.model_dump(exclude={f for f, unset in LATER_FIELDS.items()
                                                  if getattr(self.spec, f) in unset}),
            "code": code_version,
        }
        if self.spec.grounding is not None:
            parts["spec"]["grounding"] = grounding_identity(self.spec.grounding)
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]

    def outputs(self, table: pa.Table) -> Outputs:
        """This task's committed rows, as the tasks that read or judge it see them."""
        col = self.kind.caption or "text"  # build_tasks refuses readers of a task without a caption
        rows = table.select(["key", "variant", "prompt_id", col]).to_pylist()
        return Outputs.of([Output(r["key"], r["variant"], r["prompt_id"], r[col]) for r in rows],
                          self.templates[0].id)

    def asks(self, s: Sample, upstream: Upstream) -> list[Ask]:
        """Every generation a row gets: per template and variant, and per judged row for a judge.
        Each ends as exactly one output row or one reject."""
        judged: list[Output | None] = [None]
        if self.spec.judges is not None:
            judged = list(upstream.get(self.spec.judges, NO_OUTPUTS).rows(s.key)) or [None]
        return [Ask(tpl, v, j) for j in judged for tpl in self.templates for v in range(self.variants)]

    def expected(self, samples: list[Sample], upstream: Upstream) -> int:
        """Output rows + rejects a unit of these samples must end with."""
        return sum(len(self.asks(s, upstream)) for s in samples)

    def plan(self, samples: list[Sample], upstream: Upstream):
        """Requests for every ask of every sample; rows that cannot be asked are rejects."""
        planned: list[Planned] = []
        rejects: list[Reject] = []
        for s in samples:
            why = self._unaskable(s, upstream)
            asks = self.asks(s, upstream)
            if why is not None:
                rejects += [self._reject(s, a, "dependency", why) for a in asks]
            else:
                planned += [self._plan_one(s, a, upstream) for a in asks]
        return planned, rejects

    def _unaskable(self, s: Sample, upstream: Upstream) -> str | None:
        if self.needs_image and not s.image:
            return "missing_image"
        for dep in self.spec.reads():
            if upstream.get(dep, NO_OUTPUTS).text(s.key) is None:
                return f"no_{dep}_output"
        if self.spec.judges is not None and not upstream.get(self.spec.judges, NO_OUTPUTS).rows(s.key):
            return f"no_{self.spec.judges}_output"
        return None

    def _plan_one(self, s: Sample, ask: Ask, upstream: Upstream) -> Planned:
        tpl, v = ask.template, ask.variant
        seed = row_seed(ask.seed_name(s.key), self.name, v)
        vars_: dict[str, Any] = {"alt_text": s.alt_text_clean, "url": s.url}
        texts = {dep: out.text(s.key) for dep, out in upstream.items()}
        vars_.update({dep: text for dep, text in texts.items() if text is not None})
        vars_["text"] = vars_.get(self.spec.source, s.alt_text_clean)
        # Outputs are checked against their source; a template that never shows it (a plain
        # visual caption sees only the image) is held only to what it could not see (names, years).
        source = vars_["text"] or ""
        context = tuple(vars_[d] for d in self.spec.needs if d in tpl.reads and d != self.spec.source)
        cols, fixed_vars = self.kind.fixed(self.spec, v)
        if ask.judged is not None:
            cols.update(judged_task=self.spec.judges, judged_variant=ask.judged.variant,
                        judged_prompt_id=ask.judged.prompt_id)
            fixed_vars.update(caption=ask.judged.text, judged_task=self.spec.judges)
        msgs, ex_set = tpl.render(v, seed, **vars_, **fixed_vars, draw=self.spec.example_draw or "row")
        if self.kind.records_example_set:
            cols["example_set"] = ex_set
        rid = f"{s.key}:{self.name}:{tpl.id}:{v}"
        if ask.judged is not None:
            rid += f":{ask.judged.prompt_id}#{ask.judged.variant}"
        req = EngineRequest(
            rid, msgs, self.sampling(tpl, seed),
            json_schema=tpl.schema if self.kind.output == "json" else None,
            image=s.image if self.needs_image else None,
        )
        return Planned(req, s, ask, cols, source, context, bool(tpl.reads & {"text", self.spec.source}))

    def unparsable(self, p: Planned, res: EngineResult) -> bool:
        """A generation that came back but does not parse: worth asking again with a new seed."""
        if res.error is not None or self.kind.output == "text":  # text parsing cannot fail
            return False
        try:
            self.kind.parse(res.text or "", p.template)
        except ParseError:
            return True
        return False

    def reseeded(self, p: Planned, attempt: int) -> Planned:
        """The same request with the seed of retry ``attempt`` (deterministic, recorded in ``seed``)."""
        seed = row_seed(f"{p.ask.seed_name(p.sample.key)}#retry{attempt}", self.name, p.variant)
        req = EngineRequest(p.request.id, p.request.messages, {**p.request.sampling, "seed": seed},
                            p.request.json_schema, p.request.image)
        return Planned(req, p.sample, p.ask, p.cols, p.source, p.context, p.sees_source)

    def collect(self, planned: list[Planned], results: list[EngineResult], run_id: str):
        """Parse results into the task table; failed, unparsable or filtered ones become rejects."""
        rejects: list[Reject] = []
        gens: list[tuple[Generation, Planned, dict[str, Any]]] = []
        for p, res in zip(planned, results, strict=True):
            s, v = p.sample, p.variant
            if res.error is not None:
                rejects.append(self._reject(s, p.ask, "engine", res.error.split(":")[0], res.error))
                continue
            try:
                outputs = self.kind.parse(res.text or "", p.template)
            except ParseError as e:
                rejects.append(self._reject(s, p.ask, "parse", e.reason, e.detail, res.text))
                continue
            gen = Generation(s.key, s.shard, v, self.kind.text_of(outputs), p.source, res.finish_reason,
                             p.template.body, *languages(self.kind, p.template, p.cols.get("lang")),
                             context=p.context, sees_source=p.sees_source, sees_image=self.needs_image)
            gens.append((gen, p, self._row(p, res, {**p.cols, **outputs}, run_id)))
        by_id = {id(g): (p, row) for g, p, row in gens}

        def output_reject(g: Generation, _filter: str, why: str) -> Reject:
            p = by_id[id(g)][0]
            return self._reject(p.sample, p.ask, "output", str(why), detail_of(why), g.text)

        kept, out_rejects, _ = apply_filters([g for g, _, _ in gens], self.output_filters(), output_reject)
        rows, low = self._ground([by_id[id(g)] for g in kept])
        table = pa.Table.from_pylist(rows, schema=self.schema)
        return table, rejects + out_rejects + low

    def warm(self) -> None:
        """Load what this task's filters load on first use (the embedder, the language models,
        a CLIP) by filtering one made-up generation: a shard worker does it while engines start,
        so the first shard's rows do not wait for it."""
        gen = Generation("warm", "warm", 0, "A red bicycle leans against a wall in Paris in 2019.",
                         "red bicycle Paris 2019", "stop", self.templates[0].body, "en", "en")
        filters = self.output_filters()
        apply_filters([gen], filters, lambda *_: None)
        for f in filters:
            f.warm()
        if self.grounding is not None:
            load_clip(self.grounding.scorer.model, self.grounding.scorer.device)

    def _ground(self, kept: list[tuple[Planned, dict[str, Any]]]) -> tuple[list[dict], list[Reject]]:
        """CLIP-score the rows every other filter kept (the costly check last), each against its
        sample's image: a text task's request has none (fusion), its row's sample does."""
        if self.grounding is None:
            return [row for _, row in kept], []
        caption = self.kind.caption or "text"  # the spec allows grounding on captioned kinds only
        judged = self.grounding.judge([ImageText(p.sample.image, row[caption]) for p, row in kept])
        rows, low = [], []
        for (p, row), (score, why) in zip(kept, judged, strict=True):
            if why is None:
                rows.append({**row, "clip_score": score})
            else:
                low.append(self._reject(p.sample, p.ask, "output", str(why), detail_of(why), row[caption]))
        return rows, low

    def _reject(self, s: Sample, ask: Ask, stage: Stage, reason: str, detail: str | None = None,
                text: str | None = None) -> Reject:
        if ask.judged is not None:  # a key has several judged rows: say which one this was
            about = f"judging {self.spec.judges} {ask.judged.prompt_id} variant {ask.judged.variant}"
            detail = f"{detail} ({about})" if detail else about
        return Reject(key=s.key, shard=s.shard, stage=stage, reason=reason, detail=detail,
                      task=self.name, variant=ask.variant, text=text, prompt_id=ask.template.id)

    def _row(self, p: Planned, res: EngineResult, outputs: dict[str, Any], run_id: str) -> dict:
        return {
            "key": p.sample.key,
            "shard": p.sample.shard,
            "variant": p.variant,
            **outputs,
            "model": self.model.model,
            "model_revision": self.model.revision or default_revision(self.model.model),
            "engine": "vllm" if res.served_model is None else f"endpoint:{res.served_model}",
            "prompt_id": p.template.id,
            "prompt_hash": p.template.hash,
            "sampling": sampling_json({k: v for k, v in p.request.sampling.items() if k != "seed"}),
            "seed": p.request.sampling["seed"],
            "finish_reason": res.finish_reason,
            "prompt_tokens": res.prompt_tokens,
            "output_tokens": res.output_tokens,
            "latency_ms": res.latency_ms,
            "run_id": run_id,
        }


def output_filters(kind: Kind, f: OutputFilterSpec) -> list[Filter[Generation]]:
    """A task's output filters: the job spec's settings, else its kind's defaults.

    Cheap checks first; the embedding model only sees what every other filter kept.
    """
    if kind.output == "json":
        return []  # the schema is the filter: parsing already validated it

    def setting(name: str) -> Any:
        value = getattr(f, name)
        return kind.filters.get(name) if value is None else value

    fs: list[Filter[Generation]] = [gf.NonEmpty()]
    fs += [gf.Truncated()] if f.truncation else []
    fs += [gf.Refusal()] if f.refusal else []
    fs += [gf.Leak()] if f.leak else []
    fs += [gf.Repetition()] if f.repetition else []
    fs += [gf.Echo()] if setting("echo") else []
    fs += [gf.WordCount(setting("min_words") or 0, f.max_words)]
    fs += [LanguageDrift()] if setting("language") else []
    fs += [FactConsistency()] if setting("facts") else []
    fs += [Fidelity(setting("min_similarity"))] if setting("min_similarity") else []
    return fs


# TaskSpec fields added after units were committed, and the values that mean "as before".
LATER_FIELDS: dict[str, tuple[Any, ...]] = {"judges": (None,), "grounding": (None,),
                                            "example_draw": (None, "row")}


# vLLM's own loop detector: a pattern of up to 8 tokens said 4 times in a row ends the request
# with finish_reason "repetition" instead of burning tokens to max_tokens.
ENGINE_REPETITION = {"max_pattern_size": 8, "min_count": 4}


def languages(kind: Kind, tpl: Template, target: str | None) -> tuple[str | None, str | None]:
    """(language an output must be in, or None to follow its source; the prompt's language).

    Translations must be in their target; image tasks in their prompt's language (an image has
    none); other text in its source's, which LanguageDrift detects itself.
    """
    prompt = instruction_lang(tpl.body)
    required = {"target": target, "instruction": prompt}.get(kind.lang_from)
    return required, prompt


@lru_cache(maxsize=64)
def instruction_lang(body: str) -> str | None:
    """The language a template asks in (its fixed words), when the language-ID is sure."""
    lang, conf = detect(gf.fixed_text(body))
    return lang if conf >= 0.9 else None


def build_tasks(spec: JobSpec, spec_dir: Path | None = None) -> list[Task]:
    """Load every task's templates (in dependency order) and check they fit the task and model."""
    tasks = []
    for name in spec.task_order():
        ts = spec.tasks[name]
        kind, model = KINDS[spec.task_kind(name)], spec.models[ts.model]  # the spec checked the kind
        templates = [load_template(t, spec_dir) for t in ts.templates()]
        for tpl in templates:
            _check_template(name, tpl, kind, ts, model)
        _check_reads(spec, name, ts)
        tasks.append(Task(name, kind, ts, templates, ts.model, model,
                          grounding_check(ts.grounding, spec.execution.shard_num_cpus)))
    return tasks


def grounding_check(g: GroundingSpec | None, shard_num_cpus: float) -> Grounding | None:
    """The grounding check of a task, on cpu in as many torch threads as a shard worker reserves."""
    if g is None:
        return None
    threads = max(1, int(shard_num_cpus)) if g.device == "cpu" else None
    return Grounding(g.min_score, ClipScorer(g.model, g.batch_size, g.device, threads))


def grounding_identity(g: GroundingSpec) -> dict[str, Any]:
    """What decides the scores and drops: batch size and device change speed, not scores (past
    float rounding), so changing them redoes nothing; a rebuilt tiny://clip redoes every grounded unit."""
    return {"model": g.model, "revision": clip_revision(g.model), "min_score": g.min_score}


def _check_template(name: str, tpl: Template, kind: Kind, ts: TaskSpec, model: ModelSpec) -> None:
    if tpl.role != model.role:
        raise SpecError(f"tasks.{name}: template {tpl.path} needs a {tpl.role!r} model but "
                        f"models.{ts.model} has role {model.role!r}")
    if kind.judge and "caption" not in tpl.reads:
        raise SpecError(f"tasks.{name}: {tpl.path} never shows {{{{ caption }}}}, the caption it judges")
    if kind.output == "json" and tpl.schema is None:
        raise SpecError(f"tasks.{name}: {tpl.path} has no `schema:` in its front-matter; "
                        f"{kind.name} outputs JSON")
    s = {**tpl.sampling, **ts.sampling.model_dump(exclude_none=True)}
    if "max_tokens" not in s:
        raise SpecError(f"tasks.{name}: sampling.max_tokens is not set in {tpl.path} front-matter "
                        "nor the job spec; set it explicitly (vLLM's default cuts outputs at 16 tokens)")


def _check_reads(spec: JobSpec, name: str, ts: TaskSpec) -> None:
    for dep in ts.upstream():
        if KINDS[spec.task_kind(dep)].caption is None:
            field = "source" if dep == ts.source else "judges" if dep == ts.judges else "needs"
            raise SpecError(f"tasks.{name}.{field}: {dep!r} has no caption column to read")
