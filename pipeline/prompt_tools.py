"""Prompt editing helpers behind `caprefine prompts`: list templates, render them on real input
rows exactly as the engine would receive them, and compare the versions of a prompt A/B."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .kinds import LANGUAGE_NAMES
from .prompts import ROOT, Template, load_template, row_seed
from .rows import Sample
from .shard import prefilter
from .sources import ShardRef
from .spec import InputFilterSpec, InputSpec, SpecError


def list_templates(folder: Path | None = None) -> list[Template]:
    folder = folder or ROOT / "prompts"
    return [load_template(p) for p in sorted(folder.glob("*.j2"))]


def input_samples(path: str, fmt: str, n: int) -> list[Sample]:
    """The first n rows of a shard that pass the default input filters."""
    p = Path(path)
    if not p.is_file():
        raise SpecError(f"--input {path}: not a file (give one shard, e.g. data/demo/shards/00000.tar)")
    ref = ShardRef(p.stem, str(p), InputSpec(path=str(p), format=fmt))  # type: ignore[arg-type]
    _, kept, _ = prefilter(ref, InputFilterSpec(), None)
    return kept[:n]


def render_row(tpl: Template, s: Sample, variant: int, upstream: dict[str, str] | None = None):
    """Chat messages for one row, as `run` would send them (image parts shown as a placeholder)."""
    vars_: dict[str, Any] = {"alt_text": s.alt_text_clean, "url": s.url, "text": s.alt_text_clean,
                             "language": "fr", "language_name": LANGUAGE_NAMES["fr"]}
    vars_.update(upstream or {})
    msgs, ex_set = tpl.render(variant, row_seed(s.key, tpl.task, variant), **_placeholders(tpl, vars_))
    if tpl.role == "lvlm":
        size = f"{s.width}x{s.height}" if s.width else "?"
        msgs = [dict(m, content=f"<image {size}>\n{m['content']}") if m["role"] == "user" else m
                for m in msgs]
    return msgs, ex_set


def _placeholders(tpl: Template, vars_: dict[str, Any]) -> dict[str, Any]:
    # Templates of dependent tasks read upstream outputs (fusion reads visual_caption); without a
    # run, show where they go.
    from jinja2 import meta
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    names = meta.find_undeclared_variables(ImmutableSandboxedEnvironment().parse(tpl.body))
    missing = {n: f"<{n} output>" for n in names if n not in vars_ and n not in ("examples", "variant")}
    return {**vars_, **missing}


def run_rendered(job: Path, task_name: str | None, template: Template, samples: list[Sample]):
    """Send one template's prompts for ``samples`` to the engine the job configures for its task.

    Returns (sample, variant, text or error) per request. Upstream outputs a template reads
    (fusion's visual_caption) are filled with placeholders: this is for looking at prompts.
    """
    from .executor import EnginePool, ensure_ray
    from .spec import load_spec
    from .tasks import Output, Outputs, build_tasks

    spec = load_spec(job)
    tasks = {t.name: t for t in build_tasks(spec, job.parent)}
    matching = [t for t in tasks.values() if t.kind.name == template.task]
    task = tasks.get(task_name or "") or (matching[0] if len(matching) == 1 else None)
    if task is None:
        raise SpecError(f"{job}: name the task with --task (tasks for {template.task!r}: "
                        f"{[t.name for t in matching] or 'none'})")
    task.templates = [template]
    upstream = {d: Outputs.of([Output(s.key, 0, "", f"<{d} output>") for s in samples], first_prompt="")
                for d in task.spec.upstream()}
    planned, _ = task.plan(samples, upstream)
    ensure_ray(spec)
    pool = EnginePool()
    try:
        pool.ensure([task.model])
        results = pool.client(spec).generate(task.model_name, [p.request for p in planned])
    finally:
        pool.shutdown()
    return [(p.sample, p.variant, r.text if r.error is None else f"[{r.error}]")
            for p, r in zip(planned, results, strict=True)]


def compare_sql(task: str) -> dict[str, str]:
    """DuckDB queries behind `prompts compare`: per-version stats and reject reasons."""
    t = f'"{task}"'
    return {
        "stats": f"""
            SELECT prompt_id, any_value(prompt_hash) AS hash, count(*) AS kept,
                   round(avg(length(text)), 1) AS avg_chars,
                   round(avg(len(string_split(text, ' '))), 1) AS avg_words,
                   round(avg(output_tokens), 1) AS avg_out_tokens,
                   round(avg((finish_reason = 'length')::INT), 3) AS truncated
            FROM {t} GROUP BY prompt_id ORDER BY prompt_id""",
        "rejects": f"""
            SELECT prompt_id, stage || ':' || reason AS reason, count(*) AS n
            FROM rejects WHERE task = '{task}' GROUP BY ALL ORDER BY prompt_id, n DESC""",
        "side_by_side": f"""
            SELECT s.alt_text_clean AS alt_text, r.prompt_id, r.text
            FROM samples s JOIN {t} r USING (key)
            WHERE r.variant = 0 AND s.key IN (SELECT DISTINCT key FROM {t} ORDER BY key LIMIT ?)
            ORDER BY s.key, r.prompt_id""",
    }
