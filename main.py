"""年报审核台: one entry point. GUI by default; subcommands extract / check / export / import / rules."""
from __future__ import annotations

import os
import sys

COMMANDS = {"extract", "check", "export", "import", "rules"}


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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _command(argv) in COMMANDS:
        from review.cli import run

        try:
            return run(argv)
        except BrokenPipeError:  # output piped into `head` and the like: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if argv and argv[0] in ("-h", "--help"):
        from review.cli import print_help

        print_help()
        return 0
    from gui.app import run as run_gui  # Qt is imported only here

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
