"""The benchmark's quick mode runs in the tests, so it cannot rot: every side does the same work
(it exits non-zero otherwise) and every ratio is printed. Figures, never timings, are checked."""

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_quick_benchmark_prints_every_ratio():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "throughput.py"), "--quick"], cwd=ROOT,
                       capture_output=True, text=True, timeout=1500,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    out = r.stdout
    print(out)
    for side in ("raw", "job", "job, CPU filters off", "per-sample"):
        assert re.search(rf"^\s*{re.escape(side)}: 64 rows in ", out, re.M), side
    ratios = dict(re.findall(r"^(P\d)[^:]*:\s+([\d.]+)", out, re.M))
    assert set(ratios) == {"P1", "P2", "P4", "P5", "P6"}
    memory = re.findall(r"^P3 memory, (.+) / 1x:\s+all ([\d.]+), CPU side ([\d.]+)$", out, re.M)
    assert [m[0] for m in memory] == ["10x rows", "4x pixels", "10x rows in one batch"]
    assert all(float(x) > 0 for m in memory for x in m[1:])
    assert float(ratios["P4"]) < 1  # a finished job's rerun does less than its first run
    assert "waiting on the engine" in out


def test_quick_cpu_ceiling_prints_every_kind():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "cpu_ceiling.py"), "--quick"], cwd=ROOT,
                       capture_output=True, text=True, timeout=900,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    kinds = re.findall(r"^\s*(.+?): 64 requests \((\d+) kept\) .*, ([\d.]+) rows/s per core = ([\d.]+)x",
                       r.stdout, re.M)
    assert [k[0] for k in kinds] == ["rewrite", "tags (JSON)", "visual caption", "describe (JSON)"]
    assert all(0 < int(k[1]) <= 64 and float(k[2]) > 0 and float(k[3]) > 0 for k in kinds)
