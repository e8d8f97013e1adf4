"""Output-folder lock and `caprefine verify` (fast: stand-in engine, no Ray)."""

import json
import os
import subprocess
import sys
from dataclasses import replace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import job_spec
from test_shard import StandInEngine, run

from pipeline.lock import LOCK, FolderLocked, OutputLock
from pipeline.verify import verify


def test_second_job_on_a_folder_is_refused_and_released_after(tmp_path):
    with OutputLock(tmp_path, "run-a"):
        with pytest.raises(FolderLocked, match="in use by run run-a"):
            OutputLock(tmp_path, "run-b").__enter__()
    assert not (tmp_path / LOCK).exists()
    with OutputLock(tmp_path, "run-b"):
        pass


def test_stale_lock_of_a_killed_job_is_taken_over(tmp_path):
    import psutil

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    started = psutil.Process(dead.pid).create_time() if psutil.pid_exists(dead.pid) else 0.0
    dead.wait()
    import socket

    (tmp_path / LOCK).write_text(json.dumps({"pid": dead.pid, "pid_started": started,
                                             "host": socket.gethostname(), "run_id": "killed"}))
    with OutputLock(tmp_path, "rerun"):
        assert json.loads((tmp_path / LOCK).read_text())["run_id"] == "rerun"


def test_cli_refuses_a_locked_folder_without_traceback(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="locked")
    path = tmp_path / "job.yaml"
    path.write_text(yaml.safe_dump(spec.model_dump(mode="json")))
    with OutputLock(spec.out_dir, "holder"):
        r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(path)],
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 2
    assert "in use by run holder" in r.stderr and "Traceback" not in r.stderr


def test_verify_is_clean_on_a_finished_job_and_names_each_fault(tmp_path, i2d_shards):
    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="v")
    run(spec, StandInEngine())
    out = spec.out_dir
    v = verify(out)
    assert v.clean and v.shards == 3 and v.units == 6 and not v.notes, (v.problems, v.notes)

    rewrite = sorted((out / "rewrite").glob("*.parquet"))
    t = pq.read_table(rewrite[0])
    pq.write_table(pa.concat_tables([t, t.slice(0, 1)]), rewrite[0])  # a key twice: one row too many
    data = rewrite[1].read_bytes()
    rewrite[1].write_bytes(data[: len(data) // 2])  # a torn file
    (out / "_markers" / f"{rewrite[2].stem}.rewrite.json").unlink()  # a crash before the marker
    v = verify(out)
    text = "\n".join(v.problems)
    assert not v.clean
    assert "duplicate key/variant/prompt_id" in text and "!=" in text
    assert f"{rewrite[1]}: not readable Parquet" in text
    assert any("not committed" in n for n in v.notes)
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "verify", str(out)], capture_output=True,
                       text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 1 and "NOT clean" in r.stdout


def test_error_budget_stops_a_systemic_failure_and_commits_nothing_of_it(tmp_path, i2d_shards):
    from pipeline.errors import ErrorBudgetExceeded
    from pipeline.shard import ShardJob, process_shard
    from pipeline.sources import list_shards
    from pipeline.tasks import build_tasks

    spec = job_spec(tmp_path, [{"path": str(i2d_shards / "*.tar")}], name="budget")
    ref = list_shards(spec.inputs)[0]
    with pytest.raises(ErrorBudgetExceeded, match=r"(\d+) of \1 requests failed \(engine:prompt_too_long \1"):
        process_shard(replace(ShardJob.of(spec, build_tasks(spec), "r1"), max_error_fraction=0.5), ref,
                      StandInEngine(fail_every=1))
    assert not (spec.out_dir / "rewrite").exists()  # the samples unit is committed, the task is not
    rep = process_shard(replace(ShardJob.of(spec, build_tasks(spec), "r2"), max_error_fraction=0.5), ref,
                        StandInEngine(fail_every=3))  # a third failing: within budget
    assert rep.tasks["rewrite"]["rows"] > 0
