"""The `caprefine` command line. Talks to people with rich; heavy imports (ray, vllm) stay lazy
so that a bad job spec is reported in well under a second."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from .errors import JobFailed
from .lock import FolderLocked
from .spec import SpecError, load_spec

app = typer.Typer(
    help="LLM-driven caption refinement for CLIP-style training data: img2dataset shards -> "
    "Ray -> vLLM -> Parquet you can query with DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


def _setup_logging(verbose: bool) -> None:
    level = logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=err, show_path=False)
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s")
    logging.getLogger("pipeline").setLevel(logging.INFO)
    # vLLM and Ray are chatty at INFO; engine actors inherit this through the environment.
    os.environ.setdefault("VLLM_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ["CAPREFINE_VERBOSE"] = "1" if verbose else "0"


def _fail(msg: str) -> None:
    err.print(f"[bold red]error:[/] {msg}", highlight=False)
    raise typer.Exit(2)


def _parse_sets(sets: list[str]) -> dict:
    out = {}
    for s in sets:
        if "=" not in s:
            _fail(f"--set expects KEY=VALUE (e.g. execution.limit=10), got {s!r}")
        k, v = s.split("=", 1)
        import yaml

        out[k] = yaml.safe_load(v)
    return out


@app.command()
def run(
    job: Path = typer.Argument(..., help="Job spec YAML (see jobs/demo.yaml)."),
    set_: list[str] = typer.Option([], "--set", help="Override a spec field: --set execution.limit=10"),
    force: bool = typer.Option(False, help="Redo every unit even if committed with a matching fingerprint."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show engine and Ray logs."),
) -> None:
    """Run a job: read shards, generate with vLLM on Ray, commit Parquet, print a summary.

    Re-running the same command skips every (shard, task) already committed with the same
    fingerprint (model, prompt hash, sampling, filters, code version) and redoes only the rest.
    """
    _setup_logging(verbose)
    try:
        spec = load_spec(job, _parse_sets(set_))
        from .tasks import build_tasks

        build_tasks(spec, job.parent)  # template errors surface before Ray or vLLM start
        from .executor import run_job
        from .progress import for_terminal

        summary = run_job(spec, job.parent, force=force, progress=for_terminal(err))
    except SpecError as e:
        _fail(str(e))
        return
    except FolderLocked as e:
        _fail(str(e))
        return
    except JobFailed as e:
        err.print(f"[bold red]job failed:[/] {e}", highlight=False)
        raise typer.Exit(1) from None
    from .summary_view import print_summary

    print_summary(console, summary)


@app.command()
def query(
    out: Path = typer.Argument(..., help="A job's output folder, e.g. out/demo."),
    sql: str = typer.Argument(
        ..., help="SQL over the views samples, rejects, one per task, and <task>_judged per judged task."
    ),
    max_rows: int = typer.Option(50, help="Print at most this many rows."),
) -> None:
    """Query a job's output with DuckDB: one view per table (samples, rejects, rewrite, ...)."""
    import duckdb

    from .query import connect, views
    from .query import query as run_query

    try:
        cols, rows = run_query(out, sql)
    except FileNotFoundError as e:
        _fail(str(e))
        return
    except duckdb.Error as e:
        _fail(f"{e}\nviews in {out}: {', '.join(views(connect(out))) or '(none)'}")
        return
    table = Table(*cols, show_lines=False)
    for r in rows[:max_rows]:
        table.add_row(*(_cell(v) for v in r))
    console.print(table)
    if len(rows) > max_rows:
        console.print(f"[dim]... {len(rows) - max_rows} more rows[/]")


@app.command()
def verify(out: Path = typer.Argument(..., help="A job's output folder, e.g. out/demo.")) -> None:
    """Check an output folder: complete Parquet, row accounting per unit, no duplicate keys.

    Exit code 0 when clean, 1 when a problem is found. Read-only; safe while a job runs.
    """
    from .verify import verify as check

    v = check(out)
    for note in v.notes:
        console.print(f"[dim]note:[/] {note}", highlight=False)
    for p in v.problems:
        console.print(f"[bold red]problem:[/] {p}", highlight=False)
    rows = ", ".join(f"{t} {n}" for t, n in sorted(v.rows.items()))
    if v.clean:
        console.print(f"[bold green]clean[/]: {v.shards} shards, {v.units} committed units ({rows})")
        return
    console.print(f"[bold red]NOT clean[/]: {len(v.problems)} problem(s) in {out}")
    raise typer.Exit(1)


@app.command()
def report(
    out: Path = typer.Argument(..., help="A job's output folder, e.g. out/demo."),
    run_id: str = typer.Option(None, "--run", help="Which run (a folder of OUT/_runs); default: the latest."),
) -> None:
    """Rebuild a run's self-contained HTML report (OUT/_runs/<run>/report.html); print its path.

    Counts by stage and reason, throughput, caption lengths, engine busy time, and a gallery of
    images beside their alt-text and every generated caption. Opens without a network.
    """
    from .html_report import ReportError, write_report

    try:
        path = write_report(out, run_id)
    except ReportError as e:
        _fail(str(e))
        return
    console.print(str(path), soft_wrap=True, highlight=False)


