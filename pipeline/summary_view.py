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
    t = Table("task", "requests", "kept outputs", "rejected", "output tokens", "prefix cache", title="Tasks")
    for name, c in s.tasks.items():
        cached = f"{c['cached_tokens'] / c['prompt_tokens']:.0%}" if c.get("prompt_tokens") else "-"
        t.add_row(name, str(c["requests"]), str(c["rows"]), str(c["rejected"]), str(c["output_tokens"]),
                  cached)
    console.print(t)
    for name, c in s.tasks.items():
        if c.get("rejected_by"):
            reasons = ", ".join(f"{r} {n}" for r, n in c["rejected_by"].items())
            console.print(f"  {name} rejects by stage:reason: {reasons}")
    console.print(
        f"throughput: [bold]{s.rows_per_s:.1f}[/] rows/s, {s.output_tokens_per_s:.0f} output tokens/s "
        f"over {s.seconds:.1f}s (engine start-up {s.engine_startup_s:.1f}s not included)"
    )
    console.print(f"output: [bold]{s.out_dir}[/]  (caprefine query {s.out_dir} \"SQL\")")
    _peek(console, s.out_dir, list(s.tasks))


def _peek(console: Console, out: str, tasks: list[str]) -> None:
    """One DuckDB query: the first task's first output column beside the alt-text."""
    names = tables(out)
    tasks = tasks or [n for n in names if n not in ("samples", "rejects")]  # a fully reused rerun
    task = next((t for t in tasks if t in names), None)
    if "samples" not in names or task is None:
        return
    col = "text" if "text" in _columns(out, task) else _columns(out, task)[3]
    sql = (
        f'SELECT s.alt_text_clean AS alt_text, r.variant, r.{col} AS {task}, r.finish_reason '
        f'FROM samples s JOIN "{task}" r USING (key) ORDER BY s.key, r.variant LIMIT 6'
    )
    cols, rows = query(out, sql)
    t = Table(*cols, title=f"DuckDB: {sql}", title_justify="left")
    for r in rows:
        t.add_row(*(str(v)[:70] for v in r))
    console.print(t)
    console.print("[dim]tiny:// models are random-weight: their text is noise by design.[/]")


def _columns(out: str, table: str) -> list[str]:
    return query(out, f'SELECT * FROM "{table}" LIMIT 0')[0]
