"""The lock that keeps a second instance of the program out of a workspace file."""
from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from .errors import WorkspaceLocked


class WorkspaceLock:
    """An OS lock on `<workspace>.lock`, holding who owns it (pid, host, since when).

    The operating system releases the lock when its process ends in any way (exit, crash, SIGKILL,
    power cut), so a lock left by a dead instance is stale by construction and simply taken over.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = _describe_holder(fd)
            os.close(fd)
            raise WorkspaceLocked(f"工作区正被另一个年报审核台使用（{holder}），请先关闭它，"
                                  f"或用 --workspace 选择另一个工作区：{self.path.with_suffix('')}")
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": datetime.now().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(info).encode().ljust(256))  # padded: the locked byte range stays inside the file
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)


def _describe_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode().strip() or "{}")
    except (OSError, ValueError):
        info = {}
    parts = [f"进程 {info['pid']}" if "pid" in info else "",
             f"主机 {info['host']}" if "host" in info else "",
             f"自 {info['since'].replace('T', ' ')} 起" if "since" in info else ""]
    return "，".join(p for p in parts if p) or "另一个进程"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: a second open in this process conflicts too
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
