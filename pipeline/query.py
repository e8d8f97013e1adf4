"""DuckDB over a job's output: one view per table folder, and per judged task a view of its rows
beside their verdicts. Usable from the CLI and from Python.

    >>> con = connect("out/demo"); con.sql("SELECT count(*) FROM rewrite").fetchall()
    >>> con.sql("SELECT key, variant, text FROM rewrite_judged WHERE faithful").fetchall()
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# A judge's table names the row each verdict is about (pipeline.kinds.JUDGED_FIELDS).
JUDGED = ("judged_task", "judged_variant", "judged_prompt_id")
VERDICTS = """
    SELECT {judge_lit} AS judge, key, judged_variant, judged_prompt_id, faithful, unsupported, score,
           variant AS judge_variant, prompt_id AS judge_prompt_id, model AS judge_model
    FROM {judge} WHERE judged_task = {task_lit}"""


def tables(out: str | Path) -> dict[str, Path]:
    """Table name -> folder, for every output folder that holds committed Parquet files."""
    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such output folder (run a job first)")
    found = {}
    for d in sorted(out.iterdir()):
        if d.is_dir() and not d.name.startswith(("_", ".")) and any(d.glob("*.parquet")):
            found[d.name] = d
    return found


def connect(out: str | Path, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per table (samples, rejects, and one per task), and a
    ``<task>_judged`` view per task that a judge judged."""
    con = duckdb.connect(database)
    found = tables(out)
    for name, folder in found.items():
        glob = literal(str(folder / "*.parquet"))
        con.execute(f"CREATE VIEW {ident(name)} AS SELECT * FROM read_parquet({glob}, union_by_name=true)")
    judged_views(con, list(found))
    return con


def judged_views(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """``<task>_judged``: every row of the task, LEFT JOINed with the verdicts on it (key, variant,
    prompt version); a row no judge kept a verdict for has NULL ones. Several judges of one task:
    one row per verdict, told apart by ``judge``."""
    judged: dict[str, list[str]] = {}
    for j in names:
        if set(JUDGED) <= set(con.sql(f"SELECT * FROM {ident(j)} LIMIT 0").columns):
            for (task,) in con.sql(f"SELECT DISTINCT judged_task FROM {ident(j)} ORDER BY 1").fetchall():
                if task in names and f"{task}_judged" not in names:
                    judged.setdefault(task, []).append(j)
    for task, judges in judged.items():
        verdicts = " UNION ALL ".join(
            VERDICTS.format(judge_lit=literal(j), judge=ident(j), task_lit=literal(task)) for j in judges)
        con.execute(f"""
            CREATE VIEW {ident(task + "_judged")} AS
            SELECT t.*, v.* EXCLUDE (key, judged_variant, judged_prompt_id)
            FROM {ident(task)} t LEFT JOIN ({verdicts}) v
              ON v.key = t.key AND v.judged_variant = t.variant AND v.judged_prompt_id = t.prompt_id""")


def views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The views a connection offers, by name."""
    return [r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")
            .fetchall()]


def ident(name: str) -> str:
    """``name`` as a DuckDB identifier, quoted: a task may be named ``order`` or ``my-task``."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"


def query(out: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL against the output's views; return column names and rows."""
    rel = connect(out).sql(sql)
    if rel is None:  # a statement with no result set
        return [], []
    return rel.columns, rel.fetchall()
