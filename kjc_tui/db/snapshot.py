"""Database snapshots: every load builds a complete new file and renames it over the live one.

* The live file is never opened for writing, so read-only dashboards keep running.
* A load copies the live file to ``<db>.tmp-<pid>-<random>`` beside it, applies all files in
  one transaction there, checks references, and only then renames it over the live file.
* Loads are serialised by ``<db>.lock`` (an OS lock: it dies with its process, so a killed
  load leaves no stale lock). Temporary files of killed loads are removed by the next load.
"""

from __future__ import annotations

import errno
import getpass
import glob
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

import duckdb
from filelock import FileLock, Timeout

from kjc_tui.core.errors import first_line
from kjc_tui.core.files import owner
from kjc_tui.ingest import Known, Prepared, Problem, ReadFile, Refused, layouts, read_source
from kjc_tui.core.schema import LOADABLE, SCHEMA_VERSION, TABLES, ddl, quote_ident, view_ddl
from kjc_tui.db import revisions

Progress = Callable[[str, float], None]
LOCK_TIMEOUT = 600.0


class SnapshotError(Exception):
    """A load could not run (lock, disk, permissions); the database is unchanged."""


def embedded_data_dir() -> Path:
    """`data/` of the source tree, or its copy inside the installed package."""
    package = Path(__file__).resolve().parents[1]
    for cand in (package / "_embedded", package.parent / "data"):
        if (cand / "districts.csv").is_file():
            return cand
    raise SnapshotError("Die eingebetteten Daten (data/) fehlen in dieser Installation.")


def embedded_files() -> list[Path]:
    d = embedded_data_dir()
    return [d / f"{name}.csv" for name in LOADABLE if (d / f"{name}.csv").is_file()]


@dataclass
class LoadResult:
    """What a load did, per file."""

    db_path: Path
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (file, table, rows)
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self.files)


# -- locking and temporary files ------------------------------------------------------------


def _lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _tmp_prefix(db: Path) -> str:
    return db.name + ".tmp-"


def temporaries(db: Path) -> list[Path]:
    """Temporary files and directories of loads on `db` (the name is escaped: `kjc[1].duckdb` is literal)."""
    return sorted(db.parent.glob(glob.escape(_tmp_prefix(db)) + "*"))


def _group_id(group: str | None) -> int | None:
    """The gid of `[database] group`, or None without one."""
    if not group:
        return None
    import grp

    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise SnapshotError(f"Gruppe {group!r} aus kjc.toml [database] group gibt es nicht.") from None


def _give_to_group(fd: int, path: Path, group: str | None) -> None:
    """Give `fd` the configured group (if any) and the snapshot mode; a loader outside the group gets a clear error."""
    gid = _group_id(group)
    if gid is not None:
        try:
            os.fchown(fd, -1, gid)
        except PermissionError:
            raise SnapshotError(f"{path} kann nicht der Gruppe {group!r} gegeben werden "
                                "(Sie sind nicht Mitglied dieser Gruppe).") from None
    os.fchmod(fd, 0o600 if gid is None else 0o640)


