"""Measure the output filters on the labeled fixture set (tests/data/generated_fixtures.jsonl).

Each row is a generation (task, source alt-text, output, finish_reason) labeled "good" or with
one defect kind. Every task's filters run exactly as a job runs them (its kind's defaults), and
the script prints each filter's precision and recall, the overall defect recall and false-reject
rate, the rows it got wrong, and a similarity-threshold sweep for the fidelity filter.

    .venv/bin/python bench/filter_quality.py [--show]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from filters.base import apply_filters
from filters.drift import similarities
from filters.generated import Generation
from pipeline.kinds import KINDS
from pipeline.prompts import load_template
from pipeline.spec import OutputFilterSpec
from pipeline.tasks import languages, output_filters

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "generated_fixtures.jsonl"
TEMPLATES = {"rewrite": "prompts/rewrite.j2", "visual_caption": "prompts/visual_caption.j2",
             "fusion": "prompts/fusion.j2", "translate": "prompts/translate.j2"}
# Which filter a defect label belongs to: recall per filter is measured on its own label.
OWNER = {"empty": "non_empty", "refusal": "refusal", "echo": "echo", "prompt_leak": "leak",
         "repetition": "repetition", "truncated": "truncation", "too_short": "length",
         "language_drift": "language", "semantic_drift": "fidelity"}


def load_rows(path: Path = FIXTURES) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def generation(row: dict) -> Generation:
    kind, tpl = KINDS[row["task"]], load_template(TEMPLATES[row["task"]], ROOT)
    text = kind.parse(row["output"], tpl)["text"]  # as a job parses it
    return Generation(row["id"], "fixtures", 0, text, row["source"], row["finish_reason"],
                      tpl.body, *languages(kind, tpl, row.get("target_lang")))


def first_objection(rows: list[dict]) -> dict[str, str]:
    """id -> "filter:reason" for every row the task's filter chain rejects."""
    verdict: dict[str, str] = {}
    for task in TEMPLATES:
        gens = [generation(r) for r in rows if r["task"] == task]
        fs = output_filters(KINDS[task], OutputFilterSpec())
        apply_filters(gens, fs, lambda g, f, why: verdict.__setitem__(g.key, f"{f}:{why}"))
    return verdict


def per_filter(rows: list[dict]) -> dict[str, Counter]:
    """Each filter alone, on every row of the tasks that enable it."""
    stats: dict[str, Counter] = defaultdict(Counter)
    for task in TEMPLATES:
        task_rows = [r for r in rows if r["task"] == task]
        gens = [generation(r) for r in task_rows]
        for f in output_filters(KINDS[task], OutputFilterSpec()):
            for r, why in zip(task_rows, f.reasons(gens), strict=True):
                s = stats[f.name]
                own = OWNER.get(r["label"]) == f.name
                s["own"] += own
                if why is not None:
                    s["flagged"] += 1
                    s["flagged_defect"] += r["label"] != "good"
                    s["flagged_own"] += own
                    s["flagged_good"] += r["label"] == "good"
    return stats


def sweep(rows: list[dict], task: str) -> None:
    """Fidelity threshold sweep on rows that every other filter keeps (as in a job)."""
    rows = [r for r in rows if r["task"] == task and r["label"] in ("good", "semantic_drift")]
    sims = similarities([r["output"] for r in rows], [r["source"] for r in rows])
    n_bad = sum(r["label"] == "semantic_drift" for r in rows)
    n_good = len(rows) - n_bad
    print(f"\nfidelity sweep, {task} ({n_good} good, {n_bad} semantic_drift):")
    print("  threshold  drift recall  good rejected")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        caught = sum(s < t for s, r in zip(sims, rows, strict=True) if r["label"] == "semantic_drift")
        lost = sum(s < t for s, r in zip(sims, rows, strict=True) if r["label"] == "good")
        print(f"  {t:9.2f}  {caught / max(n_bad, 1):12.1%}  {lost / max(n_good, 1):13.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every miss and false reject")
    args = ap.parse_args()
    rows = load_rows()
    verdict = first_objection(rows)
    labels = Counter(r["label"] for r in rows)
    print(f"{len(rows)} fixture rows: " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))

    print("\nfilter       flagged  precision  recall(own label)  good flagged")
    for name, s in sorted(per_filter(rows).items()):
        prec = s["flagged_defect"] / s["flagged"] if s["flagged"] else float("nan")
        rec = s["flagged_own"] / s["own"] if s["own"] else float("nan")
        print(f"{name:12} {s['flagged']:7}  {prec:9.1%}  {rec:17.1%}  {s['flagged_good']:12}")

    defects = [r for r in rows if r["label"] != "good"]
    goods = [r for r in rows if r["label"] == "good"]
    missed = [r for r in defects if r["id"] not in verdict]
    false = [r for r in goods if r["id"] in verdict]
    caught = len(defects) - len(missed)
    print(f"\ndefect recall: {caught / len(defects):.1%} ({caught}/{len(defects)})")
    print(f"false rejects: {len(false) / len(goods):.1%} ({len(false)}/{len(goods)})")
    by_label = Counter(r["label"] for r in missed)
    if by_label:
        print("missed by label: " + ", ".join(f"{k} {v}" for k, v in by_label.most_common()))
    for task in ("rewrite", "fusion"):
        sweep(rows, task)
    if args.show:
        for r in missed:
            print(f"MISS  {r['id']} [{r['task']}/{r['label']}] {r['output'][:100]!r}")
        for r in false:
            print(f"FALSE {r['id']} [{r['task']}] {verdict[r['id']]} {r['output'][:100]!r}")


if __name__ == "__main__":
    main()
