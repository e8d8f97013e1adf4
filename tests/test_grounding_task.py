"""Grounding as a task option: the clip_score column, min_score rejects, fingerprints and spec
checks, on tiny://clip in real in-process shard runs with a stand-in engine. The real engines run
it in test_recipes.py (the veclip and hqclip CPU twins)."""

import json

import pyarrow as pa
import pytest
from conftest import NOISE_FILTERS, TINY_LLM, TINY_VLM, job_spec, sample
from test_grounding import BLUE, RED

from filters.grounding import ClipScorer, ImageText
from pipeline import commit, tiny_clip
from pipeline.engine import EngineResult
from pipeline.query import connect
from pipeline.shard import ShardJob, process_shard, unit_fingerprints
from pipeline.sources import list_shards
from pipeline.spec import JobSpec, SpecError, load_spec
from pipeline.tasks import Output, Outputs, build_tasks
from pipeline.verify import verify

CLIP = {"model": "tiny://clip", "batch_size": 4}
WORDS = "red car|blue boat|old house|green tree|quiet street|small dog".split("|")


def veclip_spec(tmp_path, inputs=None, fusion=None, **over):
    """visual_caption + fusion (VeCLIP) and describe (HQ-CLIP), every one grounded."""
    ground = {"grounding": CLIP, "filters": NOISE_FILTERS}
    tasks = {
        "visual_caption": {"template": "prompts/visual_caption.j2", "model": "lvlm", **ground},
        "fusion": {"template": "prompts/fusion.j2", "model": "llm", "needs": ["visual_caption"],
                   **ground, "grounding": {**CLIP, **(fusion or {})}},
        "describe": {"template": "prompts/describe.j2", "model": "lvlm", "grounding": CLIP},
    }
    return job_spec(tmp_path, inputs or [{"path": "unused.tar"}], models={"llm": TINY_LLM, "lvlm": TINY_VLM},
                    tasks=tasks, **over)


class StandInEngine:
    """Captions that differ per row (so do their scores); describe answers schema-valid JSON."""

    def __init__(self):
        self.calls = {"llm": 0, "lvlm": 0}

    def generate(self, model, requests):
        self.calls[model] += len(requests)
        return [EngineResult(r.id, self._answer(r), "stop", 10, 5, 1.0) for r in requests]

    @staticmethod
    def _answer(r):
        words = WORDS[sum(map(ord, r.id.split(":")[0])) % len(WORDS)]
        if r.json_schema is not None:
            return json.dumps({"long_positive": f"A detailed photo of a {words} in daylight.",
                               "long_negative": f"A blurry sketch of a {words} at night.",
                               "tags_positive": [words], "tags_negative": ["night"]})
        if r.image is not None:
            return f"A photo of a {words}, seen up close."
        return f"A {words} with {r.messages[-1]['content'].split('Alt-text:')[1].split(chr(10))[0].strip()}."


def run(spec, engine):
    tasks = build_tasks(spec)
    for ref in list_shards(spec.inputs):
        process_shard(ShardJob.of(spec, tasks, "r1"), ref, engine)
    return connect(spec.out_dir)


def scores(con, task):
    return dict(con.sql(f'SELECT key, clip_score FROM "{task}"').fetchall())


def test_every_kept_caption_gets_a_float32_score(tmp_path, i2d_shards):
    con = run(veclip_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}]), StandInEngine())
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    assert kept > 0
    for task in ("visual_caption", "fusion", "describe"):
        assert con.sql(f'SELECT typeof(clip_score) FROM "{task}" LIMIT 1').fetchall() == [("FLOAT",)]
        got = scores(con, task)
        assert len(got) == kept and all(s is not None and -1 <= s <= 1 for s in got.values()), task
    assert con.sql("SELECT count(*) FROM rejects WHERE task IS NOT NULL").fetchall() == [(0,)]
    assert len(set(scores(con, "fusion").values())) > 1  # per row, not a constant
    assert scores(con, "fusion") != scores(con, "visual_caption")  # each task scores its own caption


