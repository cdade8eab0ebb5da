"""German messages for the errors of the libraries below us (DuckDB, the OS, TLS, httpx, tomllib).

Their own texts are English ("Catalog Error: Table with name x does not exist!", "[Errno 111]
Connection refused"). Every message a user sees goes through `german` (one place, no copies):
the common cases are said in German with the path or host; the rest keep the library's first
line behind a German label, so no detail is lost.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from collections.abc import Iterator

#: DuckDB's "X with name Y does not exist" kinds -> German noun
_CATALOG_KINDS = {"Table": "Tabelle", "Scalar Function": "Funktion", "Table Function": "Tabellenfunktion",
                  "Aggregate Function": "Aggregatfunktion", "Schema": "Schema", "Macro Function": "Makro"}
_CATALOG = re.compile(r"(?P<kind>[A-Za-z ]+?) with name \"?(?P<name>[^\s!\"]+)\"? does not exist")
_COLUMN = re.compile(r'Referenced column "?(?P<name>[^\s"]+)"? not found')
_NOT_A_DB = re.compile(r'file "?(?P<path>[^"]+)"? exists, but it is not a valid DuckDB database file')
_DUCKDB_LABELS = {"Conversion Error": "Typumwandlung", "Binder Error": "Abfrage passt nicht zum Schema",
                  "Parser Error": "SQL-Syntaxfehler", "Out of Range Error": "Wert außerhalb des Bereichs",
                  "Invalid Input Error": "ungültige Eingabe", "IO Error": "Ein-/Ausgabefehler",
                  "Permission Error": "nicht erlaubt", "Catalog Error": "unbekannter Name",
                  "Out of Memory Error": "zu wenig Arbeitsspeicher", "Constraint Error": "Regel verletzt"}

#: tomllib's messages (their start) -> German
_TOML = {
    "Expected ']' at the end of a table declaration": "']' fehlt am Ende der Tabellenüberschrift",
    "Expected ']]' at the end of an array declaration": "']]' fehlt am Ende der Überschrift",
    "Expected '=' after a key in a key/value pair": "'=' fehlt nach dem Schlüssel",
    "Expected newline or end of document after a statement": "nach einem Eintrag muss die Zeile enden",
    "Invalid value": "ungültiger Wert (Text gehört in \"Anführungszeichen\")",
    "Invalid statement": "ungültige Zeile (erwartet: schluessel = wert oder [tabelle])",
    "Invalid initial character for a key part": "ungültiges Zeichen am Anfang eines Schlüssels",
    "Unterminated string": "Text ohne schließendes Anführungszeichen",
    "Cannot overwrite a value": "Schlüssel doppelt",
    "Cannot declare": "Tabelle doppelt",
    "Illegal character": "unerlaubtes Zeichen",
}
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def german(error: BaseException) -> str:
    """A German message for `error`, naming the path or host where the error knows it."""
    for cause in _chain(error):
        text = _network(cause) or _os(cause) or _duckdb(cause) or _toml(cause)
        if text is not None:
            return text
    return first_line(error)


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


def _network(error: BaseException) -> str | None:
    text = str(error)
    at = _host(error)
    where = f" zu {at}" if at else ""
    if isinstance(error, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in text:
        reason = getattr(error, "verify_message", None) or "Zertifikat nicht anerkannt"
        return f"TLS-Zertifikat{' von ' + at if at else ''} wird nicht anerkannt ({reason})"
    if any(isinstance(c, ssl.SSLError) for c in _chain(error)) or "[SSL" in text:
        return (f"TLS-Verbindung{where} gescheitert: an dieser Adresse spricht kein TLS-Server "
                "(http:// statt https://? Port richtig?)")
    if isinstance(error, ConnectionRefusedError) or "Connection refused" in text:
        return f"Verbindung{where} abgelehnt (läuft der Dienst? Port richtig?)"
    if isinstance(error, socket.gaierror) or "Name or service not known" in text \
            or "Temporary failure in name resolution" in text or "nodename nor servname" in text:
        return f"Rechnername{' ' + at.split(':')[0] if at else ''} nicht gefunden (Tippfehler? Netz oder DNS?)"
    if isinstance(error, (ConnectionResetError, BrokenPipeError)):
        return f"Verbindung{where} unterbrochen"
    if isinstance(error, TimeoutError):
        return f"Zeitüberschreitung{' bei ' + at if at else ''}"
    return None


_OS_TEXTS = {
    errno.ENOENT: "{path} gibt es nicht",
    errno.EACCES: "keine Berechtigung für {path}",
    errno.EPERM: "keine Berechtigung für {path}",
    errno.EISDIR: "{path} ist ein Verzeichnis, keine Datei",
    errno.ENOTDIR: "{path}: ein Teil des Pfads ist kein Verzeichnis",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger ({path})",
    errno.EROFS: "{path} liegt auf einem schreibgeschützten Datenträger",
    errno.EEXIST: "{path} gibt es schon",
    errno.EADDRINUSE: "Adresse schon belegt",
    errno.EADDRNOTAVAIL: "Adresse gehört nicht zu diesem Rechner",
}


def _os(error: BaseException) -> str | None:
    if not isinstance(error, OSError) or error.errno not in _OS_TEXTS:
        return None
    path = error.filename if error.filename is not None else "die Datei"
    return _OS_TEXTS[error.errno].format(path=path)


def _duckdb(error: BaseException) -> str | None:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return None
    if not isinstance(error, duckdb.Error):
        return None
    text = _first_line(error)
    if m := _NOT_A_DB.search(text):
        return f"{m['path']} ist keine kjc-tui-Datenbank (DuckDB)"
    if m := _CATALOG.search(text):
        kind = _CATALOG_KINDS.get(m["kind"].strip(), m["kind"].strip())
        return f"{kind} {m['name']} gibt es nicht"
    if m := _COLUMN.search(text):
        return f"Spalte {m['name']} gibt es nicht"
    label, _, detail = text.partition(": ")
    if label in _DUCKDB_LABELS:
        return f"{_DUCKDB_LABELS[label]}: {detail}"
    return f"DuckDB: {text}"


def _toml(error: BaseException) -> str | None:
    import tomllib

    if not isinstance(error, tomllib.TOMLDecodeError):
        return None
    text = _TOML_WHERE.sub("", _first_line(error))
    for english, german_text in _TOML.items():
        if text.startswith(english):
            return german_text
    return f"Syntaxfehler ({text})"
