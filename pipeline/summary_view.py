"""Print a run summary for people: counts, rejects by reason, throughput, and a DuckDB peek."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .query import query, tables
from .report import RunSummary


def print_summary(console: Console, s: RunSummary) -> None:
    console.rule(f"[bold]caprefine run {s.run_id}")
    console.print(
        f"rows in [bold]{s.rows_in}[/] = kept [bold green]{s.kept}[/] + rejected "
        f"[bold yellow]{s.rejected_total}[/]   ({s.shards} shards, {s.units_reused} units reused)"
    )
    if s.rejected:
        t = Table("rejected at stage:reason", "rows", title="Input rejects")
        for reason, n in s.rejected.items():
            t.add_row(reason, str(n))
        console.print(t)
    t = Table("task", "requests", "kept outputs", "rejected", "output tokens", title="Tasks")
    for name, c in s.tasks.items():
        t.add_row(name, str(c["requests"]), str(c["rows"]), str(c["rejected"]), str(c["output_tokens"]))
    console.print(t)
    console.print(
        f"throughput: [bold]{s.rows_per_s:.1f}[/] rows/s, {s.output_tokens_per_s:.0f} output tokens/s "
        f"over {s.seconds:.1f}s (engine start-up {s.engine_startup_s:.1f}s not included)"
    )
    console.print(f"output: [bold]{s.out_dir}[/]  (caprefine query {s.out_dir} \"SQL\")")
    _peek(console, s.out_dir)


def _peek(console: Console, out: str) -> None:
    names = tables(out)
    if "samples" not in names or "rewrite" not in names:
        return
    sql = (
        "SELECT s.alt_text_clean AS alt_text, r.variant, r.text AS rewrite, r.finish_reason "
        "FROM samples s JOIN rewrite r USING (key) ORDER BY s.key, r.variant LIMIT 6"
    )
    cols, rows = query(out, sql)
    t = Table(*cols, title=f"DuckDB: {sql}", title_justify="left")
    for r in rows:
        t.add_row(*(str(v)[:70] for v in r))
    console.print(t)
    console.print("[dim]demo models are random-weight: their text is noise by design.[/]")
