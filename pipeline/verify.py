"""`caprefine verify OUT`: is this output folder whole? Read-only; safe while a job runs.

Checks, per shard: every committed unit's files are complete Parquet (footer and every row
group read back), its row counts match its marker (samples + input rejects = rows in; task rows +
task rejects = requests), and no key appears twice in a table. Files without a marker (a crash
between file and marker: the rerun redoes them) and temp-file leftovers are reported as notes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from . import commit
from .rows import TASK_ROW_ID


@dataclass
class Verdict:
    shards: int = 0
    units: int = 0
    rows: Counter[str] = field(default_factory=Counter)  # table -> rows committed
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems


def _read(path: Path, v: Verdict):
    try:
        return pq.read_table(path)  # reads every row group: a torn file fails here
    except FileNotFoundError:
        v.problems.append(f"{path}: committed (marker present) but the file is missing")
    except Exception as e:  # any Arrow/Parquet error means the file is not complete Parquet
        v.problems.append(f"{path}: not readable Parquet ({e})")
    return None


def _unique_keys(table, cols: list[str], where: str, v: Verdict) -> None:
    cols = [c for c in cols if c in table.column_names]
    rows = table.select(cols).to_pylist()
    dup = [r for r, n in Counter(tuple(r.values()) for r in rows).items() if n > 1]
    if dup:
        v.problems.append(f"{where}: {len(dup)} duplicate {'/'.join(cols)} (e.g. {dup[0]})")


def _check_unit(out: Path, m: dict, v: Verdict) -> None:
    shard, unit, counts = m["shard"], m["unit"], m.get("counts", {})
    if unit == "dedup":
        return
    table_path = commit.table_path(out, unit, shard)
    data, rejects = _read(table_path, v), _read(commit.rejects_path(out, shard, unit), v)
    if data is None or rejects is None:
        return
    v.units += 1
    v.rows[unit] += data.num_rows
    if unit == "samples":
        expected, what = counts.get("rows_in"), "rows in"
        _unique_keys(data, ["key"], str(table_path), v)
    else:
        expected, what = counts.get("requests"), "requests"
        _unique_keys(data, TASK_ROW_ID, str(table_path), v)
    if expected is not None and data.num_rows + rejects.num_rows != expected:
        v.problems.append(f"{shard}/{unit}: {data.num_rows} rows + {rejects.num_rows} rejects != "
                          f"{expected} {what} (marker)")


def verify(out: Path) -> Verdict:
    out = Path(out)
    v = Verdict()
    if not out.is_dir():
        v.problems.append(f"{out}: no such output folder")
        return v
    marked: set[Path] = set()
    shards: set[str] = set()
    for mp in sorted((out / commit.MARKERS).glob("*.json")):
        try:
            m = json.loads(mp.read_text())
        except json.JSONDecodeError as e:
            v.problems.append(f"{mp}: unreadable marker ({e})")
            continue
        shards.add(m["shard"])
        marked |= {commit.table_path(out, m["unit"], m["shard"]),
                   commit.rejects_path(out, m["shard"], m["unit"])}
        _check_unit(out, m, v)
    v.shards = len(shards)
    for p in sorted(out.rglob("*.parquet")):
        rel = p.relative_to(out)
        if rel.parts[0].startswith("_"):
            continue
        if p not in marked:
            v.notes.append(f"{rel}: written but not committed (no marker); the next run redoes it")
    leftovers = [p for p in out.rglob(".*.tmp-*")]
    if leftovers:
        v.notes.append(f"{len(leftovers)} temp file(s) from an interrupted write, e.g. {leftovers[0]}")
    return v
