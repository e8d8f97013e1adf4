import os
import subprocess
import sys

import pytest

from pipeline.spec import SpecError, load_spec

GOOD = """
name: j
inputs: [{path: data/*.tar}]
models: {llm: {model: tiny://llm}}
tasks: {rewrite: {template: prompts/rewrite.j2, model: llm}}
"""


def write(tmp_path, text):
    p = tmp_path / "job.yaml"
    p.write_text(text)
    return p


def test_good_spec_loads_with_defaults(tmp_path):
    spec = load_spec(write(tmp_path, GOOD))
    assert spec.models["llm"].replicas == 1
    assert spec.execution.shards_in_flight >= 2
    assert spec.out_dir.name == "j"


def test_typo_names_file_and_field(tmp_path):
    p = write(tmp_path, GOOD.replace("template:", "templat:"))
    with pytest.raises(SpecError) as e:
        load_spec(p)
    msg = str(e.value)
    assert str(p) in msg and "tasks.rewrite.templat" in msg and "unknown field" in msg


def test_bad_value_names_field(tmp_path):
    p = write(tmp_path, GOOD + "execution: {shards_in_flight: 0}\n")
    with pytest.raises(SpecError, match=r"execution\.shards_in_flight"):
        load_spec(p)


def test_task_must_name_a_known_model(tmp_path):
    p = write(tmp_path, GOOD.replace("model: llm}", "model: big}"))
    with pytest.raises(SpecError, match="not under models"):
        load_spec(p)


def test_overrides_apply_and_validate(tmp_path):
    spec = load_spec(write(tmp_path, GOOD), {"execution.limit": 5})
    assert spec.execution.limit == 5
    with pytest.raises(SpecError, match="execution.limit"):
        load_spec(write(tmp_path, GOOD), {"execution.limit": "many"})


def test_cli_reports_typo_without_traceback(tmp_path):
    p = write(tmp_path, GOOD.replace("inputs:", "input:"))
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(p)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "input" in r.stderr and "unknown field" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_cli_help_explains_each_command():
    for args in ([], ["run"], ["query"]):
        r = subprocess.run([sys.executable, "-m", "pipeline.cli", *args, "--help"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert "Usage" in r.stdout
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--help"],
                       capture_output=True, text=True, timeout=60)
    assert "fingerprint" in r.stdout and "--force" in r.stdout


@pytest.mark.parametrize("change, names", [
    (("template: prompts/rewrite.j2", "template: prompts/nope.j2"), ["'prompts/nope.j2' not found"]),
    (("model: tiny://llm}", "model: tiny://llm, role: vision}"), ["models.llm.role", "'llm' or 'lvlm'"]),
    (("path: data/*.tar", "path: /no/such/dir/*.tar"), ["inputs[0].path", "matches no webdataset shard"]),
    (("model: llm}", "model: llm, variants: two}"), ["tasks.rewrite.variants", "integer"]),
    (("model: llm}", "model: llm, filters: {min_similarity: 2}}"), ["tasks.rewrite.filters.min_similarity"]),
])
def test_cli_user_errors_name_the_field_and_exit_nonzero(tmp_path, change, names):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "00000.tar").write_bytes(b"")
    text = GOOD.replace(*change).replace("path: data/*.tar", f"path: {tmp_path}/data/*.tar")
    assert text != GOOD.replace("path: data/*.tar", f"path: {tmp_path}/data/*.tar")
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(write(tmp_path, text))],
                       capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "300"})
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    for n in names:
        assert n in " ".join(r.stderr.split()), (n, r.stderr)
