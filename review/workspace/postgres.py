"""The PostgreSQL backend of the workspace store: one database on an office's server, shared by reviewers.

Selected by a `postgresql://user[:password]@host[:port]/dbname` location (review.workspace.open_store).
Unlike the SQLite file there is no single-instance lock: several reviewers' programs use one database at
once, each change is one server transaction, and the reviewer-level rules (who edits which report, a cell
changed meanwhile) are checked inside those transactions. Within one program, calls may come from several
threads (one connection, one re-entrant lock).

The workspace's SQL is written with `?` placeholders (store.py); they become psycopg's `%s` here. A
connection that broke (server restarted, network gone) is opened again on the next call; a change whose
commit failed is reported, never retried blindly.
"""
from __future__ import annotations

import base64
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row

from .errors import StoreConflict, WorkspaceError
from .postgres_schema import IDENTITIES, migrate
from .store import Transaction

_CHUNK = 5000  # ids per IN (...) list

def redacted(url: str) -> str:
    """The URL without its password, for messages and the window title."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresTransaction:
    """store.Transaction inside one server transaction."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_sql(sql), [tuple(r) for r in rows])

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._conn.execute(_sql(sql) + " RETURNING id", tuple(params)).fetchone()
        assert row is not None
        return int(row["id"])


_LOCK_KEY = 7300302  # the advisory lock of a client's read-check-write sections
_CLAIMS = 7300303  # advisory locks (this, report id): the report is being edited by the session holding it
_NAME_PREFIX = "nianbao:"  # application_name of a session: the reviewer's name (UTF-8, base64: names are ASCII)


class SharedLock:
    """The store's lock for a database several programs use: this program's threads take turns (a re-entrant
    lock) and the outermost holder also holds a session advisory lock on the server, so one client's
    read-check-write (the cell's value before a correction, the findings before a sign-off) is atomic for
    every other client: the second of two edits of one cell sees the first and is refused. The server
    releases the advisory lock if the client dies or its connection drops."""

    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._rlock = threading.RLock()
        self._depth = 0

    def __enter__(self) -> SharedLock:
        self._rlock.acquire()
        if self._depth == 0:
            try:
                self._store._live().execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
            except psycopg.Error as e:
                self._rlock.release()
                raise WorkspaceError(f"与工作区服务器的连接中断（{_reason(e)}）：{self._store.path}") from e
            except BaseException:
                self._rlock.release()
                raise
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and not self._store.connection.closed:
                self._store.connection.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
        except psycopg.Error:
            pass  # the connection broke: the server released the lock with it
        finally:
            self._rlock.release()


