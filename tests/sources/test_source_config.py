"""kjc.toml `[sources.NAME]`: every kind's keys checked with key and line; API key files; the docs' examples."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from source_server import Reply, write_config
from kjc_tui.core import config
from kjc_tui.core.config import ConfigError
from kjc_tui.sources.run import fetch_all

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "sources.md"

MINIMAL = {
    "file": 'url = "https://example.org/a.csv"\ntable = "events"',
    "ba_table": 'url = "https://example.org/csv"\ntable = "T"\nindicators = { "Arbeitslose insgesamt" = "ALO" }',
    "kennzahlen_48a": 'url = "https://example.org/k.zip"\ncolumns = { "Wert" = "value" }\n'
                      'jobcenters = { "1" = "JC-06437" }',
    "jobsuche": 'url = "https://example.org/js"\nplaces = { "06437" = "Erbach" }',
}


def load_text(tmp_path: Path, text: str) -> config.Config:
    p = tmp_path / "kjc.toml"
    p.write_text(text, encoding="utf-8")
    return config.load(p)


@pytest.mark.parametrize("kind", sorted(MINIMAL))
def test_unknown_key_names_key_and_line(tmp_path, kind):
    text = f'[ui]\nlanguage = "de"\n\n[sources.quelle]\nkind = "{kind}"\n{MINIMAL[kind]}\nurll = "x"\n'
    with pytest.raises(ConfigError) as e:
        load_text(tmp_path, text)
    line = text.splitlines().index('urll = "x"') + 1
    assert e.value.key == "sources.quelle.urll" and e.value.line == line
    assert f"Zeile {line}: sources.quelle.urll: unbekannter Schlüssel für kind = '{kind}'" in str(e.value)


@pytest.mark.parametrize("kind,bad,expected", [
    ("file", 'table = "loads"', "einer von 'districts'"),
    ("file", 'columns = { "Wert" = "nope" }', "mit Spaltennamen unseres Schemas"),
    ("file", 'url = "ftp://example.org/a.csv"', "eine http- oder https-URL"),
    ("ba_table", 'regions = { "6437" = "Odenwaldkreis" }', "Kreisschlüssel → Name"),
    ("ba_table", 'layout = "diagonal"', "einer von 'auto', 'rows', 'columns'"),
    ("kennzahlen_48a", 'columns = { "Träger" = "ags" }', "mit Spalten der Tabelle indicators"),
    ("jobsuche", 'version = "v5"', "einer von 'v4', 'v6'"),
    ("jobsuche", "page_size = 0", "eine ganze Zahl von 1 bis 500"),
    ("jobsuche", "timeout = -1", "eine Zahl größer 0"),
    ("jobsuche", 'api_key = "geheim"', "API-Schlüssel gehören nicht in kjc.toml"),
])
def test_bad_values_name_key_and_line(tmp_path, kind, bad, expected):
    key = bad.split(" =")[0]
    body = "\n".join(ln for ln in MINIMAL[kind].splitlines() if not ln.startswith(key + " ="))
    text = f'[sources.q]\nkind = "{kind}"\n{body}\n{bad}\n'
    with pytest.raises(ConfigError) as e:
        load_text(tmp_path, text)
    assert e.value.key == f"sources.q.{key}" and e.value.line == text.splitlines().index(bad) + 1
    assert expected in str(e.value)


def test_missing_required_key_fails_that_source_only(tmp_path, db, sleeps):
    cfg = write_config(tmp_path, db, '[sources.ohne]\nkind = "ba_table"\nurl = "http://127.0.0.1:9/x"\n'
                                     'indicators = { "Bedarfsgemeinschaften" = "BG" }\n')
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "failed"
    line = (tmp_path / "kjc.toml").read_text().splitlines().index("[sources.ohne]") + 1
    assert r.message == f"{tmp_path / 'kjc.toml'}, Zeile {line}: sources.ohne.table: fehlt (Pflicht für kind = 'ba_table')"
    assert db.read_bytes() == before


def test_mapping_to_a_column_of_another_table(tmp_path, db, sleeps):
    cfg = write_config(tmp_path, db, '[sources.x]\nkind = "file"\nurl = "http://127.0.0.1:9/x.csv"\n'
                                     'table = "events"\ncolumns = { "Wert" = "value" }\n')
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "failed" and "Tabelle events hat keine Spalte 'value'" in r.message


# -- API keys ------------------------------------------------------------------------------

def _jobsuche(tmp_path, db, server, key_file: Path | None):
    server.routes["/keys/pc/v4/jobs"] = lambda q, h: Reply(
        200 if h.get("x-api-key") == "aus-datei" else 403,
        b'{"stellenangebote": [], "maxErgebnisse": 7}', {"Content-Type": "application/json"})
    extra = f'api_key_file = "{key_file}"\n' if key_file else 'api_key_env = "KJC_TEST_NO_SUCH_KEY"\n'
    return write_config(tmp_path, db, f'[sources.stellen]\nkind = "jobsuche"\nurl = "{server.url("/keys")}"\n'
                                      f'places = {{ "06437" = "Erbach" }}\n{extra}')


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_key_file_readable_by_others_is_refused(tmp_path, db, server, sleeps, mode):
    key = tmp_path / "jobsuche.key"
    key.write_text("aus-datei\n")
    os.chmod(key, mode)
    cfg = _jobsuche(tmp_path, db, server, key)
    before, hits = db.read_bytes(), server.hits["/keys/pc/v4/jobs"]
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "failed"
    assert f"Schlüsseldatei {key} ist für andere lesbar oder schreibbar (Rechte {mode:04o}); abgelehnt" in r.message
    assert "aus-datei" not in r.message
    assert server.hits["/keys/pc/v4/jobs"] == hits and db.read_bytes() == before


def test_key_file_of_the_owner_only_is_used(tmp_path, db, server, sleeps):
    key = tmp_path / "jobsuche.key"
    key.write_text("aus-datei\n")
    os.chmod(key, 0o600)
    [r] = fetch_all(_jobsuche(tmp_path, db, server, key), sleep=sleeps).results
    assert (r.status, r.rows) == ("fetched", 1), r


def test_missing_key_says_where_to_put_it(tmp_path, db, server, sleeps, monkeypatch):
    monkeypatch.delenv("KJC_TEST_NO_SUCH_KEY", raising=False)
    [r] = fetch_all(_jobsuche(tmp_path, db, server, None), sleep=sleeps).results
    assert r.status == "failed" and "kein API-Schlüssel: Umgebungsvariable KJC_TEST_NO_SUCH_KEY setzen" in r.message


# -- the documentation's examples are valid configuration -------------------------------------

@pytest.mark.parametrize("doc", [DOCS, ROOT / "README.md"], ids=["docs", "readme"])
def test_docs_examples_validate(tmp_path, doc):
    """Every kjc.toml example of the docs and the README loads, and together they show every kind."""
    from kjc_tui.ui.binding_ids import binding_ids

    text = doc.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    kinds = set()
    for block in blocks:
        cfg = load_text(tmp_path, block)
        config.check_keymap(cfg, binding_ids())
        for name, src in cfg.sources.items():
            from kjc_tui.core.source_kinds import check_source

            check_source(name, src)
            kinds.add(src["kind"])
    assert kinds == set(MINIMAL)
