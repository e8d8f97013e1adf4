"""The job spec: typed, validated when built. YAML is only a loader.

A wrong field name or value fails before any work starts, with an error naming the file and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator


class SpecError(ValueError):
    """A user error in a job spec: printed as one paragraph, never as a traceback."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputSpec(_Strict):
    path: str = Field(description="File, folder or glob of input shards (e.g. data/shards/*.tar).")
    format: Literal["webdataset", "parquet", "table"] = Field(
        "webdataset",
        description="webdataset: img2dataset .tar shards; parquet: img2dataset parquet output "
        "(image bytes in a column); table: a plain Parquet/CSV of url + caption, text-only.",
    )
    caption_col: str = Field("caption", description="Column holding the alt-text (table format).")
    url_col: str = Field("url", description="Column holding the image URL (table format).")
    key_col: str | None = Field(None, description="Column holding a unique key; row number if unset.")


# The random-weight models pipeline/tiny.py builds (tiny://clip is a grounding model, not an engine).
TINY_MODELS = ("tiny://llm", "tiny://vlm")


class EndpointSpec(_Strict):
    """An OpenAI-compatible server (vllm serve, Ray Serve LLM, ...) instead of an in-process engine."""

    base_url: str = Field(description="The server's API root, e.g. http://10.0.0.5:8000/v1.")
    model: str = Field(description="The model name the server serves (its /models list).")
    api_key_env: str | None = Field(
        None, description="Environment variable holding the API key (sent as a Bearer token); the "
        "key itself never goes into the spec or the outputs."
    )
    max_concurrency: int = Field(64, ge=1, description="Requests in flight to this server at once.")
    timeout_s: float = Field(300.0, gt=0, description="One request's time limit; a request that "
                             "takes longer is retried like a failed one.")
    max_retries: int = Field(
        6, ge=0, description="Retries of a request after a connection error, a timeout, 429 or 5xx, "
        "with exponential backoff and jitter (Retry-After honoured); then it becomes an "
        "engine:endpoint_failed reject carrying the server's last answer."
    )
    backoff_s: float = Field(0.5, gt=0, description="First retry's backoff ceiling; it doubles per retry.")
    max_backoff_s: float = Field(60.0, gt=0, description="Longest wait before a retry (Retry-After too).")
    vllm_params: bool = Field(
        True, description="Also send vLLM's own sampling fields (repetition_penalty, "
        "repetition_detection, top_k...); turn off for servers that refuse unknown fields."
    )


class ModelSpec(_Strict):
    model: str = Field("", description="HF model id, local path, or tiny://llm for the CPU demo model; "
                       "with an endpoint, the name the server serves (default: endpoint.model).")
    endpoint: EndpointSpec | None = Field(
        None, description="Serve this model from an OpenAI-compatible server instead of in-process "
        "vLLM replicas (replicas, num_gpus and engine_args then do not apply)."
    )
    role: Literal["llm", "lvlm"] = Field("llm", description="llm: text in; lvlm: image + text in.")
    revision: str | None = Field(None, description="Model revision, recorded in provenance.")
    replicas: int = Field(1, ge=1, description="Engine replicas (one Ray actor each).")
    num_cpus: float = Field(1.0, ge=0, description="CPUs reserved per replica actor.")
    num_gpus: float = Field(0.0, ge=0, description="GPUs per replica (= tensor_parallel_size on GPU).")
    max_model_len: int = Field(2048, ge=64, description="Context length; longer prompts are rejected.")
    max_restarts: int = Field(
        8, ge=0, description="Times a dead engine replica is restarted (its in-flight rows are "
        "resent); after that the job fails with the cause."
    )
    engine_args: dict[str, Any] = Field(
        default_factory=dict,
        description="Extra vllm AsyncEngineArgs (e.g. enforce_eager, gpu_memory_utilization, "
        "tensor_parallel_size). Prefix caching is on unless set false here.",
    )

    @field_validator("model")
    @classmethod
    def _known_tiny(cls, v: str) -> str:
        if v.startswith("tiny://") and v not in TINY_MODELS:
            raise ValueError(f"unknown tiny model {v!r}; the tiny models are {', '.join(TINY_MODELS)}")
        return v

    @model_validator(mode="after")
    def _model_or_endpoint(self) -> ModelSpec:
        if self.endpoint is None:
            if not self.model:
                raise ValueError("give `model` (an HF id, a local path or tiny://llm) or an `endpoint`")
            return self
        if not self.model:
            self.model = self.endpoint.model
        elif self.model != self.endpoint.model:
            raise ValueError(f"model {self.model!r} differs from endpoint.model "
                             f"{self.endpoint.model!r}: with an endpoint, give the model there")
        if self.replicas != 1 or self.num_gpus or self.engine_args:
            raise ValueError("an endpoint serves the model itself: replicas, num_gpus and "
                             "engine_args belong to the server's own configuration")
        return self

    def identity(self) -> dict[str, Any]:
        """What determines this model's outputs (a task's fingerprint takes it in)."""
        d = self.model_dump(exclude={"endpoint"})
        if self.endpoint is not None:  # where the server lives or how it is called changes nothing
            d["endpoint"] = True
        return d


