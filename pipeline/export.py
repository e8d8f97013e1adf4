"""Export a job's output for training: what a CLIP trainer reads, written shard by shard (memory
holds one shard's rows, never the dataset).

- ``webdataset``: one tar per input shard, named like it and keyed like it (the same ``__key__``
  as img2dataset's tar): ``KEY.jpg`` copied from the source shard, ``KEY.txt`` the original
  caption (what open_clip's loader reads), ``KEY.json`` the alt-text and every kept caption by
  task and variant, with the mixing probability. Without images: ``KEY.json`` only, a sidecar
  joined to the source tars by key.
- ``laclip``: LaCLIP's train.py input: ``train.csv`` (image path under ``images/``, original
  caption; no header) and one text file per (task, prompt version, variant) whose line i belongs
  to CSV row i: the kept caption, or the original where that caption was rejected (or judged
  unfaithful), since LaCLIP pairs lines by position and would shift every later row.
- ``parquet``: one file per shard, one row per image, one list column of kept captions per task.

``_manifest.json`` is written last and says what was written and the mixing rule (its leading
underscore keeps it out of readers that open the folder as a Parquet dataset); an export
folder without one is incomplete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import tarfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import yaml

from . import __version__
from .commit import marker_path, table_path, write_table
from .errors import ShardError
from .kinds import KINDS
from .query import connect, ident, judged_views, literal, views  # the views export reads, per shard
from .rows import Sample
from .sources import ShardRef, list_shards, read_shard
from .spec import InputSpec, SpecError

FORMATS = ("webdataset", "laclip", "parquet")
MANIFEST = "_manifest.json"
GENERATOR = "caprefine export"
# LaCLIP's loader skips CSV rows whose path has another extension, which shifts every caption
# line after them onto the wrong image: such an image stops the export instead.
LACLIP_EXTS = ("jpg", "jpeg", "png")
SAMPLE_COLS = ("key", "shard", "url", "alt_text", "width", "height", "image_sha256")
MIX_RULE = (
    "Per sample, train on the original caption with probability p_original, else on one kept "
    "caption drawn uniformly. --p-original P sets it (VeCLIP mixes alt-text and VeC; Recap keeps "
    "0.5-0.8 original); unset, it is LaCLIP's rule: the original and the n kept captions are drawn "
    "uniformly, p_original = 1/(1+n). A sample with no kept caption always gives the original. "
    "pipeline.export.pick_caption applies it."
)


class ExportError(ValueError):
    """A request the export cannot meet, said in one message for people (no traceback)."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export, and how."""

    format: str  # webdataset | laclip | parquet
    tasks: tuple[str, ...] = ()  # caption tasks to export; empty: every caption task in the output
    faithful_only: bool = False  # only rows a judge found faithful (every chosen task needs a judge)
    p_original: float | None = None  # probability of the original caption; None: LaCLIP's uniform draw
    images: bool = True  # copy images from the source shards (webdataset, laclip)
    force: bool = False  # replace an earlier export in the target folder


def pick_caption(original: str, captions: Sequence[str], p_original: float, rng: random.Random) -> str:
    """The mixing rule as a loader applies it to one sample (webdataset JSON or Parquet row)."""
    if not captions or rng.random() < p_original:
        return original
    return rng.choice(list(captions))


def mix_probability(n_captions: int, p_original: float | None) -> float:
    """p_original of a sample with ``n_captions`` kept captions (see MIX_RULE)."""
    if n_captions == 0:
        return 1.0
    return 1 / (1 + n_captions) if p_original is None else p_original


