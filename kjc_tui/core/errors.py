"""The errors of the libraries below us (DuckDB, the OS, TLS, httpx, tomllib) as codes.

Their own texts are English ("Catalog Error: Table with name x does not exist!", "[Errno 111]
Connection refused"). `explain` turns an error into a `Said`: a code of the one wording table
("err.db.no_table", "err.net.refused_at", "err.toml.unterminated_string", …) with the path,
host or name it is about; the rest keep the library's first line as `detail` behind a label
of ours, so no detail is lost. Whoever shows it words it, in German or English.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from collections.abc import Iterator

from kjc_tui.core.coded import CodedError, Said

#: DuckDB's "X with name Y does not exist" kinds -> our code
_CATALOG_KINDS = {"Table": "no_table", "Scalar Function": "no_function", "Table Function": "no_table_function",
                  "Aggregate Function": "no_aggregate", "Schema": "no_schema", "Macro Function": "no_macro"}
_CATALOG = re.compile(r"(?P<kind>[A-Za-z ]+?) with name \"?(?P<name>[^\s!\"]+)\"? does not exist")
_COLUMN = re.compile(r'Referenced column "?(?P<name>[^\s"]+)"? not found')
_NOT_A_DB = re.compile(r'file "?(?P<path>[^"]+)"? exists, but it is not a valid DuckDB database file')
_DUCKDB_LABELS = {"Conversion Error": "conversion", "Binder Error": "binder", "Parser Error": "parser",
                  "Out of Range Error": "out_of_range", "Invalid Input Error": "invalid_input", "IO Error": "io",
                  "Permission Error": "permission", "Catalog Error": "catalog",
                  "Out of Memory Error": "out_of_memory", "Constraint Error": "constraint"}

#: tomllib's messages (their start) -> our code
_TOML = {
    "Expected ']' at the end of a table declaration": "table_bracket",
    "Expected ']]' at the end of an array declaration": "array_bracket",
    "Expected '=' after a key in a key/value pair": "equals",
    "Expected newline or end of document after a statement": "line_end",
    "Invalid value": "invalid_value",
    "Invalid statement": "invalid_statement",
    "Invalid initial character for a key part": "key_start",
    "Unterminated string": "unterminated_string",
    "Cannot overwrite a value": "duplicate_key",
    "Cannot declare": "duplicate_table",
    "Illegal character": "illegal_character",
}
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def explain(error: BaseException) -> Said:
    """`error` as a code of ours with the path, host or name it knows (our own `CodedError` as
    it was raised; "err.other" with the library's first line as `detail` where we have no code)."""
    if isinstance(error, CodedError):
        return error.said
    for cause in _chain(error):
        said = _network(cause) or _os(cause) or _duckdb(cause) or _toml(cause)
        if said is not None:
            return said
    return Said("err.other", {"detail": first_line(error)})


def first_line(error: BaseException) -> str:
    """The error's first line, without Python's class name (the class name if it says nothing)."""
    return _first_line(error) or type(error).__name__


def is_refused_connection(error: BaseException) -> bool:
    """True if the server actively refused the connection (nothing listens there): retrying cannot help."""
    return any(isinstance(c, ConnectionRefusedError) or "Connection refused" in str(c) for c in _chain(error))


def is_tls_mismatch(error: BaseException) -> bool:
    """True for a TLS handshake that failed for a reason other than the certificate (http port, old TLS)."""
    return any(isinstance(c, ssl.SSLError) and not isinstance(c, ssl.SSLCertVerificationError)
               or ("[SSL" in str(c) and "CERTIFICATE_VERIFY_FAILED" not in str(c)) for c in _chain(error))


def toml_position(error: BaseException) -> tuple[int, int] | None:
    """(line, column) of a tomllib error, from its message."""
    m = _TOML_WHERE.search(str(error))
    return (int(m.group(1)), int(m.group(2))) if m else None


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


def _host(error: BaseException) -> str:
    """The host of an httpx error's request, else ''."""
    try:
        request = error.request  # type: ignore[attr-defined]
    except (AttributeError, RuntimeError):
        return ""
    port = f":{request.url.port}" if request.url.port else ""
    return f"{request.url.host}{port}"


def _network(error: BaseException) -> Said | None:
    text = str(error)
    at = _host(error)
    host = {"host": at} if at else {}
    suffix = "_at" if at else ""
    if isinstance(error, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in text:
        reason = getattr(error, "verify_message", None)
        return Said("err.net.certificate" + suffix, {**host, "reason": reason or Said("err.net.not_recognised")})
    if any(isinstance(c, ssl.SSLError) for c in _chain(error)) or "[SSL" in text:
        return Said("err.net.no_tls" + suffix, host)
    if isinstance(error, ConnectionRefusedError) or "Connection refused" in text:
        return Said("err.net.refused" + suffix, host)
    if isinstance(error, socket.gaierror) or "Name or service not known" in text \
            or "Temporary failure in name resolution" in text or "nodename nor servname" in text:
        return Said("err.net.unknown_host" + suffix, {"host": at.split(":")[0]} if at else {})
    if isinstance(error, (ConnectionResetError, BrokenPipeError)):
        return Said("err.net.reset" + suffix, host)
    if isinstance(error, TimeoutError):
        return Said("err.net.timeout" + suffix, host)
    return None


_OS_CODES = {
    errno.ENOENT: "missing", errno.EACCES: "permission", errno.EPERM: "permission", errno.EISDIR: "directory",
    errno.ENOTDIR: "not_directory", errno.ENOSPC: "disk_full", errno.EROFS: "read_only", errno.EEXIST: "exists",
    errno.EADDRINUSE: "address_in_use", errno.EADDRNOTAVAIL: "address_not_here",
}


def _os(error: BaseException) -> Said | None:
    if not isinstance(error, OSError) or error.errno not in _OS_CODES:
        return None
    code = _OS_CODES[error.errno]
    if error.filename is None and code == "permission":  # a socket, a process: no file to name
        return Said("err.os.not_permitted")
    path = error.filename if error.filename is not None else Said("err.os.the_file")
    return Said("err.os." + code, {"path": path})


def _duckdb(error: BaseException) -> Said | None:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return None
    if not isinstance(error, duckdb.Error):
        return None
    text = _first_line(error)
    if m := _NOT_A_DB.search(text):
        return Said("err.db.not_a_database", {"path": m["path"]})
    if m := _CATALOG.search(text):
        kind = m["kind"].strip()
        if kind in _CATALOG_KINDS:
            return Said("err.db." + _CATALOG_KINDS[kind], {"name": m["name"]})
        return Said("err.db.no_such", {"kind": kind, "name": m["name"]})
    if m := _COLUMN.search(text):
        return Said("err.db.no_column", {"name": m["name"]})
    label, _, detail = text.partition(": ")
    if label in _DUCKDB_LABELS:
        return Said("err.db." + _DUCKDB_LABELS[label], {"detail": detail})
    return Said("err.db.other", {"detail": text})


def _toml(error: BaseException) -> Said | None:
    import tomllib

    if not isinstance(error, tomllib.TOMLDecodeError):
        return None
    text = _TOML_WHERE.sub("", _first_line(error))
    for english, code in _TOML.items():
        if text.startswith(english):
            return Said("err.toml." + code)
    return Said("err.toml.other", {"detail": text})