def test_min_score_rejects_low_rows_and_redoes_only_that_unit(tmp_path, i2d_shards):
    inputs = [{"path": str(i2d_shards / "*.tar")}]
    before = scores(run(veclip_spec(tmp_path, inputs), StandInEngine()), "fusion")
    cut = sorted(before.values())[len(before) // 2]
    engine = StandInEngine()
    spec = veclip_spec(tmp_path, inputs, fusion={"min_score": cut})
    con = run(spec, engine)
    assert engine.calls == {"llm": len(before), "lvlm": 0}  # fusion redone; the image tasks reused
    after = scores(con, "fusion")
    assert after == {k: s for k, s in before.items() if s >= cut} and len(after) < len(before)
    rejects = con.sql("SELECT key, stage, reason, detail, text FROM rejects WHERE task = 'fusion'").fetchall()
    assert {r[0] for r in rejects} == {k for k, s in before.items() if s < cut}
    for key, stage, reason, detail, text in rejects:
        assert (stage, reason) == ("output", "low_clip_score") and text.startswith("A ")
        assert float(detail) == pytest.approx(before[key], abs=1e-4)
    for ref in list_shards(spec.inputs):  # accounting: every request is a row or a reject
        counts = commit.read_marker(spec.out_dir, ref.shard_id, "fusion")["counts"]
        assert counts["requests"] == counts["rows"] + sum(counts["rejected"].values())
    assert verify(spec.out_dir).clean


def test_fusion_scores_its_samples_image_and_a_missing_one_is_null(tmp_path):
    fusion = build_tasks(veclip_spec(tmp_path, fusion={"min_score": 1.0}))[1]
    upstream = {"visual_caption": Outputs.of(
        [Output(k, 0, "visual_caption/concise-v1", "a car") for k in ("k0", "k1", "k2")],
        "visual_caption/concise-v1")}
    samples = [sample("k0", image=RED), sample("k1", image=None), sample("k2", image=b"junk")]
    planned, _ = fusion.plan(samples, upstream)
    assert [p.request.image for p in planned] == [None] * 3  # an LLM request carries no image
    results = [EngineResult(p.request.id, "a red car by a lake", "stop", 9, 5, 1.0) for p in planned]
    table, rejects = fusion.collect(planned, results, "r1")
    assert table.schema.field("clip_score").type == pa.float32()
    assert table.to_pydict()["clip_score"] == [None, None]  # kept unjudged: nothing to score with
    assert [(r.key, r.reason) for r in rejects] == [("k0", "low_clip_score")]  # 1.0: every score is lower
    want = ClipScorer("tiny://clip").scores([ImageText(RED, "a red car by a lake")])[0]
    assert float(rejects[0].detail) == pytest.approx(want, abs=1e-4)


def test_fingerprint_follows_threshold_model_and_builder_not_speed(tmp_path, monkeypatch):
    def fps(**fusion):
        return unit_fingerprints(build_tasks(veclip_spec(tmp_path, fusion=fusion)), "samples")

    base = fps()
    for change in ({"min_score": 0.2}, {"model": "openai/clip-vit-base-patch32"}):
        fp = fps(**change)
        assert fp["fusion"] != base["fusion"] and fp["visual_caption"] == base["visual_caption"]
    assert fps(batch_size=1) == base  # speed only: nothing to redo
    monkeypatch.setattr(tiny_clip, "BUILDER_VERSION", "2")
    assert fps()["fusion"] != base["fusion"]  # a rebuilt tiny CLIP scores differently


def test_table_has_clip_score_only_where_grounding_is_set(tmp_path):
    spec = veclip_spec(tmp_path)
    spec.tasks["describe"].grounding = None
    names = {t.name: t.schema.names for t in build_tasks(spec)}
    assert "clip_score" in names["fusion"] and "clip_score" not in names["describe"]
    assert names["fusion"][-12:] == names["describe"][-12:]  # provenance stays last, the same


class Counting:
    """An item that records torch's thread count when the scorer reads its caption."""

    image = BLUE
    seen: list[int] = []

    @property
    def text(self) -> str:
        import torch

        self.seen.append(torch.get_num_threads())
        return "a blue boat"


def test_scorer_uses_the_shard_workers_cpu_share_then_restores(tmp_path):
    import torch

    threads = {n: build_tasks(veclip_spec(tmp_path, execution={"shard_num_cpus": n}))[1].grounding
               for n in (0.5, 3)}
    assert {n: g.scorer.threads for n, g in threads.items() if g} == {0.5: 1, 3: 3}
    before = torch.get_num_threads()
    threads[3].scorer.scores([Counting()])
    assert Counting.seen == [3] and torch.get_num_threads() == before


@pytest.mark.parametrize("yaml, names", [
    ("tasks: {rewrite: {template: prompts/rewrite.j2, model: llm, grounding: {model: tiny://clip}}}",
     "tasks.rewrite.grounding: a rewrite caption is not about the image"),
    ("tasks: {tags: {template: prompts/tags_text.j2, model: llm, grounding: {model: tiny://clip}}}",
     "tasks.tags.grounding"),
    ("tasks: {visual_caption: {template: prompts/visual_caption.j2, model: llm, "
     "grounding: {model: tiny://clip, device: cuda}}}", "execution.shard_num_gpus"),
    ("tasks: {visual_caption: {template: prompts/visual_caption.j2, model: llm, "
     "grounding: {model: tiny://llm}}}", "tasks.visual_caption.grounding.model"),
    ("tasks: {visual_caption: {template: prompts/visual_caption.j2, model: llm, "
     "grounding: {model: tiny://clip, min_score: 30}}}", "tasks.visual_caption.grounding.min_score"),
    ("tasks: {visual_caption: {template: prompts/visual_caption.j2, model: llm, "
     "grounding: {model: tiny://clip, threshold: 0.3}}}", "grounding.threshold: unknown field"),
])
def test_spec_errors_name_file_and_field(tmp_path, yaml, names):
    path = tmp_path / "job.yaml"
    path.write_text(f"name: t\ninputs: [{{path: x.tar}}]\nmodels: {{llm: {{model: tiny://llm}}}}\n{yaml}\n")
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert str(path) in str(err.value) and names in str(err.value)


def test_cuda_grounding_fails_fast_where_engines_hold_every_gpu(tmp_path, monkeypatch):
    from pipeline import executor

    spec = veclip_spec(tmp_path, execution={"shard_num_gpus": 0.1})
    data = spec.model_dump()
    data["models"]["lvlm"]["num_gpus"] = 1
    spec = JobSpec.model_validate(data)
    monkeypatch.setattr(executor.ray, "nodes", lambda: [{"Alive": True}])
    monkeypatch.setattr(executor.ray, "cluster_resources", lambda: {"CPU": 16.0, "GPU": 1.0})
    with pytest.raises(RuntimeError, match=r"1 GPUs .* reserve 1, .*shard_num_gpus=0.1"):
        executor.check_capacity(spec)
    monkeypatch.setattr(executor.ray, "cluster_resources", lambda: {"CPU": 16.0, "GPU": 2.0})
    executor.check_capacity(spec)


def test_shard_workers_are_as_many_as_fit_beside_the_engines(tmp_path, monkeypatch):
    from pipeline import executor

    spec = veclip_spec(tmp_path, execution={"shards_in_flight": 4, "shard_num_gpus": 0.5})
    data = spec.model_dump()
    data["models"]["lvlm"]["num_gpus"] = 1
    spec = JobSpec.model_validate(data)
    monkeypatch.setattr(executor.ray, "nodes", lambda: [{"Alive": True}])
    monkeypatch.setattr(executor.ray, "cluster_resources", lambda: {"CPU": 64.0, "GPU": 2.0})
    assert executor.engine_reservation(spec, "GPU") == 1
    assert executor.worker_count(spec, shards=8) == 2  # (2 GPUs - 1 the engine holds) / 0.5
    assert executor.worker_count(spec, shards=1) == 1  # no more workers than shards
    # a cluster of several nodes may grow: its autoscaler adds the room
    monkeypatch.setattr(executor.ray, "nodes", lambda: [{"Alive": True}, {"Alive": True}])
    assert executor.worker_count(spec, shards=8) == 4
