"""Cost per row of the output filters: each task's default chain over the labeled generations.

Every task's chain runs as a job runs it (each filter sees, in one batch, the rows every earlier
filter kept), in one process, on every row of ``tests/data/filter_labels.jsonl``. The first
labeled set (``generated_fixtures.jsonl``) runs before, untimed: models load there (lingua,
MiniLM, word lists), as a shard worker loads them once; its texts are not the timed ones, so no
cache starts warm.

Printed per task and filter: rows seen, rows rejected, CPU and wall milliseconds per row seen,
rows/s; per chain (``all``) per row in. Two runs did the same work when their rows and rejects
agree. Torch encodes on one thread, as in a shard worker: Ray sets ``OMP_NUM_THREADS`` to a
task's CPU share (``execution.shard_num_cpus``, at least 1), and on a busy machine more threads
only wait for each other. CPU time is the steadier figure there: wall time counts others' work.

    .venv/bin/python bench/filter_speed.py [--threads 1]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from filter_quality import LABELS, LEGACY, _by_task, generation, load_rows  # noqa: E402

from filters.base import Filter  # noqa: E402
from filters.generated import Generation  # noqa: E402
from pipeline.kinds import KINDS  # noqa: E402
from pipeline.spec import OutputFilterSpec  # noqa: E402
from pipeline.tasks import output_filters  # noqa: E402


class Cost:
    """Rows seen, rows rejected and seconds (CPU, wall) spent by a filter or a chain."""

    def __init__(self) -> None:
        self.rows = self.rejects = 0
        self.cpu = self.wall = 0.0

    def add(self, other: Cost, rows: int = 0) -> None:
        self.rows += rows
        self.rejects += other.rejects
        self.cpu += other.cpu
        self.wall += other.wall

    def line(self, name: str) -> str:
        per = 1000 / max(self.rows, 1)
        return (f"  {name:12} {self.rows:6} {self.rejects:7} {self.cpu * per:8.3f} {self.wall * per:8.3f}"
                f" {self.rows / max(self.wall, 1e-9):9.0f}")


def run_chain(gens: list[Generation], chain: list[Filter[Generation]]) -> dict[str, Cost]:
    """``apply_filters`` with a stopwatch around each filter's batch."""
    costs: dict[str, Cost] = defaultdict(Cost)
    kept = gens
    for f in chain:
        if not kept:
            break
        cpu, wall = time.process_time(), time.perf_counter()
        reasons = f.reasons(kept)
        c = costs[f.name]
        c.cpu += time.process_time() - cpu
        c.wall += time.perf_counter() - wall
        c.rows += len(kept)
        c.rejects += sum(why is not None for why in reasons)
        kept = [g for g, why in zip(kept, reasons, strict=True) if why is None]
    return costs


def measure(rows: list[dict]) -> dict[str, dict[str, Cost]]:
    """Per task: the cost of each filter of its default chain, and of the whole chain (``all``)."""
    out = {}
    for task, task_rows in sorted(_by_task(rows).items()):
        costs = run_chain([generation(r) for r in task_rows], output_filters(KINDS[task], OutputFilterSpec()))
        chain = Cost()
        for c in costs.values():
            chain.add(c)
        chain.rows = len(task_rows)
        out[task] = {**costs, "all": chain}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1, help="torch threads for the embedding model")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    measure(load_rows([LEGACY]))  # warm-up: models load, on texts that are not timed
    rows = load_rows([LABELS])
    print(f"{len(rows)} labeled rows, {args.threads} torch thread(s); ms per row the filter saw, "
          "rows/s of wall time")
    print(f"  {'filter':12} {'rows':>6} {'rejects':>7} {'cpu ms':>8} {'wall ms':>8} {'rows/s':>9}")
    total = Cost()
    for task, costs in measure(rows).items():
        print(task)
        for name, c in costs.items():
            print(c.line(name))
        total.add(costs["all"], rows=costs["all"].rows)
    print(total.line("all tasks"))


if __name__ == "__main__":
    main()
