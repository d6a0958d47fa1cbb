"""年报审核台: one entry point. GUI by default (gui/); subcommands extract / check / export / import / rules… (cli/)."""
from __future__ import annotations

import os
import sys

from cli import COMMANDS  # argparse only: Qt and the core load when a command or the window needs them


def _command(argv: list[str]) -> str | None:
    """The subcommand, if any: the first word that is not --workspace W (which may come before it)."""
    i = 0
    while i < len(argv):
        if argv[i] == "--workspace":
            i += 2
        elif argv[i].startswith("--workspace="):
            i += 1
        else:
            return argv[i]
    return None


def _no_display(argv: list[str]) -> bool:
    """On Linux the window needs an X11 or Wayland display (or a Qt platform chosen explicitly)."""
    if not sys.platform.startswith("linux") or "--screenshot" in argv:
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _command(argv) in COMMANDS:
        from cli import run

        try:
            return run(argv)
        except BrokenPipeError:  # output piped into `head` and the like: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if argv and argv[0] in ("-h", "--help"):
        from cli import print_help

        print_help()
        return 0
    if _no_display(argv):
        print("无法打开审核窗口：没有图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。\n"
              "可在命令行使用 extract / check / export / import（python main.py --help），"
              "或用 --screenshot 输出窗口截图。", file=sys.stderr)
        return 2
    from gui.app import run as run_gui  # Qt is imported only here

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