class SamplingSpec(_Strict):
    """Sampling parameters, always explicit: vLLM's default max_tokens is never relied on."""

    temperature: float | None = Field(None, ge=0, description="Sampling temperature.")
    top_p: float | None = Field(None, gt=0, le=1, description="Nucleus sampling mass.")
    max_tokens: int | None = Field(None, ge=1, description="Maximum generated tokens.")
    repetition_penalty: float | None = Field(None, gt=0, description="Penalty on repeated tokens.")
    stop: list[str] | None = Field(None, description="Stop strings.")


class OutputFilterSpec(_Strict):
    """Output filters of one task. Unset fields take the task kind's default (docs/filters.md)."""

    refusal: bool = Field(True, description="Reject refusals and meta-talk (I'm sorry; Sure! Here is) "
                          "and talk that is no caption (advice to the reader, an encyclopedia's statement).")
    echo: bool | None = Field(
        None, description="Reject outputs that copy their input up to case, punctuation and a typo "
        "(translate: unless the source is a name)."
    )
    leak: bool = Field(True, description="Reject outputs that recite the prompt or copy its scaffold.")
    repetition: bool = Field(True, description="Reject n-gram loops (and stop them in the engine).")
    truncation: bool = Field(
        True, description="Reject outputs cut by max_tokens (finish_reason length). Random-weight "
        "test models never stop on their own: their jobs set this false."
    )
    min_words: int | None = Field(None, ge=0, description="Fewer words: rejected (rewrite: 2, as LaCLIP).")
    max_words: int | None = Field(None, ge=1, description="More words: rejected (unset: no limit).")
    language: bool | None = Field(
        None, description="Reject language drift: a translation not in its target language, other "
        "text not in its source's language (default: on for text tasks)."
    )
    facts: bool | None = Field(
        None, description="Fact consistency: reject outputs stating names, brands, models, places, "
        "numbers, years or codes that their source texts do not hold (default: on for every text "
        "task whose template shows it a source text)."
    )
    min_similarity: float | None = Field(
        None, ge=0, le=1, description="Semantic fidelity: reject outputs whose all-MiniLM-L6-v2 cosine "
        "similarity to the source is lower (default: rewrite and fusion only; 0 turns it off)."
    )


class GroundingSpec(_Strict):
    """CLIP score of each kept caption with its row's image (docs/filters.md, Image grounding)."""

    model: str = Field(
        description="CLIP checkpoint: HF id (e.g. openai/clip-vit-base-patch32), local folder, or "
        "tiny://clip (random weights: tests only, its scores mean nothing)."
    )
    min_score: float | None = Field(
        None, ge=-1, le=1, description="Reject captions whose cosine score is lower (output:"
        "low_clip_score, the score as detail); null: only the clip_score column. A threshold "
        "belongs to its checkpoint: set it from a sample of your own data."
    )
    batch_size: int = Field(64, ge=1, description="Captions (with their images) per CLIP forward pass.")
    device: Literal["cpu", "cuda"] = Field(
        "cpu", description="cpu: the shard worker's threads (execution.shard_num_cpus of them); "
        "cuda: needs execution.shard_num_gpus, as Ray hides GPUs from tasks that reserve none."
    )

    @field_validator("model")
    @classmethod
    def _tiny_is_clip(cls, v: str) -> str:
        if v.startswith("tiny://") and v != "tiny://clip":
            raise ValueError(f"{v!r}: the only tiny CLIP is tiny://clip")
        return v


RS_M_CLIP_LANGUAGES = ["pt", "es", "fr", "de", "nl", "it", "zh", "ko", "ru"]


