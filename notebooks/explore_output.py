# %% [markdown]
# # Exploring a caprefine output with DuckDB
#
# A notebook in percent format (open it with Jupytext or VS Code, or run it as a script):
# `python notebooks/explore_output.py out/demo`. The test suite runs it on a real job output.
#
# Every table of the job is a DuckDB view: `samples`, `rejects`, and one per task.

# %%
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.query import connect  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else "out/demo"
con = connect(OUT)
print(con.sql("SHOW TABLES"))

# %% [markdown]
# ## Row accounting: every input row is either a sample or a reject

# %%
kept = con.sql("SELECT count(*) FROM samples").fetchall()[0][0]
rejected = con.sql("SELECT count(*) FROM rejects WHERE task IS NULL").fetchall()[0][0]
print(f"rows in = {kept + rejected}: kept {kept}, rejected {rejected}")
print(con.sql("SELECT stage, reason, count(*) AS n FROM rejects GROUP BY ALL ORDER BY n DESC"))

# %% [markdown]
# ## Rewrites next to their alt-text (demo models are random-weight: the text is noise)

# %%
print(con.sql("""
    SELECT s.alt_text_clean, r.variant, r.example_set, left(r.text, 60) AS rewrite
    FROM samples s JOIN rewrite r USING (key)
    ORDER BY s.key, r.variant LIMIT 9
"""))

# %% [markdown]
# ## Generation statistics per example set: length, truncation, latency

# %%
print(con.sql("""
    SELECT example_set, count(*) AS n,
           round(avg(output_tokens), 1) AS avg_out_tokens,
           round(avg(CASE WHEN finish_reason = 'length' THEN 1 ELSE 0 END), 2) AS truncated,
           round(avg(latency_ms)) AS avg_latency_ms
    FROM rewrite GROUP BY ALL ORDER BY example_set
"""))

# %% [markdown]
# ## Provenance: which model, prompt version and sampling produced the rows

# %%
print(con.sql("SELECT model, prompt_id, prompt_hash, sampling, count(*) AS n FROM rewrite GROUP BY ALL"))