@contextmanager
def write_lock(db: Path, timeout: float = LOCK_TIMEOUT, group: str | None = None) -> Iterator[list[str]]:
    """Serialise loads on one database; removes temporary files left by killed loads.

    Yields notes (temporaries of other users that could not be removed).
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = _lock_path(db)
    # group-writable: on a shared server (setgid directory, [database] group) every member may load,
    # not only the user who happened to create the lock file first
    lock = FileLock(str(lock_path), timeout=timeout, mode=0o660)
    try:
        lock.acquire()
    except Timeout:
        raise SnapshotError(f"Ein anderer Ladevorgang auf {db} läuft seit über {timeout:.0f} s; bitte später erneut.") from None
    except OSError as e:
        if lock_path.exists():
            raise SnapshotError(
                f"Sperrdatei {lock_path} ist für Sie nicht beschreibbar ({e.strerror}; {_owner_text(lock_path)}). "
                "Bitte die Verwaltung, sie der Gruppe aus [database] group zu geben (chgrp GRUPPE, chmod 0660), "
                "oder sie löschen lassen, wenn gerade niemand lädt.") from None
        raise SnapshotError(f"Sperrdatei {lock_path} kann nicht angelegt werden ({e.strerror}); "
                            f"das Verzeichnis {db.parent} ist für Sie nicht beschreibbar.") from None
    try:
        _lock_to_group(lock_path, group)
        yield remove_stale_temporaries(db)
    finally:
        lock.release()


def _owner_text(p: Path) -> str:
    try:
        st = p.stat()
    except OSError:
        return "Besitzer unbekannt"
    return f"gehört {owner(st)}, Modus {st.st_mode & 0o777:04o}"


def _lock_to_group(lock_path: Path, group: str | None) -> None:
    """Give our own lock file the configured group (a directory without setgid would not) and 0660."""
    try:
        gid = _group_id(group)
    except SnapshotError:
        return  # reported where the snapshot itself gets the group
    if gid is None:
        return
    try:
        st = lock_path.stat()
        if st.st_uid == os.getuid() and (st.st_gid != gid or st.st_mode & 0o777 != 0o660):
            os.chown(lock_path, -1, gid)
            os.chmod(lock_path, 0o660)
    except OSError:
        pass  # not a member: the snapshot's chown reports it clearly


def remove_stale_temporaries(db: Path) -> list[str]:
    """Delete temporaries of earlier, killed loads. Only call while holding the write lock.

    Returns notes about temporaries that cannot be removed (another user's file in a sticky
    directory): they are skipped, since every load uses a fresh, unique name anyway.
    """
    notes = []
    for p in temporaries(db):
        try:
            if p.is_dir() and not p.is_symlink():   # DuckDB's spill directory `<tmp>.tmp`
                shutil.rmtree(p)
            else:
                p.unlink()
        except FileNotFoundError:
            pass
        except PermissionError:
            notes.append(f"alte temporäre Datei {p} ({_owner_text(p)}) lässt sich nicht löschen und bleibt liegen; "
                         "ihr Besitzer oder die Verwaltung kann sie entfernen")
    return notes


@contextmanager
def _write_errors(db: Path) -> Iterator[None]:
    """A full disk or an I/O error while the new snapshot is written: a SnapshotError that says so."""
    try:
        yield
    except (OSError, duckdb.IOException, duckdb.FatalException) as e:
        text = first_line(e)
        if getattr(e, "errno", None) == errno.ENOSPC or "No space left" in text:
            text = f"kein Platz mehr auf dem Datenträger von {db.parent}"
        raise SnapshotError(f"Der neue Stand konnte nicht geschrieben werden ({text}); "
                            "die Datenbank ist unverändert.") from None


def _new_tmp(db: Path) -> Path:
    return db.with_name(f"{_tmp_prefix(db)}{os.getpid()}-{secrets.token_hex(4)}")


def _discard(tmp: Path) -> None:
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
    shutil.rmtree(tmp.with_name(tmp.name + ".tmp"), ignore_errors=True)


def _create_tmp(db: Path, group: str | None) -> tuple[Path, int]:
    """A new, unique temporary beside `db`, created with its final owner group and mode (umask-safe)."""
    tmp = _new_tmp(db)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        _give_to_group(fd, tmp, group)
    except BaseException:
        os.close(fd)
        tmp.unlink()
        raise
    return tmp, fd


def _secure_new_database(tmp: Path, group: str | None) -> None:
    """Right after DuckDB created `tmp` (still empty): final group and mode before any data goes in."""
    fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        _give_to_group(fd, tmp, group)
    finally:
        os.close(fd)


def _publish(tmp: Path, db: Path) -> None:
    """fsync, rename over the live file, fsync the directory (group and mode were set at creation)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, db)
    try:
        dfd = os.open(db.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


# -- building ---------------------------------------------------------------------------


def upgrade_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A database built by an older version gains the columns added since, and loses NOT NULL
    where a column became optional (e.g. jobcenters.ags, empty for peers outside Hessen)."""
    have = {(t, c): n == "NO" for t, c, n in con.execute(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns "
        "WHERE table_schema = current_schema()").fetchall()}
    for t in TABLES.values():
        for c in t.columns:
            q = f"{quote_ident(t.name)}"
            if (t.name, c.name) not in have:
                con.execute(f"ALTER TABLE {q} ADD COLUMN {quote_ident(c.name)} {c.sql_type}")
            elif have[(t.name, c.name)] and not c.required:
                con.execute(f"ALTER TABLE {q} ALTER COLUMN {quote_ident(c.name)} DROP NOT NULL")


def create_schema(con: duckdb.DuckDBPyConnection, synthetic: bool = False) -> None:
    for stmt in ddl():
        con.execute(stmt)
    for stmt in view_ddl():
        con.execute(stmt)
    con.execute("DELETE FROM meta")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", SCHEMA_VERSION),
        ("synthetic", "true" if synthetic else "false"),
        ("created_at", datetime.now().isoformat(timespec="seconds")),
    ])


def _json_default(v: Any) -> str:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def insert_prepared(con: duckdb.DuckDBPyConnection, prepared: Prepared) -> int:
    """Upsert a prepared table inside the caller's transaction (rows with an existing key replace it).

    Rows travel through a newline-delimited JSON file: it keeps NULL apart from "" and
    any character intact, and DuckDB reads it far faster than row-by-row inserts.
    """
    t = prepared.table
    cols = prepared.columns
    # beside the temporary database (`<db>.tmp-…`), so that a killed load's staging file is one
    # of its stale temporaries and removed by the next load; the system temp dir otherwise
    (db_file,) = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone() or (None,)
    staging_dir, prefix = (Path(db_file).parent, Path(db_file).name + ".") if db_file else (None, "tmp")
    f = tempfile.NamedTemporaryFile("w", dir=staging_dir, prefix=prefix, suffix=".ndjson", encoding="utf-8",
                                    delete=False)
    staging_file = f.name
    try:
        with f:   # a full disk fails here (or on close): the finally below still removes the file
            for row in prepared.rows:
                f.write(json.dumps(dict(zip(cols, row)), default=_json_default, ensure_ascii=False))
                f.write("\n")
        spec = "{" + ", ".join(f"'{c}': '{t.column(c).sql_type}'" for c in cols) + "}"
        con.execute(f"CREATE OR REPLACE TEMP TABLE _staging AS SELECT * FROM read_json(?, format='newline_delimited', "
                    f"columns={spec}, maximum_object_size=16777216)", [staging_file])
        q = quote_ident(t.name)
        cond = " AND ".join(f"{q}.{quote_ident(k)} = s.{quote_ident(k)}" for k in t.key)
        revisions.record(con, t.name, "_staging")  # old values kept before they are replaced
        con.execute(f"DELETE FROM {q} USING _staging s WHERE {cond}")
        collist = ", ".join(quote_ident(c) for c in cols)
        con.execute(f"INSERT INTO {q} ({collist}) SELECT {collist} FROM _staging")
        con.execute("DROP TABLE _staging")
    finally:
        try:
            os.unlink(staging_file)
        except FileNotFoundError:
            pass
    return len(prepared.rows)


def check_references(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> list[Problem]:
    """Rows that point at keys which no longer exist (e.g. after --replace of a master table)."""
    touched = set(tables)
    problems = []
    for name in LOADABLE:
        t = TABLES[name]
        for c in t.columns:
            if c.ref is None or (name not in touched and c.ref[0] not in touched):
                continue
            rt, rc = c.ref
            rows = con.execute(
                f"SELECT DISTINCT {quote_ident(c.name)} FROM {quote_ident(name)} x WHERE {quote_ident(c.name)} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {quote_ident(rt)} r WHERE r.{quote_ident(rc)} = x.{quote_ident(c.name)}) "
                "LIMIT 10").fetchall()
            for (v,) in rows:
                problems.append(Problem(f"Tabelle {name}", None, c.name, v,
                                        f"verweist auf einen Eintrag, den es in {rt} nicht mehr gibt"))
    return problems


def _record_load(con: duckdb.DuckDBPyConnection, action: str, table: str | None, file: str | None,
                 rows: int | None, checksum: str | None) -> None:
    con.execute(
        "INSERT INTO loads SELECT coalesce(max(load_id), 0) + 1, now()::TIMESTAMP, ?, ?, ?, ?, ?, ? FROM loads",
        [action, table, file, rows, checksum, _user()],
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


_ORDER = {name: i for i, name in enumerate(LOADABLE)}


def _apply(con: duckdb.DuckDBPyConnection, sources: Sequence[ReadFile], table: str | None, replace: bool,
           action: str, progress: Progress | None, options: layouts.Options | None = None) -> LoadResult:
    """Validate all files against the state inside `con` and apply them; raises Refused."""
    known = Known.from_connection(con)
    lookup = layouts.Lookup.from_connection(con)
    # master tables first, whatever order the user named the files in
    prepared: list[tuple[ReadFile, Prepared]] = []
    problems: list[Problem] = []
    pending = list(sources)
    for i, src in enumerate(pending):
        if progress:
            progress(f"prüfe {Path(src.name).name}", i / max(1, len(pending)))
        try:
            # publisher layouts (§ 48a ZIP, BA tables, Destatis) and office spreadsheets, else the file as it is
            done = layouts.prepare_file(src, known, table, lookup, options)
        except Refused as e:
            problems.extend(e.problems)
            continue
        for p in done:
            known.add(p)
            prepared.append((src, p))
    if problems:
        raise Refused(problems)
    result = LoadResult(Path())
    prepared.sort(key=lambda sp: _ORDER[sp[1].table.name])
    if replace:
        # each table once per load, not once per file: `--replace a.csv b.csv` keeps both files
        for name in sorted({p.table.name for _, p in prepared}, key=lambda n: -_ORDER[n]):
            con.execute(f"DELETE FROM {quote_ident(name)}")
    for i, (src, p) in enumerate(prepared):
        if progress:
            progress(f"lade {Path(src.name).name} → {p.table.name}", i / max(1, len(prepared)))
        n = insert_prepared(con, p)
        # p.file: the member of a ZIP, else the file itself
        _record_load(con, "replace" if replace else action, p.table.name, p.file, n, src.checksum)
        result.files.append((p.file, p.table.name, n))
        result.notes.extend(f"{p.file}: {note}" for note in p.notes)
    ref_problems = check_references(con, {p.table.name for _, p in prepared})
    if ref_problems:
        raise Refused(ref_problems)
    return result


def load(db: Path, sources: Sequence[ReadFile | Path | str], *, table: str | None = None, replace: bool = False,
         group: str | None = None, action: str = "load", progress: Progress | None = None,
         dry_run: bool = False, options: layouts.Options | None = None) -> LoadResult:
    """Validate `sources` and, if all pass, publish a new snapshot with them; else raise Refused.

    `options` carry `--quelle`/`--stand` for files without source/as-of columns.

    With `dry_run` everything is checked on a temporary copy that is then thrown away.
    The live file is byte-for-byte unchanged whenever this raises.
    """
    files = [s if isinstance(s, ReadFile) else read_source(s) for s in sources]
    files = _master_first(files, table)
    _group_id(group)  # an unknown group fails before any work
    with write_lock(db, group=group) as lock_notes:
        if not db.exists():
            raise SnapshotError(f"Keine Datenbank unter {db}; zuerst `kjc-tui` starten oder `kjc-tui info` aufrufen.")
        try:
            tmp, fd = _create_tmp(db, group)
        except OSError as e:
            raise SnapshotError(f"Kopie für den neuen Stand kann nicht angelegt werden: {e.strerror}") from None
        try:
            with _write_errors(db):
                with open(fd, "wb") as out, open(db, "rb") as src_db:
                    shutil.copyfileobj(src_db, out, 1 << 20)
                con = duckdb.connect(str(tmp))
                try:
                    con.execute("BEGIN TRANSACTION")
                    for stmt in ddl():  # a database built before a table was added gains it (IF NOT EXISTS)
                        con.execute(stmt)
                    upgrade_columns(con)
                    result = _apply(con, files, table, replace, action, progress, options)
                    if dry_run:
                        con.execute("ROLLBACK")
                    else:
                        con.execute("COMMIT")
                        con.execute("CHECKPOINT")
                except BaseException:
                    try:
                        con.execute("ROLLBACK")
                    except duckdb.Error:
                        pass
                    raise
                finally:
                    con.close()
                if not dry_run:
                    _publish(tmp, db)
        finally:
            _discard(tmp)
    result.db_path = db
    result.notes[:0] = lock_notes
    return result


def _master_first(files: list[ReadFile], table: str | None) -> list[ReadFile]:
    """Validate files so that districts/jobcenters/indicator_defs come before what references them."""
    from kjc_tui.ingest import read_raw
    from kjc_tui.ingest.validate import recognise

    if table is not None or len(files) < 2:
        return files

    def rank(src: ReadFile) -> int:
        try:
            t, _, problems = recognise(read_raw(src))
        except Refused:
            return len(LOADABLE)
        return len(LOADABLE) if problems else _ORDER[t.name]

    return sorted(files, key=rank)


def build(db: Path, sources: Sequence[ReadFile | Path | str], *, synthetic: bool = False, group: str | None = None,
          action: str = "init", progress: Progress | None = None,
          extra: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
          if_missing: bool = False) -> LoadResult | None:
    """Build a new database from scratch (schema + files [+ extra step]) and publish it at `db`.

    With `if_missing`, nothing happens when another process has built it meanwhile.
    """
    files = _master_first([s if isinstance(s, ReadFile) else read_source(s) for s in sources], None)
    _group_id(group)  # an unknown group fails before any work
    with write_lock(db, group=group) as lock_notes:
        if if_missing and db.exists():
            return None
        tmp = _new_tmp(db)
        try:
            with _write_errors(db):
                con = duckdb.connect(str(tmp))
                try:
                    _secure_new_database(tmp, group)
                    con.execute("BEGIN TRANSACTION")
                    create_schema(con, synthetic=synthetic)
                    result = _apply(con, files, None, False, action, progress)
                    if extra is not None:
                        extra(con)
                    con.execute("COMMIT")
                    con.execute("CHECKPOINT")
                finally:
                    con.close()
                _publish(tmp, db)
        finally:
            _discard(tmp)
    result.db_path = db
    result.notes[:0] = lock_notes
    return result


def ensure_database(cfg: Any, progress: Progress | None = None) -> Path:
    """The configured database; built from the embedded `data/` on first use."""
    db: Path = cfg.database_path
    if not db.exists():
        build(db, embedded_files(), group=cfg.database_group, action="init", progress=progress, if_missing=True)
    return db


def build_synthetic(db: Path, scale: float = 1.0, seed: int = 1, progress: Progress | None = None,
                    group: str | None = None) -> LoadResult:
    """A synthetic database: real master data from `data/` plus generated figures, marked synthetic."""
    from kjc_tui.db import synthetic

    master = [f for f in embedded_files() if f.stem in ("districts", "jobcenters", "indicator_defs")]

    def generate(con: duckdb.DuckDBPyConnection) -> None:
        counts = synthetic.generate_into(con, scale=scale, seed=seed, progress=progress)
        _record_load(con, "generate", None, f"synthetic scale={scale} seed={seed}", sum(counts.values()), None)

    result = build(db, master, synthetic=True, group=group, action="init", progress=progress, extra=generate)
    assert result is not None
    return result


DEMO_SCALE = 0.1


def demo_path(cfg: Any) -> Path:
    """Where synthetic data goes by default: `synthetic.duckdb` beside the configured database."""
    return Path(cfg.database_path).with_name("synthetic.duckdb")


def demo_database(cfg: Any, progress: Progress | None = None) -> Path:
    """The synthetic demo database, built on first use."""
    path = demo_path(cfg)
    if not path.exists():
        build_synthetic(path, scale=DEMO_SCALE, progress=progress, group=cfg.database_group)
    return path
