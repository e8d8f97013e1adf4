"""`caprefine export` on real job outputs (tiny models on real vLLM under Ray): every format is
read back the way its trainer reads it and checked against the output's DuckDB views."""

import csv
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, TINY_LLM, TINY_VLM

from pipeline.executor import run_job
from pipeline.export import LACLIP_EXTS, ExportError, ExportOptions, export, one_line, pick_caption
from pipeline.query import connect
from pipeline.spec import load_spec

pytestmark = pytest.mark.slow
LIMIT = 4  # rows per shard: 3 shards of img2dataset output, some rejected at input


def run_recipe(name, root, i2d_shards, engine_pool) -> Path:
    """A CPU recipe on the session's shared engines; its output folder."""
    models = {"llm": TINY_LLM, "lvlm": TINY_VLM}
    spec = load_spec(ROOT / "jobs" / "cpu" / f"{name}.yaml", {
        "inputs": [{"path": str(i2d_shards / "*.tar")}], "output": str(root), "execution.limit": LIMIT,
    })
    for m in spec.models.values():
        m.engine_args = dict(models[m.role]["engine_args"])
    run_job(spec, ROOT / "jobs" / "cpu", pool=engine_pool)
    return spec.out_dir


@pytest.fixture(scope="module")
def judged(tmp_path_factory, i2d_shards, engine_pool) -> Path:
    """rewrite (K=2) judged by an LLM judge."""
    return run_recipe("laclip_judged", tmp_path_factory.mktemp("judged"), i2d_shards, engine_pool)


@pytest.fixture(scope="module")
def mixed(judged, tmp_path_factory) -> Path:
    """A copy of ``judged`` with mixed verdicts: the random-weight judge's own are all alike.
    Of every three verdicts one says faithful, one is dropped (a rejected judge answer: no
    verdict, NULL in rewrite_judged) and one says unfaithful."""
    out = tmp_path_factory.mktemp("mixed") / judged.name
    shutil.copytree(judged, out)
    for path in sorted((out / "judge").glob("*.parquet")):
        t = pq.read_table(path)
        t = t.set_column(t.schema.get_field_index("faithful"), "faithful",
                         pa.array([i % 3 == 0 for i in range(t.num_rows)]))
        pq.write_table(t.filter(pa.array([i % 3 != 1 for i in range(t.num_rows)])), path)
    assert count(out, "SELECT count(*) FROM rewrite_judged WHERE faithful") > 0
    assert count(out, "SELECT count(*) FROM rewrite_judged WHERE faithful IS NULL") > 0
    return out


@pytest.fixture(scope="module")
def veclip(tmp_path_factory, i2d_shards, engine_pool) -> Path:
    """visual_caption (VLM) + fusion (LLM), no judge."""
    return run_recipe("veclip", tmp_path_factory.mktemp("veclip"), i2d_shards, engine_pool)


def kept(out: Path, task: str, faithful: bool = False) -> dict[str, dict[str, str]]:
    """key -> {variant: text} of a task's kept (or judged faithful) rows, from DuckDB."""
    src = f"{task}_judged" if faithful else task
    where = " WHERE faithful" if faithful else ""
    rows = connect(out).sql(f"SELECT key, variant, text FROM {src}{where} ORDER BY key, prompt_id, variant")
    by_key: dict[str, dict[str, str]] = defaultdict(dict)
    for key, variant, text in rows.fetchall():
        by_key[key][str(variant)] = text
    return by_key


def samples(out: Path) -> dict[str, dict]:
    rel = connect(out).sql("SELECT * FROM samples")
    return {r[0]: dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}


def count(out: Path, sql: str) -> int:
    return connect(out).sql(sql).fetchall()[0][0]


def tar_samples(path: Path) -> list[dict]:
    """Iterate a tar as webdataset does: consecutive members sharing a key (up to the first dot)."""
    out: list[dict] = []
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            key, _, ext = m.name.partition(".")
            if not out or out[-1]["__key__"] != key:
                out.append({"__key__": key, "__url__": path.name})
            out[-1][ext] = tar.extractfile(m).read()
    return out


def wds(folder: Path) -> list[dict]:
    return [s for tar in sorted(folder.glob("*.tar")) for s in tar_samples(tar)]


