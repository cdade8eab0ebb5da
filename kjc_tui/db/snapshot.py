"""Database snapshots: every load builds a complete new file and renames it over the live one.

* The live file is never opened for writing, so read-only dashboards keep running.
* A load copies the live file to ``<db>.tmp-<pid>-<random>`` beside it, applies all files in
  one transaction there, checks references, and only then renames it over the live file.
* Loads are serialised by ``<db>.lock`` (an OS lock: it dies with its process, so a killed
  load leaves no stale lock). Temporary files of killed loads are removed by the next load.
* Given a `Summarise` (the read layer's `summary.summarise`, passed by the CLI and the app),
  the writer keeps the Übersicht's data of each snapshot it publishes beside it
  (``<db>.overview.json``, `core.sidecar`), in the snapshot's group and mode and keyed by its
  identity: the first start on the new snapshot draws it without importing DuckDB.
"""

from __future__ import annotations

import errno
import getpass
import glob
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import duckdb
from filelock import FileLock, Timeout

from kjc_tui.core import sidecar
from kjc_tui.core.coded import CodedError, Said, Text
from kjc_tui.core.errors import first_line
from kjc_tui.core.files import owner
from kjc_tui import ingest
from kjc_tui.ingest import Problem, ReadFile, Refused, layouts, read_source
from kjc_tui.ingest.problem import Note, Reason
from kjc_tui.ingest.rules import Converted
from kjc_tui.core.schema import (LOADABLE, QUALIFIERS, RANGE, SCHEMA_VERSION, TABLES, ddl, needs_upgrade,
                                  normalise_header, quote_ident, view_ddl)
from kjc_tui.db import revisions

Progress = Callable[[Text, float], None]
#: reads what the first screen shows from a finished snapshot file (`read.summary.summarise`)
Summarise = Callable[[Path], Any]
LOCK_TIMEOUT = 600.0
#: DuckDB's budget for a load: memory does not grow with the file (DuckDB spills to `<tmp>.tmp/`); with
#: Python and the reader this keeps a 10M-row load under 400 MB peak RSS (362 MB measured; 256 MB gave 415,
#: 192 MB spilled so much that a 1M-row load took 30 % longer — bench/ingest.py)
LOAD_MEMORY = "224MB"
LOAD_THREADS = 2


class SnapshotError(CodedError):
    """A load could not run (lock, disk, permissions; "snapshot.CODE"); the database is unchanged."""

    prefix = "snapshot."


def embedded_data_dir() -> Path:
    """`data/` of the source tree, or its copy inside the installed package."""
    package = Path(__file__).resolve().parents[1]
    for cand in (package / "_embedded", package.parent / "data"):
        if (cand / "districts.csv").is_file():
            return cand
    raise SnapshotError("no_embedded_data")


def embedded_files() -> list[Path]:
    d = embedded_data_dir()
    return [d / f"{name}.csv" for name in LOADABLE if (d / f"{name}.csv").is_file()]


@dataclass
class LoadResult:
    """What a load did, per file."""

    db_path: Path
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (file, table, rows)
    #: the notes of the load, the lock and an upgrade (codes, `problem.note_text` words them)
    notes: list[Note] = field(default_factory=list)

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
        raise SnapshotError("unknown_group", group=group) from None


def _give_to_group(fd: int, path: Path, group: str | None) -> None:
    """Give `fd` the configured group (if any) and the snapshot mode; a loader outside the group gets a clear error."""
    gid = _group_id(group)
    if gid is not None:
        try:
            os.fchown(fd, -1, gid)
        except PermissionError:
            raise SnapshotError("not_in_group", path=str(path), group=group) from None
    os.fchmod(fd, 0o600 if gid is None else 0o640)