def one_line(text: str) -> str:
    """Whitespace runs (line breaks included) as one space: a caption is one line of a text file."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Caption:
    """One kept caption of a sample: which generation it is, and its text."""

    prompt_id: str
    variant: int
    lang: str | None
    text: str

    def label(self, by_prompt: bool) -> str:
        """Its name among the task's captions of one sample: variant (or language), and the
        prompt version when a task ran several (prompt A/B)."""
        name = self.lang or str(self.variant)
        return f"{self.prompt_id}:{name}" if by_prompt else name


@dataclass
class Row:
    """One exported image: its sample columns and its kept captions by task."""

    sample: dict[str, Any]
    captions: dict[str, list[Caption]]

    @property
    def key(self) -> str:
        return self.sample["key"]

    @property
    def original(self) -> str:
        """The original caption a trainer sees: the alt-text after input hygiene, as prompts saw it."""
        return self.sample["alt_text_clean"] or self.sample["alt_text"] or ""

    def p_original(self, p: float | None) -> float:
        return mix_probability(sum(len(c) for c in self.captions.values()), p)

    def record(self, p: float | None, ab: set[str]) -> dict[str, Any]:
        """The webdataset JSON: sample columns, the original, every kept caption by task and label."""
        rec = {c: self.sample[c] for c in SAMPLE_COLS}
        rec["caption"] = self.original
        rec["captions"] = {t: {c.label(t in ab): c.text for c in cs} for t, cs in self.captions.items()}
        rec["p_original"] = self.p_original(p)
        return rec


Image = tuple[str, bytes]  # (file extension, bytes) as the source shard holds them


@dataclass
class JobOutput:
    """A job's output folder as the export reads it: the chosen caption tasks and where to find
    each shard's rows, verdicts and source images."""

    dir: Path
    tasks: dict[str, str]  # chosen task -> its caption column
    faithful_only: bool
    judges: dict[str, list[str]] = field(default_factory=dict)  # task -> the judge tasks of it
    slots: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # task -> (prompt, variant)
    with_lang: set[str] = field(default_factory=set)  # tasks whose rows name a language
    inputs: list[list[dict]] = field(default_factory=list)  # each frozen spec's inputs, oldest first
    shards: list[str] = field(default_factory=list)
    refs: dict[str, ShardRef] | None = None  # shard id -> source shard, listed when first needed

    @property
    def ab(self) -> set[str]:
        """Tasks that ran several prompt versions: their captions are named by version too."""
        return {t for t, s in self.slots.items() if len({p for p, _ in s}) > 1}

    def rows(self, shard: str) -> list[Row]:
        """The shard's samples in key order, each with its kept (or faithful) captions by task."""
        con = self._shard_con(shard)
        rel = con.sql(f"SELECT {', '.join(SAMPLE_COLS)}, alt_text_clean FROM samples ORDER BY key")
        rows = {r[0]: Row(dict(zip(rel.columns, r, strict=True)), {t: [] for t in self.tasks})
                for r in rel.fetchall()}
        have = set(views(con))
        for task, col in self.tasks.items():
            src = f"{task}_judged" if self.faithful_only else task
            if src not in have:  # no rows (or, faithful only: no verdicts) in this shard
                continue
            for key, pid, variant, lang, text in con.sql(self._captions_sql(task, src, col)).fetchall():
                rows[key].captions[task].append(Caption(pid, variant, lang, text))
        return list(rows.values())

    def _shard_con(self, shard: str) -> duckdb.DuckDBPyConnection:
        # One shard's files only (commit names them by shard): a view over the whole output per
        # shard would read every file's footer once per shard, quadratic in the job's size.
        con = duckdb.connect()
        names = ["samples", *self.tasks, *(j for t in self.tasks for j in self.judges.get(t, []))]
        present = []
        for name in dict.fromkeys(names):
            path = table_path(self.dir, name, shard)
            if path.exists():
                con.execute(f"CREATE VIEW {ident(name)} AS SELECT * FROM read_parquet({literal(str(path))})")
                present.append(name)
        if self.faithful_only:
            judged_views(con, present)
        return con

    def _captions_sql(self, task: str, src: str, col: str) -> str:
        # A row several judges judged is faithful when every verdict says so; NULL (the judge's
        # answer was rejected) is no verdict, so not faithful.
        having = "HAVING bool_and(coalesce(faithful, false))" if self.faithful_only else ""
        lang = "lang" if task in self.with_lang else "NULL::VARCHAR"
        return (f"SELECT key, prompt_id, variant, any_value({lang}), any_value({ident(col)}) "
                f"FROM {ident(src)} WHERE {ident(col)} IS NOT NULL "
                f"GROUP BY key, prompt_id, variant {having} ORDER BY key, prompt_id, variant")

    def with_images(self, shard: str, rows: list[Row]) -> Iterator[tuple[Row, Image | None]]:
        """The rows in source order, each with its image read back from its source shard (checked
        against the sha256 the run recorded)."""
        ref = self._source(shard)
        by_key = {r.key: r for r in rows}
        try:
            for s in read_shard(ref):
                if isinstance(s, Sample) and s.key in by_key:
                    yield by_key[s.key], _image_of(s, by_key.pop(s.key), ref)
                    if not by_key:
                        return
        except ShardError as e:
            raise ExportError(str(e)) from None
        if by_key:
            raise ExportError(f"source shard {ref.path} no longer holds key(s) {sorted(by_key)[:5]}: it "
                              "changed since the run; rerun the job, or export with --captions-only")

    def _source(self, shard: str) -> ShardRef:
        if self.refs is None:
            self.refs = {}
            for inputs in self.inputs:  # later runs win: a shard id names the newest run's file
                try:
                    specs = [InputSpec.model_validate(i) for i in inputs]
                    self.refs.update({r.shard_id: r for r in list_shards(specs)})
                except SpecError:
                    continue  # that run's inputs are gone; another run may still name the shard
        if shard not in self.refs:
            paths = sorted({i.get("path", "?") for inputs in self.inputs for i in inputs})
            raise ExportError(f"the source shard of {shard} is not found (the job read {', '.join(paths)}, "
                              "relative to the folder it ran in): export from that folder, or with "
                              "--captions-only")
        return self.refs[shard]


