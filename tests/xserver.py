"""Real keys into the real window: an Xvfb display, the window in a child process (xcb) that reports
on its stdout, and xdotool to press keys (platform.md: no window manager, so raise + focus --sync)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
needs_x = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                             reason="Xvfb and xdotool are installed by .ci/setup")


class Window:
    """The child's window on the display: read what it says, press keys into it."""

    def __init__(self, proc: subprocess.Popen, env: dict[str, str]) -> None:
        self.proc, self.env = proc, env

    def read_line(self, prefix: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            line = self.proc.stdout.readline()
            if line.startswith(prefix):
                return line.split(None, 1)[1].strip()
            if not line and self.proc.poll() is not None:
                break
        error = self.proc.stderr.read() if self.proc.poll() is not None else ""
        raise AssertionError(f"the window did not say {prefix}: {error}")

    def xdotool(self, *args: str, timeout: float = 10) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True, text=True,
                              timeout=timeout).stdout

    def focus(self, win: str) -> None:
        self.xdotool("windowraise", win)
        self.xdotool("windowfocus", "--sync", win)

    def key(self, key: str) -> None:
        self.xdotool("key", key)


@contextmanager
def window_on_xvfb(child_code: str, tmp_path: Path) -> Iterator[Window]:
    """Run `child_code` (argv: checkout, tmp_path) on a fresh Xvfb display; both are ended afterwards."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    child = None
    try:
        with os.fdopen(read_fd) as f:
            display = ":" + f.readline().strip()
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        child = subprocess.Popen([sys.executable, "-c", child_code, str(ROOT), str(tmp_path)], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        yield Window(child, env)
        child.wait(timeout=10)
    finally:
        if child is not None and child.poll() is None:
            child.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
