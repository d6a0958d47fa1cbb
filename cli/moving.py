"""`workspace-copy SRC DST`: move a workspace between an SQLite file and a PostgreSQL server, losslessly."""
from __future__ import annotations

import argparse
import sys

from review.workspace import WorkspaceError
from review.workspace.transfer import copy_workspace


def cmd_workspace_copy(args: argparse.Namespace) -> int:
    """Copy every report, log and sign-off of one workspace into a new one; exit 2 with one Chinese line
    when it cannot (the target then stays empty)."""
    try:
        result = copy_workspace(args.source, args.target)
    except WorkspaceError as e:
        print(str(e), file=sys.stderr)
        return 2
    print(f"已复制到 {_shown(args.target)}：{result.summary()}；复制后逐表核对一致")
    return 0


def _shown(location: str) -> str:
    from review.workspace.postgres import redacted

    return redacted(location) if "://" in location else location