def _image_of(s: Sample, row: Row, ref: ShardRef) -> Image:
    if s.image is None:
        raise ExportError(f"source shard {ref.path} holds no images (a {ref.input.format} input): "
                          "export with --captions-only")
    if s.image_sha256 != row.sample["image_sha256"]:
        raise ExportError(f"source shard {ref.path} changed since the run (key {s.key}: another "
                          "image); rerun the job, or export with --captions-only")
    return image_ext(s.image), s.image


def image_ext(data: bytes) -> str:
    """The file extension of image bytes, from their format (JPEG -> jpg)."""
    from PIL import Image as PILImage

    fmt = (PILImage.open(io.BytesIO(data)).format or "bin").lower()
    return "jpg" if fmt == "jpeg" else fmt


def open_output(out: Path, opts: ExportOptions) -> JobOutput:
    """Read what the output offers and check the request against it (tasks, judges, commits)."""
    try:
        con = connect(out)
    except FileNotFoundError as e:
        raise ExportError(str(e)) from None
    have = set(views(con))
    if "samples" not in have:
        raise ExportError(f"{out}: no samples yet (no shard committed): run the job first")
    specs = _frozen_specs(out)
    kinds = {t: s.get("kind") or t for spec in specs for t, s in (spec.get("tasks") or {}).items()}
    captions = {t: KINDS[k].caption for t, k in kinds.items() if t in have and k in KINDS}
    tasks = _chosen(out, opts.tasks, captions)
    job = JobOutput(out, tasks, opts.faithful_only, inputs=[s.get("inputs") or [] for s in specs])
    for spec in specs:
        for name, s in (spec.get("tasks") or {}).items():
            if s.get("judges") in tasks and name in have and name not in job.judges.get(s["judges"], []):
                job.judges.setdefault(s["judges"], []).append(name)
    if opts.faithful_only:
        _check_judged(tasks, have)
    for t in tasks:
        job.slots[t] = _slots(con, t, have)
        if "lang" in con.sql(f"SELECT * FROM {ident(t)} LIMIT 0").columns:
            job.with_lang.add(t)
    job.shards = sorted(p.stem for p in (out / "samples").glob("*.parquet"))
    _check_committed(out, job)
    return job


