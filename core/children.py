"""Long jobs in a process of their own: start `python run.py <command>` beside the web server at
a lower CPU priority, and tell whether a process still runs.

Parsing a large file is seconds to minutes of Python work. In a thread of the server it holds
the interpreter lock against every sign-in, answer and search; in a child process the server's
threads keep a core, and the job only meets them on the database's writer lock (short
transactions, see core.db). Bank imports (quiz.bank.background) and library uploads
(corpus.job_runner) start their children here.

The child gets a process group of its own (Ctrl+C on the server's terminal does not end it)
but stays in the server's session: Linux shares the CPU fairly between sessions (autogroups),
so only inside the server's session does its lower priority give the server's threads the CPU
first. A thread reaps it when it ends, so no zombie is left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

# Children yield the CPU to the server's threads, but not so far that they starve while they
# hold the database's write lock (at nice 10 one batch's write took a second on a busy server).
NICENESS = 5


def app_environ(config: Mapping[str, Any]) -> dict[str, str]:
    """What a child needs to open the same app data as `config`: DATA_DIR and the database."""
    return {"DATA_DIR": str(config["DATA_DIR"]), "DATABASE_URL": str(config["SQLALCHEMY_DATABASE_URI"])}


def start(
    root: Path,
    arguments: Sequence[str],
    environ: Mapping[str, str],
    log_path: Path | None = None,
    on_exit: Callable[[int], None] | None = None,
) -> subprocess.Popen:
    """Start `python ROOT/run.py ARGUMENTS…` with `environ` added to this process's environment.

    Its output goes to `log_path` (appended) or, without one, to this process's own output (the
    server's log). `on_exit(returncode)` is called on the reaping thread once it has ended."""
    command = [sys.executable, str(root / "run.py"), *arguments]
    log_file = open(log_path, "ab") if log_path is not None else None  # noqa: SIM115 - the child holds it
    try:
        child = subprocess.Popen(
            command,
            cwd=root,
            env=os.environ | dict(environ),
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT if log_file is not None else None,
            process_group=0,
        )
    finally:
        if log_file is not None:
            log_file.close()

    def reap() -> None:
        code = child.wait()
        if on_exit is not None:
            on_exit(code)

    threading.Thread(target=reap, name=f"reap-{child.pid}", daemon=True).start()
    return child


def lower_priority(niceness: int = NICENESS) -> None:
    """Run this process (a child started by `start`) at a lower CPU priority."""
    if hasattr(os, "nice"):
        os.nice(niceness)


def process_exists(pid: int) -> bool:
    """True when a process of this id runs on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
