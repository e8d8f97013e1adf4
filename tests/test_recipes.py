"""Every recipe's CPU twin end to end on real vLLM (tiny LLM + tiny BLIP-2) under Ray."""

import pytest
from conftest import ROOT, TINY_LLM, TINY_VLM, RecordingPool

from pipeline.executor import run_job
from pipeline.query import connect
from pipeline.spec import load_spec

pytestmark = pytest.mark.slow
LIMIT = 4  # rows per shard: 3 shards of img2dataset output, some rejected at input


def twin_spec(name, tmp_path, i2d_shards):
    models = {"llm": TINY_LLM, "lvlm": TINY_VLM}
    spec = load_spec(ROOT / "jobs" / "cpu" / f"{name}.yaml", {
        "inputs": [{"path": str(i2d_shards / "*.tar")}],
        "output": str(tmp_path / "out"),
        "execution.limit": LIMIT,
    })
    for m in spec.models.values():  # the session's shared engines: same models, test memory settings
        m.engine_args = dict(models[m.role]["engine_args"])
    return spec


def run_twin(name, tmp_path, i2d_shards, engine_pool):
    spec = twin_spec(name, tmp_path, i2d_shards)
    summary = run_job(spec, ROOT / "jobs" / "cpu", pool=engine_pool)
    assert len(engine_pool.replicas) == 2  # the twin reused the shared engines
    con = connect(spec.out_dir)
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    assert kept > 0
    return con, kept, summary


def count(con, table, where="TRUE"):
    return con.sql(f'SELECT count(*) FROM "{table}" WHERE {where}').fetchall()[0][0]


def rejected(con, task):
    return count(con, "rejects", f"task = '{task}'")


def grounded(con, task):
    """Every kept caption has a float32 CLIP score: each of these rows' samples has its image."""
    assert count(con, task) > 0
    assert con.sql(f'SELECT typeof(clip_score) FROM "{task}" LIMIT 1').fetchall() == [("FLOAT",)]
    assert count(con, task, "clip_score IS NULL OR clip_score NOT BETWEEN -1 AND 1") == 0


def test_laclip_twin(tmp_path, i2d_shards, engine_pool):
    con, kept, _ = run_twin("laclip", tmp_path, i2d_shards, engine_pool)
    assert count(con, "rewrite") + rejected(con, "rewrite") == kept * 4


def test_laclip_judged_twin_judges_every_kept_rewrite(tmp_path, i2d_shards, engine_pool):
    con, kept, _ = run_twin("laclip_judged", tmp_path, i2d_shards, engine_pool)
    rewrites = count(con, "rewrite")
    assert rewrites > 0
    assert count(con, "judge") == rewrites  # one verdict per kept rewrite; noise, yet it always parses
    no_rewrite = kept - con.sql("SELECT count(DISTINCT key) FROM rewrite").fetchall()[0][0]
    assert rejected(con, "judge") == count(con, "rejects", "task = 'judge' AND stage = 'dependency'")
    assert rejected(con, "judge") == no_rewrite  # keys whose every rewrite was filtered out
    assert count(con, "rewrite_judged", "faithful IS NULL OR score NOT BETWEEN 1 AND 5") == 0
    types = con.sql("SELECT typeof(faithful), typeof(unsupported), typeof(score) FROM rewrite_judged LIMIT 1")
    assert types.fetchall() == [("BOOLEAN", "VARCHAR[]", "TINYINT")]


def test_veclip_twin_runs_two_engines_in_dependency_order(tmp_path, i2d_shards, engine_pool):
    con, kept, _ = run_twin("veclip", tmp_path, i2d_shards, engine_pool)
    assert count(con, "visual_caption") + rejected(con, "visual_caption") == kept
    assert count(con, "fusion") + rejected(con, "fusion") == kept
    # every fusion row had a visual caption to read; rows without one are dependency rejects
    orphans = con.sql("SELECT count(*) FROM fusion f ANTI JOIN visual_caption v USING (key)").fetchall()
    assert orphans == [(0,)]
    models = dict(con.sql("SELECT 'vc', any_value(model) FROM visual_caption UNION ALL "
                          "SELECT 'fu', any_value(model) FROM fusion").fetchall())
    assert models == {"vc": "tiny://vlm", "fu": "tiny://llm"}
    grounded(con, "visual_caption")
    grounded(con, "fusion")  # an LLM task: scored against its sample's image, not its request's
    # A rerun with fusion changed starts only the LLM: the VLM's captions are all committed.
    spec = twin_spec("veclip", tmp_path, i2d_shards)
    spec.tasks["fusion"].sampling.temperature = 0.5
    pool = RecordingPool(engine_pool)
    again = run_job(spec, ROOT / "jobs" / "cpu", pool=pool)
    assert pool.asked == [["tiny://llm"]]
    assert set(again.tasks) == {"fusion"} and count(con, "fusion") + rejected(con, "fusion") == kept