@app.command()
def export(
    out: Path = typer.Argument(..., help="A job's output folder, e.g. out/demo."),
    to: Path = typer.Option(..., "--to", help="Folder to write into: new, empty, or an earlier export "
                            "(with --force)."),
    format: str = typer.Option(..., "--format", help="webdataset (tar shards keyed like the input's, "
                               "with a JSON of captions per sample) | laclip (LaCLIP's train.csv + one "
                               "caption file per variant) | parquet (one row per image, for HF datasets)."),
    task: list[str] = typer.Option([], "--task", help="A caption task to export (repeat it); default: "
                                   "every caption task in the output."),
    faithful_only: bool = typer.Option(False, "--faithful-only", help="Only captions a judge found "
                                       "faithful (each exported task needs a judge)."),
    p_original: float = typer.Option(None, "--p-original", min=0.0, max=1.0, help="Mixing rule: train on "
                                     "the original caption with this probability (VeCLIP-style); unset: "
                                     "LaCLIP's uniform draw among the original and the kept captions."),
    captions_only: bool = typer.Option(False, "--captions-only", help="Do not copy images from the input "
                                       "shards (webdataset: JSON sidecars joined to them by key)."),
    force: bool = typer.Option(False, help="Replace an earlier export in --to."),
) -> None:
    """Export captions for training: webdataset shards, LaCLIP's input files, or Parquet.

    Every sample of the output is exported with its original caption; a caption that was rejected
    (or, with --faithful-only, judged unfaithful) is left out, and LaCLIP's files put the original in
    its line. _manifest.json, written last, records counts and the mixing rule.
    """
    from .export import ExportError, ExportOptions
    from .export import export as run_export

    opts = ExportOptions(format=format, tasks=tuple(task), faithful_only=faithful_only,
                         p_original=p_original, images=not captions_only, force=force)
    try:
        m = run_export(out, to, opts)
    except ExportError as e:
        _fail(str(e))
        return
    caps = ", ".join(f"{t} {n}" for t, n in m["captions"].items())
    console.print(f"[bold green]exported[/] {m['samples']} samples ({caps} captions) as {format} to {to}: "
                  f"{len(m['files'])} file(s) + _manifest.json", highlight=False)


@app.command()
def plan(
    job: Path = typer.Argument(..., help="Job spec YAML (see jobs/demo.yaml)."),
    sample: int = typer.Option(200, "--sample", min=1, help="Rows to render and count (the first rows of "
                               "up to 8 shards spread over the input)."),
    tokens_per_s: list[str] = typer.Option([], "--tokens-per-s", help="Output tokens per second of one "
                                           "engine replica: N for every model, or MODEL=N (repeat it)."),
    calibrate: bool = typer.Option(False, "--calibrate", help="Measure tokens/s here: start each model's "
                                   "engine in this process and time the sample's requests."),
    calibrate_requests: int = typer.Option(256, min=8, help="Requests per calibration run."),
    output_tokens: list[str] = typer.Option([], "--output-tokens", help="Output tokens per request: N for "
                                            "every task, or TASK=N (e.g. from an earlier run's tables)."),
    count_shards: int = typer.Option(1000, min=1, help="Shards whose rows are counted (Parquet metadata); "
                                     "the rest are extrapolated from their mean."),
    set_: list[str] = typer.Option([], "--set", help="Override a spec field: --set execution.limit=10"),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show engine logs (--calibrate)."),
) -> None:
    """What a job costs before it runs: requests, prompt and output tokens, GPU-hours.

    Renders every task's prompts on a sample of the real input as a run would, counts tokens with
    each model's own tokenizer and chat template, and scales them to the whole input's rows.
    """
    if not verbose:  # a calibration's engine warnings are noise beside the plan
        os.environ.setdefault("VLLM_LOGGING_LEVEL", "ERROR")
    _setup_logging(verbose)
    from .plan import PlanError, PlanOptions, make_plan, parse_figures, print_plan

    try:
        spec = load_spec(job, _parse_sets(set_))
        opts = PlanOptions(sample=sample, calibrate=calibrate, calibrate_requests=calibrate_requests,
                           count_shards=count_shards,
                           tokens_per_s=parse_figures(tokens_per_s, "--tokens-per-s", float),
                           output_tokens=parse_figures(output_tokens, "--output-tokens", int))
        result = make_plan(spec, job.parent, opts)
    except (SpecError, PlanError, JobFailed) as e:
        _fail(str(e))
        return
    print_plan(console, result)


def _cell(v) -> str:
    s = "NULL" if v is None else str(v)
    return s if len(s) <= 120 else s[:117] + "..."