@contextmanager
def write_lock(db: Path, timeout: float = LOCK_TIMEOUT, group: str | None = None) -> Iterator[list[Note]]:
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
        raise SnapshotError("locked", db=str(db), seconds=f"{timeout:.0f}") from None
    except OSError as e:
        if lock_path.exists():
            raise SnapshotError("lock_not_writable", path=str(lock_path), detail=e.strerror,
                                owner=_owner_said(lock_path)) from None
        raise SnapshotError("lock_not_creatable", path=str(lock_path), detail=e.strerror,
                            directory=str(db.parent)) from None
    try:
        _lock_to_group(lock_path, group)
        yield remove_stale_temporaries(db)
    finally:
        lock.release()


def _owner_said(p: Path) -> Said:
    """Whose file `p` is, and its mode."""
    try:
        st = p.stat()
    except OSError:
        return Said("snapshot.owner_unknown")
    return Said("snapshot.owner", {"owner": owner(st), "mode": f"{st.st_mode & 0o777:04o}"})


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


def remove_stale_temporaries(db: Path) -> list[Note]:
    """Delete temporaries of earlier, killed loads. Only call while holding the write lock.

    Returns notes about temporaries that cannot be removed (another user's file in a sticky
    directory): they are skipped, since every load uses a fresh, unique name anyway.
    """
    notes: list[Note] = []
    for p in temporaries(db):
        try:
            if p.is_dir() and not p.is_symlink():   # DuckDB's spill directory `<tmp>.tmp`
                shutil.rmtree(p)
            else:
                p.unlink()
        except FileNotFoundError:
            pass
        except PermissionError:
            notes.append(Note("note.stale_temporary", {"path": str(p), "owner": _owner_said(p)}))
    return notes


@contextmanager
def _write_errors(db: Path) -> Iterator[None]:
    """A full disk or an I/O error while the new snapshot is written: a SnapshotError that says so."""
    try:
        yield
    except (OSError, duckdb.IOException, duckdb.FatalException, duckdb.TransactionException,
            duckdb.OutOfMemoryException) as e:
        text = first_line(e)
        if isinstance(e, (duckdb.TransactionException, duckdb.OutOfMemoryException)) \
                and "No space left" not in text and "Could not write" not in text:
            raise   # not a write failure

        reason: str | Said = text
        if getattr(e, "errno", None) == errno.ENOSPC or "No space left" in text:
            reason = Said("snapshot.disk_full", {"directory": str(db.parent)})
        raise SnapshotError("not_written", reason=reason) from None


def copy_file(src: Any, dst: Any) -> None:
    """Copy one open file into another in the kernel (`copy_file_range`: no bytes through Python, and a
    reflink where the file system has them), else in 1 MB chunks."""
    size = os.fstat(src.fileno()).st_size
    done = 0
    try:
        while done < size:
            n = os.copy_file_range(src.fileno(), dst.fileno(), size - done)
            if n == 0:
                break
            done += n
        if done == size:
            return
    except (AttributeError, OSError) as e:
        if getattr(e, "errno", None) == errno.ENOSPC:
            raise
    src.seek(done)
    dst.seek(done)
    shutil.copyfileobj(src, dst, 1 << 20)


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