class TaskSpec(_Strict):
    kind: str | None = Field(
        None, description="Built-in task kind (a name in pipeline/kinds.py, e.g. rewrite, translate); "
        "defaults to the task's name in the job spec."
    )
    template: str | list[str] = Field(
        description="Prompt template file (Jinja with YAML front-matter). A list of two or more "
        "runs a prompt A/B: every version on the same rows, into the same table."
    )
    model: str = Field(description="Name of an entry under `models:` that serves this task.")
    needs: list[str] = Field(
        default_factory=list,
        description="Tasks whose outputs this task's template reads (fusion needs visual_caption); "
        "they run first, and their text is a template variable named after the task.",
    )
    source: str = Field(
        "alt_text",
        description="translate/tags: the text to work on: alt_text, or the name of a text task "
        "(its variant 0 output, e.g. rewrite or fusion).",
    )
    judges: str | None = Field(
        None,
        description="judge: the task whose outputs this task judges. Every kept row of it (all "
        "variants, all prompt versions) is judged, each in its own request; it runs first.",
    )
    languages: list[str] = Field(
        default_factory=lambda: list(RS_M_CLIP_LANGUAGES),
        description="translate: target languages (ISO 639-1); default is the RS-M-CLIP set.",
    )
    variants: int | None = Field(None, ge=1, le=64, description="K outputs per row (overrides template).")
    example_draw: Literal["row", "variant"] | None = Field(
        None, description="How a template's few-shot examples are drawn: `row` (unset: each row "
        "draws its own from its seed, as LaCLIP does) or `variant` (one draw per variant, shared by "
        "every row: the examples become a common prompt prefix that vLLM serves from its prefix cache)."
    )
    sampling: SamplingSpec = Field(
        default_factory=SamplingSpec, description="Overrides of the template's sampling."
    )
    retries: int = Field(
        1, ge=0, le=10, description="Re-ask a row whose output does not parse (invalid JSON, schema "
        "mismatch) this many times, each with a new seed; then it is a parse reject."
    )
    filters: OutputFilterSpec = Field(
        default_factory=OutputFilterSpec, description="Checks on this task's outputs."
    )
    grounding: GroundingSpec | None = Field(
        None, description="Image tasks (visual_caption, describe, fusion): score each kept caption "
        "against its row's image with CLIP into a clip_score column, optionally rejecting low ones."
    )

    def templates(self) -> list[str]:
        return [self.template] if isinstance(self.template, str) else list(self.template)

    def reads(self) -> list[str]:
        """Tasks whose variant-0 text the template reads (needs:, source:)."""
        return list(dict.fromkeys(self.needs + ([self.source] if self.source != "alt_text" else [])))

    def upstream(self) -> list[str]:
        """Every task this one depends on: those it reads, and the one it judges."""
        return list(dict.fromkeys(self.reads() + ([self.judges] if self.judges else [])))


class InputFilterSpec(_Strict):
    min_chars: int = Field(1, ge=0, description="Alt-texts shorter than this (after cleaning) are rejected.")
    max_chars: int = Field(1000, ge=1, description="Alt-texts longer than this are rejected.")
    require_image: bool = Field(False, description="Reject rows without image bytes.")
    check_images: bool = Field(True, description="Decode every image; reject corrupt/oversized ones.")
    max_pixels: int = Field(50_000_000, ge=1, description="Decompression-bomb guard (width x height).")
    min_side: int = Field(16, ge=1, description="Shorter side: rejected (tracking pixels).")
    max_aspect: float = Field(20.0, ge=1, description="Images longer/shorter than this are rejected.")
    languages: list[str] | None = Field(
        None, description="Allowed alt-text languages (ISO 639-1, detected by py3langid); unset: all."
    )
    dedup: bool = Field(
        True, description="Reject exact duplicates within the job (same image bytes and cleaned "
        "alt-text); the first by (shard, row) is kept. Repeated keys are always rejected."
    )


class ExecutionSpec(_Strict):
    ray_address: str | None = Field(
        None, description="Ray cluster address; unset starts (or joins, under ray job submit) a local Ray."
    )
    num_cpus: int | None = Field(None, ge=1, description="CPUs for a locally started Ray.")
    shards_in_flight: int = Field(
        3, ge=1, description="Shards processed at once; >1 keeps engines busy between shards."
    )
    request_chunk: int = Field(
        128, ge=1, description="Requests per engine call: a shard's requests go out in chunks of this "
        "size, each to the model's least-loaded replica (restarting replicas get none)."
    )
    shard_num_cpus: float = Field(
        0.5, gt=0, description="CPUs reserved per shard worker (grounding on cpu uses as many "
        "torch threads, at least 1)."
    )
    shard_num_gpus: float = Field(
        0, ge=0, description="GPUs reserved per shard worker: only grounding on cuda needs a "
        "share (e.g. 0.1), and only where the engines leave one unreserved."
    )
    batch_rows: int = Field(
        1024, ge=1, description="Rows a shard worker reads, generates for and filters at once (images "
        "included): its memory is bounded by this, whatever the shard's size. Changes no output."
    )
    limit: int | None = Field(None, ge=1, description="Process only the first N rows of each shard.")
    max_error_fraction: float = Field(
        0.5, gt=0, le=1, description="Error budget: a (shard, task) whose engine or parse errors "
        "exceed this fraction of its requests (10 or more) stops the job: all rows failing is a "
        "bug, not bad data. 1 turns it off."
    )
    stall_timeout_s: float = Field(
        1800, gt=0, description="No shard finishing for this long is an error, never a silent hang."
    )


