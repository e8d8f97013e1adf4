"""The judge kind with a stand-in engine: planning (one request per judged row), collect (a typed
table), fingerprints chained to the judged task, and the `<task>_judged` DuckDB view over real
Parquet written by an in-process shard run. The real engine runs it in test_recipes.py."""

import json

import pyarrow as pa
import pytest
from conftest import NOISE_FILTERS, TINY_LLM, TINY_VLM, job_spec, sample

from pipeline.engine import EngineResult
from pipeline.query import connect
from pipeline.shard import ShardJob, process_shard, unit_fingerprints
from pipeline.sources import list_shards
from pipeline.spec import SpecError
from pipeline.tasks import Output, Outputs, build_tasks
from pipeline.verify import verify

FILTERS = {**NOISE_FILTERS, "facts": False}  # the stand-in's "seen from afar" is a fact on purpose
JUDGE = {"template": "prompts/judge.j2", "model": "llm", "judges": "rewrite"}
VIEWS = ("up close", "from afar")


def judged_spec(tmp_path, inputs=None, **judge):
    return job_spec(tmp_path, inputs or [{"path": "unused.tar"}], models={"llm": TINY_LLM, "lvlm": TINY_VLM},
                    tasks={"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 2,
                                       "filters": FILTERS},
                           "judge": {**JUDGE, **judge}})


class StandInEngine:
    """Rewrites: the alt-text seen up close (variant 0) or from afar (variant 1). Verdicts: valid
    JSON, faithful only for captions seen up close."""

    def __init__(self):
        self.requests = []

    def generate(self, model, requests):
        self.requests += requests
        return [EngineResult(r.id, self._answer(r), "stop", 10, 5, 1.0) for r in requests]

    def _answer(self, r):
        user = r.messages[-1]["content"]
        if r.json_schema is None:
            alt = user.split("Alt-text:")[-1].split("\n")[0].strip()
            return f"A clear photo of {alt}, seen {VIEWS[int(r.id.rsplit(':', 1)[1])]}."
        faithful = "up close" in user.split("Caption:")[1]
        return json.dumps({"faithful": faithful, "unsupported": [] if faithful else ["from afar"],
                           "score": 5 if faithful else 2})


def outputs(*rows, first="rewrite/laclip-v1"):
    return Outputs.of([Output(*r) for r in rows], first)


def test_plan_asks_once_per_judged_row_showing_source_and_caption(tmp_path):
    rewrite, judge = build_tasks(judged_spec(tmp_path))
    upstream = {"rewrite": outputs(("k0", 0, "rewrite/laclip-v1", "A red car, seen up close."),
                                   ("k0", 1, "rewrite/laclip-v1", "A red car, seen from afar."))}
    samples = [sample("k0", "a red car"), sample("k1", "a blue boat")]
    planned, rejects = judge.plan(samples, upstream)
    assert judge.expected(samples, upstream) == len(planned) + len(rejects) == 3
    assert [(p.cols["judged_variant"], p.variant) for p in planned] == [(0, 0), (1, 0)]
    assert {p.cols["judged_task"] for p in planned} == {"rewrite"}
    for p, view in zip(planned, VIEWS, strict=True):
        user = p.request.messages[-1]["content"]
        assert "Alt-text: a red car" in user and f"Caption: A red car, seen {view}." in user
        assert p.request.json_schema == judge.templates[0].schema
    assert len({p.request.id for p in planned}) == 2  # each judged row is its own request
    assert len({p.request.sampling["seed"] for p in planned}) == 2
    assert [(r.key, r.stage, r.reason) for r in rejects] == [("k1", "dependency", "no_rewrite_output")]


def test_image_judge_sends_the_image(tmp_path):
    judge = build_tasks(judged_spec(tmp_path, template="prompts/judge_image.j2", model="lvlm"))[1]
    upstream = {"rewrite": outputs(("k0", 0, "rewrite/laclip-v1", "x"))}
    planned, _ = judge.plan([sample("k0", image=b"jpeg")], upstream)
    assert planned[0].request.image == b"jpeg" and "x" in planned[0].request.messages[-1]["content"]