def _frozen_specs(out: Path) -> list[dict]:
    """Every run's frozen spec, oldest first (run ids start with their time)."""
    specs = []
    for p in sorted((out / "_runs").glob("*/spec.yaml")):
        data = yaml.safe_load(p.read_text())
        if isinstance(data, dict):
            specs.append(data)
    if not specs:
        raise ExportError(f"{out}/_runs holds no job spec: cannot tell which tables hold captions")
    return specs


def _chosen(out: Path, asked: Sequence[str], captions: dict[str, str | None]) -> dict[str, str]:
    offered = {t: c for t, c in captions.items() if c}
    for t in asked:
        if t not in captions:
            raise ExportError(f"unknown task {t!r}: the caption tasks in {out} are "
                              f"{', '.join(offered) or '(none)'}")
        if not captions[t]:
            raise ExportError(f"task {t!r} has no caption column to export (caption tasks: "
                              f"{', '.join(offered) or '(none)'})")
    tasks = {t: offered[t] for t in dict.fromkeys(asked)} if asked else offered
    if not tasks:
        raise ExportError(f"{out} holds no caption task output yet: run a job with a caption task")
    return tasks


def _check_judged(tasks: dict[str, str], have: set[str]) -> None:
    unjudged = [t for t in tasks if f"{t}_judged" not in have]
    if unjudged:
        judged = [t for t in tasks if t not in unjudged]
        raise ExportError(f"--faithful-only: no judge ran on {', '.join(unjudged)}; add a judge task "
                          f"(judges: {unjudged[0]}) and rerun, or export "
                          + (f"only judged tasks (--task {' --task '.join(judged)})" if judged
                             else "without --faithful-only"))


def _slots(con: duckdb.DuckDBPyConnection, task: str, have: set[str]) -> list[tuple[str, int]]:
    """Every (prompt version, variant) the task asked for, kept or rejected: LaCLIP's files."""
    sql = f"SELECT DISTINCT prompt_id, variant FROM {ident(task)}"
    if "rejects" in have:
        sql += (f" UNION SELECT DISTINCT prompt_id, variant FROM rejects WHERE task = {literal(task)} "
                "AND variant IS NOT NULL AND prompt_id IS NOT NULL")
    return [(p, v) for p, v in con.sql(sql + " ORDER BY 1, 2").fetchall()]