class JobSpec(_Strict):
    name: str = Field(description="Job name; the output folder is <output>/<name>.")
    output: str = Field("out", description="Parent folder of the job's output dataset.")
    inputs: list[InputSpec] = Field(min_length=1, description="Input shards.")
    models: dict[str, ModelSpec] = Field(min_length=1, description="Engines, by name.")
    tasks: dict[str, TaskSpec] = Field(min_length=1, description="Tasks to run, by name.")
    input_filters: InputFilterSpec = Field(default_factory=InputFilterSpec, description="Input hygiene.")
    execution: ExecutionSpec = Field(default_factory=ExecutionSpec, description="Where and how it runs.")

    @field_validator("name")
    @classmethod
    def _name_is_a_folder(cls, v: str) -> str:
        if not v or "/" in v or v.startswith("."):
            raise ValueError("must be a plain folder name (no '/', not starting with '.')")
        return v

    @model_validator(mode="after")
    def _tasks_name_known_models_and_tasks(self) -> JobSpec:
        from .kinds import KINDS  # lazily: kinds reads this module's TaskSpec

        for tname, task in self.tasks.items():
            if self.task_kind(tname) not in KINDS:
                field = "kind" if task.kind else "kind (unset: the task's name)"
                raise ValueError(f"tasks.{tname}.{field} is {self.task_kind(tname)!r}, not a task kind "
                                 f"(known: {sorted(KINDS)})")
            if KINDS[self.task_kind(tname)].judge != (task.judges is not None):
                raise ValueError(f"tasks.{tname}.judges: " + (
                    "a judge names the task it judges" if task.judges is None
                    else "only a judge task (kind: judge) judges another task"))
            if task.model not in self.models:
                raise ValueError(
                    f"tasks.{tname}.model is {task.model!r}, which is not under models: "
                    f"(known: {sorted(self.models)})"
                )
            for dep in task.upstream():
                if dep not in self.tasks:
                    raise ValueError(
                        f"tasks.{tname} reads {dep!r}, which is not a task of this job "
                        f"(tasks: {sorted(self.tasks)}); add it, or fix needs:/source:/judges:"
                    )
        self.task_order()  # raises on a cycle
        return self

    @model_validator(mode="after")
    def _grounding_fits_its_task(self) -> JobSpec:
        from .kinds import KINDS

        for tname, task in self.tasks.items():
            kind = KINDS[self.task_kind(tname)]
            if task.grounding is None:
                continue
            if not kind.grounded:
                grounded = sorted(k for k, v in KINDS.items() if v.grounded)
                raise ValueError(f"tasks.{tname}.grounding: a {kind.name} caption is not about the "
                                 f"image, so a CLIP score means nothing (grounded kinds: {grounded})")
            if task.grounding.device == "cuda" and not self.execution.shard_num_gpus:
                raise ValueError(f"tasks.{tname}.grounding.device is cuda but execution.shard_num_gpus "
                                 "is 0: Ray hides GPUs from shard workers that reserve none (set e.g. 0.1)")
        return self

    def task_order(self) -> list[str]:
        """Task names, each after every task it reads (topological order)."""
        order: list[str] = []
        visiting: set[str] = set()

        def visit(name: str) -> None:
            if name in order:
                return
            if name in visiting:
                raise ValueError(f"tasks.{name}: dependency cycle through needs:/source:/judges:")
            visiting.add(name)
            for dep in self.tasks[name].upstream():
                visit(dep)
            visiting.discard(name)
            order.append(name)

        for name in self.tasks:
            visit(name)
        return order

    @property
    def out_dir(self) -> Path:
        return Path(self.output) / self.name

    def task_kind(self, name: str) -> str:
        return self.tasks[name].kind or name


def load_spec(path: str | Path, overrides: dict[str, Any] | None = None) -> JobSpec:
    """Load and validate a YAML job spec; raise SpecError naming the file and the bad field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise SpecError(f"{path}: job spec not found") from None
    except yaml.YAMLError as e:
        raise SpecError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{path}: a job spec is a YAML mapping (name:, inputs:, models:, tasks:)")
    for dotted, value in (overrides or {}).items():
        _set_dotted(data, dotted, value)
    try:
        return JobSpec.model_validate(data)
    except ValidationError as e:
        raise SpecError(format_validation_error(path, e)) from None


def format_validation_error(path: Path, err: ValidationError) -> str:
    lines = [f"{path}: invalid job spec ({err.error_count()} problem(s)):"]
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"]) or "(top level)"
        msg = "unknown field (check the spelling)" if e["type"] == "extra_forbidden" else e["msg"]
        lines.append(f"  - {where}: {msg}")
    return "\n".join(lines)


def _set_dotted(data: dict, dotted: str, value: Any) -> None:
    node = data
    *parents, leaf = dotted.split(".")
    for p in parents:
        node = node.setdefault(p, {})
    node[leaf] = value
