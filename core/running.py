"""Whether a server is using a data folder: each server process holds a shared lock on
DATA_DIR/server.lock for its whole life, and `restore` takes the lock exclusively.

The lock is the kernel's (flock), not a pid file: it goes away with the process however it ends
(Ctrl+C, kill -9, power loss), so nothing stale is ever left to refuse a later restore. Several
servers on one folder (one per port) share it; the file itself stays and means nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no marker, restore relies on the documented "stop first"
    fcntl = None  # type: ignore[assignment]

MARKER = "server.lock"
_held: list[int] = []  # the serving process's descriptors, open until it exits


class FolderInUse(Exception):
    """The data folder is in use by another process; the message says what to do, in Chinese."""


def _open(data_dir: Path) -> int:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    return os.open(Path(data_dir) / MARKER, os.O_RDWR | os.O_CREAT, 0o600)


def hold(data_dir: Path) -> None:
    """Mark `data_dir` as served by this process until it exits."""
    if fcntl is None:
        return
    fd = _open(data_dir)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FolderInUse(f"数据目录正在恢复备份或迁移数据库（{data_dir}）：请等它完成后再启动服务") from None
    _held.append(fd)


@contextmanager
def alone(data_dir: Path, doing: str = "恢复") -> Iterator[None]:
    """Run the block while no server uses `data_dir` (and none can start); refuses otherwise,
    naming what waits (`doing`: 恢复, 迁移)."""
    if fcntl is None:
        yield
        return
    fd = _open(data_dir)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderInUse(f"服务正在使用数据目录（{data_dir}）：先停止服务再{doing}"
                              f"（例如 systemctl stop banzu），{doing}后再启动") from None
        yield
    finally:
        os.close(fd)  # closing drops the lock
