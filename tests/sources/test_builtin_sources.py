"""The built-in sources (kjc_tui/core/builtin_sources.toml): present without kjc.toml, extended, overridden and
switched off by kjc.toml, with base addresses from kjc.toml or the environment."""

from __future__ import annotations

import pytest

from kjc_tui.cli.main import EXIT_OK, main
from kjc_tui.core import config

BUILTIN = ["kennzahlen-48a", "ba-grundsicherung", "einwohner", "stellen"]


@pytest.mark.slow
def test_fresh_install_without_kjc_toml_lists_the_builtin_sources(capsys):
    assert config.find_config() is None
    cfg = config.load()
    assert list(cfg.sources) == BUILTIN
    assert main(["fetch", "--list"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["Quelle", "Art"]
    names = [ln.split()[0] for ln in out[1:] if not ln.startswith(" ")]
    assert names == BUILTIN
    fills = [ln.strip() for ln in out[1:] if ln.startswith(" ")]
    assert fills[0] == ("füllt: Kennzahlen K1 … K3E4 (indicators), Vergleichs-Jobcenter außerhalb Hessens "
                        "(jobcenters) · eingebaut")
    assert fills[1] == ("füllt: Kennzahlen ELB, BG, ALO, ALO_SGB2, ALQ je Kreis (indicators), soweit die Tabelle sie "
                        "enthält · eingebaut")
    assert all(" nie " in ln for ln in out[1:] if not ln.startswith(" "))


def test_the_test_environment_points_every_base_at_a_closed_local_port():
    for src in config.load().sources.values():
        assert src["url"].startswith("http://127.0.0.1:9/"), src["url"]


def _write(tmp_path, text: str) -> config.Config:
    path = tmp_path / "kjc.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(path)


def test_kjc_toml_extends_overrides_and_switches_off(tmp_path):
    cfg = _write(tmp_path, """
[sources.stellen]
enabled = false

[sources.ba-grundsicherung]
throttle = 2.5

[sources.einwohner]
kind = "file"
url = "https://kreis.example/einwohner.csv"
table = "indicators"

[sources.eigene]
kind = "file"
url = "https://verband.example/personal.xlsx"
table = "staffing"
""")
    assert list(cfg.sources) == [*BUILTIN, "eigene"]
    assert cfg.sources["stellen"]["enabled"] is False and cfg.sources["stellen"]["kind"] == "jobsuche"
    assert cfg.sources["stellen"]["origin"] == "builtin+config"
    grusi = cfg.sources["ba-grundsicherung"]
    assert grusi["throttle"] == 2.5 and grusi["table"] == "EckwerteZeitreiheGrusi"   # merged, not replaced
    assert cfg.sources["einwohner"] == {"kind": "file", "url": "https://kreis.example/einwohner.csv",
                                        "table": "indicators"}                   # replaced (has kind)
    assert cfg.sources["kennzahlen-48a"]["origin"] == "builtin"


def test_all_builtin_sources_off(tmp_path):
    cfg = _write(tmp_path, '[builtin_sources]\nenabled = false\n\n[sources.a]\nkind = "file"\n'
                           'url = "https://x.example/a.csv"\n\n[sources.stellen]\nenabled = false\n')
    assert list(cfg.sources) == ["a"]      # the change to a built-in source that is off: nothing to change


def test_base_addresses_from_kjc_toml_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("KJC_SOURCE_BASE_SGB2")
    cfg = _write(tmp_path, '[builtin_sources]\nbases = { sgb2 = "https://spiegel.kreis.example/sgb2/", '
                           'destatis = "https://destatis.kreis.example" }\n')
    assert cfg.sources["kennzahlen-48a"]["url"].startswith(
        "https://spiegel.kreis.example/sgb2/SharedDocs/Downloads/DE/Kennzahlen/Kennzahlen-System-A-{monat}-{jahr}")
    # the environment wins over kjc.toml
    assert cfg.sources["einwohner"]["url"].startswith("http://127.0.0.1:9/DE/Themen/")
    monkeypatch.setenv("KJC_SOURCE_BASE_SGB2", "http://127.0.0.1:8/")
    assert config.load(tmp_path / "kjc.toml").sources["kennzahlen-48a"]["url"].startswith(
        "http://127.0.0.1:8/SharedDocs/")


@pytest.mark.parametrize("text,key,reason", [
    ("[sources.stellen]\nplaces = 3\n", "sources.stellen.places", "ungültiger Wert 3"),
    ("[sources.unbekannt]\nenabled = false\n", "sources.unbekannt.kind",
     "fehlt (ohne kind lassen sich nur eingebaute Quellen ändern: kennzahlen-48a, ba-grundsicherung"),
    ("[builtin_sources]\nbases = { sgb2 = \"ftp://x\" }\n", "builtin_sources.bases", "ungültiger Wert"),
])
def test_bad_overrides_name_key_and_line(tmp_path, text, key, reason):
    with pytest.raises(config.ConfigError) as e:
        _write(tmp_path, "\n" + text)
    assert e.value.key == key and reason in e.value.reason and e.value.line is not None


@pytest.mark.slow
def test_builtin_jobsuche_is_skipped_without_a_key(tmp_path, monkeypatch):
    from kjc_tui.sources.run import fetch_all

    monkeypatch.delenv("KJC_JOBSUCHE_API_KEY", raising=False)
    cfg = _write(tmp_path, f'[database]\npath = "{tmp_path / "kjc.duckdb"}"\n')
    [r] = fetch_all(cfg, ["stellen"]).results
    assert r.status == "skipped"
    assert r.message == ("kein API-Schlüssel konfiguriert (KJC_JOBSUCHE_API_KEY oder api_key_file); ohne "
                         "Schlüssel wird diese Quelle nicht abgerufen")


@pytest.mark.slow
def test_a_server_without_internet_is_told_the_offline_way(tmp_path, monkeypatch):
    """No route to the publisher: the message names the address to download in a browser and `kjc-tui load`."""
    from kjc_tui.sources.run import fetch_all

    monkeypatch.setenv("KJC_SOURCE_BASE_BA_STATISTIK", "http://kein-internet.invalid")
    cfg = _write(tmp_path, f'[database]\npath = "{tmp_path / "kjc.duckdb"}"\n\n[http]\nretries = 0\n')
    [r] = fetch_all(cfg, ["ba-grundsicherung"], sleep=lambda s: None).results
    assert r.status == "failed"
    assert ("Ohne Internetzugang (oder ohne Freigabe im Proxy): die Datei an einem Rechner mit Internet im Browser "
            "herunterladen (http://kein-internet.invalid/bifrontend/bids-api/ct/v1/tableFetch/csv/"
            "EckwerteZeitreiheGrusi), herüberkopieren und mit `kjc-tui load DATEI…` laden") in r.message


def test_months_back_crosses_the_year() -> None:
    from datetime import date

    from kjc_tui.sources.kinds.kennzahlen import months_back, release_url

    assert months_back(date(2026, 2, 17), 4) == [date(2026, 2, 1), date(2026, 1, 1), date(2025, 12, 1),
                                                 date(2025, 11, 1)]
    assert release_url("https://x.example/A-{monat}-{jahr}-CSV.zip", date(2026, 3, 1)) == \
        "https://x.example/A-März-2026-CSV.zip"


def test_no_release_within_look_back_says_which_months_were_tried(server, db, tmp_path) -> None:
    from datetime import date

    from source_server import write_config
    from kjc_tui.sources.run import fetch_all

    cfg = write_config(tmp_path, db, f"""
[sources.k]
kind = "kennzahlen_48a"
url = "{server.url('/leer/Kennzahlen-System-A-{monat}-{jahr}-CSV.zip')}"
look_back = 3
""")
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=lambda s: None, today=date(2026, 2, 10)).results
    assert r.status == "failed" and r.requests == 3
    assert r.message.endswith("keine Veröffentlichung von Dezember 2025 bis Februar 2026 gefunden (HTTP 404); "
                              "look_back erhöhen oder die Adresse (url) prüfen")
    assert db.read_bytes() == before