@app.command("demo-data")
def demo_data(
    out: Path = typer.Option(Path("data/demo"), help="Where to write images and shards."),
    images: int = typer.Option(48, help="Images to draw and download."),
) -> None:
    """Draw JPEGs, serve them on 127.0.0.1 and fetch them with img2dataset into shards."""
    _setup_logging(False)
    from .demo_data import make_shards

    shards = make_shards(out, n_images=images)
    console.print(f"shards in {shards}")


@app.command()
def demo(verbose: bool = typer.Option(False, "-v", "--verbose", help="Show engine and Ray logs.")) -> None:
    """Make the demo shards (if missing) and run jobs/demo.yaml on the tiny CPU model."""
    from .demo_data import make_shards
    from .prompts import ROOT

    _setup_logging(verbose)
    make_shards(Path("data/demo"))
    run(ROOT / "jobs" / "demo.yaml", [], False, verbose)


prompts_app = typer.Typer(
    help="Edit prompts: list templates, render them on real rows, compare A/B versions.",
    no_args_is_help=True,
)
app.add_typer(prompts_app, name="prompts")


@prompts_app.command("list")
def prompts_list(folder: Path = typer.Option(None, help="Template folder (default: the built-in prompts/).")):
    """Show templates with their task, model role, variants and content hash."""
    from .prompt_tools import list_templates

    table = Table("template", "id", "task", "role", "variants", "hash")
    try:
        for t in list_templates(folder):
            table.add_row(str(t.path.name), t.id, t.task, t.role, str(t.variants), t.hash)
    except SpecError as e:
        _fail(str(e))
    console.print(table)


@prompts_app.command("render")
def prompts_render(
    template: str = typer.Argument(..., help="Template file, e.g. prompts/rewrite.j2."),
    input: str = typer.Option(..., "--input", help="One input shard to take rows from."),
    format: str = typer.Option("webdataset", help="Shard format: webdataset | parquet | table."),
    n: int = typer.Option(5, "-n", help="Rows to render."),
    variant: int = typer.Option(0, help="Which variant (rewrite example set, language...)."),
    run_: bool = typer.Option(False, "--run", help="Also generate with the engine --job configures."),
    job: Path = typer.Option(None, help="Job spec whose engine --run uses (e.g. jobs/demo.yaml)."),
    task: str = typer.Option(None, help="With --run: the job's task using this template, if several."),
) -> None:
    """Print the exact chat messages the engine would receive for the first N rows.

    With --run --job JOB, send them to that job's engine and print inputs and outputs side by side.
    """
    from rich.panel import Panel

    from .prompt_tools import input_samples, render_row, run_rendered
    from .prompts import load_template

    _setup_logging(False)
    try:
        tpl = load_template(template)
        rows = input_samples(input, format, n)
        if run_ and job is None:
            raise SpecError("--run needs --job JOB: the job spec that configures the engine")
        outputs = run_rendered(job, task, tpl, rows) if run_ else []
    except SpecError as e:
        _fail(str(e))
        return
    console.print(f"[bold]{tpl.id}[/] ({tpl.path}, hash {tpl.hash}) on {len(rows)} rows of {input}")
    for s in rows:
        msgs, ex_set = render_row(tpl, s, variant)
        body = "\n".join(f"[bold cyan]{m['role']}[/]: {m['content']}" for m in msgs)
        title = f"key {s.key}" + (f" · examples: {ex_set}" if ex_set else "")
        console.print(Panel(body, title=title, title_align="left", highlight=False))
    if outputs:
        _print_rel(f"{tpl.id} outputs", ["key", "alt_text", "variant", "output"],
                   [(s.key, s.alt_text_clean, v, text) for s, v, text in outputs])


@prompts_app.command("compare")
def prompts_compare(
    out: Path = typer.Argument(..., help="A job's output folder."),
    task: str = typer.Argument(..., help="The task whose template versions to compare."),
    n: int = typer.Option(5, "-n", help="Rows to show side by side."),
) -> None:
    """Prompt A/B: per-version stats (lengths, truncation, reject reasons) and a side-by-side sample."""
    from .prompt_tools import compare_sql
    from .query import connect

    try:
        con = connect(out)
    except FileNotFoundError as e:
        _fail(str(e))
        return
    sql = compare_sql(task)
    for title, key in (("Per prompt version", "stats"), ("Rejects by version", "rejects")):
        rel = con.sql(sql[key])
        _print_rel(title, rel.columns, rel.fetchall())
    rows = con.execute(sql["side_by_side"], [n]).fetchall()
    _print_rel("Side by side (variant 0)", ["alt_text", "prompt_id", "text"], rows)


def _print_rel(title: str, cols: list[str], rows: list[tuple]) -> None:
    t = Table(*cols, title=title, title_justify="left")
    for r in rows:
        t.add_row(*(_cell(v) for v in r))
    console.print(t)


if __name__ == "__main__":
    app()
