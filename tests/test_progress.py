"""Live progress: the figures, the plain lines a log gets, the live panel a terminal gets."""

import io
from collections import Counter

from rich.console import Console

from pipeline.progress import LiveProgress, LogProgress, Progress, for_terminal
from pipeline.shard import ShardReport


def report(name: str, rows: int, kept: int, tokens: int, rejected: dict[str, int]) -> ShardReport:
    return ShardReport(shard=name, rows_in=rows, kept=kept, rejected=Counter(rejected), seconds=1.5,
                       tasks={"rewrite": {"output_tokens": tokens}, "translate": {"output_tokens": 1}})


def test_figures_sum_shards_and_rejects_by_stage():
    p = Progress()
    p.started(4)
    p.t0 -= 10  # ten seconds in
    p.shard(report("a", 10, 8, 100, {"input:too_short": 2, "output:echo_input": 1}), 1, 4)
    p.shard(report("b", 10, 9, 200, {"input:duplicate": 1, "engine:endpoint_failed": 2}), 2, 4)
    assert (p.rows_in, p.kept, p.output_tokens) == (20, 17, 302)
    assert p.rejects == {"input": 3, "output": 1, "engine": 2}
    rows_s, tok_s = p.rates()
    assert 1.9 < rows_s <= 2.0 and 30 < tok_s <= 30.2
    assert 9.9 < p.eta() < 10.5  # two of four shards in ten seconds: ten more  # type: ignore[operator]
    p.shard(report("c", 1, 1, 1, {}), 4, 4)
    assert p.eta() is None


def test_log_lines_say_what_the_job_waits_for_and_how_far_it_is():
    buf = io.StringIO()
    p = for_terminal(Console(file=buf, width=300))  # not a terminal: plain lines
    assert isinstance(p, LogProgress)
    p.waiting("engines loading: tiny://llm ×1")
    p.engines_up("tiny://llm", 1, 1)
    p.started(2)
    p.shard(report("00000", 10, 8, 100, {"output:refusal": 2}), 1, 2)
    p.close()
    lines = buf.getvalue().splitlines()
    assert lines[0] == "waiting: engines loading: tiny://llm ×1"
    assert lines[1] == "engine tiny://llm: 1/1 replicas up"
    assert lines[2].startswith("shard 00000 done in 1.5s | shards 1/2 | 10 rows in, 8 kept | ")
    assert "rejects: output 2" in lines[2] and "ETA" in lines[2]
    assert "\x1b" not in buf.getvalue()  # no colour codes or redraws in a log


def test_live_panel_on_a_terminal():
    buf = io.StringIO()
    p = for_terminal(Console(file=buf, width=120, force_terminal=True))
    assert isinstance(p, LiveProgress)
    p.engines_up("tiny://llm", 1, 2)
    p.waiting("engines loading: tiny://llm ×2")
    p.started(3)
    p.shard(report("00000", 10, 8, 100, {"output:refusal": 2}), 1, 3)
    p.live.refresh()
    p.close()
    shown = buf.getvalue()
    for part in ("1/3", "10 in, 8 kept", "output 2", "tiny://llm 1/2 up", "ETA"):
        assert part in shown, part