def test_webdataset_shards_join_the_source_by_key_and_hold_every_kept_caption(judged, i2d_shards, tmp_path):
    m = export(judged, tmp_path / "wds", ExportOptions(format="webdataset"))
    got, rows, rewrites = wds(tmp_path / "wds"), samples(judged), kept(judged, "rewrite")
    assert len(got) == len(rows) == m["samples"] and {s["__key__"] for s in got} == set(rows)
    source = {(t.stem, s["__key__"]): s for t in i2d_shards.glob("*.tar") for s in tar_samples(t)}
    for s in got:
        src = source[(Path(s["__url__"]).stem, s["__key__"])]  # same shard name, same key
        rec, row = json.loads(s["json"]), rows[s["__key__"]]
        assert s["jpg"] == src["jpg"] and hashlib.sha256(s["jpg"]).hexdigest() == row["image_sha256"]
        assert s["txt"].decode() == rec["caption"] == row["alt_text_clean"]  # open_clip reads jpg + txt
        assert rec["alt_text"] == row["alt_text"] and rec["url"] == row["url"]
        assert rec["captions"] == {"rewrite": rewrites.get(s["__key__"], {})}
        assert rec["p_original"] == pytest.approx(1 / (1 + len(rec["captions"]["rewrite"])))
    n = sum(len(json.loads(s["json"])["captions"]["rewrite"]) for s in got)
    assert n == m["captions"]["rewrite"] == count(judged, "SELECT count(*) FROM rewrite") > 0


def test_webdataset_captions_only_with_a_mixing_probability(veclip, tmp_path):
    m = export(veclip, tmp_path / "side", ExportOptions(format="webdataset", images=False, p_original=0.5))
    got = wds(tmp_path / "side")
    assert len(got) == count(veclip, "SELECT count(*) FROM samples") and m["images"] is False
    assert all(set(s) == {"__key__", "__url__", "json"} for s in got)  # a sidecar: no image, no txt
    by_task = {t: kept(veclip, t) for t in ("visual_caption", "fusion")}
    rng = random.Random(0)
    for s in got:
        rec = json.loads(s["json"])
        assert rec["captions"] == {t: by_task[t].get(s["__key__"], {}) for t in by_task}
        texts = [x for caps in rec["captions"].values() for x in caps.values()]
        assert rec["p_original"] == (0.5 if texts else 1.0)
        assert pick_caption(rec["caption"], texts, rec["p_original"], rng) in [rec["caption"], *texts]
        assert pick_caption(rec["caption"], texts, 1.0, rng) == rec["caption"]
    for t in by_task:
        assert m["captions"][t] == count(veclip, f"SELECT count(*) FROM {t}") > 0
    assert m["mixing"]["p_original"] == 0.5


def read_laclip(folder: Path, files: list[str]) -> tuple[list[list[str]], dict[str, list[str]]]:
    """What LaCLIP's train.py reads: CSV rows (image path, caption), caption files by line."""
    with open(folder / "train.csv", newline="") as f:
        rows = list(csv.reader(f))
    lines = {}
    for name in files:
        with open(folder / name) as f:  # as train.py does: readlines, one caption per line
            lines[name] = [line.replace("\n", "") for line in f.readlines()]
    return rows, lines


