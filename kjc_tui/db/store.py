"""Read-only access to a database snapshot.

The store never writes: it opens the live file read-only, so any number of dashboards can
share it while loads build new snapshots beside it. A load replaces the file by rename;
`is_stale()` notices that (the path then names another inode) and `reopen()` follows.
Each call takes its own cursor, so workers in several threads can query at once.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Sequence

import duckdb

from kjc_tui.core.coded import CodedError, Said


class StoreError(CodedError):
    """The database cannot be used ("store.CODE", worded with why and what to do)."""

    prefix = "store."


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


class Store:
    """A read-only connection to one snapshot of the database."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError("missing", path=str(self.path))
        if not os.access(self.path, os.R_OK):
            raise StoreError("unreadable", path=str(self.path), owner=_owner(self.path))
        try:
            self._identity = _identity(self.path)
            self._con = attach_read_only(self.path)
        except duckdb.Error as e:
            from kjc_tui.core.errors import explain

            raise StoreError("cannot_open", path=str(self.path), reason=explain(e)) from None
        self._lock = threading.Lock()
        self.meta: dict[str, str] = {}
        try:
            self.meta = {k: v for k, v in self._con.execute("SELECT key, value FROM meta").fetchall()}
        except duckdb.Error:
            self.meta = {}

    # -- connection -----------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for the calling thread (DuckDB cursors are not shared)."""
        with self._lock:
            cur = self._con.cursor()
        cur.execute("USE kjc")  # a cursor starts in the in-memory catalog
        return cur

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query and return rows as dicts."""
        cur = self.cursor()
        try:
            rel = cur.execute(sql, params)
            names = [d[0] for d in rel.description]
            return [dict(zip(names, r)) for r in rel.fetchall()]
        finally:
            cur.close()

    def tuples(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.cursor()
        try:
            rel = cur.execute(sql, params)
            return [d[0] for d in rel.description], rel.fetchall()
        finally:
            cur.close()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        cur = self.cursor()
        try:
            row = cur.execute(sql, params).fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    # -- snapshot identity ------------------------------------------------------------
    @property
    def synthetic(self) -> bool:
        return self.meta.get("synthetic") == "true"

    def table_names(self) -> list[str]:
        return [r[0] for r in self.tuples(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'kjc' "
            "AND table_schema = 'main' ORDER BY 1")[1]]

    def is_stale(self) -> bool:
        """True when a load has put a newer snapshot at our path."""
        try:
            return _identity(self.path) != self._identity
        except FileNotFoundError:
            return False

    def reopen(self) -> "Store":
        """A new store on the newest snapshot; this one is closed."""
        new = Store(self.path)
        self.close()
        return new

    def close(self) -> None:
        try:
            self._con.close()
        except duckdb.Error:
            pass


def _owner(path: Path) -> str | Said:
    try:
        import grp
        import pwd

        st = os.stat(path)
        return f"{pwd.getpwuid(st.st_uid).pw_name}:{grp.getgrgid(st.st_gid).gr_name}"
    except (KeyError, OSError, ImportError):
        return Said("store.another_user")


class QueryRefused(StoreError):
    """A user query that is not a single read-only SELECT (codes worded as "sql.err.CODE")."""

    prefix = "sql.err."


def check_select(sql: str) -> str:
    """Return the single SELECT statement in `sql` (without a trailing ';'), or refuse it."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryRefused("invalid", detail=str(e).splitlines()[0]) from None
    if len(statements) != 1:
        raise QueryRefused("statements", n=len(statements))
    st = statements[0]
    if st.type not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
        raise QueryRefused("not_select", kind=st.type.name)
    return st.query.strip().rstrip(";")


def write_refusal(error: duckdb.Error) -> QueryRefused | None:
    """A write hidden inside a SELECT (e.g. `WITH x AS (DELETE …) SELECT …`) that the read-only
    attachment stopped, or a file access the sandbox stopped: a refusal, not a failed query."""
    if isinstance(error, duckdb.InvalidInputException) and "read-only mode" in str(error):
        return QueryRefused("write")
    if isinstance(error, duckdb.PermissionException):  # enable_external_access = false (open_sandbox)
        return QueryRefused("file_access")
    return None


def attach_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the database file attached read-only as `kjc` (and in use).

    Not `duckdb.connect(path)`: DuckDB caches one instance per path in a process, so after
    a load renamed a new snapshot into place a reconnect would get the old one back.
    The in-memory main database also takes TEMP tables, which a read-only file cannot.
    """
    con = duckdb.connect(":memory:")
    # cursors inherit this: DuckDB would draw its progress bar over the dashboard
    con.execute("SET enable_progress_bar = false")
    con.execute("ATTACH ? AS kjc (READ_ONLY)", [str(path)])
    con.execute("USE kjc")
    return con


def open_sandbox(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A connection for user-written SQL: the database attached read-only, no file access.

    The user can read every table but cannot write the database, read or write other
    files (read_csv, COPY … TO, ATTACH), or change that configuration.
    """
    con = attach_read_only(path)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