def _publish(tmp: Path, db: Path, summarise: Summarise | None = None, group: str | None = None) -> None:
    """fsync, rename over the live file, fsync the directory (group and mode were set at creation);
    with `summarise`, the summary of the new snapshot beside it (`_keep_summary`)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    summary = _summarised(tmp, summarise)
    os.replace(tmp, db)
    _keep_summary(db, summary, group)
    try:
        dfd = os.open(db.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _summarised(tmp: Path, summarise: Summarise | None) -> tuple[list[int], Any] | None:
    """(identity of the finished snapshot `tmp`, what `summarise` reads from it), or None: without
    `summarise`, or when it fails (a summary is never worth a failed load: the first start then reads
    the Übersicht itself)."""
    before = sidecar.identity(tmp)
    if summarise is None or before is None:
        return None
    try:
        return before, summarise(tmp)
    except Exception:  # noqa: BLE001  see above
        return None


def _keep_summary(db: Path, summary: tuple[list[int], Any] | None, group: str | None) -> None:
    """The summary beside the snapshot just published at `db`, keyed by its identity after the rename
    (the rename changes its ctime), in its group and mode. Without one, or when the file there is not
    the one summarised, the old summary goes (it names another snapshot and would not be used)."""
    side = sidecar.summary_file(db)
    ident = sidecar.identity(db)
    if summary is None or ident is None or not sidecar.renamed(summary[0], ident):
        _remove(side)
        return
    tmp = None
    try:
        text = sidecar.document(ident, summary[1])
        tmp, fd = _create_tmp(db, group)
        with open(fd, "wb") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, side)
    except (OSError, SnapshotError, TypeError, ValueError):
        if tmp is not None:
            _remove(tmp)
        _remove(side)


def _remove(path: Path) -> None:
    try:
        path.unlink()
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


def _row_qualifiers_to_figures(con: duckdb.DuckDBPyConnection) -> int:
    """Schema 1 kept one qualifier per row of a table with several figures ("über" for an event's participants
    and firms alike); schema 2 keeps one per figure. Each figure given in the row takes the row's qualifier (as
    the screens of schema 1 showed it on every figure); a value that is no qualifier ("zwischen", which needs an
    upper end the row does not have) goes into the row's note instead. The old column is dropped. Returns the
    number of figures given a qualifier."""
    have = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    ).fetchall()}
    copied = 0
    for t in TABLES.values():
        if (t.name, "qualifier") not in have or "qualifier" in t.column_map or not t.figures:
            continue
        q = quote_ident(t.name)
        spelled = {normalise_header(word): code for word, code in t.column(t.figures[0][1]).synonyms}
        known = {old: old if old in QUALIFIERS else spelled.get(normalise_header(old)) for (old,) in con.execute(
            f"SELECT DISTINCT qualifier FROM {q} WHERE qualifier IS NOT NULL").fetchall()}
        known = {old: code for old, code in known.items() if code not in (None, RANGE)}
        con.execute("CREATE OR REPLACE TEMP TABLE _old_qualifier (old VARCHAR, code VARCHAR)")
        if known:
            con.executemany("INSERT INTO _old_qualifier VALUES (?, ?)", list(known.items()))
        for figure, own, _ in t.figures:
            (n,) = con.execute(
                f"UPDATE {q} SET {quote_ident(own)} = m.code FROM _old_qualifier m WHERE m.old = {q}.qualifier "
                f"AND {q}.{quote_ident(figure)} IS NOT NULL AND {q}.{quote_ident(own)} IS NULL").fetchone() or (0,)
            copied += n
        if "note" in t.column_map:
            con.execute(f"UPDATE {q} SET note = concat_ws('; ', nullif(note, ''), 'Genauigkeit (alt): ' || qualifier) "
                        "WHERE qualifier IS NOT NULL AND qualifier NOT IN (SELECT old FROM _old_qualifier)")
        con.execute("DROP TABLE _old_qualifier")
        con.execute(f"ALTER TABLE {q} DROP COLUMN qualifier")
    return copied


def upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """Bring a database built by an older version to the current schema, inside the caller's transaction:
    the tables and columns added since, each figure's own qualifier (`_row_qualifiers_to_figures`), the views
    and the schema version (the upgrade is recorded in `loads`). False when it was current already."""
    for stmt in ddl():  # a database built before a table was added gains it (IF NOT EXISTS)
        con.execute(stmt)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if not needs_upgrade(meta):
        return False
    upgrade_columns(con)
    copied = _row_qualifiers_to_figures(con)
    for stmt in view_ddl():
        con.execute(stmt)
    con.execute("DELETE FROM meta WHERE key = 'schema_version'")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    _record_load(con, "upgrade", None, f"Schema {meta['schema_version']} → {SCHEMA_VERSION}", copied, None)
    return True


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


def connect_for_load(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a snapshot being built, within the load's memory and thread budget."""
    con = duckdb.connect(str(path), config={"memory_limit": LOAD_MEMORY, "threads": LOAD_THREADS,
                                            "preserve_insertion_order": True})
    con.execute("SET enable_progress_bar = false")   # DuckDB would draw one on the user's terminal
    return con


