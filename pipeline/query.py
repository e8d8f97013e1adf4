"""DuckDB over a job's output: one view per table folder, usable from the CLI and from Python.

    >>> con = connect("out/demo"); con.sql("SELECT count(*) FROM rewrite").fetchall()
"""

from __future__ import annotations

from pathlib import Path

import duckdb


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
    """A DuckDB connection with a view per table (samples, rejects, and one per task)."""
    con = duckdb.connect(database)
    for name, folder in tables(out).items():
        glob = str(folder / "*.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
    return con


def query(out: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL against the output's views; return column names and rows."""
    rel = connect(out).sql(sql)
    if rel is None:  # a statement with no result set
        return [], []
    return rel.columns, rel.fetchall()
