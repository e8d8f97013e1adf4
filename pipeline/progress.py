"""What a running job shows while it runs: one live display on a terminal, plain lines elsewhere.

``run_job`` reports events (what it waits for, engines up, each finished shard) to a
``Progress``; the base class ignores them (library use, tests). ``for_terminal`` picks the
live rich display when stderr is a TTY and one log line per event otherwise (CI, ``ray job
submit``, a file), so a long run's log says how far it is and what it waits for.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from .shard import ShardReport


class Progress:
    """Events of a run. Subclasses show them; this one keeps the figures and shows nothing."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.rows_in = 0
        self.kept = 0
        self.output_tokens = 0
        self.rejects: Counter[str] = Counter()  # stage -> rows
        self.engines: dict[str, str] = {}  # model -> "2/2 up"
        self.wait = ""
        self.t0: float | None = None

    def waiting(self, what: str) -> None:
        """The job waits for ``what`` (engines loading, a stuck shard); "" when it no longer does."""
        self.wait = what

    def engines_up(self, model: str, up: int, total: int) -> None:
        self.engines[model] = f"{up}/{total} up"

    def started(self, total: int) -> None:
        self.total, self.t0 = total, time.monotonic()
        self.wait = ""

    def shard(self, rep: ShardReport, done: int, total: int) -> None:
        self.done, self.total = done, total
        self.rows_in += rep.rows_in
        self.kept += rep.kept
        self.output_tokens += sum(int(t.get("output_tokens", 0)) for t in rep.tasks.values())
        for key, n in rep.rejected.items():
            self.rejects[key.split(":", 1)[0]] += n
        self.wait = ""

    def close(self) -> None:
        pass

    # figures ---------------------------------------------------------------------------------

    def elapsed(self) -> float:
        return 0.0 if self.t0 is None else time.monotonic() - self.t0

    def rates(self) -> tuple[float, float]:
        s = self.elapsed()
        return (self.rows_in / s, self.output_tokens / s) if s > 0 else (0.0, 0.0)

    def eta(self) -> float | None:
        if not self.done or self.done >= self.total:
            return None
        return self.elapsed() / self.done * (self.total - self.done)

    def line(self) -> str:
        rows_s, tok_s = self.rates()
        rejects = ", ".join(f"{k} {v}" for k, v in sorted(self.rejects.items())) or "none"
        eta = self.eta()
        return (f"shards {self.done}/{self.total} | {self.rows_in} rows in, {self.kept} kept | "
                f"{rows_s:.1f} rows/s, {tok_s:.0f} tokens/s | rejects: {rejects}"
                + (f" | ETA {_duration(eta)}" if eta is not None else ""))


class LogProgress(Progress):
    """One line per event, for logs: never a control character, never a redraw."""

    def __init__(self, console: Console):
        super().__init__()
        self.console = console

    def waiting(self, what: str) -> None:
        super().waiting(what)
        if what:
            self.console.print(f"waiting: {what}", highlight=False, soft_wrap=True)

    def engines_up(self, model: str, up: int, total: int) -> None:
        super().engines_up(model, up, total)
        self.console.print(f"engine {model}: {up}/{total} replicas up", highlight=False)

    def shard(self, rep: ShardReport, done: int, total: int) -> None:
        super().shard(rep, done, total)
        reused = f" (reused: {', '.join(rep.reused)})" if rep.reused else ""
        self.console.print(f"shard {rep.shard} done in {rep.seconds:.1f}s{reused} | {self.line()}",
                           highlight=False, soft_wrap=True)


class LiveProgress(Progress):
    """A live panel on a terminal: shards, rates, rejects by stage, engines, ETA, what it waits for."""

    def __init__(self, console: Console):
        super().__init__()
        self.console = console
        self.live = Live(console=console, refresh_per_second=4, transient=False,
                         get_renderable=self._render)
        self.live.start()

    def _render(self) -> Any:
        rows_s, tok_s = self.rates()
        t = Table.grid(padding=(0, 2))
        t.add_column(style="bold")
        t.add_column()
        bar = _bar(self.done, self.total)
        t.add_row("shards", f"{bar} {self.done}/{self.total}" if self.total else "not started")
        t.add_row("rows", f"{self.rows_in} in, {self.kept} kept")
        t.add_row("speed", f"{rows_s:.1f} rows/s, {tok_s:.0f} generated tokens/s")
        rejects = ", ".join(f"{k} {v}" for k, v in sorted(self.rejects.items())) or "none yet"
        t.add_row("rejects", rejects)
        if self.engines:
            t.add_row("engines", ", ".join(f"{m} {s}" for m, s in self.engines.items()))
        eta = self.eta()
        until = f", ETA {_duration(eta)}" if eta is not None else ""
        t.add_row("elapsed", _duration(self.elapsed()) + until)
        parts: list[Any] = [t]
        if self.wait:
            parts.append(Text(f"waiting: {self.wait}", style="yellow"))
        return Group(*parts)

    def close(self) -> None:
        self.live.stop()


def for_terminal(console: Console) -> Progress:
    return LiveProgress(console) if console.is_terminal else LogProgress(console)


def _bar(done: int, total: int, width: int = 24) -> str:
    filled = int(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"
