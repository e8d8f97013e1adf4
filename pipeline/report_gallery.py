"""The report's gallery: a deterministic choice of samples, their images read back from the
source shards as small thumbnails, and every generation of every task for each, kept or rejected.

Images are not in the output (it keeps only their sha256), so they come from the input shards
the frozen spec names. A shard that is gone, moved or changed costs the gallery its images,
never the report: each card then says why it has none.
"""

from __future__ import annotations

import base64
import io
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from .errors import ShardError
from .images import ImageError, decode_image
from .rows import PROVENANCE_FIELDS, TASK_ROW_ID, Sample
from .sources import ShardRef, list_shards, read_shard
from .spec import JobSpec, SpecError

log = logging.getLogger(__name__)

GALLERY_MAX = 100
# Cards come from as few source shards as possible: a gallery of 100 reads about 4 shards (each
# read to its end at worst), not 100 shards of a big job.
PER_SHARD = 25
THUMB_PX = 160
HIDDEN = {"key", "shard"} | {name for name, _ in PROVENANCE_FIELDS}


@dataclass
class Generation:
    """One generation of a task for a card: its label, its output columns, or why it was dropped."""

    label: str  # variant, language, prompt version, judged row: what tells it apart
    caption: str | None  # the kind's caption column, shown as the main text
    fields: list[tuple[str, str]]  # the other output columns, formatted
    rejected: str | None = None  # "stage:reason: detail" of a rejected generation


@dataclass
class Card:
    key: str
    shard: str
    url: str | None
    alt_text: str | None
    alt_text_clean: str | None
    size: str
    sha256: str | None
    image: str | None = None  # data: URL of the thumbnail
    no_image: str | None = None  # why there is none
    tasks: dict[str, list[Generation]] = field(default_factory=dict)


CHOOSE = f"""
    SELECT key, shard, url, alt_text, alt_text_clean, width, height, image_sha256 FROM (
        SELECT *, row_number() OVER (PARTITION BY shard ORDER BY md5(key)) AS n FROM samples)
    WHERE n <= {PER_SHARD} ORDER BY shard, n LIMIT {GALLERY_MAX}"""


def cards(con: duckdb.DuckDBPyConnection, tasks: dict[str, str | None], spec: JobSpec | None,
          has_rejects: bool) -> list[Card]:
    """The gallery: chosen samples, each with its thumbnail and every task's generations.

    ``tasks`` maps each task table to its caption column (None: a kind without one, like tags).
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE _gallery AS {CHOOSE}")
    rows = con.sql("SELECT * FROM _gallery").fetchall()
    out = [Card(key=r[0], shard=r[1], url=r[2], alt_text=r[3], alt_text_clean=r[4],
                size=f"{r[5]}×{r[6]}" if r[5] else "", sha256=r[7]) for r in rows]
    by_key = {c.key: c for c in out}
    for task, caption in tasks.items():
        for key, gen in _generations(con, task, caption):
            by_key[key].tasks.setdefault(task, []).append(gen)
    if has_rejects:
        for key, task, gen in _rejected(con):
            if task in tasks:
                by_key[key].tasks.setdefault(task, []).append(gen)
    _thumbnails(out, spec)
    return out


def _generations(con: duckdb.DuckDBPyConnection, task: str, caption: str | None):
    rel = con.sql(f'SELECT t.* FROM "{task}" t JOIN _gallery g USING (key, shard) '
                  f"ORDER BY t.key, t.variant")
    cols = rel.columns
    rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    prompts = {r.get("prompt_id") for r in rows}
    for r in rows:
        fields = [(c, fmt(r[c])) for c in cols
                  if c not in HIDDEN and c not in TASK_ROW_ID and c != caption and r[c] is not None]
        yield r["key"], Generation(label(r, len(prompts) > 1), r.get(caption) if caption else None, fields)


def _rejected(con: duckdb.DuckDBPyConnection):
    rel = con.sql("SELECT r.key, r.task, r.variant, r.prompt_id, r.stage, r.reason, r.detail, r.text "
                  "FROM rejects r JOIN _gallery g USING (key, shard) WHERE r.task IS NOT NULL "
                  "ORDER BY r.key, r.task, r.variant")
    for key, task, variant, prompt_id, stage, reason, detail, text in rel.fetchall():
        why = f"{stage}:{reason}" + (f": {detail}" if detail else "")
        yield key, task, Generation(label({"variant": variant, "prompt_id": prompt_id}, False),
                                    text, [], rejected=why)


def label(row: dict[str, Any], show_prompt: bool) -> str:
    """What tells a task's rows of one key apart, in a few characters."""
    parts = [f"#{row['variant']}"] if row.get("variant") is not None else []
    if show_prompt and row.get("prompt_id"):
        parts.append(str(row["prompt_id"]))
    if row.get("lang"):
        parts.append(str(row["lang"]))
    if row.get("judged_task"):
        parts.append(f"on {row['judged_task']} #{row.get('judged_variant')}")
    return " ".join(parts)


def fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.3f}"
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _thumbnails(cards_: list[Card], spec: JobSpec | None) -> None:
    """Fill each card's image from its source shard, or say why there is none."""
    wanted: dict[str, dict[str, Card]] = defaultdict(dict)
    for c in cards_:
        if c.sha256 is None:
            c.no_image = "no image: a text-only row"
        else:
            wanted[c.shard][c.key] = c
    if not wanted:
        return
    refs: dict[str, ShardRef] = {}
    gone = "not found among the job's inputs"
    if spec is None:
        gone = "the run's job spec is missing"
    else:
        try:
            refs = {r.shard_id: r for r in list_shards(spec.inputs)}
        except SpecError as e:  # no input matches at all any more
            gone = str(e)
    for shard, by_key in wanted.items():
        if shard not in refs:
            for c in by_key.values():
                c.no_image = f"image unavailable: source shard {shard} is gone ({gone})"
            continue
        _read_images(refs[shard], by_key, spec.execution.limit if spec else None)


def _read_images(ref: ShardRef, by_key: dict[str, Card], limit: int | None) -> None:
    found: set[str] = set()
    try:
        for item in read_shard(ref, limit):
            if isinstance(item, Sample) and item.key in by_key and item.key not in found:
                found.add(item.key)
                _set_thumb(by_key[item.key], item)
                if len(found) == len(by_key):
                    break
    except (ShardError, OSError) as e:
        log.warning("report gallery: %s", e)
        for key, c in by_key.items():
            if key not in found:
                c.no_image = f"image unavailable: source shard {ref.path} cannot be read"
        return
    for key, c in by_key.items():
        if key not in found:
            c.no_image = f"image unavailable: key {key} is no longer in source shard {ref.path}"


def _set_thumb(card: Card, s: Sample) -> None:
    if s.image is None or s.image_sha256 != card.sha256:
        card.no_image = f"image unavailable: source shard {s.shard} changed since the run (sha256 differs)"
        return
    try:
        card.image = thumbnail(s.image)
    except ImageError as e:
        card.no_image = f"image does not decode: {e}"


def thumbnail(data: bytes, px: int = THUMB_PX) -> str:
    """A small JPEG as a data: URL, so the report needs no file beside it and no network."""
    img = decode_image(data)
    img.thumbnail((px, px))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
