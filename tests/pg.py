"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, started on a free local
port, one fresh database per test, stopped and removed when the session ends.

The server refuses to run as root, so when the tests run as root the cluster belongs to the `postgres`
system user the Debian package creates. Without the server binaries the PostgreSQL tests are skipped
with that reason (`.ci/setup` installs them).
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl (the newest installed version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A PostgreSQL server of its own in a temporary folder, reached at 127.0.0.1:port as `postgres`."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="nianbao-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._user: str | None = None
        if os.geteuid() == 0:  # the server refuses root: run it as the package's system user
            self._user = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)

    def _run(self, *cmd: str) -> None:
        full = [str(self.bin / cmd[0]), *cmd[1:]]
        if self._user:
            full = ["runuser", "-u", self._user, "--", *full]
        subprocess.run(full, check=True, capture_output=True, cwd=self.dir)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        self.resume()

    def pause(self) -> None:
        """Stop the server at once (as a crash or a network loss looks to its clients)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        """Start the server (again) on the same port."""
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.dir}"
                   " -c fsync=off -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options, "-w", "start")

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        """The URL of a new empty database."""
        import psycopg

        name = f"ws{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class RawDatabase:
    """SQL straight on a workspace's database, past the program (the tests that tamper with it), on either
    backend: an SQLite file path or a PostgreSQL URL. Each statement commits at once."""

    def __init__(self, location: object) -> None:
        self.server = isinstance(location, str) and location.startswith("postgresql://")
        if self.server:
            import psycopg

            self.conn = psycopg.connect(str(location), autocommit=True)
            self.errors: type[Exception] = psycopg.Error
        else:
            import sqlite3

            self.conn = sqlite3.connect(location, isolation_level=None)
            self.errors = sqlite3.DatabaseError

    def execute(self, sql: str) -> None:
        self.conn.execute(sql)

    def one(self, sql: str) -> tuple:
        """The first row of a query, as a tuple."""
        return tuple(self.conn.execute(sql).fetchone())

    def drop_trigger(self, name: str, table: str) -> None:
        self.execute(f"DROP TRIGGER {name} ON {table}" if self.server else f"DROP TRIGGER {name}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> RawDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