def check_references(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> list[Problem]:
    """Rows that point at keys which no longer exist (e.g. after --replace of a master table).

    Only references into a touched table are looked at: the rows a load brings were checked
    against the tables they name (`rules.problems`), and the rows already there were valid, so
    a small file into a large table does not scan the whole table.
    """
    touched = set(tables)
    problems = []
    for name in LOADABLE:
        t = TABLES[name]
        for c in t.columns:
            if c.ref is None or c.ref[0] not in touched:
                continue
            rt, rc = c.ref
            rows = con.execute(
                f"SELECT DISTINCT {quote_ident(c.name)} FROM {quote_ident(name)} x WHERE {quote_ident(c.name)} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {quote_ident(rt)} r WHERE r.{quote_ident(rc)} = x.{quote_ident(c.name)}) "
                "LIMIT 10").fetchall()
            for (v,) in rows:
                problems.append(Problem(Reason("table", {"table": name}), None, c.name, v, "stale_reference",
                                        {"table": rt}))
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


@dataclass
class _Staged:
    """The files of a load read into staging tables (before the load's transaction), and what could not be read."""

    files: list[ingest.StagedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def discard(self) -> None:
        for sf in self.files:
            sf.staged.discard()


def _stage(con: duckdb.DuckDBPyConnection, sources: Sequence[ReadFile], table: str | None,
           progress: Progress | None, options: layouts.Options | None = None, lookup: bool = True) -> _Staged:
    """Read every file into a staging table. Runs outside the load's transaction: a file DuckDB cannot
    read is refused without aborting the transaction the others are applied in.

    A publisher's file (§ 48a ZIP, BA table, Destatis) or an office spreadsheet is first turned into
    canonical files by `layouts` (with `lookup`: the districts, jobcenters and codes of the database).
    """
    out = _Staged()
    workdir = _workdir(con)
    known = layouts.Lookup.from_connection(con) if lookup else None
    for i, src in enumerate(sources):
        if progress:
            progress(Said("load.step.read", {"name": Path(src.name).name}), i / max(1, len(sources)))
        try:
            out.files.extend(_stage_one(con, src, table, workdir, known, options or layouts.Options()))
        except Refused as e:
            out.problems.extend(e.problems)
    return out


#: files larger than this are not offered to the layout recognisers (which read a file whole)
LAYOUT_MAX_BYTES = 64 << 20


def _stage_one(con: duckdb.DuckDBPyConnection, src: ReadFile, table: str | None, workdir: Path | None,
               lookup: layouts.Lookup | None, options: layouts.Options) -> list[ingest.StagedFile]:
    """One file staged as it is, or as the canonical files its publisher layout or office normalisation gives."""
    if lookup is None or src.source().size() > LAYOUT_MAX_BYTES:
        return [ingest.stage(con, src, table, workdir, typed=True)]
    whole = src if src.data is not None else ReadFile(src.name, src.source().head(LAYOUT_MAX_BYTES + 1),
                                                      format=src.format)
    ingest.check_workbook(whole)   # the layouts read workbooks with openpyxl: the same bounds first
    if table in (None, "indicators"):
        converted = layouts.convert(whole, lookup, options)
        if converted is not None:
            staged = [ingest.stage(con, f, converted.table, workdir, checksum=src.checksum, typed=True)
                      for f in converted.files]
            if staged:
                staged[0].staged.notes[:0] = converted.notes
            if converted.masters:   # the peers the file enters (§ 48a), applied before the indicators
                staged.insert(0, ingest.stage(con, converted.masters, "jobcenters", workdir, checksum=src.checksum))
            return staged
    if layouts.office.needs(whole.content(), whole.name, options):
        return [_office(con, whole, table, workdir, options, None)]
    try:
        sf = ingest.stage(con, src, table, workdir, typed=True)
    except Refused as first:
        return [_office(con, whole, table, workdir, options, first)]
    # sum rows and "k. A." are looked for only when the checks refuse the file as it is
    sf.fallback = lambda first: _office(con, whole, table, workdir, options, first)
    return [sf]


def _office(con: duckdb.DuckDBPyConnection, src: ReadFile, table: str | None, workdir: Path | None,
            options: layouts.Options, first: Refused | None) -> ingest.StagedFile:
    """The file through the office normalisation (see `layouts.normalised`), staged."""
    done = layouts.normalised(src, table, options, first)
    if done is None:
        return ingest.stage(con, src, table, workdir)
    sf = ingest.stage(con, ReadFile(src.name, done.body, format="csv"), table, workdir, checksum=src.checksum)
    sf.staged.notes[:0] = done.notes
    sf.sheet = (done.sheet, done.columns) if done.columns else None
    return sf


def _apply(con: duckdb.DuckDBPyConnection, staged_files: _Staged, replace: bool,
           action: str, progress: Progress | None, allow_synthetic: bool = False) -> LoadResult:
    """Check and apply the staged files, master tables first; raises Refused with every problem.

    Each file is checked against the state inside `con`, which holds the files applied before
    it in this load (districts before the jobcenters that name them). A step that must run
    after a file is checked and before it replaces rows goes into `_replace_rows`.
    """
    problems = list(staged_files.problems)
    staged = staged_files.files
    try:
        result = LoadResult(Path())
        staged.sort(key=lambda sf: _ORDER[sf.table.name])   # master tables first, whatever order the user named
        replaced: set[str] = set()
        for i, sf in enumerate(list(staged)):
            src = sf.src
            if progress:
                progress(Said("load.step.check", {"name": Path(src.name).name}), i / max(1, len(staged)))
            try:
                try:
                    conv = ingest.check(con, sf)
                except Refused as first:
                    if sf.fallback is None:
                        raise
                    sf = sf.fallback(first)   # the office normalisation, or `first` again
                    staged_files.files.append(sf)
                    conv = ingest.check(con, sf)
                _synthetic_rule(con, sf, conv, allow_synthetic)
            except Refused as e:
                problems.extend(e.problems)
                continue
            if problems:
                continue   # refused anyway: go on checking, write nothing
            if progress:
                progress(Said("load.step.load", {"name": Path(src.name).name, "table": sf.table.name}),
                         i / max(1, len(staged)))
            if replace and sf.table.name not in replaced:
                # each table once per load, not once per file: `--replace a.csv b.csv` keeps both files
                con.execute(f"DELETE FROM {quote_ident(sf.table.name)}")
                replaced.add(sf.table.name)
            n = _replace_rows(con, conv)
            _record_load(con, "replace" if replace else action, sf.table.name, src.name, n, sf.checksum)
            result.files.append((src.name, sf.table.name, n))
            result.notes.extend(Note("note.of_file", {"file": src.name, "note": note}) for note in conv.notes)
            ingest.discard(con, sf)
    finally:
        staged_files.discard()
    if problems:
        raise Refused(problems)
    ref_problems = check_references(con, {t for _, t, _ in result.files})
    if ref_problems:
        raise Refused(ref_problems)
    return result


def _synthetic_rule(con: duckdb.DuckDBPyConnection, sf: ingest.StagedFile, conv: Converted, allow: bool) -> None:
    """Rows made by `kjc-tui generate` stay out of a real database unless asked for; then it is synthetic."""
    from kjc_tui.db.synthetic import SYNTHETIC_SOURCE

    if "source" not in conv.columns:
        return
    (first,) = con.execute(f"SELECT min(_r) FROM {conv.relation} WHERE f_source = ?",
                           [SYNTHETIC_SOURCE]).fetchone() or (None,)
    if first is None or con.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone() == ("true",):
        return
    if allow:
        con.execute("DELETE FROM meta WHERE key = 'synthetic'")
        con.execute("INSERT INTO meta VALUES ('synthetic', 'true')")
        return
    line = ingest.row_lines(con, sf.staged, [first])[first]
    raise Refused([Problem(sf.src.name, line, conv.header_of.get("source", "source"), SYNTHETIC_SOURCE,
                           "synthetic_in_real", {}, sf.staged.row_label)])


def _replace_rows(con: duckdb.DuckDBPyConnection, conv: Converted) -> int:
    """The checked rows into their table: a row with an existing key replaces it (the old value of an
    official figure is kept as history first, see `revisions`)."""
    from kjc_tui.ingest.rules import upsert

    cols = ", ".join(f"f_{c} AS {quote_ident(c)}" for c in conv.columns)
    con.execute(f"CREATE OR REPLACE TEMP VIEW _staging AS SELECT {cols} FROM {conv.relation}")
    revisions.record(con, conv.table.name, "_staging")  # old values kept before they are replaced
    con.execute("DROP VIEW _staging")
    return upsert(con, conv)


def _workdir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The snapshot's path: staging files go beside it (`<tmp>.…`), removed with it if a load is killed."""
    (db_file,) = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                             ).fetchone() or (None,)
    return Path(db_file) if db_file else None


def _new_snapshot(db: Path, group: str | None, fill: Callable[[duckdb.DuckDBPyConnection], LoadResult], *,
                  from_live: bool, publish: bool = True, if_missing: bool = False,
                  summarise: Summarise | None = None) -> LoadResult | None:
    """Write a new snapshot of `db`: the one sequence of `load` and `build`.

    Under the write lock a temporary beside `db` — a copy of the live file (`from_live`), else a new
    database that has its final group and mode before any data goes in — is filled by `fill` through a
    connection within the load's budget (a failed `fill` is rolled back) and renamed over `db`, unless
    not `publish` (a dry run). The temporary goes on every path; the live file is byte-for-byte unchanged
    whenever this raises. With `if_missing`, nothing happens (None) when `db` exists once the lock is held.
    """
    with write_lock(db, group=group) as lock_notes:
        if if_missing and db.exists():
            return None
        if from_live:
            if not db.exists():
                raise SnapshotError("no_database", db=str(db))
            try:
                tmp, fd = _create_tmp(db, group)
            except OSError as e:
                raise SnapshotError("no_copy", detail=e.strerror) from None
        else:
            tmp = _new_tmp(db)
        try:
            with _write_errors(db):
                if from_live:
                    with open(fd, "wb") as out, open(db, "rb") as src_db:
                        copy_file(src_db, out)
                con = connect_for_load(tmp)
                try:
                    if not from_live:
                        _secure_new_database(tmp, group)
                    result = fill(con)
                except BaseException:
                    try:
                        con.execute("ROLLBACK")
                    except duckdb.Error:
                        pass
                    raise
                finally:
                    con.close()
                if publish:
                    _publish(tmp, db, summarise, group)
        finally:
            _discard(tmp)
    result.db_path = db
    result.notes[:0] = lock_notes
    return result


def load(db: Path, sources: Sequence[ReadFile | Path | str], *, table: str | None = None, replace: bool = False,
         group: str | None = None, action: str = "load", progress: Progress | None = None,
         dry_run: bool = False, allow_synthetic: bool = False,
         options: layouts.Options | None = None, summarise: Summarise | None = None) -> LoadResult:
    """Validate `sources` and, if all pass, publish a new snapshot with them; else raise Refused.

    With `dry_run` everything is checked on a temporary copy that is then thrown away.
    `options` carry `--quelle`/`--stand` for files without source/as-of columns.
    Rows made by `kjc-tui generate` are refused in a real database unless `allow_synthetic`,
    which marks the database synthetic (meta), as `kjc-tui generate` marks its own.
    With `summarise`, the new snapshot's summary is kept beside it (see the module's doc).
    The live file is byte-for-byte unchanged whenever this raises.
    """
    files = [s if isinstance(s, ReadFile) else read_source(s) for s in sources]
    _group_id(group)  # an unknown group fails before any work

    def fill(con: duckdb.DuckDBPyConnection) -> LoadResult:
        staged = _stage(con, files, table, progress, options)
        con.execute("BEGIN TRANSACTION")
        upgraded = upgrade(con)
        result = _apply(con, staged, replace, action, progress, allow_synthetic)
        if upgraded:
            result.notes.append(Note("note.schema_upgraded", {"version": SCHEMA_VERSION}))
        if dry_run:
            con.execute("ROLLBACK")
        else:
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        return result

    result = _new_snapshot(db, group, fill, from_live=True, publish=not dry_run, summarise=summarise)
    assert result is not None   # without if_missing a snapshot is written, or this raised
    return result


def build(db: Path, sources: Sequence[ReadFile | Path | str], *, synthetic: bool = False, group: str | None = None,
          action: str = "init", progress: Progress | None = None,
          extra: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
          if_missing: bool = False, summarise: Summarise | None = None) -> LoadResult | None:
    """Build a new database from scratch (schema + files [+ extra step]) and publish it at `db`
    (with `summarise`, its summary beside it).

    With `if_missing`, nothing happens when another process has built it meanwhile.
    """
    files = [s if isinstance(s, ReadFile) else read_source(s) for s in sources]
    _group_id(group)  # an unknown group fails before any work

    def fill(con: duckdb.DuckDBPyConnection) -> LoadResult:
        staged = _stage(con, files, None, progress, lookup=False)
        con.execute("BEGIN TRANSACTION")
        create_schema(con, synthetic=synthetic)
        result = _apply(con, staged, False, action, progress)
        if extra is not None:
            extra(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return result

    return _new_snapshot(db, group, fill, from_live=False, if_missing=if_missing, summarise=summarise)


def ensure_database(cfg: Any, progress: Progress | None = None, summarise: Summarise | None = None) -> Path:
    """The configured database; built from the embedded `data/` on first use."""
    db: Path = cfg.database_path
    if not db.exists():
        build(db, embedded_files(), group=cfg.database_group, action="init", progress=progress, if_missing=True,
              summarise=summarise)
    else:
        upgrade_database(db, cfg.database_group, summarise)
    return db


def upgrade_database(db: Path, group: str | None = None, summarise: Summarise | None = None) -> bool:
    """A database built by an older version brought to the current schema as a new snapshot (`upgrade`);
    False when it was current already. The check opens the file read-only and is cheap."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        return False   # not our database: whoever opens it says so
    finally:
        con.close()
    if not needs_upgrade(meta):
        return False
    load(db, [], group=group, action="upgrade", summarise=summarise)
    return True


def build_synthetic(db: Path, scale: float = 1.0, seed: int = 1, progress: Progress | None = None,
                    group: str | None = None, summarise: Summarise | None = None) -> LoadResult:
    """A synthetic database: real master data from `data/` plus generated figures, marked synthetic."""
    from kjc_tui.db import synthetic

    master = [f for f in embedded_files() if f.stem in ("districts", "jobcenters", "indicator_defs")]

    def generate(con: duckdb.DuckDBPyConnection) -> None:
        counts = synthetic.generate_into(con, scale=scale, seed=seed, progress=progress)
        _record_load(con, "generate", None, f"synthetic scale={scale} seed={seed}", sum(counts.values()), None)

    result = build(db, master, synthetic=True, group=group, action="init", progress=progress, extra=generate,
                   summarise=summarise)
    assert result is not None
    return result


DEMO_SCALE = 0.1


def demo_path(cfg: Any) -> Path:
    """Where synthetic data goes by default: `synthetic.duckdb` beside the configured database."""
    return Path(cfg.database_path).with_name("synthetic.duckdb")


def demo_database(cfg: Any, progress: Progress | None = None, summarise: Summarise | None = None) -> Path:
    """The synthetic demo database, built on first use."""
    path = demo_path(cfg)
    if not path.exists():
        build_synthetic(path, scale=DEMO_SCALE, progress=progress, group=cfg.database_group, summarise=summarise)
    return path