def _check_committed(out: Path, job: JobOutput) -> None:
    """Every chosen task (and, faithful only, its judges) committed on every shard: a shard a
    stopped job left unfinished would export its images with their captions missing."""
    units = [*job.tasks, *(j for t in job.tasks for j in job.judges.get(t, []))] \
        if job.faithful_only else list(job.tasks)
    missing = [f"{s}/{u}" for s in job.shards for u in units if not marker_path(out, s, u).exists()]
    if missing:
        raise ExportError(f"{out}: {len(missing)} (shard/task) not committed ({', '.join(missing[:5])}"
                          f"{', ...' if len(missing) > 5 else ''}): rerun the job to finish it, or "
                          "export other tasks with --task")


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A file that appears complete or not at all (dot-temp, then rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


class WebdatasetWriter:
    """One tar per shard: KEY.jpg + KEY.txt + KEY.json, or KEY.json alone without images."""

    def __init__(self, to: Path, job: JobOutput, opts: ExportOptions):
        self.to, self.p, self.ab, self.images = to, opts.p_original, job.ab, opts.images
        self.files: list[dict[str, Any]] = []

    @staticmethod
    def check(job: JobOutput, opts: ExportOptions) -> None:
        """Every request fits: a JSON holds any task and any mixing probability."""

    def shard(self, shard: str, items: Iterable[tuple[Row, Image | None]]) -> None:
        n = 0
        with _atomic(self.to / f"{shard}.tar") as tmp, tarfile.open(tmp, "w") as tar:
            for row, image in items:
                if image is not None:  # webdataset groups a sample's members by key, in a row
                    _add(tar, f"{row.key}.{image[0]}", image[1])
                    _add(tar, f"{row.key}.txt", row.original.encode())
                record = row.record(self.p, self.ab)
                _add(tar, f"{row.key}.json", json.dumps(record, ensure_ascii=False).encode())
                n += 1
        self.files.append({"path": f"{shard}.tar", "samples": n})

    def finish(self) -> list[dict[str, Any]]:
        return self.files


class LaclipWriter:
    """train.csv + one caption file per (task, prompt version, variant), aligned line by line."""

    def __init__(self, to: Path, job: JobOutput, opts: ExportOptions):
        self.to, self.images = to, opts.images
        ab = job.ab
        self.slots = [(t, p, v) for t in job.tasks for p, v in job.slots[t]]
        self.names = {s: _slot_file(s, s[0] in ab) for s in self.slots}
        self.csv_path = to / "train.csv"
        paths = [self.csv_path, *(to / n for n in self.names.values())]
        self.tmp = {p: p.with_name(f".{p.name}.tmp") for p in paths}
        self.fh = {p: open(t, "w", encoding="utf-8", newline="") for p, t in self.tmp.items()}
        self.csv = csv.writer(self.fh[self.csv_path], lineterminator="\n")
        self.rows, self.filled = 0, Counter[tuple[str, str, int]]()

    @staticmethod
    def check(job: JobOutput, opts: ExportOptions) -> None:
        if opts.p_original is not None:
            raise ExportError("--p-original: LaCLIP's train.py draws uniformly among the CSV caption "
                              "and its caption files; the option applies to webdataset and parquet")

    def shard(self, shard: str, items: Iterable[tuple[Row, Image | None]]) -> None:
        for row, image in items:
            ext = image[0] if image else "jpg"  # without images: img2dataset's default encoding
            if ext not in LACLIP_EXTS:
                raise ExportError(f"key {row.key} of shard {shard} is a {ext} image, which LaCLIP's loader "
                                  f"skips (it reads {', '.join(LACLIP_EXTS)}): use --format webdataset")
            rel = f"{shard}/{row.key}.{ext}"
            if image is not None:
                (self.to / "images" / shard).mkdir(parents=True, exist_ok=True)
                (self.to / "images" / rel).write_bytes(image[1])
            original = one_line(row.original)
            self.csv.writerow([rel, original])
            self._captions(row, original)
            self.rows += 1

    def _captions(self, row: Row, original: str) -> None:
        kept = {(t, c.prompt_id, c.variant): c.text for t, cs in row.captions.items() for c in cs}
        for slot, name in self.names.items():
            text = kept.get(slot)
            if text is None:
                self.filled[slot] += 1
            self.fh[self.to / name].write(one_line(text if text is not None else original) + "\n")

    def finish(self) -> list[dict[str, Any]]:
        for p, f in self.fh.items():
            f.close()
            os.replace(self.tmp[p], p)
        files: list[dict[str, Any]] = [{"path": "train.csv", "samples": self.rows,
                                        "images": "images/" if self.images else None}]
        for (task, prompt_id, variant), name in self.names.items():
            filled = self.filled[(task, prompt_id, variant)]
            files.append({"path": name, "task": task, "prompt_id": prompt_id, "variant": variant,
                          "captions": self.rows - filled, "originals": filled})
        return files


def _slot_file(slot: tuple[str, str, int], by_prompt: bool) -> str:
    task, prompt_id, variant = slot
    prompt = "_" + re.sub(r"[^A-Za-z0-9.-]+", "-", prompt_id) if by_prompt else ""
    return f"{task}{prompt}_{variant}.txt"


class ParquetWriter:
    """One Parquet file per shard: one row per image, a list column of captions per task."""

    images = False  # a table for HF datasets; images stay in the source shards (join by key)

    def __init__(self, to: Path, job: JobOutput, opts: ExportOptions):
        self.to, self.tasks, self.p = to, list(job.tasks), opts.p_original
        self.files: list[dict[str, Any]] = []

    @staticmethod
    def check(job: JobOutput, opts: ExportOptions) -> None:
        clash = set(job.tasks) & {*SAMPLE_COLS, "caption", "p_original"}
        if clash:
            raise ExportError(f"task(s) {', '.join(sorted(clash))} would share a column name with the "
                              "sample columns: export them with --format webdataset")

    def schema(self) -> pa.Schema:
        fixed = [("key", pa.string()), ("shard", pa.string()), ("url", pa.string()),
                 ("alt_text", pa.string()), ("width", pa.int32()), ("height", pa.int32()),
                 ("image_sha256", pa.string()), ("caption", pa.string())]
        lists = [(t, pa.list_(pa.string())) for t in self.tasks]
        return pa.schema(fixed + lists + [("p_original", pa.float64())])

    def shard(self, shard: str, items: Iterable[tuple[Row, Image | None]]) -> None:
        rows = [r for r, _ in items]
        cols: dict[str, list[Any]] = {c: [r.sample[c] for r in rows] for c in SAMPLE_COLS}
        cols["caption"] = [r.original for r in rows]
        for t in self.tasks:
            cols[t] = [[c.text for c in r.captions[t]] for r in rows]
        cols["p_original"] = [r.p_original(self.p) for r in rows]
        write_table(pa.table(cols, schema=self.schema()), self.to / f"{shard}.parquet")
        self.files.append({"path": f"{shard}.parquet", "samples": len(rows)})

    def finish(self) -> list[dict[str, Any]]:
        return self.files


WRITERS: dict[str, type[WebdatasetWriter] | type[LaclipWriter] | type[ParquetWriter]] = {
    "webdataset": WebdatasetWriter, "laclip": LaclipWriter, "parquet": ParquetWriter,
}


def prepare_target(to: Path, out: Path, force: bool) -> None:
    """An empty folder to write into: new, empty, or an earlier export replaced with ``force``.
    Never the job output or a folder around it (DuckDB would read an export as a table; --force
    would delete the output)."""
    a, b = to.resolve(), out.resolve()
    if a == b or b in a.parents or a in b.parents:
        raise ExportError(f"--to {to} and the job output {out} overlap: export into a folder of its own")
    if to.exists() and not to.is_dir():
        raise ExportError(f"--to {to} is a file: give a folder")
    if to.is_dir() and any(to.iterdir()):
        if not _is_export(to):
            raise ExportError(f"--to {to} is not empty and holds no earlier export: give a new folder")
        if not force:
            raise ExportError(f"--to {to} holds an earlier export: pass --force to replace it")
        shutil.rmtree(to)
    to.mkdir(parents=True, exist_ok=True)


def _is_export(folder: Path) -> bool:
    try:
        return json.loads((folder / MANIFEST).read_text()).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


def export(out: str | Path, to: str | Path, opts: ExportOptions) -> dict[str, Any]:
    """Write the output folder ``out`` into ``to`` in ``opts.format``; return the manifest."""
    out, to = Path(out), Path(to)
    if opts.format not in FORMATS:
        raise ExportError(f"--format {opts.format!r}: one of {', '.join(FORMATS)}")
    job = open_output(out, opts)
    WRITERS[opts.format].check(job, opts)  # before the target is touched: --force replaces it
    prepare_target(to, out, opts.force)
    try:
        return _write(job, to, opts)
    except BaseException:
        shutil.rmtree(to, ignore_errors=True)  # a folder prepare_target emptied: nothing else is lost
        raise


def _write(job: JobOutput, to: Path, opts: ExportOptions) -> dict[str, Any]:
    writer = WRITERS[opts.format](to, job, opts)
    samples, captions = 0, Counter[str]()
    for shard in job.shards:
        rows = job.rows(shard)
        samples += len(rows)
        for r in rows:
            captions.update({t: len(cs) for t, cs in r.captions.items()})
        items = job.with_images(shard, rows) if writer.images else ((r, None) for r in rows)
        writer.shard(shard, items)
    manifest = {
        "generator": GENERATOR, "version": __version__, "format": opts.format,
        "source": str(job.dir.resolve()), "tasks": job.tasks, "faithful_only": opts.faithful_only,
        "images": writer.images,
        "mixing": {"p_original": opts.p_original, "rule": MIX_RULE},
        "samples": samples, "captions": {t: captions[t] for t in job.tasks}, "files": writer.finish(),
    }
    with _atomic(to / MANIFEST) as tmp:
        tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest
