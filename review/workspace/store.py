"""The storage seam of the workspace: what the review needs from an SQL database.

The workspace's parts (replay, journal, importer, queue) talk to a `Store` only: queries, one
transaction per change, and a lock that makes a series of calls atomic for other threads. Two backends
implement it: SQLite (review.workspace.sqlite, one file) and PostgreSQL (review.workspace.postgres, a
shared office server); review.workspace.open_store picks one from the location. The SQL
the parts write is plain: `?` placeholders, `IN ({})` lists expanded by query_in, no vendor syntax
except the `ON CONFLICT … DO UPDATE` upsert that SQLite and PostgreSQL share.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol


class Row(Protocol):
    """A result row: by column name (and, for SQLite, by position too); sqlite3.Row is one."""

    def __getitem__(self, key: str, /) -> Any:
        """The value of a column."""

    def keys(self) -> Iterable[str]:
        """The column names."""


class Transaction(Protocol):
    """The statements of one change; committed together when the `with` block ends, else rolled back."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the id of the new row."""


class Store(Protocol):
    """A workspace database: opened (locked against a second instance, schema migrated) by its constructor."""

    migrated_from: int  # the schema version the file had when opened (0: new file)

    @property
    def path(self) -> Path | str:
        """The file, or the server's URL without its password (for messages)."""

    @property
    def lock(self) -> AbstractContextManager[Any]:
        """A re-entrant lock: hold it across several calls that must see one consistent state."""

    @property
    def closed(self) -> bool:
        """True after close()."""

    def query(self, sql: str, params: Iterable[Any] = ()) -> Sequence[Row]:
        """The rows of a SELECT; raises WorkspaceError when closed."""

    def query_in(self, sql: str, ids: Sequence[int]) -> Sequence[Row]:
        """The rows of a SELECT with one `IN ({})` list filled with `ids` (in chunks the database accepts)."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction; a database failure (disk full, read-only medium) raises WorkspaceError
        and leaves nothing half-written; a constraint violation raises errors.StoreConflict."""

    def bulk_writes(self) -> AbstractContextManager[None]:
        """Many write transactions in a row (an import): each stays atomic and survives the program being
        killed, but the database may sync to disk less often (a power cut can lose the last of them)."""

    def claim(self, report_id: int, reviewer: str) -> str | None:
        """Mark a report as being edited by this program; None when it is (now) ours, else the name of the
        reviewer whose program edits it. Released by release() or when the program ends in any way."""

    def release(self, report_id: int) -> None:
        """Give up the claim on a report (nothing when there is none)."""

    def ids_follow_copied_rows(self, tx: Transaction) -> None:
        """After rows were written with their own ids (review.workspace.transfer), new rows get larger ids."""

    def close(self) -> None:
        """Release the file and its lock (idempotent)."""