def test_laclip_csv_and_caption_files_align_line_by_line(mixed, tmp_path):
    judged, rows = mixed, samples(mixed)
    for faithful in (False, True):
        to = tmp_path / f"laclip-{faithful}"
        m = export(judged, to, ExportOptions(format="laclip", faithful_only=faithful))
        files = [f["path"] for f in m["files"][1:]]
        assert files == ["rewrite_0.txt", "rewrite_1.txt"]
        csv_rows, lines = read_laclip(to, files)
        assert len(csv_rows) == len(rows) == m["samples"]
        keys = [Path(p).stem for p, _ in csv_rows]
        assert set(keys) == set(rows)
        for path, caption in csv_rows:
            assert path.endswith(LACLIP_EXTS)  # LaCLIP skips any other row, shifting the captions
            data = (to / "images" / path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == rows[Path(path).stem]["image_sha256"]
            assert caption == one_line(rows[Path(path).stem]["alt_text_clean"])
        texts = kept(judged, "rewrite", faithful)
        for v, name in enumerate(files):
            assert len(lines[name]) == len(csv_rows)
            originals = [c for _, c in csv_rows]
            expect = [one_line(texts.get(k, {}).get(str(v), c)) for k, c in zip(keys, originals, strict=True)]
            assert lines[name] == expect  # the kept caption (on one line), else the original in its place
            n = sum(str(v) in texts.get(k, {}) for k in keys)
            assert m["files"][v + 1]["captions"] == n and m["files"][v + 1]["originals"] == len(keys) - n
        where = "WHERE faithful" if faithful else ""
        src = "rewrite_judged" if faithful else "rewrite"
        assert m["captions"]["rewrite"] == count(judged, f"SELECT count(*) FROM {src} {where}")


def test_parquet_one_row_per_image_from_the_cli(veclip, tmp_path):
    """The README's command, as written, and the table read back with pyarrow and DuckDB."""
    to = tmp_path / "pq"
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", str(veclip), "--to", str(to),
                        "--format", "parquet", "--task", "fusion", "--p-original", "0.8"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "exported" in r.stdout
    table = ds.dataset(to, format="parquet").to_table()
    assert table.num_rows == count(veclip, "SELECT count(*) FROM samples")
    assert "visual_caption" not in table.column_names
    assert table.schema.field("fusion").type == pa.list_(pa.string())
    fusion = kept(veclip, "fusion")
    for row in table.to_pylist():
        assert row["fusion"] == list(fusion.get(row["key"], {}).values())
        assert row["p_original"] == (0.8 if row["fusion"] else 1.0)
    total = duckdb.sql(f"SELECT sum(len(fusion)) FROM read_parquet('{to}/*.parquet')").fetchall()[0][0]
    assert total == count(veclip, "SELECT count(*) FROM fusion")
    assert json.loads((to / "_manifest.json").read_text())["captions"] == {"fusion": total}


def test_faithful_only_keeps_the_rows_a_judge_found_faithful(mixed, tmp_path):
    judged = mixed
    m = export(judged, tmp_path / "pq", ExportOptions(format="parquet", faithful_only=True))
    table = ds.dataset(tmp_path / "pq", format="parquet").to_table().to_pylist()
    faithful = kept(judged, "rewrite", faithful=True)
    assert {r["key"]: r["rewrite"] for r in table} == {k: list(faithful.get(k, {}).values()) for k in
                                                       samples(judged)}
    n = count(judged, "SELECT count(*) FROM rewrite_judged WHERE faithful")  # NULL verdicts: left out
    assert sum(len(r["rewrite"]) for r in table) == m["captions"]["rewrite"] == n


@pytest.mark.parametrize("opts, message", [
    (ExportOptions(format="parquet", tasks=("nope",)), "unknown task 'nope'"),
    (ExportOptions(format="parquet", tasks=("judge",)), "no caption column"),
    (ExportOptions(format="laclip", p_original=0.5), "--p-original"),
    (ExportOptions(format="csv"), "--format 'csv'"),
])
def test_export_refuses_what_it_cannot_do(judged, tmp_path, opts, message):
    with pytest.raises(ExportError, match=message.replace("(", r"\(")):
        export(judged, tmp_path / "x", opts)
    assert not (tmp_path / "x").exists()  # nothing written


def test_target_folder_rules(judged, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        export(judged, tmp_path / "mine", ExportOptions(format="parquet", force=True))
    assert (tmp_path / "mine" / "notes.txt").exists()  # --force never deletes what export did not write
    with pytest.raises(ExportError, match="overlap"):
        export(judged, judged / "export", ExportOptions(format="parquet"))
    export(judged, tmp_path / "e", ExportOptions(format="parquet"))
    with pytest.raises(ExportError, match="--force"):
        export(judged, tmp_path / "e", ExportOptions(format="webdataset"))
    m = export(judged, tmp_path / "e", ExportOptions(format="webdataset", force=True))
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == sorted([f["path"] for f in m["files"]] +
                                                                        ["_manifest.json"])


def test_cli_stops_with_one_message(judged, veclip, tmp_path):
    env = {**os.environ, "COLUMNS": "300"}
    for args, message in [
        ([str(tmp_path / "missing")], "no such output folder"),
        ([str(veclip), "--faithful-only"], "--faithful-only: no judge ran on visual_caption, fusion"),
    ]:
        cmd = [sys.executable, "-m", "pipeline.cli", "export", *args, "--to", str(tmp_path / "x"),
               "--format", "webdataset"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
        assert r.returncode == 2 and message in r.stderr, r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_caption_labels_and_laclip_file_names():
    from pipeline.export import Caption, _slot_file, mix_probability

    assert Caption("rewrite/laclip-v1", 2, None, "x").label(by_prompt=False) == "2"
    assert Caption("translate/v1", 3, "de", "x").label(by_prompt=False) == "de"
    assert Caption("rewrite/laclip-short", 0, None, "x").label(by_prompt=True) == "rewrite/laclip-short:0"
    assert _slot_file(("rewrite", "rewrite/laclip-v1", 1), by_prompt=False) == "rewrite_1.txt"
    ab = _slot_file(("rewrite", "rewrite/laclip-short", 1), by_prompt=True)
    assert ab == "rewrite_rewrite-laclip-short_1.txt"
    assert one_line("a\nb\r\nc\u2028d  e") == "a b c d e"  # one line for readlines and splitlines
    assert [mix_probability(n, None) for n in (0, 1, 3)] == [1.0, 0.5, 0.25]
    assert [mix_probability(n, 0.7) for n in (0, 2)] == [1.0, 0.7]
