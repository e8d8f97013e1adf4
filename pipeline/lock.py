"""One job per output folder. A second job on the same folder is refused with who holds it; a
lock left by a killed job (its process is gone) is taken over, so a crash never needs cleanup."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

LOCK = "_lock.json"


class FolderLocked(RuntimeError):
    """Another live job writes to this output folder."""


def _holder_alive(info: dict) -> bool:
    if info.get("host") != socket.gethostname():
        return True  # cannot see another machine's processes: assume it runs
    import psutil

    try:
        proc = psutil.Process(int(info["pid"]))
        return abs(proc.create_time() - float(info["pid_started"])) < 1.0  # not a reused pid
    except (psutil.NoSuchProcess, KeyError, ValueError):
        return False


class OutputLock:
    """``with OutputLock(out, run_id):`` holds ``out/_lock.json`` for the life of a job."""

    def __init__(self, out: Path, run_id: str):
        self.path, self.run_id = Path(out) / LOCK, run_id

    def __enter__(self) -> OutputLock:
        import psutil

        self.path.parent.mkdir(parents=True, exist_ok=True)
        me = {"pid": os.getpid(), "pid_started": psutil.Process().create_time(),
              "host": socket.gethostname(), "run_id": self.run_id, "since": time.time()}
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._take_over_if_stale()
                continue
            with os.fdopen(fd, "w") as f:
                json.dump(me, f)
            return self
        raise FolderLocked(f"{self.path}: could not take the lock")

    def _take_over_if_stale(self) -> None:
        try:
            info = json.loads(self.path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            info = {}
        if info and _holder_alive(info):
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info.get("since", 0)))
            raise FolderLocked(
                f"{self.path.parent} is in use by run {info.get('run_id')} (pid {info.get('pid')} on "
                f"{info.get('host')}, since {since}). Wait for it to finish, stop it, or write to another "
                f"output folder. If that job is gone (another machine), delete {self.path}."
            )
        self.path.unlink(missing_ok=True)  # its holder is dead: a killed job's leftover

    def __exit__(self, *exc) -> None:
        try:
            if json.loads(self.path.read_text()).get("pid") == os.getpid():
                self.path.unlink()
        except (FileNotFoundError, json.JSONDecodeError):
            pass