class PostgresStore:
    """store.Store in a PostgreSQL database (psycopg 3), shared with other clients."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = redacted(url)
        self._closed = False
        self._claims: set[int] = set()  # reports this program edits (session advisory locks)
        self._reviewer = ""  # the name the claims are held under
        self._shared = SharedLock(self)
        self._mutex = self._shared._rlock  # single statements: this program's threads take turns
        self.connection = self._connect()
        try:
            self.migrated_from = migrate(self.connection, self.path, WorkspaceError)
        except psycopg.Error as e:
            self.connection.close()
            raise WorkspaceError(f"无法在服务器上建立工作区：{self.path}（{_reason(e)}）") from None
        except BaseException:
            self.connection.close()
            raise

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10,
                                   application_name="nianbao-shenhetai")
        except psycopg.Error as e:
            raise WorkspaceError(f"无法连接工作区服务器：{self.path}（{_reason(e)}）") from None

    def _live(self) -> psycopg.Connection[Any]:
        """The connection, opened again when it broke (the server restarted or the network came back). The
        claims went with the old session: each is taken again unless another reviewer took it meanwhile."""
        if self._closed:
            raise WorkspaceError("工作区已关闭")
        if self.connection.broken or self.connection.closed:
            self.connection.close()
            self.connection = self._connect()
            claims, self._claims = self._claims, set()
            if claims:
                try:
                    self.connection.execute("SELECT set_config('application_name', %s, false)",
                                            (_encode_name(self._reviewer),))
                    for report_id in sorted(claims):
                        got = self.connection.execute("SELECT pg_try_advisory_lock(%s, %s) AS ok",
                                                      (_CLAIMS, report_id)).fetchone()
                        if got is not None and got["ok"]:
                            self._claims.add(report_id)
                except psycopg.Error:
                    pass  # broken again: the next call reconnects
        return self.connection

    @property
    def lock(self) -> SharedLock:
        return self._shared

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self.connection.close()

    def claim(self, report_id: int, reviewer: str) -> str | None:
        """A session advisory lock per report; the holder's name from its session's application_name."""
        with self._mutex:
            if report_id in self._claims:
                return None
            conn = self._live()
            self._reviewer = reviewer
            try:
                conn.execute("SELECT set_config('application_name', %s, false)", (_encode_name(reviewer),))
                got = conn.execute("SELECT pg_try_advisory_lock(%s, %s) AS ok", (_CLAIMS, report_id)).fetchone()
                if got is not None and got["ok"]:
                    self._claims.add(report_id)
                    return None
                row = conn.execute(
                    "SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objid = %s AND l.objsubid = 2"
                    " AND l.granted AND l.pid <> pg_backend_pid()", (_CLAIMS, report_id)).fetchone()
            except psycopg.Error as e:
                raise WorkspaceError(f"与工作区服务器的连接中断（{_reason(e)}）：{self.path}") from e
            return _decode_name(row["name"] if row else "")

    def release(self, report_id: int) -> None:
        with self._mutex:
            if report_id not in self._claims:
                return
            self._claims.discard(report_id)
            try:
                if not self.connection.closed:
                    self.connection.execute("SELECT pg_advisory_unlock(%s, %s)", (_CLAIMS, report_id))
            except psycopg.Error:
                pass  # the connection broke: the server released the claim with it

    def ids_follow_copied_rows(self, tx: Transaction) -> None:
        """Move each identity's sequence past the largest id written (copied rows bring their own ids)."""
        for table, column in IDENTITIES.items():
            tx.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                       f" coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Nothing changes: the server decides how it syncs (every commit is durable)."""
        yield

    @contextmanager
    def transaction(self) -> Iterator[PostgresTransaction]:
        with self._mutex:
            conn = self._live()
            try:  # pipelined: the statements go out without waiting for each reply (one round trip per result read)
                with conn.pipeline(), conn.transaction():
                    yield PostgresTransaction(conn)
            except psycopg.errors.IntegrityError as e:
                raise StoreConflict(str(e)) from e  # a constraint: the caller decides
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as e:  # the server's choice
                raise WorkspaceError("这一项更改与其他审核人员同时进行的更改冲突，服务器已撤回这一项，请重试；"
                                     f"之前确认的更改都已保存：{self.path}") from e
            except psycopg.OperationalError as e:  # the server went away: this change may not be saved
                raise WorkspaceError(f"与工作区服务器的连接中断（{_reason(e)}），这一项更改未能确认保存，"
                                     f"请稍后重试；之前确认的更改都已保存：{self.path}") from e
            except psycopg.Error as e:
                raise WorkspaceError(f"无法写入工作区（{_reason(e)}）：{self.path}；之前的更改都已保存") from e

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        params = tuple(params)
        with self._mutex:
            for attempt in (1, 2):  # a read is safe to repeat once on a fresh connection
                conn = self._live()
                try:
                    return conn.execute(_sql(sql), params).fetchall()
                except psycopg.OperationalError as e:
                    if attempt == 2 or not conn.broken:
                        raise WorkspaceError(f"与工作区服务器的连接中断（{_reason(e)}）：{self.path}") from e
                except psycopg.Error as e:
                    raise WorkspaceError(f"无法读取工作区（{_reason(e)}）：{self.path}") from e
            raise AssertionError("unreachable")

    def query_in(self, sql: str, ids: Sequence[int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            out += self.query(sql.format(",".join("?" * len(chunk))), chunk)
        return out


def _encode_name(reviewer: str) -> str:
    """The reviewer's name as an application_name (printable ASCII, under 64 bytes)."""
    raw = reviewer.encode("utf-8")[:40]
    while raw:
        try:
            raw.decode("utf-8")
            break
        except UnicodeDecodeError:
            raw = raw[:-1]  # a character cut in two
    return _NAME_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_name(name: str) -> str:
    if name.startswith(_NAME_PREFIX):
        try:
            decoded = base64.urlsafe_b64decode(name[len(_NAME_PREFIX):]).decode("utf-8")
            if decoded:
                return decoded
        except ValueError:
            pass
    return "另一位审核人"


def _reason(e: BaseException) -> str:
    """The first line of a driver error (no traceback, no password)."""
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__
