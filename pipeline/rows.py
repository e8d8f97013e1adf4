"""The row schema, declared once: what flows between steps and what lands in each table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa

# Where a row was dropped; written as is to the rejects table's `stage` column.
Stage = Literal["source", "input", "dependency", "engine", "parse", "output"]


@dataclass
class Sample:
    """One input image/alt-text pair as it travels through the pipeline."""

    key: str
    shard: str
    url: str | None
    alt_text: str | None  # raw, exactly as the source had it
    alt_text_clean: str | None = None  # after input hygiene; what prompts see
    image: bytes | None = None
    width: int | None = None
    height: int | None = None
    image_sha256: str | None = None
    pos: int = 0  # ordinal among the shard's samples, in read order: tells apart rows sharing a key
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Reject:
    """A row that did not make it, and why. Rejects are data, never silently dropped.

    Built with keywords only: nine positional values cannot be read (or reordered) safely.
    """

    key: str
    shard: str
    stage: Stage
    reason: str
    detail: str | None = None
    task: str | None = None
    variant: int | None = None
    text: str | None = None  # the generated text, when a generation was rejected
    prompt_id: str | None = None  # which template version (prompt A/B) the request came from


SAMPLES_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("shard", pa.string()),
        ("url", pa.string()),
        ("alt_text", pa.string()),
        ("alt_text_clean", pa.string()),
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("image_sha256", pa.string()),
    ]
)

REJECTS_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("shard", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("task", pa.string()),
        ("variant", pa.int32()),
        ("text", pa.string()),
        ("prompt_id", pa.string()),
    ]
)

# Provenance columns carried by every task table, so any output row can be traced and reproduced.
PROVENANCE_FIELDS = [
    ("model", pa.string()),
    ("model_revision", pa.string()),
    ("engine", pa.string()),
    ("prompt_id", pa.string()),
    ("prompt_hash", pa.string()),
    ("sampling", pa.string()),  # JSON of the exact sampling parameters sent
    ("seed", pa.int64()),
    ("finish_reason", pa.string()),
    ("prompt_tokens", pa.int32()),
    ("output_tokens", pa.int32()),
    ("latency_ms", pa.float32()),
    ("run_id", pa.string()),
]


# What tells the rows of a task table apart (the columns it has): a key has one row per variant
# and prompt version, and a judge one per row it judges.
TASK_ROW_ID = ["key", "variant", "prompt_id", "lang", "judged_task", "judged_variant", "judged_prompt_id"]


def task_schema(output_fields: list[tuple[str, pa.DataType]]) -> pa.Schema:
    """Schema of a task table: key, shard, variant, the task's typed outputs, then provenance."""
    head = [("key", pa.string()), ("shard", pa.string()), ("variant", pa.int32())]
    return pa.schema(head + output_fields + PROVENANCE_FIELDS)


def samples_table(samples: list[Sample]) -> pa.Table:
    cols = {name: [getattr(s, name) for s in samples] for name in SAMPLES_SCHEMA.names}
    return pa.table(cols, schema=SAMPLES_SCHEMA)


def rejects_table(rejects: list[Reject]) -> pa.Table:
    cols = {name: [getattr(r, name) for r in rejects] for name in REJECTS_SCHEMA.names}
    return pa.table(cols, schema=REJECTS_SCHEMA)
