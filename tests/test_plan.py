"""`caprefine plan`: counts on real img2dataset shards with the tiny models' own tokenizers, the
hours arithmetic, and every deliberate stop as one message without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import NOISE_FILTERS, TINY_LLM, TINY_VLM, job_spec

from pipeline.engine import chat_text, chat_token_ids, with_image_part
from pipeline.plan import (
    PlanError,
    PlanOptions,
    TokenCounter,
    make_plan,
    parse_figures,
    round_robin,
    sample_rows,
    shard_rows,
    spread,
)
from pipeline.sources import list_shards
from pipeline.spec import JobSpec
from pipeline.tasks import build_tasks

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "caprefine")


def inputs(shards: Path) -> list[dict]:
    return [{"path": str(shards), "format": "webdataset"}]


def test_counts_rows_requests_and_prompt_tokens(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, inputs(i2d_shards))  # rewrite, 2 variants
    plan = make_plan(spec, None, PlanOptions(sample=200))
    i = plan.input
    # 24 images + 2 dead URLs in 3 shards of 10: img2dataset's sidecars count both
    assert (i.shards, i.rows, i.failed, i.counted, i.sampled) == (3, 24, 2, 3, 24)
    assert i.how == "counted in every shard" and i.scale == 1
    tc = plan.counts[0]
    assert len(tc.asked) == i.kept * 2 and {a.variant for a in tc.asked} == {0, 1}
    assert plan.tasks[0].requests == i.kept * 2

    # a request's prompt tokens are what the engine would send: the chat template's token ids
    refs = list_shards(spec.inputs)
    _, kept, _ = sample_rows(spec, refs, 200)
    task = build_tasks(spec)[0]
    planned, _ = task.plan(kept[:1], {})
    tok = TokenCounter("llm", spec.models["llm"]).tokenizer
    assert tc.asked[0].prompt_tokens == len(chat_token_ids(tok, planned[0].request.messages))
    assert plan.tasks[0].prompt_tokens == sum(a.prompt_tokens for a in tc.asked)
    # rewrite's estimate: as long as the alt-text it rewrites, never over max_tokens (the bound)
    assert all(a.basis == "source" and 1 <= a.output_est <= a.output_bound == 48 for a in tc.asked)
    assert tc.asked[0].output_est == len(tok.encode(kept[0].alt_text_clean, add_special_tokens=False))


def test_sample_spreads_over_shards_and_totals_scale(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, inputs(i2d_shards))
    full = make_plan(spec, None, PlanOptions(sample=200))
    small = make_plan(spec, None, PlanOptions(sample=6))
    assert small.input.sample_shards == 3 and small.input.sampled == 6
    assert len({a.key[:5] for a in small.counts[0].asked}) == 3  # keys start with the shard id
    assert small.input.scale == 4 and small.input.rows == full.input.rows == 24
    t, tc = small.tasks[0], small.counts[0]
    assert t.requests == len(tc.asked) * 4
    assert t.prompt_tokens == tc.total("prompt_tokens") * 4
    assert t.output_bound == tc.total("output_bound") * 4 == t.requests * 48


def test_short_shards_are_topped_up_from_others(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, inputs(i2d_shards))
    refs = list_shards(spec.inputs)
    for n in (22, 23, 24, 200):  # shares of 8 (or 7): the 6-row shard falls short, the others make it up
        read, _, used = sample_rows(spec, refs, n)
        assert len(read) == min(n, 24) and len(used) == 3
        assert len({s.key for s in read}) == len(read)  # a top-up reads on, never a row twice


def test_shard_count_extrapolates_and_says_so(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, inputs(i2d_shards))
    plan = make_plan(spec, None, PlanOptions(sample=1, count_shards=1))
    i = plan.input
    ok, bad = shard_rows(list_shards(spec.inputs)[0], scan=False)  # type: ignore[misc]
    assert ok + bad == 10 and (i.counted, i.rows, i.failed) == (1, 3 * ok, 3 * bad)  # shard 0 x 3
    assert "extrapolated" in i.how


def test_variants_languages_and_judged_rows(tmp_path, i2d_shards):
    noise = {"filters": NOISE_FILTERS}
    spec = job_spec(tmp_path, inputs(i2d_shards), tasks={
        "rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 3, **noise},
        "translate": {"template": "prompts/translate.j2", "model": "llm", "source": "rewrite",
                      "languages": ["fr", "de"], **noise},
        "judge": {"template": "prompts/judge.j2", "model": "llm", "judges": "rewrite"},
    })
    plan = make_plan(spec, None, PlanOptions(sample=8, output_tokens={"rewrite": 7}))
    kept = plan.input.kept
    n = {t.task: len(c.asked) for t, c in zip(plan.tasks, plan.counts, strict=True)}
    assert n == {"rewrite": kept * 3, "translate": kept * 2, "judge": kept * 3}
    by = {t.task: t for t in plan.tasks}
    assert by["rewrite"].basis == "given" and by["rewrite"].output_est == 7 * kept * 3 * plan.input.scale
    assert by["judge"].basis == "bound" and by["judge"].output_est == by["judge"].output_bound
    # translate reads a placeholder of the rewrite's given length: its estimate is about that long
    tr = plan.counts[1].asked
    assert by["translate"].basis == "source" and all(5 <= a.output_est <= 9 for a in tr)
    assert any("placeholder" in n and "judged" in n for n in plan.notes())


def test_image_tokens_come_from_the_models_processor(tmp_path, i2d_shards):
    vc = {"template": "prompts/visual_caption.j2", "model": "lvlm", "filters": NOISE_FILTERS}
    spec = job_spec(tmp_path, inputs(i2d_shards), models={"lvlm": TINY_VLM}, tasks={"visual_caption": vc})
    plan = make_plan(spec, None, PlanOptions(sample=3))
    a = plan.counts[0].asked[0]
    tok = TokenCounter("lvlm", spec.models["lvlm"]).tokenizer
    text = chat_text(tok, with_image_part(a.request.messages))
    assert a.prompt_tokens == len(tok.encode(text)) + 8  # tiny BLIP-2: 8 query tokens per image
    assert any("image tokens counted by the model's processor" in n for n in plan.notes())


def test_hours_from_a_given_throughput(tmp_path, i2d_shards):
    llm = {**TINY_LLM, "replicas": 2, "num_gpus": 2}
    spec = job_spec(tmp_path, inputs(i2d_shards), models={"llm": llm})
    plan = make_plan(spec, None, PlanOptions(sample=200, tokens_per_s={"llm": 100.0}))
    m = plan.models[0]
    assert m.throughput is not None and m.throughput.source == "given"
    out = plan.tasks[0].output_est
    assert m.output_est == out and m.output_bound == plan.tasks[0].output_bound
    assert m.replica_hours(out) == pytest.approx(out / 100 / 3600)
    assert m.device_hours(out) == pytest.approx(out / 100 / 3600 * 2)  # 2 GPUs per replica
    assert m.wall_hours(out) == pytest.approx(out / 100 / 3600 / 2)  # 2 replicas at once
    none = make_plan(spec, None, PlanOptions(sample=5)).models[0]
    assert none.throughput is None and none.device_hours(1e6) is None


def test_figure_options():
    assert parse_figures(["2500", "lvlm=800.5"], "--tokens-per-s", float) == {"*": 2500.0, "lvlm": 800.5}
    for bad in (["llm=fast"], ["0"], ["rewrite=-3"]):
        with pytest.raises(PlanError):
            parse_figures(bad, "--output-tokens", int)
    assert spread(10, 3) == [0, 4, 9, 1, 2, 3, 5, 6, 7, 8] and spread(1, 8) == [0]
    assert round_robin({"a": [1, 2, 3], "b": [9]}, 3) == [1, 9, 2]


def test_other_input_formats_are_counted(tmp_path, i2d_parquet_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_parquet_shards), "format": "parquet"}])
    i = make_plan(spec, None, PlanOptions(sample=200)).input
    assert (i.rows, i.failed, i.counted) == (8, 1, i.shards)
    csv = tmp_path / "t.csv"
    csv.write_text("url,caption\n" + "".join(f"http://x/{n}.jpg,a red car number {n}\n" for n in range(30)))
    spec = job_spec(tmp_path, [{"path": str(csv), "format": "table"}])
    i = make_plan(spec, None, PlanOptions(sample=10)).input
    assert (i.rows, i.sampled, i.scale) == (30, 10, 3)  # a CSV is read to be counted: it was sampled


# ------------------------------------------------------------------ the command line


def write_job(tmp_path: Path, spec: JobSpec | dict) -> Path:
    data = spec.model_dump(exclude_none=True) if isinstance(spec, JobSpec) else spec
    path = tmp_path / "job.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "100"}
    return subprocess.run([CLI, "plan", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=300)


def test_cli_prints_the_plan(tmp_path, i2d_shards):
    job = write_job(tmp_path, job_spec(tmp_path, inputs(i2d_shards)))
    r = cli(str(job), "--tokens-per-s", "1000", "--sample", "12")
    assert r.returncode == 0, r.stderr
    assert "24 rows with data in 3 shards" in r.stdout and "sample x 2" in r.stdout
    assert "rewrite" in r.stdout and "GPU-h" in r.stdout and "1,000 output tokens/s" in r.stdout
    assert "job wall-clock" in r.stdout and "Traceback" not in r.stderr


@pytest.mark.parametrize("case, says", [
    ("missing_input", "matches no webdataset shard"),
    ("unknown_tiny", "unknown tiny model 'tiny://nope'"),
    ("offline_hub_model", "cannot load the tokenizer of 'caprefine-test/no-such-model'"),
    ("bad_figure", "--tokens-per-s expects NUMBER or NAME=NUMBER"),
    ("unknown_task_figure", "--output-tokens fusion=...: 'fusion' is not a task of this job"),
])
def test_cli_stops_with_one_message(tmp_path, i2d_shards, case, says):
    spec = job_spec(tmp_path, inputs(i2d_shards)).model_dump(exclude_none=True)
    args: list[str] = []
    if case == "missing_input":
        spec["inputs"][0]["path"] = str(tmp_path / "no-such-folder")
    elif case == "unknown_tiny":
        spec["models"]["llm"]["model"] = "tiny://nope"
    elif case == "offline_hub_model":
        spec["models"]["llm"]["model"] = "caprefine-test/no-such-model"  # HF_HUB_OFFLINE: never fetched
    elif case == "bad_figure":
        args = ["--tokens-per-s", "llm=fast"]
    else:
        args = ["--output-tokens", "fusion=20"]
    r = cli(str(write_job(tmp_path, spec)), *args)
    assert r.returncode == 2
    assert says in " ".join(r.stderr.split()), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.slow
def test_calibration_measures_a_real_engine(tmp_path, i2d_shards):
    """The tiny LLM's engine started here (~40 s): tokens/s measured, and the engine saw exactly
    the prompt tokens plan counted. Random weights never stop: outputs run to max_tokens."""
    spec = job_spec(tmp_path, inputs(i2d_shards))
    plan = make_plan(spec, None, PlanOptions(sample=10, calibrate=True, calibrate_requests=16))
    t = plan.models[0].throughput
    assert t is not None and t.tokens_per_s > 0 and t.source.startswith("measured here: 16 requests")
    seen, counted = t.prompt_check["rewrite"]
    assert seen == counted > 0
    assert plan.tasks[0].basis == "measured" and 40 <= t.output_tokens["rewrite"] <= 48
