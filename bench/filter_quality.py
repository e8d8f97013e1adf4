"""Measure the output filters on labeled generations, dev and test splits apart.

Each row is a generation (task, source alt-text, output, finish_reason; a fusion also has its
``visual_caption``, a visual caption its ``template``) labeled "good" or with one defect class.
Every task's filters run exactly as a job runs them (its kind's defaults). The script prints,
per split, each filter's precision and recall, the overall defect recall and false-reject rate,
and with ``--show`` every miss and false reject. Thresholds are tuned on ``dev`` only; ``test``
is the figure to report.

    .venv/bin/python bench/filter_quality.py [--show] [--split test] [--data FILE ...]

A file of one's own (same fields, no ``split``) is measured whole, as split "external".

The split is fixed by a rule (``split_of``), recorded in every row of the labeled file and
checked here, so no row can move between dev and test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

from filters.base import apply_filters
from filters.generated import Generation
from filters.text import clean_alt_text
from pipeline.kinds import KINDS
from pipeline.prompts import load_template
from pipeline.spec import OutputFilterSpec
from pipeline.tasks import languages, output_filters

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LABELS = DATA / "filter_labels.jsonl"  # the set split into dev and test
LEGACY = DATA / "generated_fixtures.jsonl"  # the first set: thresholds were tuned on it, so dev only
TEMPLATES = {"rewrite": "prompts/rewrite.j2", "visual_caption": "prompts/visual_caption.j2",
             "fusion": "prompts/fusion.j2", "translate": "prompts/translate.j2"}
# Which filter a defect label belongs to: recall per filter is measured on its own label.
OWNER = {"empty": "non_empty", "refusal": "refusal", "echo": "echo", "prompt_leak": "leak",
         "repetition": "repetition", "truncated": "truncation", "too_short": "length",
         "language_drift": "language", "semantic_drift": "fidelity", "fact_changed": "facts"}


def split_of(row_id: str) -> str:
    """The fixed rule: the first byte of sha256(id) decides, even -> dev, odd -> test."""
    return "dev" if hashlib.sha256(row_id.encode()).digest()[0] % 2 == 0 else "test"


def load_rows(paths: list[Path] | None = None) -> list[dict]:
    """Labeled rows; rows of the legacy set are dev, others carry their recorded split."""
    rows = []
    for path in paths or [LABELS, LEGACY]:
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if path == LEGACY:
                row["split"] = "dev"
            elif path != LABELS and "split" not in row:
                row["split"] = "external"  # a set of one's own, measured whole
            elif "split" in row and row["split"] != split_of(row["id"]):
                raise SystemExit(f"{path}: row {row['id']} says split {row['split']!r}, the rule says "
                                 f"{split_of(row['id'])!r}: the split is fixed, do not move rows")
            row.setdefault("split", split_of(row["id"]))
            rows.append(row)
    return rows


def generation(row: dict) -> Generation:
    """The row as a job's output filters see it: the texts its template showed the model, the
    alt-text after the input hygiene a job applies before any prompt sees it."""
    kind = KINDS[row["task"]]
    tpl = load_template(row.get("template") or TEMPLATES[row["task"]], ROOT)
    text = kind.parse(row["output"], tpl)["text"]  # as a job parses it
    context = tuple(row[k] for k in ("visual_caption",) if row.get(k) and k in tpl.reads)
    source = clean_alt_text(row["source"]) or ""
    return Generation(row["id"], "labels", 0, text, source, row["finish_reason"], tpl.body,
                      *languages(kind, tpl, row.get("target_lang")), context=context,
                      sees_source=bool(tpl.reads & {"text", "alt_text"}), sees_image=tpl.role == "lvlm")


def _by_task(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["task"]].append(r)
    return out


def first_objection(rows: list[dict]) -> dict[str, str]:
    """id -> "filter:reason (detail)" for every row the task's filter chain rejects."""
    verdict: dict[str, str] = {}

    def note(g: Generation, f: str, why: str) -> None:
        detail = getattr(why, "detail", None)
        verdict[g.key] = f"{f}:{why}" + (f" ({detail})" if detail else "")

    for task, task_rows in _by_task(rows).items():
        chain = output_filters(KINDS[task], OutputFilterSpec())
        apply_filters([generation(r) for r in task_rows], chain, note)
    return verdict


def per_filter(rows: list[dict]) -> dict[str, Counter]:
    """Each filter alone, on every row of the tasks that enable it."""
    stats: dict[str, Counter] = defaultdict(Counter)
    for task, task_rows in _by_task(rows).items():
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


def figures(rows: list[dict]) -> dict[str, float]:
    """Overall defect recall and false-reject rate of the filter chains."""
    verdict = first_objection(rows)
    defects = [r for r in rows if r["label"] != "good"]
    goods = [r for r in rows if r["label"] == "good"]
    return {
        "recall": sum(r["id"] in verdict for r in defects) / max(len(defects), 1),
        "false_rejects": sum(r["id"] in verdict for r in goods) / max(len(goods), 1),
        "defects": len(defects),
        "goods": len(goods),
    }


def report(name: str, rows: list[dict], show: bool) -> None:
    labels = Counter(r["label"] for r in rows)
    print(f"\n== {name}: {len(rows)} rows: " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    print("filter       flagged  precision  recall(own label)  good flagged")
    for fname, s in sorted(per_filter(rows).items()):
        prec = s["flagged_defect"] / s["flagged"] if s["flagged"] else float("nan")
        rec = s["flagged_own"] / s["own"] if s["own"] else float("nan")
        print(f"{fname:12} {s['flagged']:7}  {prec:9.1%}  {rec:17.1%}  {s['flagged_good']:12}")
    verdict = first_objection(rows)
    defects = [r for r in rows if r["label"] != "good"]
    goods = [r for r in rows if r["label"] == "good"]
    missed = [r for r in defects if r["id"] not in verdict]
    false = [r for r in goods if r["id"] in verdict]
    caught = len(defects) - len(missed)
    print(f"defect recall: {caught / max(len(defects), 1):.1%} ({caught}/{len(defects)})")
    print(f"false rejects: {len(false) / max(len(goods), 1):.1%} ({len(false)}/{len(goods)})")
    by_label = Counter(r["label"] for r in missed)
    if by_label:
        print("missed by label: " + ", ".join(f"{k} {v}" for k, v in by_label.most_common()))
    if show:
        for r in missed:
            print(f"MISS  {r['id']} [{r['task']}/{r['label']}] {r['source'][:60]!r} -> {r['output'][:100]!r}")
        for r in false:
            print(f"FALSE {r['id']} [{r['task']}] {verdict[r['id']]} {r['source'][:60]!r} -> "
                  f"{r['output'][:100]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every miss and false reject")
    ap.add_argument("--split", choices=["dev", "test", "external", "all"], default="all",
                    help="which split to print (external: rows of --data files that carry none)")
    ap.add_argument("--data", type=Path, nargs="+", help="labeled JSONL files (default: the project's)")
    args = ap.parse_args()
    rows = load_rows(args.data)
    for split in ("dev", "test", "external"):
        if args.split in (split, "all"):
            part = [r for r in rows if r["split"] == split]
            if part:
                report(split, part, args.show)


if __name__ == "__main__":
    main()
