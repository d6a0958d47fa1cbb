"""The workspace's errors: str(e) is one line of Chinese for the user."""
from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace problem the user must see; str(e) is one line of Chinese."""


class WorkspaceLocked(WorkspaceError):
    """Another running instance holds the workspace."""


class StoreConflict(Exception):
    """A write refused by a constraint of the database (e.g. the same bytes imported meanwhile): the caller decides."""
