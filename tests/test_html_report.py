"""The run report: a real job's report.html, opened in headless Chromium.

The job is the VeCLIP twin (visual_caption on the tiny BLIP-2, fusion on the tiny LLM) on a copy
of the session's img2dataset shards in which one alt-text carries markup, to prove it stays text.
Screenshots land in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, TINY_LLM, TINY_VLM

ARTIFACTS = ROOT / "tests" / "artifacts"
LIMIT = 4  # rows per shard
# Would set data-pwned on <body> if the page ran it: markup in an alt-text must stay text.
EVIL = ("<script>document.body.setAttribute('data-pwned','1')</script>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\"> red car at dusk")


def poison(src: Path, dst: Path) -> str:
    """Copy img2dataset shards; the first row of the first shard gets EVIL as its alt-text."""
    shutil.copytree(src, dst)
    first = sorted(dst.glob("*.tar"))[0]
    with tarfile.open(first) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers() if m.isfile()]  # type: ignore[union-attr]
    key = Path(members[0][0].name).name.partition(".")[0]
    with tarfile.open(first, "w") as tar:
        for m, data in members:
            if m.name == f"{key}.txt":
                data = EVIL.encode()
            elif m.name == f"{key}.json":
                data = json.dumps({**json.loads(data), "caption": EVIL}).encode()
            m.size = len(data)
            tar.addfile(m, io.BytesIO(data))
    return key


@pytest.fixture(scope="module")
def job(tmp_path_factory, i2d_shards, engine_pool):
    from pipeline.executor import run_job
    from pipeline.spec import load_spec

    root = tmp_path_factory.mktemp("report")
    key = poison(i2d_shards, root / "shards")
    spec = load_spec(ROOT / "jobs" / "cpu" / "veclip.yaml", {
        "inputs": [{"path": str(root / "shards" / "*.tar")}],
        "output": str(root / "out"),
        "execution.limit": LIMIT,
    })
    models = {"llm": TINY_LLM, "lvlm": TINY_VLM}
    for m in spec.models.values():  # the session's shared engines
        m.engine_args = dict(models[m.role]["engine_args"])
    summary = run_job(spec, ROOT / "jobs" / "cpu", pool=engine_pool)
    return SimpleNamespace(out=spec.out_dir, run_id=summary.run_id, key=key, shards=root / "shards",
                           report=spec.out_dir / "_runs" / summary.run_id / "report.html")


def chromium(url: str, *args: str, tmp: Path) -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("chromium is not installed: apt-get install -y chromium (make test does it as root)")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp / 'chromium-profile'}", "--virtual-time-budget=10000", *args, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_attrs(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom)
    assert tag, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(1)))


def kept_with_image(out: Path) -> int:
    from pipeline.query import connect

    return connect(out).sql("SELECT count(*) FROM samples WHERE image_sha256 IS NOT NULL").fetchall()[0][0]


@pytest.mark.slow
def test_run_writes_a_self_contained_report(job):
    html = job.report.read_text()
    for section in ("rows", "tasks", "lengths", "engines", "gallery", "rejected"):
        assert f'<section id="{section}">' in html
    assert "<th>visual_caption</th><th>fusion</th>" in html  # every task side by side, in order
    # nothing is fetched: every src is a data: URL, every href an anchor of this page
    assert re.findall(r'\b(?:src|href)="(?!data:|#)[^"]*"', html) == []
    assert "<link" not in html and "@import" not in html
    # untrusted alt-text is text: the markup is escaped, never emitted raw
    assert EVIL not in html
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in html
    metrics = json.loads((job.report.parent / "metrics.json").read_text())
    calls = metrics["engine_calls"]
    assert {c["model"] for c in calls} == {"lvlm", "llm"}
    assert all(c["end"] >= c["start"] and c["replica"] == 0 and c["requests"] > 0 for c in calls)
    assert "lvlm replica 0" in html and "llm replica 0" in html  # the timeline's lanes


@pytest.mark.slow
def test_report_loads_in_chromium_and_shows_images(job, tmp_path):
    url = job.report.as_uri()
    attrs = body_attrs(chromium(url, "--dump-dom", tmp=tmp_path))
    assert attrs.get("data-ready") == "1", attrs  # the page's own script ran to the end
    assert attrs["data-js-errors"] == "0"
    n = kept_with_image(job.out)
    assert n > 0 and attrs["data-images"] == attrs["data-images-ok"] == str(n)  # every thumbnail decoded
    assert "data-pwned" not in attrs  # the alt-text's <script> and onerror never ran
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(job.report, ARTIFACTS / "report.html")
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    # tall enough for the whole page of this small job, gallery and rejects included
    chromium(url, f"--screenshot={shot}", "--window-size=1400,4200", "--hide-scrollbars", tmp=tmp_path)
    assert shot.stat().st_size > 100_000, shot  # a blank page compresses to a few kB
    print(f"screenshot: {shot}")


@pytest.mark.slow
def test_a_gone_source_shard_costs_its_images_not_the_report(job):
    from pipeline.html_report import write_report

    gone = sorted(job.shards.glob("*.tar"))[0]
    aside = gone.with_suffix(".moved")
    gone.rename(aside)
    try:
        html = write_report(job.out, job.run_id).read_text()
    finally:
        aside.rename(gone)
    assert f"image unavailable: source shard {gone.stem} is gone" in html
    shown = html.count('<img class="thumb"')
    assert 0 < shown < kept_with_image(job.out)  # the other shards' images are still there
    assert "red car at dusk" in html  # its captions are still shown


@pytest.mark.slow
def test_cli_rebuilds_the_report(job):
    job.report.unlink()
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", str(job.out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(job.report)
    assert job.report.exists() and 'data-ready' in job.report.read_text()


@pytest.mark.parametrize("folder, says", [("not-there", "no such folder"),
                                          (".", "is not a caprefine output folder")])
def test_cli_report_on_a_folder_that_is_no_output_is_one_message(tmp_path, folder, says):
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", str(tmp_path / folder)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    said = " ".join(done.stderr.split())  # rich wraps lines at the terminal's width
    assert done.returncode == 2
    assert says in said and "Traceback" not in said
    assert said.startswith("error:") and said.count("error:") == 1


def test_report_of_an_unfinished_run_shows_every_kind_and_why_images_are_missing(tmp_path):
    """No engines: a hand-written output folder with a JSON kind, a per-language kind and a reject."""
    import pyarrow as pa
    import yaml
    from conftest import job_spec, sample

    from pipeline import commit
    from pipeline.html_report import write_report
    from pipeline.kinds import KINDS
    from pipeline.rows import Reject, rejects_table, samples_table, task_schema

    spec = job_spec(tmp_path, [{"path": str(tmp_path / "moved" / "*.tar")}],
                    models={"llm": TINY_LLM, "lvlm": TINY_VLM},
                    tasks={"describe": {"template": "prompts/describe.j2", "model": "lvlm"},
                           "translate": {"template": "prompts/translate.j2", "model": "llm",
                                         "languages": ["fr", "de"]}})
    out, shard = spec.out_dir, "00000"
    rows = [sample("k0", EVIL, shard=shard, image_sha256="ab" * 32), sample("k1", "a dog", shard=shard)]
    commit.write_table(samples_table(rows), commit.table_path(out, "samples", shard))
    described = {"key": "k0", "shard": shard, "variant": 0, "long_positive": "a red car on a road",
                 "long_negative": "a blue boat", "tags_positive": ["car", "red"], "tags_negative": ["boat"]}
    translated = {"key": "k0", "shard": shard, "variant": 0, "lang": "fr", "text": "une voiture rouge",
                  "detected_lang": "fr", "detected_conf": 0.9}
    for task, row in (("describe", described), ("translate", translated)):
        table = pa.Table.from_pylist([row], schema=task_schema(KINDS[task].fields))
        commit.write_table(table, commit.table_path(out, task, shard))
    drift = Reject(key="k0", shard=shard, stage="output", reason="language_drift", detail="en",
                   task="translate", variant=1, text="a red car")
    commit.write_table(rejects_table([drift]), commit.rejects_path(out, shard, "translate"))
    run = out / "_runs" / "20260101T000000-abcdef"
    run.mkdir(parents=True)
    (run / "spec.yaml").write_text(yaml.safe_dump(spec.model_dump(mode="json")))

    html = write_report(out).read_text()  # the latest run, though it never finished
    assert "This run did not finish" in html
    assert "une voiture rouge" in html and "#0 fr" in html  # a translation, labelled by its language
    assert "a red car on a road" in html and "<b>tags_positive</b> car, red" in html  # every JSON field
    assert "rejected output:language_drift: en" in html
    assert f"image unavailable: source shard {shard} is gone" in html
    assert "no image: a text-only row" in html
    assert EVIL not in html
