"""Tasks are data: a template + a model + sampling + output parsing + output filters.

A task turns kept samples into engine requests, and engine results into typed output rows or
rejects. It never talks to an engine itself; the shard step does that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from filters.base import Filter, apply_filters
from filters.generated import Generation, MinWords, NonEmpty

from . import __version__
from .engine import EngineRequest, EngineResult, sampling_json
from .prompts import Template, load_template, row_seed
from .rows import Reject, Sample, task_schema
from .spec import JobSpec, ModelSpec, SpecError, TaskSpec
from .tiny import default_revision

# Output columns per task kind (typed; provenance columns are appended by task_schema).
OUTPUT_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "rewrite": [("text", pa.string()), ("example_set", pa.string())],
}


def first_line(text: str) -> str:
    """LaCLIP-style parsing: the rewrite is the first non-empty line of the completion."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


@dataclass
class Task:
    """A configured task of one job, ready to build requests and collect results."""

    name: str
    kind: str
    spec: TaskSpec
    template: Template
    model_name: str
    model: ModelSpec

    @property
    def variants(self) -> int:
        return self.spec.variants or self.template.variants

    @property
    def schema(self) -> pa.Schema:
        return task_schema(OUTPUT_FIELDS[self.kind])

    def sampling(self, seed: int) -> dict[str, Any]:
        s = dict(self.template.sampling)
        s.update(self.spec.sampling.model_dump(exclude_none=True))
        s["seed"] = seed
        s["n"] = 1
        return s

    def output_filters(self) -> list[Filter[Generation]]:
        return [NonEmpty(), MinWords(self.spec.min_words)]

    def fingerprint(self, code_version: str = __version__) -> str:
        """Everything that determines this task's output, hashed."""
        parts = {
            "kind": self.kind,
            "model": self.model.model_dump(),
            "prompt_id": self.template.id,
            "prompt_hash": self.template.hash,
            "variants": self.variants,
            "sampling": self.sampling(0),
            "filters": {"min_words": self.spec.min_words},
            "code": code_version,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]

    def requests(self, samples: list[Sample]) -> list[tuple[EngineRequest, Sample, int, str | None]]:
        out = []
        for s in samples:
            for v in range(self.variants):
                seed = row_seed(s.key, self.name, v)
                msgs, ex_set = self.template.render(v, seed, alt_text=s.alt_text_clean, url=s.url)
                req = EngineRequest(f"{s.key}:{self.name}:{v}", msgs, self.sampling(seed))
                out.append((req, s, v, ex_set))
        return out

    def collect(
        self,
        planned: list[tuple[EngineRequest, Sample, int, str | None]],
        results: list[EngineResult],
        run_id: str,
    ) -> tuple[pa.Table, list[Reject]]:
        """Parse results into the task table; failed, unparsable or filtered ones become rejects."""
        rows: list[dict[str, Any]] = []
        rejects: list[Reject] = []
        gens: list[tuple[Generation, dict[str, Any]]] = []
        for (req, s, v, ex_set), res in zip(planned, results, strict=True):
            if res.error is not None:
                reason = res.error.split(":")[0]
                rejects.append(Reject(s.key, s.shard, "engine", reason, res.error, self.name, v))
                continue
            text = first_line(res.text or "")
            row = self._row(req, s, v, ex_set, res, text, run_id)
            gens.append((Generation(s.key, s.shard, v, text, s.alt_text_clean or "", res.finish_reason), row))
        by_id = {id(g): row for g, row in gens}
        kept, out_rejects, _ = apply_filters(
            [g for g, _ in gens], self.output_filters(), lambda g, f, why: self._reject(g, why)
        )
        rows = [by_id[id(g)] for g in kept]
        rejects += out_rejects
        return pa.Table.from_pylist(rows, schema=self.schema), rejects

    def _reject(self, g: Generation, why: str) -> Reject:
        return Reject(g.key, g.shard, "output", why, None, self.name, g.variant, g.text)

    def _row(self, req, s: Sample, v: int, ex_set, res: EngineResult, text: str, run_id: str) -> dict:
        return {
            "key": s.key,
            "shard": s.shard,
            "variant": v,
            "text": text,
            "example_set": ex_set,
            "model": self.model.model,
            "model_revision": self.model.revision or default_revision(self.model.model),
            "engine": "vllm",
            "prompt_id": self.template.id,
            "prompt_hash": self.template.hash,
            "sampling": sampling_json({k: v for k, v in req.sampling.items() if k != "seed"}),
            "seed": req.sampling["seed"],
            "finish_reason": res.finish_reason,
            "prompt_tokens": res.prompt_tokens,
            "output_tokens": res.output_tokens,
            "latency_ms": res.latency_ms,
            "run_id": run_id,
        }


def build_tasks(spec: JobSpec, spec_dir: Path | None = None) -> list[Task]:
    """Load every task's template and check it fits the task and model; SpecError if not."""
    tasks = []
    for name, ts in spec.tasks.items():
        kind = spec.task_kind(name)
        if kind not in OUTPUT_FIELDS:
            raise SpecError(f"tasks.{name}: unknown task kind {kind!r} (known: {sorted(OUTPUT_FIELDS)})")
        tpl = load_template(ts.template, spec_dir)
        model = spec.models[ts.model]
        if tpl.role != model.role:
            raise SpecError(
                f"tasks.{name}: template {tpl.path} needs a {tpl.role!r} model but models.{ts.model} "
                f"has role {model.role!r}"
            )
        task = Task(name, kind, ts, tpl, ts.model, model)
        if "max_tokens" not in task.sampling(0):
            raise SpecError(
                f"tasks.{name}: sampling.max_tokens is not set in {tpl.path} front-matter nor the job "
                "spec; set it explicitly (vLLM's default would silently cut outputs at 16 tokens)"
            )
        tasks.append(task)
    return tasks
