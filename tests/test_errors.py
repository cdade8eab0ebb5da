"""kjc_tui.core.errors: the libraries' English error texts as codes of ours (with path or host),
worded in German and English from the one table."""

from __future__ import annotations

import tomllib

import duckdb
import pytest

from kjc_tui.core.coded import Said
from kjc_tui.core.errors import explain, toml_position
from kjc_tui.core.strings import coded


def german(error: BaseException) -> str:
    said = explain(error)
    return coded(said.key, said.params, "de")


@pytest.mark.parametrize("error, key, text", [
    (FileNotFoundError(2, "No such file or directory", "/x/a.csv"), "err.os.missing", "/x/a.csv gibt es nicht"),
    (PermissionError(13, "Permission denied", "/x/a.csv"), "err.os.permission", "keine Berechtigung für /x/a.csv"),
    (IsADirectoryError(21, "Is a directory", "/x"), "err.os.directory", "/x ist ein Verzeichnis, keine Datei"),
    (ConnectionRefusedError(111, "Connection refused"), "err.net.refused",
     "Verbindung abgelehnt (läuft der Dienst? Port richtig?)"),
])
def test_os_errors(error, key, text):
    assert explain(error).key == key
    assert german(error) == text


def test_permission_without_a_file_names_none():
    """Binding port 80 as a user: no file is involved."""
    assert explain(PermissionError(13, "Permission denied")) == Said("err.os.not_permitted")
    assert german(PermissionError(13, "Permission denied")) == "keine Berechtigung"


def test_os_error_without_a_path_says_the_file():
    said = explain(OSError(28, "No space left on device"))
    assert said == Said("err.os.disk_full", {"path": Said("err.os.the_file")})
    assert str(said) == "kein Platz mehr auf dem Datenträger (die Datei)"
    assert coded(said.key, said.params, "en") == "no space left on the disk (the file)"


def test_duckdb_errors():
    con = duckdb.connect()
    cases = {"SELECT * FROM nosuch": ("err.db.no_table", {"name": "nosuch"}, "Tabelle nosuch gibt es nicht"),
             "SELECT nosuch_fn(1)": ("err.db.no_function", {"name": "nosuch_fn"}, "Funktion nosuch_fn gibt es nicht"),
             "SELECT cast('x' AS INT)": ("err.db.conversion", None,
                                         "Typumwandlung: Could not convert string 'x' to INT32"),
             "SELEC 1": ("err.db.parser", None, "SQL-Syntaxfehler: ")}
    for sql, (key, params, text) in cases.items():
        with pytest.raises(duckdb.Error) as e:
            con.execute(sql)
        said = explain(e.value)
        assert said.key == key and (params is None or said.params == params), said
        assert german(e.value).startswith(text), german(e.value)
    with pytest.raises(duckdb.Error) as e:
        con.execute("SELECT * FROM nosuch")
    assert coded(*_pair(explain(e.value)), "en") == "Table nosuch does not exist"


def _pair(said: Said) -> tuple[str, dict]:
    return said.key, said.params


def test_not_a_duckdb_file(tmp_path):
    f = tmp_path / "x.duckdb"
    f.write_text("kein DuckDB\n" * 100)
    with pytest.raises(duckdb.Error) as e:
        duckdb.connect(str(f))
    assert explain(e.value) == Said("err.db.not_a_database", {"path": str(f)})
    assert german(e.value) == f"{f} ist keine kjc-tui-Datenbank (DuckDB)"


def test_toml_errors():
    with pytest.raises(tomllib.TOMLDecodeError) as e:
        tomllib.loads("[ui]\nlanguage = de\n")
    assert explain(e.value) == Said("err.toml.invalid_value")
    assert german(e.value).startswith("ungültiger Wert") and toml_position(e.value) == (2, 12)
    with pytest.raises(tomllib.TOMLDecodeError) as e:
        tomllib.loads('title = "offen')
    assert explain(e.value) == Said("err.toml.unterminated_string")
    assert german(e.value) == "Text ohne schließendes Anführungszeichen"


def test_network_errors_name_the_host():
    import httpx

    request = httpx.Request("GET", "https://127.0.0.1:9/x")
    error = httpx.ConnectError("[Errno 111] Connection refused", request=request)
    assert explain(error) == Said("err.net.refused_at", {"host": "127.0.0.1:9"})
    assert german(error) == "Verbindung zu 127.0.0.1:9 abgelehnt (läuft der Dienst? Port richtig?)"


def test_unknown_errors_keep_their_text():
    assert explain(ValueError("etwas anderes")) == Said("err.other", {"detail": "etwas anderes"})
    assert german(ValueError("etwas anderes")) == "etwas anderes"


def test_a_reason_inside_a_reason_is_worded_in_the_same_language():
    from kjc_tui.sources.http import FetchError, _size, _status_params

    inner = FetchError("https://x.example/a.csv", "status", **_status_params(500))
    outer = FetchError(inner.url, "after_tries", reason=inner.why, n=3)
    assert str(outer) == "https://x.example/a.csv: HTTP 500 Serverfehler (nach 3 Versuchen)"
    assert coded(outer.said.key, outer.said.params, "en") == "https://x.example/a.csv: HTTP 500 Server error (after 3 tries)"
    big = FetchError("u", "too_big", size=_size(100_000), cap=_size(1000))
    assert big.reason == "Antwort ist 97,7 KB groß, Obergrenze 1000 Bytes (max_bytes in kjc.toml)"
    assert coded(big.why.key, big.why.params, "en") == "The answer is 97.7 KB, the limit 1000 bytes (max_bytes in kjc.toml)"


def test_no_german_sentence_below_the_ui_but_the_known_ones():
    """The string literals of sources/, db/store, db/snapshot and core's config, errors, coded and
    source kinds hold no German sentence (docstrings and log lines aside): what they say is a code,
    the notes of a load or fetch and a refused file's problems too. What is left is data (a
    publisher's header, month names for URLs)."""
    import io
    import re
    import tokenize
    from pathlib import Path

    import kjc_tui

    root = Path(kjc_tui.__file__).parent
    files = [*root.glob("sources/**/*.py"), root / "db/store.py", root / "db/snapshot.py", root / "core/config.py",
             root / "core/errors.py", root / "core/coded.py", root / "core/source_kinds.py"]
    german = re.compile(r"[äöüßÄÖÜ]|\b(nicht|kein|keine|fehlt|bitte|gibt es)\b")
    known = ("OUT_HEADER = [", "MONTHS_DE = (")   # data: a publisher's header, month names for URLs
    left = []
    for path in files:
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
        for i, tok in enumerate(tokens):
            if tok.type not in (tokenize.STRING, getattr(tokenize, "FSTRING_START", -1)):
                continue
            before = [t for t in tokens[:i] if t.type not in (tokenize.NL, tokenize.COMMENT)]
            if tok.string.startswith('"""') and (not before or before[-1].type in (
                    tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT)):
                continue  # a docstring
            line = tok.line.strip()
            if german.search(line) and not line.startswith("log.") and not any(k in line for k in known):
                left.append(f"{path.name}:{tok.start[0]}: {line}")
    assert not left, "\n".join(left)


def test_a_wording_with_a_parameter_missing_keeps_the_message() -> None:
    """A raise site that forgot a parameter must not turn the message into a crash (KeyError)."""
    from kjc_tui.core.strings import say

    assert say("snapshot.owner", "de", owner="kjc") == "gehört kjc, Modus {mode}"
    assert say("snapshot.owner", "en", mode="0640") == "belongs to {owner}, mode 0640"
    assert say("snapshot.owner", "en", owner="kjc", mode="0640") == "belongs to kjc, mode 0640"
