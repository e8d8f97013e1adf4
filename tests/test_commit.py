import duckdb
import pyarrow as pa

from pipeline import commit


def test_atomic_write_leaves_only_complete_files(tmp_path):
    p = commit.table_path(tmp_path, "t", "s0")
    commit.write_table(pa.table({"a": [1, 2, 3]}), p)
    assert [f.name for f in p.parent.iterdir()] == ["s0.parquet"]
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{p.parent}/*.parquet')").fetchall()[0][0]
    assert n == 3


def test_failed_write_leaves_nothing(tmp_path):
    p = commit.table_path(tmp_path, "t", "s0")

    def boom(tmp):
        tmp.write_bytes(b"PAR1 half a file")
        raise RuntimeError("killed mid-write")

    try:
        commit._atomic_write(p, boom)
    except RuntimeError:
        pass
    assert list(p.parent.iterdir()) == []


def test_marker_fingerprint(tmp_path):
    assert not commit.is_committed(tmp_path, "s0", "rewrite", "abc")
    commit.write_marker(tmp_path, "s0", "rewrite", "abc", {"rows": 1})
    assert commit.is_committed(tmp_path, "s0", "rewrite", "abc")
    assert not commit.is_committed(tmp_path, "s0", "rewrite", "other")