def test_hqclip_twin_describe_parses_on_every_row(tmp_path, i2d_shards, engine_pool):
    con, kept, _ = run_twin("hqclip", tmp_path, i2d_shards, engine_pool)
    assert count(con, "describe") == kept  # 100% of rows parse and validate, random weights included
    assert rejected(con, "describe") == 0
    types = con.sql('SELECT typeof(long_positive), typeof(tags_positive) FROM "describe" LIMIT 1')
    types = types.fetchall()
    assert types == [("VARCHAR", "VARCHAR[]")]
    grounded(con, "describe")
    assert "clip_score" not in con.sql("SELECT * FROM tags LIMIT 0").columns  # not configured there
    assert count(con, "tags") + rejected(con, "tags") == kept


def test_multilingual_twin_one_row_per_language(tmp_path, i2d_shards, engine_pool):
    con, kept, _ = run_twin("multilingual", tmp_path, i2d_shards, engine_pool)
    rewrites = count(con, "rewrite")
    assert count(con, "translate") + rejected(con, "translate") == kept * 9
    langs = {r[0] for r in con.sql("SELECT DISTINCT lang FROM translate").fetchall()}
    assert langs <= {"pt", "es", "fr", "de", "nl", "it", "zh", "ko", "ru"} and len(langs) > 1
    assert count(con, "translate", "detected_lang IS NULL OR detected_conf IS NULL") == 0
    # translate reads the rewrite: keys without a kept rewrite are dependency rejects
    assert count(con, "rejects", "task = 'translate' AND stage = 'dependency'") == 9 * (kept - rewrites)


def test_prompt_ab_runs_both_versions_on_the_same_rows(tmp_path, i2d_shards, engine_pool):
    import os
    import subprocess
    import sys

    from conftest import NOISE_FILTERS, job_spec

    b = tmp_path / "rewrite_b.j2"
    b.write_text((ROOT / "prompts" / "rewrite.j2").read_text()
                 .replace("id: rewrite/laclip-v1", "id: rewrite/laclip-short")
                 .replace("clear, natural captions", "very short captions"))
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="ab",
                    tasks={"rewrite": {"template": ["prompts/rewrite.j2", str(b)], "model": "llm",
                                       "variants": 1, "filters": NOISE_FILTERS}},
                    execution={"limit": LIMIT})
    run_job(spec, pool=engine_pool)
    con = connect(spec.out_dir)
    kept = count(con, "samples")
    per_version = dict(con.sql("SELECT prompt_id, count(*) + 0 FROM rewrite GROUP BY 1").fetchall())
    rej = dict(con.sql("SELECT prompt_id, count(*) FROM rejects WHERE task = 'rewrite' GROUP BY 1")
               .fetchall())
    for pid in ("rewrite/laclip-v1", "rewrite/laclip-short"):
        assert per_version.get(pid, 0) + rej.get(pid, 0) == kept
    hashes = con.sql("SELECT count(DISTINCT prompt_hash) FROM rewrite").fetchall()[0][0]
    assert hashes == 2
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "prompts", "compare", str(spec.out_dir),
                        "rewrite", "-n", "2"], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    assert "rewrite/laclip-short" in r.stdout and "Side by side" in r.stdout


def test_prompts_render_run_prints_outputs(i2d_shards):
    """`caprefine prompts render --run` starts the job's engine and shows inputs beside outputs."""
    import os
    import subprocess
    import sys

    shard = sorted(i2d_shards.glob("*.tar"))[0]
    r = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "prompts", "render", "prompts/rewrite.j2",
         "--input", str(shard), "-n", "2", "--run", "--job", "jobs/cpu/laclip.yaml"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}, "COLUMNS": "200"},
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Alt-text:" in r.stdout and "rewrite/laclip-v1 outputs" in r.stdout


def test_text_tags_on_the_llm(tmp_path, i2d_shards, engine_pool):
    from conftest import job_spec

    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="tags",
                    tasks={"tags": {"template": "prompts/tags_text.j2", "model": "llm"}},
                    execution={"limit": LIMIT})
    run_job(spec, pool=engine_pool)
    con = connect(spec.out_dir)
    assert count(con, "tags") == count(con, "samples")  # JSON constrained: every row parses
    assert con.sql("SELECT typeof(tags) FROM tags LIMIT 1").fetchall() == [("VARCHAR[]",)]
