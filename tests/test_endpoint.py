"""Served endpoints: a loopback server that refuses, fails and hangs on purpose; the wire format.

The real server (``vllm serve`` with the tiny model) is in tests/test_vllm_serve.py.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import NOISE_FILTERS, job_spec
from PIL import Image

from pipeline.endpoint import EndpointEngine, EndpointError, retry_after
from pipeline.engine import EngineRequest
from pipeline.executor import EnginePool, run_job
from pipeline.query import connect
from pipeline.spec import ModelSpec

# What the server does with a caption, by its first word: the first attempt fails so, the next
# one answers. `dead` fails every time; `bad` is refused outright (a 400 is not retried).
BEHAVIOUR = {"ok": None, "busy": 429, "oops": 500, "gateway": 502, "hang": "hang", "drop": "drop",
             "dead": 503, "bad": 400}
CAPTIONS = [f"{w} caption number {i}" for i, w in enumerate(list(BEHAVIOUR) + ["ok", "busy", "hang"])]
HANG_S = 3.0  # longer than the job's timeout_s below


class FlakyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.attempts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.bodies: list[dict] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    server: FlakyServer

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = body["messages"][-1]["content"]
        caption = next(c for c in CAPTIONS if c in text)
        with self.server.lock:
            self.server.attempts[caption] += 1
            attempt = self.server.attempts[caption]
            self.server.bodies.append(body)
        word = caption.split()[0]
        what = BEHAVIOUR[word]
        if what is not None and (attempt == 1 or word in ("dead", "bad")):
            if what == "hang":
                time.sleep(HANG_S)  # the client gave up long ago
                return
            if what == "drop":
                self.close_connection = True  # the connection goes away without an answer
                return
            status = int(what)
            headers = {"Retry-After": "0"} if status == 429 else {}
            return self._send(status, {"error": {"message": f"deliberate {status} for {caption!r}"}}, headers)
        words = caption.split()
        self._send(200, {
            "model": "fake-model-served-id",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant",
                                     "content": f"A photo of a {words[0]} scene, {words[-1]}."}}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7},
        })


@pytest.fixture()
def flaky():
    server = FlakyServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def endpoint_model(url: str, **over) -> dict:
    ep = {"base_url": url, "model": "fake-model", "timeout_s": 1.0, "max_retries": 3,
          "backoff_s": 0.05, "max_concurrency": 4, **over}
    return {"role": "llm", "endpoint": ep}


def test_retries_rejects_and_nothing_lost_or_doubled(tmp_path, flaky, ray_local):
    lines = "".join(f"http://x/{i}.jpg,{c}\n" for i, c in enumerate(CAPTIONS))
    (tmp_path / "in.csv").write_text("url,caption\n" + lines)
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "in.csv"), "format": "table"}], name="flaky",
                    models={"llm": endpoint_model(flaky.base_url)},
                    tasks={"rewrite": {"template": "prompts/rewrite.j2", "model": "llm", "variants": 1,
                                       "filters": NOISE_FILTERS}},
                    execution={"shards_in_flight": 1, "max_error_fraction": 0.5})
    pool = EnginePool()
    try:
        summary = run_job(spec, pool=pool)
    finally:
        pool.shutdown()
    con = connect(spec.out_dir)
    kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
    assert kept == len(CAPTIONS) == summary.rows_in
    rows = con.sql("SELECT key, text, engine, model, prompt_tokens, output_tokens FROM rewrite").fetchall()
    rejects = con.sql("SELECT key, reason, detail FROM rejects WHERE task = 'rewrite'").fetchall()
    # every row once: in the table or in rejects, never both, never twice
    keys = [r[0] for r in rows] + [r[0] for r in rejects]
    assert sorted(keys) == sorted(set(keys)) and len(keys) == len(CAPTIONS)
    assert {r[2] for r in rows} == {"endpoint:fake-model-served-id"}  # what the server says it ran
    assert {r[3] for r in rows} == {"fake-model"}  # what the job asked for
    assert {(r[4], r[5]) for r in rows} == {(11, 7)}
    # what came back is what the server answered for that row
    by_key = dict(con.sql("SELECT key, alt_text FROM samples").fetchall())
    for key, text, *_ in rows:
        assert text.endswith(by_key[key].split()[-1] + ".")
    reasons = {by_key[k].split()[0]: (reason, detail) for k, reason, detail in rejects}
    assert set(reasons) == {"dead", "bad"}
    assert reasons["dead"][0] == "endpoint_failed"
    assert "HTTP 503: deliberate 503" in reasons["dead"][1] and "after 4 attempts" in reasons["dead"][1]
    assert reasons["bad"][0] == "endpoint_rejected" and "deliberate 400" in reasons["bad"][1]
    # the retries happened, and no more than needed
    tries = {c.split()[0] + c.split()[-1]: n for c, n in flaky.attempts.items()}
    assert tries["dead6"] == 4 and tries["bad7"] == 1
    for flaky_kind in ("busy1", "oops2", "gateway3", "hang4", "drop5", "busy9", "hang10"):
        assert tries[flaky_kind] == 2, flaky_kind
    assert tries["ok0"] == 1 and tries["ok8"] == 1


def test_unreachable_endpoint_stops_the_job_with_one_message(tmp_path, ray_local):
    (tmp_path / "in.csv").write_text("url,caption\nhttp://x/0.jpg,a red car\n")
    spec = job_spec(tmp_path, [{"path": str(tmp_path / "in.csv"), "format": "table"}], name="down",
                    models={"llm": endpoint_model("http://127.0.0.1:9/v1")})
    from pipeline.errors import EngineFailed

    with pytest.raises(EngineFailed, match=r"endpoint http://127.0.0.1:9/v1 cannot serve fake-model: "
                                           r"cannot reach"):
        run_job(spec, pool=EnginePool())


def test_wrong_model_name_is_named(flaky):
    with pytest.raises(EndpointError, match=r"serves \['fake-model'\], not 'other'"):
        EndpointEngine(ModelSpec.model_validate(endpoint_model(flaky.base_url, model="other")))


def test_request_body_images_json_and_sampling(flaky):
    engine = EndpointEngine(ModelSpec.model_validate(endpoint_model(flaky.base_url)))
    img = io.BytesIO()
    Image.new("RGBA", (20, 10), (255, 0, 0, 128)).save(img, format="PNG")
    schema = {"type": "object", "properties": {"tags": {"type": "array", "maxItems": 3}}}
    sampling = {"temperature": 0.7, "max_tokens": 20, "seed": 5, "n": 1,
                "repetition_detection": {"max_pattern_size": 8}}
    req = EngineRequest("r1", [{"role": "system", "content": "sys"}, {"role": "user", "content": "describe"}],
                        sampling, schema, img.getvalue())
    body = engine.body(req)
    assert body["model"] == "fake-model" and body["seed"] == 5 and body["max_tokens"] == 20
    assert body["repetition_detection"] == {"max_pattern_size": 8}
    assert body["response_format"]["json_schema"]["schema"] == schema
    parts = body["messages"][1]["content"]
    assert parts[1] == {"type": "text", "text": "describe"} and body["messages"][0]["content"] == "sys"
    url = parts[0]["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,")
    seen = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert seen.size == (20, 10) and seen.mode == "RGB"  # decoded as the in-process engine sees it
    plain = EndpointEngine(ModelSpec.model_validate(endpoint_model(flaky.base_url, vllm_params=False)))
    assert "repetition_detection" not in plain.body(req) and plain.body(req)["seed"] == 5


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("2") == 2.0 and retry_after(None) is None and retry_after("soon") is None
    from email.utils import formatdate

    assert 8 <= retry_after(formatdate(time.time() + 10, usegmt=True)) <= 10  # type: ignore[operator]


def test_endpoint_spec_refuses_in_process_settings():
    with pytest.raises(ValueError, match="replicas, num_gpus and engine_args"):
        ModelSpec.model_validate({**endpoint_model("http://h/v1"), "replicas": 2})
    with pytest.raises(ValueError, match="give `model`"):
        ModelSpec.model_validate({"role": "llm"})
    assert ModelSpec.model_validate(endpoint_model("http://h/v1")).model == "fake-model"