def test_collect_writes_a_typed_table_and_names_the_judged_row_of_a_reject(tmp_path):
    judge = build_tasks(judged_spec(tmp_path))[1]
    upstream = {"rewrite": outputs(("k0", 0, "rewrite/laclip-v1", "a"), ("k0", 1, "rewrite/laclip-v1", "b"))}
    planned, _ = judge.plan([sample("k0")], upstream)
    results = [EngineResult(planned[0].request.id, '{"faithful":false,"unsupported":[" Paris "],"score":2}',
                            "stop", 10, 5, 1.0),
               EngineResult(planned[1].request.id, '{"faithful":tru', "length", 10, 5, 1.0)]
    table, rejects = judge.collect(planned, results, "r1")
    types = {f.name: f.type for f in table.schema}
    assert types["faithful"] == pa.bool_() and types["unsupported"] == pa.list_(pa.string())
    assert types["score"] == pa.int8() and types["judged_variant"] == pa.int32()
    row = table.to_pylist()[0]
    judged = (row["judged_task"], row["judged_variant"], row["judged_prompt_id"])
    assert judged == ("rewrite", 0, "rewrite/laclip-v1")
    assert (row["faithful"], row["unsupported"], row["score"], row["variant"]) == (False, ["Paris"], 2, 0)
    assert [(r.stage, r.reason) for r in rejects] == [("parse", "invalid_json")]
    assert "judging rewrite rewrite/laclip-v1 variant 1" in rejects[0].detail


def test_judge_fingerprint_chains_the_judged_task(tmp_path):
    before = unit_fingerprints(build_tasks(judged_spec(tmp_path)), "samples")
    spec = judged_spec(tmp_path)
    spec.tasks["rewrite"].sampling.temperature = 0.1
    after = unit_fingerprints(build_tasks(spec), "samples")
    assert before["rewrite"] != after["rewrite"] and before["judge"] != after["judge"]


@pytest.mark.parametrize("tasks, field", [
    ({"judge": {"template": "prompts/judge.j2", "model": "llm"}}, "tasks.judge.judges"),
    ({"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "judges": "rewrite"}},
     "tasks.rewrite.judges"),
    ({"tags": {"template": "prompts/tags_text.j2", "model": "llm"}, "judge": {**JUDGE, "judges": "tags"}},
     "tasks.judge.judges"),
    ({"rewrite": {"template": "prompts/rewrite.j2", "model": "llm"},
      "judge": {**JUDGE, "template": "prompts/tags_text.j2"}}, "caption"),
])
def test_judges_is_checked(tmp_path, tasks, field):
    with pytest.raises((SpecError, ValueError), match=field.replace(".", r"\.")):
        build_tasks(job_spec(tmp_path, [{"path": "unused.tar"}], tasks=tasks))


def test_judged_view_offers_the_rows_with_their_verdicts(tmp_path, i2d_shards):
    spec = judged_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}])
    tasks = build_tasks(spec)
    for ref in list_shards(spec.inputs):
        process_shard(ShardJob.of(spec, tasks, "r1"), ref, StandInEngine())
    con = connect(spec.out_dir)
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    assert con.sql("SELECT count(*) FROM rewrite").fetchall()[0][0] == 2 * kept
    assert con.sql("SELECT count(*) FROM judge").fetchall()[0][0] == 2 * kept  # every variant judged
    faithful = con.sql("SELECT DISTINCT variant, text LIKE '%up close.' FROM rewrite_judged WHERE faithful")
    assert faithful.fetchall() == [(0, True)]
    unjudged = con.sql("SELECT count(*) FROM rewrite_judged WHERE faithful IS NULL").fetchall()[0][0]
    assert unjudged == 0 and con.sql("SELECT count(*) FROM rewrite_judged").fetchall()[0][0] == 2 * kept
    unfaithful = con.sql("SELECT DISTINCT unsupported, score FROM rewrite_judged WHERE NOT faithful")
    assert unfaithful.fetchall() == [(["from afar"], 2)]
    assert verify(spec.out_dir).clean  # several verdicts per key: unique by the judged row
